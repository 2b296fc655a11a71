import { describe, expect, it } from 'vitest';
import { changeOf, defaultView, fiscalQuarterOf, fiscalYearChoices, searchOf, viewFromSearch } from './dashboard-query.ts';

/** 7 December 2026 in Bangkok: fiscal year 2569 runs to 30 September 2026, so 2570. */
const today = new Date('2026-12-07T10:00:00+07:00');

describe('the dashboard view and its address', () => {
  it('shows the current fiscal year in the Buddhist era, unfiltered, by default', () => {
    expect(viewFromSearch('', today)).toMatchObject({ kind: 'fy', year: 2570, quarter: 1, month: 12, agency: '' });
    expect(searchOf(defaultView(today))).toBe('period=fy2570');
  });

  it.each([
    ['period=fy2569', 'period=fy2569'],
    ['period=q3-2569&agency=pho-66', 'period=q3-2569&agency=pho-66'],
    ['period=2569-10&channel=line&province=66&category=health', 'period=2569-10&category=health&channel=line&province=66'],
    ['period=custom&from=2026-01-01&to=2026-03-31', 'period=custom&from=2026-01-01&to=2026-03-31'],
  ])('reads %s and writes it back as the API takes it', (search, written) => {
    expect(searchOf(viewFromSearch(search, today))).toBe(written);
  });

  it('falls back to the default for what is malformed', () => {
    expect(searchOf(viewFromSearch('period=fy25&channel=pigeon&province=Bangkok', today))).toBe('period=fy2570');
    expect(searchOf(viewFromSearch('period=custom&from=2026-01-01', today))).toBe('period=fy2570');
  });

  it('offers the fiscal years newest first, and finds the quarter of a month', () => {
    expect(fiscalYearChoices(today, 3)).toEqual([2570, 2569, 2568]);
    expect([10, 12, 1, 3, 4, 6, 7, 9].map(fiscalQuarterOf)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('gives the trend as a share of the previous figure, none without one', () => {
    expect(changeOf(15, 10)).toBe(0.5);
    expect(changeOf(5, 10)).toBe(-0.5);
    expect(changeOf(3, 0)).toBeNull();
  });
});
