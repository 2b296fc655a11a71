/**
 * A citizen reaches a case with its tracking code and access key (รหัสติดตาม). An unknown code
 * and a wrong key give the same 404, in the same time, so neither can be probed. Only the
 * SHA-256 of a key is stored (a key has 120 random bits: no salt needed).
 *
 * A key mailed on request (request-access-key.ts) waits as the case's pending key: both work
 * until the mailed one is first used, which makes it the case's key and ends the old one. So
 * whoever asks for a key with only a tracking code cannot lock the citizen out.
 */
import { randomBytes } from 'node:crypto';
import { formatAccessKey, normaliseAccessKey, normaliseTrackingCode } from '../../shared/tracking-code.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { sameDigest, sha256Hex } from '../platform/crypto.ts';
import type { Queryable } from '../platform/database.ts';
import { notFound } from '../platform/errors.ts';
import type { AuditContent, AuditDetails } from '../../shared/audit-actions.ts';
import type { CaseEventContent } from '../../shared/case-events.ts';
import { appendCaseEvent, findCaseByTrackingCode, lockCase, replaceAccessKey, type CaseRecord } from './queries.ts';

// Compared against when the code is unknown (or no key waits), so every path hashes and compares alike.
const ABSENT_KEY_HASH = sha256Hex('rongthuk:no-such-case');

/** A new access key, to show or send once, and the hash that is stored. */
export function newAccessKey(): { key: string; hash: string } {
  const key = formatAccessKey(randomBytes(15));
  return { key, hash: accessKeyHash(key) };
}

export function accessKeyHash(key: string): string {
  return sha256Hex(normaliseAccessKey(key));
}

/**
 * The case, if the key is its key or its pending one (which then becomes its key). With `tx`,
 * inside that transaction and with the case row locked until it ends; without, read from
 * ctx.db (a pending key is made the case's key in a transaction of its own).
 */
export async function openCaseAsCitizen(ctx: AppContext, trackingCodeInput: string, accessKeyInput: string, tx?: Queryable): Promise<CaseRecord> {
  const db = tx ?? ctx.db;
  const trackingCode = normaliseTrackingCode(trackingCodeInput);
  const record = trackingCode ? await findCaseByTrackingCode(db, trackingCode) : undefined;
  const presented = accessKeyHash(accessKeyInput);
  const matchesKey = sameDigest(record?.accessKeyHash ?? ABSENT_KEY_HASH, presented);
  const matchesPending = sameDigest(record?.pendingAccessKeyHash ?? ABSENT_KEY_HASH, presented);
  if (!record || !(matchesKey || matchesPending)) throw notFound('Complaint', 'เรื่องร้องเรียน');
  // The row is locked only once the key is proven: a code alone cannot hold a case up. Under
  // the lock the key is checked again: staff may have issued a new one since the read above.
  if (tx) return keyUnderLock(tx, (await lockCase(tx, record.id)) ?? record, presented, ctx.now());
  return matchesKey ? record : ctx.db.transaction(async (inner) => keyUnderLock(inner, (await lockCase(inner, record.id)) ?? record, presented, ctx.now()));
}

/**
 * The key presented, checked under the row lock: the case's key opens it; the mailed key, used
 * for the first time, becomes the case's key and the old one stops working (an event and an
 * audit record say so) — of two requests with the same new key, the second finds it is the
 * case's key already; any other key (one revoked since it was first read) opens nothing.
 */
async function keyUnderLock(tx: Queryable, record: CaseRecord, presented: string, now: Date): Promise<CaseRecord> {
  if (sameDigest(record.accessKeyHash, presented)) return record;
  if (!record.pendingAccessKeyHash || !sameDigest(record.pendingAccessKeyHash, presented)) throw notFound('Complaint', 'เรื่องร้องเรียน');
  await replaceAccessKey(tx, record.id, presented);
  await recordAccessKeyEvent(tx, record, {
    type: 'access_key_replaced',
    auditAction: 'case.access_key_replaced',
    actor: { userId: null, agencyId: null, label: 'citizen' },
    payload: { by: 'citizen' },
    auditDetails: { by: 'citizen' },
    at: now,
  });
  return { ...record, accessKeyHash: presented, pendingAccessKeyHash: null };
}

/** The case event's type and payload (internal: the citizen's timeline never shows key changes), and its audit record. */
export type AccessKeyEvent = Extract<CaseEventContent, { type: 'access_key_requested' | 'access_key_replaced' | 'access_key_reissued' }> & {
  actor: { userId: string | null; agencyId: string | null; label: string };
  at: Date;
} & AccessKeyAudit;

type AccessKeyAuditAction = 'case.access_key_request' | 'case.access_key_replaced' | 'case.access_key_reissue';

/** The audit action of a key change and its details besides the tracking code, which every record of one carries. */
type AccessKeyAudit = {
  [A in AccessKeyAuditAction]: { auditAction: A; auditDetails: Omit<AuditDetails<A>, 'trackingCode'> };
}[AccessKeyAuditAction];

/** A change of a case's access key, in the caller's transaction: an internal event and its audit record. Returns the event's number. */
export async function recordAccessKeyEvent(tx: Queryable, record: CaseRecord, event: AccessKeyEvent): Promise<number> {
  // What is left once the audit's fields are taken is the event's type and payload.
  const { auditAction, actor, auditDetails, at, ...content } = event;
  const seq = await appendCaseEvent(tx, {
    caseId: record.id,
    at,
    ...content,
    visibility: 'internal',
    actorUserId: actor.userId,
    actorAgencyId: actor.agencyId,
    statusBefore: record.status,
    statusAfter: record.status,
  });
  await recordAudit(tx, {
    actor: { userId: actor.userId, label: actor.label },
    entityType: 'case',
    entityId: record.id,
    // Each writer's action and details were checked together where it built the event.
    ...({ action: auditAction, details: { trackingCode: record.trackingCode, ...auditDetails } } as AuditContent),
    at,
  });
  return seq;
}
