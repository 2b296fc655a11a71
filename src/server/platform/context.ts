import type { Config } from './config.ts';
import type { DataProtector } from './crypto.ts';
import type { Database } from './database.ts';
import type { FileStore } from './file-store.ts';

/** What every route and command of a running app shares. */
export interface AppContext {
  db: Database;
  config: Config;
  protector: DataProtector;
  /** The current instant; tests pass a fixed clock to pin deadlines. */
  now: () => Date;
  /** Where attachments are kept; default: the local store under `config.filesDir` (see attachments/storage.ts's fileStoreOf). */
  files?: FileStore;
}
