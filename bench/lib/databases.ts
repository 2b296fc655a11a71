/**
 * Fresh databases for a benchmark, one of each engine the product runs on: the embedded server
 * in a temporary data directory (as a district office runs it, fsync on), and PostgreSQL in a
 * throwaway cluster (when the server binaries are installed). Each registers its cleanup in
 * `resources`.
 */
import { insertAgencies } from '../../src/server/agencies/queries.ts';
import { migrate, openDatabase, type Database, type Queryable } from '../../src/server/platform/database.ts';
import { createEmbeddedDataDir, removeEmbeddedDataDir, removeStaleDataDirs } from '../../test/support/embedded-data-dir.ts';
import { findPostgresBinaries, startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import type { BenchDatabase, Resources } from './common.ts';

/** The server's version as it reports it, e.g. `18.4`. */
export async function serverVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ server_version: string }>('SHOW server_version');
  return row?.server_version ?? '?';
}

export interface BenchDatabaseOptions {
  /** Temporary data directories of the embedded engine are named `<dirPrefix><pid>-…`. */
  dirPrefix: string;
  /** The pool's size, on either engine. */
  maxConnections: number;
  /** Every statement of the benchmark's connections is cut after this long. */
  statementTimeoutSeconds?: number;
}

export interface OpenedBenchDatabase {
  db: Database;
  /** The engine and its settings in a line, for the report. */
  engine: string;
  /** Another pool on the same database beside `db` (closed with the resources): for sampling it. */
  openAnother(maxConnections: number): Promise<Database>;
}

/** A fresh database of the given engine, or the reason there is none (the server binaries are missing). */
export async function openBenchDatabase(kind: BenchDatabase, options: BenchDatabaseOptions, resources: Resources): Promise<OpenedBenchDatabase | { reason: string }> {
  if (kind === 'embedded') return openEmbedded(options.dirPrefix, resources, options);
  const opened = await openPostgres(resources, options);
  if ('reason' in opened) return opened;
  return {
    db: opened.db,
    engine: `PostgreSQL ${opened.version}, throwaway cluster on 127.0.0.1:${opened.port} (fsync, synchronous_commit and autovacuum off${await sharedBuffers(opened.db)})${poolAndTimeout(options)}`,
    openAnother: async (maxConnections) => {
      const db = await openDatabase({ url: opened.url, maxConnections });
      resources.add('another PostgreSQL pool', () => db.close());
      return db;
    },
  };
}

/**
 * The embedded server in a temporary data directory named `<dirPrefix><pid>-…`, with the
 * production settings (fsync on: the point of the comparison); removed after `db.close()`,
 * which stops the server.
 */
export async function openEmbedded(
  dirPrefix: string,
  resources: Resources,
  options: Omit<BenchDatabaseOptions, 'dirPrefix'> = { maxConnections: 10 },
): Promise<OpenedBenchDatabase> {
  removeStaleDataDirs(dirPrefix);
  // Named after this process, so that a later run can tell a leftover from a live one.
  const dataDir = createEmbeddedDataDir(`${dirPrefix}${process.pid}-`);
  // Also on an abrupt exit, where no asynchronous cleanup runs: the server is shut down with it.
  const removeOnExit = (): void => {
    removeEmbeddedDataDir(dataDir);
  };
  process.on('exit', removeOnExit);
  resources.add('the embedded data directory', () => {
    process.removeListener('exit', removeOnExit);
    if (removeEmbeddedDataDir(dataDir)) throw new Error('its server was still running: shut down');
  });
  const { statementTimeoutSeconds } = options;
  const open = (maxConnections: number, role: string) =>
    openDatabase({
      dataDir,
      role,
      maxConnections,
      log: () => {},
      // Before the pool opens, so that each of its connections has the setting.
      prepare: statementTimeoutSeconds === undefined ? undefined : (db) => setStatementTimeout(db, statementTimeoutSeconds),
    });
  const db = await open(options.maxConnections, 'bench');
  resources.add('the embedded database', () => db.close());
  return {
    db,
    engine: `embedded PostgreSQL ${await serverVersion(db)} (registry binaries, fsync on${await sharedBuffers(db)}), files in a temporary directory${poolAndTimeout(options)}`,
    openAnother: async (maxConnections) => {
      const another = await open(maxConnections, 'bench-sampler');
      resources.add('another embedded pool', () => another.close());
      return another;
    },
  };
}

async function sharedBuffers(db: Queryable): Promise<string> {
  const [row] = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
  return row ? `, shared_buffers ${row.shared_buffers}` : '';
}

function poolAndTimeout({ maxConnections, statementTimeoutSeconds }: Omit<BenchDatabaseOptions, 'dirPrefix'>): string {
  const pool = maxConnections === 1 ? ', one connection' : `, pool of ${maxConnections}`;
  return statementTimeoutSeconds === undefined ? pool : `${pool}, statement timeout ${statementTimeoutSeconds} s`;
}

/** Bounds every statement of the connections opened to this database from now on. */
async function setStatementTimeout(db: Queryable, seconds: number): Promise<void> {
  await db.query(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET statement_timeout = %L', current_database(), '${Math.round(seconds)}s'); END $$`);
}

export interface OpenedPostgres {
  db: Database;
  url: string;
  port: number;
  /** Of the server binaries. */
  version: string;
}

/**
 * PostgreSQL in a throwaway cluster, with a pool of `maxConnections` whose statements are cut
 * after `statementTimeoutSeconds`. A reason when the server binaries are not installed.
 */
export async function openPostgres(
  resources: Resources,
  { maxConnections, statementTimeoutSeconds }: { maxConnections: number; statementTimeoutSeconds?: number },
): Promise<OpenedPostgres | { reason: string }> {
  const binaries = findPostgresBinaries();
  if (!binaries) return { reason: 'PostgreSQL server binaries not found (install the Debian package postgresql)' };
  const cluster = await startPostgresCluster({ binaries });
  resources.add('the PostgreSQL cluster', () => cluster.stop());
  // A throwaway cluster: every statement of the benchmark's connections is bounded.
  if (statementTimeoutSeconds !== undefined) {
    const admin = await openDatabase({ url: cluster.url, maxConnections: 1 });
    try {
      await setStatementTimeout(admin, statementTimeoutSeconds);
    } finally {
      await admin.close();
    }
  }
  const db = await openDatabase({ url: cluster.url, maxConnections });
  resources.add('the PostgreSQL pool', () => db.close());
  return { db, url: cluster.url, port: cluster.port, version: binaries.version };
}

/**
 * A benchmark's database made ready for its cases: the reason it could not be opened (logged
 * as a skip), or its engine logged, migrated, `prepare` run, and one hub agency to hold the cases.
 */
export async function prepareBenchDatabase(
  label: string,
  opened: { db: Database; engine: string } | { reason: string },
  prepare?: (db: Database) => Promise<unknown>,
): Promise<{ db: Database; engine: string; agencyId: string } | { reason: string }> {
  if ('reason' in opened) {
    console.log(`${label}: skipped — ${opened.reason}`);
    return opened;
  }
  const { db, engine } = opened;
  console.log(`${label}: ${engine}`);
  await migrate(db);
  await prepare?.(db);
  await insertAgencies(db, [{ code: 'bench-hub', parentCode: null, kind: 'hub', nameTh: 'ศูนย์ทดสอบ', nameEn: 'Benchmark hub', areaCodes: [] }]);
  const [agency] = await db.query<{ id: string }>("SELECT id FROM agencies WHERE code = 'bench-hub'");
  if (!agency) throw new Error('the benchmark agency was not inserted');
  return { db, engine, agencyId: agency.id };
}
