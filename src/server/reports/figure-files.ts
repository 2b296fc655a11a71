/** A report's figures sent as a file: CSV or XLSX, named by agency, period and version. */
import type { FastifyReply } from 'fastify';
import type { PublicReportFigures, ReportFigures } from '../../shared/api/reports.ts';
import { figuresCsv } from './figure-table.ts';
import { figuresXlsx } from './figures-xlsx.ts';
import { periodOf } from './presenter.ts';
import type { ReportRow } from './queries.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const FIGURE_FILE_TYPES = ['text/csv', XLSX_TYPE];

/** Replies with `figures` (the row's own, or their public form) as a download. */
export async function sendFigureFile(reply: FastifyReply, row: ReportRow, figures: ReportFigures | PublicReportFigures, format: 'csv' | 'xlsx'): Promise<FastifyReply> {
  const name = `report-${row.agencyCode}-${row.periodFrom}-v${row.version}.${format}`;
  const body = format === 'csv' ? figuresCsv(figures) : await figuresXlsx(figures, `${row.agencyNameTh} ${periodOf(row).labelTh}`);
  return reply
    .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}
