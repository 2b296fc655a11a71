/**
 * The hash-chained audit log on both engines: records link up in order, the append-only
 * trigger refuses changes, tampering (done as the owner with the trigger off) is found at
 * the first broken record, and concurrent appends never fork the chain.
 */
import { expect, it } from 'vitest';
import { appendAudit, GENESIS_HASH, verifyAuditChain, type AuditEntry } from '../src/server/platform/audit.ts';
import { withoutAppendOnlyTrigger } from './support/audit-tamper.ts';
import type { Database } from '../src/server/platform/database.ts';
import { describeEachDatabase } from './support/databases.ts';


interface StoredRecord {
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

function entry(n: number): AuditEntry {
  return {
    actor: { userId: null, label: `officer-${n}` },
    action: 'case.note',
    entityType: 'case',
    entityId: `case-${n}`,
    details: { n, note: `บันทึกที่ ${n}`, nested: { b: 2, a: [1, 'สอง'] } },
  };
}

async function records(db: Database): Promise<StoredRecord[]> {
  return db.query<StoredRecord>(
    'SELECT seq, at, actor_user_id, actor_label, action, entity_type, entity_id, details, prev_hash, hash FROM audit_log ORDER BY seq',
  );
}

async function restore(db: Database, original: StoredRecord): Promise<void> {
  await withoutAppendOnlyTrigger(db, async (tx) => {
    await tx.query('UPDATE audit_log SET actor_label = $2, details = $3 WHERE seq = $1', [original.seq, original.actor_label, original.details]);
  });
}

describeEachDatabase('audit log', ({ db, kind }) => {
  it('an empty log verifies with no records', async () => {
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 0 });
  });

  it('appends records numbered 1..n, each linked to the hash of the one before', async () => {
    for (let n = 1; n <= 5; n++) await db().transaction((tx) => appendAudit(tx, entry(n)));

    const rows = await records(db());
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    rows.forEach((row, index) => {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      if (index > 0) expect(row.prev_hash).toBe(rows[index - 1]?.hash);
    });
    expect(new Set(rows.map((row) => row.hash)).size).toBe(5);
    expect(rows[2]).toMatchObject({ actor_label: 'officer-3', action: 'case.note', entity_type: 'case', entity_id: 'case-3' });
    expect(rows[2]?.details).toEqual({ n: 3, note: 'บันทึกที่ 3', nested: { b: 2, a: [1, 'สอง'] } });

    const [head] = await db().query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head');
    expect(head).toEqual({ seq: 5, hash: rows[4]?.hash });
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
  });

  it('verifies across page boundaries', async () => {
    expect(await verifyAuditChain(db(), { pageSize: 2 })).toEqual({ ok: true, records: 5 });
    expect(await verifyAuditChain(db(), { pageSize: 5 })).toEqual({ ok: true, records: 5 });
  });

  it('a rolled-back transaction leaves neither a record nor a moved head', async () => {
    await expect(
      db().transaction(async (tx) => {
        await appendAudit(tx, entry(99));
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    expect((await records(db())).map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
  });

  it('refuses UPDATE and DELETE while the append-only trigger is on', async () => {
    await expect(db().query(`UPDATE audit_log SET actor_label = 'someone else' WHERE seq = 3`)).rejects.toThrow(/append-only/);
    await expect(db().query('DELETE FROM audit_log WHERE seq = 3')).rejects.toThrow(/append-only/);
    await expect(db().query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
  });

  it('finds altered details at record 3, and verifies again once restored', async () => {
    const [original] = await db().query<StoredRecord>('SELECT * FROM audit_log WHERE seq = 3');
    if (!original) throw new Error('record 3 missing');
    await withoutAppendOnlyTrigger(db(), async (tx) => {
      await tx.query(`UPDATE audit_log SET details = details || '{"n": 33}'::jsonb WHERE seq = 3`);
    });
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({ ok: false, brokenSeq: 3, records: 2 });

    await restore(db(), original);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
  });

  it('finds an altered actor label at record 3', async () => {
    const [original] = await db().query<StoredRecord>('SELECT * FROM audit_log WHERE seq = 3');
    if (!original) throw new Error('record 3 missing');
    await withoutAppendOnlyTrigger(db(), async (tx) => {
      await tx.query(`UPDATE audit_log SET actor_label = 'somebody-else' WHERE seq = 3`);
    });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenSeq: 3 });
    await restore(db(), original);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
  });

  it('finds a record whose hash was recomputed over new content: the next link breaks', async () => {
    const [original] = await db().query<StoredRecord>('SELECT * FROM audit_log WHERE seq = 3');
    if (!original) throw new Error('record 3 missing');
    await withoutAppendOnlyTrigger(db(), async (tx) => {
      await tx.query(`UPDATE audit_log SET hash = $1 WHERE seq = 3`, ['f'.repeat(64)]);
    });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenSeq: 3 });
    await withoutAppendOnlyTrigger(db(), async (tx) => {
      await tx.query(`UPDATE audit_log SET hash = $1 WHERE seq = 3`, [original.hash]);
    });
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
  });

  it('reports a deleted record in the middle as missing', async () => {
    const [original] = await db().query<StoredRecord>('SELECT * FROM audit_log WHERE seq = 4');
    if (!original) throw new Error('record 4 missing');
    await withoutAppendOnlyTrigger(db(), async (tx) => {
      await tx.query('DELETE FROM audit_log WHERE seq = 4');
    });
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({ ok: false, brokenSeq: 4, records: 3 });
    if (!result.ok) expect(result.reason).toMatch(/missing/);

    await db().query(
      `INSERT INTO audit_log (seq, at, actor_user_id, actor_label, action, entity_type, entity_id, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [original.seq, original.at, original.actor_user_id, original.actor_label, original.action, original.entity_type, original.entity_id, original.details, original.prev_hash, original.hash],
    );
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
  });

  it('reports a deleted last record through the chain head', async () => {
    const [original] = await db().query<StoredRecord>('SELECT * FROM audit_log WHERE seq = 5');
    if (!original) throw new Error('record 5 missing');
    await withoutAppendOnlyTrigger(db(), async (tx) => {
      await tx.query('DELETE FROM audit_log WHERE seq = 5');
    });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenSeq: 5, records: 4 });

    await db().query(
      `INSERT INTO audit_log (seq, at, actor_user_id, actor_label, action, entity_type, entity_id, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [original.seq, original.at, original.actor_user_id, original.actor_label, original.action, original.entity_type, original.entity_id, original.details, original.prev_hash, original.hash],
    );
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
  });

  it('verify reports a truncated log through the chain head (checked in a rolled-back transaction)', async () => {
    let seen: unknown;
    await expect(
      db().transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
        await tx.query('TRUNCATE audit_log');
        seen = await verifyAuditChain(tx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(seen).toMatchObject({ ok: false, brokenSeq: 1, records: 0 });
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
  });

  it(`keeps one unforked chain under 20 concurrent appends (${kind})`, async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db().transaction(async (tx) => {
          await appendAudit(tx, entry(100 + i));
        }),
      ),
    );
    const rows = await records(db());
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    // No two records claim the same predecessor: the chain did not fork.
    expect(new Set(rows.map((row) => row.prev_hash)).size).toBe(25);
    expect(rows.slice(5).map((row) => row.entity_id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `case-${100 + i}`).sort());
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 25 });
  });

  // Last: if TRUNCATE gets through, the log is gone for the rest of this suite.
  it('refuses TRUNCATE as well: row triggers do not fire for it', async () => {
    await expect(db().query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 25 });
  });
});
