/** A report's figures as a spreadsheet (XLSX, with exceljs): the same table as the CSV, with a title row. */
import ExcelJS from 'exceljs';
import type { PublicReportFigures, ReportFigures } from '../../shared/api/reports.ts';
import { FIGURE_TABLE_HEADER, figureTable } from './figure-table.ts';

/** The workbook: one sheet, the title (agency and period) above the table. */
export async function figuresXlsx(figures: ReportFigures | PublicReportFigures, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rongthuk';
  const sheet = workbook.addWorksheet('สรุปเรื่องร้องเรียน');
  sheet.columns = [{ width: 30 }, { width: 45 }, { width: 12 }];
  sheet.addRow([title]).font = { bold: true };
  sheet.addRow([...FIGURE_TABLE_HEADER]).font = { bold: true };
  for (const row of figureTable(figures)) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
