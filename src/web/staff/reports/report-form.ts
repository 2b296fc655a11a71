/**
 * The pure side of the report pages: the period a "new report" form asks for (a fiscal year, a
 * quarter of it, or two dates), checked before sending; the latest step a report has taken; and
 * which texts of the memo the editor changed.
 */
import type { NewReport, ReportSummary, ReportTexts } from '../../api/reports.ts';
import { INVALID_DATE } from '../../components/date-input.ts';

export type PeriodKind = NewReport['period']['kind'];
export const PERIOD_KINDS: readonly PeriodKind[] = ['fiscal_year', 'quarter', 'custom'];

export interface PeriodDraft {
  kind: PeriodKind;
  fiscalYear: number;
  quarter: number;
  /** ISO dates, '' or INVALID_DATE (see DateField). */
  from: string;
  to: string;
}

/** What is wrong with a draft period, by field: the keys of the reports catalogue's messages. */
export type PeriodProblem = 'required' | 'invalid' | 'toBeforeFrom';

/** The period to send, or the problems by field (`period.from`, `period.to`) to show instead. */
export function periodOf(draft: PeriodDraft): { period: NewReport['period'] } | { problems: Record<string, PeriodProblem> } {
  if (draft.kind === 'fiscal_year') return { period: { kind: 'fiscal_year', fiscalYear: draft.fiscalYear } };
  if (draft.kind === 'quarter') return { period: { kind: 'quarter', fiscalYear: draft.fiscalYear, quarter: draft.quarter } };
  const problems: Record<string, PeriodProblem> = {};
  for (const field of ['from', 'to'] as const) {
    if (draft[field] === '') problems[`period.${field}`] = 'required';
    else if (draft[field] === INVALID_DATE) problems[`period.${field}`] = 'invalid';
  }
  if (Object.keys(problems).length === 0 && draft.to < draft.from) problems['period.to'] = 'toBeforeFrom';
  if (Object.keys(problems).length > 0) return { problems };
  return { period: { kind: 'custom', from: draft.from, to: draft.to } };
}

/** The latest step a report took (published, approved or submitted) and when; null for a draft never submitted. */
export function latestStep(report: Pick<ReportSummary, 'submittedAt' | 'approvedAt' | 'publishedAt'>): { step: 'submitted' | 'approved' | 'published'; at: string } | null {
  if (report.publishedAt) return { step: 'published', at: report.publishedAt };
  if (report.approvedAt) return { step: 'approved', at: report.approvedAt };
  if (report.submittedAt) return { step: 'submitted', at: report.submittedAt };
  return null;
}

/** The texts whose value differs from the saved ones: what a PATCH sends. */
export function changedTexts(saved: ReportTexts, edited: ReportTexts): Partial<ReportTexts> {
  const changes: Partial<ReportTexts> = {};
  for (const key of Object.keys(saved) as Array<keyof ReportTexts>) if (edited[key] !== saved[key]) changes[key] = edited[key];
  return changes;
}
