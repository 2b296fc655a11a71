/**
 * `chat.line-idle-sweep`: a LINE conversation left for a day is dropped, and the person is told
 * so by a push from the account, without waiting for them to write again (when they do first,
 * the conversation says it itself: chat/handle-message.ts). Messenger allows no message outside
 * its 24-hour window, so a Facebook conversation is dropped only when the person next writes.
 */
import { dropConversation, findIdleConversations } from '../../chat/chat-queries.ts';
import { decryptChatUserId } from '../../chat/chat-users.ts';
import { IDLE_LIMIT_MS } from '../../chat/conversation.ts';
import { TEXTS } from '../../chat/conversation-texts.ts';
import type { AppContext } from '../../platform/context.ts';
import { defineSweepJob } from '../../platform/jobs.ts';
import { createLinePushChannel } from './line-push.ts';

export const LINE_IDLE_SWEEP_JOB = 'chat.line-idle-sweep';
/** Conversations a sweep ends at most; the next sweep takes the rest. */
const BATCH = 100;

export const lineIdleSweep = defineSweepJob(LINE_IDLE_SWEEP_JOB, 300, (ctx) => dropIdleLineConversations(ctx));

/** One sweep; returns how many conversations it dropped. */
export async function dropIdleLineConversations(ctx: AppContext): Promise<number> {
  const idle = await findIdleConversations(ctx.db, 'line', new Date(ctx.now().getTime() - IDLE_LIMIT_MS), BATCH);
  const push = createLinePushChannel(ctx);
  let dropped = 0;
  for (const row of idle) {
    // Told first, then dropped: a push that fails leaves the conversation for the next sweep (the retry key keeps it one message).
    const to = decryptChatUserId(ctx, row, row.userCiphertext);
    await push.send({ to, via: row.agencyChannelId, subject: '', text: TEXTS.expired, reference: `chat-idle.${row.id}.${row.lastMessageAt.getTime()}` });
    if (await dropConversation(ctx.db, row.id, row.lastMessageAt)) dropped += 1;
  }
  return dropped;
}
