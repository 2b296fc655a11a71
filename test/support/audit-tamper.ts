/** What someone who can write the database, but holds no key, can do to the audit log. */
import { AUDIT_COLUMNS, auditRecordHash, GENESIS_HASH, type AuditRow } from '../../src/server/platform/audit.ts';
import type { Database, Queryable } from '../../src/server/platform/database.ts';

/** Runs `work` as the owner with the append-only trigger switched off, then on again. */
export async function withoutAppendOnlyTrigger(db: Database, work: (tx: Queryable) => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await work(tx);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

/**
 * Changes record `seq` with `change` (SQL on `audit_log` for that row, `$1` its seq), then
 * recomputes its hash, every later hash and the head, so that the chain verifies again.
 */
export async function rewriteAuditChainFrom(db: Database, seq: number, change: { sql: string; params?: unknown[] }): Promise<void> {
  await withoutAppendOnlyTrigger(db, async (tx) => {
    await tx.query(change.sql, [seq, ...(change.params ?? [])]);
    const rows = await tx.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq`, [seq - 1]);
    let prev = rows[0]?.seq === seq - 1 ? (rows.shift() as AuditRow).hash : GENESIS_HASH;
    for (const row of rows) {
      const hash = auditRecordHash(prev, row);
      await tx.query('UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE seq = $1', [row.seq, prev, hash]);
      prev = hash;
    }
    await tx.query('UPDATE audit_chain_head SET hash = $1 WHERE singleton', [prev]);
  });
}

/** Removes the records after `keep` and moves the head back to it, as a careful tamperer would. */
export async function cutAuditChainAfter(db: Database, keep: number): Promise<void> {
  await withoutAppendOnlyTrigger(db, async (tx) => {
    await tx.query('DELETE FROM audit_log WHERE seq > $1', [keep]);
    const [last] = await tx.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [keep]);
    await tx.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE singleton', [keep, last?.hash ?? GENESIS_HASH]);
  });
}
