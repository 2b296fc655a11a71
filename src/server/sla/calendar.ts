/**
 * Holidays from the database, for the pure business-day math in src/shared/business-days.ts.
 * The full SLA engine (policies, pauses, extensions) builds on this.
 */
import { addCalendarDays, bangkokDate, dueDateForReceipt, type IsoDate } from '../../shared/business-days.ts';
import { DEFAULT_TARGET_BUSINESS_DAYS } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';
import { loadHolidays } from './queries.ts';

/** The deadline of a general complaint received at `receivedAt`: 15 business days after that day. */
export async function computeDueDate(db: Queryable, receivedAt: Date, agencyPath?: string, businessDays = DEFAULT_TARGET_BUSINESS_DAYS): Promise<IsoDate> {
  const start = bangkokDate(receivedAt);
  // Two calendar days per business day is ample even around Songkran and New Year.
  const holidays = await loadHolidays(db, start, addCalendarDays(start, businessDays * 2 + 30), agencyPath);
  return dueDateForReceipt(receivedAt, businessDays, holidays);
}
