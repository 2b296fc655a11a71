/** SQL of the chat channels: their accounts, the people who write to them, their cases, the deliveries taken. */
import { z } from 'zod';
import { CASE_STATUSES } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';

export const CHAT_PROVIDERS = ['line', 'facebook'] as const;
export type ChatProvider = (typeof CHAT_PROVIDERS)[number];

const ChatAccountRowSchema = z
  .object({
    agencyChannelId: z.string(),
    agencyId: z.string(),
    agencyCode: z.string(),
    agencyNameTh: z.string(),
    provider: z.enum(CHAT_PROVIDERS),
    secrets: z.string(),
    apiBase: z.string().nullable(),
  })
  .describe('chat account');
export type ChatAccountRow = z.output<typeof ChatAccountRowSchema>;

const ACCOUNT_COLUMNS = `a.agency_channel_id, c.agency_id, g.code AS agency_code, g.name_th AS agency_name_th, a.provider, a.secrets, a.api_base`;
const ACCOUNT_FROM = `chat_accounts a JOIN agency_channels c ON c.id = a.agency_channel_id JOIN agencies g ON g.id = c.agency_id`;

export async function upsertChatAccount(
  db: Queryable,
  account: { agencyChannelId: string; provider: ChatProvider; secrets: string; apiBase: string | null; now: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO chat_accounts (agency_channel_id, provider, secrets, api_base, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agency_channel_id) DO UPDATE SET secrets = EXCLUDED.secrets, api_base = EXCLUDED.api_base, updated_at = EXCLUDED.updated_at`,
    [account.agencyChannelId, account.provider, account.secrets, account.apiBase, account.now],
  );
}

/** The agency's account on `provider` through an active channel (the first it lists), if it has one. */
export async function findChatAccountOfAgency(db: Queryable, agencyCode: string, provider: ChatProvider): Promise<ChatAccountRow | undefined> {
  return queryRow(
    db,
    ChatAccountRowSchema,
    `SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM}
     WHERE g.code = $1 AND a.provider = $2 AND c.active ORDER BY c.position, c.created_at LIMIT 1`,
    [agencyCode, provider],
  );
}

const ChatAccountStateRowSchema = z.object({ provider: z.enum(CHAT_PROVIDERS), name: z.string(), updatedAt: z.date() }).describe('chat account state');
export type ChatAccountStateRow = z.output<typeof ChatAccountStateRowSchema>;

/**
 * The agency's accounts, one a provider (the one findChatAccountOfAgency takes): the name people
 * know it by — the LINE id, else the channel's label (a page's is "Facebook <page name>") — and
 * when its credentials were last set. Never the secrets.
 */
export async function listChatAccountStates(db: Queryable, agencyId: string): Promise<ChatAccountStateRow[]> {
  return queryRows(
    db,
    ChatAccountStateRowSchema,
    `SELECT DISTINCT ON (a.provider) a.provider, COALESCE(c.line_id, c.label_th) AS name, a.updated_at
     FROM chat_accounts a JOIN agency_channels c ON c.id = a.agency_channel_id
     WHERE c.agency_id = $1 AND c.active ORDER BY a.provider, c.position, c.created_at`,
    [agencyId],
  );
}

export async function findChatAccount(db: Queryable, agencyChannelId: string): Promise<ChatAccountRow | undefined> {
  return queryRow(db, ChatAccountRowSchema, `SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM} WHERE a.agency_channel_id = $1`, [agencyChannelId]);
}

const ChatUserRowSchema = z
  .object({ id: z.string(), userCiphertext: z.string(), stateCiphertext: z.string().nullable(), lastMessageAt: z.date() })
  .describe('chat user');
export type ChatUserRow = z.output<typeof ChatUserRowSchema>;

/**
 * The person behind `userHash` on the account, created when new. LINE and Messenger send a
 * person's events in order; two handled at once would both start from the same step, and the
 * later answer's state is kept.
 */
export async function findOrAddChatUser(db: Queryable, user: { agencyChannelId: string; userHash: string; userCiphertext: string; now: Date }): Promise<ChatUserRow> {
  await db.query(
    `INSERT INTO chat_users (agency_channel_id, user_hash, user_ciphertext, last_message_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (agency_channel_id, user_hash) DO NOTHING`,
    [user.agencyChannelId, user.userHash, user.userCiphertext, user.now],
  );
  const row = await queryRow(
    db,
    ChatUserRowSchema,
    `SELECT id, user_ciphertext, state_ciphertext, last_message_at FROM chat_users WHERE agency_channel_id = $1 AND user_hash = $2`,
    [user.agencyChannelId, user.userHash],
  );
  if (!row) throw new Error('the chat user was not stored');
  return row;
}

export async function saveChatState(db: Queryable, id: string, stateCiphertext: string | null, now: Date): Promise<void> {
  await db.query('UPDATE chat_users SET state_ciphertext = $2, last_message_at = $3 WHERE id = $1', [id, stateCiphertext, now]);
}

export async function linkChatCase(db: Queryable, link: { caseId: string; chatUserId: string; now: Date }): Promise<void> {
  await db.query('INSERT INTO chat_cases (case_id, chat_user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING', [link.caseId, link.chatUserId, link.now]);
}

const ChatCaseRowSchema = z
  .object({ caseId: z.string(), trackingCode: z.string(), status: z.enum(CASE_STATUSES), receivedAt: z.date(), dueDate: z.string() })
  .describe('chat case');
export type ChatCaseRow = z.output<typeof ChatCaseRowSchema>;

const CASE_COLUMNS = `c.id AS case_id, c.tracking_code, c.status, c.received_at, c.due_date::text AS due_date`;

/** The person's cases filed in the chat, newest first. */
export async function listChatCases(db: Queryable, chatUserId: string, limit: number): Promise<ChatCaseRow[]> {
  return queryRows(
    db,
    ChatCaseRowSchema,
    `SELECT ${CASE_COLUMNS} FROM chat_cases l JOIN cases c ON c.id = l.case_id WHERE l.chat_user_id = $1 ORDER BY c.received_at DESC, c.id LIMIT $2`,
    [chatUserId, limit],
  );
}

/** One of the person's cases, by its tracking code. */
export async function findChatCase(db: Queryable, chatUserId: string, trackingCode: string): Promise<ChatCaseRow | undefined> {
  return queryRow(db, ChatCaseRowSchema, `SELECT ${CASE_COLUMNS} FROM chat_cases l JOIN cases c ON c.id = l.case_id WHERE l.chat_user_id = $1 AND c.tracking_code = $2`, [
    chatUserId,
    trackingCode,
  ]);
}

const ChatRecipientRowSchema = z.object({ agencyChannelId: z.string(), provider: z.enum(CHAT_PROVIDERS), userCiphertext: z.string(), chatUserId: z.string() }).describe('chat recipient');
export type ChatRecipientRow = z.output<typeof ChatRecipientRowSchema>;

/** Who filed the case in a chat, and through which account: news of it goes back there. */
export async function findChatRecipient(db: Queryable, caseId: string): Promise<ChatRecipientRow | undefined> {
  return queryRow(
    db,
    ChatRecipientRowSchema,
    `SELECT u.agency_channel_id, a.provider, u.user_ciphertext, u.id AS chat_user_id
     FROM chat_cases l JOIN chat_users u ON u.id = l.chat_user_id JOIN chat_accounts a ON a.agency_channel_id = u.agency_channel_id
     WHERE l.case_id = $1`,
    [caseId],
  );
}

/** Takes a delivery by the platform's id; false when it was taken before (a retry). */
export async function claimDelivery(db: Queryable, delivery: { agencyChannelId: string; eventId: string; now: Date }): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO chat_deliveries (agency_channel_id, event_id, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
    [delivery.agencyChannelId, delivery.eventId, delivery.now],
  );
  return rows.length > 0;
}

/** Gives a delivery back when taking it failed, so the platform's retry is taken. */
export async function releaseDelivery(db: Queryable, delivery: { agencyChannelId: string; eventId: string }): Promise<void> {
  await db.query('DELETE FROM chat_deliveries WHERE agency_channel_id = $1 AND event_id = $2', [delivery.agencyChannelId, delivery.eventId]);
}

const IdleConversationRowSchema = z.object({ id: z.string(), agencyChannelId: z.string(), userCiphertext: z.string(), lastMessageAt: z.date() }).describe('idle conversation');
export type IdleConversationRow = z.output<typeof IdleConversationRowSchema>;

/** Conversations under way on `provider`'s accounts that nobody wrote to since `before`, oldest first. */
export async function findIdleConversations(db: Queryable, provider: ChatProvider, before: Date, limit: number): Promise<IdleConversationRow[]> {
  return queryRows(
    db,
    IdleConversationRowSchema,
    `SELECT u.id, u.agency_channel_id, u.user_ciphertext, u.last_message_at FROM chat_users u JOIN chat_accounts a ON a.agency_channel_id = u.agency_channel_id
     WHERE a.provider = $1 AND u.state_ciphertext IS NOT NULL AND u.last_message_at < $2 ORDER BY u.last_message_at LIMIT $3`,
    [provider, before, limit],
  );
}

/** Ends a conversation still as it was when found idle (the person has not written since); false otherwise. */
export async function dropConversation(db: Queryable, id: string, lastMessageAt: Date): Promise<boolean> {
  const rows = await db.query('UPDATE chat_users SET state_ciphertext = NULL WHERE id = $1 AND last_message_at = $2 AND state_ciphertext IS NOT NULL RETURNING id', [id, lastMessageAt]);
  return rows.length > 0;
}
