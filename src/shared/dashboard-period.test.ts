import { describe, expect, it } from 'vitest';
import { fiscalYearOf, periodDates } from './dashboard-period.ts';

describe('dashboard periods', () => {
  it('a fiscal year runs from 1 October to 30 September, in the Buddhist era', () => {
    expect(periodDates('fy2569')).toEqual({ from: '2025-10-01', to: '2026-09-30', previousFrom: '2024-10-01', previousTo: '2025-09-30' });
    expect(fiscalYearOf('2025-09-30')).toBe(2568);
    expect(fiscalYearOf('2025-10-01')).toBe(2569);
  });

  it('the first quarter is October to December; the one before Q1 is Q4 of the year before', () => {
    expect(periodDates('q1-2569')).toEqual({ from: '2025-10-01', to: '2025-12-31', previousFrom: '2025-07-01', previousTo: '2025-09-30' });
    expect(periodDates('q2-2569')).toMatchObject({ from: '2026-01-01', to: '2026-03-31', previousFrom: '2025-10-01' });
    expect(periodDates('q4-2569')).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
  });

  it('a month of a Buddhist year, leap days included', () => {
    expect(periodDates('2569-10')).toEqual({ from: '2026-10-01', to: '2026-10-31', previousFrom: '2026-09-01', previousTo: '2026-09-30' });
    expect(periodDates('2571-03')).toMatchObject({ from: '2028-03-01', previousFrom: '2028-02-01', previousTo: '2028-02-29' });
    expect(periodDates('2569-01')).toMatchObject({ previousFrom: '2025-12-01', previousTo: '2025-12-31' });
  });

  it('custom dates, the previous period as many days just before', () => {
    expect(periodDates('custom', { from: '2026-03-10', to: '2026-03-19' })).toEqual({ from: '2026-03-10', to: '2026-03-19', previousFrom: '2026-02-28', previousTo: '2026-03-09' });
    expect(periodDates('custom')).toBeUndefined();
    expect(periodDates('2569-13')).toBeUndefined();
    expect(periodDates('fy69')).toBeUndefined();
  });
});
