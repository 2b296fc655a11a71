/**
 * Reporting periods (ช่วงเวลารายงาน) of the Thai government: the fiscal year (ปีงบประมาณ) runs
 * from 1 October to 30 September and is named by the Buddhist-era year it ends in — FY2569 is
 * 1 Oct 2025 to 30 Sep 2026 — and its quarters (ไตรมาส) start in October, January, April and
 * July. A custom range is two Bangkok dates. Both ends are included.
 */
import type { IsoDate } from './business-days.ts';

/** พ.ศ. = ค.ศ. + 543. */
export const BUDDHIST_ERA_OFFSET = 543;

export type ReportPeriodInput =
  | { kind: 'fiscal_year'; fiscalYear: number }
  | { kind: 'quarter'; fiscalYear: number; quarter: number }
  | { kind: 'custom'; from: IsoDate; to: IsoDate };

export interface ReportPeriod {
  kind: ReportPeriodInput['kind'];
  /** The Buddhist-era fiscal year; null for a custom range. */
  fiscalYear: number | null;
  quarter: number | null;
  from: IsoDate;
  to: IsoDate;
}

const pad = (value: number) => String(value).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The first and last day of a fiscal year's quarter (1–4), or of the whole year without one. */
function fiscalRange(fiscalYear: number, quarter?: number): { from: IsoDate; to: IsoDate } {
  const endYear = fiscalYear - BUDDHIST_ERA_OFFSET;
  if (quarter === undefined) return { from: `${endYear - 1}-10-01`, to: `${endYear}-09-30` };
  // Q1 = Oct–Dec of the year before, Q2 = Jan–Mar, Q3 = Apr–Jun, Q4 = Jul–Sep.
  const firstMonth = quarter === 1 ? 10 : (quarter - 1) * 3 - 2;
  const year = quarter === 1 ? endYear - 1 : endYear;
  const lastMonth = firstMonth + 2;
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDayOf(year, lastMonth))}` };
}

/** The dates of a period as asked for. */
export function resolvePeriod(input: ReportPeriodInput): ReportPeriod {
  switch (input.kind) {
    case 'fiscal_year':
      return { kind: input.kind, fiscalYear: input.fiscalYear, quarter: null, ...fiscalRange(input.fiscalYear) };
    case 'quarter':
      return { kind: input.kind, fiscalYear: input.fiscalYear, quarter: input.quarter, ...fiscalRange(input.fiscalYear, input.quarter) };
    case 'custom':
      return { kind: input.kind, fiscalYear: null, quarter: null, from: input.from, to: input.to };
  }
}

/** The Buddhist-era fiscal year a Bangkok date falls in: 2025-10-01 → 2569. */
export function fiscalYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return year + BUDDHIST_ERA_OFFSET + (month >= 10 ? 1 : 0);
}

const THAI_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'] as const;

/** A date in short Thai with the Buddhist-era year: '2025-10-01' → '1 ต.ค. 2568'. */
export function shortThaiDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${THAI_MONTHS_SHORT[month - 1]} ${year + BUDDHIST_ERA_OFFSET}`;
}

/** How a period is named in a report's title: "ปีงบประมาณ พ.ศ. 2569", "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2569", or the range. */
export function periodLabelTh(period: ReportPeriod): string {
  const range = `(${shortThaiDate(period.from)} – ${shortThaiDate(period.to)})`;
  if (period.kind === 'fiscal_year') return `ปีงบประมาณ พ.ศ. ${period.fiscalYear} ${range}`;
  if (period.kind === 'quarter') return `ไตรมาสที่ ${period.quarter} ปีงบประมาณ พ.ศ. ${period.fiscalYear} ${range}`;
  return `ระหว่างวันที่ ${shortThaiDate(period.from)} ถึงวันที่ ${shortThaiDate(period.to)}`;
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/** Arabic digits written as Thai digits (เลขไทย), as official memos use them: '2569' → '๒๕๖๙'. */
export function thaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => THAI_DIGITS[Number(digit)] ?? digit);
}
