import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ACCESS_KEY_PATTERN,
  TRACKING_ALPHABET,
  TRACKING_CODE_PATTERN,
  formatAccessKey,
  formatTrackingCode,
  isAccessKey,
  normaliseAccessKey,
  normaliseTrackingCode,
} from './tracking-code.ts';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('TRACKING_ALPHABET', () => {
  it('is Crockford base32 without I, L, O, U', () => {
    expect(TRACKING_ALPHABET).toHaveLength(32);
    expect(new Set(TRACKING_ALPHABET).size).toBe(32);
    expect(TRACKING_ALPHABET).not.toMatch(/[ILOU]/);
  });
});

describe('formatTrackingCode', () => {
  it('takes five bits per symbol, most significant first', () => {
    expect(formatTrackingCode(2569, bytes(0, 0, 0, 0))).toBe('RT-69-000000');
    expect(formatTrackingCode(2569, bytes(0xff, 0xff, 0xff, 0xff))).toBe('RT-69-ZZZZZZ');
    // 00001 00010 00011 00100 00101 00110 (+ 2 unused bits) = 0x08 0x86 0x42 0x98
    expect(formatTrackingCode(2569, bytes(0x08, 0x86, 0x42, 0x98))).toBe('RT-69-123456');
    // 01010 11111 10000 ... : A Z G
    expect(formatTrackingCode(2570, bytes(0b01010111, 0b11100000, 0, 0))).toBe('RT-70-AZG000');
  });

  it('uses the last two digits of the Buddhist-era year', () => {
    expect(formatTrackingCode(2600, bytes(0, 0, 0, 0))).toBe('RT-00-000000');
    expect(formatTrackingCode(2605, bytes(0, 0, 0, 0))).toBe('RT-05-000000');
  });

  it('ignores bytes beyond the first four', () => {
    expect(formatTrackingCode(2569, bytes(1, 2, 3, 4, 5, 6))).toBe(formatTrackingCode(2569, bytes(1, 2, 3, 4)));
  });

  it('rejects too few bytes and non-Buddhist years', () => {
    expect(() => formatTrackingCode(2569, bytes(1, 2, 3))).toThrow(RangeError);
    expect(() => formatTrackingCode(2026, bytes(1, 2, 3, 4))).toThrow(RangeError);
    expect(() => formatTrackingCode(2569.5, bytes(1, 2, 3, 4))).toThrow(RangeError);
  });

  it('always gives a canonical code that normalises to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2500, max: 9999 }), fc.uint8Array({ minLength: 4, maxLength: 8 }), (year, random) => {
        const code = formatTrackingCode(year, random);
        return TRACKING_CODE_PATTERN.test(code) && normaliseTrackingCode(code) === code;
      }),
    );
  });
});

describe('normaliseTrackingCode', () => {
  it('accepts the forms people type or read out', () => {
    for (const typed of ['RT-69-7K3M9Q', 'rt697k3m9q', 'RT 69 7K3M9Q', '  rt-69-7k3m9q ', 'R T 6 9 7 K 3 M 9 Q', 'RT–69–7K3M9Q']) {
      expect(normaliseTrackingCode(typed)).toBe('RT-69-7K3M9Q');
    }
  });

  it('maps look-alike letters to the digits meant', () => {
    expect(normaliseTrackingCode('RT-69-O1ILAB')).toBe('RT-69-0111AB');
    expect(normaliseTrackingCode('rt-6o-ooooo1')).toBe('RT-60-000001');
  });

  it('accepts Thai digits', () => {
    expect(normaliseTrackingCode('RT-๖๙-7K3M9Q')).toBe('RT-69-7K3M9Q');
  });

  it('returns null when the input cannot be a tracking code', () => {
    for (const bad of ['', 'RT', 'RT-69-7K3M9', 'RT-69-7K3M9QQ', 'XX-69-7K3M9Q', 'RT-6-7K3M9Q', 'RT-69-7K3M9U', 'RT-69-7K3M9!', '697K3M9Q']) {
      expect(normaliseTrackingCode(bad)).toBeNull();
    }
  });

  it('round-trips any canonical code, whatever its case and spacing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2500, max: 9999 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.constantFrom('', ' ', '-'),
        fc.boolean(),
        (year, random, sep, lower) => {
          const code = formatTrackingCode(year, random);
          let typed = code.replace(/-/g, sep);
          if (lower) typed = typed.toLowerCase();
          return normaliseTrackingCode(typed) === code;
        },
      ),
    );
  });
});

describe('formatAccessKey', () => {
  it('gives 24 symbols in groups of four from 15 bytes', () => {
    expect(formatAccessKey(new Uint8Array(15))).toBe('0000-0000-0000-0000-0000-0000');
    expect(formatAccessKey(new Uint8Array(15).fill(0xff))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 0x08 0x86 0x42 0x98 0xE8 encodes 1 2 3 4 5 6 7 8 (40 bits exactly).
    const key = formatAccessKey(bytes(0x08, 0x86, 0x42, 0x98, 0xe8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    expect(key).toBe('1234-5678-0000-0000-0000-0000');
    expect(ACCESS_KEY_PATTERN.test(key)).toBe(true);
  });

  it('rejects fewer than 15 bytes', () => {
    expect(() => formatAccessKey(new Uint8Array(14))).toThrow(RangeError);
  });

  it('uses all 120 bits: different bytes give different keys', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 15, maxLength: 15 }), fc.integer({ min: 0, max: 119 }), (random, bit) => {
        const flipped = Uint8Array.from(random);
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (0x80 >> (bit & 7));
        return formatAccessKey(random) !== formatAccessKey(flipped);
      }),
    );
  });
});

describe('normaliseAccessKey', () => {
  it('re-inserts dashes, upper-cases and maps look-alikes', () => {
    expect(normaliseAccessKey('abcd efgh jkmn pqrs tvwx yz01')).toBe('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01');
    expect(normaliseAccessKey('ABCDEFGHJKMNPQRSTVWXYZ01')).toBe('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01');
    expect(normaliseAccessKey('abcd-efgh-jkmn-pqrs-tvwx-yzoi')).toBe('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01');
    expect(normaliseAccessKey('ABCD-EFGH-JKMN-PQRS-TVWX-YZ0L')).toBe('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01');
  });

  it('leaves input that is not a key failing isAccessKey', () => {
    for (const bad of ['', 'ABCD-EFGH', 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345', 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U', 'ABCD EFGH JKMN PQRS TVWX YZ0!']) {
      expect(isAccessKey(normaliseAccessKey(bad))).toBe(false);
    }
  });

  it('normalises formatted keys to themselves, also when typed loosely', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 15, maxLength: 20 }), fc.constantFrom('', ' ', '-'), fc.boolean(), (random, sep, lower) => {
        const key = formatAccessKey(random);
        let typed = key.replace(/-/g, sep);
        if (lower) typed = typed.toLowerCase();
        return isAccessKey(key) && normaliseAccessKey(key) === key && normaliseAccessKey(typed) === key;
      }),
    );
  });
});
