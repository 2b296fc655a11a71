import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  hasValidNationalIdChecksum,
  isValidNationalId,
  nationalIdCheckDigit,
  normaliseNationalId,
} from './national-id.ts';
import { toArabicDigits } from './thai-text.ts';

/** Test-side implementation of the check digit, written independently of the module's. */
function withCheckDigit(prefix12: string): string {
  const digits = [...prefix12].map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * (13 - i), 0);
  return prefix12 + String((11 - (sum % 11)) % 10);
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
const toThaiDigits = (s: string): string => s.replace(/\d/g, (d) => THAI_DIGITS[Number(d)] ?? d);

describe('normaliseNationalId', () => {
  it('removes spaces and dashes and converts Thai digits', () => {
    expect(normaliseNationalId('1-2345-67890-12-1')).toBe('1234567890121');
    expect(normaliseNationalId(' 1 2345 67890 12 1 ')).toBe('1234567890121');
    expect(normaliseNationalId('๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑')).toBe('1234567890121');
    expect(normaliseNationalId('1–2345–67890–12–1')).toBe('1234567890121'); // en dashes
  });

  it('leaves other characters for the validator to reject', () => {
    expect(normaliseNationalId('12345x')).toBe('12345x');
  });
});

describe('isValidNationalId', () => {
  it('accepts ids whose check digit is right', () => {
    // Worked by hand: weighted sum of 123456789012 is 352, 352 mod 11 = 0, (11 − 0) mod 10 = 1.
    expect(isValidNationalId('1234567890121')).toBe(true);
    for (const prefix of ['110370248899', '310060012345', '560010098765', '800000000001']) {
      expect(isValidNationalId(withCheckDigit(prefix))).toBe(true);
    }
  });

  it('accepts the usual groupings and Thai digits', () => {
    expect(isValidNationalId('1-2345-67890-12-1')).toBe(true);
    expect(isValidNationalId('1 2345 67890 12 1')).toBe(true);
    expect(isValidNationalId('๑๒๓๔๕๖๗๘๙๐๑๒๑')).toBe(true);
    expect(isValidNationalId('๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidNationalId('1234567890120')).toBe(false);
    expect(isValidNationalId('1234567890122')).toBe(false);
  });

  it('rejects wrong lengths', () => {
    expect(isValidNationalId('')).toBe(false);
    expect(isValidNationalId('123456789012')).toBe(false);
    expect(isValidNationalId('12345678901210')).toBe(false);
  });

  it('rejects first digits 0 and 9 even with a right check digit', () => {
    expect(isValidNationalId(withCheckDigit('012345678901'))).toBe(false);
    expect(isValidNationalId(withCheckDigit('912345678901'))).toBe(false);
  });

  it('rejects non-digits', () => {
    expect(isValidNationalId('123456789012a')).toBe(false);
    expect(isValidNationalId('1234567890.121')).toBe(false);
    expect(isValidNationalId('+234567890121')).toBe(false);
  });

  const validPrefix = fc
    .tuple(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 }))
    .map(([first, rest]) => `${first}${rest.join('')}`);

  it('accepts any 12-digit prefix starting 1–8 with its computed check digit', () => {
    fc.assert(
      fc.property(validPrefix, (prefix) => {
        const id = withCheckDigit(prefix);
        return isValidNationalId(id) && isValidNationalId(toThaiDigits(id)) && nationalIdCheckDigit(id) === Number(id[12]);
      }),
    );
  });

  /** Weighted sum of the first twelve digits modulo 11, which the check digit encodes. */
  const residue = (id: string): number =>
    [...id.slice(0, 12)].reduce((acc, d, i) => acc + Number(d) * (13 - i), 0) % 11;

  const mutate = (id: string, position: number, delta: number): string =>
    id.slice(0, position) + String((Number(id[position]) + delta) % 10) + id.slice(position + 1);

  it('rejects a valid id with its check digit changed', () => {
    fc.assert(
      fc.property(validPrefix, fc.integer({ min: 1, max: 9 }), (prefix, delta) => {
        return !isValidNationalId(mutate(withCheckDigit(prefix), 12, delta));
      }),
    );
  });

  it('rejects a valid id with one other digit changed, except where the checksum cannot see it', () => {
    // The checksum is weaker than it looks, so "any single change is caught" is false:
    // the third digit has weight 11 ≡ 0 (mod 11), and the final "mod 10" folds residues
    // 0 and 10 onto the same check digit 1. Every other single change is caught.
    fc.assert(
      fc.property(
        validPrefix,
        fc.integer({ min: 0, max: 11 }).filter((p) => p !== 2),
        fc.integer({ min: 1, max: 9 }),
        (prefix, position, delta) => {
          const id = withCheckDigit(prefix);
          const mutated = mutate(id, position, delta);
          const folded = new Set([residue(id), residue(mutated)]);
          const blindSpot = folded.has(0) && folded.has(10);
          return isValidNationalId(mutated) === (blindSpot && /^[1-8]/.test(mutated));
        },
      ),
    );
  });

  it('cannot see a change of the third digit (weight 11), a known weakness', () => {
    expect(isValidNationalId('1234567890121')).toBe(true);
    expect(isValidNationalId('1294567890121')).toBe(true);
  });
});

describe('hasValidNationalIdChecksum', () => {
  it('checks only the check digit, for any first digit', () => {
    expect(hasValidNationalIdChecksum(withCheckDigit('012345678901'))).toBe(true);
    expect(hasValidNationalIdChecksum('1234567890121')).toBe(true);
    expect(hasValidNationalIdChecksum('1234567890122')).toBe(false);
    expect(hasValidNationalIdChecksum('1-2345-67890-12-1')).toBe(false);
    expect(hasValidNationalIdChecksum(toArabicDigits('๑๒๓๔๕๖๗๘๙๐๑๒๑'))).toBe(true);
  });
});
