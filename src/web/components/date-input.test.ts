import { describe, expect, it } from 'vitest';
import { eraOf, formatDateInput, INVALID_DATE, isIsoDate, parseDateInput, parseTimeInput } from './date-input.ts';

describe('formatDateInput', () => {
  it('writes the Buddhist year in Thai and the Gregorian year in English, day first, without leading zeros', () => {
    expect(formatDateInput('2026-12-06', 'buddhist')).toBe('6/12/2569');
    expect(formatDateInput('2026-12-06', 'gregorian')).toBe('6/12/2026');
    expect(formatDateInput('2027-01-31', 'buddhist')).toBe('31/1/2570');
  });

  it('writes nothing for a value that is not an ISO date', () => {
    expect(formatDateInput('', 'buddhist')).toBe('');
    expect(formatDateInput(INVALID_DATE, 'buddhist')).toBe('');
  });
});

describe('parseDateInput', () => {
  it('reads day/month/Buddhist year in Thai', () => {
    expect(parseDateInput('6/12/2569', 'buddhist')).toEqual({ ok: true, iso: '2026-12-06' });
    expect(parseDateInput(' 06-12-2569 ', 'buddhist')).toEqual({ ok: true, iso: '2026-12-06' });
    expect(parseDateInput('6.12.2569', 'buddhist')).toEqual({ ok: true, iso: '2026-12-06' });
    expect(parseDateInput('6 12 2569', 'buddhist')).toEqual({ ok: true, iso: '2026-12-06' });
  });

  it('reads Thai digits', () => {
    expect(parseDateInput('๖/๑๒/๒๕๖๙', 'buddhist')).toEqual({ ok: true, iso: '2026-12-06' });
  });

  it('reads day/month/Gregorian year in English', () => {
    expect(parseDateInput('6/12/2026', 'gregorian')).toEqual({ ok: true, iso: '2026-12-06' });
  });

  it('takes an ISO date as it is in either era', () => {
    expect(parseDateInput('2026-12-06', 'buddhist')).toEqual({ ok: true, iso: '2026-12-06' });
    expect(parseDateInput('2026-12-06', 'gregorian')).toEqual({ ok: true, iso: '2026-12-06' });
  });

  it('is empty for empty text', () => {
    expect(parseDateInput('   ', 'buddhist')).toEqual({ ok: true, iso: '' });
  });

  it('refuses a year of the other era instead of reading it 543 years off', () => {
    expect(parseDateInput('6/12/2026', 'buddhist')).toEqual({ ok: false, problem: 'era' });
    expect(parseDateInput('6/12/2569', 'gregorian')).toEqual({ ok: false, problem: 'era' });
  });

  it('refuses a day the month does not have, and month 13', () => {
    expect(parseDateInput('31/4/2569', 'buddhist')).toEqual({ ok: false, problem: 'day' });
    expect(parseDateInput('29/2/2569', 'buddhist')).toEqual({ ok: false, problem: 'day' });
    expect(parseDateInput('29/2/2567', 'buddhist')).toEqual({ ok: true, iso: '2024-02-29' });
    expect(parseDateInput('1/13/2569', 'buddhist')).toEqual({ ok: false, problem: 'day' });
    expect(parseDateInput('0/1/2569', 'buddhist')).toEqual({ ok: false, problem: 'day' });
  });

  it('refuses other shapes and years far out of range', () => {
    for (const text of ['12/2569', '6/12/69', 'พรุ่งนี้', '6//12/2569', '12/06/2569/1']) expect(parseDateInput(text, 'buddhist'), text).toEqual({ ok: false, problem: 'format' });
    expect(parseDateInput('1/1/1800', 'gregorian')).toEqual({ ok: false, problem: 'range' });
    expect(parseDateInput('2300-01-01', 'gregorian')).toEqual({ ok: false, problem: 'range' });
  });

  it('formats and parses back to the same date', () => {
    for (const iso of ['2026-01-01', '2026-12-31', '2024-02-29', '1999-07-15']) {
      for (const era of ['buddhist', 'gregorian'] as const) expect(parseDateInput(formatDateInput(iso, era), era)).toEqual({ ok: true, iso });
    }
  });
});

describe('parseTimeInput', () => {
  it('reads a 24-hour time with a colon or a dot, Thai digits and น.', () => {
    expect(parseTimeInput('14:05')).toBe('14:05');
    expect(parseTimeInput('9.30')).toBe('09:30');
    expect(parseTimeInput('๑๔.๐๕ น.')).toBe('14:05');
    expect(parseTimeInput('  ')).toBe('');
  });

  it('refuses what is not a time of day', () => {
    for (const text of ['24:00', '12:60', '1405', 'บ่ายสอง', '2:5']) expect(parseTimeInput(text), text).toBeUndefined();
  });
});

describe('eraOf and isIsoDate', () => {
  it('Buddhist in Thai, Gregorian otherwise', () => {
    expect(eraOf('th')).toBe('buddhist');
    expect(eraOf('en')).toBe('gregorian');
  });

  it('tells an ISO date from empty and invalid values', () => {
    expect(isIsoDate('2026-12-06')).toBe(true);
    expect(isIsoDate('')).toBe(false);
    expect(isIsoDate(INVALID_DATE)).toBe(false);
  });
});
