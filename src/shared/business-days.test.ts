import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDays,
  addCalendarDays,
  bangkokDate,
  businessDaysBetween,
  dueDateForReceipt,
  isBusinessDay,
  isoWeekday,
  toBuddhistEraDate,
} from './business-days.ts';
import type { IsoDate } from './business-days.ts';

const NONE: ReadonlySet<IsoDate> = new Set();

/** 2026-06-01: substitution day for Visakha Bucha; 2026-06-03: Queen Suthida's birthday. */
const JUNE_2026 = new Set(['2026-06-01', '2026-06-03']);

describe('bangkokDate', () => {
  it('is the UTC date seven hours later', () => {
    expect(bangkokDate(new Date('2026-05-29T16:59:59.999Z'))).toBe('2026-05-29');
    expect(bangkokDate(new Date('2026-05-29T17:00:00.000Z'))).toBe('2026-05-30');
    expect(bangkokDate(new Date('2026-05-29T20:00:00Z'))).toBe('2026-05-30');
    expect(bangkokDate(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01-01');
  });

  it('rejects an invalid Date', () => {
    expect(() => bangkokDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it('agrees with Intl for Asia/Bangkok', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (d) => {
        return bangkokDate(d) === intl.format(d);
      }),
    );
  });

  it('equals the UTC date of the instant plus seven hours', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('9999-12-31T16:00:00Z'), noInvalidDate: true }), (d) => {
        return bangkokDate(d) === new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
      }),
    );
  });
});

describe('calendar helpers', () => {
  it('gives ISO weekdays, Monday = 1 to Sunday = 7', () => {
    expect(isoWeekday('2026-05-25')).toBe(1);
    expect(isoWeekday('2026-05-29')).toBe(5);
    expect(isoWeekday('2026-05-30')).toBe(6);
    expect(isoWeekday('2026-05-31')).toBe(7);
  });

  it('adds calendar days across months, leap days and backwards', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-05-29', 0)).toBe('2026-05-29');
  });

  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-6-1', '29/05/2026', '', '2026-05-29T00:00:00Z']) {
      expect(() => isoWeekday(bad)).toThrow(RangeError);
    }
    expect(() => addCalendarDays('2026-05-29', 1.5)).toThrow(RangeError);
  });

  it('formats dates in the Buddhist era with Thai month names', () => {
    expect(toBuddhistEraDate('2026-06-12')).toBe('12 มิถุนายน 2569');
    expect(toBuddhistEraDate('2026-01-01')).toBe('1 มกราคม 2569');
    expect(toBuddhistEraDate('2025-12-31')).toBe('31 ธันวาคม 2568');
    expect(toBuddhistEraDate('2024-02-29')).toBe('29 กุมภาพันธ์ 2567');
  });
});

describe('isBusinessDay', () => {
  it('excludes weekends and holidays', () => {
    expect(isBusinessDay('2026-05-29', JUNE_2026)).toBe(true); // Friday
    expect(isBusinessDay('2026-05-30', JUNE_2026)).toBe(false); // Saturday
    expect(isBusinessDay('2026-05-31', JUNE_2026)).toBe(false); // Sunday
    expect(isBusinessDay('2026-06-01', JUNE_2026)).toBe(false); // holiday
    expect(isBusinessDay('2026-06-02', JUNE_2026)).toBe(true);
  });
});

describe('addBusinessDays', () => {
  it('counts from the day after the start, skipping weekends and holidays', () => {
    // Fri 29 May → Tue 2 Jun (1), Thu 4 (2), Fri 5 (3), 8–12 Jun (4–8), 15–19 Jun (9–13), Mon 22 (14), Tue 23 (15).
    expect(addBusinessDays('2026-05-29', 1, JUNE_2026)).toBe('2026-06-02');
    expect(addBusinessDays('2026-05-29', 2, JUNE_2026)).toBe('2026-06-04');
    expect(addBusinessDays('2026-05-29', 15, JUNE_2026)).toBe('2026-06-23');
    expect(addBusinessDays('2026-05-29', 15, NONE)).toBe('2026-06-19');
  });

  it('returns the start itself for n = 0, whatever day it is', () => {
    expect(addBusinessDays('2026-05-30', 0, JUNE_2026)).toBe('2026-05-30');
  });

  it('rejects negative and non-integer n', () => {
    expect(() => addBusinessDays('2026-05-29', -1, NONE)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-05-29', 1.5, NONE)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-05-29', Number.NaN, NONE)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-05-29', Number.POSITIVE_INFINITY, NONE)).toThrow(RangeError);
  });
});

describe('businessDaysBetween', () => {
  it('counts business days in (from, to]', () => {
    expect(businessDaysBetween('2026-05-29', '2026-06-23', JUNE_2026)).toBe(15);
    expect(businessDaysBetween('2026-05-29', '2026-05-29', JUNE_2026)).toBe(0);
    expect(businessDaysBetween('2026-05-29', '2026-06-01', JUNE_2026)).toBe(0);
    expect(businessDaysBetween('2026-05-28', '2026-05-29', JUNE_2026)).toBe(1);
  });

  it('is negative when to is before from', () => {
    expect(businessDaysBetween('2026-06-23', '2026-05-29', JUNE_2026)).toBe(-15);
  });

  it('ignores holiday entries that are not dates or fall on weekends', () => {
    const odd = new Set(['2026-05-30', 'not a date', '2026-02-30']);
    expect(businessDaysBetween('2026-05-29', '2026-06-05', odd)).toBe(5);
  });

  it('counts years-long spans by arithmetic', () => {
    // 2025 and 2026 both start on a weekday; 2026 has 261 weekdays (Thu 1 Jan … Thu 31 Dec).
    expect(businessDaysBetween('2025-12-31', '2026-12-31', NONE)).toBe(261);
    expect(businessDaysBetween('2025-12-31', '2026-12-31', JUNE_2026)).toBe(259);
  });
});

describe('dueDateForReceipt', () => {
  it('gives 15 business days after a Friday receipt, skipping two holidays', () => {
    expect(dueDateForReceipt(new Date('2026-05-29T03:00:00Z'), 15, JUNE_2026)).toBe('2026-06-23');
  });

  it('uses the Bangkok date of receipt: Friday 20:00 UTC is Saturday in Bangkok', () => {
    const receivedAt = new Date('2026-05-29T20:00:00Z');
    expect(bangkokDate(receivedAt)).toBe('2026-05-30');
    expect(isoWeekday(bangkokDate(receivedAt))).toBe(6);
    // A weekend receipt counts from the next business day (Tue 2 Jun), so the same deadline.
    expect(dueDateForReceipt(receivedAt, 15, JUNE_2026)).toBe('2026-06-23');
    expect(dueDateForReceipt(receivedAt, 1, JUNE_2026)).toBe('2026-06-02');
  });
});

describe('properties', () => {
  const BASE = Date.UTC(2020, 0, 1);
  const isoOf = (offset: number): IsoDate => new Date(BASE + offset * 86_400_000).toISOString().slice(0, 10);
  const date = fc.integer({ min: 0, max: 3650 }).map(isoOf);
  /** Holidays near the dates generated, dense enough to matter. */
  const holidays = fc.uniqueArray(fc.integer({ min: 0, max: 3800 }), { maxLength: 300 }).map((offsets) => new Set(offsets.map(isoOf)));
  const n = fc.integer({ min: 0, max: 120 });

  /** Test-side reference: walk every day. */
  const naiveBetween = (from: IsoDate, to: IsoDate, hs: ReadonlySet<IsoDate>): number => {
    let count = 0;
    for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isBusinessDay(d, hs)) count++;
    return count;
  };

  it('businessDaysBetween(d, addBusinessDays(d, n)) === n', () => {
    fc.assert(fc.property(date, n, holidays, (d, k, hs) => businessDaysBetween(d, addBusinessDays(d, k, hs), hs) === k));
  });

  it('addBusinessDays lands on a business day for n ≥ 1', () => {
    fc.assert(fc.property(date, fc.integer({ min: 1, max: 120 }), holidays, (d, k, hs) => isBusinessDay(addBusinessDays(d, k, hs), hs)));
  });

  it('adding a holiday never makes the result earlier', () => {
    fc.assert(
      fc.property(date, n, holidays, fc.integer({ min: 0, max: 3800 }), (d, k, hs, extra) => {
        const more = new Set(hs).add(isoOf(extra));
        return addBusinessDays(d, k, more) >= addBusinessDays(d, k, hs);
      }),
    );
  });

  it('businessDaysBetween matches a day-by-day count, with short and long spans', () => {
    fc.assert(
      fc.property(date, date, holidays, (a, b, hs) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        return businessDaysBetween(from, to, hs) === naiveBetween(from, to, hs);
      }),
      { numRuns: 200 },
    );
  });

  it('businessDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(date, date, date, holidays, (a, b, c, hs) => {
        const ab = businessDaysBetween(a, b, hs);
        return ab === -businessDaysBetween(b, a, hs) && ab + businessDaysBetween(b, c, hs) === businessDaysBetween(a, c, hs);
      }),
    );
  });
});
