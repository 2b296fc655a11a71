/** SQL of the installation row. */
import { z } from 'zod';
import type { Queryable } from './database.ts';
import { queryRow } from './rows.ts';

const DataKeyCheckRow = z.object({ dataKeyCheck: z.string() }).describe('installation');

/** Stores the key check of the first key used; later calls leave it as it is. */
export async function recordDataKeyCheck(db: Queryable, check: string): Promise<void> {
  await db.query('INSERT INTO installation (singleton, data_key_check) VALUES (true, $1) ON CONFLICT (singleton) DO NOTHING', [check]);
}

export async function findDataKeyCheck(db: Queryable): Promise<string | undefined> {
  const row = await queryRow(db, DataKeyCheckRow, 'SELECT data_key_check FROM installation');
  return row?.dataKeyCheck;
}
