/**
 * Business-day arithmetic for deadlines (Asia/Bangkok). Pure: the holiday calendar is
 * passed in, since Thai public holidays, substitution days and days declared by cabinet
 * change every year and are edited by administrators.
 *
 * Dates are calendar dates as ISO strings ('YYYY-MM-DD'). Arithmetic is done on UTC
 * midnight of the date (Date.UTC), so the server's local time zone never shifts a day.
 * Instants (a complaint's receipt, now) are read on the Bangkok clock, and a complaint that
 * arrives after office hours counts as received on the next business day.
 */

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

/**
 * Thailand has used UTC+7 all year since 1920 and observes no daylight saving, so a fixed
 * offset gives the same answer as Intl with 'Asia/Bangkok', at a fraction of the cost
 * (reports compute this for millions of rows).
 */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of UTC midnight of an ISO date, or null for a malformed or impossible date. */
function parseIsoDate(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear rather than Date.UTC, which maps years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  // Out-of-range parts roll over (2026-02-30 becomes 2026-03-02): reject instead.
  const exact = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  return exact ? d.getTime() : null;
}

/** Milliseconds of UTC midnight of an ISO date; throws RangeError for a malformed or impossible date. */
function toUtcMs(date: IsoDate): number {
  const ms = parseIsoDate(date);
  if (ms === null) throw new RangeError(`Not a valid ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return ms;
}

/** The ISO date of UTC midnight `ms` (the UTC date of any instant that day). */
function fromUtcMs(ms: number): IsoDate {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!Number.isFinite(ms) || year < 0 || year > 9999) {
    throw new RangeError('Date is outside the years 0000–9999');
  }
  return `${String(year).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The calendar date in Bangkok (UTC+7) at the given instant. */
export function bangkokDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return fromUtcMs(ms + BANGKOK_OFFSET_MS);
}

/** The ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return weekdayOfMs(toUtcMs(date));
}

function weekdayOfMs(ms: number): number {
  const day = new Date(ms).getUTCDay(); // 0 = Sunday
  return day === 0 ? 7 : day;
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whether a date is a working day: Monday to Friday and not in `holidays`. */
export function isBusinessDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  return isoWeekday(date) <= 5 && !holidays.has(date);
}

/**
 * The `n`-th business day strictly after `start`; `start` itself when n = 0 (whatever day
 * it is). Throws RangeError unless n is a non-negative integer.
 */
export function addBusinessDays(start: IsoDate, n: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  let ms = toUtcMs(start);
  let remaining = n;
  while (remaining > 0) {
    ms += DAY_MS;
    const date = fromUtcMs(ms);
    if (weekdayOfMs(ms) <= 5 && !holidays.has(date)) remaining--;
  }
  return fromUtcMs(ms);
}

/**
 * The number of business days in (from, to]: the days after `from` up to and including
 * `to`, so `businessDaysBetween(d, addBusinessDays(d, n)) === n`. Negative when `to` is
 * before `from` (minus the count over (to, from]).
 */
export function businessDaysBetween(from: IsoDate, to: IsoDate, holidays: ReadonlySet<IsoDate>): number {
  const fromMs = toUtcMs(from);
  const toMs = toUtcMs(to);
  if (toMs < fromMs) return -businessDaysBetween(to, from, holidays);
  const days = Math.round((toMs - fromMs) / DAY_MS);
  // Deadlines span days to weeks, statistics over old cases span years, and a calendar
  // holds a few hundred holidays: walk whichever of the two is shorter.
  return days <= holidays.size
    ? countByWalking(fromMs, toMs, holidays)
    : countByArithmetic(fromMs, toMs, days, holidays);
}

/** Business days in (fromMs, toMs] by looking at each day. */
function countByWalking(fromMs: number, toMs: number, holidays: ReadonlySet<IsoDate>): number {
  let count = 0;
  for (let ms = fromMs + DAY_MS; ms <= toMs; ms += DAY_MS) {
    if (weekdayOfMs(ms) <= 5 && !holidays.has(fromUtcMs(ms))) count++;
  }
  return count;
}

/** Business days in (fromMs, toMs]: weekdays counted per whole week, minus holidays on weekdays. */
function countByArithmetic(fromMs: number, toMs: number, days: number, holidays: ReadonlySet<IsoDate>): number {
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let ms = fromMs + (weeks * 7 + 1) * DAY_MS; ms <= toMs; ms += DAY_MS) {
    if (weekdayOfMs(ms) <= 5) count++;
  }
  for (const holiday of holidays) {
    // Entries that are not real dates can never match a day, as in isBusinessDay.
    const ms = parseIsoDate(holiday);
    if (ms !== null && ms > fromMs && ms <= toMs && weekdayOfMs(ms) <= 5) count--;
  }
  return count;
}

/** Whether `value` is a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
/**
 * Business days from each day of first..today up to `today` (as businessDaysBetween(day, today)
 * gives them), worked out in one pass over the days: for many ages on one calendar, such as
 * a backlog of thousands of open cases. Days outside the span are undefined.
 */
export function businessDaysUntil(first: IsoDate, today: IsoDate, holidays: ReadonlySet<IsoDate>): Map<IsoDate, number> {
  const ages = new Map<IsoDate, number>();
  let count = 0;
  for (let day = today; day >= first; day = addCalendarDays(day, -1)) {
    ages.set(day, count);
    // The day itself counts for the days before it: (day - 1, today] holds it.
    if (isBusinessDay(day, holidays)) count += 1;
  }
  return ages;
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

/** The opening hours of a government office, in Bangkok time ('HH:MM', 24-hour clock). */
export interface OfficeHours {
  /** Opening time, e.g. '08:30'. */
  start: string;
  /** Closing time, e.g. '16:30': a receipt at this minute or later is after hours. */
  end: string;
}

/** เวลาราชการ: Thai government offices are open 08:30–16:30. */
export const DEFAULT_OFFICE_HOURS: Readonly<OfficeHours> = Object.freeze({ start: '08:30', end: '16:30' });

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Opening and closing as minutes after midnight; throws RangeError for a malformed or empty span. */
function officeMinutes(hours: OfficeHours): { start: number; end: number } {
  const minutes = (field: 'start' | 'end'): number => {
    const match = CLOCK_TIME.exec(hours[field]);
    if (match === null) throw new RangeError(`office hours ${field} must be HH:MM (00:00–23:59), got ${JSON.stringify(hours[field])}`);
    return Number(match[1]) * 60 + Number(match[2]);
  };
  const start = minutes('start');
  const end = minutes('end');
  if (start >= end) throw new RangeError(`office hours must open before they close, got ${hours.start}–${hours.end}`);
  return { start, end };
}

/** Minutes after midnight, Bangkok time, of an instant. */
function bangkokMinuteOfDay(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  const intoDay = (((ms + BANGKOK_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(intoDay / 60_000);
}

/** Whether the office is open at `instant`: a business day in Bangkok, between opening and closing. */
export function isWithinOfficeHours(instant: Date, holidays: ReadonlySet<IsoDate>, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): boolean {
  const { start, end } = officeMinutes(officeHours);
  const minute = bangkokMinuteOfDay(instant);
  return minute >= start && minute < end && isBusinessDay(bangkokDate(instant), holidays);
}

/**
 * วันที่รับเรื่อง: the business day on which a complaint received at `receivedAt` counts as
 * received, and from which its deadline is counted.
 *
 * - On a business day before closing time (during office hours, or before the office opens:
 *   the office takes it in when it opens), it is that day.
 * - At or after closing time, or on a weekend or holiday, it is the next business day.
 *
 * The receipt day itself is never one of the days counted: a deadline of N business days is
 * the N-th business day after the receipt day ({@link dueDateForReceipt}). Received Monday
 * 10:00 → receipt day Monday → day 1 is Tuesday. Received Monday 17:00 → receipt day
 * Tuesday → day 1 is Wednesday. Received Saturday → receipt day Monday → day 1 is Tuesday.
 */
export function receiptDay(receivedAt: Date, holidays: ReadonlySet<IsoDate>, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): IsoDate {
  const { end } = officeMinutes(officeHours);
  const day = bangkokDate(receivedAt);
  const afterHours = bangkokMinuteOfDay(receivedAt) >= end;
  // The first business day strictly after the eve of `day` is the first one on or after `day`.
  return addBusinessDays(afterHours ? day : addCalendarDays(day, -1), 1, holidays);
}

/**
 * The deadline for a case received at `receivedAt`: the `businessDays`-th business day after
 * its {@link receiptDay}. The case is due by the end of that day; it is late from the next
 * calendar day on.
 */
export function dueDateForReceipt(
  receivedAt: Date,
  businessDays: number,
  holidays: ReadonlySet<IsoDate>,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): IsoDate {
  return addBusinessDays(receiptDay(receivedAt, holidays, officeHours), businessDays, holidays);
}

/**
 * How many business days of the count have begun by `now` (each from Bangkok midnight): 0 up
 * to and including the receipt day, k from the k-th business day after it, staying k over the
 * weekends and holidays that follow. On the due date of an N-day deadline it is N, so the
 * business days left are N minus this; above N the case is late.
 */
export function businessDaysElapsed(
  receivedAt: Date,
  now: Date,
  holidays: ReadonlySet<IsoDate>,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): number {
  const start = receiptDay(receivedAt, holidays, officeHours);
  return Math.max(0, businessDaysBetween(start, bangkokDate(now), holidays));
}

const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
] as const;

/**
 * A date as Thai readers expect it in letters and notices: day, full Thai month name and
 * Buddhist-era year (พ.ศ. = Gregorian + 543), e.g. '2026-06-12' → '12 มิถุนายน 2569'.
 */
export function toBuddhistEraDate(date: IsoDate): string {
  const d = new Date(toUtcMs(date));
  return `${d.getUTCDate()} ${THAI_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear() + 543}`;
}
