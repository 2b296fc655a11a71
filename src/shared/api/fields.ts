/**
 * zod building blocks of the API contract: text from outside, dates, codes, pages. Pure, so
 * the server's routes and the web app's forms check a field the same way.
 */
import { z } from 'zod';

// Control characters other than tab and line breaks have no place in a complaint, and NUL
// cannot be stored in PostgreSQL text at all.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Free text: trimmed, length-bounded, without control characters. */
export const trimmedText = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine((text) => !CONTROL_CHARACTERS.test(text), 'must not contain control characters');
export const plainText = (max: number) => z.string().max(max).refine((text) => !CONTROL_CHARACTERS.test(text), 'must not contain control characters');

/**
 * The years a date from outside may fall in: wide enough for any record, narrow enough to catch
 * a mistyped year — and within what PostgreSQL takes (it has no year 0; JavaScript writes years
 * past 9999 as +010000, which it refuses).
 */
export const DATE_YEARS = { min: 1900, max: 2200 } as const;
const DATE_YEARS_MESSAGE = `must be a date in the years ${DATE_YEARS.min}–${DATE_YEARS.max}`;
const inDateYears = (year: number): boolean => year >= DATE_YEARS.min && year <= DATE_YEARS.max;

/** A calendar date, YYYY-MM-DD, that exists and is in DATE_YEARS. */
export const calendarDate = () => z.iso.date({ error: 'must be a date written YYYY-MM-DD that exists' }).refine((date) => inDateYears(Number(date.slice(0, 4))), DATE_YEARS_MESSAGE);
/** An instant with its offset (ISO 8601), in DATE_YEARS. */
export const instant = () => z.iso.datetime({ offset: true }).refine((value) => inDateYears(new Date(value).getUTCFullYear()), DATE_YEARS_MESSAGE);
/** A calendar date or an instant (a filter's bound), in DATE_YEARS. */
export const dateOrInstant = () =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })]).refine((value) => inDateYears(new Date(value.length === 10 ? `${value}T12:00:00Z` : value).getUTCFullYear()), DATE_YEARS_MESSAGE);

/**
 * The shortest and longest text a field's schema takes (optional, nullable or defaulted unwrapped): for a
 * form's `maxLength`, counter and check, so the web never writes a bound of its own.
 */
export function textBoundsOf(schema: z.ZodType): { min: number; max: number } {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodString || inner instanceof z.ZodStringFormat)) throw new Error('not a text schema');
  if (inner.maxLength === null) throw new Error('the text has no upper bound');
  return { min: inner.minLength ?? 0, max: inner.maxLength };
}

/** The longest text a field's schema takes: for a form's `maxLength` and counter. */
export function maxLengthOf(schema: z.ZodType): number {
  return textBoundsOf(schema).max;
}

/** A code of the administrative areas: 2 digits a province, 4 a district, 6 a subdistrict. */
export const adminCode = (digits: number) => z.string().regex(new RegExp(`^\\d{${digits}}$`), `must be ${digits} digits`);

/** A query-string flag: "true" or "false". */
export const booleanQuery = () => z.enum(['true', 'false']).transform((value) => value === 'true');

/** A page size of a list query: 1 to `max`, `byDefault` when not given. */
export const pageLimit = (max: number, byDefault: number) => z.coerce.number().int().min(1).max(max).default(byDefault);

/** A list query as a client sends it: the page size a number (the server coerces the query string's text). */
export type ListQuery<S extends z.ZodType> = Omit<z.input<S>, 'limit'> & { limit?: number | undefined };

/** `{ id }` in the path: a resource by its uuid. */
export const IdParamsSchema = z.object({ id: z.uuid() });

/** A keyset page of a list: its items and where the next page starts (null on the last). */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** An agency as other resources name it. */
export const AgencyRefSchema = z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() });
