import { describe, expect, it } from 'vitest';
import { pathIds } from '../agencies/scope.ts';
import { dailyKey, monthlyDelta, parseScopeKey, scopeDelta, type DailyKey } from './case-facts.ts';

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
    const delta = new Map(scopeDelta([[key({}), 1]], (id) => paths[id] ?? []).map(([text, count]) => [text, count]));
    const rows = [...delta].map(([text, count]) => ({ ...parseScopeKey(text), count }));
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
    const resolved = scopeDelta([[key({ metric: 'resolve_days', bucket: 7 }), 1]], (id) => paths[id] ?? []).map(([text]) => parseScopeKey(text));
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
    ).map(([text, count]) => ({ ...parseScopeKey(text), count }));
    expect(moved.filter((row) => row.scopeId === 'root' && row.dimension !== 'childId')).toEqual([]);
    expect(moved.filter((row) => row.scopeId === 'root').map((row) => [row.key, row.count])).toEqual([
      ['bma', -1],
      ['moph', 1],
    ]);
  });
});
