/**
 * A person writing to a chat account is known by the platform's id of them (LINE userId,
 * Facebook page-scoped id): personal data, kept like identity fields — encrypted, bound to the
 * account, with a keyed hash to find it again.
 */
import type { AppContext } from '../platform/context.ts';
import type { ChatAccountRow } from './chat-queries.ts';

const userContext = (agencyChannelId: string) => `chat_user:${agencyChannelId}`;

/** The keyed hash that finds a person of an account again. */
export function chatUserHash(ctx: AppContext, account: Pick<ChatAccountRow, 'agencyChannelId' | 'provider'>, userId: string): string {
  return ctx.protector.keyedHash(`${account.provider}_user`, `${account.agencyChannelId}:${userId}`);
}

export function encryptChatUserId(ctx: AppContext, account: Pick<ChatAccountRow, 'agencyChannelId'>, userId: string): string {
  return ctx.protector.encryptJson(userId, userContext(account.agencyChannelId));
}

/** The platform id of a person, decrypted (to push a message to them). */
export function decryptChatUserId(ctx: AppContext, account: Pick<ChatAccountRow, 'agencyChannelId'>, ciphertext: string): string {
  return ctx.protector.decryptJson<string>(ciphertext, userContext(account.agencyChannelId));
}
