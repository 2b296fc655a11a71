import { describe, expect, it } from 'vitest';
import type { Category } from '../api/types.ts';
import { checkComplaint, checkFiles, complaintBody, EMPTY_COMPLAINT, filterCategories, type ComplaintFormValues, type UploadLimits } from './complaint-form.ts';

const filled: ComplaintFormValues = { ...EMPTY_COMPLAINT, description: 'ถนนหน้าบ้านเป็นหลุมลึกมาก รถล้มบ่อย' };
const photo = { name: 'a.jpg', size: 1000, type: 'image/jpeg' };
/** As GET /api/v1/public/settings gives them by default. */
const limits: UploadLimits = { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024, mediaTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] };

describe('checkComplaint', () => {
  it('accepts a description alone', () => {
    expect(checkComplaint(filled, [], limits)).toEqual({});
  });

  it('asks for a description, then for a long enough one', () => {
    expect(checkComplaint(EMPTY_COMPLAINT, [], limits).description).toEqual({ key: 'errors.required' });
    expect(checkComplaint({ ...filled, description: '   สั้น   ' }, [], limits).description).toEqual({ key: 'errors.tooShort', values: { min: 10 } });
    expect(checkComplaint({ ...filled, description: 'ก'.repeat(5001) }, [], limits).description?.key).toBe('errors.tooLong');
  });

  it('checks phone and e-mail only when the complainant gives them and is not anonymous', () => {
    const bad = { ...filled, phone: 'โทรหาฉัน', email: 'somchai@' };
    expect(Object.keys(checkComplaint(bad, [], limits))).toEqual(['complainant.phone', 'complainant.email']);
    expect(checkComplaint({ ...bad, anonymous: true }, [], limits)).toEqual({});
    expect(checkComplaint({ ...filled, phone: '081-234-5678', email: 'somchai@example.go.th' }, [], limits)).toEqual({});
    expect(checkComplaint({ ...filled, phone: '๐๘๑ ๒๓๔ ๕๖๗๘' }, [], limits)).toEqual({});
  });

  it('checks the national ID by its check digit before sending (staff intake of a letter)', () => {
    expect(checkComplaint({ ...filled, nationalId: '1-1017-00203-45-0' }, [], limits)).toEqual({});
    expect(checkComplaint({ ...filled, nationalId: '๑๑๐๑๗๐๐๒๐๓๔๕๐' }, [], limits)).toEqual({});
    expect(checkComplaint({ ...filled, nationalId: '1101700203451' }, [], limits)['complainant.nationalId']).toEqual({ key: 'citizen:file.invalidNationalId' });
    expect(checkComplaint({ ...filled, nationalId: '12345' }, [], limits)['complainant.nationalId']).toEqual({ key: 'citizen:file.invalidNationalId' });
    expect(checkComplaint({ ...filled, postalAddress: 'ก'.repeat(501) }, [], limits)['complainant.address']?.key).toBe('errors.tooLong');
  });

  it('names each file that is too large or of the wrong type, and too many files', () => {
    const problems = checkComplaint(filled, [photo, { name: 'big.png', size: limits.maxFileBytes + 1, type: 'image/png' }, { name: 'page.html', size: 10, type: 'text/html' }], limits);
    expect(problems['files[0]']).toBeUndefined();
    expect(problems['files[1]']?.key).toBe('citizen:file.fileTooLarge');
    expect(problems['files[2]']?.key).toBe('citizen:file.fileType');
    expect(checkComplaint(filled, Array.from({ length: 6 }, () => photo), limits).files?.key).toBe('citizen:file.tooManyFiles');
  });

  it('takes the limits the server configures, and leaves the files to the server until they are known', () => {
    const three = Array.from({ length: 3 }, () => photo);
    expect(checkFiles(three, { ...limits, maxFiles: 2 }).files).toEqual({ key: 'citizen:file.tooManyFiles', values: { max: 2 } });
    expect(checkFiles([{ ...photo, size: 3 * 1024 * 1024 }], { ...limits, maxFileBytes: 2 * 1024 * 1024 })['files[0]']).toEqual({
      key: 'citizen:file.fileTooLarge',
      values: { name: 'a.jpg', max: 2 },
    });
    expect(checkFiles(Array.from({ length: 20 }, () => photo), undefined)).toEqual({});
  });
});

describe('complaintBody', () => {
  it('sends the national ID and the postal address with the complainant', () => {
    expect(complaintBody({ ...filled, name: 'สมหมาย ส่งจดหมาย', nationalId: ' 1101700203450 ', postalAddress: ' 12 หมู่ 3 ต.ตะพานหิน จ.พิจิตร 66110 ' }).complainant).toEqual({
      name: 'สมหมาย ส่งจดหมาย',
      nationalId: '1101700203450',
      address: '12 หมู่ 3 ต.ตะพานหิน จ.พิจิตร 66110',
      language: 'th',
    });
    expect(complaintBody({ ...filled, postalAddress: '12 หมู่ 3' }).complainant).toEqual({ address: '12 หมู่ 3', language: 'th' });
  });

  it('sends only what was given, trimmed', () => {
    expect(complaintBody({ ...filled, title: '  ', description: `  ${filled.description}  ` })).toEqual({
      description: filled.description,
      anonymous: false,
      confidential: false,
    });
  });

  it('sends the place and the position together', () => {
    const body = complaintBody({ ...filled, provinceCode: '66', districtCode: '6604', address: ' หน้าโรงเรียน ', position: { lat: 16.2, lon: 100.4 } });
    expect(body.location).toEqual({ provinceCode: '66', districtCode: '6604', address: 'หน้าโรงเรียน', lat: 16.2, lon: 100.4 });
  });

  it('drops the contact details of an anonymous complaint even if typed before ticking anonymous', () => {
    const body = complaintBody({ ...filled, name: 'สมชาย', phone: '0812345678', anonymous: true });
    expect(body.complainant).toBeUndefined();
    expect(body.anonymous).toBe(true);
  });

  it('keeps the contact language with the contact details', () => {
    expect(complaintBody({ ...filled, email: 'a@b.co', contactLanguage: 'en' }).complainant).toEqual({ email: 'a@b.co', language: 'en' });
  });
});

describe('filterCategories', () => {
  const categories: Category[] = [
    { code: 'road', parentCode: null, nameTh: 'ถนนชำรุด', nameEn: 'Damaged road', sensitive: false, aliases: ['ถนน'] },
    { code: 'drugs', parentCode: null, nameTh: 'ยาเสพติด', nameEn: 'Drugs', sensitive: true, aliases: ['ยาบ้า'] },
  ];

  it('matches Thai and English names, codes and aliases, ignoring case', () => {
    expect(filterCategories(categories, 'ถนน').map((c) => c.code)).toEqual(['road']);
    expect(filterCategories(categories, 'DRUG').map((c) => c.code)).toEqual(['drugs']);
    expect(filterCategories(categories, 'ยาบ้า').map((c) => c.code)).toEqual(['drugs']);
    expect(filterCategories(categories, '  ')).toHaveLength(2);
    expect(filterCategories(categories, 'ไม่มี')).toEqual([]);
  });
});
