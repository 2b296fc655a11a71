/** SQL of the dashboard's figures: the rollups over an agency subtree, and the overdue list. */
import { z } from 'zod';
import type { IsoDate } from '../../shared/business-days.ts';
import { CASE_STATUSES, CHANNELS } from '../../shared/case-model.ts';
import { subtreePattern } from '../agencies/scope.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRows } from '../platform/rows.ts';
import { DAILY_METRICS } from './case-facts.ts';

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

const DailyFigureRow = z
  .object({ metric: z.enum(DAILY_METRICS), bucket: z.number(), channel: z.string(), categoryCode: z.string(), provinceCode: z.string(), childId: z.string(), count: z.number() })
  .describe('daily figure');
export type DailyFigure = z.output<typeof DailyFigureRow>;

/** The daily counters of the subtree summed over the days from..to, by every dimension. */
export async function sumDaily(db: Queryable, scope: DashboardScope, from: IsoDate, to: IsoDate): Promise<DailyFigure[]> {
  return queryRows(
    db,
    DailyFigureRow,
    `SELECT d.metric, d.bucket, d.channel, d.category_code, d.province_code, ${CHILD_OF} AS child_id, sum(d.count)::int AS count
     FROM agencies a JOIN dashboard_daily d ON d.agency_id = a.id
     WHERE a.path LIKE $1 || '%' AND d.day BETWEEN $5::date AND $6::date AND ${FILTERS('d')}
     GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d.count) <> 0`,
    [...scopeParams(scope), from, to],
  );
}

const OpenFigureRow = z.object({ status: z.enum(CASE_STATUSES), receivedOn: z.string(), dueOn: z.string(), count: z.number() }).describe('open figure');
export type OpenFigure = z.output<typeof OpenFigureRow>;

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

/** Thai names of categories and of provinces by code. */
export async function referenceNames(db: Queryable, categories: readonly string[], provinces: readonly string[]): Promise<{ categories: Map<string, string>; provinces: Map<string, string> }> {
  const categoryRows = await queryRows(db, NameRow, 'SELECT code AS key, code, name_th FROM categories WHERE code = ANY($1::text[])', [categories]);
  const provinceRows = await queryRows(db, NameRow, `SELECT code AS key, code, name_th FROM admin_areas WHERE level = 'province' AND code = ANY($1::text[])`, [provinces]);
  return { categories: new Map(categoryRows.map((row) => [row.key, row.nameTh])), provinces: new Map(provinceRows.map((row) => [row.key, row.nameTh])) };
}
