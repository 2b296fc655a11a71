/**
 * The periodic complaint report (รายงานผลการดำเนินงานเรื่องร้องเรียน): an agency's figures for a
 * period with the texts of the memo to its head, its workflow (draft → submitted → approved or
 * sent back → published) and its public listing as open data. Only counts, never personal data.
 */
import { z } from 'zod';
import { CASE_STATUSES, CHANNELS, RESOLUTION_RESULTS } from '../case-model.ts';
import { AgencyRefSchema, calendarDate, plainText, trimmedText } from './fields.ts';

export const REPORT_STATES = ['draft', 'submitted', 'sent_back', 'approved', 'published'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_STATE_LABELS_TH: Record<ReportState, string> = {
  draft: 'ร่าง',
  submitted: 'เสนอผู้บริหารแล้ว',
  sent_back: 'ส่งกลับให้แก้ไข',
  approved: 'อนุมัติแล้ว',
  published: 'เผยแพร่แล้ว',
};

/** What a user may do with a report now, as the server decides (the web app shows only these). */
export const REPORT_ACTIONS = ['edit', 'submit', 'approve', 'send-back', 'publish', 'revise'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

const fiscalYear = z.number().int().min(2500).max(2800);

/** The period asked for: a Buddhist-era fiscal year, one of its quarters, or two dates (both included). */
export const ReportPeriodInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fiscal_year'), fiscalYear }).strict(),
  z.object({ kind: z.literal('quarter'), fiscalYear, quarter: z.number().int().min(1).max(4) }).strict(),
  z
    .object({ kind: z.literal('custom'), from: calendarDate(), to: calendarDate() })
    .strict()
    .refine((period) => period.from <= period.to, { message: 'must not be before from', path: ['to'] }),
]);

export const ReportPeriodSchema = z.object({
  kind: z.enum(['fiscal_year', 'quarter', 'custom']),
  fiscalYear: z.number().nullable(),
  quarter: z.number().nullable(),
  from: z.string(),
  to: z.string(),
  /** "ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)". */
  labelTh: z.string(),
});

const count = z.number().int().nonnegative();

/** Integrity (ITA): complaints about corruption or misconduct of officials, apart from those about service. */
export const INTEGRITY_KINDS = ['corruption', 'misconduct', 'service'] as const;
export type IntegrityKind = (typeof INTEGRITY_KINDS)[number];

/**
 * The figures of a report, as counted for the agency (exact: staff see these; the public sees
 * {@link PublicReportFiguresSchema}). Cases are those the agency received in the period.
 */
export const ReportFiguresSchema = z.object({
  received: count,
  /** One row per channel the agency offers (zero rows too), then one per channel kind of the cases that named none. */
  byChannel: z.array(z.object({ channelId: z.string().nullable(), kind: z.enum(CHANNELS), labelTh: z.string(), count })),
  byCategory: z.array(z.object({ code: z.string().nullable(), nameTh: z.string(), count })),
  /** ผลการดำเนินการ; `result` null: no result yet. */
  byResult: z.array(z.object({ result: z.enum(RESOLUTION_RESULTS).nullable(), labelTh: z.string(), count })),
  /** The status each case had at the end of the period. */
  byStatusAtEnd: z.array(z.object({ status: z.enum(CASE_STATUSES), labelTh: z.string(), count })),
  integrity: z.object({ corruption: count, misconduct: count, service: count }),
  /** Finished within or after the deadline; still open at the end of the period within it or past it. */
  sla: z.object({ met: count, missed: count, openWithinTime: count, openOverdue: count }),
  satisfaction: z.object({ responses: count, average: z.number().nullable() }),
});
export type ReportFigures = z.output<typeof ReportFiguresSchema>;

/** A count in a public breakdown: 1 to 4 are shown as "<5" so that no one can be singled out. */
export const PublicCountSchema = z.union([count, z.literal('<5')]);
export type PublicCount = z.output<typeof PublicCountSchema>;

export const PublicReportFiguresSchema = z.object({
  received: count,
  byChannel: z.array(z.object({ kind: z.enum(CHANNELS), labelTh: z.string(), count: PublicCountSchema })),
  byCategory: z.array(z.object({ code: z.string().nullable(), nameTh: z.string(), count: PublicCountSchema })),
  byResult: z.array(z.object({ result: z.enum(RESOLUTION_RESULTS).nullable(), labelTh: z.string(), count: PublicCountSchema })),
  byStatusAtEnd: z.array(z.object({ status: z.enum(CASE_STATUSES), labelTh: z.string(), count: PublicCountSchema })),
  integrity: z.object({ corruption: PublicCountSchema, misconduct: PublicCountSchema, service: PublicCountSchema }),
  sla: z.object({ met: PublicCountSchema, missed: PublicCountSchema, openWithinTime: PublicCountSchema, openOverdue: PublicCountSchema }),
  /** The average only from 5 responses on. */
  satisfaction: z.object({ responses: PublicCountSchema, average: z.number().nullable() }),
});
export type PublicReportFigures = z.output<typeof PublicReportFiguresSchema>;

const reportText = plainText(5000).trim();
const memoLine = plainText(300).trim();

/** The editable parts of the memo (บันทึกข้อความ). */
export const ReportTextsSchema = z.object({
  /** ที่: the document number, e.g. "พจ 0033.001/123". */
  documentNumber: memoLine,
  /** เรียน: to whom, e.g. "สาธารณสุขอำเภอตะพานหิน". */
  addressee: memoLine,
  /** ความเป็นมา. */
  background: reportText,
  /** ผลการวิเคราะห์. */
  analysis: reportText,
  /** ปัญหาและอุปสรรค. */
  problems: reportText,
  /** ข้อเสนอแนะ. */
  recommendations: reportText,
  /** Who prepared it and who approves it, as the signature blocks print them (name and position). */
  preparedByName: memoLine,
  preparedByPosition: memoLine,
  approverName: memoLine,
  approverPosition: memoLine,
});
export type ReportTexts = z.output<typeof ReportTextsSchema>;

/** POST /api/v1/reports: a new report of an agency (the user's own by default) for a period. */
export const NewReportSchema = z
  .object({
    agencyCode: trimmedText(1, 64).optional(),
    period: ReportPeriodInputSchema,
  })
  .strict();
export type NewReport = z.input<typeof NewReportSchema>;

/** PATCH /api/v1/reports/{id}: any of the texts, while the report is a draft or sent back. */
export const ReportTextsPatchSchema = ReportTextsSchema.partial().strict();

/** POST /api/v1/reports/{id}/send-back */
export const SendBackSchema = z.object({ comment: trimmedText(1, 2000) }).strict();

/** POST /api/v1/reports/{id}/revise: a new version of an approved or published report, saying what changed. */
export const ReviseReportSchema = z.object({ changeNote: trimmedText(1, 2000) }).strict();

export const ReportSchema = z.object({
  id: z.string(),
  agency: AgencyRefSchema,
  period: ReportPeriodSchema,
  version: z.number(),
  changeNote: z.string().nullable(),
  state: z.enum(REPORT_STATES),
  figures: ReportFiguresSchema,
  texts: ReportTextsSchema,
  reviewComment: z.string().nullable(),
  figuresComputedAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  actions: z.array(z.enum(REPORT_ACTIONS)),
});
export type Report = z.output<typeof ReportSchema>;

export const ReportListQuerySchema = z.object({ agencyCode: trimmedText(1, 64).optional() }).strict();

export const ReportSummarySchema = ReportSchema.pick({ id: true, agency: true, period: true, version: true, state: true, submittedAt: true, approvedAt: true, publishedAt: true });
export const ReportListSchema = z.object({ items: z.array(ReportSummarySchema) });
export type ReportList = z.output<typeof ReportListSchema>;

/** A published report as anyone may read it (GET /api/v1/public/agencies/{code}/reports): open data. */
export const PublicReportSchema = z.object({
  id: z.string(),
  period: ReportPeriodSchema,
  version: z.number(),
  changeNote: z.string().nullable(),
  publishedAt: z.string(),
  figures: PublicReportFiguresSchema,
  texts: ReportTextsSchema.pick({ background: true, analysis: true, problems: true, recommendations: true }),
});
export type PublicReport = z.output<typeof PublicReportSchema>;

export const PublicReportListSchema = z.object({ agency: AgencyRefSchema, items: z.array(PublicReportSchema) });
export type PublicReportList = z.output<typeof PublicReportListSchema>;

export const AgencyCodeParamsSchema = z.object({ code: trimmedText(1, 64) });

/** GET /api/v1/reports/{id}/figures.{format}: the figures as CSV or as a spreadsheet. */
export const FigureFileParamsSchema = z.object({ id: z.uuid(), format: z.enum(['csv', 'xlsx']) });

/** GET /api/v1/public/agencies/{code}/reports/{id}/figures.{format}: a published report's public figures as a file. */
export const PublicFigureFileParamsSchema = FigureFileParamsSchema.extend({ code: trimmedText(1, 64) });
