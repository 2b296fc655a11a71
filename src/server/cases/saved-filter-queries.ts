/** SQL of saved case-list filters (ตัวกรองที่บันทึกไว้). */
import { z } from 'zod';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows, storedJson } from '../platform/rows.ts';

const SavedFilterSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Case-list query-string parameters, as the user gave them. */
    query: storedJson(z.record(z.string(), z.string())),
    createdAt: z.date(),
  })
  .describe('saved filter');
export type SavedFilter = z.output<typeof SavedFilterSchema>;

/** A user's filters; the caller sorts them by name (Thai collation). */
export async function listSavedFilters(db: Queryable, userId: string): Promise<SavedFilter[]> {
  return queryRows(db, SavedFilterSchema, 'SELECT id, name, query, created_at FROM saved_filters WHERE user_id = $1', [userId]);
}

/**
 * Counts a user's filters, holding their account row so that two saves at once cannot both
 * pass the limit.
 */
export async function countSavedFiltersLocked(db: Queryable, userId: string): Promise<number> {
  await db.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
  const row = await queryRow(db, z.object({ count: z.number() }), 'SELECT count(*)::int AS count FROM saved_filters WHERE user_id = $1', [userId]);
  return row?.count ?? 0;
}

/** Inserts a filter; undefined when the user has one of that name already. */
export async function insertSavedFilter(
  db: Queryable,
  filter: { userId: string; name: string; query: Record<string, string>; createdAt: Date },
): Promise<SavedFilter | undefined> {
  return queryRow(
    db,
    SavedFilterSchema,
    `INSERT INTO saved_filters (user_id, name, query, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, name) DO NOTHING
     RETURNING id, name, query, created_at`,
    [filter.userId, filter.name, filter.query, filter.createdAt],
  );
}

/** Deletes one of the user's own filters; undefined when they have none with that id. */
export async function deleteSavedFilter(db: Queryable, userId: string, id: string): Promise<SavedFilter | undefined> {
  return queryRow(db, SavedFilterSchema, 'DELETE FROM saved_filters WHERE id = $1 AND user_id = $2 RETURNING id, name, query, created_at', [id, userId]);
}
