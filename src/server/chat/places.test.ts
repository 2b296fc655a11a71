import { describe, expect, it } from 'vitest';
import { placeNamed, type Gazetteer } from './places.ts';

const gazetteer: Gazetteer = {
  provinces: [
    { code: '66', nameTh: 'พิจิตร', nameEn: 'Phichit' },
    { code: '10', nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok' },
    { code: '50', nameTh: 'เชียงใหม่', nameEn: 'Chiang Mai' },
  ],
  districts: new Map([
    ['66', [{ code: '6604', nameTh: 'ตะพานหิน', nameEn: 'Taphan Hin' }, { code: '6601', nameTh: 'เมืองพิจิตร', nameEn: 'Mueang Phichit' }]],
    ['10', [{ code: '1004', nameTh: 'บางรัก', nameEn: 'Bang Rak' }]],
    ['50', [{ code: '5001', nameTh: 'เมืองเชียงใหม่', nameEn: 'Mueang Chiang Mai' }]],
  ]),
};

describe('a place typed by name', () => {
  it('takes a district with its province, with or without prefixes and spaces', () => {
    for (const text of ['ตะพานหิน พิจิตร', 'อ.ตะพานหิน จ.พิจิตร', 'อำเภอตะพานหิน จังหวัดพิจิตร', 'พิจิตร ตะพานหิน']) {
      expect(placeNamed(gazetteer, text), text).toEqual({ provinceCode: '66', districtCode: '6604', labelTh: 'อ.ตะพานหิน จ.พิจิตร' });
    }
  });

  it('takes a province alone, a district alone when only one province has it, and Bangkok as เขต', () => {
    expect(placeNamed(gazetteer, 'จังหวัดเชียงใหม่')).toEqual({ provinceCode: '50', districtCode: undefined, labelTh: 'จ.เชียงใหม่' });
    expect(placeNamed(gazetteer, 'ตะพานหิน')).toMatchObject({ provinceCode: '66', districtCode: '6604' });
    expect(placeNamed(gazetteer, 'เขตบางรัก กรุงเทพมหานคร')).toEqual({ provinceCode: '10', districtCode: '1004', labelTh: 'เขตบางรัก กรุงเทพมหานคร' });
    expect(placeNamed(gazetteer, 'Phichit')).toMatchObject({ provinceCode: '66' });
  });

  it('finds nothing in words that name no place', () => {
    expect(placeNamed(gazetteer, 'หน้าตลาด')).toBeUndefined();
    expect(placeNamed(gazetteer, '   ')).toBeUndefined();
  });
});
