/**
 * The audit log: append-only and hash-chained. Each record's hash is SHA-256 over the
 * previous hash and the record's canonical JSON, so altering, removing or reordering any row
 * breaks every hash after it; `verifyAuditChain` names the first broken record.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from './database.ts';

export interface AuditActor {
  userId: string | null;
  /** Who, readable without a join: a username, `citizen`, `system`, a partner name. */
  label: string;
}

export interface AuditEntry {
  actor: AuditActor;
  /** e.g. `case.assign`, `identity.view`, `cases.export`, `auth.login`. */
  action: string;
  entityType: string;
  entityId: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

interface AuditRow {
  seq: number;
  at: Date;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

function recordHash(prevHash: string, record: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  const content = canonicalJson({
    seq: record.seq,
    at: record.at.toISOString(),
    actorUserId: record.actor_user_id,
    actorLabel: record.actor_label,
    action: record.action,
    entityType: record.entity_type,
    entityId: record.entity_id,
    details: record.details,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`, 'utf8').digest('hex');
}

/** Appends one record inside the caller's transaction. */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  const [head] = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_chain_head WHERE singleton FOR UPDATE',
  );
  if (!head) throw new Error('audit chain head is missing');
  // Milliseconds only, as stored and read back by both engines.
  const at = new Date(Math.floor((entry.at ?? new Date()).getTime()));
  const record = {
    seq: head.seq + 1,
    at,
    actor_user_id: entry.actor.userId,
    actor_label: entry.actor.label,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    details: JSON.parse(JSON.stringify(entry.details ?? {})) as Record<string, unknown>,
  };
  const hash = recordHash(head.hash, record);
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor_user_id, actor_label, action, entity_type, entity_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [record.seq, at, record.actor_user_id, record.actor_label, record.action, record.entity_type, record.entity_id, record.details, head.hash, hash],
  );
  await tx.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE singleton', [record.seq, hash]);
}

export type AuditVerification =
  | { ok: true; records: number }
  | { ok: false; records: number; brokenSeq: number; reason: string };

/**
 * Walks the chain in pages and reports the first record that does not verify. It checks the
 * records up to the head as read at the start, so appends while it runs are not mistaken
 * for tampering.
 */
export async function verifyAuditChain(db: Queryable, pageSize = 5000): Promise<AuditVerification> {
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head');
  const lastSeq = head?.seq ?? 0;
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let records = 0;
  while (expectedSeq <= lastSeq) {
    const rows = await db.query<AuditRow>(
      `SELECT seq, at, actor_user_id, actor_label, action, entity_type, entity_id, details, prev_hash, hash
       FROM audit_log WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [expectedSeq, lastSeq, pageSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, records, brokenSeq: expectedSeq, reason: `record ${expectedSeq} is missing` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, records, brokenSeq: row.seq, reason: 'its link to the previous record does not match' };
      }
      if (recordHash(prevHash, row) !== row.hash) {
        return { ok: false, records, brokenSeq: row.seq, reason: 'its content does not match its hash' };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      records += 1;
    }
  }
  if (records < lastSeq) {
    return { ok: false, records, brokenSeq: records + 1, reason: `record ${records + 1} is missing (the chain head expects ${lastSeq} records)` };
  }
  if (lastSeq > 0 && head?.hash !== prevHash) {
    return { ok: false, records, brokenSeq: lastSeq, reason: 'the chain head does not match the last record' };
  }
  return { ok: true, records };
}
