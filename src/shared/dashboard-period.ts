/**
 * The periods the dashboard counts over, in the Buddhist era (พ.ศ. = Gregorian + 543): a fiscal
 * year (ปีงบประมาณ, 1 October to 30 September: FY2569 runs from 1 Oct 2025 to 30 Sep 2026), one
 * of its quarters (Q1 = October–December), a calendar month, or custom dates; each with the
 * period just before it, of the same kind, for the trend.
 */
import { addCalendarDays, type IsoDate } from './business-days.ts';

/** `fy2569`, `q1-2569` (fiscal quarter), `2569-10` (October 2569 = October 2026), or `custom`. */
export const PERIOD_PATTERN = /^(?:fy(\d{4})|q([1-4])-(\d{4})|(\d{4})-(0[1-9]|1[0-2])|custom)$/;

const BUDDHIST_ERA_OFFSET = 543;

export interface DashboardPeriod {
  from: IsoDate;
  to: IsoDate;
  previousFrom: IsoDate;
  previousTo: IsoDate;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The last day of a Gregorian month (1–12). */
const monthEnd = (year: number, month: number): IsoDate => addCalendarDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);

/** Months from..to inclusive, the first from its first day (`month` may run past 12). */
function months(year: number, month: number, count: number): { from: IsoDate; to: IsoDate } {
  const start = new Date(Date.UTC(year, month - 1, 1));
  const end = new Date(Date.UTC(year, month - 1 + count - 1, 1));
  return { from: `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-01`, to: monthEnd(end.getUTCFullYear(), end.getUTCMonth() + 1) };
}

/** The fiscal year (Buddhist era) a day falls in: October starts the next one. */
export function fiscalYearOf(day: IsoDate): number {
  const year = Number(day.slice(0, 4));
  return (Number(day.slice(5, 7)) >= 10 ? year + 1 : year) + BUDDHIST_ERA_OFFSET;
}

/**
 * The dates of `period` (see {@link PERIOD_PATTERN}) and of the period before it; `custom`
 * takes `from` and `to`, and its previous period is as many days ending the day before.
 * Undefined for a string that is none of them, or a custom period without its dates.
 */
export function periodDates(period: string, custom?: { from: IsoDate; to: IsoDate }): DashboardPeriod | undefined {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return undefined;
  const [, fy, quarter, quarterYear, monthYear, month] = match;
  let current: { from: IsoDate; to: IsoDate };
  let previous: { from: IsoDate; to: IsoDate };
  if (fy) {
    const year = Number(fy) - BUDDHIST_ERA_OFFSET - 1;
    current = months(year, 10, 12);
    previous = months(year - 1, 10, 12);
  } else if (quarter && quarterYear) {
    const start = Number(quarterYear) - BUDDHIST_ERA_OFFSET - 1;
    const firstMonth = 10 + (Number(quarter) - 1) * 3;
    current = months(start, firstMonth, 3);
    previous = months(start, firstMonth - 3, 3);
  } else if (monthYear && month) {
    current = months(Number(monthYear) - BUDDHIST_ERA_OFFSET, Number(month), 1);
    previous = months(Number(monthYear) - BUDDHIST_ERA_OFFSET, Number(month) - 1, 1);
  } else {
    if (!custom) return undefined;
    const days = Math.round((Date.parse(custom.to) - Date.parse(custom.from)) / 86_400_000);
    current = custom;
    previous = { from: addCalendarDays(custom.from, -days - 1), to: addCalendarDays(custom.from, -1) };
  }
  return { from: current.from, to: current.to, previousFrom: previous.from, previousTo: previous.to };
}
