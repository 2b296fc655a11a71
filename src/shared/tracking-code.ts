/**
 * Public tracking codes (RT-69-7K3M9Q) and citizen access keys, both meant to be read
 * aloud over the phone and typed by hand. They use Crockford's base32 alphabet, which
 * leaves out I, L, O and U so that no two symbols look or sound alike (and no accidental
 * words appear); when reading input back, the look-alikes are mapped to what was meant.
 */
import { toArabicDigits } from './thai-text.ts';

/** Crockford base32: digits and capital letters without I, L, O and U. */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const SYMBOL = '[0-9A-HJKMNP-TV-Z]';

/** The canonical tracking code: 'RT-', two digits of the Buddhist-era year, '-', six symbols. */
export const TRACKING_CODE_PATTERN = new RegExp(`^RT-\\d{2}-${SYMBOL}{6}$`);

/** The canonical access key: 24 symbols in groups of four joined by dashes. */
export const ACCESS_KEY_PATTERN = new RegExp(`^${SYMBOL}{4}(?:-${SYMBOL}{4}){5}$`);

const TRACKING_SYMBOLS = 6;
/**
 * 30 bits, about a billion codes a year: short enough to read out, but a national hub
 * will draw the same code twice, so the caller retries on a unique-index conflict. And
 * with a million codes live a guess hits one in a thousand times: a code alone must not
 * reveal anything personal (that is what the access key is for).
 */
const TRACKING_BYTES = 4;
/** 120 bits, well over the 80 needed to make guessing a citizen's key hopeless. */
const ACCESS_KEY_BYTES = 15;
const ACCESS_KEY_SYMBOLS = 24;
const ACCESS_KEY_GROUP = 4;

/** The first `count` base32 symbols of `bytes`, five bits each, most significant bit first. */
function encodeSymbols(bytes: Uint8Array, count: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  let index = 0;
  while (out.length < count) {
    if (bits < 5) {
      buffer = ((buffer << 8) | (bytes[index++] ?? 0)) & 0xffff;
      bits += 8;
    }
    bits -= 5;
    out += TRACKING_ALPHABET[(buffer >> bits) & 31];
  }
  return out;
}

/**
 * A tracking code for a case received in Buddhist-era year `buddhistYear` (e.g. 2569),
 * with six symbols from `randomBytes` (at least 4 bytes from a CSPRNG).
 * Throws RangeError for too few bytes or a year before พ.ศ. 2500, which catches a
 * Gregorian year passed by mistake.
 */
export function formatTrackingCode(buddhistYear: number, randomBytes: Uint8Array): string {
  if (!Number.isInteger(buddhistYear) || buddhistYear < 2500 || buddhistYear > 9999) {
    throw new RangeError(`Expected a Buddhist-era year (2500–9999), got ${buddhistYear}`);
  }
  if (randomBytes.length < TRACKING_BYTES) {
    throw new RangeError(`Need at least ${TRACKING_BYTES} random bytes, got ${randomBytes.length}`);
  }
  const year = String(buddhistYear % 100).padStart(2, '0');
  return `RT-${year}-${encodeSymbols(randomBytes, TRACKING_SYMBOLS)}`;
}

/**
 * What a person typed, reduced to symbols: Thai digits to Arabic, upper case, spaces and
 * dashes removed, and the look-alikes O → 0, I and L → 1.
 */
function cleanSymbols(input: string): string {
  return toArabicDigits(input)
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

const TYPED_TRACKING_CODE = new RegExp(`^RT(\\d{2})(${SYMBOL}{6})$`);

/**
 * The canonical form of a tracking code as typed or read out ('rt697k3m9q',
 * 'RT 69 7K3M9Q', 'rt-69-7k3m9o' all give 'RT-69-7K3M9Q'), or null when the input cannot
 * be a tracking code.
 */
export function normaliseTrackingCode(input: string): string | null {
  const match = TYPED_TRACKING_CODE.exec(cleanSymbols(input));
  return match === null ? null : `RT-${match[1]}-${match[2]}`;
}

/**
 * A secret access key for a citizen to follow a case without an account: 24 symbols
 * (120 bits of `bytes`, at least 15 bytes from a CSPRNG) in groups of four, e.g.
 * 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01'. Throws RangeError for too few bytes.
 */
export function formatAccessKey(bytes: Uint8Array): string {
  if (bytes.length < ACCESS_KEY_BYTES) {
    throw new RangeError(`Need at least ${ACCESS_KEY_BYTES} random bytes, got ${bytes.length}`);
  }
  return groupSymbols(encodeSymbols(bytes, ACCESS_KEY_SYMBOLS));
}

function groupSymbols(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += ACCESS_KEY_GROUP) groups.push(symbols.slice(i, i + ACCESS_KEY_GROUP));
  return groups.join('-');
}

/**
 * The canonical form of an access key as typed: upper case, spaces and dashes removed,
 * O → 0, I and L → 1, dashes put back every four symbols. Input that is not a key comes
 * back cleaned up but will not match {@link ACCESS_KEY_PATTERN}; check with
 * {@link isAccessKey} before looking anything up.
 */
export function normaliseAccessKey(input: string): string {
  return groupSymbols(cleanSymbols(input));
}

/** Whether a string is an access key in canonical form. */
export function isAccessKey(key: string): boolean {
  return ACCESS_KEY_PATTERN.test(key);
}
