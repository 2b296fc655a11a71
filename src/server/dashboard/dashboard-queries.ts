/** SQL of the dashboard's figures: the rollups over an agency subtree, and the overdue list. */
import { z } from 'zod';
import type { IsoDate } from '../../shared/business-days.ts';
import { CASE_STATUSES, CHANNELS } from '../../shared/case-model.ts';
import { subtreePattern } from '../agencies/scope.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRows } from '../platform/rows.ts';
import { periodParts } from '../../shared/period-parts.ts';
import { DAILY_METRICS, type ScopeFilter } from './case-facts.ts';

/** The subtree counted (the agency's '/id/…/' path) and the filters of the drill-down. */
export interface DashboardScope {
  agencyPath: string;
  category?: string | undefined;
  channel?: string | undefined;
  province?: string | undefined;
}

/** The id of the child of the scope's agency whose subtree holds `a` ('' for the agency itself). */
const CHILD_OF = `split_part(substr(a.path, length($1) + 1), '/', 1)`;
const FILTERS = (alias: string) => `($2::text IS NULL OR ${alias}.category_code = $2) AND ($3::text IS NULL OR ${alias}.channel = $3) AND ($4::text IS NULL OR ${alias}.province_code = $4)`;
const scopeParams = (scope: DashboardScope) => [scope.agencyPath, scope.category ?? null, scope.channel ?? null, scope.province ?? null];

/** The dimensions a figure is broken down by ('total': none, the measure's buckets only). */
export const FIGURE_DIMENSIONS = ['total', 'channel', 'categoryCode', 'provinceCode', 'districtCode', 'childId'] as const;
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

const DailyFigureRow = z
  .object({ dimension: z.enum(FIGURE_DIMENSIONS), key: z.string(), metric: z.enum(DAILY_METRICS), bucket: z.number(), count: z.number() })
  .describe('daily figure');
/** One measure summed over the period: in total by bucket, or by one dimension (bucket 0). */
export type DailyFigure = z.output<typeof DailyFigureRow>;

/**
 * The counters of from..to of a pair of tables (per day and per month): the whole months from
 * the monthly table and only the days at the edges from the daily one (shared/period-parts.ts),
 * as one union of `columns` with the day (a month's first for monthly rows) as `day`; the caller's
 * SQL reads it, its own parameters first (the period's follow from `firstParam`).
 */
function periodUnion(
  tables: { daily: string; monthly: string },
  columns: string,
  from: IsoDate,
  to: IsoDate,
  firstParam: number,
  /** More conditions on each table's rows (over the caller's parameters). */
  where = 'true',
  /** Only the whole months, or only the days at the edges. */
  only?: 'months' | 'days',
): { sql: string; params: unknown[] } {
  const whole = periodParts(from, to);
  const parts = { months: only === 'days' ? undefined : whole.months, days: only === 'months' ? [] : whole.days };
  const selects: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}::date`;
  };
  // Nothing of the kind asked for: a query of no rows (its conditions kept: they give the caller's parameters their types).
  if (!parts.months && parts.days.length === 0) selects.push(`SELECT NULL::date AS day, ${columns} FROM ${tables.daily} WHERE ${where} AND false`);
  if (parts.months) selects.push(`SELECT month AS day, ${columns} FROM ${tables.monthly} WHERE ${where} AND month BETWEEN ${param(parts.months.from)} AND ${param(parts.months.to)}`);
  for (const days of parts.days) selects.push(`SELECT day, ${columns} FROM ${tables.daily} WHERE ${where} AND day BETWEEN ${param(days.from)} AND ${param(days.to)}`);
  return { sql: selects.join(' UNION ALL '), params };
}

/** The per-holder counters of the subtree from..to (the scope's parameters are $1–$4). */
const countersOf = (from: IsoDate, to: IsoDate, only?: 'months' | 'days') =>
  periodUnion({ daily: 'dashboard_daily', monthly: 'dashboard_monthly' }, 'agency_id, metric, bucket, channel, category_code, province_code, district_code, count', from, to, 5, 'true', only);

/**
 * The subtree's counters over the days from..to summed in total (by measure and bucket) and by
 * each dimension (by measure), in one pass: GROUPING SETS, so that the rows returned are a few
 * hundred whatever the number of cases.
 */
export async function sumDaily(db: Queryable, scope: DashboardScope, from: IsoDate, to: IsoDate, only?: 'days'): Promise<DailyFigure[]> {
  const counters = countersOf(from, to, only);
  return queryRows(
    db,
    DailyFigureRow,
    `WITH counters AS (${counters.sql})
     SELECT CASE WHEN GROUPING(d.bucket) = 0 THEN 'total' WHEN GROUPING(d.channel) = 0 THEN 'channel' WHEN GROUPING(d.category_code) = 0 THEN 'categoryCode'
                 WHEN GROUPING(d.province_code) = 0 THEN 'provinceCode' WHEN GROUPING(d.district_code) = 0 THEN 'districtCode' ELSE 'childId' END AS dimension,
            COALESCE(d.channel, d.category_code, d.province_code, d.district_code, ${CHILD_OF}, '') AS key,
            d.metric, COALESCE(d.bucket, 0) AS bucket, sum(d.count)::int AS count
     FROM agencies a JOIN counters d ON d.agency_id = a.id
     WHERE a.path LIKE $1 || '%' AND ${FILTERS('d')}
     GROUP BY GROUPING SETS ((d.metric, d.bucket), (d.metric, d.channel), (d.metric, d.category_code), (d.metric, d.province_code), (d.metric, d.district_code), (d.metric, ${CHILD_OF}))
     HAVING sum(d.count) <> 0`,
    [...scopeParams(scope), ...counters.params],
  );
}

const SeriesRow = z.object({ slot: z.string(), cases: z.number(), contacts: z.number() }).describe('received series');

/**
 * Cases and contacts received in the subtree from..to by month (`grain` month: the months the
 * period touches, each from its first day) or by day.
 */
export async function receivedSeries(db: Queryable, scope: DashboardScope, from: IsoDate, to: IsoDate, grain: 'day' | 'month'): Promise<z.output<typeof SeriesRow>[]> {
  const counters = grain === 'month' ? countersOf(from, to) : { sql: `SELECT day, agency_id, metric, category_code, channel, province_code, count FROM dashboard_daily WHERE day BETWEEN $5::date AND $6::date`, params: [from, to] };
  const slot = grain === 'month' ? `date_trunc('month', d.day)::date` : 'd.day';
  return queryRows(
    db,
    SeriesRow,
    `WITH counters AS (${counters.sql})
     SELECT ${slot}::text AS slot, COALESCE(sum(d.count) FILTER (WHERE d.metric = 'received'), 0)::int AS cases,
            COALESCE(sum(d.count) FILTER (WHERE d.metric = 'contact'), 0)::int AS contacts
     FROM agencies a JOIN counters d ON d.agency_id = a.id
     WHERE a.path LIKE $1 || '%' AND d.metric IN ('received', 'contact') AND ${FILTERS('d')}
     GROUP BY 1 ORDER BY 1`,
    [...scopeParams(scope), ...counters.params],
  );
}

/** The drill-down a scope counter is kept under: none ('' and ''), or one channel, category or province. */
export interface ScopeDrill {
  filter: ScopeFilter;
  key: string;
}
export const WHOLE_SCOPE: ScopeDrill = { filter: '', key: '' };

/** The scope counters of one agency under one drill-down from..to ($1–$3), with more conditions if given. */
const scopeCountersOf = (from: IsoDate, to: IsoDate, where = 'true', only?: 'months') =>
  periodUnion(
    { daily: 'dashboard_scope_daily', monthly: 'dashboard_scope_monthly' },
    'metric, dimension, key, bucket, count',
    from,
    to,
    4,
    `scope_id = $1::uuid AND filter_dimension = $2 AND filter_key = $3 AND ${where}`,
    only,
  );

/**
 * What {@link sumDaily} answers, for a subtree as a whole or drilled down by one channel,
 * category or province, from the agency's own scope counters (dashboard_scope_daily / _monthly):
 * as many rows as the agency has children, channels, categories, areas and measures, whatever the
 * number of cases under it. Drilled down, the counters are monthly: `only` 'months' leaves the
 * days at the edges of a period cut mid-month to the caller (sumDaily, over those days only).
 */
export async function sumScope(db: Queryable, agencyId: string, drill: ScopeDrill, from: IsoDate, to: IsoDate, only?: 'months'): Promise<DailyFigure[]> {
  const counters = scopeCountersOf(from, to, 'true', only);
  return queryRows(
    db,
    DailyFigureRow,
    `SELECT d.dimension, d.key, d.metric, d.bucket, sum(d.count)::int AS count
     FROM (${counters.sql}) d
     GROUP BY 1, 2, 3, 4 HAVING sum(d.count) <> 0`,
    [agencyId, drill.filter, drill.key, ...counters.params],
  );
}

/** What {@link receivedSeries} answers, for a subtree as a whole or drilled down by one value, from its scope counters. */
export async function scopeSeries(db: Queryable, agencyId: string, drill: ScopeDrill, from: IsoDate, to: IsoDate, grain: 'day' | 'month'): Promise<z.output<typeof SeriesRow>[]> {
  const received = `dimension = 'total' AND metric IN ('received', 'contact')`;
  const counters =
    grain === 'month'
      ? scopeCountersOf(from, to, received)
      : {
          sql: `SELECT day, metric, count FROM dashboard_scope_daily WHERE scope_id = $1::uuid AND filter_dimension = $2 AND filter_key = $3 AND ${received} AND day BETWEEN $4::date AND $5::date`,
          params: [from, to],
        };
  const slot = grain === 'month' ? `date_trunc('month', d.day)::date` : 'd.day';
  return queryRows(
    db,
    SeriesRow,
    `SELECT ${slot}::text AS slot, COALESCE(sum(d.count) FILTER (WHERE d.metric = 'received'), 0)::int AS cases,
            COALESCE(sum(d.count) FILTER (WHERE d.metric = 'contact'), 0)::int AS contacts
     FROM (${counters.sql}) d
     GROUP BY 1 ORDER BY 1`,
    [agencyId, drill.filter, drill.key, ...counters.params],
  );
}

const OpenFigureRow = z.object({ status: z.enum(CASE_STATUSES), receivedOn: z.string(), dueOn: z.string(), count: z.number() }).describe('open figure');
export type OpenFigure = z.output<typeof OpenFigureRow>;

/** What {@link sumOpen} answers, for a subtree as a whole or drilled down by one value, from the agency's own scope counters. */
export async function sumScopeOpen(db: Queryable, agencyId: string, drill: ScopeDrill): Promise<OpenFigure[]> {
  return queryRows(
    db,
    OpenFigureRow,
    `SELECT status, received_on, due_on, count FROM dashboard_scope_open
     WHERE scope_id = $1::uuid AND filter_dimension = $2 AND filter_key = $3 AND count <> 0`,
    [agencyId, drill.filter, drill.key],
  );
}

/** The open cases of the subtree now, by status, day received and due date. */
export async function sumOpen(db: Queryable, scope: DashboardScope): Promise<OpenFigure[]> {
  return queryRows(
    db,
    OpenFigureRow,
    `SELECT o.status, o.received_on, o.due_on, sum(o.count)::int AS count
     FROM agencies a JOIN dashboard_open o ON o.agency_id = a.id
     WHERE a.path LIKE $1 || '%' AND ${FILTERS('o')}
     GROUP BY 1, 2, 3 HAVING sum(o.count) <> 0`,
    scopeParams(scope),
  );
}

const OverdueCaseRow = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    status: z.enum(CASE_STATUSES),
    agencyCode: z.string(),
    agencyNameTh: z.string(),
    agencyNameEn: z.string(),
    categoryCode: z.string().nullable(),
    channel: z.enum(CHANNELS),
    receivedAt: z.date(),
    dueDate: z.string(),
  })
  .describe('overdue case');
export type OverdueCaseRow = z.output<typeof OverdueCaseRow>;

/** Open cases of the subtree due before `today`, the longest overdue first (awaiting the citizen: the clock stands still). */
export async function listOverdueCases(db: Queryable, scope: DashboardScope, today: IsoDate, limit: number): Promise<OverdueCaseRow[]> {
  return queryRows(
    db,
    OverdueCaseRow,
    `SELECT c.id, c.tracking_code, c.status, a.code AS agency_code, a.name_th AS agency_name_th, a.name_en AS agency_name_en,
            c.category_code, c.channel, c.received_at, c.due_date
     FROM cases c JOIN agencies a ON a.id = c.holder_agency_id
     WHERE c.status IN ('received', 'screening', 'assigned', 'in_progress') AND c.due_date < $5::date
       AND a.path LIKE $1 AND ${FILTERS('c')}
     ORDER BY c.due_date, c.id LIMIT $6`,
    [subtreePattern(scope.agencyPath), scope.category ?? null, scope.channel ?? null, scope.province ?? null, today, limit],
  );
}

const NameRow = z.object({ key: z.string(), code: z.string(), nameTh: z.string() }).describe('name');

/** Codes and Thai names of agencies by id. */
export async function agencyNames(db: Queryable, ids: readonly string[]): Promise<Map<string, { code: string; nameTh: string }>> {
  const rows = await queryRows(db, NameRow, 'SELECT id::text AS key, code, name_th FROM agencies WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((row) => [row.key, row]));
}

/** Thai names of categories, provinces and districts by code. */
export async function referenceNames(
  db: Queryable,
  codes: { categories: readonly string[]; provinces: readonly string[]; districts: readonly string[] },
): Promise<{ categories: Map<string, string>; provinces: Map<string, string>; districts: Map<string, string> }> {
  const categoryRows = await queryRows(db, NameRow, 'SELECT code AS key, code, name_th FROM categories WHERE code = ANY($1::text[])', [codes.categories]);
  const areas = async (level: 'province' | 'district', list: readonly string[]) =>
    new Map((await queryRows(db, NameRow, 'SELECT code AS key, code, name_th FROM admin_areas WHERE level = $1 AND code = ANY($2::text[])', [level, list])).map((row) => [row.key, row.nameTh]));
  return { categories: new Map(categoryRows.map((row) => [row.key, row.nameTh])), provinces: await areas('province', codes.provinces), districts: await areas('district', codes.districts) };
}
