import { describe, expect, it } from 'vitest';
import { fiscalYearOf, periodLabelTh, resolvePeriod, thaiDigits } from './fiscal-period.ts';

describe('reporting periods', () => {
  it('takes FY2569 to be 1 October 2025 to 30 September 2026', () => {
    expect(resolvePeriod({ kind: 'fiscal_year', fiscalYear: 2569 })).toEqual({ kind: 'fiscal_year', fiscalYear: 2569, quarter: null, from: '2025-10-01', to: '2026-09-30' });
  });

  it('starts the quarters in October, January, April and July, each to its last day', () => {
    const quarters = [1, 2, 3, 4].map((quarter) => resolvePeriod({ kind: 'quarter', fiscalYear: 2569, quarter }));
    expect(quarters.map(({ from, to }) => [from, to])).toEqual([
      ['2025-10-01', '2025-12-31'],
      ['2026-01-01', '2026-03-31'],
      ['2026-04-01', '2026-06-30'],
      ['2026-07-01', '2026-09-30'],
    ]);
    // A leap year's February: Q2 of FY2567 ends on 31 March 2024 all the same.
    expect(resolvePeriod({ kind: 'quarter', fiscalYear: 2567, quarter: 2 })).toMatchObject({ from: '2024-01-01', to: '2024-03-31' });
  });

  it('keeps a custom range as given', () => {
    expect(resolvePeriod({ kind: 'custom', from: '2026-02-03', to: '2026-02-20' })).toEqual({ kind: 'custom', fiscalYear: null, quarter: null, from: '2026-02-03', to: '2026-02-20' });
  });

  it('names the fiscal year of a date', () => {
    expect(fiscalYearOf('2025-09-30')).toBe(2568);
    expect(fiscalYearOf('2025-10-01')).toBe(2569);
    expect(fiscalYearOf('2026-09-30')).toBe(2569);
  });

  it('names periods in Thai with Buddhist-era dates, and writes Thai digits', () => {
    expect(periodLabelTh(resolvePeriod({ kind: 'fiscal_year', fiscalYear: 2569 }))).toBe('ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)');
    expect(periodLabelTh(resolvePeriod({ kind: 'quarter', fiscalYear: 2569, quarter: 2 }))).toBe('ไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2569 (1 ม.ค. 2569 – 31 มี.ค. 2569)');
    expect(thaiDigits('ปี 2569 ข้อ 10')).toBe('ปี ๒๕๖๙ ข้อ ๑๐');
  });
});
