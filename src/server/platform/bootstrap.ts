/** Opens the database and keys of a configured installation: shared by every CLI command. */
import path from 'node:path';
import { seedReferenceData } from '../seed/reference-data.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { createDataProtector, loadOrCreateDataKey } from './crypto.ts';
import { findDataKeyCheck, recordDataKeyCheck } from './installation-queries.ts';
import { migrate, openDatabase, type Database } from './database.ts';
import type { DataProtector } from './crypto.ts';

export const PGLITE_SUBDIR = 'pglite';

export async function openAppContext(config: Config, options: { migrate?: boolean } = {}): Promise<AppContext & { appliedMigrations: string[] }> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, PGLITE_SUBDIR) });
  try {
    const appliedMigrations = options.migrate === false ? [] : await migrate(db);
    if (options.migrate !== false) await seedReferenceData(db);
    const protector = createDataProtector(loadOrCreateDataKey(config.dataKey, config.dataDir));
    if (options.migrate !== false) await checkDataKey(db, protector);
    return { db, config, protector, now: () => new Date(), appliedMigrations };
  } catch (error) {
    await db.close();
    throw error;
  }
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
