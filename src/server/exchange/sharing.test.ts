import { describe, expect, it } from 'vitest';
import { identityLevel, sharedComplainant, sharedFileName, sharedText, withoutIdentity, type SharingAgreement } from './sharing.ts';

const identity = { name: 'สมหญิง รักษ์ดี', phone: '0812345678', email: 'somying@example.com', nationalId: '1103700012346', address: '12 ซอยลาดพร้าว 71' };
const agreement = (overrides: Partial<SharingAgreement> = {}): SharingAgreement => ({ identity: 'contact', textSharing: 'full', attachments: false, ...overrides });
const plain = { confidential: false, sensitive: false, anonymous: false, identityConfirmed: false };

describe('the sharing agreement', () => {
  it('sends the agreed identity of an ordinary case, and none of a confidential, sensitive or anonymous one unless full and confirmed', () => {
    expect(identityLevel(agreement(), plain)).toBe('contact');
    expect(identityLevel(agreement({ identity: 'none' }), plain)).toBe('none');
    for (const facts of [{ confidential: true }, { sensitive: true }]) {
      expect(identityLevel(agreement({ identity: 'contact' }), { ...plain, ...facts, identityConfirmed: true })).toBe('none');
      expect(identityLevel(agreement({ identity: 'full' }), { ...plain, ...facts })).toBe('none');
      expect(identityLevel(agreement({ identity: 'full' }), { ...plain, ...facts, identityConfirmed: true })).toBe('full');
    }
    expect(identityLevel(agreement({ identity: 'full' }), { ...plain, anonymous: true, identityConfirmed: true })).toBe('none');
  });

  it('contact is name, phone and e-mail; full adds the ID and address; none is nothing', () => {
    expect(sharedComplainant('contact', identity)).toEqual({ name: identity.name, phone: identity.phone, email: identity.email });
    expect(sharedComplainant('full', identity)).toEqual(identity);
    expect(sharedComplainant('none', identity)).toBeNull();
    expect(sharedComplainant('contact', {})).toBeNull();
  });

  it('redacts the text as agreed, and always (the complainant too) where no identity goes', () => {
    const text = `ผมชื่อ สมหญิง รักษ์ดี (สมหญิง) โทร 081-234-5678 อีเมล SOMYING@example.com เลขบัตร 1 1037 00012 34 6`;
    expect(sharedText(text, 'contact', agreement(), identity)).toEqual({ text, redacted: false });
    const redacted = sharedText(text, 'contact', agreement({ textSharing: 'redacted' }), identity);
    expect(redacted.redacted).toBe(true);
    expect(redacted.text).not.toMatch(/081|1037|example\.com/i);
    const none = sharedText(text, 'none', agreement({ textSharing: 'full' }), identity);
    expect(none.redacted).toBe(true);
    for (const value of ['สมหญิง', 'รักษ์ดี', '081', 'example.com', '1037']) expect(none.text.toLowerCase()).not.toContain(value.toLowerCase());
  });

  it("takes the complainant's own details out however written, and leaves other text as it was", () => {
    expect(withoutIdentity('ติดต่อ ๐๘๑ ๒๓๔ ๕๖๗๘ ด่วน', identity)).toBe('ติดต่อ [หมายเลขโทรศัพท์] ด่วน');
    expect(withoutIdentity('ถนนชำรุดหน้าวัด', identity)).toBe('ถนนชำรุดหน้าวัด');
    expect(withoutIdentity('ถนนชำรุด', null)).toBe('ถนนชำรุด');
  });

  it('renames files where no identity goes, keeping the extension', () => {
    expect(sharedFileName('บัตรประชาชน สมหญิง.JPG', 2, 'none')).toBe('ไฟล์แนบ-2.jpg');
    expect(sharedFileName('no-extension', 1, 'none')).toBe('ไฟล์แนบ-1');
    expect(sharedFileName('ภาพถนน.png', 1, 'contact')).toBe('ภาพถนน.png');
  });
});
