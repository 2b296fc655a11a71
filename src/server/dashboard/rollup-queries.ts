/** SQL of the dashboard's rollups: what a case contributes, and the counters it adds to. */
import { z } from 'zod';
import { CASE_STATUSES } from '../../shared/case-model.ts';
import { pathIds } from '../agencies/scope.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows, storedJson } from '../platform/rows.ts';
import { COUNTED_EVENTS, DAILY_METRICS, parseDailyKey, parseOpenKey, parseScopeKey, parseScopeOpenKey, SCOPE_DIMENSIONS, SCOPE_FILTERS, type CaseFacts, type FactCase, type FactHistory } from './case-facts.ts';

const CaseFactsSchema = z.object({ daily: z.record(z.string(), z.number()), open: z.record(z.string(), z.number()) });

const FactCaseRow = z
  .object({
    id: z.string(),
    holderAgencyId: z.string(),
    categoryCode: z.string().nullable(),
    channel: z.string(),
    provinceCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    status: z.enum(CASE_STATUSES),
    receivedAt: z.date(),
    dueDate: z.string(),
    resolvedAt: z.date().nullable(),
  })
  .describe('case facts source');
const ContactRow = z.object({ caseId: z.string(), at: z.date(), channel: z.string() }).describe('case contact');
const RatingRow = z.object({ caseId: z.string(), at: z.date(), rating: z.number() }).describe('case rating');
const CountedEventRow = z.object({ caseId: z.string(), at: z.date(), type: z.enum(Object.keys(COUNTED_EVENTS) as [keyof typeof COUNTED_EVENTS]) }).describe('counted event');

/** The cases of `ids` with what their contribution is worked out from. */
export async function loadFactSources(db: Queryable, ids: readonly string[]): Promise<Map<string, { record: FactCase; history: FactHistory }>> {
  const sources = new Map<string, { record: FactCase; history: { contacts: FactHistory['contacts'][number][]; ratings: FactHistory['ratings'][number][]; events: FactHistory['events'][number][] } }>();
  if (ids.length === 0) return sources;
  const cases = await queryRows(
    db,
    FactCaseRow,
    `SELECT id, holder_agency_id, category_code, channel, province_code, district_code, status, received_at, due_date, resolved_at FROM cases WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  for (const { id, ...record } of cases) sources.set(id, { record, history: { contacts: [], ratings: [], events: [] } });
  const of = (caseId: string) => sources.get(caseId)?.history;
  for (const row of await queryRows(db, ContactRow, 'SELECT case_id, at, channel FROM case_contacts WHERE case_id = ANY($1::uuid[])', [ids])) of(row.caseId)?.contacts.push(row);
  for (const row of await queryRows(db, RatingRow, 'SELECT case_id, at, rating FROM case_feedback WHERE case_id = ANY($1::uuid[])', [ids])) of(row.caseId)?.ratings.push(row);
  const events = await queryRows(db, CountedEventRow, 'SELECT case_id, at, type FROM case_events WHERE case_id = ANY($1::uuid[]) AND type = ANY($2::text[])', [ids, Object.keys(COUNTED_EVENTS)]);
  for (const row of events) of(row.caseId)?.events.push(row);
  return sources;
}

/** The next `limit` case ids after `afterId`, in id order (a recount walks every case by them). */
export async function caseIdsAfter(db: Queryable, afterId: string | null, limit: number): Promise<string[]> {
  const rows = await queryRows(db, z.object({ id: z.string() }), `SELECT id FROM cases WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`, [afterId, limit]);
  return rows.map((row) => row.id);
}

/** Up to `limit` cases that count nowhere yet (made before the rollups existed). */
export async function casesWithoutFacts(db: Queryable, limit: number): Promise<string[]> {
  const rows = await queryRows(
    db,
    z.object({ id: z.string() }),
    'SELECT c.id FROM cases c WHERE NOT EXISTS (SELECT 1 FROM dashboard_case_facts f WHERE f.case_id = c.id) ORDER BY c.id LIMIT $1',
    [limit],
  );
  return rows.map((row) => row.id);
}

const StoredFactsRow = z.object({ facts: storedJson(CaseFactsSchema) }).describe('stored case facts');

/** What the case contributed until now (nothing for a new case). */
export async function findStoredFacts(db: Queryable, caseId: string): Promise<CaseFacts | undefined> {
  return (await queryRow(db, StoredFactsRow, 'SELECT facts FROM dashboard_case_facts WHERE case_id = $1', [caseId]))?.facts;
}

export async function storeFacts(db: Queryable, rows: ReadonlyArray<{ caseId: string; facts: CaseFacts }>): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO dashboard_case_facts (case_id, facts) SELECT * FROM unnest($1::uuid[], $2::jsonb[])
     ON CONFLICT (case_id) DO UPDATE SET facts = EXCLUDED.facts`,
    [rows.map((row) => row.caseId), rows.map((row) => JSON.stringify(row.facts))],
  );
}

/**
 * Adds each count to its counter of `table` (negative counts subtract), one statement for all:
 * the keys are unique and in order, so concurrent changes lock shared counters in one order.
 */
async function addCounts(db: Queryable, table: string, columns: ReadonlyArray<readonly [name: string, type: string]>, rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name);
  const keyNames = names.join(', ');
  await db.query(
    `INSERT INTO ${table} (${keyNames}, count)
     SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}, $${columns.length + 1}::int[])
     ON CONFLICT (${keyNames}) DO UPDATE SET count = ${table}.count + EXCLUDED.count`,
    [...columns.map((_, i) => rows.map((row) => row[i])), rows.map((row) => row[columns.length])],
  );
}

const counterColumns = (period: 'day' | 'month') =>
  [['agency_id', 'uuid'], [period, 'date'], ['metric', 'text'], ['category_code', 'text'], ['channel', 'text'], ['province_code', 'text'], ['district_code', 'text'], ['bucket', 'int']] as const;
const OPEN_COLUMNS = [['agency_id', 'uuid'], ['status', 'text'], ['received_on', 'date'], ['due_on', 'date'], ['category_code', 'text'], ['channel', 'text'], ['province_code', 'text']] as const;

/**
 * Adds each count to its daily counter (negative counts subtract), or with `monthly` to the
 * monthly counter whose key it is (the day of a monthly key is its month's first).
 */
export async function addToCounters(db: Queryable, table: 'dashboard_daily' | 'dashboard_monthly', counts: ReadonlyArray<readonly [string, number]>): Promise<void> {
  const rows = counts.map(([text, count]) => {
    const key = parseDailyKey(text);
    return [key.agencyId, key.day, key.metric, key.categoryCode, key.channel, key.provinceCode, key.districtCode, key.bucket, count];
  });
  await addCounts(db, table, counterColumns(table === 'dashboard_daily' ? 'day' : 'month'), rows);
}

const SCOPE_COLUMNS = (period: 'day' | 'month') =>
  [['scope_id', 'uuid'], ['filter_dimension', 'text'], ['filter_key', 'text'], [period, 'date'], ['metric', 'text'], ['dimension', 'text'], ['key', 'text'], ['bucket', 'int']] as const;
const SCOPE_OPEN_COLUMNS = [['scope_id', 'uuid'], ['filter_dimension', 'text'], ['filter_key', 'text'], ['status', 'text'], ['received_on', 'date'], ['due_on', 'date']] as const;

/** Adds each count to its scope counter, daily or monthly (negative counts subtract). */
export async function addToScopeCounters(db: Queryable, table: 'dashboard_scope_daily' | 'dashboard_scope_monthly', counts: ReadonlyArray<readonly [string, number]>): Promise<void> {
  const rows = counts.map(([text, count]) => {
    const key = parseScopeKey(text);
    return [key.scopeId, key.filter, key.filterKey, key.day, key.metric, key.dimension, key.key, key.bucket, count];
  });
  await addCounts(db, table, SCOPE_COLUMNS(table === 'dashboard_scope_daily' ? 'day' : 'month'), rows);
}

/** Adds each count to its open-cases scope counter (negative counts subtract). */
export async function addToScopeOpen(db: Queryable, counts: ReadonlyArray<readonly [string, number]>): Promise<void> {
  const rows = counts.map(([text, count]) => {
    const key = parseScopeOpenKey(text);
    return [key.scopeId, key.filter, key.filterKey, key.status, key.receivedOn, key.dueOn, count];
  });
  await addCounts(db, 'dashboard_scope_open', SCOPE_OPEN_COLUMNS, rows);
}

const PathRow = z.object({ id: z.string(), path: z.string() }).describe('agency path');

/** The ids from the root down to each agency of `ids` (all agencies when `ids` is null). */
export async function agencyPaths(db: Queryable, ids: readonly string[] | null): Promise<Map<string, string[]>> {
  const rows = await queryRows(db, PathRow, 'SELECT id, path FROM agencies WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((row) => [row.id, pathIds(row.path)]));
}

/** Adds each count to its open-cases counter (negative counts subtract). */
export async function addToOpen(db: Queryable, counts: ReadonlyArray<readonly [string, number]>): Promise<void> {
  const rows = counts.map(([text, count]) => {
    const key = parseOpenKey(text);
    return [key.agencyId, key.status, key.receivedOn, key.dueOn, key.categoryCode, key.channel, key.provinceCode, count];
  });
  await addCounts(db, 'dashboard_open', OPEN_COLUMNS, rows);
}

/** Every rollup emptied, for a rebuild; the caller holds {@link lockRollups}. */
export async function clearRollups(db: Queryable): Promise<void> {
  await db.query('DELETE FROM dashboard_daily');
  await db.query('DELETE FROM dashboard_monthly');
  await db.query('DELETE FROM dashboard_scope_daily');
  await db.query('DELETE FROM dashboard_scope_monthly');
  await db.query('DELETE FROM dashboard_open');
  await db.query('DELETE FROM dashboard_scope_open');
  await db.query('DELETE FROM dashboard_case_facts');
}

/**
 * Holds off every case change's rollup update until the caller's transaction ends (`share`: a
 * recount that compares; `exclusive`: a rebuild that rewrites). A change under way is waited for.
 */
export async function lockRollups(db: Queryable, mode: 'share' | 'exclusive'): Promise<void> {
  await db.query(`LOCK TABLE dashboard_daily, dashboard_monthly, dashboard_scope_daily, dashboard_scope_monthly, dashboard_open, dashboard_scope_open, dashboard_case_facts IN ${mode === 'share' ? 'SHARE' : 'EXCLUSIVE'} MODE`);
}

const DailyRow = z
  .object({
    day: z.string(),
    agencyId: z.string(),
    metric: z.enum(DAILY_METRICS),
    categoryCode: z.string(),
    channel: z.string(),
    provinceCode: z.string(),
    districtCode: z.string(),
    bucket: z.number(),
    count: z.number(),
  })
  .describe('daily counter');
const OpenRow = z
  .object({ agencyId: z.string(), status: z.enum(CASE_STATUSES), receivedOn: z.string(), dueOn: z.string(), categoryCode: z.string(), channel: z.string(), provinceCode: z.string(), count: z.number() })
  .describe('open counter');

const ScopeRow = z
  .object({
    day: z.string(),
    scopeId: z.string(),
    filter: z.enum(SCOPE_FILTERS),
    filterKey: z.string(),
    metric: z.enum(DAILY_METRICS),
    dimension: z.enum(SCOPE_DIMENSIONS),
    key: z.string(),
    bucket: z.number(),
    count: z.number(),
  })
  .describe('scope counter');
const ScopeOpenRow = z
  .object({ scopeId: z.string(), filter: z.enum(SCOPE_FILTERS), filterKey: z.string(), status: z.enum(CASE_STATUSES), receivedOn: z.string(), dueOn: z.string(), count: z.number() })
  .describe('open scope counter');

/** Every counter as stored, zeros left out (a counter emptied by a change stays until a rebuild). */
export async function readRollups(db: Queryable): Promise<{
  daily: z.output<typeof DailyRow>[];
  monthly: z.output<typeof DailyRow>[];
  scopeDaily: z.output<typeof ScopeRow>[];
  scopeMonthly: z.output<typeof ScopeRow>[];
  open: z.output<typeof OpenRow>[];
  scopeOpen: z.output<typeof ScopeOpenRow>[];
}> {
  const counters = (table: string, period: string) =>
    queryRows(db, DailyRow, `SELECT ${period} AS day, agency_id, metric, category_code, channel, province_code, district_code, bucket, count FROM ${table} WHERE count <> 0`);
  const daily = await counters('dashboard_daily', 'day');
  const monthly = await counters('dashboard_monthly', 'month');
  const scoped = (table: string, period: string) =>
    queryRows(db, ScopeRow, `SELECT ${period} AS day, scope_id, filter_dimension AS filter, filter_key, metric, dimension, key, bucket, count FROM ${table} WHERE count <> 0`);
  const scopeDaily = await scoped('dashboard_scope_daily', 'day');
  const scopeMonthly = await scoped('dashboard_scope_monthly', 'month');
  const open = await queryRows(db, OpenRow, 'SELECT agency_id, status, received_on, due_on, category_code, channel, province_code, count FROM dashboard_open WHERE count <> 0');
  const scopeOpen = await queryRows(db, ScopeOpenRow, 'SELECT scope_id, filter_dimension AS filter, filter_key, status, received_on, due_on, count FROM dashboard_scope_open WHERE count <> 0');
  return { daily, monthly, scopeDaily, scopeMonthly, open, scopeOpen };
}

/** The scope counters' drill-downs and breakdowns (case-facts.ts) with the per-holder columns they read. */
const DRILL_COLUMNS = { '': "''", channel: 'channel', categoryCode: 'category_code', provinceCode: 'province_code' } as const;
const DIMENSION_COLUMNS = { total: "''", channel: 'channel', categoryCode: 'category_code', provinceCode: 'province_code', districtCode: 'district_code', childId: null } as const;

/**
 * Sums every scope counter (daily, monthly, open) from the per-holder ones, as scopeDelta and
 * scopeOpenDelta add them up case by case: every agency on the holder's path is a scope (with
 * its child on the way down), each counter counts whole and under its drill-downs; daily, a
 * drill-down keeps only the totals of cases and contacts. What the scope tables held is replaced.
 * For a start after migration 0026, and the benchmarks' generator: one statement per drill-down
 * and breakdown, each first summing the per-holder counters down to the columns it needs, then
 * over the holder's scopes — no statement multiplies every counter by every scope, drill-down
 * and breakdown at once. The caller holds {@link lockRollups} (exclusive).
 */
export async function deriveScopeCounters(tx: Queryable): Promise<void> {
  for (const table of ['dashboard_scope_daily', 'dashboard_scope_monthly', 'dashboard_scope_open']) await tx.query(`DELETE FROM ${table}`);
  // Sums of millions of counters: memory for this transaction's sorts rather than files.
  await tx.query(`SET LOCAL work_mem = '256MB'`);
  // Each holder's scopes: itself and the agencies above it, with the child of each on the way down ('' for itself).
  await tx.query(`CREATE TEMPORARY TABLE rollup_scopes (agency_id uuid NOT NULL, scope_id uuid NOT NULL, child_id text NOT NULL) ON COMMIT DROP`);
  const paths = await agencyPaths(tx, null);
  const scopes = [...paths].flatMap(([agencyId, path]) => path.map((scopeId, depth) => [agencyId, scopeId, path[depth + 1] ?? '']));
  await tx.query(`INSERT INTO rollup_scopes SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`, [scopes.map((row) => row[0]), scopes.map((row) => row[1]), scopes.map((row) => row[2])]);
  await tx.query('ANALYZE rollup_scopes');
  const received = `metric IN ('received', 'contact')`;
  for (const [table, from, period] of [
    ['dashboard_scope_daily', 'dashboard_daily', 'day'],
    ['dashboard_scope_monthly', 'dashboard_monthly', 'month'],
  ] as const) {
    for (const [drill, drillColumn] of Object.entries(DRILL_COLUMNS)) {
      for (const [dimension, column] of Object.entries(DIMENSION_COLUMNS)) {
        // Daily, a drill-down keeps the totals of cases and contacts only; breakdowns are of cases and contacts.
        if (period === 'day' && drill !== '' && dimension !== 'total') continue;
        const conditions = [drill === '' ? 'true' : `${drillColumn} <> ''`, dimension === 'total' && (period === 'month' || drill === '') ? 'true' : received];
        const bucket = dimension === 'total' ? 'bucket' : '0';
        const key = column ?? "''";
        await tx.query(
          `INSERT INTO ${table} (scope_id, filter_dimension, filter_key, ${period}, metric, dimension, key, bucket, count)
           SELECT s.scope_id, '${drill}', d.drill_key, d.${period}, d.metric, '${dimension}', ${column === null ? 's.child_id' : 'd.key'}, d.bucket, sum(d.count)
           FROM (SELECT agency_id, ${period}, metric, ${drillColumn} AS drill_key, ${key} AS key, ${bucket} AS bucket, sum(count) AS count
                 FROM ${from} WHERE ${conditions.join(' AND ')} GROUP BY 1, 2, 3, 4, 5, 6) d
           JOIN rollup_scopes s ON s.agency_id = d.agency_id
           GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d.count) <> 0`,
        );
      }
    }
  }
  for (const [drill, drillColumn] of Object.entries(DRILL_COLUMNS)) {
    await tx.query(
      `INSERT INTO dashboard_scope_open (scope_id, filter_dimension, filter_key, status, received_on, due_on, count)
       SELECT s.scope_id, '${drill}', d.drill_key, d.status, d.received_on, d.due_on, sum(d.count)
       FROM (SELECT agency_id, ${drillColumn} AS drill_key, status, received_on, due_on, sum(count) AS count
             FROM dashboard_open WHERE ${drill === '' ? 'true' : `${drillColumn} <> ''`} GROUP BY 1, 2, 3, 4, 5) d
       JOIN rollup_scopes s ON s.agency_id = d.agency_id
       GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d.count) <> 0`,
    );
  }
}

/** Locks those of `ids` that no other transaction holds (in id order) and returns them. */
export async function lockCasesSkippingLocked(tx: Queryable, ids: readonly string[]): Promise<string[]> {
  const rows = await queryRows(tx, z.object({ id: z.string() }), 'SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE SKIP LOCKED', [ids]);
  return rows.map((row) => row.id);
}

const RollupStateRow = z.object({ recountNeeded: z.boolean(), scopesDerived: z.boolean() }).describe('rollup state');

/**
 * Whether a migration emptied the rollups and they have not been counted again since, and
 * whether the scope counters are still to be summed from the per-holder ones (one row: cheap at every start).
 */
export async function rollupState(db: Queryable): Promise<z.output<typeof RollupStateRow>> {
  return (await queryRow(db, RollupStateRow, 'SELECT recount_needed, scopes_derived FROM dashboard_rollup_state WHERE id = 1')) ?? { recountNeeded: true, scopesDerived: false };
}

/** Records that the scope counters were summed from the per-holder ones. */
export async function markScopesDerived(db: Queryable): Promise<void> {
  await db.query('UPDATE dashboard_rollup_state SET scopes_derived = true WHERE id = 1');
}

/** Records that every case counts in the rollups again. */
export async function markRollupsCounted(db: Queryable): Promise<void> {
  await db.query('UPDATE dashboard_rollup_state SET recount_needed = false WHERE id = 1');
}
