/**
 * Thai national identification numbers (เลขประจำตัวประชาชน): 13 digits, usually written
 * grouped as 1-2345-67890-12-1. The first digit is the person category, the last one a
 * check digit over the first twelve.
 */
import { toArabicDigits } from './thai-text.ts';

/** Spaces and the dash characters people (and word processors) put between digit groups. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

const NATIONAL_ID_SHAPE = /^[1-8]\d{12}$/;

/**
 * The canonical form of a typed national ID: Thai digits become Arabic digits and
 * spaces and dashes are removed. It does not check validity; see {@link isValidNationalId}.
 */
export function normaliseNationalId(input: string): string {
  return toArabicDigits(input).replace(SEPARATORS, '');
}

/**
 * The check digit of the first twelve digits: each digit weighted 13 down to 2, then
 * (11 − sum mod 11) mod 10. `digits` must hold at least twelve Arabic digits.
 */
export function nationalIdCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 0x30) * (13 - i);
  return (11 - (sum % 11)) % 10;
}

/**
 * Whether 13 Arabic digits (any first digit) end with the right check digit. Exposed for
 * the personal-data detector, which also hides numbers outside categories 1–8.
 */
export function hasValidNationalIdChecksum(digits: string): boolean {
  return /^\d{13}$/.test(digits) && nationalIdCheckDigit(digits) === digits.charCodeAt(12) - 0x30;
}

/**
 * Whether the input is a valid Thai national ID: 13 digits once normalised (Thai digits,
 * spaces and dashes allowed), first digit 1–8 (the person categories the Department of
 * Provincial Administration issues to residents with a house registration), and a
 * correct check digit.
 */
export function isValidNationalId(input: string): boolean {
  const digits = normaliseNationalId(input);
  return NATIONAL_ID_SHAPE.test(digits) && hasValidNationalIdChecksum(digits);
}
