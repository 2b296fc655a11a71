/** Opens the database and keys of a configured installation: shared by every CLI command. */
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { createDataProtector, loadOrCreateDataKey } from './crypto.ts';
import { findDataKeyCheck, recordDataKeyCheck } from './installation-queries.ts';
import { migrate, openDatabase, type Database } from './database.ts';
import type { DataProtector } from './crypto.ts';
import { carryOverPgliteData } from './pglite-upgrade.ts';

/** The data every installation needs besides its schema (areas, categories, holidays): idempotent, run after the migrations. */
export type SeedReferenceData = (db: Database) => Promise<unknown>;

export interface OpenInstallationOptions {
  /** Who this process is (serve, worker, the CLI command): named to the other processes of the embedded database. */
  role?: string;
  /** Informational lines about the embedded database (started, stopped, carried over); default stderr. */
  log?: (message: string) => void;
}

/**
 * Either a migration (the default), which needs the reference data to seed after it — the
 * composition root (app.ts) gives it, see openInstallation — or an opening as the database is.
 */
export type OpenAppContextOptions = OpenInstallationOptions & ({ migrate?: true; seed: SeedReferenceData } | { migrate: false; seed?: undefined });

/** Opens an installation, migrated and seeded: what the composition root hands to the commands that need one. */
export type OpenInstallation = (config: Config, options?: OpenInstallationOptions) => Promise<AppContext & { appliedMigrations: string[] }>;

export async function openAppContext(config: Config, options: OpenAppContextOptions): Promise<AppContext & { appliedMigrations: string[] }> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPort: config.embeddedDatabasePort,
    role: options.role ?? 'cli',
    log,
    // An office upgrading from the former PGlite default: its cases come along before anything else runs.
    prepare: async (fresh) => {
      await carryOverPgliteData(config.dataDir, fresh, log);
    },
  });
  try {
    const appliedMigrations = options.migrate === false ? [] : await migrate(db);
    if (options.seed) await options.seed(db);
    const protector = createDataProtector(loadOrCreateDataKey(config.dataKey, config.dataDir));
    if (options.migrate !== false) await checkDataKey(db, protector);
    return { db, config, protector, now: () => new Date(), appliedMigrations };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** The database in a line for people: `embedded PostgreSQL in /srv/rongthuk/data` or `PostgreSQL (DATABASE_URL)`. */
export function describeDatabase(ctx: Pick<AppContext, 'db' | 'config'>): string {
  return ctx.db.kind === 'embedded' ? `embedded PostgreSQL in ${ctx.config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
}

export class DataKeyMismatchError extends Error {}

/**
 * Refuses a data key other than the one this database's identities were encrypted with:
 * starting anyway would write unreadable identities and miss every look-up by phone or ID.
 */
export async function checkDataKey(db: Database, protector: DataProtector): Promise<void> {
  const check = protector.keyedHash('data-key-check', 'rongthuk');
  await recordDataKeyCheck(db, check);
  if ((await findDataKeyCheck(db)) !== check) {
    throw new DataKeyMismatchError(
      'the data key (RONGTHUK_DATA_KEY or <data dir>/data-key) is not the one this database was created with: identities could not be read',
    );
  }
}
