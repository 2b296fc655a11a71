/**
 * The benchmarks' case generator (bench/lib/case-generator.ts): the cases it writes are counted
 * into the dashboard's rollups exactly as `rongthuk rollups verify` recounts them, on both engines.
 */
import { expect, it } from 'vitest';
import { loadCaseDistributions } from '../bench/lib/case-distributions.ts';
import { fillRollups, generateCases, type CaseHolders } from '../bench/lib/case-generator.ts';
import { verifyRollups } from '../src/server/dashboard/rollups.ts';
import type { Database } from '../src/server/platform/database.ts';
import { seedBangkokOffices, seedTestNetwork } from './support/app.ts';
import { describeEachDatabase } from './support/databases.ts';

async function holdersOf(db: Database): Promise<CaseHolders> {
  const rows = await db.query<{ id: string; code: string }>('SELECT id, code FROM agencies');
  const id = (code: string) => rows.find((row) => row.code === code)?.id ?? '';
  return {
    byDistrict: new Map([
      ['1001', id('bma-d1001')],
      ['1004', id('bma-d1004')],
    ]),
    byProvince: new Map([
      ['10', id('bma')],
      ['66', id('dtc-p66')],
      ['50', id('pho-50')],
    ]),
    fallback: id('hub-1111'),
  };
}

describeEachDatabase('case generator', ({ db }) => {
  it('writes consistent cases whose rollups verify against a recount', async () => {
    await seedTestNetwork(db());
    await seedBangkokOffices(db());
    const distributions = loadCaseDistributions();
    const options = { count: 2000, distributions, holders: await holdersOf(db()), until: new Date('2026-06-15T03:00:00Z'), years: 2, otherProvincesShare: 0.2, seed: 7, batchSize: 700 };
    expect(await generateCases(db(), options)).toBe(2000);
    // Some cases with no place at all, as a web filing may be: counted under no province's drill-down.
    await db().query(`UPDATE cases SET province_code = NULL, district_code = NULL WHERE id IN (SELECT id FROM cases ORDER BY id LIMIT 60)`);
    expect(await fillRollups(db(), { batchSize: 300 })).toBe(2000);

    expect(await db().transaction((tx) => verifyRollups(tx))).toEqual([]);
    const [shape] = await db().query<{ cases: number; bad: number; contacts: number; events: number; ratings: number; open: number }>(
      `SELECT (SELECT count(*)::int FROM cases) AS cases,
              (SELECT count(*)::int FROM cases WHERE (status IN ('resolved', 'closed')) <> (resolved_at IS NOT NULL) OR received_at > '2026-06-15T03:00:00Z'
                 OR (status = 'closed') <> (closed_at IS NOT NULL AND resolved_at IS NOT NULL) OR due_date <= (received_at AT TIME ZONE 'Asia/Bangkok')::date) AS bad,
              (SELECT count(*)::int FROM case_contacts) AS contacts,
              (SELECT count(*)::int FROM case_events) AS events,
              (SELECT count(*)::int FROM case_feedback) AS ratings,
              (SELECT count(*)::int FROM cases WHERE status IN ('received', 'screening', 'assigned', 'in_progress', 'awaiting_info')) AS open`,
    );
    expect(shape).toMatchObject({ cases: 2000, bad: 0 });
    expect(shape?.contacts).toBeGreaterThan(2000);
    for (const figure of [shape?.events, shape?.ratings, shape?.open]) expect(figure).toBeGreaterThan(0);
  }, 120_000);
});
