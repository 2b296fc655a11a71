/**
 * A period of days split for the dashboard's counters: the whole calendar months in it (read from
 * the monthly counters) and the days left at its two edges (read from the daily ones), so that a
 * year reads twelve monthly rows per key instead of 365 daily ones.
 */
import { addCalendarDays, type IsoDate } from './business-days.ts';

export interface PeriodParts {
  /** The first days of the first and last whole months, or null when the period holds none. */
  months: { from: IsoDate; to: IsoDate } | null;
  /** Day ranges (both ends included) outside those months: none, one or two. */
  days: Array<{ from: IsoDate; to: IsoDate }>;
}

/** The first day of the month of a day. */
export const firstOfMonth = (day: IsoDate): IsoDate => `${day.slice(0, 7)}-01`;
const firstOfNextMonth = (day: IsoDate): IsoDate => firstOfMonth(addCalendarDays(firstOfMonth(day), 31));

/** Splits from..to (both included, from ≤ to) into whole months and edge days. */
export function periodParts(from: IsoDate, to: IsoDate): PeriodParts {
  // The first whole month starts on `from` when it is a first, else on the next month's first.
  const firstWhole = from === firstOfMonth(from) ? from : firstOfNextMonth(from);
  // The last whole month ends on `to` when `to` is the eve of a first.
  const afterTo = addCalendarDays(to, 1);
  const endWhole = afterTo === firstOfMonth(afterTo) ? afterTo : firstOfMonth(afterTo);
  if (firstWhole >= endWhole) return { months: null, days: [{ from, to }] };
  const days: PeriodParts['days'] = [];
  if (from < firstWhole) days.push({ from, to: addCalendarDays(firstWhole, -1) });
  if (endWhole <= to) days.push({ from: endWhole, to });
  return { months: { from: firstWhole, to: firstOfMonth(addCalendarDays(endWhole, -1)) }, days };
}

/** Every slot of from..to: each day, or the first day of each month the period touches. */
export function slotsOf(from: IsoDate, to: IsoDate, grain: 'day' | 'month'): IsoDate[] {
  const slots: IsoDate[] = [];
  for (let slot = grain === 'day' ? from : firstOfMonth(from); slot <= to; slot = grain === 'day' ? addCalendarDays(slot, 1) : firstOfNextMonth(slot)) slots.push(slot);
  return slots;
}
