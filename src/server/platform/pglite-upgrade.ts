/**
 * The upgrade from the former embedded default, PGlite (PostgreSQL compiled to WASM, its files in
 * <dataDir>/pglite), to the embedded PostgreSQL server (embedded-server.ts): the first start of
 * this version carries every row over, then renames the folder so that it is kept but never read
 * again.
 *
 * Values travel in PostgreSQL's text form, column by column, as COPY and pg_dump move them: each
 * is read back by its type's own input function and arrives bit for bit, which the audit log (a
 * hash chain over stored values) needs to verify afterwards. Whole rows as JSON would not do: a
 * jsonb column holding JSON null (jobs.payload by default) would come back as SQL NULL.
 *
 * All or nothing. The former database is brought up to date inside a transaction that is rolled
 * back at the end, so its folder keeps exactly what the office had; the copy is one transaction
 * on the target. The caller holds the embedded server's start-up lock, so no other process of
 * this version opens either database meanwhile; a process of the previous version that still
 * has the folder open (it took no lock) is found and named, and nothing is carried over until it stops.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { TYPE_PARSERS, migrate, type Database, type Queryable } from './database.ts';

export const PGLITE_SUBDIR = 'pglite';
/** The former folder once carried over: `pglite-carried-over-20260101T093000Z`. */
export const CARRIED_OVER_PREFIX = 'pglite-carried-over-';

/** Rows per round trip between the two databases. */
const BATCH_ROWS = 2000;


/** Text forms that both sides write and read alike whatever their defaults (pg_dump's choices). */
const TEXT_FORM_SETTINGS = [
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  'SET LOCAL extra_float_digits = 3',
  "SET LOCAL bytea_output = 'hex'",
  "SET LOCAL TimeZone = 'UTC'",
];

export interface CarryOverSummary {
  /** Rows per table of the former database (schema_migrations aside), which the target now holds too. */
  tables: Record<string, number>;
  /** All rows together. */
  rows: number;
  /** Migrations the former database lacked, applied for the copy only: its folder keeps its own schema. */
  migrationsApplied: string[];
  /** False when an earlier start had committed the copy but not renamed the folder: only the rename was left. */
  copied: boolean;
  /** Where the former folder is now. */
  keptAs: string;
}

/** Whether dataDir holds a database made by the former PGlite default that has not been carried over yet. */
export function hasPgliteData(dataDir: string): boolean {
  return existsSync(path.join(dataDir, PGLITE_SUBDIR, 'PG_VERSION'));
}

/**
 * Carries the cases of a former PGlite data folder over into `target` (an empty, freshly
 * opened database of the embedded server), then renames the folder to
 * `pglite-carried-over-<YYYYMMDDTHHMMSSZ>` so that it is kept but never read again. Does nothing when
 * there is no PGlite folder. Returns a summary (tables and row counts) or null when there was nothing.
 */
export async function carryOverPgliteData(dataDir: string, target: Database, log: (message: string) => void): Promise<CarryOverSummary | null> {
  if (!hasPgliteData(dataDir)) return null;
  const folder = path.join(dataDir, PGLITE_SUBDIR);
  const started = Date.now();
  const holders = processesWithFilesIn(folder);
  if (holders.length > 0) {
    throw new Error(
      `The former embedded database (${folder}) is open in ${holders.map((holder) => `process ${holder.pid} (${holder.command})`).join(', ')}: ` +
        'stop the previous version of Rongthuk first — filings it takes meanwhile would not be carried over — then start this one',
    );
  }
  log(`Found the former embedded database (PGlite) in ${folder}: opening it`);
  const client = await openPgliteClient(folder);
  let outcome: Omit<CarryOverSummary, 'keptAs'>;
  try {
    outcome = await client.transaction(async (tx) => {
      const copied = await copyAll(pgliteDatabase(tx), target, folder, log);
      // The migrations were for the copy only: the kept folder stays as the office left it.
      await tx.rollback();
      return copied;
    });
  } finally {
    await client.close();
  }
  const keptAs = path.join(dataDir, `${CARRIED_OVER_PREFIX}${compactTimestamp(new Date())}`);
  renameSync(folder, keptAs);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const what = outcome.copied ? `Carried over ${Object.keys(outcome.tables).length} tables (${formatCount(outcome.rows)} rows) in ${seconds} s` : 'Nothing left to copy';
  log(`${what}; the former folder is kept as ${keptAs}`);
  return { ...outcome, keptAs };
}

/**
 * Opens a PGlite data folder as a Database, as the app's former default did. The app itself
 * only reads one through carryOverPgliteData; tests build former folders with it.
 */
export async function openPgliteDatabase(dir: string): Promise<Database> {
  const client = await openPgliteClient(dir);
  return pgliteDatabase(client, () => client.close());
}

/**
 * Processes other than this one with a file open under `folder` (PGlite keeps its files open
 * while it runs). Linux only (/proc); elsewhere none are found.
 */
export function processesWithFilesIn(folder: string): { pid: number; command: string }[] {
  if (process.platform !== 'linux') return [];
  const prefix = `${realpathSync(folder)}${path.sep}`;
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let descriptors: string[];
    try {
      descriptors = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const holds = descriptors.some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(prefix);
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    } catch {
      // Gone meanwhile.
    }
    found.push({ pid, command: command || 'unknown' });
  }
  return found;
}

async function openPgliteClient(dir: string): Promise<PGlite> {
  try {
    return await PGlite.create(dir, { parsers: TYPE_PARSERS });
  } catch (error) {
    throw new Error(`Could not open the former embedded database in ${dir}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * PGlite or one of its open transactions as a Database. On a transaction, `transaction()` runs
 * inside it: PGlite has one connection, which the open transaction holds.
 */
function pgliteDatabase(executor: PGlite | Transaction, close: () => Promise<void> = async () => {}): Database {
  const query = async <Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> =>
    (await executor.query<Row>(sql, params ? [...params] : undefined)).rows;
  return {
    // The former embedded database.
    kind: 'embedded',
    query,
    transaction: (work) => (executor instanceof PGlite ? executor.transaction((tx) => work(pgliteDatabase(tx))) : work({ query })),
    exec: async (sql) => {
      await executor.exec(sql);
    },
    close,
  };
}

/** Brings both databases to the same schema, then copies unless an earlier start already did. */
async function copyAll(source: Database, target: Database, folder: string, log: (message: string) => void): Promise<Omit<CarryOverSummary, 'keptAs'>> {
  const migrationsApplied = await migrate(source);
  if (migrationsApplied.length > 0) log(`Brought the former database up to date for the copy (${migrationsApplied.join(', ')})`);
  for (const statement of TEXT_FORM_SETTINGS) await source.query(statement);
  await migrate(target);
  await assertSameSchema(source, target, folder);
  const tables = await listRelations(source, 'r');
  const counts = await countRows(source, tables);
  const copied = await target.transaction(async (tx) => {
    if (sameCounts(counts, await countRows(tx, tables)) && (await holdSameRows(source, tx, tables))) {
      // A start that committed the copy, then stopped before the rename.
      log(`The server's database already holds every row of ${folder}: nothing to copy`);
      return false;
    }
    await assertHoldsNoData(tx, tables, folder);
    log(`Carrying over ${formatCount(counts.cases ?? 0)} cases from the former embedded database (${folder})…`);
    for (const statement of [...TEXT_FORM_SETTINGS, 'SET LOCAL session_replication_role = replica']) await tx.query(statement);
    for (const table of tables) await copyTable(source, tx, table);
    await copySequences(source, tx);
    assertSameCounts(counts, await countRows(tx, tables), folder);
    return true;
  });
  // Read again after the commit: what the next start will find.
  assertSameCounts(counts, await countRows(target, tables), folder);
  return { tables: counts, rows: Object.values(counts).reduce((sum, n) => sum + n, 0), migrationsApplied, copied };
}

/** Same migrations and the same tables on both sides; else the copy would drop or misplace columns. */
async function assertSameSchema(source: Queryable, target: Queryable, folder: string): Promise<void> {
  const versions = async (db: Queryable) =>
    (await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).map((row) => row.version).join(', ');
  const [sourceVersions, targetVersions] = [await versions(source), await versions(target)];
  if (sourceVersions !== targetVersions) {
    throw new Error(`The former embedded database ${folder} has migrations ${sourceVersions}, this version ${targetVersions}: it was made by another version of Rongthuk`);
  }
  const [sourceTables, targetTables] = [await listRelations(source, 'r'), await listRelations(target, 'r')];
  if (sourceTables.join() !== targetTables.join()) {
    throw new Error(`The former embedded database ${folder} has the tables ${sourceTables.join(', ')}, the server's database ${targetTables.join(', ')}`);
  }
}

/** Tables ('r') or sequences ('S') of the public schema, by name; schema_migrations each side keeps its own. */
async function listRelations(db: Queryable, relkind: 'r' | 'S'): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = $1 AND c.relname <> 'schema_migrations'
     ORDER BY c.relname COLLATE "C"`,
    [relkind],
  );
  return rows.map((row) => row.name);
}

async function countRows(db: Queryable, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(table)}`);
    counts[table] = Number(row?.n);
  }
  return counts;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  return Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([table, n]) => b[table] === n);
}

function assertSameCounts(source: Record<string, number>, target: Record<string, number>, folder: string): void {
  if (sameCounts(source, target)) return;
  const differing = Object.keys(source)
    .filter((table) => source[table] !== target[table])
    .map((table) => `${table} ${source[table]} → ${target[table] ?? 'missing'}`);
  throw new Error(`Carrying over ${folder} lost or added rows: ${differing.join(', ')}`);
}

/**
 * Whether both hold the same rows in every table, compared through an order-free digest of
 * each row's text form (the sum of the first 60 bits of their MD5s): only the rare start that
 * finds equal counts pays for reading every row.
 */
async function holdSameRows(source: Queryable, tx: Queryable, tables: readonly string[]): Promise<boolean> {
  for (const statement of TEXT_FORM_SETTINGS) await tx.query(statement);
  const digest = async (db: Queryable, table: string) => {
    const [row] = await db.query<{ digest: string }>(
      `SELECT coalesce(sum(('x' || left(md5(r::text), 15))::bit(60)::bigint::numeric), 0)::text AS digest FROM ${qualified(table)} r`,
    );
    return row?.digest;
  };
  for (const table of tables) if ((await digest(source, table)) !== (await digest(tx, table))) return false;
  return true;
}

/**
 * Refuses a target holding rows of its own. The rows its migrations wrote (the audit chain's
 * genesis head, the default SLA policy) do not count: they carry the transaction id of the
 * migrations that recorded themselves in schema_migrations, and the copy replaces them.
 */
async function assertHoldsNoData(tx: Queryable, tables: readonly string[], folder: string): Promise<void> {
  const holding: string[] = [];
  for (const table of tables) {
    const [row] = await tx.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT FROM ${qualified(table)} WHERE xmin::text NOT IN (SELECT xmin::text FROM schema_migrations)) AS found`,
    );
    if (row?.found) holding.push(table);
  }
  if (holding.length > 0) {
    throw new Error(
      `Not carrying over the former embedded database ${folder}: the server's database already holds other data (${holding.join(', ')}). ` +
        `Move ${folder} out of the data directory to go on with the server's data: the former database can only be carried over into an empty one`,
    );
  }
}

interface Column {
  name: string;
  type: string;
}

/** The columns a row is written with: generated ones are computed again by the target. */
async function insertableColumns(db: Queryable, table: string): Promise<Column[]> {
  return db.query<Column>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY a.attnum`,
    [table],
  );
}

/**
 * Replaces the target's rows of `table` (only its migrations' own, see assertHoldsNoData) with the
 * source's, in batches through a cursor. Triggers and foreign keys are off (replica role), so the
 * append-only tables accept the rows and the tables go in any order.
 */
async function copyTable(source: Queryable, tx: Queryable, table: string): Promise<void> {
  const columns = await insertableColumns(tx, table);
  const sourceColumns = await insertableColumns(source, table);
  const names = (list: Column[]) => list.map((column) => column.name).sort().join();
  if (names(columns) !== names(sourceColumns)) {
    throw new Error(`The table ${table} has other columns in the former embedded database than in the server's`);
  }
  const targetList = columns.map((column) => quoteIdent(column.name)).join(', ');
  const asText = columns.map((column) => `r.${quoteIdent(column.name)}::text`).join(', ');
  const fromText = columns.map((column, index) => `(v->>${index})::${column.type}`).join(', ');
  // OVERRIDING SYSTEM VALUE: identity columns keep the ids they had (a no-op on other tables).
  const insert = `INSERT INTO ${qualified(table)} (${targetList}) OVERRIDING SYSTEM VALUE SELECT ${fromText} FROM json_array_elements($1::json) AS v`;
  await tx.query(`DELETE FROM ${qualified(table)}`);
  await source.query(`DECLARE carry_over NO SCROLL CURSOR FOR SELECT to_json(ARRAY[${asText}])::text AS row FROM ${qualified(table)} r`);
  try {
    for (;;) {
      const batch = await source.query<{ row: string }>(`FETCH ${BATCH_ROWS} FROM carry_over`);
      if (batch.length === 0) break;
      await tx.query(insert, [`[${batch.map((item) => item.row).join(',')}]`]);
    }
  } catch (error) {
    throw new Error(`Could not carry over the table ${table}: ${(error as Error).message}`, { cause: error });
  }
  await source.query('CLOSE carry_over');
}

/**
 * Every sequence continues where the former database's left off. (setval is not undone by a
 * rollback: a failed copy leaves the target's sequences ahead, which only skips ids.)
 */
async function copySequences(source: Queryable, tx: Queryable): Promise<void> {
  for (const sequence of await listRelations(source, 'S')) {
    const [state] = await source.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${qualified(sequence)}`);
    if (!state) continue;
    await tx.query('SELECT setval($1::regclass, $2::bigint, $3)', [qualified(sequence), state.last_value, state.is_called]);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function qualified(name: string): string {
  return `public.${quoteIdent(name)}`;
}

/** `20260101T093000Z`: a folder name that sorts by time and holds no colon (Windows). */
function compactTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll('-', '').replaceAll(':', '');
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
