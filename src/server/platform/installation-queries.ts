/** SQL of the installation row. */
import type { Queryable } from './database.ts';

/** Stores the key check of the first key used; later calls leave it as it is. */
export async function recordDataKeyCheck(db: Queryable, check: string): Promise<void> {
  await db.query('INSERT INTO installation (singleton, data_key_check) VALUES (true, $1) ON CONFLICT (singleton) DO NOTHING', [check]);
}

export async function findDataKeyCheck(db: Queryable): Promise<string | undefined> {
  const [row] = await db.query<{ data_key_check: string }>('SELECT data_key_check FROM installation');
  return row?.data_key_check;
}
