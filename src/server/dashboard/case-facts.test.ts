import { describe, expect, it } from 'vitest';
import { pathIds } from '../agencies/scope.ts';
import { dailyKey, monthlyDelta, openKey, parseScopeKey, parseScopeOpenKey, scopeDelta, scopeOpenDelta, type DailyKey } from './case-facts.ts';

const key = (overrides: Partial<DailyKey>): string =>
  dailyKey({ day: '2026-01-05', agencyId: 'district', metric: 'received', categoryCode: 'road', channel: 'line', provinceCode: '10', districtCode: '1038', bucket: 0, ...overrides });
const paths: Record<string, string[]> = { district: pathIds('/root/bma/district/'), other: pathIds('/root/moph/other/') };

describe('monthlyDelta', () => {
  it('sums the days of a month into its first day and drops what cancels out', () => {
    const delta = monthlyDelta([
      [key({ day: '2026-01-05' }), 1],
      [key({ day: '2026-01-20' }), 2],
      [key({ day: '2026-02-01', metric: 'contact' }), 1],
      [key({ day: '2026-02-03', metric: 'contact' }), -1],
    ]);
    expect(delta).toEqual([[key({ day: '2026-01-01' }), 3]]);
  });
});

describe('scopeDelta', () => {
  it('counts a case for its holder and every agency above it, by each dimension, the child on the way down', () => {
    const delta = new Map(scopeDelta([[key({}), 1]], (id) => paths[id] ?? [], 'month').map(([text, count]) => [text, count]));
    const rows = [...delta].map(([text, count]) => ({ ...parseScopeKey(text), count })).filter((row) => row.filter === '');
    // Three scopes, six counters each.
    expect(rows).toHaveLength(18);
    const of = (scopeId: string, dimension: string) => rows.filter((row) => row.scopeId === scopeId && row.dimension === dimension).map((row) => [row.key, row.count]);
    expect(of('root', 'childId')).toEqual([['bma', 1]]);
    expect(of('bma', 'childId')).toEqual([['district', 1]]);
    expect(of('district', 'childId')).toEqual([['', 1]]);
    expect(of('root', 'districtCode')).toEqual([['1038', 1]]);
    expect(of('root', 'total')).toEqual([['', 1]]);
  });

  it('keeps the bucket of an outcome in the total only, and moves a hand-over from one branch to another', () => {
    const resolved = scopeDelta([[key({ metric: 'resolve_days', bucket: 7 }), 1]], (id) => paths[id] ?? [], 'day').map(([text]) => parseScopeKey(text));
    expect(resolved.map((row) => [row.scopeId, row.dimension, row.bucket])).toEqual([
      ['bma', 'total', 7],
      ['district', 'total', 7],
      ['root', 'total', 7],
    ]);
    // Handed from the district office to an office of another ministry: the root's total stays.
    const moved = scopeDelta(
      [
        [key({}), -1],
        [key({ agencyId: 'other' }), 1],
      ],
      (id) => paths[id] ?? [],
      'month',
    ).map(([text, count]) => ({ ...parseScopeKey(text), count })).filter((row) => row.filter === '');
    expect(moved.filter((row) => row.scopeId === 'root' && row.dimension !== 'childId')).toEqual([]);
    expect(moved.filter((row) => row.scopeId === 'root').map((row) => [row.key, row.count])).toEqual([
      ['bma', -1],
      ['moph', 1],
    ]);
  });

  it('keeps each counter again under the drill-down by its channel, category and province: monthly whole, daily the totals of cases and contacts only', () => {
    const pathOf = (id: string) => paths[id] ?? [];
    const monthly = scopeDelta([[key({}), 1]], pathOf, 'month').map(([text]) => parseScopeKey(text));
    const drills = (rows: ReturnType<typeof parseScopeKey>[]) => [...new Set(rows.map((row) => `${row.filter}=${row.filterKey}`))].sort();
    expect(drills(monthly)).toEqual(['=', 'categoryCode=road', 'channel=line', 'provinceCode=10']);
    // Each drill-down: three scopes, six counters each.
    expect(monthly.filter((row) => row.filter === 'categoryCode')).toHaveLength(18);
    const daily = scopeDelta([[key({}), 1]], pathOf, 'day').map(([text]) => parseScopeKey(text));
    expect(daily.filter((row) => row.filter === 'channel').map((row) => [row.scopeId, row.dimension])).toEqual([
      ['bma', 'total'],
      ['district', 'total'],
      ['root', 'total'],
    ]);
    // An outcome by day: the whole scope only; by month: under every drill-down.
    expect(drills(scopeDelta([[key({ metric: 'met' }), 1]], pathOf, 'day').map(([text]) => parseScopeKey(text)))).toEqual(['=']);
    expect(drills(scopeDelta([[key({ metric: 'met' }), 1]], pathOf, 'month').map(([text]) => parseScopeKey(text)))).toHaveLength(4);
    // A case without a category is under no category's drill-down.
    expect(drills(scopeDelta([[key({ categoryCode: '' }), 1]], pathOf, 'month').map(([text]) => parseScopeKey(text)))).toEqual(['=', 'channel=line', 'provinceCode=10']);
  });
});

describe('scopeOpenDelta', () => {
  it('counts an open case for its holder and every agency above it, whole and under each drill-down', () => {
    const open = openKey({ agencyId: 'district', status: 'in_progress', receivedOn: '2026-01-05', dueOn: '2026-01-26', categoryCode: 'road', channel: 'line', provinceCode: '10' });
    const rows = scopeOpenDelta([[open, 1]], (id) => paths[id] ?? []).map(([text, count]) => ({ ...parseScopeOpenKey(text), count }));
    expect(rows).toHaveLength(12);
    const root = rows.filter((row) => row.scopeId === 'root').map((row) => [row.filter, row.filterKey, row.status, row.count]);
    expect(root.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['', '', 'in_progress', 1],
      ['categoryCode', 'road', 'in_progress', 1],
      ['channel', 'line', 'in_progress', 1],
      ['provinceCode', '10', 'in_progress', 1],
    ]);
  });
});
