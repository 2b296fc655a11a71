/** SQL of the exchange: the links of cases to partner systems and the message log. */
import { z } from 'zod';
import type { ExchangeAnswer } from '../../shared/api/exchange-messages.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows, storedJson } from '../platform/rows.ts';

export type LinkDirection = 'received' | 'sent';

const CaseLinkRowSchema = z
  .object({
    caseId: z.string(),
    partnerId: z.string(),
    partnerCode: z.string(),
    partnerName: z.string(),
    partnerDelivery: z.enum(['api', 'file']),
    direction: z.enum(['received', 'sent']),
    threadOrigin: z.string(),
    threadRef: z.string(),
    remoteReference: z.string().nullable(),
    remoteTrackingCode: z.string().nullable(),
    active: z.boolean(),
    nextOutSeq: z.number(),
    lastInSeq: z.number(),
  })
  .describe('case link');
export type CaseLink = z.output<typeof CaseLinkRowSchema>;

const LINK_SELECT = `
  SELECT l.case_id, l.partner_id, p.code AS partner_code, p.name AS partner_name, p.delivery AS partner_delivery, l.direction, l.thread_origin, l.thread_ref,
         l.remote_reference, l.remote_tracking_code, l.active, l.next_out_seq, l.last_in_seq
    FROM case_links l JOIN partners p ON p.id = l.partner_id`;

/** Every link of a case, sent first. */
export async function listCaseLinks(db: Queryable, caseId: string): Promise<CaseLink[]> {
  return queryRows(db, CaseLinkRowSchema, `${LINK_SELECT} WHERE l.case_id = $1 ORDER BY l.direction DESC, p.code`, [caseId]);
}

/** The link of a thread with a partner, locked when asked (a message of the thread is being applied). */
export async function findLinkByThread(db: Queryable, partnerId: string, thread: { origin: string; ref: string }, options: { lock?: boolean } = {}): Promise<CaseLink | undefined> {
  return queryRow(
    db,
    CaseLinkRowSchema,
    `${LINK_SELECT} WHERE l.partner_id = $1 AND l.thread_origin = $2 AND l.thread_ref = $3${options.lock ? ' FOR UPDATE OF l' : ''}`,
    [partnerId, thread.origin, thread.ref],
  );
}

/** Creates a case's link to a partner, or makes the existing one active again (a case sent to it once more). */
export async function upsertCaseLink(
  db: Queryable,
  link: { caseId: string; partnerId: string; direction: LinkDirection; threadOrigin: string; threadRef: string; remoteReference?: string | null; remoteTrackingCode?: string | null; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO case_links (case_id, partner_id, direction, thread_origin, thread_ref, remote_reference, remote_tracking_code, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (case_id, partner_id) DO UPDATE SET active = true,
       remote_reference = COALESCE(EXCLUDED.remote_reference, case_links.remote_reference),
       remote_tracking_code = COALESCE(EXCLUDED.remote_tracking_code, case_links.remote_tracking_code)`,
    [link.caseId, link.partnerId, link.direction, link.threadOrigin, link.threadRef, link.remoteReference ?? null, link.remoteTrackingCode ?? null, link.at],
  );
}

/** A received thread's link moves to a new case (the partner sent the case again after we returned it). */
export async function moveLinkToCase(db: Queryable, partnerId: string, fromCaseId: string, toCaseId: string): Promise<void> {
  await db.query('UPDATE case_links SET case_id = $3, active = true WHERE partner_id = $1 AND case_id = $2', [partnerId, fromCaseId, toCaseId]);
}

/** The case left the partners that held it but `partnerId`. */
export async function deactivateOtherSentLinks(db: Queryable, caseId: string, partnerId: string): Promise<void> {
  await db.query("UPDATE case_links SET active = false WHERE case_id = $1 AND partner_id <> $2 AND direction = 'sent' AND active", [caseId, partnerId]);
}

export async function setLinkActive(db: Queryable, caseId: string, partnerId: string, active: boolean): Promise<void> {
  await db.query('UPDATE case_links SET active = $3 WHERE case_id = $1 AND partner_id = $2', [caseId, partnerId, active]);
}

/** Takes the next sequence number of what we send in a link's thread. */
export async function takeOutSeq(db: Queryable, caseId: string, partnerId: string): Promise<number> {
  const row = await queryRow(
    db,
    z.object({ seq: z.number() }).describe('seq'),
    'UPDATE case_links SET next_out_seq = next_out_seq + 1 WHERE case_id = $1 AND partner_id = $2 RETURNING next_out_seq - 1 AS seq',
    [caseId, partnerId],
  );
  if (!row) throw new Error(`no link of case ${caseId} with partner ${partnerId}`);
  return row.seq;
}

export async function setLastInSeq(db: Queryable, caseId: string, partnerId: string, seq: number): Promise<void> {
  await db.query('UPDATE case_links SET last_in_seq = $3 WHERE case_id = $1 AND partner_id = $2', [caseId, partnerId, seq]);
}

/** The partner's reference of a case we sent, from its answer to the transfer. */
export async function setRemoteReference(db: Queryable, caseId: string, partnerId: string, reference: string, trackingCode: string | null): Promise<void> {
  await db.query('UPDATE case_links SET remote_reference = $3, remote_tracking_code = COALESCE($4, remote_tracking_code) WHERE case_id = $1 AND partner_id = $2', [
    caseId,
    partnerId,
    reference,
    trackingCode,
  ]);
}

export type MessageState = 'queued' | 'delivered' | 'failed' | 'dead' | 'exported' | 'applied' | 'pending';

const AnswerSchema = z.object({ id: z.string(), status: z.enum(['applied', 'pending']), reference: z.string().optional(), trackingCode: z.string().optional() });

const MessageRowSchema = z
  .object({
    id: z.string(),
    direction: z.enum(['out', 'in']),
    messageId: z.string(),
    partnerId: z.string(),
    partnerCode: z.string(),
    partnerName: z.string(),
    caseId: z.string().nullable(),
    type: z.string(),
    threadOrigin: z.string(),
    threadRef: z.string(),
    seq: z.number(),
    envelope: storedJson(z.record(z.string(), z.unknown())),
    jws: z.string().nullable(),
    state: z.enum(['queued', 'delivered', 'failed', 'dead', 'exported', 'applied', 'pending']),
    attempts: z.number(),
    lastError: z.string().nullable(),
    answer: storedJson(AnswerSchema).nullable(),
    createdAt: z.date(),
    settledAt: z.date().nullable(),
  })
  .describe('exchange message');
export type StoredMessage = z.output<typeof MessageRowSchema>;

const MESSAGE_SELECT = `
  SELECT m.id, m.direction, m.message_id, m.partner_id, p.code AS partner_code, p.name AS partner_name, m.case_id, m.type,
         m.thread_origin, m.thread_ref, m.seq, m.envelope, m.jws, m.state, m.attempts, m.last_error, m.answer, m.created_at, m.settled_at
    FROM exchange_messages m JOIN partners p ON p.id = m.partner_id`;

export interface NewMessage {
  direction: 'out' | 'in';
  messageId: string;
  partnerId: string;
  caseId: string | null;
  type: string;
  thread: { origin: string; ref: string };
  seq: number;
  envelope: object;
  jws: string | null;
  state: MessageState;
  answer?: ExchangeAnswer | null;
  at: Date;
}

/** Stores a message; undefined when the partner's message id is stored already (a repeat). */
export async function insertMessage(db: Queryable, message: NewMessage): Promise<string | undefined> {
  const row = await queryRow(
    db,
    z.object({ id: z.string() }).describe('id'),
    `INSERT INTO exchange_messages (direction, message_id, partner_id, case_id, type, thread_origin, thread_ref, seq, envelope, jws, state, answer, created_at, settled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, CASE WHEN $11 IN ('applied', 'delivered') THEN $13::timestamptz END)
     ON CONFLICT (direction, partner_id, message_id) DO NOTHING RETURNING id`,
    [
      message.direction,
      message.messageId,
      message.partnerId,
      message.caseId,
      message.type,
      message.thread.origin,
      message.thread.ref,
      message.seq,
      JSON.stringify(message.envelope),
      message.jws,
      message.state,
      message.answer ? JSON.stringify(message.answer) : null,
      message.at,
    ],
  );
  return row?.id;
}

export async function findMessage(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<StoredMessage | undefined> {
  return queryRow(db, MessageRowSchema, `${MESSAGE_SELECT} WHERE m.id = $1${options.lock ? ' FOR UPDATE OF m' : ''}`, [id]);
}

/** A partner's inbound message by its own id (a repeat is answered from it). */
export async function findInboundMessage(db: Queryable, partnerId: string, messageId: string): Promise<StoredMessage | undefined> {
  return queryRow(db, MessageRowSchema, `${MESSAGE_SELECT} WHERE m.direction = 'in' AND m.partner_id = $1 AND m.message_id = $2`, [partnerId, messageId]);
}

/** The held inbound message of a thread with sequence number `seq`, if it came. */
export async function findPendingInbound(db: Queryable, partnerId: string, thread: { origin: string; ref: string }, seq: number): Promise<StoredMessage | undefined> {
  return queryRow(
    db,
    MessageRowSchema,
    `${MESSAGE_SELECT} WHERE m.direction = 'in' AND m.state = 'pending' AND m.partner_id = $1 AND m.thread_origin = $2 AND m.thread_ref = $3 AND m.seq = $4
      ORDER BY m.created_at LIMIT 1`,
    [partnerId, thread.origin, thread.ref, seq],
  );
}

export async function settleInbound(db: Queryable, id: string, update: { state: 'applied'; caseId: string | null; answer: ExchangeAnswer; at: Date }): Promise<void> {
  await db.query('UPDATE exchange_messages SET state = $2, case_id = COALESCE($3, case_id), answer = $4, settled_at = $5 WHERE id = $1', [
    id,
    update.state,
    update.caseId,
    JSON.stringify(update.answer),
    update.at,
  ]);
}

/** An outbound message's delivery: each attempt's JWS and outcome. */
export async function recordDelivery(
  db: Queryable,
  id: string,
  update: { state: 'delivered' | 'failed' | 'dead' | 'queued' | 'exported'; jws?: string | null; lastError?: string | null; answer?: ExchangeAnswer | null; at: Date; countAttempt: boolean },
): Promise<void> {
  await db.query(
    `UPDATE exchange_messages
        SET state = $2, jws = COALESCE($3, jws), last_error = $4, answer = COALESCE($5, answer),
            attempts = attempts + CASE WHEN $6 THEN 1 ELSE 0 END,
            settled_at = CASE WHEN $2 IN ('delivered', 'dead', 'exported') THEN $7::timestamptz END
      WHERE id = $1`,
    [id, update.state, update.jws ?? null, update.lastError ?? null, update.answer ? JSON.stringify(update.answer) : null, update.countAttempt, update.at],
  );
}

/** A case's exchange trail: every message sent and received, oldest first. */
export async function listCaseMessages(db: Queryable, caseId: string): Promise<StoredMessage[]> {
  return queryRows(db, MessageRowSchema, `${MESSAGE_SELECT} WHERE m.case_id = $1 ORDER BY m.created_at, m.direction, m.seq`, [caseId]);
}

/** Messages by newest first, for the administrators' view (keyset pages on created_at, id). */
export async function listMessages(
  db: Queryable,
  filter: { partnerId?: string | undefined; direction?: 'out' | 'in' | undefined; state?: MessageState | undefined; before?: { at: Date; id: string } | undefined; limit: number },
): Promise<StoredMessage[]> {
  return queryRows(
    db,
    MessageRowSchema,
    `${MESSAGE_SELECT}
      WHERE ($1::uuid IS NULL OR m.partner_id = $1) AND ($2::text IS NULL OR m.direction = $2) AND ($3::text IS NULL OR m.state = $3)
        AND ($4::timestamptz IS NULL OR (m.created_at, m.id) < ($4, $5::uuid))
      ORDER BY m.created_at DESC, m.id DESC LIMIT $6`,
    [filter.partnerId ?? null, filter.direction ?? null, filter.state ?? null, filter.before?.at ?? null, filter.before?.id ?? null, filter.limit],
  );
}

/** Counts of a partner's messages by direction and state. */
export async function countMessagesByState(db: Queryable, partnerId: string): Promise<Array<{ direction: 'out' | 'in'; state: MessageState; count: number }>> {
  return queryRows(
    db,
    z.object({ direction: z.enum(['out', 'in']), state: z.enum(['queued', 'delivered', 'failed', 'dead', 'exported', 'applied', 'pending']), count: z.number() }).describe('message count'),
    'SELECT direction, state, count(*)::int AS count FROM exchange_messages WHERE partner_id = $1 GROUP BY direction, state ORDER BY direction, state',
    [partnerId],
  );
}

/** Every stored JWS, in pages by id (for `rongthuk exchange verify`). */
export async function listSignedMessages(db: Queryable, afterId: string | null, limit: number): Promise<StoredMessage[]> {
  return queryRows(db, MessageRowSchema, `${MESSAGE_SELECT} WHERE m.jws IS NOT NULL AND ($1::uuid IS NULL OR m.id > $1) ORDER BY m.id LIMIT $2`, [afterId, limit]);
}

const ServingPartnerSchema = z
  .object({ id: z.string(), code: z.string(), name: z.string(), delivery: z.enum(['api', 'file']), identity: z.enum(['none', 'contact', 'full']), textSharing: z.enum(['redacted', 'full']), attachments: z.boolean() })
  .describe('serving partner');
export type ServingPartner = z.output<typeof ServingPartnerSchema>;

const SERVING_PARTNER_COLUMNS = 'p.id, p.code, p.name, p.delivery, p.identity, p.text_sharing, p.attachments';

/** The active partner system that serves an agency of our tree, if any. */
export async function findPartnerServing(db: Queryable, agencyId: string): Promise<ServingPartner | undefined> {
  return queryRow(
    db,
    ServingPartnerSchema,
    `SELECT ${SERVING_PARTNER_COLUMNS} FROM partner_agencies pa JOIN partners p ON p.id = pa.partner_id WHERE pa.agency_id = $1 AND p.active`,
    [agencyId],
  );
}

/** A partner's sharing agreement, by id. */
export async function findSharingAgreement(db: Queryable, partnerId: string): Promise<ServingPartner | undefined> {
  return queryRow(db, ServingPartnerSchema, `SELECT ${SERVING_PARTNER_COLUMNS} FROM partners p WHERE p.id = $1`, [partnerId]);
}

/** A partner with what the receiving side needs: its keys and whether it is active. */
const PartnerKeysSchema = z
  .object({ id: z.string(), code: z.string(), name: z.string(), active: z.boolean(), baseUrl: z.string().nullable(), jwksUrl: z.string().nullable(), jwks: storedJson(z.object({ keys: z.array(z.record(z.string(), z.unknown())) })).nullable() })
  .describe('partner keys');
export type PartnerKeys = z.output<typeof PartnerKeysSchema>;

export async function findPartnerKeys(db: Queryable, code: string): Promise<PartnerKeys | undefined> {
  return queryRow(db, PartnerKeysSchema, 'SELECT id, code, name, active, base_url, jwks_url, jwks FROM partners WHERE code = $1', [code]);
}

export async function findPartnerKeysById(db: Queryable, id: string): Promise<PartnerKeys | undefined> {
  return queryRow(db, PartnerKeysSchema, 'SELECT id, code, name, active, base_url, jwks_url, jwks FROM partners WHERE id = $1', [id]);
}

/** Does any message name the partner? Then it is deactivated, never deleted: the log keeps it. */
export async function partnerHasMessages(db: Queryable, partnerId: string): Promise<boolean> {
  const row = await queryRow(db, z.object({ found: z.boolean() }).describe('found'), 'SELECT EXISTS (SELECT 1 FROM exchange_messages WHERE partner_id = $1) OR EXISTS (SELECT 1 FROM case_links WHERE partner_id = $1) AS found', [
    partnerId,
  ]);
  return row?.found ?? false;
}

/** Serialises the messages of one thread from one partner (two deliveries at once apply in order). */
export async function lockThread(db: Queryable, partnerId: string, thread: { origin: string; ref: string }): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2 || '/' || $3, 0))", [partnerId, thread.origin, thread.ref]);
}

/** The active link of a case we hold for the partner system it came from, if it came from one. */
export async function findOriginLink(db: Queryable, caseId: string): Promise<CaseLink | undefined> {
  return queryRow(db, CaseLinkRowSchema, `${LINK_SELECT} WHERE l.case_id = $1 AND l.direction = 'received' AND l.active`, [caseId]);
}

/** The answer given to a message that waits (pending): a repeat of it is answered the same. */
export async function setMessageAnswer(db: Queryable, id: string, answer: ExchangeAnswer): Promise<void> {
  await db.query('UPDATE exchange_messages SET answer = $2 WHERE id = $1', [id, JSON.stringify(answer)]);
}

/**
 * A file partner's queued outbound messages, oldest first (a thread's in sequence order),
 * locked: an export takes them once, and two exports at once do not take the same.
 */
export async function listQueuedOutbound(db: Queryable, partnerId: string, limit: number): Promise<StoredMessage[]> {
  return queryRows(
    db,
    MessageRowSchema,
    `${MESSAGE_SELECT} WHERE m.partner_id = $1 AND m.direction = 'out' AND m.state = 'queued'
      ORDER BY m.created_at, m.thread_origin, m.thread_ref, m.seq LIMIT $2 FOR UPDATE OF m`,
    [partnerId, limit],
  );
}
