import { describe, expect, it } from 'vitest';
import {
  loadAdminAreas,
  loadGovernmentHolidays,
  parseCsv,
  parseCsvLine,
} from './admin-areas.ts';

describe('parseCsv', () => {
  it('handles quoted fields, doubled quotes, commas and line breaks in quotes', () => {
    expect(parseCsvLine('1,"10",กรุงเทพมหานคร,Bangkok')).toEqual(['1', '10', 'กรุงเทพมหานคร', 'Bangkok']);
    expect(parseCsvLine('"a,b","say ""hi""",,""')).toEqual(['a,b', 'say "hi"', '', '']);
    expect(parseCsv('\uFEFFh1,h2\r\n"x\ny",2\r\n\r\nz,\n')).toEqual([
      ['h1', 'h2'],
      ['x\ny', '2'],
      ['z', ''],
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('"abc')).toThrow();
  });
});

describe('loadAdminAreas', () => {
  const areas = loadAdminAreas();
  const byCode = new Map(areas.map((a) => [a.code, a]));

  it('has 77 provinces, 928 districts and 7436 subdistricts', () => {
    expect(areas.filter((a) => a.level === 'province')).toHaveLength(77);
    expect(areas.filter((a) => a.level === 'district')).toHaveLength(928);
    expect(areas.filter((a) => a.level === 'subdistrict')).toHaveLength(7436);
  });

  it('has unique codes of the right shape and existing parents', () => {
    expect(byCode.size).toBe(areas.length);
    const digits = { province: 2, district: 4, subdistrict: 6 } as const;
    for (const a of areas) {
      expect(a.code).toMatch(new RegExp(`^\\d{${digits[a.level]}}$`));
      if (a.level === 'province') {
        expect(a.parentCode).toBeNull();
      } else {
        const parent = byCode.get(a.parentCode ?? '');
        expect(parent?.level).toBe(a.level === 'district' ? 'province' : 'district');
        expect(a.code.startsWith(a.parentCode ?? '-')).toBe(true);
      }
      expect(a.nameTh).not.toBe('');
      expect(a.nameEn).not.toBe('');
    }
  });

  it('resolves known areas', () => {
    expect(byCode.get('10')).toMatchObject({ nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok' });
    expect(byCode.get('6604')).toMatchObject({
      level: 'district',
      parentCode: '66',
      nameTh: 'ตะพานหิน',
      nameEn: 'Taphan Hin',
    });
    const sub = byCode.get('100101');
    expect(sub).toMatchObject({ level: 'subdistrict', parentCode: '1001', postcode: '10200' });
    expect(sub?.lat).toBeCloseTo(13.751, 3);
    expect(sub?.lon).toBeCloseTo(100.492, 3);
    // A few subdistricts have no centroid in the source.
    expect(byCode.get('100910')).toMatchObject({ lat: null, lon: null, postcode: '10260' });
  });
});

describe('loadGovernmentHolidays', () => {
  const holidays = loadGovernmentHolidays();
  const byDate = new Map(holidays.map((h) => [h.date, h.name]));

  it('is sorted by date with unique ISO dates', () => {
    const dates = holidays.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('covers every year 2015-2030', () => {
    const years = new Set(holidays.map((h) => Number(h.date.slice(0, 4))));
    for (let y = 2015; y <= 2030; y++) {
      expect(years.has(y)).toBe(true);
      expect(byDate.has(`${y}-01-01`)).toBe(true);
    }
  });

  it('includes substitution days and government-only days', () => {
    expect(byDate.get('2026-06-01')).toContain('วิสาขบูชา');
    expect(byDate.get('2026-05-13')).toBe('วันพืชมงคล');
    expect(byDate.get('2026-04-13')).toBe('วันสงกรานต์');
  });
});
