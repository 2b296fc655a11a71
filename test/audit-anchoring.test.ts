/**
 * What keeps the audit log's evidence good, on both engines: a record hashes exactly what is
 * stored (ill-formed text included) and is never written when it would not verify; signed
 * checkpoints of the chain head catch what the chain alone cannot — a rewrite with every later
 * hash recomputed, and a cut tail with the head moved back.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendAudit, AUDIT_COLUMNS, verifyAuditChain, type AuditRow } from '../src/server/platform/audit.ts';
import {
  appendCheckpoint,
  parseCheckpoints,
  readCheckpointFiles,
  signCheckpoint,
  takeCheckpoint,
  type AuditCheckpoint,
} from '../src/server/platform/audit-checkpoints.ts';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import type { Database, Queryable } from '../src/server/platform/database.ts';
import { TEST_DATA_KEY } from './support/app.ts';
import { cutAuditChainAfter, rewriteAuditChainFrom } from './support/audit-tamper.ts';
import { describeEachDatabase } from './support/databases.ts';

const protector = createDataProtector(TEST_DATA_KEY);
const stranger = createDataProtector(Buffer.alloc(32, 9));

async function append(db: Database, n: number, label = `officer-${n}`, details: Record<string, unknown> = { n }): Promise<void> {
  await db.transaction((tx) => appendAudit(tx, { actor: { userId: null, label }, action: 'case.note', entityType: 'case', entityId: `case-${n}`, details }));
}

async function rows(db: Queryable): Promise<AuditRow[]> {
  return db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY seq`);
}

/** Changes the actor of record `seq` and recomputes every hash from it on. */
const rewriteFrom = (db: Database, seq: number, label: string) =>
  rewriteAuditChainFrom(db, seq, { sql: 'UPDATE audit_log SET actor_label = $2 WHERE seq = $1', params: [label] });

describeEachDatabase('audit log evidence', ({ db }) => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rt-audit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hashes what is stored: lone surrogates and NUL in labels, keys and details verify, kept as U+FFFD', async () => {
    await append(db(), 1, 'x\ud800y', { typed: 'a\udc00b', ['k\ud83d']: 'v', nul: 'a\u0000b', pair: 'ok 😀', list: ['\ud800'] });
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 1 });
    const [stored] = await rows(db());
    expect(stored?.actor_label).toBe('x\uFFFDy');
    expect(stored?.details).toEqual({ typed: 'a\uFFFDb', ['k\uFFFD']: 'v', nul: 'a\uFFFDb', pair: 'ok 😀', list: ['\uFFFD'] });
  });

  it('never writes a record that would not verify as stored (here a trigger changes it on the way in)', async () => {
    await db().exec(`
      CREATE FUNCTION audit_test_meddle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.actor_label := NEW.actor_label || '!'; RETURN NEW; END $$;
      CREATE TRIGGER audit_test_meddle BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_test_meddle();
    `);
    try {
      await expect(append(db(), 2)).rejects.toThrow(/would not verify/);
    } finally {
      await db().exec('DROP TRIGGER audit_test_meddle ON audit_log; DROP FUNCTION audit_test_meddle();');
    }
    expect((await rows(db())).map((row) => row.seq)).toEqual([1]);
    await append(db(), 2);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 2 });
  });

  it('checkpoints: signed by the installation key, and a line forged with another key or damaged is named', async () => {
    const checkpoint = await takeCheckpoint(db(), protector, new Date('2026-12-06T03:00:00Z'));
    expect(checkpoint).toMatchObject({ seq: 2, at: '2026-12-06T03:00:00.000Z', publicKey: protector.checkpointPublicKey });
    const forged = signCheckpoint(stranger, { seq: 2, hash: checkpoint.hash }, new Date());
    const altered: AuditCheckpoint = { ...checkpoint, seq: 1 };
    const text = [JSON.stringify(checkpoint), '', JSON.stringify(forged), 'not json', JSON.stringify(altered), '{"kind":"other"}'].join('\n');
    const read = parseCheckpoints(text, 'cp.jsonl', protector.checkpointPublicKey);
    expect(read.checkpoints).toEqual([checkpoint]);
    expect(read.problems).toEqual([
      { where: 'cp.jsonl:3', problem: "not signed by this installation's checkpoint key" },
      { where: 'cp.jsonl:4', problem: 'not JSON' },
      { where: 'cp.jsonl:5', problem: "not signed by this installation's checkpoint key" },
      { where: 'cp.jsonl:6', problem: 'not an audit checkpoint' },
    ]);
  });

  it('appends a checkpoint line only when the head moved, and reads the file back', async () => {
    // In a folder nothing made yet (with a PostgreSQL server nothing else creates the data folder).
    const file = path.join(dir, 'not-made-yet', 'checkpoints.jsonl');
    expect(await appendCheckpoint(file, await takeCheckpoint(db(), protector, new Date()))).toBe(true);
    expect(await appendCheckpoint(file, await takeCheckpoint(db(), protector, new Date()))).toBe(false);
    await append(db(), 3);
    expect(await appendCheckpoint(file, await takeCheckpoint(db(), protector, new Date()))).toBe(true);
    const read = await readCheckpointFiles([{ path: file, required: true }], protector.checkpointPublicKey);
    expect(read.problems).toEqual([]);
    expect(read.checkpoints.map((checkpoint) => checkpoint.seq)).toEqual([2, 3]);
    expect(await verifyAuditChain(db(), { checkpoints: read.checkpoints })).toEqual({ ok: true, records: 3, checkpointsMatched: 2 });
    const missing = await readCheckpointFiles([{ path: path.join(dir, 'none.jsonl'), required: true }], protector.checkpointPublicKey);
    expect(missing.problems).toEqual([{ where: path.join(dir, 'none.jsonl'), problem: 'cannot be read (ENOENT)' }]);
  });

  it('names a rewrite that recomputed every later hash, which the chain alone does not see', async () => {
    for (let n = 4; n <= 6; n++) await append(db(), n);
    const checkpoints = [await takeCheckpoint(db(), protector, new Date('2026-12-06T04:00:00Z'))];
    const [before] = await db().query<AuditRow>('SELECT * FROM audit_log WHERE seq = 4');
    await rewriteFrom(db(), 4, 'someone-else');
    // The chain alone: intact.
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 6 });
    const result = await verifyAuditChain(db(), { checkpoints });
    expect(result).toMatchObject({ ok: false, kind: 'rewritten', brokenSeq: 6 });
    if (!result.ok) expect(result.reason).toMatch(/checkpoint of 2026-12-06T04:00:00.000Z.*rewritten/);
    // Put it back as it was: the checkpoint matches again.
    await rewriteFrom(db(), 4, before?.actor_label ?? 'officer-4');
    expect(await verifyAuditChain(db(), { checkpoints })).toEqual({ ok: true, records: 6, checkpointsMatched: 1 });
  });

  it('names the checkpoint that matched last before a rewrite', async () => {
    const early = await takeCheckpoint(db(), protector, new Date('2026-12-06T05:00:00Z'));
    await append(db(), 7);
    await append(db(), 8);
    const late = await takeCheckpoint(db(), protector, new Date('2026-12-06T06:00:00Z'));
    await rewriteFrom(db(), 7, 'hidden');
    const result = await verifyAuditChain(db(), { pageSize: 2, checkpoints: [late, early] });
    expect(result).toMatchObject({ ok: false, kind: 'rewritten', brokenSeq: 8 });
    if (!result.ok) expect(result.reason).toMatch(/after record 6, which matched the checkpoint of 2026-12-06T05:00:00.000Z/);
  });

  it('names a cut tail whose head was moved back', async () => {
    const checkpoint = await takeCheckpoint(db(), protector, new Date('2026-12-06T07:00:00Z'));
    expect(checkpoint.seq).toBe(8);
    await cutAuditChainAfter(db(), 5);
    expect(await verifyAuditChain(db())).toEqual({ ok: true, records: 5 });
    const result = await verifyAuditChain(db(), { checkpoints: [checkpoint] });
    expect(result).toMatchObject({ ok: false, kind: 'cut', brokenSeq: 6, records: 5 });
    if (!result.ok) expect(result.reason).toMatch(/records 6 to 8 were removed/);
  });

  it('a checkpoint file kept by an auditor works after the one beside the data is edited', async () => {
    const file = path.join(dir, 'beside-the-data.jsonl');
    await appendCheckpoint(file, await takeCheckpoint(db(), protector, new Date()));
    const auditorsCopy = path.join(dir, 'auditor.jsonl');
    await writeFile(auditorsCopy, await readFile(file, 'utf8'));
    await writeFile(file, '');
    await rewriteFrom(db(), 2, 'rewritten');
    const read = await readCheckpointFiles([{ path: auditorsCopy, required: true }], protector.checkpointPublicKey);
    expect(await verifyAuditChain(db(), { checkpoints: read.checkpoints })).toMatchObject({ ok: false, kind: 'rewritten', brokenSeq: 5 });
  });
});
