/**
 * Thai texts of field errors, for people: every zod issue gets one from its kind and
 * parameters, and the English custom messages of our schemas are said again in Thai.
 * Pure; the error handler (http.ts) puts the result in `details[].messageTh` beside zod's
 * English `message`, which API clients keep relying on.
 *
 * Custom messages are looked up by their English text rather than carried in each schema
 * (zod 4's `params` exist only on refinements, not on `.regex()` or other checks, and a
 * schema has no way to hand its `.meta()` to the issue), so one table here covers regexes,
 * refinements and `addIssue` alike, and the Thai wording of field errors is kept in one
 * place. A refinement may still bring its own Thai as `params: { messageTh }`, which wins.
 * thai-messages.test.ts checks that every literal custom message in src/server and
 * src/shared/api (the API contract) has an entry.
 */

/** The parts of a zod issue (as zod reports it, or as fastify-type-provider-zod passes it on) that the Thai text depends on. */
export interface ValidationIssue {
  code: string;
  message?: string;
  /**
   * The value at fault, when known: zod leaves it out unless asked, so the error handler
   * fills it from the request. `undefined` here (present but undefined) means the field is missing.
   */
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  exact?: boolean;
  format?: string;
  prefix?: string;
  suffix?: string;
  includes?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  divisor?: number;
  /** A refinement's own parameters: `messageTh` there is used as is. */
  params?: Record<string, unknown>;
}

/** What a field gets when nothing more precise can be said. */
export const GENERIC_FIELD_MESSAGE_TH = 'ข้อมูลในช่องนี้ไม่ถูกต้อง';
export const REQUIRED_TH = 'กรุณากรอกข้อมูลนี้';

const NUMBER_FORMAT = new Intl.NumberFormat('th-TH');
const DATE_FORMAT = new Intl.DateTimeFormat('th-TH', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Asia/Bangkok' });

/** 5000 → "5,000". */
export function thaiNumber(value: number | bigint): string {
  return NUMBER_FORMAT.format(value);
}

/** An ISO date (or instant, or epoch milliseconds) as Thai readers write it: "10 มี.ค. 2568". Anything else is returned as it is. */
export function thaiDate(value: string | number): string {
  const date = typeof value === 'number' ? new Date(value) : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+07:00` : value);
  return Number.isNaN(date.getTime()) ? String(value) : DATE_FORMAT.format(date);
}

/** The Thai text of one zod issue. */
export function thaiIssueMessage(issue: ValidationIssue): string {
  const own = issue.params?.['messageTh'];
  if (typeof own === 'string' && own) return own;
  const custom = issue.message === undefined ? undefined : thaiCustomMessage(issue.message);
  if (custom) return custom;
  switch (issue.code) {
    case 'invalid_type':
      return isMissing(issue) ? REQUIRED_TH : expectedType(issue.expected);
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'invalid_value':
      return invalidValue(issue.values ?? []);
    case 'unrecognized_keys':
      return `ไม่รู้จักช่อง ${(issue.keys ?? []).join(', ')}`.trim();
    case 'not_multiple_of':
      return issue.divisor === undefined ? GENERIC_FIELD_MESSAGE_TH : `ต้องเป็นจำนวนที่หารด้วย ${thaiNumber(issue.divisor)} ลงตัว`;
    case 'invalid_union':
      return 'ข้อมูลในช่องนี้ไม่ตรงกับรูปแบบที่รับได้';
    default:
      // custom refinements without a Thai text, invalid_key, invalid_element…
      return GENERIC_FIELD_MESSAGE_TH;
  }
}

function isMissing(issue: ValidationIssue): boolean {
  if (issue.expected === 'nonoptional') return true;
  // Without the value, zod's English message ("…, received undefined") still tells.
  return 'input' in issue ? issue.input === undefined : /received undefined$/.test(issue.message ?? '');
}

const EXPECTED_TYPE_TH: Record<string, string> = {
  string: 'ต้องเป็นข้อความ',
  number: 'ต้องเป็นตัวเลข',
  int: 'ต้องเป็นจำนวนเต็ม',
  bigint: 'ต้องเป็นจำนวนเต็ม',
  boolean: 'ต้องเป็นค่าใช่หรือไม่ใช่ (true หรือ false)',
  array: 'ต้องเป็นรายการ',
  object: 'ต้องเป็นชุดข้อมูล',
  record: 'ต้องเป็นชุดข้อมูล',
  date: 'ต้องเป็นวันที่',
  null: 'ต้องเว้นว่างไว้',
};

function expectedType(expected: string | undefined): string {
  return (expected && EXPECTED_TYPE_TH[expected]) || 'ประเภทข้อมูลไม่ถูกต้อง';
}

/** Units of length, for the origins that have one. */
const UNIT_TH: Record<string, string> = { string: 'ตัวอักษร', array: 'รายการ', set: 'รายการ', map: 'รายการ', file: 'ไบต์' };

function tooSmall(issue: ValidationIssue): string {
  const { origin = '', minimum, inclusive = true, exact } = issue;
  if (minimum === undefined) return GENERIC_FIELD_MESSAGE_TH;
  const unit = UNIT_TH[origin];
  if (origin === 'date') return inclusive ? `ต้องไม่ก่อน ${thaiDate(Number(minimum))}` : `ต้องหลัง ${thaiDate(Number(minimum))}`;
  if (!unit) return inclusive ? `ต้องไม่น้อยกว่า ${thaiNumber(minimum)}` : `ต้องมากกว่า ${thaiNumber(minimum)}`;
  if (exact) return `ต้องมี ${thaiNumber(minimum)} ${unit}`;
  // At least one character, or one item: the field was left empty.
  if (inclusive && Number(minimum) === 1) return origin === 'string' ? REQUIRED_TH : 'กรุณาเลือกอย่างน้อย 1 รายการ';
  return inclusive ? `ต้องมีอย่างน้อย ${thaiNumber(minimum)} ${unit}` : `ต้องมีมากกว่า ${thaiNumber(minimum)} ${unit}`;
}

function tooBig(issue: ValidationIssue): string {
  const { origin = '', maximum, inclusive = true, exact } = issue;
  if (maximum === undefined) return GENERIC_FIELD_MESSAGE_TH;
  const unit = UNIT_TH[origin];
  if (origin === 'date') return inclusive ? `ต้องไม่หลัง ${thaiDate(Number(maximum))}` : `ต้องก่อน ${thaiDate(Number(maximum))}`;
  if (!unit) return inclusive ? `ต้องไม่เกิน ${thaiNumber(maximum)}` : `ต้องน้อยกว่า ${thaiNumber(maximum)}`;
  if (exact) return `ต้องมี ${thaiNumber(maximum)} ${unit}`;
  return inclusive ? `ต้องมีไม่เกิน ${thaiNumber(maximum)} ${unit}` : `ต้องมีน้อยกว่า ${thaiNumber(maximum)} ${unit}`;
}

const FORMAT_TH: Record<string, string> = {
  email: 'รูปแบบอีเมลไม่ถูกต้อง',
  uuid: 'รูปแบบรหัสอ้างอิงไม่ถูกต้อง',
  guid: 'รูปแบบรหัสอ้างอิงไม่ถูกต้อง',
  url: 'รูปแบบที่อยู่เว็บไซต์ไม่ถูกต้อง',
  date: 'รูปแบบวันที่ไม่ถูกต้อง (ปี ค.ศ.-เดือน-วัน เช่น 2025-01-31)',
  datetime: 'รูปแบบวันและเวลาไม่ถูกต้อง (เช่น 2025-01-31T09:30:00Z)',
  time: 'รูปแบบเวลาไม่ถูกต้อง (เช่น 09:30)',
  duration: 'รูปแบบระยะเวลาไม่ถูกต้อง',
  e164: 'รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง',
  ipv4: 'รูปแบบที่อยู่ IP ไม่ถูกต้อง',
  ipv6: 'รูปแบบที่อยู่ IP ไม่ถูกต้อง',
  base64: 'รูปแบบข้อมูลไม่ถูกต้อง',
  base64url: 'รูปแบบข้อมูลไม่ถูกต้อง',
  json_string: 'รูปแบบข้อมูลไม่ถูกต้อง',
};

function invalidFormat(issue: ValidationIssue): string {
  const format = issue.format ?? '';
  if (format === 'starts_with' && issue.prefix !== undefined) return `ต้องขึ้นต้นด้วย “${issue.prefix}”`;
  if (format === 'ends_with' && issue.suffix !== undefined) return `ต้องลงท้ายด้วย “${issue.suffix}”`;
  if (format === 'includes' && issue.includes !== undefined) return `ต้องมี “${issue.includes}” อยู่ในข้อความ`;
  // uuidv4, uuidv7… read as uuid; a regex without a custom message has nothing better to say.
  return FORMAT_TH[format] ?? FORMAT_TH[format.replace(/v\d$/, '')] ?? 'รูปแบบข้อมูลไม่ถูกต้อง';
}

function invalidValue(values: readonly unknown[]): string {
  const shown = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  if (shown.length === 0) return GENERIC_FIELD_MESSAGE_TH;
  if (shown.length === 1) return `ต้องเป็น ${shown[0]}`;
  return `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${shown.join(', ')}`;
}

/**
 * The English custom messages of the schemas in src/shared/api and src/server, in Thai. Wording follows the web
 * catalogue (src/web/i18n/th) where it says the same thing, so a field reads alike whether
 * the browser or the server caught it.
 */
const CUSTOM_MESSAGES_TH: Record<string, string> = {
  // shared/api/fields.ts
  'must not contain control characters': 'มีอักขระพิเศษที่ระบบรับไม่ได้ กรุณาลบออก',
  'must be a date written YYYY-MM-DD that exists': 'ต้องเป็นวันที่ที่มีอยู่จริง เขียนแบบ ปปปป-ดด-วว (ปี ค.ศ.)',
  // shared/api/complaints.ts, shared/api/case-actions.ts
  'lat and lon go together': 'กรุณาระบุละติจูดและลองจิจูดคู่กัน',
  'must be a phone number': 'รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง',
  'must be a decimal number': 'ต้องเป็นตัวเลขทศนิยม',
  'give either newDueDate or businessDays': 'กรุณาระบุวันครบกำหนดใหม่ หรือจำนวนวันทำการที่ขยาย อย่างใดอย่างหนึ่ง',
  // shared/api/case-actions.ts, shared/api/saved-filters.ts
  'must not repeat a case': 'มีเรื่องซ้ำกันในรายการ',
  'complainant look-ups are not saved': 'ตัวกรองที่บันทึกไว้ต้องไม่มีการค้นหาด้วยข้อมูลผู้ร้อง',
  'not a case-list filter': 'ไม่ใช่ตัวกรองของรายการเรื่อง',
  // shared/api/reports.ts: a custom reporting period
  'must not be before from': 'วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น',
  // notifications/job-payloads.ts
  'must not be empty': REQUIRED_TH,
  // shared/api/users.ts, shared/api/agencies.ts
  'must be 3–64 of a–z, 0–9, dot, underscore or hyphen': 'ใช้ได้เฉพาะ a–z, 0–9, จุด, ขีดล่าง หรือขีดกลาง 3–64 ตัว',
  'must be an agency code: 1–64 letters, digits, dots, underscores or hyphens':
    'รหัสหน่วยงานใช้ได้เฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข จุด ขีดล่าง หรือขีดกลาง 1–64 ตัว',
  // shared/api/reference.ts, shared/api/triage.ts
  'must be a 2-digit province code': 'รหัสจังหวัดต้องเป็นตัวเลข 2 หลัก',
  'must be a 4-digit district code': 'รหัสอำเภอต้องเป็นตัวเลข 4 หลัก',
  'a 2-digit province code': 'รหัสจังหวัดต้องเป็นตัวเลข 2 หลัก',
  'a province (2 digits) or district (4 digits) code': 'รหัสจังหวัด 2 หลัก หรือรหัสอำเภอ 4 หลัก',
  // shared/api/sla.ts
  'a statutory deadline cannot be shorter than the target': 'กำหนดเวลาตามกฎหมายต้องไม่น้อยกว่าระยะเวลาดำเนินการ',
  'must be less than the target': 'ต้องน้อยกว่าระยะเวลาดำเนินการ',
  'must be the Thai name of the day': 'กรุณาระบุชื่อวันหยุดเป็นภาษาไทย',
  // shared/api/channels.ts, shared/agency-channels.ts
  'must be written in Thai': 'กรุณาระบุเป็นภาษาไทย',
  'must be a Thai phone number or a four-digit hotline': 'ต้องเป็นหมายเลขโทรศัพท์พื้นฐาน 9 หลัก หรือโทรศัพท์มือถือ 10 หลัก ที่ขึ้นต้นด้วย 0 (หรือ +66) หรือสายด่วน 4 หลัก เช่น 1111',
  'must be a LINE ID: letters, digits, dots, hyphens or underscores, an official account with @':
    'ต้องเป็น LINE ID: ตัวอักษรภาษาอังกฤษ ตัวเลข จุด ขีดกลาง หรือขีดล่าง บัญชีทางการขึ้นต้นด้วย @',
  'must be the address of a Facebook page': 'ต้องเป็นที่อยู่ของเพจ Facebook เช่น https://www.facebook.com/ชื่อเพจ',
  'required for this kind of channel': 'กรุณาระบุ: จำเป็นสำหรับช่องทางประเภทนี้',
  // shared/api/exchange.ts (and platform/config.ts's instance code)
  'must be 2–64 of a–z, 0–9 or hyphen, e.g. hub-1111': 'รหัสใช้ได้เฉพาะ a–z, 0–9 หรือขีดกลาง 2–64 ตัว เช่น hub-1111',
  'must be an http:// or https:// URL': 'ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย http:// หรือ https://',
  'must hold public keys only (no "d")': 'ต้องมีเฉพาะกุญแจสาธารณะ ห้ามมีกุญแจส่วนตัว (d)',
  'must hold at least one Ed25519 public key (kty OKP, crv Ed25519, x)': 'ต้องมีกุญแจสาธารณะแบบ Ed25519 อย่างน้อยหนึ่งดอก',
  'must be fyYYYY, qN-YYYY or YYYY-MM in the Buddhist era, or custom': 'ต้องเป็น fyปปปป (ปีงบประมาณ) qN-ปปปป (ไตรมาส) หรือ ปปปป-ดด (เดือน) เป็นปี พ.ศ. หรือ custom (กำหนดเอง)',
  'required for a custom period': 'ต้องระบุเมื่อเลือกช่วงเวลาแบบกำหนดเอง',
  'only with a custom period': 'ระบุได้เฉพาะเมื่อเลือกช่วงเวลาแบบกำหนดเอง',
  'must be within three years of from': 'ต้องห่างจากวันเริ่มต้นไม่เกินสามปี',
  'give either jwksUrl or jwks, not both': 'กรุณาระบุที่อยู่ของชุดกุญแจ หรือชุดกุญแจ อย่างใดอย่างหนึ่งเท่านั้น',
  'give the partner keys: jwksUrl or jwks': 'กรุณาระบุกุญแจของระบบคู่ความร่วมมือ: ที่อยู่ของชุดกุญแจ หรือชุดกุญแจ',
  'a partner reached by files has no URL or keys': 'ระบบที่แลกเปลี่ยนด้วยไฟล์ไม่มีที่อยู่เว็บหรือกุญแจ กรุณาเว้นว่างไว้',
  'required for a partner reached by its API': 'กรุณาระบุ: จำเป็นสำหรับระบบที่เชื่อมต่อผ่าน API',
};

/** Custom messages built from a template. */
const CUSTOM_PATTERNS_TH: ReadonlyArray<{ pattern: RegExp; th: (match: RegExpExecArray) => string }> = [
  // shared/api/fields.ts: administrative area codes
  { pattern: /^must be (\d+) digits$/, th: ([, digits]) => `ต้องเป็นตัวเลข ${digits} หลัก` },
  // shared/api/fields.ts: dates from outside, years as Thai readers count them (พ.ศ.)
  {
    pattern: /^must be a date in the years (\d+)–(\d+)$/,
    th: ([, from, to]) => `ต้องเป็นวันที่ในช่วงปี พ.ศ. ${Number(from) + 543}–${Number(to) + 543}`,
  },
];

/** The Thai of one of our schemas' English custom messages; undefined for zod's own messages and anything unknown. */
export function thaiCustomMessage(message: string): string | undefined {
  const exact = CUSTOM_MESSAGES_TH[message];
  if (exact) return exact;
  for (const { pattern, th } of CUSTOM_PATTERNS_TH) {
    const match = pattern.exec(message);
    if (match) return th(match);
  }
  return undefined;
}
