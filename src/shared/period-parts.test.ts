import { describe, expect, it } from 'vitest';
import { periodParts, slotsOf } from './period-parts.ts';

describe('periodParts', () => {
  it('reads a fiscal year as twelve whole months and no days', () => {
    expect(periodParts('2025-10-01', '2026-09-30')).toEqual({ months: { from: '2025-10-01', to: '2026-09-01' }, days: [] });
  });

  it('reads one month as that month', () => {
    expect(periodParts('2024-02-01', '2024-02-29')).toEqual({ months: { from: '2024-02-01', to: '2024-02-01' }, days: [] });
  });

  it('keeps the days at both edges of a custom period', () => {
    expect(periodParts('2026-01-15', '2026-04-10')).toEqual({
      months: { from: '2026-02-01', to: '2026-03-01' },
      days: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-04-01', to: '2026-04-10' },
      ],
    });
  });

  it('reads a period inside one month, or across two without a whole one, as days', () => {
    expect(periodParts('2026-03-05', '2026-03-20')).toEqual({ months: null, days: [{ from: '2026-03-05', to: '2026-03-20' }] });
    expect(periodParts('2026-03-05', '2026-04-20')).toEqual({ months: null, days: [{ from: '2026-03-05', to: '2026-04-20' }] });
    expect(periodParts('2026-03-31', '2026-03-31')).toEqual({ months: null, days: [{ from: '2026-03-31', to: '2026-03-31' }] });
  });

  it('crosses a year end', () => {
    expect(periodParts('2025-12-31', '2026-02-01')).toEqual({
      months: { from: '2026-01-01', to: '2026-01-01' },
      days: [
        { from: '2025-12-31', to: '2025-12-31' },
        { from: '2026-02-01', to: '2026-02-01' },
      ],
    });
  });
});

describe('slotsOf', () => {
  it('lists every day, or every month touched from its first day', () => {
    expect(slotsOf('2026-02-27', '2026-03-02', 'day')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(slotsOf('2025-12-15', '2026-02-17', 'month')).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
    expect(slotsOf('2025-10-01', '2026-09-30', 'month')).toHaveLength(12);
  });
});
