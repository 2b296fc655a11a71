/**
 * The audit log: append-only and hash-chained. Each record's hash is SHA-256 over the
 * previous hash and the record's canonical JSON, so altering, removing or reordering any row
 * breaks every hash after it; `verifyAuditChain` names the first broken record.
 *
 * The hash covers exactly what is stored: text is made storable first (a lone surrogate or a
 * NUL becomes U+FFFD, as a database would store it anyway), and the record is read back as
 * stored and hashed again inside its transaction, so a record that would not verify is never
 * written.
 */
import { createHash } from 'node:crypto';
import { auditContentProblems, type AuditContent } from '../../shared/audit-actions.ts';
import type { Queryable } from './database.ts';
import { storableText } from './validation.ts';

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

/** An audit record the application writes: its action and details are one of the union's (src/shared/audit-actions.ts). */
export type TypedAuditEntry = Omit<AuditEntry, 'action' | 'details'> & AuditContent;

/**
 * Appends one record of the application inside the caller's transaction, after checking its
 * action and details against the union: a record that does not match is a writer's bug, so it
 * throws, naming the action and the fields (never their values), and nothing is written. The
 * record is stored exactly as given — the check changes no byte of what the chain hashes.
 */
export async function recordAudit(tx: Queryable, entry: TypedAuditEntry): Promise<void> {
  const problems = auditContentProblems({ action: entry.action, details: entry.details });
  if (problems) throw new Error(`audit record "${entry.action}" does not match its schema: ${problems.join('; ')}`);
  await appendAudit(tx, entry);
}

/** The columns of a stored record, as AuditRow names them. */
export const AUDIT_COLUMNS = 'seq, at, actor_user_id, actor_label, action, entity_type, entity_id, details, prev_hash, hash';

export interface AuditRow {
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

/** The hash of a record as stored, chained to the previous record's hash. */
export function auditRecordHash(prevHash: string, record: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
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

/**
 * Appends one record inside the caller's transaction, whatever its action: the chain itself,
 * which does not depend on the vocabulary of the actions. The application writes through
 * `recordAudit`, which checks the record first.
 */
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
    actor_label: storableText(entry.actor.label),
    action: storableText(entry.action),
    entity_type: storableText(entry.entityType),
    entity_id: entry.entityId === null ? null : storableText(entry.entityId),
    details: storableJson(entry.details ?? {}) as Record<string, unknown>,
  };
  const hash = auditRecordHash(head.hash, record);
  const [stored] = await tx.query<AuditRow>(
    `INSERT INTO audit_log (seq, at, actor_user_id, actor_label, action, entity_type, entity_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING ${AUDIT_COLUMNS}`,
    [record.seq, at, record.actor_user_id, record.actor_label, record.action, record.entity_type, record.entity_id, record.details, head.hash, hash],
  );
  // What verify will read is what was just stored: refuse (and roll back) anything that would not verify.
  if (!stored || auditRecordHash(head.hash, stored) !== hash) {
    throw new Error(`audit record ${record.seq} would not verify as stored; nothing was written`);
  }
  await tx.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE singleton', [record.seq, hash]);
}

/** A JSON value as a database keeps it: plain JSON, every string and key storable. */
function storableJson(value: unknown): unknown {
  return toStorable(JSON.parse(JSON.stringify(value ?? null)) as unknown);
}

function toStorable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(toStorable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [storableText(key), toStorable(item)]));
  }
  return value;
}

export type AuditVerification =
  | { ok: true; records: number; checkpointsMatched?: number }
  | {
      ok: false;
      records: number;
      brokenSeq: number;
      reason: string;
      /** broken: the chain itself; rewritten / cut: the chain holds but disagrees with a signed checkpoint. */
      kind: 'broken' | 'rewritten' | 'cut';
    };

/** A chain head someone vouched for: a signed checkpoint (audit-checkpoints.ts), already checked. */
export interface CheckpointedHead {
  seq: number;
  hash: string;
  at: string;
}

/** The hash the first record links to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Walks the chain in pages and reports the first record that does not verify. It checks the
 * records up to the head as read at the start, so appends while it runs are not mistaken
 * for tampering. With checkpoints, each checkpointed record must still have the hash it had
 * when the checkpoint was signed (else the log was rewritten) and still exist (else it was cut).
 */
export async function verifyAuditChain(db: Queryable, options: { pageSize?: number; checkpoints?: readonly CheckpointedHead[] } = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5000;
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head');
  const lastSeq = head?.seq ?? 0;
  const checkpoints = [...(options.checkpoints ?? [])].sort((a, b) => a.seq - b.seq);
  let nextCheckpoint = 0;
  let lastMatched: CheckpointedHead | undefined;
  /** Compares every checkpoint of record `seq` with the hash the chain has for it now. */
  const checkAgainstCheckpoints = (seq: number, hash: string, recordsBefore: number): AuditVerification | undefined => {
    while (nextCheckpoint < checkpoints.length && (checkpoints[nextCheckpoint] as CheckpointedHead).seq === seq) {
      const checkpoint = checkpoints[nextCheckpoint] as CheckpointedHead;
      if (checkpoint.hash !== hash) {
        const since = lastMatched ? `after record ${lastMatched.seq}, which matched the checkpoint of ${lastMatched.at}` : 'from the first record on';
        return {
          ok: false,
          kind: 'rewritten',
          records: recordsBefore,
          brokenSeq: seq,
          reason: `record ${seq} does not have the hash signed in the checkpoint of ${checkpoint.at}: the log was rewritten at or before it (${since})`,
        };
      }
      lastMatched = checkpoint;
      nextCheckpoint += 1;
    }
    return undefined;
  };
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let records = 0;
  const atGenesis = checkAgainstCheckpoints(0, GENESIS_HASH, 0);
  if (atGenesis) return atGenesis;
  while (expectedSeq <= lastSeq) {
    const rows = await db.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS}
       FROM audit_log WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3`,
      [expectedSeq, lastSeq, pageSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, kind: 'broken', records, brokenSeq: expectedSeq, reason: `record ${expectedSeq} is missing` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, kind: 'broken', records, brokenSeq: row.seq, reason: 'its link to the previous record does not match' };
      }
      if (auditRecordHash(prevHash, row) !== row.hash) {
        return { ok: false, kind: 'broken', records, brokenSeq: row.seq, reason: 'its content does not match its hash' };
      }
      const rewritten = checkAgainstCheckpoints(row.seq, row.hash, records);
      if (rewritten) return rewritten;
      prevHash = row.hash;
      expectedSeq += 1;
      records += 1;
    }
  }
  if (records < lastSeq) {
    return { ok: false, kind: 'broken', records, brokenSeq: records + 1, reason: `record ${records + 1} is missing (the chain head expects ${lastSeq} records)` };
  }
  if (lastSeq > 0 && head?.hash !== prevHash) {
    return { ok: false, kind: 'broken', records, brokenSeq: lastSeq, reason: 'the chain head does not match the last record' };
  }
  const beyond = checkpoints.at(-1);
  if (beyond && beyond.seq > lastSeq) {
    return {
      ok: false,
      kind: 'cut',
      records,
      brokenSeq: lastSeq + 1,
      reason: `the log ends at record ${lastSeq}, but the checkpoint of ${beyond.at} vouches for ${beyond.seq} records: records ${lastSeq + 1} to ${beyond.seq} were removed`,
    };
  }
  return options.checkpoints ? { ok: true, records, checkpointsMatched: checkpoints.length } : { ok: true, records };
}
