/**
 * Finding and hiding personal data in free text (complaint bodies, notes, replies), so
 * staff views, exports, reports and partner payloads can show text without it (PDPA).
 *
 * Each kind of personal data is one detector in {@link DETECTORS}; adding a kind means
 * adding it to {@link PersonalDataKind}, a placeholder and a detector. Detectors may
 * report overlapping candidates; overlapping candidates are merged, so a character that
 * any detector considers personal is always hidden.
 */
import { hasValidNationalIdChecksum } from './national-id.ts';
import { toArabicDigits } from './thai-text.ts';

/** The kinds of personal data the detector recognises. */
export type PersonalDataKind = 'national_id' | 'phone' | 'email';

/** One piece of personal data: `start`/`end` are UTF-16 offsets into the text, end exclusive. */
export interface PersonalDataSpan {
  kind: PersonalDataKind;
  start: number;
  end: number;
  /** The text of the span as written (Thai digits and separators included). */
  value: string;
}

/** What a reader sees instead of each kind of personal data. */
export const REDACTION_PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = Object.freeze({
  national_id: '[เลขประจำตัวประชาชน]',
  phone: '[หมายเลขโทรศัพท์]',
  email: '[อีเมล]',
});

interface Detector {
  kind: PersonalDataKind;
  /**
   * Which kind names a merged span when candidates overlap: the more specific finding
   * wins (an e-mail address may contain a phone number; a national ID may contain
   * digits that also read as a phone number).
   */
  priority: number;
  /** Candidate spans in `folded`, the text with Thai digits turned into Arabic ones. */
  find(folded: string): Iterable<{ start: number; end: number }>;
}

// ----- numbers -------------------------------------------------------------------------

/**
 * What may stand between two digits of one number: nothing, one space (also no-break
 * space), or a dash with an optional space either side ("081 - 234 - 5678"). Dots are not
 * separators because Thai writes times as "08.30-16.30", which would run into a phone
 * number written after it.
 */
const SEP = '(?:[ \\u00A0]?[-\\u2010-\\u2013][ \\u00A0]?|[ \\u00A0])?';

/** A digit joined to a number by a dash or dot continues that number ("1-0812345678"). */
const JOINER = /[-\u2010-\u2013.]/;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Whether a number could start at `i`, i.e. it would not continue a number before it. */
function startsNumber(text: string, i: number): boolean {
  if (isDigit(text[i - 1])) return false;
  const before = text[i - 1];
  return !(before !== undefined && JOINER.test(before) && isDigit(text[i - 2]));
}

/** Whether a number ending at `end` (exclusive) is not continued by more digits. */
function endsNumber(text: string, end: number): boolean {
  if (isDigit(text[end])) return false;
  const after = text[end];
  return !(after !== undefined && JOINER.test(after) && isDigit(text[end + 1]));
}

/**
 * Candidates of a sticky digit pattern at every position where a number may start and
 * where the match is not part of a longer number. Every start is tried (not only the
 * ones after the previous match) so that overlapping readings all get hidden.
 */
function* scanNumbers(
  folded: string,
  pattern: RegExp,
  firstChar: RegExp,
  accept: (digits: string) => boolean,
): Generator<{ start: number; end: number }> {
  for (let i = 0; i < folded.length; i++) {
    if (!firstChar.test(folded[i] ?? '') || !startsNumber(folded, i)) continue;
    pattern.lastIndex = i;
    const match = pattern.exec(folded);
    if (match === null) continue;
    const end = i + match[0].length;
    if (endsNumber(folded, end) && accept(match[0].replace(/\D/g, ''))) yield { start: i, end };
  }
}

/** 13 digits in any grouping; the first digit is checked by `accept`. */
const NATIONAL_ID = new RegExp(`\\d(?:${SEP}\\d){12}`, 'y');

/**
 * Also hides numbers starting with 0 (issued to people without registration status):
 * they are personal data too, even though `isValidNationalId` does not accept them as
 * input. 9 is left out because it is reserved and not found on people's cards.
 */
const NATIONAL_ID_FIRST_DIGIT = /^[0-8]/;

/**
 * Thai phone numbers, domestic or international (+66 / 66 without the trunk 0):
 * mobile 06/08/09 + 8 digits, Bangkok 02 + 7 digits, provincial 03x/04x/05x/07x + 6 digits.
 */
const PHONE = new RegExp(
  [
    `0${SEP}[689](?:${SEP}\\d){8}`,
    `0${SEP}[2-57](?:${SEP}\\d){7}`,
    `(?:\\(?\\+66\\)?|66)${SEP}(?:[689](?:${SEP}\\d){8}|[2-57](?:${SEP}\\d){7})`,
  ].join('|'),
  'y',
);

// ----- e-mail --------------------------------------------------------------------------

/**
 * An ASCII e-mail address. The look-behind makes matches start only at the beginning of
 * a local part, which keeps the scan linear; addresses written next to Thai words without
 * a space ("อีเมลsomchai@example.comครับ") still match because Thai letters end the run.
 * Internationalised (Thai-script) addresses are not recognised yet.
 */
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}/g;

function* scanEmails(text: string): Generator<{ start: number; end: number }> {
  for (const match of text.matchAll(EMAIL)) yield { start: match.index, end: match.index + match[0].length };
}

// ----- detection -----------------------------------------------------------------------

/** The detectors, in no particular order; `priority` settles overlaps. */
const DETECTORS: readonly Detector[] = [
  { kind: 'email', priority: 3, find: scanEmails },
  {
    kind: 'national_id',
    priority: 2,
    find: (folded) =>
      scanNumbers(folded, NATIONAL_ID, /\d/, (d) => NATIONAL_ID_FIRST_DIGIT.test(d) && hasValidNationalIdChecksum(d)),
  },
  { kind: 'phone', priority: 1, find: (folded) => scanNumbers(folded, PHONE, /[\d(+]/, () => true) },
];

interface Candidate {
  kind: PersonalDataKind;
  priority: number;
  start: number;
  end: number;
}

/**
 * Finds national IDs (13 digits in any grouping, Arabic or Thai digits, valid check
 * digit), Thai phone numbers and e-mail addresses in `text`. Returns non-overlapping
 * spans in text order; where readings overlap they are merged into one span named after
 * the most specific kind (e-mail, then national ID, then phone).
 */
export function findPersonalData(text: string): PersonalDataSpan[] {
  // Same length as text (each Thai digit is one code unit), so offsets carry over.
  const folded = toArabicDigits(text);
  const candidates: Candidate[] = [];
  for (const detector of DETECTORS) {
    for (const { start, end } of detector.find(folded)) {
      candidates.push({ kind: detector.kind, priority: detector.priority, start, end });
    }
  }
  candidates.sort((a, b) => a.start - b.start);

  const merged: Candidate[] = [];
  for (const candidate of candidates) {
    const last = merged.at(-1);
    if (last !== undefined && candidate.start < last.end) {
      last.end = Math.max(last.end, candidate.end);
      if (candidate.priority > last.priority) {
        last.kind = candidate.kind;
        last.priority = candidate.priority;
      }
    } else {
      merged.push({ ...candidate });
    }
  }
  return merged.map(({ kind, start, end }) => ({ kind, start, end, value: text.slice(start, end) }));
}

/**
 * The text with each piece of personal data replaced by its Thai placeholder
 * ({@link REDACTION_PLACEHOLDERS}). Redacting redacted text changes nothing.
 */
export function redactPersonalData(text: string): string {
  let result = '';
  let cursor = 0;
  for (const span of findPersonalData(text)) {
    result += text.slice(cursor, span.start) + REDACTION_PLACEHOLDERS[span.kind];
    cursor = span.end;
  }
  return result + text.slice(cursor);
}
