/**
 * The upgrade from the former PGlite default: an office's folder, filled through the app's own
 * code (reference data, the demo agencies, accounts and cases, audit records), is carried over into
 * a fresh database of the embedded engine row for row, its audit chain still verifies, new ids
 * continue after the old ones, and the folder is kept under another name. A target holding other
 * data, a failure half-way and a folder one migration behind each leave nothing half done.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { insertAgencies } from '../src/server/agencies/queries.ts';
import { readIdentity } from '../src/server/cases/identity.ts';
import { appendAudit, verifyAuditChain } from '../src/server/platform/audit.ts';
import { openInstallation } from '../src/server/app.ts';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import { MIGRATIONS_DIR, migrate, type Database } from '../src/server/platform/database.ts';
import { CARRIED_OVER_PREFIX, PGLITE_SUBDIR, carryOverPgliteData, hasPgliteData, openPgliteDatabase, processesWithFilesIn } from '../src/server/platform/pglite-upgrade.ts';
import { seedDemoData } from '../src/server/seed/demo.ts';
import { seedReferenceData } from '../src/server/seed/reference-data.ts';
import { TEST_AGENCIES, TEST_CONFIG, TEST_DATA_KEY } from './support/app.ts';
import { createTestDatabase, type TestDatabase } from './support/databases.ts';
import { createEmbeddedDataDir, removeEmbeddedDataDir } from './support/embedded-data-dir.ts';

/** Creating a PGlite folder runs initdb in WASM; the demo seed writes ~2,000 agencies and ~8,000 areas. */
const BUILD_TIMEOUT = 180_000;
const CARRY_TIMEOUT = 90_000;

/** A timestamp with microseconds, as only SQL writes them (the app's own are milliseconds). */
const MICROSECOND_AT = '2026-03-01 02:15:42.123456+00';

let workDir: string;
/** The demo office's folder as built, copied into each test's data directory. */
let demoFolder: string;
/** Every row of every table of the demo folder in its text form, by table. */
let demoRows: Record<string, string[]>;
const targets: TestDatabase[] = [];

/** Each variant's data directory: a copy of `folder` as its pglite/. */
function dataDirWith(folder: string, name: string): string {
  const dataDir = path.join(workDir, name);
  cpSync(folder, path.join(dataDir, PGLITE_SUBDIR), { recursive: true });
  return dataDir;
}

async function freshTarget(options: { migrate?: boolean } = {}): Promise<Database> {
  const target = await createTestDatabase('embedded', { migrate: options.migrate ?? false });
  targets.push(target);
  return target.db;
}

/** The rows of a table in PostgreSQL's text form (what a copy must keep), sorted. */
async function rowsAsText(db: Database, table: string): Promise<string[]> {
  const rows = await db.transaction(async (tx) => {
    await tx.query("SET LOCAL TimeZone = 'UTC'");
    await tx.query("SET LOCAL DateStyle = 'ISO, YMD'");
    await tx.query('SET LOCAL extra_float_digits = 3');
    return tx.query<{ row: string }>(`SELECT r::text AS row FROM public."${table}" r`);
  });
  return rows.map((row) => row.row).sort();
}

async function allRowsAsText(db: Database): Promise<Record<string, string[]>> {
  const tables = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1",
  );
  const rows: Record<string, string[]> = {};
  for (const { name } of tables) rows[name] = await rowsAsText(db, name);
  return rows;
}

async function countOf(db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${table}"`);
  return row?.n ?? -1;
}

function carriedOverFolders(dataDir: string): string[] {
  return readdirSync(dataDir).filter((name) => name.startsWith(CARRIED_OVER_PREFIX));
}

/** A copy of migrations/ without `except` and with `extra` files. */
function migrationsDir(name: string, options: { except?: string; extra?: Record<string, string> }): string {
  const dir = path.join(workDir, name);
  mkdirSync(dir);
  for (const file of readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith('.sql') && file !== options.except)) {
    writeFileSync(path.join(dir, file), readFileSync(path.join(MIGRATIONS_DIR, file)));
  }
  for (const [file, sql] of Object.entries(options.extra ?? {})) writeFileSync(path.join(dir, file), sql);
  return dir;
}

/** An office that filed, routed and answered cases on the former default. */
async function buildDemoFolder(folder: string): Promise<void> {
  const db = await openPgliteDatabase(folder);
  try {
    await migrate(db);
    await seedReferenceData(db);
    await seedDemoData({ db, config: TEST_CONFIG, protector: createDataProtector(TEST_DATA_KEY), now: () => new Date() });
    await db.transaction(async (tx) => {
      await appendAudit(tx, {
        actor: { userId: null, label: 'ระบบ' },
        action: 'carry-over.probe',
        entityType: 'installation',
        entityId: null,
        details: { note: 'ร้องเรียนเรื่องถนนชำรุด “ด่วน”', amounts: [0.1, 1e-7, 123456.789], nested: { empty: {}, list: [], flag: true, none: null } },
      });
    });
    // A follow-up contact at a microsecond instant; a job whose payload is JSON null, due at -infinity.
    await db.query(
      `INSERT INTO case_contacts (case_id, at, channel, kind)
       SELECT id, $1, 'hotline', 'follow_up' FROM cases ORDER BY tracking_code LIMIT 1`,
      [MICROSECOND_AT],
    );
    await db.query("INSERT INTO jobs (type) VALUES ('carry-over.probe')");
    demoRows = await allRowsAsText(db);
  } finally {
    await db.close();
  }
}

describe.skipIf(!inject('embeddedUrl'))('carrying over the former PGlite database', () => {
  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'rt-pglite-upgrade-'));
    demoFolder = path.join(workDir, 'demo-office', PGLITE_SUBDIR);
    mkdirSync(path.dirname(demoFolder));
    await buildDemoFolder(demoFolder);
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    for (const target of targets) await target.dispose();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, CARRY_TIMEOUT);

  it('carries every row of a demo office over bit for bit, its audit chain still verifying, and keeps the folder under another name', async () => {
    const dataDir = dataDirWith(demoFolder, 'demo');
    const target = await freshTarget();
    const logs: string[] = [];

    const summary = await carryOverPgliteData(dataDir, target, (message) => logs.push(message));

    expect(summary).toMatchObject({ copied: true, migrationsApplied: [] });
    expect(Object.keys(summary?.tables ?? {}).sort()).toEqual(Object.keys(demoRows).sort());
    for (const [table, rows] of Object.entries(demoRows)) {
      expect(summary?.tables[table], table).toBe(rows.length);
      expect(await rowsAsText(target, table), table).toEqual(rows);
    }
    // Not an empty success: the demo's cases, identities, events and audit records are there.
    for (const table of ['cases', 'complainants', 'case_events', 'audit_log', 'agencies', 'admin_areas']) expect(demoRows[table]?.length, table).toBeGreaterThan(0);

    const [contact] = await target.query<{ at: string }>("SELECT (at AT TIME ZONE 'UTC')::text AS at FROM case_contacts WHERE at = $1", [MICROSECOND_AT]);
    expect(contact?.at).toBe('2026-03-01 02:15:42.123456');
    const [job] = await target.query<{ json_null: boolean; run_at: string }>(
      "SELECT payload = 'null'::jsonb AS json_null, run_at::text AS run_at FROM jobs WHERE type = 'carry-over.probe'",
    );
    expect(job).toEqual({ json_null: true, run_at: '-infinity' });

    const audit = await verifyAuditChain(target);
    expect(audit).toEqual({ ok: true, records: demoRows.audit_log?.length });
    // The chain goes on from the carried-over head.
    await target.transaction((tx) => appendAudit(tx, { actor: { userId: null, label: 'system' }, action: 'carry-over.after', entityType: 'installation', entityId: null }));
    expect(await verifyAuditChain(target)).toEqual({ ok: true, records: (demoRows.audit_log?.length ?? 0) + 1 });

    const kept = carriedOverFolders(dataDir);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^pglite-carried-over-\d{8}T\d{6}Z$/);
    expect(summary?.keptAs).toBe(path.join(dataDir, kept[0] as string));
    expect(existsSync(path.join(dataDir, kept[0] as string, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, PGLITE_SUBDIR))).toBe(false);
    expect(hasPgliteData(dataDir)).toBe(false);

    const cases = demoRows.cases?.length ?? 0;
    expect(logs).toContain(`Carrying over ${cases} cases from the former embedded database (${path.join(dataDir, PGLITE_SUBDIR)})…`);
    expect(logs.at(-1)).toMatch(new RegExp(`^Carried over ${Object.keys(demoRows).length} tables \\(.* rows\\) in [\\d.]+ s; the former folder is kept as .*${kept[0]}$`));

    // The next start finds nothing to do.
    expect(await carryOverPgliteData(dataDir, target, (message) => logs.push(message))).toBeNull();
    expect(carriedOverFolders(dataDir)).toEqual(kept);
  }, CARRY_TIMEOUT);

  it('only renames the folder when an earlier start committed the copy and stopped before renaming it', async () => {
    const dataDir = dataDirWith(demoFolder, 'stopped-before-rename');
    const folder = path.join(dataDir, PGLITE_SUBDIR);
    const target = await freshTarget();
    const first = await carryOverPgliteData(dataDir, target, () => {});
    // As if the process had died between the commit and the rename.
    renameSync(first?.keptAs as string, folder);

    // As many rows, but not the same ones: other data, not a copy of this folder.
    await target.exec("UPDATE agencies SET name_en = name_en || ' (changed)' WHERE code = 'moph'");
    await expect(carryOverPgliteData(dataDir, target, () => {})).rejects.toThrow(`Not carrying over the former embedded database ${folder}: the server's database already holds other data`);
    expect(hasPgliteData(dataDir)).toBe(true);
    await target.exec("UPDATE agencies SET name_en = replace(name_en, ' (changed)', '') WHERE code = 'moph'");

    const logs: string[] = [];
    const second = await carryOverPgliteData(dataDir, target, (message) => logs.push(message));

    expect(second).toMatchObject({ copied: false, tables: first?.tables });
    expect(logs).toContain(`The server's database already holds every row of ${folder}: nothing to copy`);
    expect(hasPgliteData(dataDir)).toBe(false);
    expect(carriedOverFolders(dataDir)).toHaveLength(1);
    for (const [table, rows] of Object.entries(demoRows)) expect(await rowsAsText(target, table), table).toEqual(rows);
  }, CARRY_TIMEOUT);

  it('refuses while the previous version still has the folder open, naming its process, and copies nothing', async () => {
    const dataDir = dataDirWith(demoFolder, 'still-open');
    const folder = path.join(dataDir, PGLITE_SUBDIR);
    // The previous version's serve, as far as the folder can tell: a process with PGlite open on it.
    const previous = spawn(
      process.execPath,
      ['--input-type=module', '-e', "const { PGlite } = await import('@electric-sql/pglite'); await PGlite.create(process.argv[1]); console.log('open'); setInterval(() => {}, 1000);", folder],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        previous.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
        previous.on('exit', (code) => reject(new Error(`the PGlite process ended (${code})`)));
      });
      const target = await freshTarget();
      await expect(carryOverPgliteData(dataDir, target, () => {})).rejects.toThrow(
        new RegExp(`is open in process ${previous.pid} \\(.*node.*\\): stop the previous version of Rongthuk first`),
      );
      expect(await countOf(target, 'agencies').catch(() => 0)).toBe(0);
      expect(hasPgliteData(dataDir)).toBe(true);
    } finally {
      previous.kill('SIGKILL');
    }
    // Once it has stopped, the folder is carried over.
    await new Promise((resolve) => previous.once('close', resolve));
    expect(processesWithFilesIn(folder)).toEqual([]);
    const summary = await carryOverPgliteData(dataDir, await freshTarget(), () => {});
    expect(summary?.tables.cases).toBe(demoRows.cases?.length);
  }, CARRY_TIMEOUT);

  it('refuses a target that holds data of its own, naming the folder, and leaves both as they were', async () => {
    const dataDir = dataDirWith(demoFolder, 'target-in-use');
    const target = await freshTarget({ migrate: true });
    await insertAgencies(target, TEST_AGENCIES);
    const before = await allRowsAsText(target);

    await expect(carryOverPgliteData(dataDir, target, () => {})).rejects.toThrow(
      `Not carrying over the former embedded database ${path.join(dataDir, PGLITE_SUBDIR)}: the server's database already holds other data (agencies)`,
    );

    expect(await allRowsAsText(target)).toEqual(before);
    expect(readdirSync(dataDir)).toEqual([PGLITE_SUBDIR]);
    expect(hasPgliteData(dataDir)).toBe(true);
  }, CARRY_TIMEOUT);

  it('rolls everything back when a table fails half-way, so that a later start carries the folder over in full', async () => {
    const dataDir = dataDirWith(demoFolder, 'fails-half-way');
    // Migrated, so only the rows of its migrations (the genesis audit head, the default SLA policy).
    const target = await freshTarget({ migrate: true });
    const migrationsOwn = await allRowsAsText(target);
    // users is the last table copied (by name): every other one has been copied when it fails.
    await target.exec("ALTER TABLE users ADD CONSTRAINT carry_over_refuses_admin CHECK (username <> 'admin') NOT VALID");

    await expect(carryOverPgliteData(dataDir, target, () => {})).rejects.toThrow(/Could not carry over the table users: .*carry_over_refuses_admin/);

    expect(await allRowsAsText(target)).toEqual(migrationsOwn);
    expect(readdirSync(dataDir)).toEqual([PGLITE_SUBDIR]);

    await target.exec('ALTER TABLE users DROP CONSTRAINT carry_over_refuses_admin');
    expect(await carryOverPgliteData(dataDir, target, () => {})).toMatchObject({ copied: true });
    for (const [table, rows] of Object.entries(demoRows)) expect(await rowsAsText(target, table), table).toEqual(rows);
    expect(await verifyAuditChain(target)).toMatchObject({ ok: true });
  }, CARRY_TIMEOUT);

  it('does not commit a copy that lost rows', async () => {
    const dataDir = dataDirWith(demoFolder, 'loses-rows');
    const target = await freshTarget({ migrate: true });
    const migrationsOwn = await allRowsAsText(target);
    // A trigger that fires even for the copy (ALWAYS) and drops every routing rule without an error.
    await target.exec(`
      CREATE FUNCTION carry_over_drops_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END; $$;
      CREATE TRIGGER carry_over_drops_rules BEFORE INSERT ON routing_rules FOR EACH ROW EXECUTE FUNCTION carry_over_drops_row();
      ALTER TABLE routing_rules ENABLE ALWAYS TRIGGER carry_over_drops_rules;
    `);
    const rules = demoRows.routing_rules?.length ?? 0;
    expect(rules).toBeGreaterThan(0);

    await expect(carryOverPgliteData(dataDir, target, () => {})).rejects.toThrow(
      `Carrying over ${path.join(dataDir, PGLITE_SUBDIR)} lost or added rows: routing_rules ${rules} → 0`,
    );

    expect(await allRowsAsText(target)).toEqual(migrationsOwn);
    expect(readdirSync(dataDir)).toEqual([PGLITE_SUBDIR]);
  }, CARRY_TIMEOUT);

  it('brings a folder one migration behind up to date for the copy, and keeps the folder as the office left it', async () => {
    const migrationFiles = readdirSync(MIGRATIONS_DIR).filter((file) => /^\d+.*\.sql$/.test(file)).sort();
    const last = migrationFiles.at(-1) as string;
    const lastVersion = path.basename(last, '.sql');
    const folder = path.join(workDir, 'behind-office', PGLITE_SUBDIR);
    mkdirSync(path.dirname(folder));
    const behind = await openPgliteDatabase(folder);
    try {
      await migrate(behind, migrationsDir('migrations-behind', { except: last }));
      await seedReferenceData(behind);
      await insertAgencies(behind, TEST_AGENCIES);
      await behind.transaction((tx) =>
        appendAudit(tx, { actor: { userId: null, label: 'ระบบ' }, action: 'agencies.import', entityType: 'agency', entityId: null, details: { count: TEST_AGENCIES.length } }),
      );
    } finally {
      await behind.close();
    }
    const dataDir = path.dirname(folder);
    const target = await freshTarget();
    const logs: string[] = [];

    const summary = await carryOverPgliteData(dataDir, target, (message) => logs.push(message));

    expect(summary).toMatchObject({ copied: true, migrationsApplied: [lastVersion] });
    expect(logs.join('\n')).toContain(`Brought the former database up to date for the copy (${lastVersion})`);
    expect(await countOf(target, 'agencies')).toBe(TEST_AGENCIES.length);
    expect(await countOf(target, 'admin_areas')).toBe(summary?.tables.admin_areas);
    expect(await verifyAuditChain(target)).toEqual({ ok: true, records: 1 });
    const versions = await target.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((row) => row.version)).toEqual(migrationFiles.map((file) => path.basename(file, '.sql')));

    // The kept folder has its own schema still: the migrations were applied for the copy only.
    const kept = await openPgliteDatabase(summary?.keptAs as string);
    try {
      const keptVersions = await kept.query<{ version: string }>('SELECT version FROM schema_migrations');
      expect(keptVersions.map((row) => row.version)).not.toContain(lastVersion);
      expect(keptVersions).toHaveLength(migrationFiles.length - 1);
    } finally {
      await kept.close();
    }
  }, CARRY_TIMEOUT);

  it('keeps identity and serial ids, generated columns and exotic values, and continues every sequence', async () => {
    const probeMigrations = migrationsDir('migrations-probe', {
      extra: {
        '9000_carry_over_probe.sql': `-- What the app's tables do not have (yet): identity and serial ids, a generated column, bytea, json.
CREATE TABLE carry_over_probe (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  serial_no serial NOT NULL,
  doubled bigint GENERATED ALWAYS AS (id * 2) STORED,
  bytes bytea,
  at timestamptz,
  ratio double precision,
  amount numeric(20, 6),
  label text,
  tags text[],
  doc jsonb,
  raw json,
  day date,
  span interval
);
`,
      },
    });
    const folder = path.join(workDir, 'probe-office', PGLITE_SUBDIR);
    mkdirSync(path.dirname(folder));
    const source = await openPgliteDatabase(folder);
    let probeRows: string[];
    try {
      await migrate(source, probeMigrations);
      await source.exec(`
        INSERT INTO carry_over_probe (bytes, at, ratio, amount, label, tags, doc, raw, day, span) VALUES
          ('\\x00ff7f80', '${MICROSECOND_AT}', '-0', 1234.5, 'ไทย "quoted", back\\slash', '{ก,NULL,"a,b",""}', '{"ไทย": [1.50, null, {"x": "null"}]}', '{ "spaced" :  1 }', 'infinity', '1 year 2 mons 3 days 04:05:06.789'),
          (NULL, '-infinity', 'NaN', NULL, '', '{}', 'null', 'null', '2024-02-29', '-1 day'),
          (NULL, 'infinity', 5e-324, -0.000001, NULL, NULL, NULL, NULL, NULL, NULL),
          (NULL, NULL, 0.1, NULL, 'deleted: the sequences have gone past the last id', NULL, NULL, NULL, NULL, NULL);
        DELETE FROM carry_over_probe WHERE id = 4;
      `);
      probeRows = await rowsAsText(source, 'carry_over_probe');
    } finally {
      await source.close();
    }
    // Migrated to the same schema, so holding the rows its migrations wrote: those do not count as data.
    const target = await freshTarget({ migrate: false });
    await migrate(target, probeMigrations);

    const summary = await carryOverPgliteData(path.dirname(folder), target, () => {});

    expect(summary).toMatchObject({ copied: true });
    expect(await rowsAsText(target, 'carry_over_probe')).toEqual(probeRows);
    expect(probeRows).toHaveLength(3);
    const values = await target.query<Record<string, string | boolean | null>>(
      `SELECT id::text, doubled::text, encode(bytes, 'hex') AS bytes, (at AT TIME ZONE 'UTC')::text AS at, ratio::text, amount::text,
              tags::text, doc::text, doc IS NULL AS doc_is_sql_null, raw::text, day::text
       FROM carry_over_probe ORDER BY id`,
    );
    expect(values).toEqual([
      { id: '1', doubled: '2', bytes: '00ff7f80', at: '2026-03-01 02:15:42.123456', ratio: '-0', amount: '1234.500000', tags: '{ก,NULL,"a,b",""}', doc: '{"ไทย": [1.50, null, {"x": "null"}]}', doc_is_sql_null: false, raw: '{ "spaced" :  1 }', day: 'infinity' },
      { id: '2', doubled: '4', bytes: null, at: '-infinity', ratio: 'NaN', amount: null, tags: '{}', doc: 'null', doc_is_sql_null: false, raw: 'null', day: '2024-02-29' },
      { id: '3', doubled: '6', bytes: null, at: 'infinity', ratio: '5e-324', amount: '-0.000001', tags: null, doc: null, doc_is_sql_null: true, raw: null, day: null },
    ]);

    const [next] = await target.query<{ id: string; serial_no: number }>("INSERT INTO carry_over_probe (label) VALUES ('after') RETURNING id::text, serial_no");
    expect(next).toEqual({ id: '5', serial_no: 5 });
  }, CARRY_TIMEOUT);

  it('carries an office over at the first start of this version, before anything else reads the database', async () => {
    const dataDir = createEmbeddedDataDir('rt-pglite-upgrade-');
    try {
      cpSync(demoFolder, path.join(dataDir, PGLITE_SUBDIR), { recursive: true });
      const logs: string[] = [];
      const ctx = await openInstallation(
        { ...TEST_CONFIG, dataDir, dataKey: TEST_DATA_KEY.toString('base64') },
        { role: 'test', log: (message) => logs.push(message) },
      );
      try {
        expect(logs.join('\n')).toMatch(/Carried over \d+ tables/);
        expect(hasPgliteData(dataDir)).toBe(false);
        expect(ctx.appliedMigrations).toEqual([]);
        expect(await countOf(ctx.db, 'cases')).toBe(demoRows.cases?.length);
        expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
        // Identities were encrypted on the former database: the same key still reads them.
        const complainants = await ctx.db.query<{ id: string }>('SELECT id FROM complainants');
        expect(complainants.length).toBeGreaterThan(0);
        for (const { id } of complainants) expect(await readIdentity(ctx.db, ctx.protector, id)).toEqual(expect.any(Object));
      } finally {
        await ctx.db.close();
      }
    } finally {
      removeEmbeddedDataDir(dataDir);
    }
  }, CARRY_TIMEOUT);
});
