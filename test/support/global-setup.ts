/**
 * Vitest global setup: decides which PostgreSQL server the `[postgres]` variants of the suite
 * run against, and provides its URL to the tests as `postgresUrl` (null: PGlite only).
 *
 * - RONGTHUK_TEST_DATABASES=pglite      PGlite only, no PostgreSQL at all.
 * - RONGTHUK_TEST_POSTGRES_URL=postgres://user@host:port/db
 *                                       an existing server; the user needs CREATEDB, since each
 *                                       suite creates and drops its own rt_test_* database.
 * - otherwise                           a throwaway cluster from the local server binaries
 *                                       (Debian package postgresql), removed after the run;
 *                                       without binaries, one line says so and PGlite only.
 */
import type { TestProject } from 'vitest/node';
import { PG_BIN_DIRS_ENV, findPostgresBinaries, startPostgresCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a PostgreSQL server whose user may create databases; null: PGlite only. */
    postgresUrl: string | null;
  }
}

export const DATABASES_ENV = 'RONGTHUK_TEST_DATABASES';
export const POSTGRES_URL_ENV = 'RONGTHUK_TEST_POSTGRES_URL';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const databases = process.env[DATABASES_ENV]?.trim().toLowerCase();
  if (databases === 'pglite') {
    project.provide('postgresUrl', null);
    console.log(`${DATABASES_ENV}=pglite: running the suite on PGlite only`);
    return undefined;
  }
  if (databases && databases !== 'all') {
    throw new Error(`${DATABASES_ENV} must be "pglite" or "all", not "${process.env[DATABASES_ENV]}"`);
  }

  const existing = process.env[POSTGRES_URL_ENV]?.trim();
  if (existing) {
    if (!/^postgres(ql)?:\/\//.test(existing)) throw new Error(`${POSTGRES_URL_ENV} must be a postgres:// URL`);
    project.provide('postgresUrl', existing);
    console.log(`PostgreSQL variants run against ${redactPassword(existing)} (${POSTGRES_URL_ENV})`);
    return undefined;
  }

  const binaries = findPostgresBinaries();
  if (!binaries) {
    const where = process.env[PG_BIN_DIRS_ENV] !== undefined ? ` in ${PG_BIN_DIRS_ENV}` : '';
    console.log(`PostgreSQL server binaries not found${where} (install the Debian package postgresql): running the suite on PGlite only`);
    project.provide('postgresUrl', null);
    return undefined;
  }

  const cluster = await startPostgresCluster({ binaries });
  console.log(`PostgreSQL ${binaries.version} test cluster on 127.0.0.1:${cluster.port} (${binaries.binDir})`);
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
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
