/**
 * Fresh databases for a benchmark: PGlite in a temporary directory, PostgreSQL in a throwaway
 * cluster (when the server binaries are installed). Each registers its cleanup in `resources`.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { insertAgencies } from '../../src/server/agencies/queries.ts';
import { migrate, openDatabase, type Database } from '../../src/server/platform/database.ts';
import { findPostgresBinaries, startPostgresCluster } from '../../test/support/postgres-cluster.ts';
import type { Resources } from './common.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes PGlite directories of earlier runs whose process is gone (it was killed outright). */
function removeStaleDirs(prefix: string): void {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(new RegExp(`^${prefix}(\\d+)-`).exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

export async function serverVersion(db: Database): Promise<string> {
  const [row] = await db.query<{ server_version: string }>('SHOW server_version');
  return row?.server_version ?? '?';
}

/** PGlite in a temporary directory named `<dirPrefix><pid>-…`; `engine` describes it. */
export async function openPglite(dirPrefix: string, resources: Resources): Promise<{ db: Database; engine: string }> {
  removeStaleDirs(dirPrefix);
  // Named after this process, so that a later run can tell a leftover from a live one.
  const dir = mkdtempSync(path.join(os.tmpdir(), `${dirPrefix}${process.pid}-`));
  // Also on an abrupt exit, where no asynchronous cleanup runs.
  const removeSync = (): void => rmSync(dir, { recursive: true, force: true });
  process.on('exit', removeSync);
  resources.add('the PGlite directory', () => {
    process.removeListener('exit', removeSync);
    removeSync();
  });
  const db = await openDatabase({ dataDir: dir });
  resources.add('the PGlite database', () => db.close());
  return { db, engine: `PGlite (PostgreSQL ${await serverVersion(db)}, WASM, one connection), files in a temporary directory` };
}

export interface OpenedPostgres {
  db: Database;
  url: string;
  port: number;
  /** Of the server binaries. */
  version: string;
}

/**
 * PostgreSQL in a throwaway cluster, with a pool of `maxConnections`; `prepare` runs on the
 * cluster's URL before the pool opens. A reason when the server binaries are not installed.
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
  if (statementTimeoutSeconds !== undefined) await setStatementTimeout(cluster.url, statementTimeoutSeconds);
  const db = await openDatabase({ url: cluster.url, maxConnections });
  resources.add('the PostgreSQL pool', () => db.close());
  return { db, url: cluster.url, port: cluster.port, version: binaries.version };
}

async function setStatementTimeout(url: string, seconds: number): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE postgres SET statement_timeout = '${Math.round(seconds)}s'`);
  } finally {
    await admin.end();
  }
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
