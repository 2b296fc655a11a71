import { describe, expect, it } from 'vitest';
import { loadAdminAreas } from './admin-areas.ts';
import {
  buildAgencyTree,
  cleanDistrictNameEn,
  cleanDistrictNameTh,
  DEMO_AGENCY_CODES,
  type AgencySeed,
} from './agency-tree.ts';

const areas = loadAdminAreas();
const tree = buildAgencyTree(areas);
const byCode = new Map(tree.map((a) => [a.code, a]));
const withPrefix = (prefix: string): AgencySeed[] => tree.filter((a) => a.code.startsWith(prefix));

describe('buildAgencyTree', () => {
  it('has unique, short, lower-case ASCII codes', () => {
    expect(byCode.size).toBe(tree.length);
    for (const a of tree) {
      expect(a.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(a.code.length).toBeLessThanOrEqual(32);
    }
  });

  it('has the hub as its only root, and every parent before its child', () => {
    const roots = tree.filter((a) => a.parentCode === null);
    expect(roots.map((a) => a.code)).toEqual(['hub-1111']);
    expect(roots[0]?.kind).toBe('hub');
    expect(tree[0]?.code).toBe('hub-1111');
    const seen = new Set<string>();
    for (const a of tree) {
      if (a.parentCode !== null) expect(seen.has(a.parentCode)).toBe(true);
      seen.add(a.code);
    }
  });

  it('has the 20 ministries under the hub', () => {
    const ministries = tree.filter((a) => a.kind === 'ministry');
    expect(ministries).toHaveLength(20);
    for (const m of ministries) expect(m.parentCode).toBe('hub-1111');
    expect(new Set(ministries.map((m) => m.nameTh)).size).toBe(20);
    expect(byCode.get('moi')?.nameEn).toBe('Ministry of Interior');
    expect(byCode.get('moph')?.nameTh).toBe('กระทรวงสาธารณสุข');
  });

  it('has 77 provincial and 878 district Damrongtham centres', () => {
    const provincial = withPrefix('dtc-p');
    const district = withPrefix('dtc-d');
    expect(provincial).toHaveLength(77);
    expect(district).toHaveLength(878);
    for (const p of provincial) {
      expect(p).toMatchObject({ parentCode: 'moi-damrongtham', kind: 'province' });
    }
    for (const d of district) {
      expect(d.kind).toBe('district');
      expect(d.parentCode).toBe(`dtc-p${d.code.slice(5, 7)}`);
      expect(d.nameTh.startsWith('ศูนย์ดำรงธรรมอำเภอ')).toBe(true);
      expect(d.nameTh).not.toMatch(/อำเภออำเภอ|อำเภอกิ่ง|\*/);
    }
    expect(byCode.get('dtc-p10')).toMatchObject({
      nameTh: 'ศูนย์ดำรงธรรมกรุงเทพมหานคร',
      nameEn: 'Damrongtham Center, Bangkok',
      areaCodes: ['10'],
    });
    expect(byCode.get('dtc-p66')).toMatchObject({
      nameTh: 'ศูนย์ดำรงธรรมจังหวัดพิจิตร',
      nameEn: 'Damrongtham Center, Phichit Province',
    });
    expect(byCode.get('dtc-d6604')).toMatchObject({
      parentCode: 'dtc-p66',
      nameTh: 'ศูนย์ดำรงธรรมอำเภอตะพานหิน',
      nameEn: 'Damrongtham Center, Taphan Hin District',
      areaCodes: ['6604'],
    });
    expect(byCode.has('dtc-d1001')).toBe(false);
  });

  it('has the Bangkok Metropolitan Administration under the Interior Ministry', () => {
    expect(byCode.get('bma')).toMatchObject({
      parentCode: 'moi',
      nameTh: 'กรุงเทพมหานคร',
      nameEn: 'Bangkok Metropolitan Administration',
      kind: 'local',
      areaCodes: ['10'],
    });
  });

  it('has one BMA district office per Bangkok district', () => {
    const offices = withPrefix('bma-d');
    expect(offices).toHaveLength(50);
    const bangkokDistricts = areas
      .filter((a) => a.level === 'district' && a.parentCode === '10')
      .map((a) => a.code)
      .sort();
    expect(bangkokDistricts).toHaveLength(50);
    expect(offices.flatMap((o) => o.areaCodes).sort()).toEqual(bangkokDistricts);
    for (const o of offices) {
      expect(o).toMatchObject({ parentCode: 'bma', kind: 'local' });
      expect(o.areaCodes).toEqual([o.code.slice('bma-d'.length)]);
      expect(o.nameTh).toMatch(/^สำนักงานเขต\S/);
      expect(o.nameTh).not.toMatch(/เขตเขต|\*/);
      expect(o.nameEn).toMatch(/^\S.* District Office$/);
      expect(o.nameEn).not.toMatch(/District District|^Khet /);
    }
    expect(new Set(offices.map((o) => o.nameTh)).size).toBe(50);
    expect(byCode.get('bma-d1004')).toMatchObject({
      nameTh: 'สำนักงานเขตบางรัก',
      nameEn: 'Bang Rak District Office',
      areaCodes: ['1004'],
    });
  });

  it('has 76 provincial and 878 district health offices', () => {
    const pho = withPrefix('pho-');
    const dho = withPrefix('dho-');
    expect(pho).toHaveLength(76);
    expect(dho).toHaveLength(878);
    expect(byCode.has('pho-10')).toBe(false);
    for (const p of pho) expect(p).toMatchObject({ parentCode: 'moph-complaint', kind: 'province' });
    expect(byCode.get('moph-complaint')?.parentCode).toBe('moph');
    expect(byCode.get('dho-6604')).toMatchObject({
      parentCode: 'pho-66',
      kind: 'district',
      nameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน',
      nameEn: 'District Public Health Office, Taphan Hin',
      areaCodes: ['6604'],
    });
    expect(byCode.get('pho-66')?.nameTh).toBe('สำนักงานสาธารณสุขจังหวัดพิจิตร');
  });

  it('disambiguates district names shared by several provinces', () => {
    const chaloem = withPrefix('dho-').filter((a) => a.nameTh.includes('เฉลิมพระเกียรติ'));
    expect(chaloem).toHaveLength(5);
    expect(new Set(chaloem.map((a) => a.nameTh)).size).toBe(5);
    for (const a of chaloem) expect(a.nameTh).toMatch(/ จังหวัด/);
  });

  it('has the Royal Thai Police directly under the hub, with regions covering the provinces', () => {
    expect(byCode.get('rtp')).toMatchObject({ parentCode: 'hub-1111', kind: 'independent' });
    expect(byCode.get('rtp-inspector')?.parentCode).toBe('rtp');
    expect(byCode.get('rtp-mpb')).toMatchObject({ parentCode: 'rtp', areaCodes: ['10'] });
    const regions = withPrefix('rtp-region-');
    expect(regions).toHaveLength(9);
    const covered = regions.flatMap((r) => r.areaCodes);
    const nonBangkok = areas
      .filter((a) => a.level === 'province' && a.code !== '10')
      .map((a) => a.code)
      .sort();
    // Each province outside Bangkok belongs to exactly one region.
    expect([...covered].sort()).toEqual(nonBangkok);
    expect(byCode.get('rtp-region-6')?.areaCodes).toContain('66');
    expect(byCode.get('rtp-region-1')?.nameTh).toBe('ตำรวจภูธรภาค 1');
  });

  it('points every demo code at an existing agency', () => {
    for (const code of Object.values(DEMO_AGENCY_CODES)) expect(byCode.has(code)).toBe(true);
    expect(DEMO_AGENCY_CODES).toMatchObject({
      hub: 'hub-1111',
      moph: 'moph-complaint',
      taphanHin: 'dho-6604',
      interior: 'moi',
    });
  });

  it('area codes refer to real provinces or districts', () => {
    const areaCodes = new Set(areas.filter((a) => a.level !== 'subdistrict').map((a) => a.code));
    for (const a of tree) for (const c of a.areaCodes) expect(areaCodes.has(c)).toBe(true);
  });
});

describe('district name cleaning', () => {
  it('strips prefixes and markers', () => {
    expect(cleanDistrictNameTh('อำเภอตะพานหิน')).toBe('ตะพานหิน');
    expect(cleanDistrictNameTh('กิ่งอำเภอสากเหล็ก*')).toBe('สากเหล็ก');
    expect(cleanDistrictNameTh('สุไหงโก-ลก')).toBe('สุไหงโก-ลก');
    expect(cleanDistrictNameTh('เขตบางรัก')).toBe('บางรัก');
    expect(cleanDistrictNameEn('Amphoe Taphan Hin')).toBe('Taphan Hin');
    expect(cleanDistrictNameEn('Sak Lek*')).toBe('Sak Lek');
  });
});
