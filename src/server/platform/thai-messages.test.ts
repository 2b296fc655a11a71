import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GENERIC_FIELD_MESSAGE_TH, REQUIRED_TH, thaiCustomMessage, thaiDate, thaiIssueMessage, type ValidationIssue } from './thai-messages.ts';
import { plainText, trimmedText } from './validation.ts';

/** The Thai of the first issue zod raises for `value`, as the error handler sees it (without the value). */
function thaiOf(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`${JSON.stringify(value)} passed`);
  const issue = result.error.issues[0];
  if (!issue) throw new Error('no issue');
  return thaiIssueMessage(issue as ValidationIssue);
}

describe('thaiIssueMessage', () => {
  it('says how long text must be', () => {
    expect(thaiOf(z.string().min(10), 'short')).toBe('ต้องมีอย่างน้อย 10 ตัวอักษร');
    expect(thaiOf(z.string().max(5000), 'x'.repeat(5001))).toBe('ต้องมีไม่เกิน 5,000 ตัวอักษร');
    expect(thaiOf(z.string().length(13), '123')).toBe('ต้องมี 13 ตัวอักษร');
    expect(thaiOf(trimmedText(10, 5000), '   สั้น   ')).toBe('ต้องมีอย่างน้อย 10 ตัวอักษร');
  });

  it('asks for a value when text or a list is empty', () => {
    expect(thaiOf(z.string().min(1), '')).toBe(REQUIRED_TH);
    expect(thaiOf(z.array(z.string()).min(1), [])).toBe('กรุณาเลือกอย่างน้อย 1 รายการ');
    expect(thaiOf(z.array(z.string()).min(2), ['a'])).toBe('ต้องมีอย่างน้อย 2 รายการ');
    expect(thaiOf(z.array(z.string()).max(100), Array.from({ length: 101 }, () => 'a'))).toBe('ต้องมีไม่เกิน 100 รายการ');
  });

  it('gives the bounds of numbers, inclusive or not', () => {
    expect(thaiOf(z.number().min(1), 0)).toBe('ต้องไม่น้อยกว่า 1');
    expect(thaiOf(z.number().max(365), 400)).toBe('ต้องไม่เกิน 365');
    expect(thaiOf(z.number().gt(5), 5)).toBe('ต้องมากกว่า 5');
    expect(thaiOf(z.number().lt(5), 5)).toBe('ต้องน้อยกว่า 5');
    expect(thaiOf(z.number().int().min(-90), -91)).toBe('ต้องไม่น้อยกว่า -90');
    expect(thaiOf(z.number().multipleOf(5), 7)).toBe('ต้องเป็นจำนวนที่หารด้วย 5 ลงตัว');
  });

  it('gives the bounds of dates in the Thai calendar', () => {
    expect(thaiOf(z.date().min(new Date('2025-01-01T00:00:00+07:00')), new Date('2024-12-31T00:00:00+07:00'))).toBe('ต้องไม่ก่อน 1 ม.ค. 2568');
    expect(thaiDate('2025-03-10')).toBe('10 มี.ค. 2568');
    expect(thaiDate('not a date')).toBe('not a date');
  });

  it('asks for a missing field, from the value or from zod’s message', () => {
    const schema = z.object({ description: z.string() });
    // As zod reports it (no value): "…, received undefined".
    expect(thaiOf(schema, {})).toBe(REQUIRED_TH);
    // As the error handler passes it, with the value from the request.
    expect(thaiIssueMessage({ code: 'invalid_type', expected: 'string', message: 'Invalid input: expected string, received undefined', input: undefined })).toBe(REQUIRED_TH);
    expect(thaiIssueMessage({ code: 'invalid_type', expected: 'nonoptional', message: 'Invalid input' })).toBe(REQUIRED_TH);
  });

  it('names the type expected of a field sent with another', () => {
    expect(thaiOf(z.string(), 12)).toBe('ต้องเป็นข้อความ');
    expect(thaiOf(z.number(), '12')).toBe('ต้องเป็นตัวเลข');
    expect(thaiOf(z.number().int(), 1.5)).toBe('ต้องเป็นจำนวนเต็ม');
    expect(thaiOf(z.boolean(), 'yes')).toBe('ต้องเป็นค่าใช่หรือไม่ใช่ (true หรือ false)');
    expect(thaiOf(z.array(z.string()), 'a')).toBe('ต้องเป็นรายการ');
    expect(thaiOf(z.object({}), null)).toBe('ต้องเป็นชุดข้อมูล');
    // A value given as null is wrong, not missing.
    expect(thaiIssueMessage({ code: 'invalid_type', expected: 'string', message: 'Invalid input: expected string, received null', input: null })).toBe('ต้องเป็นข้อความ');
    expect(thaiIssueMessage({ code: 'invalid_type', expected: 'symbol' })).toBe('ประเภทข้อมูลไม่ถูกต้อง');
  });

  it('names the format expected', () => {
    expect(thaiOf(z.email(), 'not-an-email')).toBe('รูปแบบอีเมลไม่ถูกต้อง');
    expect(thaiOf(z.uuid(), '123')).toBe('รูปแบบรหัสอ้างอิงไม่ถูกต้อง');
    expect(thaiOf(z.uuidv4(), '123')).toBe('รูปแบบรหัสอ้างอิงไม่ถูกต้อง');
    expect(thaiOf(z.url(), 'nope')).toBe('รูปแบบที่อยู่เว็บไซต์ไม่ถูกต้อง');
    expect(thaiOf(z.iso.date(), '2025-13-01')).toBe('รูปแบบวันที่ไม่ถูกต้อง (ปี ค.ศ.-เดือน-วัน เช่น 2025-01-31)');
    expect(thaiOf(z.iso.datetime(), 'yesterday')).toBe('รูปแบบวันและเวลาไม่ถูกต้อง (เช่น 2025-01-31T09:30:00Z)');
    expect(thaiOf(z.string().startsWith('RT-'), 'X')).toBe('ต้องขึ้นต้นด้วย “RT-”');
    // A regex without a message of its own.
    expect(thaiOf(z.string().regex(/^\d+$/), 'abc')).toBe('รูปแบบข้อมูลไม่ถูกต้อง');
  });

  it('lists the values allowed', () => {
    expect(thaiOf(z.enum(['web', 'line', 'email']), 'fax')).toBe('ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: web, line, email');
    expect(thaiOf(z.literal('th'), 'en')).toBe('ต้องเป็น th');
    expect(thaiOf(z.literal(5), 4)).toBe('ต้องเป็น 5');
  });

  it('names an unknown field', () => {
    expect(thaiOf(z.object({}).strict(), { colour: 'red' })).toBe('ไม่รู้จักช่อง colour');
    expect(thaiIssueMessage({ code: 'unrecognized_keys', keys: ['a', 'b'] })).toBe('ไม่รู้จักช่อง a, b');
  });

  it('uses a refinement’s own Thai, else the Thai of our custom message, else a generic one', () => {
    expect(thaiOf(z.string().refine(() => false, { message: 'nope', params: { messageTh: 'ไม่ได้' } }), 'x')).toBe('ไม่ได้');
    expect(thaiOf(z.string().refine(() => false, 'must not repeat a case'), 'x')).toBe('มีเรื่องซ้ำกันในรายการ');
    expect(thaiOf(z.string().refine(() => false, 'something nobody translated'), 'x')).toBe(GENERIC_FIELD_MESSAGE_TH);
    expect(thaiOf(z.union([z.string(), z.number()]), true)).toBe('ข้อมูลในช่องนี้ไม่ตรงกับรูปแบบที่รับได้');
  });

  it('says our schemas’ custom messages in Thai, whatever kind of issue carries them', () => {
    expect(thaiOf(trimmedText(1, 100), 'a\u0000b')).toBe('มีอักขระพิเศษที่ระบบรับไม่ได้ กรุณาลบออก');
    expect(thaiOf(plainText(100), '\u0007')).toBe('มีอักขระพิเศษที่ระบบรับไม่ได้ กรุณาลบออก');
    expect(thaiOf(z.string().regex(/^\d{2}$/, 'must be 2 digits'), '1')).toBe('ต้องเป็นตัวเลข 2 หลัก');
    expect(thaiOf(z.string().regex(/^\+?\d+$/, 'must be a phone number'), 'abc')).toBe('รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง');
    expect(thaiCustomMessage('must be 6 digits')).toBe('ต้องเป็นตัวเลข 6 หลัก');
    expect(thaiCustomMessage('Too small: expected string to have >=10 characters')).toBeUndefined();
  });
});

describe('the custom messages of the schemas in src/server and the API contract (src/shared/api)', () => {
  const serverDir = fileURLToPath(new URL('..', import.meta.url));
  const contractDir = fileURLToPath(new URL('../../shared/api', import.meta.url));
  const srcDir = path.dirname(serverDir);
  const schemaFiles = () => [...sourceFiles(serverDir), ...sourceFiles(contractDir)];

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      // Configuration is read from the environment, not from a request: its messages reach an operator, in English.
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'config.ts' ? [full] : [];
    });
  }

  /** Literal messages given to `.regex(…, 'm')`, `.refine(…, 'm' | { message: 'm' })` and `addIssue({ message: 'm' })`. */
  function customMessages(source: string): string[] {
    const found: string[] = [];
    for (const match of source.matchAll(/\.regex\(\s*(?:\/(?:\\.|[^/\n])+\/[a-z]*|[A-Za-z_.]+|new RegExp\([^\n]*?\))\s*,\s*'([^']+)'/g)) found.push(match[1] ?? '');
    for (const match of source.matchAll(/\.refine\(/g)) {
      const args = argumentsAt(source, match.index + match[0].length);
      const message = /message:\s*'([^']+)'/.exec(args) ?? /,\s*'([^']+)'\s*,?\s*$/.exec(args);
      if (message?.[1]) found.push(message[1]);
    }
    for (const match of source.matchAll(/addIssue\(\{[^}]*message:\s*'([^']+)'/g)) found.push(match[1] ?? '');
    return found;
  }

  /** The text of a call's arguments, from just after its `(` to the matching `)`. */
  function argumentsAt(source: string, start: number): string {
    let depth = 1;
    let quote: string | undefined;
    for (let at = start; at < source.length; at++) {
      const char = source[at];
      if (quote) {
        if (char === '\\') at++;
        else if (char === quote) quote = undefined;
      } else if (char === "'" || char === '"' || char === '`') quote = char;
      else if (char === '(') depth++;
      else if (char === ')' && --depth === 0) return source.slice(start, at);
    }
    return source.slice(start);
  }

  it('finds the messages it checks', () => {
    const all = schemaFiles().flatMap((file) => customMessages(readFileSync(file, 'utf8')));
    expect(all).toEqual(expect.arrayContaining(['must not contain control characters', 'must be a phone number', 'lat and lon go together', 'give either newDueDate or businessDays']));
  });

  it('has a Thai text for every one of them', () => {
    const missing = schemaFiles().flatMap((file) =>
      customMessages(readFileSync(file, 'utf8'))
        .filter((message) => thaiCustomMessage(message) === undefined)
        .map((message) => `${path.relative(srcDir, file)}: ${message}`),
    );
    expect(missing, 'add these to CUSTOM_MESSAGES_TH in thai-messages.ts').toEqual([]);
  });
});
