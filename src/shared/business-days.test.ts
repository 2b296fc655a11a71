import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDays,
  addCalendarDays,
  bangkokDate,
  businessDaysBetween,
  businessDaysUntil,
  businessDaysElapsed,
  DEFAULT_OFFICE_HOURS,
  dueDateForReceipt,
  isBusinessDay,
  isIsoDate,
  isoWeekday,
  isWithinOfficeHours,
  receiptDay,
  toBuddhistEraDate,
} from './business-days.ts';
import type { IsoDate, OfficeHours } from './business-days.ts';

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

/** An instant given as Bangkok wall-clock time. */
const bkk = (local: string): Date => new Date(`${local}+07:00`);

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2026-06-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2023-02-29', '2026-6-1', '01/06/2026', '', '2026-06-01T00:00:00Z', ' 2026-06-01']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });
});

describe('office hours', () => {
  it('default to 08:30–16:30', () => {
    expect(DEFAULT_OFFICE_HOURS).toEqual({ start: '08:30', end: '16:30' });
  });

  it('are open from the opening minute up to, not including, the closing minute on business days', () => {
    expect(isWithinOfficeHours(bkk('2026-05-25T08:29:59'), NONE)).toBe(false);
    expect(isWithinOfficeHours(bkk('2026-05-25T08:30:00'), NONE)).toBe(true);
    expect(isWithinOfficeHours(bkk('2026-05-25T16:29:59'), NONE)).toBe(true);
    expect(isWithinOfficeHours(bkk('2026-05-25T16:30:00'), NONE)).toBe(false);
    expect(isWithinOfficeHours(bkk('2026-05-30T10:00:00'), NONE)).toBe(false); // Saturday
    expect(isWithinOfficeHours(bkk('2026-06-01T10:00:00'), JUNE_2026)).toBe(false); // holiday
    expect(isWithinOfficeHours(bkk('2026-05-25T07:30:00'), NONE, { start: '07:00', end: '15:00' })).toBe(true);
  });

  it('refuse malformed times and a span that does not open before it closes', () => {
    const at = bkk('2026-05-25T10:00:00');
    for (const hours of [
      { start: '8:30', end: '16:30' },
      { start: '08:30', end: '24:00' },
      { start: '08:60', end: '16:30' },
      { start: '16:30', end: '08:30' },
      { start: '08:30', end: '08:30' },
    ] satisfies OfficeHours[]) {
      expect(() => receiptDay(at, NONE, hours), JSON.stringify(hours)).toThrow(RangeError);
    }
    expect(() => receiptDay(new Date('nonsense'), NONE)).toThrow(RangeError);
  });
});

describe('receiptDay', () => {
  it('is the day itself on a business day before closing, opening hours or earlier', () => {
    expect(receiptDay(bkk('2026-05-25T10:00:00'), NONE)).toBe('2026-05-25');
    expect(receiptDay(bkk('2026-05-25T07:00:00'), NONE)).toBe('2026-05-25');
    expect(receiptDay(bkk('2026-05-25T00:00:00'), NONE)).toBe('2026-05-25');
    expect(receiptDay(bkk('2026-05-25T16:29:59'), NONE)).toBe('2026-05-25');
  });

  it('is the next business day from closing time on', () => {
    expect(receiptDay(bkk('2026-05-25T16:30:00'), NONE)).toBe('2026-05-26');
    expect(receiptDay(bkk('2026-05-25T23:59:59'), NONE)).toBe('2026-05-26');
    // Friday evening before the Visakha Bucha substitution Monday: Tuesday.
    expect(receiptDay(bkk('2026-05-29T17:00:00'), JUNE_2026)).toBe('2026-06-02');
  });

  it('is the next business day for a weekend or holiday receipt, whatever the hour', () => {
    expect(receiptDay(bkk('2026-05-30T10:00:00'), NONE)).toBe('2026-06-01');
    expect(receiptDay(bkk('2026-05-30T10:00:00'), JUNE_2026)).toBe('2026-06-02');
    expect(receiptDay(bkk('2026-06-03T09:00:00'), JUNE_2026)).toBe('2026-06-04');
  });

  it('follows configured office hours', () => {
    const early = { start: '07:00', end: '15:00' };
    expect(receiptDay(bkk('2026-05-25T15:30:00'), NONE, early)).toBe('2026-05-26');
    expect(receiptDay(bkk('2026-05-25T15:30:00'), NONE)).toBe('2026-05-25');
  });
});

describe('dueDateForReceipt', () => {
  it('counts day 1 from the business day after the receipt day', () => {
    // Received Monday 10:00 → day 1 is Tuesday; Monday 17:00 → received Tuesday → day 1 is Wednesday.
    expect(dueDateForReceipt(bkk('2026-05-25T10:00:00'), 1, NONE)).toBe('2026-05-26');
    expect(dueDateForReceipt(bkk('2026-05-25T17:00:00'), 1, NONE)).toBe('2026-05-27');
    // N = 0 is the receipt day itself.
    expect(dueDateForReceipt(bkk('2026-05-25T17:00:00'), 0, NONE)).toBe('2026-05-26');
  });

  it('gives 15 business days after a Friday receipt in office hours, skipping two holidays', () => {
    expect(dueDateForReceipt(new Date('2026-05-29T03:00:00Z'), 15, JUNE_2026)).toBe('2026-06-23');
  });

  it('uses the Bangkok clock: Friday 20:00 UTC is Saturday in Bangkok, received the next business day', () => {
    const receivedAt = new Date('2026-05-29T20:00:00Z');
    expect(bangkokDate(receivedAt)).toBe('2026-05-30');
    // Monday 1 June is a holiday: received Tuesday 2 June, day 1 is Thursday 4 June (3 June is off).
    expect(receiptDay(receivedAt, JUNE_2026)).toBe('2026-06-02');
    expect(dueDateForReceipt(receivedAt, 1, JUNE_2026)).toBe('2026-06-04');
    expect(dueDateForReceipt(receivedAt, 15, JUNE_2026)).toBe('2026-06-24');
    // Friday 16:00 in Bangkok (09:00 UTC) is still in office hours.
    expect(dueDateForReceipt(new Date('2026-05-29T09:00:00Z'), 15, JUNE_2026)).toBe('2026-06-23');
  });

  it('rejects a negative or fractional number of days', () => {
    expect(() => dueDateForReceipt(bkk('2026-05-25T10:00:00'), -1, NONE)).toThrow(RangeError);
    expect(() => dueDateForReceipt(bkk('2026-05-25T10:00:00'), 2.5, NONE)).toThrow(RangeError);
  });
});

describe('businessDaysElapsed', () => {
  const received = bkk('2026-05-29T10:00:00'); // Friday, in office hours

  it('is 0 up to the receipt day, then counts each business day from its midnight', () => {
    expect(businessDaysElapsed(received, bkk('2026-05-29T16:00:00'), JUNE_2026)).toBe(0);
    expect(businessDaysElapsed(received, bkk('2026-05-31T12:00:00'), JUNE_2026)).toBe(0);
    expect(businessDaysElapsed(received, bkk('2026-06-01T12:00:00'), JUNE_2026)).toBe(0); // holiday
    expect(businessDaysElapsed(received, bkk('2026-06-02T00:00:00'), JUNE_2026)).toBe(1);
    expect(businessDaysElapsed(received, bkk('2026-06-03T12:00:00'), JUNE_2026)).toBe(1); // holiday
    expect(businessDaysElapsed(received, bkk('2026-06-04T08:00:00'), JUNE_2026)).toBe(2);
    expect(businessDaysElapsed(received, bkk('2026-06-23T12:00:00'), JUNE_2026)).toBe(15);
    expect(businessDaysElapsed(received, bkk('2026-06-24T12:00:00'), JUNE_2026)).toBe(16);
  });

  it('is 0 before a late receipt\'s receipt day and for a clock before the receipt', () => {
    const late = bkk('2026-05-29T18:00:00'); // received Tuesday 2 June
    expect(businessDaysElapsed(late, bkk('2026-05-30T12:00:00'), JUNE_2026)).toBe(0);
    expect(businessDaysElapsed(late, bkk('2026-06-02T12:00:00'), JUNE_2026)).toBe(0);
    expect(businessDaysElapsed(late, bkk('2026-06-04T12:00:00'), JUNE_2026)).toBe(1);
    expect(businessDaysElapsed(late, bkk('2026-05-01T12:00:00'), JUNE_2026)).toBe(0);
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

  /** An instant: a generated date at a generated minute of the Bangkok day. */
  const instantOn = (date: IsoDate, minute: number): Date => new Date(Date.parse(`${date}T00:00:00Z`) - 7 * 3_600_000 + minute * 60_000);
  const minute = fc.integer({ min: 0, max: 24 * 60 - 1 });
  const instant = fc.tuple(date, minute).map(([d, m]) => instantOn(d, m));
  const officeHours = fc
    .tuple(fc.integer({ min: 0, max: 23 * 60 }), fc.integer({ min: 1, max: 12 * 60 }))
    .map(([start, length]): OfficeHours => {
      const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return { start: clock(start), end: clock(Math.min(start + length, 24 * 60 - 1)) };
    })
    .filter((hours) => hours.start < hours.end);

  it('counting back from the deadline at any hour of its day gives N business days', () => {
    fc.assert(
      fc.property(instant, n, holidays, minute, officeHours, (receivedAt, k, hs, m, hours) => {
        const due = dueDateForReceipt(receivedAt, k, hs, hours);
        return businessDaysElapsed(receivedAt, instantOn(due, m), hs, hours) === k;
      }),
    );
  });

  it('a deadline never falls on a weekend or holiday', () => {
    fc.assert(
      fc.property(instant, n, holidays, officeHours, (receivedAt, k, hs, hours) => {
        const due = dueDateForReceipt(receivedAt, k, hs, hours);
        return isoWeekday(due) <= 5 && !hs.has(due);
      }),
    );
  });

  it('adding a holiday never makes a deadline earlier', () => {
    fc.assert(
      fc.property(instant, n, holidays, fc.integer({ min: 0, max: 3800 }), (receivedAt, k, hs, extra) => {
        const more = new Set(hs).add(isoOf(extra));
        return dueDateForReceipt(receivedAt, k, more) >= dueDateForReceipt(receivedAt, k, hs);
      }),
    );
  });

  it('a receipt after office hours never gives an earlier deadline than the same day before hours', () => {
    fc.assert(
      fc.property(date, n, holidays, officeHours, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (d, k, hs, hours, a, b) => {
        const [sh, sm] = hours.start.split(':').map(Number) as [number, number];
        const [eh, em] = hours.end.split(':').map(Number) as [number, number];
        const before = instantOn(d, Math.floor(a * (sh * 60 + sm)));
        const after = instantOn(d, eh * 60 + em + Math.floor(b * (24 * 60 - 1 - (eh * 60 + em))));
        return dueDateForReceipt(after, k, hs, hours) >= dueDateForReceipt(before, k, hs, hours);
      }),
    );
  });

  it('a later receipt never gives an earlier deadline', () => {
    fc.assert(
      fc.property(instant, instant, n, holidays, (x, y, k, hs) => {
        const [first, second] = x <= y ? [x, y] : [y, x];
        return dueDateForReceipt(second, k, hs) >= dueDateForReceipt(first, k, hs);
      }),
    );
  });

  it('the receipt day is a business day, never before the Bangkok date, and the day itself only before closing', () => {
    fc.assert(
      fc.property(instant, holidays, (receivedAt, hs) => {
        const day = bangkokDate(receivedAt);
        const received = receiptDay(receivedAt, hs);
        const local = new Date(receivedAt.getTime() + 7 * 3_600_000);
        const beforeClosing = local.getUTCHours() * 60 + local.getUTCMinutes() < 16 * 60 + 30;
        const sameDay = beforeClosing && isBusinessDay(day, hs);
        return isBusinessDay(received, hs) && received >= day && (received === day) === sameDay && businessDaysBetween(day, received, hs) <= 1;
      }),
    );
  });

  it('elapsed business days never go down as time goes on', () => {
    fc.assert(
      fc.property(instant, instant, instant, holidays, (receivedAt, x, y, hs) => {
        const [earlier, later] = x <= y ? [x, y] : [y, x];
        return businessDaysElapsed(receivedAt, earlier, hs) <= businessDaysElapsed(receivedAt, later, hs);
      }),
    );
  });
});

describe('businessDaysUntil', () => {
  it('gives every day of the span the business days businessDaysBetween gives it, in one pass', () => {
    const ages = businessDaysUntil('2026-05-01', '2026-06-23', JUNE_2026);
    for (let day = '2026-05-01'; day <= '2026-06-23'; day = addCalendarDays(day, 1)) {
      expect(ages.get(day), day).toBe(businessDaysBetween(day, '2026-06-23', JUNE_2026));
    }
    expect(ages.get('2026-04-30')).toBeUndefined();
    expect(ages.get('2026-06-24')).toBeUndefined();
  });
});
