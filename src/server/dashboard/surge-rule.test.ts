import { describe, expect, it } from 'vitest';
import { detectSurges, SURGE_RULE, surgeBaseline } from './surge-rule.ts';

describe('surgeBaseline', () => {
  it('finds a week far above a steady baseline', () => {
    expect(surgeBaseline(30, [5, 6, 4, 5, 5, 6, 4, 5])).toBe(5);
  });

  it('needs enough cases: a jump from one to nine is no surge', () => {
    expect(surgeBaseline(SURGE_RULE.minimumCount - 1, [1, 1, 1, 1, 1, 1, 1, 1])).toBeNull();
    expect(surgeBaseline(SURGE_RULE.minimumCount, [0, 0, 0, 0, 0, 0, 0, 0])).toBe(0);
  });

  it('is not fooled by a series that swings every week', () => {
    expect(surgeBaseline(25, [2, 20, 1, 22, 3, 19, 2, 21])).toBeNull();
  });

  it('needs twice the average even where the baseline never moves', () => {
    expect(surgeBaseline(15, [10, 10, 10, 10, 10, 10, 10, 10])).toBeNull();
    expect(surgeBaseline(20, [10, 10, 10, 10, 10, 10, 10, 10])).toBe(10);
  });
});

describe('detectSurges', () => {
  it('takes missing weeks as zero and reports the surges only', () => {
    const surges = detectSurges([
      { agencyId: 'a', dimension: 'district', key: '1001', weeks: [40, 3, 2] },
      { agencyId: 'a', dimension: 'category', key: 'road', weeks: [12, 11, 12, 10, 13, 12, 11, 12, 10] },
      { agencyId: 'a', dimension: 'category', key: 'noise', weeks: [] },
    ]);
    expect(surges).toEqual([{ agencyId: 'a', dimension: 'district', key: '1001', count: 40, baseline: 5 / 8 }]);
  });
});
