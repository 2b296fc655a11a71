/**
 * The citizen's API (no login): filing a complaint, following it with the tracking code and
 * access key, adding information, rating the result, asking for a new key.
 */
import { z } from 'zod';
import { CASE_STATUSES, PUBLIC_CHANNELS } from '../case-model.ts';
import { AttachmentSchema } from './attachments.ts';
import { adminCode, plainText, trimmedText } from './fields.ts';

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

/** The fields of a complaint, whoever records it (the citizen, or staff at intake). */
export const complaintFields = {
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
export type PublicComplaint = z.output<typeof PublicComplaintSchema>;

/** What recording a complaint at intake answers (POST /api/v1/cases): the case, its tracking code and the access key, shown once. */
export const ReceiptSchema = z.object({
  id: z.string(),
  trackingCode: z.string(),
  accessKey: z.string().describe('Shown once: keep it to follow the case. Only its hash is stored.'),
  status: z.enum(CASE_STATUSES),
  receivedAt: z.string(),
  dueDate: z.string(),
});
export type Receipt = z.output<typeof ReceiptSchema>;
/** What filing answers the citizen (POST /api/v1/public/complaints): the receipt without the case's id. */
export const PublicReceiptSchema = ReceiptSchema.omit({ id: true });

export const TrackingParamsSchema = z.object({ trackingCode: trimmedText(1, 40) });
export const AccessKeyHeadersSchema = z.object({ 'x-access-key': trimmedText(1, 100) });

export const PublicTimelineEntrySchema = z.object({
  at: z.string(),
  type: z.string(),
  message: z.string().optional(),
  attachmentIds: z.array(z.string()).optional().describe('Files that came with this entry (ids in `attachments`): the citizen\'s own, or those of a reply or a request for information'),
  // Added with the exchange between systems (issue 13): which other agency's complaint system did it.
  partner: z.object({ name: z.string() }).optional().describe('The partner system (another agency\'s complaint system) that did this, or that the citizen\'s answer went through'),
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

const PublicAgencySchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

/** GET /api/v1/public/complaints/{trackingCode} */
export const PublicCaseSchema = z.object({
  trackingCode: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  categoryCode: z.string().nullable(),
  agency: PublicAgencySchema,
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
      agency: PublicAgencySchema,
      dueDate: z.string(),
      dueDateBuddhist: z.string(),
      confirmation: ConfirmationWindowSchema,
      timeline: z.array(PublicTimelineEntrySchema),
    })
    .nullable()
    .describe('รวมเรื่อง: for a case merged into another, the progress of the case it joined (its own tracking code keeps working)'),
});
export type PublicCase = z.output<typeof PublicCaseSchema>;

/** POST /api/v1/public/complaints/{trackingCode}/access-key-requests: nothing but the code in the path. */
export const AccessKeyRequestSchema = z.preprocess((value) => value ?? {}, z.object({}).strict());

/** The one answer to every access-key request, whatever became of it (no enumeration). */
export const AccessKeyRequestAnswerSchema = z.object({ message: z.string(), messageTh: z.string() });

/** POST /api/v1/public/complaints/{trackingCode}/messages */
export const CitizenMessageSchema = z.object({ message: trimmedText(1, 5000) }).strict();
/** POST /api/v1/public/complaints/{trackingCode}/feedback */
export const FeedbackSchema = z
  .object({
    rating: z.number().int().min(1).max(5),
    comment: trimmedText(1, 2000).optional(),
    reopen: z.boolean().default(false),
  })
  .strict();

/** What a citizen's message or rating answers: the case's status after it. */
export const StatusReplySchema = z.object({ trackingCode: z.string(), status: z.enum(CASE_STATUSES) });
