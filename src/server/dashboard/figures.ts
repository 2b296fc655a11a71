/**
 * The dashboard's figures from the summed rollups: received by dimension with the trend, the
 * SLA and its percentiles from the histogram, satisfaction, the backlog by status and age.
 * Pure, so that the arithmetic is tested apart from the SQL.
 */
import { businessDaysUntil, type IsoDate } from '../../shared/business-days.ts';
import { AGE_BUCKETS, type BreakdownItem, type Dashboard } from '../../shared/api/dashboard.ts';
import { OPEN_STATUSES } from '../../shared/case-model.ts';
import type { DailyMetric } from './case-facts.ts';
import type { DailyFigure, FigureDimension, OpenFigure } from './dashboard-queries.ts';

/** The smallest value with at least `fraction` of the counts at or below it (nearest rank); null without counts. */
export function percentileOf(histogram: ReadonlyMap<number, number>, fraction: number): number | null {
  const total = [...histogram.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(fraction * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** The sum of one measure. */
export function total(rows: readonly DailyFigure[], metric: DailyMetric): number {
  return rows.reduce((sum, row) => (row.dimension === 'total' && row.metric === metric ? sum + row.count : sum), 0);
}

/** Cases and contacts by one dimension, this period and the one before, the most cases first. */
export function breakdownBy(
  dimension: Exclude<FigureDimension, 'total'>,
  current: readonly DailyFigure[],
  previous: readonly DailyFigure[],
  name: (key: string) => { key: string | null; nameTh: string | null },
): BreakdownItem[] {
  const items = new Map<string, BreakdownItem>();
  const add = (rows: readonly DailyFigure[], when: 'current' | 'previous') => {
    for (const row of rows) {
      if (row.dimension !== dimension || (row.metric !== 'received' && row.metric !== 'contact')) continue;
      const raw = row.key;
      const item = items.get(raw) ?? { ...name(raw), cases: { current: 0, previous: 0 }, contacts: { current: 0, previous: 0 } };
      item[row.metric === 'received' ? 'cases' : 'contacts'][when] += row.count;
      items.set(raw, item);
    }
  };
  add(current, 'current');
  add(previous, 'previous');
  return [...items.values()].sort((a, b) => b.cases.current - a.cases.current || b.contacts.current - a.contacts.current || String(a.key).localeCompare(String(b.key)));
}

/** SLA, extensions, pauses and satisfaction of the period. */
export function outcomeFigures(rows: readonly DailyFigure[]): Pick<Dashboard, 'sla' | 'extensions' | 'pauses' | 'rejected' | 'merged' | 'satisfaction'> {
  const days = new Map<number, number>();
  const distribution = [0, 0, 0, 0, 0];
  for (const row of rows) {
    if (row.dimension !== 'total') continue;
    if (row.metric === 'resolve_days') days.set(row.bucket, (days.get(row.bucket) ?? 0) + row.count);
    if (row.metric === 'rating' && row.bucket >= 1 && row.bucket <= 5) distribution[row.bucket - 1] = (distribution[row.bucket - 1] ?? 0) + row.count;
  }
  const met = total(rows, 'met');
  const missed = total(rows, 'missed');
  const responses = distribution.reduce((sum, n) => sum + n, 0);
  const reopened = total(rows, 'reopened');
  return {
    sla: { met, missed, compliance: ratio(met, met + missed), medianBusinessDays: percentileOf(days, 0.5), p90BusinessDays: percentileOf(days, 0.9) },
    extensions: total(rows, 'extended'),
    pauses: total(rows, 'paused'),
    rejected: total(rows, 'rejected'),
    merged: total(rows, 'merged'),
    satisfaction: {
      responses,
      average: responses === 0 ? null : distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / responses,
      distribution,
      responseRate: ratio(responses, met + missed),
      reopened,
      reopenRate: ratio(reopened, met + missed),
    },
  };
}

/** The open cases by status and by age in business days on `today`; and how many are overdue (due before today, not awaiting the citizen). */
export function backlogFigures(rows: readonly OpenFigure[], today: IsoDate, holidays: ReadonlySet<IsoDate>): { backlog: Dashboard['backlog']; overdue: number } {
  const byStatus = new Map<string, number>();
  const byAge = AGE_BUCKETS.map((bucket) => ({ ...bucket, count: 0 }));
  let open = 0;
  let overdue = 0;
  const oldest = rows.reduce((min, row) => (row.receivedOn < min ? row.receivedOn : min), today);
  const ages = businessDaysUntil(oldest, today, holidays);
  for (const row of rows) {
    open += row.count;
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.count);
    // A case received after today (a clock set back) is of age 0.
    const age = ages.get(row.receivedOn) ?? 0;
    const bucket = byAge.find((b) => age >= b.fromDays && (b.toDays === null || age <= b.toDays));
    if (bucket) bucket.count += row.count;
    if (row.status !== 'awaiting_info' && row.dueOn < today) overdue += row.count;
  }
  return {
    backlog: { open, byStatus: OPEN_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })), byAge },
    overdue,
  };
}
