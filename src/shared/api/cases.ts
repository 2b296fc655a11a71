/** The staff case API: the list and its filters, a case in full, intake, identity reveals, a new access key. */
import { z } from 'zod';
import { CASE_STATUSES, CHANNELS, RESOLUTION_RESULTS, SLA_STATES } from '../case-model.ts';
import { StaffAttachmentSchema } from './attachments.ts';
import { complaintFields, ConfirmationWindowSchema } from './complaints.ts';
import { adminCode, AgencyRefSchema, booleanQuery, dateOrInstant, instant, pageLimit, pageOf, plainText, trimmedText } from './fields.ts';

/** `{ id }` of a case in the path. */
export const CaseParamsSchema = z.object({ id: z.uuid() });

/** POST /api/v1/cases — staff record a complaint taken by phone, at a counter, by post… */
export const StaffIntakeSchema = z
  .object({
    ...complaintFields,
    channel: z.enum(CHANNELS),
    agencyChannelId: z.uuid().optional().describe("Which of the receiving agency's channels took it in (GET /api/v1/agencies/{code}/channels): an active one of the case's channel kind"),
    receivedAt: instant().optional(),
  })
  .strict();
export type StaffIntake = z.output<typeof StaffIntakeSchema>;

/** A comma-separated list of query-string values, each one of `values`. */
const commaList = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()))
    .pipe(z.array(z.enum(values)).min(1));
const dateOrDateTime = dateOrInstant();

/** The orders of the case list: newest or oldest received first, or the earliest due date first. */
export const CASE_SORTS = ['newest', 'oldest', 'due'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** GET /api/v1/cases */
export const CaseListQuerySchema = z
  .object({
    status: commaList(CASE_STATUSES).optional(),
    categoryCode: plainText(64).optional(),
    agencyCode: plainText(64).optional(),
    channel: z.enum(CHANNELS).optional(),
    provinceCode: adminCode(2).optional(),
    overdue: booleanQuery().optional(),
    following: booleanQuery()
      .optional()
      .describe('true: เรื่องที่ส่งต่อ / ติดตาม, the cases the user\'s agency or one below it sent on, held by another agency now'),
    sla: commaList(SLA_STATES).optional(),
    q: trimmedText(1, 200).optional(),
    from: dateOrDateTime.optional(),
    to: dateOrDateTime.optional(),
    phone: plainText(30).optional().describe('Cases of the complainant with this phone number (audited; confidential cases only for the receiving agency)'),
    nationalId: plainText(30).optional().describe('Cases of the complainant with this national ID (audited, as phone)'),
    sort: z.enum(CASE_SORTS).default('newest').describe('newest or oldest received first, or due: the earliest due date first'),
    cursor: z.string().max(200).optional(),
    limit: pageLimit(100, 25),
  })
  .strict();
export type CaseListQuery = z.output<typeof CaseListQuerySchema>;
/** The filters of the list, without paging: the export's query, and what a saved filter keeps. */
export const CaseFilterSchema = CaseListQuerySchema.omit({ cursor: true, limit: true });

export const CaseListItemSchema = z.object({
  id: z.string(),
  trackingCode: z.string(),
  status: z.enum(CASE_STATUSES),
  channel: z.enum(CHANNELS),
  title: z.string().nullable(),
  summary: z.string().describe('The start of the description, personal data redacted'),
  categoryCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  holder: AgencyRefSchema,
  receivedAt: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  slaState: z.enum(SLA_STATES),
  confidential: z.boolean(),
  sensitive: z.boolean(),
});
export type CaseListItem = z.output<typeof CaseListItemSchema>;

export const CaseListSchema = pageOf(CaseListItemSchema);
export type CaseList = z.output<typeof CaseListSchema>;

export const CaseEventSchema = z.object({
  id: z.string(),
  seq: z.number(),
  at: z.string(),
  type: z.string(),
  visibility: z.enum(['public', 'internal']),
  actor: z
    .object({
      username: z.string().nullable(),
      displayName: z.string().nullable().describe("The person's name as the console shows it; null for the system or the citizen"),
      agencyCode: z.string().nullable(),
      agencyNameTh: z.string().nullable(),
      agencyNameEn: z.string().nullable(),
    })
    .describe('Who acted: a staff member and their agency (null fields for the system, triage or the citizen)'),
  statusBefore: z.string().nullable(),
  statusAfter: z.string().nullable(),
  message: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
  attachmentIds: z.array(z.string()).describe('ไฟล์แนบ sent with this event (ids in `attachments`), in the order sent'),
});
export type CaseEvent = z.output<typeof CaseEventSchema>;

/** Where the complaint is about: the area's codes, the address and a point, each when given. */
export const CaseLocationSchema = z.object({
  provinceCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  subdistrictCode: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});

/** GET /api/v1/cases/{id} */
export const CaseDetailSchema = CaseListItemSchema.extend({
  description: z.string().describe('Personal data redacted; the identity endpoint gives the original to those allowed'),
  category: z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string(), sensitive: z.boolean() }).nullable(),
  location: CaseLocationSchema,
  anonymous: z.boolean(),
  complainant: z.object({
    present: z.boolean().describe('An identity is on file'),
    visible: z.boolean().describe('You may reveal it (audited) through POST /api/v1/cases/{id}/identity'),
  }),
  receivingAgency: AgencyRefSchema,
  /** The receiving agency's own channel that took the case in ("โทรศัพท์ 0 5662 2353"), when staff named one. */
  receivedThrough: z.object({ kind: z.enum(CHANNELS), labelTh: z.string(), labelEn: z.string().nullable() }).nullable(),
  result: z.enum(RESOLUTION_RESULTS).nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  mergedInto: z.object({ id: z.string(), trackingCode: z.string() }).nullable(),
  satisfaction: z.number().nullable(),
  contactCount: z.number(),
  /** เร่งรัด: how many times the agencies following the case pressed its holder. */
  followUpCount: z.number(),
  sla: z.object({
    state: z.enum(SLA_STATES),
    stateLabel: z.string(),
    dueDate: z.string(),
    dueDateBuddhist: z.string(),
    businessDaysLeft: z.number().describe('Business days from today to the due date; negative when overdue'),
    businessDaysElapsed: z.number().describe('Business days the clock has run since receipt, pauses excluded'),
    targetBusinessDays: z.number(),
    pausedBusinessDays: z.number(),
    extendedBusinessDays: z.number(),
    explanation: z.array(z.string()).describe('Why the due date is what it is, in Thai'),
  }),
  timeline: z.array(CaseEventSchema),
  attachments: z.array(StaffAttachmentSchema).describe('ไฟล์แนบ of the citizen and of staff; download each through /api/v1/cases/{id}/attachments/{attachmentId} (audited)'),
  permissions: z.array(z.string()).describe('What you may do with this case; the UI shows only these'),
  confirmation: ConfirmationWindowSchema,
  closeRequiresReason: z.boolean().describe('close needs a reason now: the citizen may still answer (the confirmation window is open)'),
});
export type CaseDetail = z.output<typeof CaseDetailSchema>;

/** POST /api/v1/cases/{id}/identity */
export const IdentitySchema = z.object({
  caseId: z.string(),
  anonymous: z.boolean(),
  complainant: z
    .object({
      name: z.string().optional(),
      nationalId: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
      address: z.string().optional(),
    })
    .nullable(),
  title: z.string().nullable().describe('The original title, not redacted'),
  description: z.string().describe('The original text, not redacted'),
});
export type Identity = z.output<typeof IdentitySchema>;

/** POST /api/v1/cases/{id}/access-key */
export const AccessKeyReissueSchema = z
  .object({ identityCheck: trimmedText(5, 500).describe('How the citizen’s identity was checked, e.g. the ID card seen against the complainant on file (audited)') })
  .strict();

export const NewAccessKeySchema = z.object({
  trackingCode: z.string(),
  accessKey: z.string().describe('Shown once, to print or hand over: only its hash is kept. The old key and any mailed key waiting no longer work.'),
});
export type NewAccessKey = z.output<typeof NewAccessKeySchema>;
