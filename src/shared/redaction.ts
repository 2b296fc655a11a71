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
export type PersonalDataKind = 'national_id' | 'phone' | 'email' | 'bank_account' | 'person_name';

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
  bank_account: '[เลขบัญชีธนาคาร]',
  person_name: '[ชื่อบุคคล]',
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

/**
 * Phone numbers written with dots ("081.234.5678", "02.123.4567"). Only dots separate the
 * groups and every group after the prefix has 3 or 4 digits, so times ("08.30-16.30",
 * whose groups have 2 digits) never read as a phone number.
 */
const DOTTED_PHONE = /0\d{1,2}(?:\.\d{3,4}){1,2}/y;

function acceptsDottedPhone(digits: string): boolean {
  return /^0[689]\d{8}$/.test(digits) || /^0[2-57]\d{7}$/.test(digits);
}

// ----- bank accounts -------------------------------------------------------------------

/** 10 to 12 digits in any grouping ("123-4-56789-0", "123-456789-0", "1234567890"). */
const BANK_ACCOUNT = new RegExp(`\\d(?:${SEP}\\d){9,11}`, 'y');

/**
 * Words that make a nearby number a bank account: the word for account and the names and
 * abbreviations of Thai banks. "กรุงเทพ" alone is Bangkok, so Bangkok Bank needs
 * "ธนาคาร"/"ธ." or its English abbreviation. The look-behind keeps the placeholder
 * "[เลขบัญชีธนาคาร]" from counting as a cue, so redacting twice changes nothing.
 */
const BANK_CUE = new RegExp(
  [
    '(?<!\\[เลข)บัญชี',
    '(?<![A-Za-z])(?:account|acct|a/c)(?![A-Za-z])',
    '(?<!บัญชี)ธนาคาร',
    'ธ\\.\\s?(?:กรุงเทพ|กสิกร|ไทยพาณิชย์|กรุงไทย|กรุงศรี|ออมสิน)',
    'กสิกร',
    'ไทยพาณิชย์',
    'กรุงไทย',
    'กรุงศรี',
    'ทหารไทย',
    'ธนชาต',
    'ทีทีบี',
    'ออมสิน',
    'ธ\\.ก\\.ส\\.?',
    'ธกส',
    'อาคารสงเคราะห์',
    'ธอส',
    'บัวหลวง',
    'ยูโอบี',
    'ซีไอเอ็มบี',
    'เกียรตินาคิน',
    'ทิสโก้',
    '(?<![A-Za-z])(?:K-?Bank|SCB|BBL|KTB|BAY|Krungsri|ttb|TMB|GSB|BAAC|GHB|UOB|CIMB|KKP|TISCO)(?![A-Za-z])',
  ].join('|'),
  'gi',
);

/**
 * A phone cue after the bank cue means the number is a phone number, not an account;
 * so does PromptPay ("บัญชีพร้อมเพย์ 0812345678"), whose IDs are phone or ID numbers.
 */
const PHONE_CUE = /(?<!\[หมายเลข)โทร|เบอร์|มือถือ|phone|tel|พร้อมเพย์|promptpay/gi;

/** How far before a number (in characters) a bank cue may stand. */
const BANK_CUE_WINDOW = 30;

function hasBankCueBefore(folded: string, start: number): boolean {
  const window = folded.slice(Math.max(0, start - BANK_CUE_WINDOW), start);
  let lastCue = -1;
  for (const match of window.matchAll(BANK_CUE)) lastCue = match.index + match[0].length;
  if (lastCue < 0) return false;
  for (const match of window.matchAll(PHONE_CUE)) if (match.index >= lastCue) return false;
  return true;
}

function* scanBankAccounts(folded: string): Generator<{ start: number; end: number }> {
  for (const span of scanNumbers(folded, BANK_ACCOUNT, /\d/, () => true)) {
    if (hasBankCueBefore(folded, span.start)) yield span;
  }
}

// ----- names after titles --------------------------------------------------------------

/** Thai letters and marks that may be part of a name (no digits, ฯ or ๆ). */
const THAI_NAME_CHAR = '[\\u0E01-\\u0E2E\\u0E30-\\u0E3A\\u0E40-\\u0E45\\u0E47-\\u0E4E]';

/**
 * Thai titles. "นาย"/"นาง" inside "ทนาย", "เจ้านาย", "ขุนนาง" are not titles (look-behind),
 * and titles followed by the name of an office (see {@link OFFICES}) are not followed by
 * a name.
 */
const THAI_TITLE = /(?<!ท|เจ้า|ขุน)(?:นางสาว|นาง|นาย|น\.ส\.|ด\.ช\.|ด\.ญ\.|เด็กชาย|เด็กหญิง) ?/g;

/** Words that start with a title but name an office or a role, not a person. */
const OFFICES =
  /^(?:นายก(?:รัฐมนตรี|เทศมนตรี|อบต|อบจ|องค์การ|สมาคม|สภา|เมือง|ฯ|\.|(?!\p{L}|\p{M}))|นายอำเภอ|นายทหาร|นายตำรวจ|นายจ้าง|นายหน้า|นายด่าน|นายประกัน|นายช่าง|นายทะเบียน|นายแพทย์|นายสิบ|นายเวร|นายท่า|นายทุน|นายบ่อน|นายห้าง|นายธนาคาร|นายสถานี|นายไปรษณีย์|นางพยาบาล|นางงาม|นางฟ้า|นางแบบ|นางเอก|นางรำ|นางกำนัล|นางสาวใช้)/u;

/**
 * Words that follow a name but are not part of it: a token starting with one of these
 * ends the name (also when written without a space after the name).
 */
const STOP_WORDS = [
  'แจ้ง', 'ได้', 'ซึ่ง', 'ที่', 'และ', 'โทร', 'เป็น', 'อายุ', 'อยู่', 'บ้าน', 'ร้อง', 'ขอให้',
  'ขอร้อง', 'ว่า', 'กับ', 'หรือ', 'มาแจ้ง', 'มาร้อง', 'มาที่', 'ไม่', 'ก็', 'จึง', 'จะ', 'เจ้าหน้าที่',
  'ผู้', 'พร้อม', 'เลข', 'เบอร์', 'ให้', 'ยัง', 'เคย', 'ถูก', 'ถึง', 'บอก', 'เห็น', 'อ้าง',
  'กล่าว', 'ทำ', 'ตำแหน่ง', 'ประธาน', 'ปลัด', 'กำนัน', 'ยื่น', 'เรียก', 'ขับ', 'เข้า',
  'ออก', 'เมื่อ', 'ตาม', 'เพราะ', 'แต่', 'ข้าง', 'หลัง', 'อีก', 'ครับ', 'ค่ะ', 'คะ', 'ด้วย',
  'เดิน', 'เสีย', 'ป่วย', 'เรียกร้อง', 'เช่า', 'ซื้อ', 'ขาย', 'เก็บ', 'โดน', 'ถือ',
  'พักอาศัย', 'บุตร', 'ลูก', 'สามี', 'ภรรยา', 'ทั้ง', 'นั้น', 'นี้', 'เอง', 'เลย', 'พูด', 'หาย',
  'ทะเลาะ', 'ไป', 'กลับ', 'นอน', 'บาดเจ็บ', 'หนี', 'ทิ้ง', 'ต้อง', 'สร้าง',
];

/** A family name longer than this is more likely a run of words written without spaces. */
const MAX_FAMILY_NAME_LENGTH = 20;

const THAI_NAME_TOKEN = new RegExp(`${THAI_NAME_CHAR}+`, 'y');

/**
 * Stop words that are also found glued to the end of a name ("นายสมชายแจ้งว่า"); only
 * words that do not occur inside Thai names, so "สว่าง" is not cut at "ว่า".
 */
const GLUED_STOP_WORDS = ['แจ้ง', 'ได้', 'ซึ่ง', 'ที่', 'และ', 'โทร', 'เป็น', 'อายุ', 'อยู่', 'ร้องเรียน', 'ขอให้', 'เจ้าหน้าที่'];

/** Length of the name at the start of `token`, cut before a glued stop word; 0 if none. */
function nameLength(token: string): number {
  if (STOP_WORDS.some((w) => token.startsWith(w))) return 0;
  for (let i = 2; i < token.length; i++) {
    if (GLUED_STOP_WORDS.some((w) => token.startsWith(w, i))) return i;
  }
  return token.length;
}

function* scanThaiNames(text: string): Generator<{ start: number; end: number }> {
  for (const title of text.matchAll(THAI_TITLE)) {
    if (OFFICES.test(text.slice(title.index, title.index + 20))) continue;
    const start = title.index + title[0].length;
    THAI_NAME_TOKEN.lastIndex = start;
    const given = THAI_NAME_TOKEN.exec(text);
    if (given === null) continue;
    const givenLength = nameLength(given[0]);
    if (givenLength < 2) continue;
    let end = start + givenLength;
    if (givenLength === given[0].length && text[end] === ' ') {
      THAI_NAME_TOKEN.lastIndex = end + 1;
      const family = THAI_NAME_TOKEN.exec(text);
      if (family !== null) {
        const familyLength = nameLength(family[0]);
        if (familyLength >= 2 && familyLength <= MAX_FAMILY_NAME_LENGTH) end = end + 1 + familyLength;
      }
    }
    yield { start, end };
  }
}

/** English titles followed by a capitalised given name and, optionally, a family name. */
const ENGLISH_NAME = /(?<![A-Za-z])(?:Mrs|Mr|Ms|Miss)\.? ?([A-Z][a-z]+(?: [A-Z][a-z]+)?)/g;

function* scanEnglishNames(text: string): Generator<{ start: number; end: number }> {
  for (const match of text.matchAll(ENGLISH_NAME)) {
    const name = match[1] ?? '';
    const end = match.index + match[0].length;
    yield { start: end - name.length, end };
  }
}

// ----- detection -----------------------------------------------------------------------

/** The detectors, in no particular order; `priority` settles overlaps. */
const DETECTORS: readonly Detector[] = [
  { kind: 'email', priority: 4, find: scanEmails },
  {
    kind: 'national_id',
    priority: 3,
    find: (folded) =>
      scanNumbers(folded, NATIONAL_ID, /\d/, (d) => NATIONAL_ID_FIRST_DIGIT.test(d) && hasValidNationalIdChecksum(d)),
  },
  // A number that reads as a phone number but follows a bank cue is an account number.
  { kind: 'bank_account', priority: 2, find: scanBankAccounts },
  {
    kind: 'phone',
    priority: 1,
    find: function* (folded) {
      yield* scanNumbers(folded, PHONE, /[\d(+]/, () => true);
      yield* scanNumbers(folded, DOTTED_PHONE, /0/, acceptsDottedPhone);
    },
  },
  {
    kind: 'person_name',
    priority: 0,
    find: function* (folded) {
      yield* scanThaiNames(folded);
      yield* scanEnglishNames(folded);
    },
  },
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
