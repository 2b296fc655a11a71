/**
 * bench/case-list-plans: the plans PostgreSQL chooses for the case list's common filters, now
 * that the SLA state is computed when read (src/server/sla/sla-state-sql.ts) rather than read from the
 * column the sweep stores. Not a timing benchmark: it prints, for each filter, the indexes the
 * plan reads, the rows it visits and the execution time EXPLAIN ANALYZE reports, on one run.
 *
 * A throwaway cluster (as the tests start it), migrated, with an agency tree (a hub, 10
 * ministries, 20 offices under each) and N cases (default 50,000) held by the offices, received
 * over the 150 days before the day, statuses spread as a working complaint centre has them,
 * then VACUUM ANALYZE. The filters go through the real `listCases`, whose SQL is run under
 * EXPLAIN. For `?sla=` the same list is also explained, for comparison, filtered on the state
 * expression itself (what that would cost) and on the stored column as the list did before
 * (as a sweep just left it; stale between sweeps, which is why it is no longer read).
 *
 *   node --import tsx bench/case-list-plans.ts        BENCH_LIST_CASES=200000 node --import tsx bench/case-list-plans.ts
 */
import { insertAgencies, type NewAgency } from '../src/server/agencies/queries.ts';
import { subtreePattern } from '../src/server/agencies/scope.ts';
import { listCases, type CaseListFilter } from '../src/server/cases/list-queries.ts';
import { migrate, type Database, type Queryable } from '../src/server/platform/database.ts';
import { recomputeSlaStates } from '../src/server/sla/timer-queries.ts';
import { slaStateInSql, slaStateSql } from '../src/server/sla/sla-state-sql.ts';
import { isIsoDate } from '../src/shared/business-days.ts';
import { numberFromEnv, Resources } from './lib/common.ts';
import { openPostgres } from './lib/databases.ts';
import { BenchUsageError, isEntryPoint, runWithInterrupt } from './lib/entry.ts';
import { formatTable } from './lib/stats.ts';

const MINISTRIES = 10;
const OFFICES_PER_MINISTRY = 20;
const PAGE = 51;

/** Cases $1…$2 held by the offices $3 (uuid[]), set-wise and deterministic per i (hashint8). */
const INSERT_CASES_SQL = `
WITH g AS (
  SELECT i, hashint8(i::bigint)::bigint + 2147483648 AS h1, hashint8(i::bigint * 31 + 7)::bigint + 2147483648 AS h2
  FROM generate_series($1::int, $2::int) AS i
), d AS (
  SELECT i, h1, h2, (h1 % 150)::int AS age, $4::date - (h1 % 150)::int AS received_day FROM g
), s AS (
  SELECT i, h1, received_day, (received_day::timestamp + make_interval(mins => 510 + (h2 % 480)::int)) AT TIME ZONE 'Asia/Bangkok' AS received_at,
         received_day + 21 AS due_date,
         CASE WHEN age < 21 THEN
                CASE WHEN (h2 / 1000) % 100 < 8 THEN 'received' WHEN (h2 / 1000) % 100 < 16 THEN 'screening'
                     WHEN (h2 / 1000) % 100 < 30 THEN 'assigned' WHEN (h2 / 1000) % 100 < 62 THEN 'in_progress'
                     WHEN (h2 / 1000) % 100 < 72 THEN 'awaiting_info' WHEN (h2 / 1000) % 100 < 90 THEN 'resolved' ELSE 'closed' END
              ELSE
                CASE WHEN (h2 / 1000) % 100 < 2 THEN 'assigned' WHEN (h2 / 1000) % 100 < 8 THEN 'in_progress'
                     WHEN (h2 / 1000) % 100 < 10 THEN 'awaiting_info' WHEN (h2 / 1000) % 100 < 25 THEN 'resolved' ELSE 'closed' END
         END AS status
  FROM d
)
INSERT INTO cases (tracking_code, access_key_hash, channel, status, description, receiving_agency_id, holder_agency_id,
                   received_at, due_date, due_soon_from, progress_due_on, resolved_at, closed_at, created_at, updated_at)
SELECT 'PLAN-' || i, 'bench-not-a-key', 'web', status, 'benchmark case', ($3::uuid[])[1 + (h1 / 7) % array_length($3::uuid[], 1)],
       ($3::uuid[])[1 + (h1 / 7) % array_length($3::uuid[], 1)], received_at, due_date, due_date - 5, received_day + 9,
       CASE WHEN status IN ('resolved', 'closed') THEN received_at + interval '10 days' END,
       CASE WHEN status = 'closed' THEN received_at + interval '15 days' END, received_at, received_at
FROM s`;

function agencyTree(): NewAgency[] {
  const agencies: NewAgency[] = [{ code: 'plan-hub', parentCode: null, kind: 'hub', nameTh: 'ศูนย์', nameEn: 'Hub', areaCodes: [] }];
  for (let m = 1; m <= MINISTRIES; m++) {
    agencies.push({ code: `plan-m${m}`, parentCode: 'plan-hub', kind: 'ministry', nameTh: `กระทรวง ${m}`, nameEn: `Ministry ${m}`, areaCodes: [] });
    for (let o = 1; o <= OFFICES_PER_MINISTRY; o++) {
      agencies.push({ code: `plan-m${m}-o${o}`, parentCode: `plan-m${m}`, kind: 'district', nameTh: `สำนักงาน ${m}-${o}`, nameEn: `Office ${m}-${o}`, areaCodes: [] });
    }
  }
  return agencies;
}

interface PlanSummary {
  executionMs: number;
  /** Index and table scans of the plan, e.g. "Index Scan cases_received_idx". */
  scans: string[];
  rows: number;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode, into: string[] = []): string[] {
  if (node['Relation Name'] === 'cases' || node['Index Name']?.startsWith('cases_')) {
    const loops = node['Actual Loops'] ?? 1;
    into.push(`${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : ''} (${node['Actual Rows'] ?? 0} rows${loops > 1 ? ` × ${loops} loops` : ''})`);
  }
  for (const child of node.Plans ?? []) scansOf(child, into);
  return into;
}

/** A Queryable that explains every statement instead of running it (listCases then sees no rows). */
function explaining(db: Database, rewrite: (sql: string) => string, plans: PlanSummary[]): Queryable {
  return {
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
      const [row] = await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${rewrite(sql)}`, params);
      const plan = row?.['QUERY PLAN'][0];
      if (!plan) throw new Error('EXPLAIN returned no plan');
      plans.push({ executionMs: Math.round(plan['Execution Time'] * 100) / 100, scans: scansOf(plan.Plan), rows: plan.Plan['Actual Rows'] ?? 0 });
      return [];
    },
  };
}

async function explain(db: Database, filter: CaseListFilter, rewrite: (sql: string) => string = (sql) => sql): Promise<PlanSummary> {
  const plans: PlanSummary[] = [];
  // Run twice, report the second: the first warms the cache.
  await listCases(explaining(db, rewrite, []), filter);
  await listCases(explaining(db, rewrite, plans), filter);
  const plan = plans[0];
  if (!plan) throw new Error('listCases ran no statement');
  return plan;
}

export async function runCaseListPlans(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const cases = numberFromEnv(env, 'BENCH_LIST_CASES', 50_000, 1_000, 5_000_000, { integer: true, underscores: true });
  const today = env.BENCH_LIST_DAY?.trim() || '2026-06-15';
  if (!isIsoDate(today)) throw new BenchUsageError(`BENCH_LIST_DAY must be a date YYYY-MM-DD, not "${today}"`);
  const resources = new Resources('case-list-plans');
  try {
    const opened = await openPostgres(resources, { maxConnections: 2, statementTimeoutSeconds: 600 });
    if ('reason' in opened) {
      console.log(`case-list-plans: skipped — ${opened.reason}`);
      return true;
    }
    const { db } = opened;
    await migrate(db);
    await insertAgencies(db, agencyTree());
    const agencies = new Map((await db.query<{ code: string; id: string; path: string }>("SELECT code, id, path FROM agencies WHERE code LIKE 'plan-%'")).map((row) => [row.code, row]));
    const offices = [...agencies.values()].filter((agency) => /-o\d+$/.test(agency.code)).map((agency) => agency.id);
    for (let first = 1; first <= cases; first += 100_000) await db.query(INSERT_CASES_SQL, [first, Math.min(cases, first + 99_999), offices, today]);
    // The stored column as a sweep leaves it, for the comparison with the list as it was.
    await recomputeSlaStates(db, today);
    await db.query('VACUUM ANALYZE cases');
    const [counts] = await db.query<{ n: number; overdue: number; due_soon: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE s = 'overdue')::int AS overdue, count(*) FILTER (WHERE s = 'due_soon')::int AS due_soon
       FROM (SELECT ${slaStateSql('c', '$1')} AS s FROM cases c) x`,
      [today],
    );
    console.log(`case-list-plans: PostgreSQL ${opened.version}, ${counts?.n} cases (${counts?.overdue} overdue, ${counts?.due_soon} due soon on ${today}), ${agencies.size} agencies`);

    const scope = (code: string) => subtreePattern(agencies.get(code)?.path ?? '');
    const base = (code: string): CaseListFilter => ({ scopePattern: scope(code), today, limit: PAGE });
    const office = agencies.get('plan-m3-o7');
    const lists: Array<[string, CaseListFilter]> = [
      ['hub: inbox, newest', base('plan-hub')],
      ['hub: sla=overdue', { ...base('plan-hub'), slaStates: ['overdue'] }],
      ['hub: sla=due_soon', { ...base('plan-hub'), slaStates: ['due_soon'] }],
      ['hub: sla=on_track', { ...base('plan-hub'), slaStates: ['on_track'] }],
      ['hub: sla=due_soon,overdue, sort=due', { ...base('plan-hub'), slaStates: ['due_soon', 'overdue'], sort: 'due' }],
      ['hub: status=in_progress', { ...base('plan-hub'), statuses: ['in_progress'] }],
      ['hub: overdue=true', { ...base('plan-hub'), overdue: true }],
      ['ministry: inbox, newest', base('plan-m3')],
      ['ministry: sla=overdue', { ...base('plan-m3'), slaStates: ['overdue'] }],
      ['office: inbox, newest', base('plan-m3-o7')],
      ['office: sla=overdue', { ...base('plan-m3-o7'), slaStates: ['overdue'] }],
      ['office: screening queue', { ...base('plan-m3-o7'), holderAgencyId: office?.id, statuses: ['received', 'screening'], oldestFirst: true }],
    ];
    const rows: Array<Array<string | number>> = [];
    for (const [name, filter] of lists) {
      const plan = await explain(db, filter);
      rows.push([name, plan.executionMs, plan.rows, plan.scans.join('; ')]);
      if (filter.slaStates) {
        // The same list filtered on the state expression itself, for comparison.
        const states = filter.slaStates;
        const onExpression = await explain(db, filter, (sql) =>
          sql.replace(slaStateInSql('c', '$2', states), `${slaStateSql('c', '$2')} = ANY('{${states.join(',')}}'::text[])`),
        );
        rows.push([`  (filtered on the expression)`, onExpression.executionMs, onExpression.rows, onExpression.scans.join('; ')]);
        const onStored = await explain(db, filter, (sql) => sql.replace(slaStateInSql('c', '$2', states), `c.sla_state = ANY('{${states.join(',')}}'::text[])`));
        rows.push([`  (before: the stored column)`, onStored.executionMs, onStored.rows, onStored.scans.join('; ')]);
      }
    }
    console.log(`\n${formatTable(['list', 'ms', 'rows', 'scans of cases'], rows)}`);
    return true;
  } finally {
    await resources.closeAll();
  }
}

if (isEntryPoint(import.meta.url)) await runWithInterrupt(() => runCaseListPlans());
