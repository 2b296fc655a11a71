/** SQL of the holiday calendar. */
import { z } from 'zod';
import { HolidaySchema } from '../../shared/api/sla.ts';
import type { IsoDate } from '../../shared/business-days.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';

const DayRow = z.object({ day: z.string() });

/**
 * Days off between two dates for an agency: the national calendar plus local days declared
 * by the agency or any agency above it (`agencyPath` is its '/id/id/' chain).
 */
export async function loadHolidays(db: Queryable, from: IsoDate, to: IsoDate, agencyPath?: string): Promise<Set<string>> {
  const rows = await queryRows(
    db,
    DayRow,
    `SELECT day FROM holidays
     WHERE day BETWEEN $1::date AND $2::date
       AND (agency_id IS NULL OR ($3::text IS NOT NULL AND $3::text LIKE '%/' || agency_id::text || '/%'))`,
    [from, to, agencyPath ?? null],
  );
  return new Set(rows.map((row) => row.day));
}

const HolidayRowSchema = HolidaySchema.extend({
  agencyId: z.string().nullable(),
  /** The declaring agency's path, for deciding who may change it; null for a national day. */
  agencyPath: z.string().nullable(),
}).describe('holiday');
/** A row of the calendar with the code of the agency that declared it (null: national). */
export type HolidayRow = z.output<typeof HolidayRowSchema>;

const InsertedHolidayRow = HolidayRowSchema.pick({ id: true, date: true, name: true });

const HOLIDAY_COLUMNS = 'h.id, h.day AS date, h.name, h.agency_id, a.code AS agency_code, a.path AS agency_path';

/**
 * The calendar rows between two dates that apply to an agency (national days and the local
 * days of the agency and those above it), or the national calendar alone without a path.
 * By date; on a date with several rows, the national one first, then the higher agency.
 */
export async function listHolidays(db: Queryable, from: IsoDate, to: IsoDate, agencyPath?: string): Promise<HolidayRow[]> {
  return queryRows(
    db,
    HolidayRowSchema,
    `SELECT ${HOLIDAY_COLUMNS}
     FROM holidays h LEFT JOIN agencies a ON a.id = h.agency_id
     WHERE h.day BETWEEN $1::date AND $2::date
       AND (h.agency_id IS NULL OR ($3::text IS NOT NULL AND $3::text LIKE '%/' || h.agency_id::text || '/%'))
     ORDER BY h.day, a.depth NULLS FIRST, a.code`,
    [from, to, agencyPath ?? null],
  );
}

export async function findHoliday(db: Queryable, id: string): Promise<HolidayRow | undefined> {
  return queryRow(db, HolidayRowSchema, `SELECT ${HOLIDAY_COLUMNS} FROM holidays h LEFT JOIN agencies a ON a.id = h.agency_id WHERE h.id = $1`, [id]);
}

/**
 * Which of `days` are already off in a calendar: the national one (agencyId null), or an
 * agency's own days together with the national ones, which apply to every agency anyway.
 */
export async function findDaysAlreadyOff(db: Queryable, days: readonly IsoDate[], agencyId: string | null): Promise<Set<IsoDate>> {
  if (days.length === 0) return new Set();
  const rows = await queryRows(
    db,
    DayRow,
    'SELECT DISTINCT day FROM holidays WHERE day = ANY($1::date[]) AND (agency_id IS NULL OR agency_id = $2::uuid)',
    [days, agencyId],
  );
  return new Set(rows.map((row) => row.day));
}

/**
 * Adds days to the national calendar (agencyId null) or to an agency's local days; a day
 * already there is left alone. Returns the rows added.
 */
export async function insertHolidays(
  db: Queryable,
  agencyId: string | null,
  days: ReadonlyArray<{ date: IsoDate; name: string }>,
): Promise<Array<{ id: string; date: IsoDate; name: string }>> {
  if (days.length === 0) return [];
  // No conflict target: the unique indexes are partial, one for each kind of calendar.
  return queryRows(
    db,
    InsertedHolidayRow,
    `INSERT INTO holidays (day, name, agency_id)
     SELECT date::date, name, $2::uuid FROM jsonb_to_recordset($1::jsonb) AS x(date text, name text)
     ON CONFLICT DO NOTHING
     RETURNING id, day AS date, name`,
    [JSON.stringify(days), agencyId],
  );
}

/** Removes one calendar row; false when it was not there (any more). */
export async function deleteHoliday(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM holidays WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}
