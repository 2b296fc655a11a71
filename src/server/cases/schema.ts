/** Request and response schemas of the case API: the single source of its types. */
import { z } from 'zod';
import { AttachmentSchema, StaffAttachmentSchema } from '../attachments/schema.ts';
import { calendarDate, dateOrInstant, instant, plainText, trimmedText } from '../platform/validation.ts';
import { SLA_STATES } from '../sla/sla-state.ts';
import { CASE_STATUSES, CHANNELS, PUBLIC_CHANNELS, RESOLUTION_RESULTS } from '../../shared/case-model.ts';

const adminCode = (digits: number) => z.string().regex(new RegExp(`^\\d{${digits}}$`), `must be ${digits} digits`);

export const LocationSchema = z
  .object({
    provinceCode: adminCode(2).optional(),
    districtCode: adminCode(4).optional(),
    subdistrictCode: adminCode(6).optional(),
    address: trimmedText(1, 500).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  })
  .strict()
  .refine((location) => (location.lat === undefined) === (location.lon === undefined), {
    message: 'lat and lon go together',
    path: ['lon'],
  });

export const ComplainantSchema = z
  .object({
    name: trimmedText(1, 200).optional(),
    nationalId: plainText(30).trim().optional(),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^\+?[0-9๐-๙][0-9๐-๙ ()-]{5,}$/, 'must be a phone number')
      .optional(),
    email: z.email().max(254).optional(),
    address: trimmedText(1, 500).optional(),
    language: z.enum(['th', 'en']).optional().describe('Language of the e-mails to the complainant (default Thai)'),
  })
  .strict();

const complaintFields = {
  description: trimmedText(10, 5000),
  title: trimmedText(1, 200).optional(),
  categoryCode: plainText(64).trim().min(1).optional(),
  location: LocationSchema.optional(),
  complainant: ComplainantSchema.optional(),
  anonymous: z.boolean().default(false),
  confidential: z.boolean().default(false),
};

/** POST /api/v1/public/complaints */
export const PublicComplaintSchema = z
  .object({ ...complaintFields, channel: z.enum(PUBLIC_CHANNELS).default('web') })
  .strict();
export type PublicComplaint = z.infer<typeof PublicComplaintSchema>;

/** POST /api/v1/cases — staff record a complaint taken by phone, at a counter, by post… */
export const StaffIntakeSchema = z
  .object({
    ...complaintFields,
    channel: z.enum(CHANNELS),
    receivedAt: instant().optional(),
  })
  .strict();
export type StaffIntake = z.infer<typeof StaffIntakeSchema>;

export const ReceiptSchema = z.object({
  id: z.string().optional(),
  trackingCode: z.string(),
  accessKey: z.string().describe('Shown once: keep it to follow the case. Only its hash is stored.'),
  status: z.enum(CASE_STATUSES),
  receivedAt: z.string(),
  dueDate: z.string(),
});

export const TrackingParamsSchema = z.object({ trackingCode: trimmedText(1, 40) });
export const AccessKeyHeadersSchema = z.object({ 'x-access-key': trimmedText(1, 100) });

export const PublicTimelineEntrySchema = z.object({
  at: z.string(),
  type: z.string(),
  message: z.string().optional(),
  attachmentIds: z.array(z.string()).optional().describe('Files that came with this entry (ids in `attachments`): the citizen\'s own, or those of a reply or a request for information'),
});

/** ระยะยืนยันผล of a resolved case; null in any other status. */
export const ConfirmationWindowSchema = z
  .object({
    until: z.string().describe('The last day (Bangkok) the citizen may accept the result, rate it or ask for a reopening'),
    untilBuddhist: z.string().describe('The same day in the Buddhist era, in Thai'),
    open: z.boolean().describe('The citizen may answer now; false once that day has passed (the case is about to close by itself)'),
  })
  .nullable()
  .describe('The confirmation window after a resolution (ระยะยืนยันผล); null unless the case is resolved');

export const PublicCaseSchema = z.object({
  trackingCode: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  categoryCode: z.string().nullable(),
  agency: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  receivedAt: z.string(),
  dueDate: z.string(),
  dueDateBuddhist: z.string().describe('The due date in the Buddhist era, in Thai'),
  dueDateExplanation: z.array(z.string()).describe('Why the due date is what it is, in plain Thai'),
  timeline: z.array(PublicTimelineEntrySchema),
  attachments: z
    .array(AttachmentSchema)
    .describe("ไฟล์แนบ to download with the access key: the citizen's own uploads and the files staff sent with a reply or a request for information (never those of internal notes)"),
  confirmation: ConfirmationWindowSchema,
  survivingCase: z
    .object({
      status: z.enum(CASE_STATUSES),
      statusLabel: z.string(),
      agency: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
      dueDate: z.string(),
      dueDateBuddhist: z.string(),
      confirmation: ConfirmationWindowSchema,
      timeline: z.array(PublicTimelineEntrySchema),
    })
    .nullable()
    .describe('รวมเรื่อง: for a case merged into another, the progress of the case it joined (its own tracking code keeps working)'),
});

/** POST /api/v1/public/complaints/{trackingCode}/access-key-requests: nothing but the code in the path. */
export const AccessKeyRequestSchema = z.preprocess((value) => value ?? {}, z.object({}).strict());

/** The one answer to every access-key request, whatever became of it (no enumeration). */
export const AccessKeyRequestAnswerSchema = z.object({ message: z.string(), messageTh: z.string() });

/** POST /api/v1/cases/{id}/access-key */
export const AccessKeyReissueSchema = z
  .object({ identityCheck: trimmedText(5, 500).describe('How the citizen’s identity was checked, e.g. the ID card seen against the complainant on file (audited)') })
  .strict();

export const NewAccessKeySchema = z.object({
  trackingCode: z.string(),
  accessKey: z.string().describe('Shown once, to print or hand over: only its hash is kept. The old key and any mailed key waiting no longer work.'),
});

export const CitizenMessageSchema = z.object({ message: trimmedText(1, 5000) }).strict();
export const FeedbackSchema = z
  .object({
    rating: z.number().int().min(1).max(5),
    comment: trimmedText(1, 2000).optional(),
    reopen: z.boolean().default(false),
  })
  .strict();

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');
const dateOrDateTime = dateOrInstant();

export const CaseListQuerySchema = z
  .object({
    status: z
      .string()
      .transform((value) => value.split(',').map((item) => item.trim()))
      .pipe(z.array(z.enum(CASE_STATUSES)).min(1))
      .optional(),
    categoryCode: plainText(64).optional(),
    agencyCode: plainText(64).optional(),
    channel: z.enum(CHANNELS).optional(),
    provinceCode: adminCode(2).optional(),
    overdue: booleanQuery.optional(),
    sla: z
      .string()
      .transform((value) => value.split(',').map((item) => item.trim()))
      .pipe(z.array(z.enum(SLA_STATES)).min(1))
      .optional(),
    q: trimmedText(1, 200).optional(),
    from: dateOrDateTime.optional(),
    to: dateOrDateTime.optional(),
    phone: plainText(30).optional().describe('Cases of the complainant with this phone number (audited; confidential cases only for the receiving agency)'),
    nationalId: plainText(30).optional().describe('Cases of the complainant with this national ID (audited, as phone)'),
    sort: z.enum(['newest', 'oldest', 'due']).default('newest').describe('newest or oldest received first, or due: the earliest due date first'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

const AgencyRefSchema = z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() });

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

export const CaseListSchema = z.object({ items: z.array(CaseListItemSchema), nextCursor: z.string().nullable() });

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

export const CaseDetailSchema = CaseListItemSchema.extend({
  description: z.string().describe('Personal data redacted; the identity endpoint gives the original to those allowed'),
  category: z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string(), sensitive: z.boolean() }).nullable(),
  location: z.object({
    provinceCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    subdistrictCode: z.string().nullable(),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  }),
  anonymous: z.boolean(),
  complainant: z.object({
    present: z.boolean().describe('An identity is on file'),
    visible: z.boolean().describe('You may reveal it (audited) through POST /api/v1/cases/{id}/identity'),
  }),
  receivingAgency: AgencyRefSchema,
  result: z.enum(RESOLUTION_RESULTS).nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  mergedInto: z.object({ id: z.string(), trackingCode: z.string() }).nullable(),
  satisfaction: z.number().nullable(),
  contactCount: z.number(),
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

const reason = trimmedText(3, 2000);
const message = trimmedText(1, 5000);
const agencyCode = trimmedText(1, 64);

/** The body each action takes. */
export const ACTION_BODY_SCHEMAS = {
  // Screening and assigning may set the category: where it differs from triage's, a correction is recorded.
  screen: z.object({ note: trimmedText(1, 2000).optional(), categoryCode: trimmedText(1, 64).optional() }).strict(),
  assign: z.object({ agencyCode, reason: trimmedText(1, 2000).optional(), categoryCode: trimmedText(1, 64).optional() }).strict(),
  accept: z.object({}).strict(),
  return: z.object({ reason }).strict(),
  forward: z.object({ agencyCode, reason: trimmedText(1, 2000).optional() }).strict(),
  note: z.object({ message }).strict(),
  reply: z.object({ message }).strict(),
  'request-info': z.object({ message }).strict(),
  resolve: z.object({ result: z.enum(RESOLUTION_RESULTS), message }).strict(),
  // Required while the citizen's confirmation window is open (see closeRequiresReason on the case).
  close: z.object({ reason: reason.optional() }).strict(),
  reopen: z.object({ reason }).strict(),
  reject: z.object({ reason }).strict(),
  merge: z.object({ intoCaseId: z.uuid() }).strict(),
  contact: z.object({ channel: z.enum(CHANNELS), message: trimmedText(1, 5000).optional() }).strict(),
  extend: z
    .object({
      newDueDate: calendarDate().optional(),
      businessDays: z.number().int().min(1).max(365).optional(),
      reason: trimmedText(5, 2000),
    })
    .strict()
    .refine((body) => (body.newDueDate === undefined) !== (body.businessDays === undefined), {
      message: 'give either newDueDate or businessDays',
      path: ['newDueDate'],
    }),
} as const;
export type ActionBodies = { [K in keyof typeof ACTION_BODY_SCHEMAS]: z.infer<(typeof ACTION_BODY_SCHEMAS)[K]> };
