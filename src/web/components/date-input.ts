/**
 * Dates typed by people: day/month/year, the year in the Buddhist era (พ.ศ.) in Thai and in the
 * Gregorian era in English, to and from the ISO date (YYYY-MM-DD) the API takes. Browsers'
 * own date inputs show mm/dd/yyyy in the Gregorian era whatever the page's language, which
 * Thai offices do not read; these functions back DateField instead. Pure, so unit tested.
 */
import { toArabicDigits } from '../../shared/thai-text.ts';

export type DateEra = 'buddhist' | 'gregorian';

/** พ.ศ. = ค.ศ. + 543. */
export const BUDDHIST_ERA_OFFSET = 543;
/** The Gregorian years a date may fall in (as the holiday calendar takes them). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;

/** A value a date field hands its form when its text is not a date: not ISO, so every check refuses it. */
export const INVALID_DATE = 'invalid-date';

/** The era people write in `language`. */
export function eraOf(language: string): DateEra {
  return language === 'th' ? 'buddhist' : 'gregorian';
}

/** `2026-12-06` → "6/12/2569" (Buddhist) or "6/12/2026"; '' for anything that is not an ISO date. */
export function formatDateInput(iso: string, era: DateEra): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return '';
  const [, year, month, day] = match;
  return `${Number(day)}/${Number(month)}/${Number(year) + (era === 'buddhist' ? BUDDHIST_ERA_OFFSET : 0)}`;
}

/** Why a text is not a date: the shape, a day the month does not have, the era, or a year out of range. */
export type DateProblem = 'format' | 'day' | 'era' | 'range';

export type ParsedDate = { ok: true; iso: string } | { ok: false; problem: DateProblem };

const DAY_MONTH_YEAR = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * The ISO date of a typed date: day/month/year with `/`, `.`, `-` or spaces between, Thai or
 * Arabic digits, the year in `era` (a Buddhist year typed in English, or a Gregorian one in
 * Thai, is refused as `era` rather than read 543 years off). An ISO date (year first) is taken
 * as it is in either era. Empty text is the empty value ('').
 */
export function parseDateInput(text: string, era: DateEra): ParsedDate {
  const typed = toArabicDigits(text).trim();
  if (!typed) return { ok: true, iso: '' };
  const iso = ISO.exec(typed);
  if (iso) return dateOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const match = DAY_MONTH_YEAR.exec(typed);
  if (!match) return { ok: false, problem: 'format' };
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // 543 years apart, the eras do not overlap within the years a date may name (1900–2200 and 2443–2743).
  const buddhist = year > LAST_YEAR;
  if (buddhist !== (era === 'buddhist')) return { ok: false, problem: 'era' };
  return dateOf(era === 'buddhist' ? year - BUDDHIST_ERA_OFFSET : year, month, day);
}

function dateOf(year: number, month: number, day: number): ParsedDate {
  if (year < FIRST_YEAR || year > LAST_YEAR) return { ok: false, problem: 'range' };
  if (month < 1 || month > 12 || day < 1) return { ok: false, problem: 'day' };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return { ok: false, problem: 'day' };
  return { ok: true, iso: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/**
 * A time of day typed as people write it in Thailand, 24-hour: "14:05", "14.05" or "9.30" (น.
 * may follow), Thai digits too → "14:05"; '' for empty text; undefined when it is not a time.
 */
export function parseTimeInput(text: string): string | undefined {
  const typed = toArabicDigits(text).trim().replace(/\s*น\.?$/, '');
  if (!typed) return '';
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(typed);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Whether a form value is an ISO date (not '' nor INVALID_DATE). */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
