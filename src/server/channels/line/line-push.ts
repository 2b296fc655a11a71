/**
 * The `line` notification channel: news of a case pushed to the citizen who filed it through
 * LINE, by the official account that took it in (message.via names that account's channel).
 * A failing push throws, so the notification job is retried; the retry key, derived from the
 * message's reference, lets LINE drop a push it already delivered.
 */
import { createHash } from 'node:crypto';
import { findChatAccount } from '../../chat/chat-queries.ts';
import type { NotificationChannel } from '../../notifications/channels.ts';
import type { AppContext } from '../../platform/context.ts';
import { lineAccountOf } from './line-api.ts';

/** A UUID (as X-Line-Retry-Key must be) that is the same for the same reference. */
export function retryKeyOf(reference: string): string {
  const hex = createHash('sha256').update(`rongthuk:line-push:${reference}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function createLinePushChannel(ctx: AppContext): NotificationChannel {
  return {
    kind: 'line',
    async send(message) {
      if (!message.via) throw new Error('a LINE push needs the account it goes through');
      const row = await findChatAccount(ctx.db, message.via);
      if (!row || row.provider !== 'line') throw new Error(`no LINE account for channel ${message.via}`);
      const account = lineAccountOf(ctx, row);
      await account.api.pushMessage({ to: message.to, messages: [{ type: 'text', text: message.text.slice(0, 5000) }] }, message.reference ? retryKeyOf(message.reference) : undefined);
    },
  };
}
