/** SQL of the complaint reports (complaint_reports). */
import { z } from 'zod';
import { REPORT_STATES, ReportFiguresSchema, ReportTextsSchema, type ReportFigures, type ReportState, type ReportTexts } from '../../shared/api/reports.ts';
import type { IsoDate } from '../../shared/business-days.ts';
import type { ReportPeriod } from '../../shared/fiscal-period.ts';
import type { Queryable } from '../platform/database.ts';
import { IdRow, queryRow, queryRows, storedJson } from '../platform/rows.ts';

const ReportRowSchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agencyCode: z.string(),
    agencyNameTh: z.string(),
    agencyNameEn: z.string(),
    agencyPath: z.string(),
    periodKind: z.enum(['fiscal_year', 'quarter', 'custom']),
    fiscalYear: z.number().nullable(),
    quarter: z.number().nullable(),
    periodFrom: z.string(),
    periodTo: z.string(),
    version: z.number(),
    changeNote: z.string().nullable(),
    state: z.enum(REPORT_STATES),
    figures: storedJson(ReportFiguresSchema),
    texts: storedJson(ReportTextsSchema),
    reviewComment: z.string().nullable(),
    figuresComputedAt: z.date(),
    submittedByUserId: z.string().nullable(),
    submittedAt: z.date().nullable(),
    approvedAt: z.date().nullable(),
    publishedAt: z.date().nullable(),
    /** No later version of the same agency and period. */
    latest: z.boolean(),
  })
  .describe('complaint report');
export type ReportRow = z.output<typeof ReportRowSchema>;

const REPORT_COLUMNS = `r.id, r.agency_id, a.code AS agency_code, a.name_th AS agency_name_th, a.name_en AS agency_name_en, a.path AS agency_path,
  r.period_kind, r.fiscal_year, r.quarter, r.period_from, r.period_to, r.version, r.change_note, r.state, r.figures, r.texts,
  r.review_comment, r.figures_computed_at, r.submitted_by_user_id, r.submitted_at, r.approved_at, r.published_at,
  NOT EXISTS (SELECT 1 FROM complaint_reports later WHERE later.agency_id = r.agency_id AND later.period_from = r.period_from
    AND later.period_to = r.period_to AND later.version > r.version) AS latest`;
const FROM_REPORTS = 'FROM complaint_reports r JOIN agencies a ON a.id = r.agency_id';

/**
 * A report whose agency is in the subtree `pathPattern` matches (scope.ts subtreePattern);
 * otherwise none: a report outside the user's agencies does not exist for them. `lock` takes
 * the row for a change.
 */
export async function findReportInScope(db: Queryable, id: string, pathPattern: string, options: { lock?: boolean } = {}): Promise<ReportRow | undefined> {
  return queryRow(db, ReportRowSchema, `SELECT ${REPORT_COLUMNS} ${FROM_REPORTS} WHERE r.id = $1 AND a.path LIKE $2${options.lock ? ' FOR UPDATE OF r' : ''}`, [id, pathPattern]);
}

/** The reports of the agencies in a subtree (or of one agency of it), latest period first. */
export async function listReportsInScope(db: Queryable, pathPattern: string, agencyId?: string): Promise<ReportRow[]> {
  return queryRows(
    db,
    ReportRowSchema,
    `SELECT ${REPORT_COLUMNS} ${FROM_REPORTS} WHERE a.path LIKE $1 AND ($2::uuid IS NULL OR r.agency_id = $2::uuid)
     ORDER BY r.period_from DESC, r.period_to DESC, a.code, r.version DESC LIMIT 500`,
    [pathPattern, agencyId ?? null],
  );
}

/** The published reports of an agency, the latest published version of each period, latest period first. */
export async function listPublishedReports(db: Queryable, agencyId: string): Promise<ReportRow[]> {
  return queryRows(
    db,
    ReportRowSchema,
    `SELECT * FROM (
       SELECT DISTINCT ON (r.period_from, r.period_to) ${REPORT_COLUMNS} ${FROM_REPORTS}
       WHERE r.agency_id = $1 AND r.state = 'published'
       ORDER BY r.period_from, r.period_to, r.version DESC) p
     ORDER BY p.period_from DESC, p.period_to DESC`,
    [agencyId],
  );
}

/** The highest version of an agency's report for a period; 0 when there is none. */
export async function latestReportVersion(db: Queryable, agencyId: string, from: IsoDate, to: IsoDate): Promise<number> {
  const row = await queryRow(
    db,
    z.object({ version: z.number() }),
    'SELECT COALESCE(max(version), 0) AS version FROM complaint_reports WHERE agency_id = $1 AND period_from = $2 AND period_to = $3',
    [agencyId, from, to],
  );
  return row?.version ?? 0;
}

export interface NewReportRow {
  agencyId: string;
  period: ReportPeriod;
  version: number;
  changeNote: string | null;
  figures: ReportFigures;
  texts: ReportTexts;
  createdByUserId: string;
  at: Date;
}

/** Inserts a draft; undefined when the same version was made meanwhile (the unique key). */
export async function insertReport(db: Queryable, report: NewReportRow): Promise<string | undefined> {
  const row = await queryRow(
    db,
    IdRow,
    `INSERT INTO complaint_reports (agency_id, period_kind, fiscal_year, quarter, period_from, period_to, version, change_note, state,
       figures, texts, figures_computed_at, created_by_user_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9::jsonb, $10::jsonb, $11, $12, $11, $11)
     ON CONFLICT (agency_id, period_from, period_to, version) DO NOTHING
     RETURNING id`,
    [
      report.agencyId,
      report.period.kind,
      report.period.fiscalYear,
      report.period.quarter,
      report.period.from,
      report.period.to,
      report.version,
      report.changeNote,
      JSON.stringify(report.figures),
      JSON.stringify(report.texts),
      report.at,
      report.createdByUserId,
    ],
  );
  return row?.id;
}

/** A change of a report: its texts, figures counted again, or a step of its workflow. */
export interface ReportChange {
  texts?: ReportTexts;
  figures?: ReportFigures;
  state?: ReportState;
  reviewComment?: string | null;
  submittedByUserId?: string;
  approvedByUserId?: string;
  /** Which of submitted_at, approved_at, published_at the step sets to `at`. */
  stamp?: 'submitted_at' | 'approved_at' | 'published_at';
}

export async function updateReport(db: Queryable, id: string, change: ReportChange, at: Date): Promise<void> {
  const sets = ['updated_at = $2'];
  const params: unknown[] = [id, at];
  const set = (column: string, value: unknown, cast = '') => {
    params.push(value);
    sets.push(`${column} = $${params.length}${cast}`);
  };
  if (change.texts) set('texts', JSON.stringify(change.texts), '::jsonb');
  if (change.figures) {
    set('figures', JSON.stringify(change.figures), '::jsonb');
    sets.push('figures_computed_at = $2');
  }
  if (change.state) set('state', change.state);
  if (change.reviewComment !== undefined) set('review_comment', change.reviewComment);
  if (change.submittedByUserId) set('submitted_by_user_id', change.submittedByUserId);
  if (change.approvedByUserId) set('approved_by_user_id', change.approvedByUserId);
  if (change.stamp) sets.push(`${change.stamp} = $2`);
  await db.query(`UPDATE complaint_reports SET ${sets.join(', ')} WHERE id = $1`, params);
}
