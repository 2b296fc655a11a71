/** SQL of the registered Open311 apps (open311_apps): only a key's hash is stored. */
import { z } from 'zod';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';

export const Open311AppRow = z.object({
  id: z.string(),
  name: z.string(),
  keyPrefix: z.string(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
});
export type Open311AppRecord = z.output<typeof Open311AppRow>;

const COLUMNS = 'id, name, key_prefix, created_at, revoked_at';

export async function insertOpen311App(tx: Queryable, app: { name: string; keyHash: string; keyPrefix: string; now: Date }): Promise<Open311AppRecord | undefined> {
  return queryRow(
    tx,
    Open311AppRow,
    `INSERT INTO open311_apps (name, key_hash, key_prefix, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
    [app.name, app.keyHash, app.keyPrefix, app.now],
  );
}

export async function listOpen311AppRecords(db: Queryable): Promise<Open311AppRecord[]> {
  return queryRows(db, Open311AppRow, `SELECT ${COLUMNS} FROM open311_apps ORDER BY name`);
}

export async function findOpen311AppByName(db: Queryable, name: string, options: { lock?: boolean } = {}): Promise<Open311AppRecord | undefined> {
  return queryRow(db, Open311AppRow, `SELECT ${COLUMNS} FROM open311_apps WHERE name = $1${options.lock ? ' FOR UPDATE' : ''}`, [name]);
}

export async function findOpen311AppById(db: Queryable, id: string): Promise<Open311AppRecord | undefined> {
  return queryRow(db, Open311AppRow, `SELECT ${COLUMNS} FROM open311_apps WHERE id = $1`, [id]);
}

/** The app holding this key, if the key is not revoked. */
export async function findActiveOpen311AppByKeyHash(db: Queryable, keyHash: string): Promise<Open311AppRecord | undefined> {
  return queryRow(db, Open311AppRow, `SELECT ${COLUMNS} FROM open311_apps WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
}

export async function markOpen311AppRevoked(tx: Queryable, id: string, now: Date): Promise<Open311AppRecord | undefined> {
  return queryRow(tx, Open311AppRow, `UPDATE open311_apps SET revoked_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, now]);
}
