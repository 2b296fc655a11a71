/** SQL of the holiday calendar. */
import type { IsoDate } from '../../shared/business-days.ts';
import type { Queryable } from '../platform/database.ts';

/**
 * Days off between two dates for an agency: the national calendar plus local days declared
 * by the agency or any agency above it (`agencyPath` is its '/id/id/' chain).
 */
export async function loadHolidays(db: Queryable, from: IsoDate, to: IsoDate, agencyPath?: string): Promise<Set<string>> {
  const rows = await db.query<{ day: string }>(
    `SELECT day FROM holidays
     WHERE day BETWEEN $1::date AND $2::date
       AND (agency_id IS NULL OR ($3::text IS NOT NULL AND $3::text LIKE '%/' || agency_id::text || '/%'))`,
    [from, to, agencyPath ?? null],
  );
  return new Set(rows.map((row) => row.day));
}
