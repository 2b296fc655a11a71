/**
 * A report's figures as one table — section, item, count — for the CSV and spreadsheet files.
 * The same for the staff's exact figures and the public's (where small counts read "<5").
 */
import type { PublicReportFigures, ReportFigures } from '../../shared/api/reports.ts';
import { spreadsheetCsv } from '../../shared/csv.ts';

export const FIGURE_TABLE_HEADER = ['หมวด', 'รายการ', 'จำนวน'] as const;
export type FigureTableRow = readonly [section: string, item: string, count: number | string];

/** The rows of the table: the total, each breakdown, integrity, SLA and satisfaction. */
export function figureTable(figures: ReportFigures | PublicReportFigures): FigureTableRow[] {
  const rows: FigureTableRow[] = [['รวม', 'เรื่องร้องเรียนที่ได้รับทั้งหมด', figures.received]];
  for (const row of figures.byChannel) rows.push(['ช่องทาง', row.labelTh, row.count]);
  for (const row of figures.byCategory) rows.push(['ประเภทเรื่อง', row.nameTh, row.count]);
  for (const row of figures.byResult) rows.push(['ผลการดำเนินการ', row.labelTh, row.count]);
  for (const row of figures.byStatusAtEnd) rows.push(['สถานะ ณ วันสิ้นสุดช่วงรายงาน', row.labelTh, row.count]);
  const { integrity, sla, satisfaction } = figures;
  rows.push(
    ['ลักษณะเรื่อง', 'การทุจริต', integrity.corruption],
    ['ลักษณะเรื่อง', 'การประพฤติมิชอบของเจ้าหน้าที่', integrity.misconduct],
    ['ลักษณะเรื่อง', 'การให้บริการและเรื่องทั่วไป', integrity.service],
    ['กรอบเวลา', 'แล้วเสร็จภายในกำหนด', sla.met],
    ['กรอบเวลา', 'แล้วเสร็จเกินกำหนด', sla.missed],
    ['กรอบเวลา', 'อยู่ระหว่างดำเนินการภายในกำหนด', sla.openWithinTime],
    ['กรอบเวลา', 'อยู่ระหว่างดำเนินการเกินกำหนด', sla.openOverdue],
    ['ความพึงพอใจ', 'จำนวนผู้ประเมิน', satisfaction.responses],
    ['ความพึงพอใจ', 'คะแนนเฉลี่ย (เต็ม 5)', satisfaction.average ?? '-'],
  );
  return rows;
}

/** The table as a CSV file for spreadsheets (UTF-8 with a byte-order mark). */
export function figuresCsv(figures: ReportFigures | PublicReportFigures): string {
  return spreadsheetCsv(FIGURE_TABLE_HEADER, figureTable(figures));
}
