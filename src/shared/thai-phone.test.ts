import { describe, expect, it } from 'vitest';
import { isDialableThaiNumber, normalisePhone } from './thai-phone.ts';

describe('Thai phone numbers', () => {
  it('writes one form per number: digits only, Thai digits to Arabic, +66 to a leading 0', () => {
    expect(normalisePhone('0 5662 2353')).toBe('056622353');
    expect(normalisePhone('+66 56 622 353')).toBe('056622353');
    expect(normalisePhone('๐๘๑-๒๓๔-๕๖๗๘')).toBe('0812345678');
  });

  it('takes landline, mobile and four-digit hotline numbers as people write them', () => {
    for (const phone of ['0 5662 2353', '056-622353', '(056) 622 353', '+66 81 234 5678', '081-234-5678', '๐ ๕๖๖๒ ๒๓๕๓', '1111', '1669', ' 1111 ']) {
      expect(isDialableThaiNumber(phone), phone).toBe(true);
    }
  });

  it('refuses what cannot be dialled', () => {
    for (const phone of ['', '5662 2353', '111', '11111', '2111', '0 5662 235', '081 234 56789', 'โทร 1111', '1111 ต่อ 2', '0812345678#', '+1 415 555 0100', '08 1234 567', '02 123 45678', '0123456789']) {
      expect(isDialableThaiNumber(phone), phone).toBe(false);
    }
  });
});
