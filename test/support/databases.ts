/**
 * Runs a suite on both engines the product supports: `name [embedded]` on a fresh database of a
 * cluster from the registry's PostgreSQL binaries (those of the embedded default), and
 * `name [postgres]` on a fresh database of a system PostgreSQL server (a hub's own server;
 * skipped without one). The global setup provides both. Each suite gets its own migrated
 * database, dropped again afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { migrate, openDatabase, type Database } from '../../src/server/platform/database.ts';

export type DatabaseKind = 'embedded' | 'postgres';

export const DATABASE_KINDS: readonly DatabaseKind[] = ['embedded', 'postgres'];

/** Hook timeout: creating a database and migrating it takes a moment. */
export const DATABASE_HOOK_TIMEOUT = 60_000;

export interface TestDatabase {
  db: Database;
  kind: DatabaseKind;
  /** The PostgreSQL URL of this database. */
  url: string;
  /** Closes the database and drops it. */
  dispose(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Apply migrations/ (default true). */
  migrate?: boolean;
  /** Server to create the database on; defaults to the one the global setup provides for `kind`. */
  serverUrl?: string;
  /** Pool size. */
  maxConnections?: number;
}

/** The provided system PostgreSQL server's URL, or null when the suite runs on the embedded engine only. */
export function postgresUrl(): string | null {
  return inject('postgresUrl') ?? null;
}

/** The provided cluster of the registry's binaries (the embedded default's engine). */
export function embeddedUrl(): string {
  const url = inject('embeddedUrl');
  if (!url) throw new Error('No embedded PostgreSQL cluster for the tests (see test/support/global-setup.ts)');
  return url;
}

/** Creates a fresh (by default migrated) database of the given kind. */
export async function createTestDatabase(kind: DatabaseKind, options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? (kind === 'embedded' ? embeddedUrl() : postgresUrl());
  if (!serverUrl) throw new Error('No PostgreSQL server for the tests (see test/support/global-setup.ts)');
  const name = `rt_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`));
  const url = databaseUrl(serverUrl, name);
  let db: Database;
  try {
    db = await openDatabase({ url, maxConnections: options.maxConnections });
    db = { ...db, kind };
  } catch (error) {
    await dropDatabase(serverUrl, name);
    throw error;
  }
  let disposed = false;
  const dispose = async (): Promise<void> => {
    if (disposed) return;
    disposed = true;
    try {
      await db.close();
    } finally {
      await dropDatabase(serverUrl, name);
    }
  };
  return finish({ db, kind, url, dispose }, options);
}

async function finish(handle: TestDatabase, options: CreateTestDatabaseOptions): Promise<TestDatabase> {
  if (options.migrate === false) return handle;
  try {
    await migrate(handle.db);
    return handle;
  } catch (error) {
    await handle.dispose().catch(() => {});
    throw error;
  }
}

/** The same server URL, pointing at another database. */
function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, async (admin) => {
    // WITH (FORCE) ends connections a test left open (PostgreSQL 13 and later).
    const [row] = (await admin.query<{ server_version_num: string }>('SHOW server_version_num')).rows;
    const force = Number(row?.server_version_num) >= 130000;
    await admin.query(`DROP DATABASE IF EXISTS ${name}${force ? ' WITH (FORCE)' : ''}`);
  });
}

export interface DatabaseSuiteContext {
  /** The suite's database; available in tests and in hooks registered inside the body. */
  db(): Database;
  kind: DatabaseKind;
}

/**
 * Defines `${name} [embedded]` and `${name} [postgres]`, each with its own fresh, migrated
 * database created in beforeAll and disposed of in afterAll. The postgres variant is skipped
 * when no PostgreSQL server is available.
 */
export function describeEachDatabase(name: string, body: (context: DatabaseSuiteContext) => void): void {
  const serverUrl = postgresUrl();
  for (const kind of DATABASE_KINDS) {
    const define = kind === 'postgres' && !serverUrl ? describe.skip : describe;
    define(`${name} [${kind}]`, () => {
      let handle: TestDatabase | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(kind);
      }, DATABASE_HOOK_TIMEOUT);
      afterAll(async () => {
        await handle?.dispose();
        handle = undefined;
      }, DATABASE_HOOK_TIMEOUT);
      body({
        kind,
        db: () => {
          if (!handle) throw new Error(`The ${kind} test database is only available inside tests and hooks`);
          return handle.db;
        },
      });
    });
  }
}
