/**
 * When a category's or a district's complaints make a surge (ปริมาณเรื่องพุ่งสูงผิดปกติ): the last
 * seven days against the same area's or category's own weekly counts of the eight weeks before.
 * A surge needs enough cases to matter, at least twice the weekly average, and more than three
 * standard deviations above it (so a series that swings every week does not alarm each time).
 * Pure, so that the rule is tested apart from the SQL.
 */

export const SURGE_RULE = {
  /** Weeks before the last seven days that make the baseline. */
  baselineWeeks: 8,
  /** The fewest cases in seven days that can be a surge. */
  minimumCount: 10,
  /** At least this many times the weekly average. */
  ratio: 2,
  /** And more than the average plus this many standard deviations. */
  deviations: 3,
  /** A surge of the same category or district is not told again within this many days. */
  quietDays: 14,
} as const;

/** The weekly average of the baseline when `current` is a surge against it; null otherwise. */
export function surgeBaseline(current: number, baseline: readonly number[]): number | null {
  if (current < SURGE_RULE.minimumCount) return null;
  const weeks = baseline.length;
  const mean = weeks === 0 ? 0 : baseline.reduce((sum, n) => sum + n, 0) / weeks;
  const deviation = weeks === 0 ? 0 : Math.sqrt(baseline.reduce((sum, n) => sum + (n - mean) ** 2, 0) / weeks);
  return current >= SURGE_RULE.ratio * mean && current > mean + SURGE_RULE.deviations * deviation ? mean : null;
}

/** Counts of one category or district under a watched agency: `weeks[0]` the last seven days, `weeks[k]` k weeks before. */
export interface WeeklyCounts {
  agencyId: string;
  dimension: 'category' | 'district';
  key: string;
  weeks: readonly number[];
}

export interface DetectedSurge {
  agencyId: string;
  dimension: 'category' | 'district';
  key: string;
  count: number;
  baseline: number;
}

/** The surges among the series (a week missing from a series counts zero). */
export function detectSurges(series: readonly WeeklyCounts[]): DetectedSurge[] {
  const surges: DetectedSurge[] = [];
  for (const { agencyId, dimension, key, weeks } of series) {
    const current = weeks[0] ?? 0;
    const baseline = Array.from({ length: SURGE_RULE.baselineWeeks }, (_, i) => weeks[i + 1] ?? 0);
    const mean = surgeBaseline(current, baseline);
    if (mean !== null) surges.push({ agencyId, dimension, key, count: current, baseline: mean });
  }
  return surges;
}
