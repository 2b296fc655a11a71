/**
 * The `rongthuk` CLI through `main(argv, env, output)`: exit codes and what it prints, on a
 * data directory of its own (the embedded server each command starts, or joins, under it) and
 * on a fresh PostgreSQL database (DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/server/cli.ts';
import { findUserByUsername } from '../src/server/agencies/queries.ts';
import { actOnCase } from '../src/server/cases/commands/act-on-case.ts';
import { appendAudit } from '../src/server/platform/audit.ts';
import { openAppContext } from '../src/server/platform/bootstrap.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openDatabase, type Database } from '../src/server/platform/database.ts';
import { rewriteAuditChainFrom, withoutAppendOnlyTrigger } from './support/audit-tamper.ts';
import { createTestDatabase, postgresUrl, type TestDatabase } from './support/databases.ts';
import { createEmbeddedDataDir, embeddedServerRunning, isEmbeddedServerLine, removeEmbeddedDataDir } from './support/embedded-data-dir.ts';

/** Seeding writes ~1,000 agencies and ~8,000 areas, and each command starts and stops the embedded server: give it time. */
const SLOW = 120_000;

interface Run {
  code: number;
  out: string[];
  err: string[];
  /** The embedded server's lines (creating, starting, stopping it), kept apart from `err`. */
  server: string[];
}

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const server: string[] = [];
  const code = await main(argv, env, { out: (line) => out.push(line), err: (line) => (isEmbeddedServerLine(line) ? server : err).push(line) });
  return { code, out, err, server };
}

/** Opens the data directory's embedded database beside the commands, as another process of the app would. */
async function withEmbeddedDatabase<T>(dir: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: dir, role: 'test' });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function tamperWithRecord(db: Database, seq: number): Promise<void> {
  await withoutAppendOnlyTrigger(db, async (tx) => {
    await tx.query(`UPDATE audit_log SET details = details || '{"tampered": true}'::jsonb WHERE seq = $1`, [seq]);
  });
}

const dataKey = () => randomBytes(32).toString('hex');

describe('rongthuk CLI [embedded]', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dir = createEmbeddedDataDir('rt-cli-');
    env = { RONGTHUK_DATA_DIR: dir, RONGTHUK_DATA_KEY: dataKey(), LOG_LEVEL: 'silent' };
  });
  afterAll(() => {
    // Each command stops the server when it is the last to leave: none may be left running.
    expect(removeEmbeddedDataDir(dir)).toBe(false);
  });

  it('migrate applies the migrations, then says the database is up to date', async () => {
    const first = await run(['migrate'], env);
    expect(first).toMatchObject({ code: 0, err: [] });
    expect(first.out.join('\n')).toMatch(/applied: .*0001_core/);
    expect(existsSync(path.join(dir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(first.server).toEqual([
      expect.stringMatching(/^Creating the embedded PostgreSQL [\d.]+ database in /),
      expect.stringMatching(/^Starting the embedded PostgreSQL [\d.]+ server on 127\.0\.0\.1:\d+/),
      expect.stringMatching(/^Stopping the embedded PostgreSQL server/),
    ]);
    expect(embeddedServerRunning(dir)).toBe(false);

    const second = await run(['migrate'], env);
    expect(second).toMatchObject({ code: 0, err: [] });
    expect(second.out.join('\n')).toMatch(/up to date/);
    expect(second.server).toEqual([expect.stringMatching(/^Starting the embedded PostgreSQL/), expect.stringMatching(/^Stopping the embedded PostgreSQL/)]);
  }, SLOW);

  it('seed loads the demo data once, and refuses a second time', async () => {
    const first = await run(['seed'], env);
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.out.join('\n')).toMatch(/seeded \d+ agencies, 8 demo accounts .*rongthuk-demo.*, \d+ cases/);

    const second = await run(['seed'], env);
    expect(second.code).toBe(1);
    expect(second.out).toEqual([]);
    expect(second.err.join('\n')).toMatch(/already has agencies.*empty database/);
  }, SLOW);

  it('audit checkpoint signs the head into the file beside the data; verify then names a rewrite the chain alone misses', async () => {
    const signed = await run(['audit', 'checkpoint'], env);
    expect(signed).toMatchObject({ code: 0, err: [] });
    const checkpoint = JSON.parse(signed.out.join('')) as { kind: string; seq: number; hash: string; signature: string };
    expect(checkpoint).toMatchObject({ kind: 'rongthuk.audit.checkpoint', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = path.join(dir, 'audit-checkpoints.jsonl');
    expect((await readFile(file, 'utf8')).trim()).toBe(signed.out.join(''));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // An auditor keeps the printed line elsewhere.
    const kept = path.join(dir, 'kept-by-the-auditor.jsonl');
    await writeFile(kept, `${signed.out.join('')}\n`);

    const intact = await run(['audit', 'verify'], env);
    expect(intact).toMatchObject({ code: 0, err: [] });
    expect(intact.out.join('\n')).toMatch(new RegExp(`1 signed checkpoint matches \\(the newest, of .*, vouches for ${checkpoint.seq} records\\)`));

    // Whoever can write the database rewrites record 2 and recomputes every hash after it.
    await withEmbeddedDatabase(dir, (db) =>
      rewriteAuditChainFrom(db, 2, { sql: `UPDATE audit_log SET details = details || '{"rewritten": true}'::jsonb WHERE seq = $1` }),
    );
    const rewritten = await run(['audit', 'verify', '--checkpoints', kept], env);
    expect(rewritten.code).toBe(1);
    expect(rewritten.err.join('\n')).toMatch(new RegExp(`audit log rewritten at record ${checkpoint.seq}\\b`));
    // A forged line in the file is named too.
    await writeFile(kept, `${JSON.stringify({ ...checkpoint, seq: checkpoint.seq + 1 })}\n`);
    const forged = await run(['audit', 'verify', '--checkpoints', kept], env);
    expect(forged.code).toBe(1);
    expect(forged.err.join('\n')).toMatch(/kept-by-the-auditor\.jsonl:1: not signed by this installation's checkpoint key/);
    expect((await run(['audit', 'verify', '--checkpoints', path.join(dir, 'nowhere.jsonl')], env)).code).toBe(1);
    expect((await run(['audit', 'verify', '--bogus'], env)).code).toBe(2);
    // The next test starts from a chain that verifies on its own.
    await rm(file);
  }, SLOW);

  it('audit verify names the number of records, and exits 1 naming the record altered', async () => {
    const intact = await run(['audit', 'verify'], env);
    expect(intact).toMatchObject({ code: 0, err: [] });
    const count = Number(/intact: (\d+) records verified/.exec(intact.out.join('\n'))?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);

    // The command joins the server this test holds open, and leaves it running for it.
    const broken = await withEmbeddedDatabase(dir, async (db) => {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
      expect(row?.n).toBe(count);
      await tamperWithRecord(db, 3);
      const verified = await run(['audit', 'verify'], env);
      expect(verified.server).toEqual([]);
      expect(embeddedServerRunning(dir)).toBe(true);
      return verified;
    });
    expect(embeddedServerRunning(dir)).toBe(false);
    expect(broken.code).toBe(1);
    expect(broken.out).toEqual([]);
    expect(broken.err.join('\n')).toMatch(/broken at record 3\b/);
  }, SLOW);

  it('triage export-corrections writes the corrections of the demo as training data, redacted, in the model’s tags', async () => {
    // The demo's screener set the drug complaint's category: triage had proposed another.
    const ctx = await openAppContext(loadConfig(env), { migrate: false, role: 'test', log: () => {} });
    try {
      const [drugCase] = await ctx.db.query<{ id: string }>(`SELECT id FROM cases WHERE description LIKE '%ยาบ้า%'`);
      const screener = await findUserByUsername(ctx.db, 'hub.intake');
      if (!drugCase || !screener) throw new Error('demo data missing');
      await actOnCase(ctx, { user: { ...screener, sessionTokenHash: '' }, caseId: drugCase.id, action: 'screen', body: { categoryCode: 'drugs' } });
    } finally {
      await ctx.db.close();
    }
    const file = path.join(dir, 'corrections.csv');
    const exported = await run(['triage', 'export-corrections', '--out', file], env);
    expect(exported).toMatchObject({ code: 0, out: [] });
    expect(exported.err.join('\n')).toMatch(/^1 corrections → /);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('text,category,proposed,model_version,corrected_at');
    // drugs has no data tag: its code; the proposal is written as the model's own tag.
    expect(lines[1]).toMatch(/^มีวัยรุ่นมั่วสุมขายยาบ้า.*,drugs,แสงสว่าง,logreg-[0-9a-f]+,\d{4}-/);

    const codes = await run(['triage', 'export-corrections', '--labels', 'code'], env);
    expect(codes.code).toBe(0);
    expect(codes.out.join('\n')).toMatch(/,drugs,lighting,logreg-/);

    // The demo hub assigned a health complaint to the MOPH centre, where triage proposed the provincial office.
    const agencies = await run(['triage', 'export-corrections', '--field', 'agency'], env);
    expect(agencies.code).toBe(0);
    expect(agencies.out.join('\n').split('\n')[0]).toBe('text,agency,proposed,model_version,corrected_at');
    expect(agencies.out.join('\n')).toMatch(/,moph-complaint,pho-66,/);

    const none = await run(['triage', 'export-corrections', '--from', '2020-01-01', '--to', '2020-01-31'], env);
    expect(none).toMatchObject({ code: 0, out: ['text,category,proposed,model_version,corrected_at'] });
  }, SLOW);

  it('triage export-corrections refuses bad options with exit 2, naming them', async () => {
    for (const [args, message] of [
      [['--from', '2026-02-31'], /--from must be a date/],
      [['--to', 'yesterday'], /--to must be a date/],
      [['--from', '2026-03-02', '--to', '2026-03-01'], /--to must not be before --from/],
      [['--field', 'status'], /--field must be category or agency/],
      [['--labels', 'names'], /--labels must be tag or code/],
      [['--bogus'], /Unknown option/],
    ] as const) {
      const result = await run(['triage', 'export-corrections', ...args], env);
      expect(result.code).toBe(2);
      expect(result.err.join('\n')).toMatch(message);
    }
  });

  it('an unknown command exits 2 with the usage', async () => {
    const result = await run(['frobnicate'], env);
    expect(result.code).toBe(2);
    expect(result.err.join('\n')).toMatch(/unknown command "frobnicate"/);
    expect(result.err.join('\n')).toMatch(/rongthuk audit verify/);

    expect((await run(['audit', 'check'], env)).code).toBe(2);
    expect((await run([], env)).code).toBe(2);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await run(['--help'], env);
    expect(result.code).toBe(0);
    expect(result.out.join('\n')).toMatch(/rongthuk migrate/);
  });

  it('serve on a port another program holds exits 1 saying so and what to set, and stops the embedded server', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const result = await run(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1', RONGTHUK_DEMO_SEED: 'false' });
      expect(result.code).toBe(1);
      expect(result.err).toEqual([`port ${port} on 127.0.0.1 is already in use (another Rongthuk, or another program): stop it, or set PORT to a free port, e.g. PORT=${port + 1}`]);
      // serve tells of the embedded server on its standard output.
      expect(result.out.at(-1)).toMatch(/^Stopping the embedded PostgreSQL server/);
      expect(embeddedServerRunning(dir)).toBe(false);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, SLOW);

  it('a bad configuration exits 2 naming the variable', async () => {
    const result = await run(['migrate'], { ...env, PORT: 'abc' });
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err.join('\n')).toMatch(/PORT/);

    const badUrl = await run(['migrate'], { ...env, DATABASE_URL: 'mysql://localhost/x' });
    expect(badUrl.code).toBe(2);
    expect(badUrl.err.join('\n')).toMatch(/DATABASE_URL/);
  });
});

describe('rongthuk CLI without RONGTHUK_DATA_KEY', () => {
  let dir: string;

  beforeAll(() => {
    dir = createEmbeddedDataDir('rt-cli-key-');
  });
  afterAll(() => {
    expect(removeEmbeddedDataDir(dir)).toBe(false);
  });

  it('creates a data-key file readable by the owner only, and keeps it afterwards', async () => {
    const env = { RONGTHUK_DATA_DIR: dir, LOG_LEVEL: 'silent' };
    expect((await run(['migrate'], env)).code).toBe(0);

    const file = path.join(dir, 'data-key');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = await readFile(file, 'utf8');
    expect(Buffer.from(key.trim(), 'base64')).toHaveLength(32);

    expect((await run(['migrate'], env)).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(key);
  }, SLOW);

  it('refuses to start with another data key than the database was written with', async () => {
    const wrongKey = await run(['migrate'], { RONGTHUK_DATA_DIR: dir, RONGTHUK_DATA_KEY: dataKey(), LOG_LEVEL: 'silent' });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err.join('\n')).toMatch(/data key .* not the one this database was created with/);
  }, SLOW);

  it('requires RONGTHUK_DATA_KEY with DATABASE_URL, naming it', async () => {
    const result = await run(['migrate'], { DATABASE_URL: 'postgres://localhost/rongthuk', LOG_LEVEL: 'silent' });
    expect(result.code).toBe(2);
    expect(result.err.join('\n')).toMatch(/RONGTHUK_DATA_KEY: required with DATABASE_URL/);
  });
});

describe.skipIf(!postgresUrl())('rongthuk CLI [postgres]', () => {
  let handle: TestDatabase | undefined;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    handle = await createTestDatabase('postgres', { migrate: false });
    dir = await mkdtemp(path.join(os.tmpdir(), 'rt-cli-pg-'));
    env = { DATABASE_URL: handle.url, RONGTHUK_DATA_DIR: dir, RONGTHUK_DATA_KEY: dataKey(), LOG_LEVEL: 'silent' };
  }, SLOW);
  afterAll(async () => {
    await handle?.dispose();
    await rm(dir, { recursive: true, force: true });
  }, SLOW);

  it('migrate applies the migrations, then says the database is up to date', async () => {
    const first = await run(['migrate'], env);
    expect(first).toMatchObject({ code: 0, err: [] });
    expect(first.out.join('\n')).toMatch(/applied: .*0001_core/);
    // PostgreSQL: no embedded server, nothing written under the data directory's postgres/.
    expect(first.server).toEqual([]);
    expect(existsSync(path.join(dir, 'postgres'))).toBe(false);

    const second = await run(['migrate'], env);
    expect(second).toMatchObject({ code: 0, err: [] });
    expect(second.out.join('\n')).toMatch(/up to date/);
  }, SLOW);

  it('audit verify passes an intact log and names the first altered record', async () => {
    const db = handle?.db;
    if (!db) throw new Error('no database');
    const empty = await run(['audit', 'verify'], env);
    expect(empty).toMatchObject({ code: 0, err: [] });
    expect(empty.out.join('\n')).toMatch(/^audit log intact: 0 records verified; no signed checkpoints in .*audit-checkpoints\.jsonl/);

    for (let n = 1; n <= 4; n++) {
      await db.transaction((tx) => appendAudit(tx, { actor: { userId: null, label: 'system' }, action: 'test.append', entityType: 'test', entityId: String(n) }));
    }
    expect((await run(['audit', 'verify'], env)).out.join('\n')).toMatch(/^audit log intact: 4 records verified/);

    await tamperWithRecord(db, 2);
    const broken = await run(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.err.join('\n')).toMatch(/broken at record 2\b/);
  }, SLOW);
});

describe('rongthuk triage', () => {
  it('evaluates the shipped model on a CSV labelled with category codes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rt-triage-'));
    try {
      const file = path.join(dir, 'eval.csv');
      await writeFile(file, 'text,category\n"ถนนเป็นหลุมลึก รถจักรยานยนต์ล้มบ่อย",road\n"น้ำท่วมขังหน้าบ้านทุกครั้งที่ฝนตกหนัก",flood\n');
      const result = await run(['triage', 'eval', '--input', file, '--format', 'json'], { LOG_LEVEL: 'silent' });
      expect(result.code).toBe(0);
      const report = JSON.parse(result.out.join('\n')) as { n: number; perCategory: Record<string, unknown> };
      expect(report.n).toBe(2);
      expect(Object.keys(report.perCategory).sort()).toEqual(['flood', 'road']);
      expect((await run(['triage', 'eval'], { LOG_LEVEL: 'silent' })).code).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, SLOW);
});
