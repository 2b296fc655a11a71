/**
 * Thai phone numbers: one written form per number (for matching a complainant's other cases)
 * and what counts as a number people can dial — a landline or mobile number, or a short
 * hotline (สายด่วน) such as 1111 or 1669. Pure: the server checks with it, the web builds
 * `tel:` links with it.
 */
import { toArabicDigits } from './thai-text.ts';

/** Digits only, Thai digits to Arabic, +66 to a leading 0: one form per number. */
export function normalisePhone(phone: string): string {
  const digits = toArabicDigits(phone).replace(/\D/g, '');
  return digits.startsWith('66') && digits.length >= 10 ? `0${digits.slice(2)}` : digits;
}

/**
 * A number to call: a landline (9 digits from 02–07: 0 5662 2353), a mobile number (10 digits
 * from 06, 08 or 09), either also as +66, or a four-digit hotline starting with 1 (1111, 1300,
 * 1669); written with digits (Thai or Arabic), spaces, hyphens and brackets only.
 */
export function isDialableThaiNumber(phone: string): boolean {
  if (!/^\+?[0-9๐-๙(][0-9๐-๙ ()-]*$/.test(phone.trim())) return false;
  return /^(0[2-7]\d{7}|0[689]\d{8}|1\d{3})$/.test(normalisePhone(phone));
}
