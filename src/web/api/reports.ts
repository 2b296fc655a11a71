/**
 * Typed calls of the periodic complaint report (รายงานผลการดำเนินงานเรื่องร้องเรียน): staff make,
 * edit and move an agency's report through its workflow; anyone reads the published ones. Types
 * come from the API contract (src/shared/api/reports.ts).
 */
import type { NewReport, PublicReport, PublicReportList, Report, ReportAction, ReportList, ReportTexts } from '../../shared/api/reports.ts';
import { apiRequest } from './client.ts';
import { signedInRequest } from './session.tsx';

export type { NewReport, PublicReport, PublicReportList, Report, ReportAction, ReportList, ReportTexts };
export type ReportSummary = ReportList['items'][number];
/** The workflow steps that take no body (send-back and revise take a comment or a change note). */
export type PlainReportStep = 'submit' | 'approve' | 'publish';

const reportPath = (id: string) => `/api/v1/reports/${encodeURIComponent(id)}`;

/** The reports of the user's agency subtree, or of one agency in it. */
export const listReports = (agencyCode: string | null, signal?: AbortSignal) =>
  signedInRequest<ReportList>(`/api/v1/reports${agencyCode ? `?agencyCode=${encodeURIComponent(agencyCode)}` : ''}`, { signal });
export const fetchReport = (id: string, signal?: AbortSignal) => signedInRequest<Report>(reportPath(id), { signal });
export const createReport = (body: NewReport) => signedInRequest<Report>('/api/v1/reports', { method: 'POST', body });
export const saveReportTexts = (id: string, texts: Partial<ReportTexts>) => signedInRequest<Report>(reportPath(id), { method: 'PATCH', body: texts });
export const takeReportStep = (id: string, step: PlainReportStep) => signedInRequest<Report>(`${reportPath(id)}/${step}`, { method: 'POST', body: {} });
export const sendBackReport = (id: string, comment: string) => signedInRequest<Report>(`${reportPath(id)}/send-back`, { method: 'POST', body: { comment } });
export const reviseReport = (id: string, changeNote: string) => signedInRequest<Report>(`${reportPath(id)}/revise`, { method: 'POST', body: { changeNote } });

/** The files of a report (links: the session cookie goes with them). */
export const reportFileUrl = (id: string, file: 'memo.pdf' | 'figures.csv' | 'figures.xlsx') => `${reportPath(id)}/${file}`;

/** An agency's published reports, for anyone. */
export const fetchPublishedReports = (code: string, signal?: AbortSignal) =>
  apiRequest<PublicReportList>(`/api/v1/public/agencies/${encodeURIComponent(code)}/reports`, { signal });
/** A published report's figures as open data. */
export const publicFiguresUrl = (code: string, id: string, format: 'csv' | 'xlsx') =>
  `/api/v1/public/agencies/${encodeURIComponent(code)}/reports/${encodeURIComponent(id)}/figures.${format}`;
