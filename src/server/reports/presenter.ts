/** Reports as the API answers them: in full for staff (with the actions they may take), as open data for the public. */
import type { PublicReport, Report } from '../../shared/api/reports.ts';
import { periodLabelTh, type ReportPeriod } from '../../shared/fiscal-period.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { bangkokDate, toBuddhistEraDate } from '../../shared/business-days.ts';
import { publicFigures } from './figures.ts';
import { sarabunFontFaces } from './memo-fonts.ts';
import { memoHtml } from './memo-html.ts';
import type { ReportRow } from './queries.ts';
import { reportActionsFor } from './workflow.ts';

export function periodOf(row: ReportRow): ReportPeriod & { labelTh: string } {
  const period: ReportPeriod = { kind: row.periodKind, fiscalYear: row.fiscalYear, quarter: row.quarter, from: row.periodFrom, to: row.periodTo };
  return { ...period, labelTh: periodLabelTh(period) };
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function presentReport(row: ReportRow, user: AuthUser): Report {
  return {
    id: row.id,
    agency: { code: row.agencyCode, nameTh: row.agencyNameTh, nameEn: row.agencyNameEn },
    period: periodOf(row),
    version: row.version,
    changeNote: row.changeNote,
    state: row.state,
    figures: row.figures,
    texts: row.texts,
    reviewComment: row.reviewComment,
    figuresComputedAt: row.figuresComputedAt.toISOString(),
    submittedAt: iso(row.submittedAt),
    approvedAt: iso(row.approvedAt),
    publishedAt: iso(row.publishedAt),
    actions: reportActionsFor(user, row),
  };
}

/** A published report for anyone: small counts hidden, the analysis texts only (no memo lines, no names). */
export function presentPublicReport(row: ReportRow): PublicReport {
  const { background, analysis, problems, recommendations } = row.texts;
  return {
    id: row.id,
    period: periodOf(row),
    version: row.version,
    changeNote: row.changeNote,
    publishedAt: (row.publishedAt ?? row.approvedAt ?? row.figuresComputedAt).toISOString(),
    figures: publicFigures(row.figures),
    texts: { background, analysis, problems, recommendations },
  };
}

/** The memo of a report, dated the day it was approved (or today while it is not). */
export function reportMemoHtml(row: ReportRow, now: Date): string {
  return memoHtml({
    agencyNameTh: row.agencyNameTh,
    periodTh: periodOf(row).labelTh,
    dateTh: toBuddhistEraDate(bangkokDate(row.approvedAt ?? now)),
    figures: row.figures,
    texts: row.texts,
    version: row.version,
    changeNote: row.changeNote,
    fontFaces: sarabunFontFaces(),
  });
}
