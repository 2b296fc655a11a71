/** Acting on cases: the body each staff action takes, and the bulk actions of the inbox. */
import { z } from 'zod';
import { CASE_STATUSES, CHANNELS, RESOLUTION_RESULTS, type CaseAction } from '../case-model.ts';
import { calendarDate, trimmedText } from './fields.ts';

const reason = trimmedText(3, 2000);
const message = trimmedText(1, 5000);
const agencyCode = trimmedText(1, 64);

/** How many business days one extension may add (ขยายเวลา), when given as a number of days. */
export const EXTENSION_BUSINESS_DAYS = { min: 1, max: 365 } as const;

/**
 * To an agency a partner system serves whose agreement shares identity in full: the officer
 * confirms that a confidential or sensitive case's complainant may be named to it (otherwise
 * no identity leaves). Without meaning elsewhere.
 */
const shareIdentity = z.boolean().optional().describe("Confirm that a confidential or sensitive case's identity may go to the partner system (agreement `full` only)");

/** The body each action takes (POST /api/v1/cases/{id}/actions/{action}). */
export const ACTION_BODY_SCHEMAS = {
  // Screening and assigning may set the category: where it differs from triage's, a correction is recorded.
  screen: z.object({ note: trimmedText(1, 2000).optional(), categoryCode: trimmedText(1, 64).optional() }).strict(),
  assign: z.object({ agencyCode, reason: trimmedText(1, 2000).optional(), categoryCode: trimmedText(1, 64).optional(), shareIdentity }).strict(),
  accept: z.object({}).strict(),
  return: z.object({ reason }).strict(),
  forward: z.object({ agencyCode, reason: trimmedText(1, 2000).optional(), shareIdentity }).strict(),
  note: z.object({ message }).strict(),
  reply: z.object({ message }).strict(),
  'request-info': z.object({ message }).strict(),
  resolve: z.object({ result: z.enum(RESOLUTION_RESULTS), message }).strict(),
  // Required while the citizen's confirmation window is open (see closeRequiresReason on the case).
  close: z.object({ reason: reason.optional() }).strict(),
  reopen: z.object({ reason }).strict(),
  reject: z.object({ reason }).strict(),
  merge: z.object({ intoCaseId: z.uuid() }).strict(),
  // เร่งรัด: the follower's message to the holding agency.
  'follow-up': z.object({ message: trimmedText(1, 2000) }).strict(),
  contact: z.object({ channel: z.enum(CHANNELS), message: trimmedText(1, 5000).optional() }).strict(),
  extend: z
    .object({
      newDueDate: calendarDate().optional(),
      businessDays: z.number().int().min(EXTENSION_BUSINESS_DAYS.min).max(EXTENSION_BUSINESS_DAYS.max).optional(),
      reason: trimmedText(5, 2000),
    })
    .strict()
    .refine((body) => (body.newDueDate === undefined) !== (body.businessDays === undefined), {
      message: 'give either newDueDate or businessDays',
      path: ['newDueDate'],
    }),
} as const satisfies Record<CaseAction, z.ZodType>;
/** The body of each action, as the server reads it (defaults applied). */
export type ActionBodies = { [K in keyof typeof ACTION_BODY_SCHEMAS]: z.output<(typeof ACTION_BODY_SCHEMAS)[K]> };
/** The body of an action, as a client sends it. */
export type ActionBody<A extends CaseAction> = z.input<(typeof ACTION_BODY_SCHEMAS)[A]>;

/** What an action answers: the case's status after it. */
export const ActionResultSchema = z.object({ id: z.string(), status: z.enum(CASE_STATUSES) });
export type ActionResult = z.output<typeof ActionResultSchema>;

/** The actions the inbox takes on many cases at once. */
export const BULK_ACTIONS = ['assign', 'forward', 'close'] as const satisfies readonly CaseAction[];
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BulkParamsSchema = z.object({ action: z.enum(BULK_ACTIONS) });

/** POST /api/v1/cases/bulk/{action} */
export const BulkBodySchema = z
  .object({
    caseIds: z
      .array(z.uuid())
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'must not repeat a case'),
    reason: trimmedText(3, 2000).describe('The hand-over reason (assign, forward) or the closing reason (close), for every case'),
    agencyCode: trimmedText(1, 64).optional().describe('Required for assign and forward; not taken by close'),
  })
  .strict();
export type BulkBody = z.input<typeof BulkBodySchema>;

const BulkErrorSchema = z.object({ code: z.string(), message: z.string(), messageTh: z.string() });
/** One case's outcome: its new status, or why it was not acted on. */
export const BulkResultSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.string(), ok: z.literal(true), status: z.enum(CASE_STATUSES) }),
  z.object({ id: z.string(), ok: z.literal(false), error: BulkErrorSchema }),
]);
export type BulkResult = z.output<typeof BulkResultSchema>;

/** Each case's outcome in the order given, and the counts. */
export const BulkResponseSchema = z.object({ results: z.array(BulkResultSchema), succeeded: z.number(), failed: z.number() });
export type BulkResponse = z.output<typeof BulkResponseSchema>;
