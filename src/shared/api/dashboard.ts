/**
 * The executive's dashboard (แดชบอร์ดผู้บริหาร): GET /api/v1/dashboard and its CSV, for a
 * supervisor or the agency's CCEO (ผู้บริหารระดับสูงด้านการจัดการเรื่องร้องเรียน) over their
 * agency subtree. Figures come from the rollups kept as cases change: a case counts where it is
 * held now.
 */
import { z } from 'zod';
import { CASE_STATUSES, CHANNELS } from '../case-model.ts';
import { PERIOD_PATTERN } from '../dashboard-period.ts';
import { adminCode, AgencyRefSchema, calendarDate, plainText } from './fields.ts';

/** The longest custom period, in days (three years). */
export const MAX_CUSTOM_DAYS = 1096;

/** GET /api/v1/dashboard (and /api/v1/dashboard.csv) */
export const DashboardQuerySchema = z
  .object({
    period: z
      .string()
      .regex(PERIOD_PATTERN, 'must be fyYYYY, qN-YYYY or YYYY-MM in the Buddhist era, or custom')
      .optional()
      .describe('fy2569 (1 Oct 2025 – 30 Sep 2026), q1-2569 (its October–December), 2569-10 (October 2569) or custom with from and to; the current fiscal year by default'),
    from: calendarDate().optional(),
    to: calendarDate().optional(),
    agency: plainText(64).optional().describe('The code of an agency of your subtree to count over (drill-down); your own by default'),
    category: plainText(64).refine((code) => code.length > 0, 'must not be empty').optional(),
    channel: z.enum(CHANNELS).optional(),
    province: adminCode(2).optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    const custom = query.period === 'custom';
    for (const field of ['from', 'to'] as const) {
      if (custom && query[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'required for a custom period' });
      if (!custom && query[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'only with a custom period' });
    }
    if (custom && query.from && query.to) {
      const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
      if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
      else if (days >= MAX_CUSTOM_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be within three years of from' });
    }
  });
export type DashboardQuery = z.output<typeof DashboardQuerySchema>;

const count = z.number().int();
/** A share from 0 to 1; null when there is nothing to divide by. */
const share = z.number().min(0).max(1).nullable();

/** A figure of the period and of the period before it. */
const TrendSchema = z.object({ current: count, previous: count });

/** Cases received and contacts, by one dimension, this period and the one before. */
export const BreakdownItemSchema = z.object({
  /** The channel, category or province code, the agency's code; null: none given (no category, no place). */
  key: z.string().nullable(),
  nameTh: z.string().nullable(),
  cases: TrendSchema,
  contacts: TrendSchema,
});
export type BreakdownItem = z.infer<typeof BreakdownItemSchema>;

/** An open case past its due date, without personal data (open it for more). */
export const OverdueCaseSchema = z.object({
  id: z.uuid(),
  trackingCode: z.string(),
  status: z.enum(CASE_STATUSES),
  agency: AgencyRefSchema,
  categoryCode: z.string().nullable(),
  channel: z.enum(CHANNELS),
  receivedAt: z.string(),
  dueDate: z.string(),
});

/**
 * Cases and contacts received on a day or in a month (`slot`: the day, or the month's first day);
 * null for a slot that has not begun yet (a chart leaves it out rather than drawing a fall to zero).
 */
const SeriesPointSchema = z.object({ slot: z.string(), cases: count.nullable(), contacts: count.nullable() });

/** A surge (ปริมาณเรื่องพุ่งสูงผิดปกติ) detected by the dashboard's watch. */
export const SurgeSchema = z.object({
  id: z.uuid(),
  dimension: z.enum(['category', 'district']),
  key: z.string(),
  nameTh: z.string().nullable(),
  /** The agency whose subtree was watched. */
  agency: AgencyRefSchema,
  /** The seven days counted, both included. */
  weekFrom: z.string(),
  weekTo: z.string(),
  count,
  /** The weekly average of the weeks before. */
  baseline: z.number(),
  detectedAt: z.string(),
});
export type Surge = z.infer<typeof SurgeSchema>;

export const AGE_BUCKETS = [
  { fromDays: 0, toDays: 5 },
  { fromDays: 6, toDays: 10 },
  { fromDays: 11, toDays: 15 },
  { fromDays: 16, toDays: 30 },
  { fromDays: 31, toDays: 60 },
  { fromDays: 61, toDays: null },
] as const;

export const DashboardSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), previousFrom: z.string(), previousTo: z.string() }),
  agency: AgencyRefSchema,
  received: z.object({
    cases: TrendSchema,
    contacts: TrendSchema,
    byChannel: z.array(BreakdownItemSchema),
    byCategory: z.array(BreakdownItemSchema),
    /** By the agency's children: each counts its own subtree; the agency itself under its own code. */
    byAgency: z.array(BreakdownItemSchema),
    byProvince: z.array(BreakdownItemSchema),
    /** The province whose districts `byDistrict` lists: the one filtered on, else Bangkok (10). */
    districtsOf: z.string(),
    /** By district (เขต / อำเภอ) of that province, for its map. */
    byDistrict: z.array(BreakdownItemSchema),
    /** Received over time, by day for a period of up to 62 days, else by month; the period before beside it. */
    series: z.object({
      grain: z.enum(['day', 'month']),
      current: z.array(SeriesPointSchema),
      previous: z.array(SeriesPointSchema),
    }),
  }),
  /** Categories and districts whose complaints in seven days ran far above their own weekly baseline, detected in the last 14 days. */
  surges: z.array(SurgeSchema),
  backlog: z.object({
    open: count,
    byStatus: z.array(z.object({ status: z.enum(CASE_STATUSES), count })),
    /** Business days since the day received (national calendar). */
    byAge: z.array(z.object({ fromDays: count, toDays: count.nullable(), count })),
  }),
  overdue: z.object({ count, cases: z.array(OverdueCaseSchema).describe('The longest overdue first, at most 20') }),
  sla: z.object({
    /** Cases resolved in the period, by their due date. */
    met: count,
    missed: count,
    compliance: share,
    medianBusinessDays: count.nullable(),
    p90BusinessDays: count.nullable(),
  }),
  extensions: count,
  pauses: count.describe('Requests for information to the complainant (the clock stops)'),
  rejected: count,
  merged: count,
  satisfaction: z.object({
    responses: count,
    average: z.number().nullable(),
    /** Ratings 1 to 5. */
    distribution: z.array(count).length(5),
    /** Ratings given in the period per case resolved in it (a rating may follow a resolution of the period before). */
    responseRate: z.number().min(0).nullable(),
    reopened: count,
    /** Reopenings in the period per case resolved in it. */
    reopenRate: z.number().min(0).nullable(),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
