/**
 * One database interface over a PostgreSQL server through `pg`: the embedded server the app runs
 * itself under the data directory (embedded-server.ts) for a district office, or a server of
 * its own (DATABASE_URL) for a national hub. Values come back as the same JS types on both.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { attachEmbeddedServer } from './embedded-server.ts';

/** Anything that runs a query: the database itself or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  /** embedded: the server the app runs under its data directory; postgres: DATABASE_URL. */
  readonly kind: 'embedded' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…` for a server of one's own; otherwise the embedded server under dataDir. */
  url?: string | undefined;
  /** The data directory whose embedded server to start or join. */
  dataDir?: string | undefined;
  /** Pool size. */
  maxConnections?: number | undefined;
  /** Embedded: who this process is (serve, worker, migrate…), named to other processes. */
  role?: string | undefined;
  /** Embedded: a fixed port (RONGTHUK_DB_PORT). */
  embeddedPort?: number | undefined;
  /** Embedded: runs under the server's start-up lock each time a process starts or joins it (the PGlite upgrade). */
  prepare?: ((db: Database) => Promise<void>) | undefined;
  /** Embedded: informational lines (starting, stopping the server). */
  log?: ((message: string) => void) | undefined;
}

const toNumber = (value: string): number => Number(value);
const keepText = (value: string): string => value;

/** How values of these type OIDs come to JS: int8 and numeric as numbers, date as `YYYY-MM-DD` text. */
export const TYPE_PARSERS: Readonly<Record<number, (value: string) => number | string>> = {
  20: toNumber,
  1700: toNumber,
  1082: keepText,
};

/** Opens the server of DATABASE_URL, or starts (joins) the embedded server of dataDir. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const max = options.maxConnections ?? 10;
  if (options.url) {
    if (!/^postgres(ql)?:\/\//.test(options.url)) throw new Error('The database URL must be a postgres:// URL');
    return openPostgres(options.url, max, 'postgres');
  }
  if (!options.dataDir) throw new Error('Either a postgres:// URL or a data directory is needed');
  const prepare = options.prepare;
  const server = await attachEmbeddedServer(options.dataDir, {
    role: options.role ?? 'cli',
    port: options.embeddedPort,
    log: options.log,
    prepare: prepare
      ? async (url) => {
          const db = await openPostgres(url, 2, 'embedded');
          try {
            await prepare(db);
          } finally {
            await db.close();
          }
        }
      : undefined,
  });
  const db = await openPostgres(server.url, max, 'embedded').catch(async (error: unknown) => {
    await server.release();
    throw error;
  });
  return {
    ...db,
    close: async () => {
      try {
        await db.close();
      } finally {
        await server.release();
      }
    },
  };
}

async function openPostgres(url: string, max: number, kind: Database['kind']): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const query = async <Row>(executor: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await executor.query(sql, params ? [...params] : undefined)).rows as Row[];
  return {
    kind,
    query: (sql, params) => query(pool, sql, params),
    transaction: async (work) => {
      const client = await pool.connect();
      // A connection dropped mid-transaction (server restart, failover) surfaces as the failed
      // query's error; without a listener the client's 'error' event would end the process.
      const ignoreDrop = () => {};
      client.on('error', ignoreDrop);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => query(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is discarded, not returned to the pool.
        broken = await client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: Error) => rollbackError,
        );
        throw error;
      } finally {
        client.off('error', ignoreDrop);
        client.release(broken);
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

/** The first row, or undefined. */
export async function queryOne<Row>(
  db: Queryable,
  sql: string,
  params?: readonly unknown[],
): Promise<Row | undefined> {
  const rows = await db.query<Row>(sql, params);
  return rows[0];
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/**
 * Applies the numbered SQL files in migrations/ that have not been applied yet, all in one
 * transaction under an advisory lock, so several app processes starting at once on one
 * PostgreSQL apply each migration exactly once. Returns the versions applied.
 */
export async function migrate(db: Database, directory = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(directory)).filter((name) => /^\d+.*\.sql$/.test(name)).sort();
  const scripts = await Promise.all(
    files.map(async (name) => ({ version: path.basename(name, '.sql'), sql: await readFile(path.join(directory, name), 'utf8') })),
  );
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7250001)');
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = new Set(
      (await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((row) => row.version),
    );
    const pending = scripts.filter((script) => !applied.has(script.version));
    for (const script of pending) {
      for (const statement of splitSqlScript(script.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [script.version]);
    }
    return pending.map((script) => script.version);
  });
}

/**
 * Splits a migration into statements at semicolons that end a line, outside
 * dollar-quoted bodies: migrations run statement by statement inside the transaction.
 */
export function splitSqlScript(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollarQuote = false;
  for (const line of sql.split('\n')) {
    const trimmed = line.trim();
    if (!inDollarQuote && (trimmed.startsWith('--') || trimmed === '')) {
      if (current) current += '\n';
      continue;
    }
    const dollarMarks = line.match(/\$\$/g)?.length ?? 0;
    if (dollarMarks % 2 === 1) inDollarQuote = !inDollarQuote;
    current += `${line}\n`;
    if (!inDollarQuote && trimmed.endsWith(';')) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
