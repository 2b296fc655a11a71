/** SQL of e-mail intake: the mailboxes polled, the messages taken, the Message-IDs of each case's thread, the messages held. */
import { z } from 'zod';
import type { Queryable } from '../../platform/database.ts';
import { IdRow, queryRow, queryRows } from '../../platform/rows.ts';

const MailboxRowSchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agencyCode: z.string(),
    /** Null once an administrator removed the channel: the mailbox is not polled. */
    agencyChannelId: z.string().nullable(),
    /** The address citizens write to (the channel's e-mail). */
    address: z.string().nullable(),
    imapUrlCiphertext: z.string(),
    folder: z.string(),
  })
  .describe('e-mail mailbox');
export type MailboxRow = z.output<typeof MailboxRowSchema>;

const MAILBOX_COLUMNS = `m.id, m.agency_id, a.code AS agency_code, m.agency_channel_id, ch.email AS address, m.imap_url_ciphertext, m.folder`;
const MAILBOX_FROM = `email_mailboxes m JOIN agencies a ON a.id = m.agency_id LEFT JOIN agency_channels ch ON ch.id = m.agency_channel_id`;

/** The active mailboxes, the longest unpolled first, at most `limit`. */
export async function listMailboxesToPoll(db: Queryable, limit: number): Promise<MailboxRow[]> {
  return queryRows(
    db,
    MailboxRowSchema,
    `SELECT ${MAILBOX_COLUMNS} FROM ${MAILBOX_FROM} WHERE m.active AND ch.active ORDER BY m.polled_at NULLS FIRST, m.id LIMIT $1`,
    [limit],
  );
}

export async function findMailboxById(db: Queryable, id: string): Promise<MailboxRow | undefined> {
  return queryRow(db, MailboxRowSchema, `SELECT ${MAILBOX_COLUMNS} FROM ${MAILBOX_FROM} WHERE m.id = $1`, [id]);
}

export async function findMailboxOfAgency(db: Queryable, agencyId: string, options: { lock?: boolean } = {}): Promise<MailboxRow | undefined> {
  return queryRow(db, MailboxRowSchema, `SELECT ${MAILBOX_COLUMNS} FROM ${MAILBOX_FROM} WHERE m.agency_id = $1${options.lock ? ' FOR UPDATE OF m' : ''}`, [agencyId]);
}

export async function insertMailbox(db: Queryable, mailbox: { id: string; agencyId: string; agencyChannelId: string; imapUrlCiphertext: string; folder: string; now: Date }): Promise<void> {
  await db.query(
    `INSERT INTO email_mailboxes (id, agency_id, agency_channel_id, imap_url_ciphertext, folder, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
    [mailbox.id, mailbox.agencyId, mailbox.agencyChannelId, mailbox.imapUrlCiphertext, mailbox.folder, mailbox.now],
  );
}

export async function updateMailbox(db: Queryable, id: string, values: { agencyChannelId: string; imapUrlCiphertext: string; folder: string; now: Date }): Promise<void> {
  await db.query(
    `UPDATE email_mailboxes SET agency_channel_id = $2, imap_url_ciphertext = $3, folder = $4, active = true, poll_error = NULL, updated_at = $5 WHERE id = $1`,
    [id, values.agencyChannelId, values.imapUrlCiphertext, values.folder, values.now],
  );
}

/** The poll's end: when, and a short code of what went wrong (null when nothing did). */
export async function recordPoll(db: Queryable, id: string, at: Date, error: string | null): Promise<void> {
  await db.query('UPDATE email_mailboxes SET polled_at = $2, poll_error = $3 WHERE id = $1', [id, at, error]);
}

export type MessageOutcome = 'case' | 'message' | 'ignored' | 'held';

/**
 * Claims message `uid` of the folder for this transaction: its id, or undefined when it was
 * taken already (by an earlier poll, or by another worker that then committed).
 */
export async function claimMessage(
  db: Queryable,
  message: { mailboxId: string; uidValidity: number; uid: number; messageIdHash: string | null; outcome: MessageOutcome; reason: string | null; caseId: string | null; at: Date },
): Promise<string | undefined> {
  const row = await queryRow(
    db,
    IdRow,
    `INSERT INTO email_messages (mailbox_id, uid_validity, uid, message_id_hash, outcome, reason, case_id, taken_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (mailbox_id, uid_validity, uid) DO NOTHING RETURNING id`,
    [message.mailboxId, message.uidValidity, message.uid, message.messageIdHash, message.outcome, message.reason, message.caseId, message.at],
  );
  return row?.id;
}

/** Whether the folder's message `uid` was taken already. */
export async function messageTaken(db: Queryable, mailboxId: string, uidValidity: number, uid: number): Promise<boolean> {
  return (await queryRow(db, IdRow, 'SELECT id FROM email_messages WHERE mailbox_id = $1 AND uid_validity = $2 AND uid = $3', [mailboxId, uidValidity, uid])) !== undefined;
}

/** Whether a message with this Message-ID came to the mailbox before (a copy, or the folder renumbered). */
export async function messageIdTaken(db: Queryable, mailboxId: string, messageIdHash: string): Promise<boolean> {
  return (await queryRow(db, IdRow, 'SELECT id FROM email_messages WHERE mailbox_id = $1 AND message_id_hash = $2 LIMIT 1', [mailboxId, messageIdHash])) !== undefined;
}

/** The highest UID taken under this UIDVALIDITY (0 for none): the next poll looks above it. */
export async function highestTakenUid(db: Queryable, mailboxId: string, uidValidity: number): Promise<number> {
  const row = await queryRow(db, z.object({ uid: z.number() }).describe('highest uid'), 'SELECT coalesce(max(uid), 0)::bigint AS uid FROM email_messages WHERE mailbox_id = $1 AND uid_validity = $2', [
    mailboxId,
    uidValidity,
  ]);
  return row?.uid ?? 0;
}

export async function setMessageCase(db: Queryable, id: string, caseId: string): Promise<void> {
  await db.query('UPDATE email_messages SET case_id = $2 WHERE id = $1', [id, caseId]);
}

/** Remembers Message-IDs (hashed) as part of a case's thread. */
export async function addThreadIds(db: Queryable, caseId: string, messageIdHashes: readonly string[]): Promise<void> {
  for (const hash of messageIdHashes) {
    await db.query('INSERT INTO email_thread_ids (message_id_hash, case_id) VALUES ($1, $2) ON CONFLICT (message_id_hash) DO NOTHING', [hash, caseId]);
  }
}

/** The case a thread of these Message-IDs (hashed) belongs to, the first one known. */
export async function findThreadCase(db: Queryable, messageIdHashes: readonly string[]): Promise<string | undefined> {
  for (const hash of messageIdHashes) {
    const row = await queryRow(db, z.object({ caseId: z.string() }).describe('thread case'), 'SELECT case_id FROM email_thread_ids WHERE message_id_hash = $1', [hash]);
    if (row) return row.caseId;
  }
  return undefined;
}

/** Whether the case's complainant gave the e-mail address of this keyed hash (and is not anonymous). */
export async function complainantHasEmail(db: Queryable, caseId: string, emailHash: string): Promise<boolean> {
  const row = await queryRow(
    db,
    IdRow,
    `SELECT c.id FROM cases c JOIN complainants p ON p.id = c.complainant_id WHERE c.id = $1 AND NOT c.anonymous AND p.email_hash = $2`,
    [caseId, emailHash],
  );
  return row !== undefined;
}

export async function insertHeldMessage(db: Queryable, held: { id: string; emailMessageId: string; mailboxId: string; reason: string; sizeBytes: number; rawCiphertext: string; at: Date }): Promise<void> {
  await db.query(
    `INSERT INTO email_held_messages (id, email_message_id, mailbox_id, reason, size_bytes, raw_ciphertext, held_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [held.id, held.emailMessageId, held.mailboxId, held.reason, held.sizeBytes, held.rawCiphertext, held.at],
  );
}

const HeldRowSchema = z
  .object({ id: z.string(), reason: z.string(), sizeBytes: z.number(), heldAt: z.date(), uid: z.number() })
  .describe('held e-mail');
export type HeldRow = z.output<typeof HeldRowSchema>;

/** The messages of a mailbox kept for a person and not dealt with yet, oldest first; those after `after` (keyset pages). */
export async function listHeldMessages(db: Queryable, mailboxId: string, after: { heldAt: Date; id: string } | undefined, limit: number): Promise<HeldRow[]> {
  return queryRows(
    db,
    HeldRowSchema,
    `SELECT h.id, h.reason, h.size_bytes, h.held_at, m.uid FROM email_held_messages h JOIN email_messages m ON m.id = h.email_message_id
     WHERE h.mailbox_id = $1 AND h.dealt_with_at IS NULL AND ($2::timestamptz IS NULL OR (h.held_at, h.id) > ($2::timestamptz, $3::uuid))
     ORDER BY h.held_at, h.id LIMIT $4`,
    [mailboxId, after?.heldAt ?? null, after?.id ?? null, limit],
  );
}

const HeldContentRowSchema = z.object({ id: z.string(), uid: z.number(), rawCiphertext: z.string(), dealtWithAt: z.date().nullable() }).describe('held e-mail content');

/** One held message with its ciphertext, when it belongs to the mailbox; `lock` for a change to it. */
export async function findHeldRaw(db: Queryable, mailboxId: string, id: string, options: { lock?: boolean } = {}): Promise<z.output<typeof HeldContentRowSchema> | undefined> {
  return queryRow(
    db,
    HeldContentRowSchema,
    `SELECT h.id, m.uid, h.raw_ciphertext, h.dealt_with_at FROM email_held_messages h JOIN email_messages m ON m.id = h.email_message_id
     WHERE h.mailbox_id = $1 AND h.id = $2${options.lock ? ' FOR UPDATE OF h' : ''}`,
    [mailboxId, id],
  );
}

export async function markHeldDealtWith(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE email_held_messages SET dealt_with_at = $2 WHERE id = $1', [id, at]);
}
