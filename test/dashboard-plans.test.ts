/**
 * How the dashboard reads an agency's scope counters: from the primary key's index alone
 * (migration 0028), not from the table's pages, which at a national hub hold those rows about
 * two to a page (the pages vacuum has not marked all-visible since they changed are still read).
 * The statements are the ones the dashboard and the surge watch run (recorded from sumScope,
 * scopeSeries and weeklyCountsOfWatchedAgencies), asked of the planner with every other way of
 * reading turned off: it then answers with an index-only scan exactly when the index holds every
 * column the statement reads.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Queryable } from '../src/server/platform/database.ts';
import { scopeSeries, sumScope, WHOLE_SCOPE, type ScopeDrill } from '../src/server/dashboard/dashboard-queries.ts';
import { weeklyCountsOfWatchedAgencies } from '../src/server/dashboard/surge-queries.ts';
import { seedTestNetwork } from './support/app.ts';
import { describeEachDatabase } from './support/databases.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan that reads a table, with how it reads it. */
function tableReads(node: PlanNode): { table: string; how: string }[] {
  const own = node['Relation Name'] ? [{ table: node['Relation Name'], how: node['Node Type'] }] : [];
  return [...own, ...(node.Plans ?? []).flatMap(tableReads)];
}

/** The statements `read` runs, recorded instead of run (each answered with no rows). */
async function statementsOf(read: (db: Queryable) => Promise<unknown>): Promise<{ sql: string; params: readonly unknown[] }[]> {
  const statements: { sql: string; params: readonly unknown[] }[] = [];
  await read({
    query: async <Row,>(sql: string, params: readonly unknown[] = []) => {
      statements.push({ sql, params });
      return [] as Row[];
    },
  });
  return statements;
}

describeEachDatabase('dashboard scope counters read from the index alone', ({ db }) => {
  let scopeId = '';
  const drills: ScopeDrill[] = [WHOLE_SCOPE, { filter: 'channel', key: 'line' }];

  beforeAll(async () => {
    await seedTestNetwork(db());
    const [agency] = await db().query<{ id: string }>(`SELECT id FROM agencies WHERE code = 'hub-1111'`);
    scopeId = agency?.id ?? '';
    // Two years of counters of the agency, whole and under the channel LINE, by day and by month.
    for (const [table, slot, step] of [
      ['dashboard_scope_daily', 'day', '1 day'],
      ['dashboard_scope_monthly', 'month', '1 month'],
    ] as const) {
      await db().query(
        `INSERT INTO ${table} (scope_id, filter_dimension, filter_key, ${slot}, metric, dimension, key, bucket, count)
         SELECT $1::uuid, f.dimension, f.key, s::date, m.metric, 'total', '', b, 1
         FROM generate_series('2024-10-01'::date, '2026-09-30'::date, '${step}'::interval) s,
              (VALUES ('', ''), ('channel', 'line')) f (dimension, key),
              (VALUES ('received'), ('contact'), ('resolve_days')) m (metric),
              generate_series(0, 3) b`,
        [scopeId],
      );
      await db().query(`VACUUM ANALYZE ${table}`);
    }
  });

  const periods = [
    { name: 'whole months', from: '2025-10-01', to: '2026-09-30' },
    { name: 'cut mid-month', from: '2025-10-15', to: '2026-09-10' },
  ] as const;

  for (const period of periods) {
    it(`answers a period of ${period.name}, whole and drilled down, and the surge watch's weeks, with index-only scans of the scope counters`, async () => {
      const reads: ((q: Queryable) => Promise<unknown>)[] = drills.flatMap((drill) => [
        // Drilled down, the dashboard takes only the whole months from the scope counters (dashboard.ts).
        (q: Queryable) => sumScope(q, scopeId, drill, period.from, period.to, drill.filter === '' ? undefined : 'months'),
        (q: Queryable) => scopeSeries(q, scopeId, drill, period.from, period.to, 'month'),
        (q: Queryable) => scopeSeries(q, scopeId, drill, period.from, period.to, 'day'),
      ]);
      reads.push((q: Queryable) => weeklyCountsOfWatchedAgencies(q, period.to, 9));
      const seen: { table: string; how: string }[] = [];
      for (const read of reads) {
        for (const statement of await statementsOf(read)) {
          const plan = await db().transaction(async (tx) => {
            await tx.query('SET LOCAL enable_seqscan = off');
            await tx.query('SET LOCAL enable_bitmapscan = off');
            const [row] = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.params);
            return row?.['QUERY PLAN'][0].Plan;
          });
          if (!plan) throw new Error(`no plan for ${statement.sql}`);
          seen.push(...tableReads(plan).filter((read) => read.table.startsWith('dashboard_scope_')));
        }
      }
      // Both tables were read (the daily one for the series by day and the days at the edges)…
      expect(new Set(seen.map((read) => read.table))).toEqual(new Set(['dashboard_scope_daily', 'dashboard_scope_monthly']));
      // …and every read of them came from the index alone.
      expect(seen.filter((read) => read.how !== 'Index Only Scan')).toEqual([]);
    });
  }
});
