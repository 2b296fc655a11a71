/**
 * The conversation's replies as Send API messages: text with quick replies (title at most 20
 * characters, thirteen a message); the receipt is its text, which holds the tracking page's
 * address. Messenger has no location button any more: a place is typed, or shared as a location
 * attachment. Pure.
 */
import type { Outgoing } from '../../chat/chat-actions.ts';

const MAX_TEXT = 2000;
const MAX_QUICK_REPLIES = 13;
const MAX_TITLE = 20;

export function facebookMessagesOf(replies: readonly Outgoing[]): Array<Record<string, unknown>> {
  return replies.map((reply) => {
    const quickReplies = (reply.quickReplies ?? []).slice(0, MAX_QUICK_REPLIES).map((choice) => ({
      content_type: 'text',
      title: choice.label.length > MAX_TITLE ? choice.label.slice(0, MAX_TITLE) : choice.label,
      payload: choice.text,
    }));
    return { text: reply.text.slice(0, MAX_TEXT), ...(quickReplies.length ? { quick_replies: quickReplies } : {}) };
  });
}
