/** SLA policies (กรอบเวลาดำเนินการ) and the holiday calendar (ปฏิทินวันหยุดราชการ). */
import { z } from 'zod';
import { calendarDate, DATE_YEARS, plainText, trimmedText } from './fields.ts';

export const PolicySchema = z.object({
  id: z.string(),
  categoryCode: z.string().nullable(),
  agencyCode: z.string().nullable(),
  targetBusinessDays: z.number(),
  dueSoonBusinessDays: z.number(),
  progressIntervalBusinessDays: z.number(),
  statutoryBusinessDays: z.number().nullable(),
  legalBasis: z.string().nullable(),
  extensionLimitBusinessDays: z.number(),
  cceoEscalationBusinessDays: z.number(),
});
export type SlaPolicy = z.output<typeof PolicySchema>;

export const PolicyListSchema = z.object({ items: z.array(PolicySchema) });

/** The bounds of each number of a policy. */
export const SLA_LIMITS = {
  targetBusinessDays: { min: 1, max: 365 },
  dueSoonBusinessDays: { min: 0, max: 60 },
  progressIntervalBusinessDays: { min: 1, max: 60 },
  statutoryBusinessDays: { min: 1, max: 730 },
  extensionLimitBusinessDays: { min: 0, max: 365 },
  cceoEscalationBusinessDays: { min: 0, max: 60 },
} as const;
const days = (name: keyof typeof SLA_LIMITS) => z.number().int().min(SLA_LIMITS[name].min).max(SLA_LIMITS[name].max);

/** PUT /api/v1/sla-policies: a (category, agency) scope, null meaning any, and its numbers. */
export const PolicyBodySchema = z
  .object({
    categoryCode: trimmedText(1, 64).nullable().default(null),
    agencyCode: trimmedText(1, 64).nullable().default(null),
    targetBusinessDays: days('targetBusinessDays'),
    dueSoonBusinessDays: days('dueSoonBusinessDays').default(3),
    progressIntervalBusinessDays: days('progressIntervalBusinessDays').default(7),
    statutoryBusinessDays: days('statutoryBusinessDays').nullable().default(null),
    legalBasis: trimmedText(3, 300).nullable().default(null),
    extensionLimitBusinessDays: days('extensionLimitBusinessDays').default(15),
    cceoEscalationBusinessDays: days('cceoEscalationBusinessDays').default(5),
  })
  .strict()
  .refine((body) => body.statutoryBusinessDays === null || body.statutoryBusinessDays >= body.targetBusinessDays, {
    message: 'a statutory deadline cannot be shorter than the target',
    path: ['statutoryBusinessDays'],
  })
  .refine((body) => body.dueSoonBusinessDays < body.targetBusinessDays, { message: 'must be less than the target', path: ['dueSoonBusinessDays'] });
export type SlaPolicyBody = z.input<typeof PolicyBodySchema>;

/** The date of a day off: 'YYYY-MM-DD', a date that exists, in the years of any date from outside. */
export const HolidayDateSchema = calendarDate();

/** Thai letters: a holiday's name must have some. */
export const THAI_LETTER = /[\u0E01-\u0E5B]/;

/** The name of a day off, in Thai as the official calendar gives it (e.g. ชดเชยวันวิสาขบูชา). */
export const HolidayNameSchema = trimmedText(1, 200).refine((name) => THAI_LETTER.test(name), 'must be the Thai name of the day');

export const HolidaySchema = z.object({
  id: z.uuid(),
  date: z.string().describe('YYYY-MM-DD'),
  name: z.string(),
  agencyCode: z.string().nullable().describe('The agency whose local day it is (it applies to the agencies below it too); null for the national calendar'),
});
export type Holiday = z.output<typeof HolidaySchema>;

/** GET /api/v1/holidays */
export const HolidayListQuerySchema = z
  .object({
    year: z.coerce.number().int().min(DATE_YEARS.min).max(DATE_YEARS.max).optional().describe('Gregorian year; the current year in Bangkok by default'),
    agencyCode: plainText(64)
      .transform((code) => code.trim() || undefined)
      .optional()
      .describe("An agency's calendar: national days plus the local days of the agency and those above it; the national calendar alone without"),
  })
  .strict();

export const HolidayListSchema = z.object({ year: z.number(), agencyCode: z.string().nullable(), items: z.array(HolidaySchema) });
export type HolidayList = z.output<typeof HolidayListSchema>;

/** POST /api/v1/holidays */
export const NewHolidaySchema = z
  .object({
    date: HolidayDateSchema,
    name: HolidayNameSchema,
    agencyCode: trimmedText(1, 64).optional().describe('A local day of this agency and those below it; a national day without'),
  })
  .strict();
export type NewHoliday = z.input<typeof NewHolidaySchema>;
