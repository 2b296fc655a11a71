/** Opens the database and keys of a configured installation: shared by every CLI command. */
import path from 'node:path';
import { seedReferenceData } from '../seed/reference-data.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { createDataProtector, loadOrCreateDataKey } from './crypto.ts';
import { migrate, openDatabase } from './database.ts';

export const PGLITE_SUBDIR = 'pglite';

export async function openAppContext(config: Config, options: { migrate?: boolean } = {}): Promise<AppContext & { appliedMigrations: string[] }> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, PGLITE_SUBDIR) });
  try {
    const appliedMigrations = options.migrate === false ? [] : await migrate(db);
    if (options.migrate !== false) await seedReferenceData(db);
    const protector = createDataProtector(loadOrCreateDataKey(config.dataKey, config.dataDir));
    return { db, config, protector, now: () => new Date(), appliedMigrations };
  } catch (error) {
    await db.close();
    throw error;
  }
}
