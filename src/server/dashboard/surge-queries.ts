/** SQL of the surge watch: the weekly counts it judges, the surges it keeps, those the dashboard lists. */
import { z } from 'zod';
import type { IsoDate } from '../../shared/business-days.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';
import type { DetectedSurge, WeeklyCounts } from './surge-rule.ts';

const WeekRow = z.object({ agencyId: z.string(), dimension: z.enum(['category', 'district']), key: z.string(), week: z.number(), count: z.number() }).describe('weekly count');

/**
 * Received cases by category and by district in the subtree of each agency with an active CCEO,
 * per week back from `today` (week 0: the seven days ending today), `weeks` weeks in all: from
 * the agency's own scope counters, a few rows per agency.
 */
export async function weeklyCountsOfWatchedAgencies(db: Queryable, today: IsoDate, weeks: number): Promise<WeeklyCounts[]> {
  const rows = await queryRows(
    db,
    WeekRow,
    `SELECT s.scope_id AS agency_id, CASE s.dimension WHEN 'categoryCode' THEN 'category' ELSE 'district' END AS dimension,
            s.key, (($1::date - s.day) / 7)::int AS week, sum(s.count)::int AS count
     FROM dashboard_scope_daily s
     WHERE s.scope_id IN (SELECT u.agency_id FROM users u WHERE u.active AND u.role = 'cceo') AND s.filter_dimension = '' AND s.filter_key = ''
       AND s.metric = 'received' AND s.dimension IN ('categoryCode', 'districtCode')
       AND s.day > $1::date - 7 * $2::int AND s.day <= $1::date
     GROUP BY 1, 2, 3, 4
     HAVING sum(s.count) <> 0`,
    [today, weeks],
  );
  const series = new Map<string, { agencyId: string; dimension: 'category' | 'district'; key: string; weeks: number[] }>();
  for (const row of rows) {
    if (row.key === '') continue;
    const id = `${row.agencyId}|${row.dimension}|${row.key}`;
    const entry = series.get(id) ?? { agencyId: row.agencyId, dimension: row.dimension, key: row.key, weeks: Array.from({ length: weeks }, () => 0) };
    entry.weeks[row.week] = row.count;
    series.set(id, entry);
  }
  return [...series.values()];
}

/** Holds off a second watch until the caller's transaction ends. */
export async function lockSurges(db: Queryable): Promise<void> {
  await db.query('LOCK TABLE dashboard_surges IN SHARE ROW EXCLUSIVE MODE');
}

/**
 * Keeps a surge unless one of the same agency, dimension and key began within `quietDays` before
 * it (the same surge seen again a day later); returns the new row's id, or null when kept before.
 */
export async function insertSurge(db: Queryable, surge: DetectedSurge & { weekFrom: IsoDate; quietDays: number; now: Date }): Promise<string | null> {
  const row = await queryRow(
    db,
    z.object({ id: z.string() }),
    `INSERT INTO dashboard_surges (agency_id, dimension, key, week_from, count, baseline, detected_at)
     SELECT $1, $2, $3, $4::date, $5, $6, $7
     WHERE NOT EXISTS (SELECT 1 FROM dashboard_surges s WHERE s.agency_id = $1 AND s.dimension = $2 AND s.key = $3 AND s.week_from > $4::date - $8::int)
     ON CONFLICT (agency_id, dimension, key, week_from) DO NOTHING
     RETURNING id`,
    [surge.agencyId, surge.dimension, surge.key, surge.weekFrom, surge.count, surge.baseline, surge.now, surge.quietDays],
  );
  return row?.id ?? null;
}

/** The Thai name of a surge's category or district. */
const surgeName = (dimension: string, key: string) =>
  `CASE ${dimension} WHEN 'category' THEN (SELECT name_th FROM categories WHERE code = ${key}) ELSE (SELECT name_th FROM admin_areas WHERE level = 'district' AND code = ${key}) END`;

const SurgeRow = z
  .object({
    id: z.string(),
    dimension: z.enum(['category', 'district']),
    key: z.string(),
    nameTh: z.string().nullable(),
    agencyCode: z.string(),
    agencyNameTh: z.string(),
    agencyNameEn: z.string(),
    weekFrom: z.string(),
    count: z.number(),
    baseline: z.coerce.number(),
    detectedAt: z.date(),
  })
  .describe('surge');
export type SurgeRow = z.output<typeof SurgeRow>;

/**
 * The surges of the agencies of a subtree (its '/id/…/' path) whose seven days began on or after
 * `since`, the newest first; a surge kept for several agencies of it once, as its nearest agency saw it.
 */
export async function listRecentSurges(db: Queryable, agencyPath: string, since: IsoDate, limit: number): Promise<SurgeRow[]> {
  return queryRows(
    db,
    SurgeRow,
    `SELECT s.id, s.dimension, s.key, ${surgeName('s.dimension', 's.key')} AS name_th, a.code AS agency_code, a.name_th AS agency_name_th, a.name_en AS agency_name_en, s.week_from::text AS week_from, s.count, s.baseline, s.detected_at
     FROM (
       -- One surge seen by several agencies above it (each with its CCEO): listed once, as the nearest saw it.
       SELECT DISTINCT ON (s.dimension, s.key, s.week_from) s.*
       FROM dashboard_surges s JOIN agencies w ON w.id = s.agency_id
       WHERE w.path LIKE $1 || '%' AND s.week_from >= $2::date
       ORDER BY s.dimension, s.key, s.week_from, w.depth DESC
     ) s JOIN agencies a ON a.id = s.agency_id
     ORDER BY s.week_from DESC, s.count DESC, s.id LIMIT $3`,
    [agencyPath, since, limit],
  );
}
