import { describe, expect, it } from 'vitest';
import { describeErrorSafely, errorForLog, pathOnly, safeErrorText } from './logging.ts';

describe('pathOnly', () => {
  it('keeps the path and says a query string was there, without it', () => {
    expect(pathOnly('/api/v1/cases?phone=0812345678&nationalId=1101700203450')).toBe('/api/v1/cases?[query removed]');
    expect(pathOnly('/api/v1/cases/abc')).toBe('/api/v1/cases/abc');
    expect(pathOnly(undefined)).toBeUndefined();
  });
});

describe('safeErrorText', () => {
  it('removes the values a database quotes, keeps the names of tables and constraints', () => {
    expect(safeErrorText('invalid input syntax for type integer: "สมชาย 0812345678"')).toBe('invalid input syntax for type integer: "[value removed]"');
    expect(safeErrorText('duplicate key value violates unique constraint "users_username_key"')).toBe('duplicate key value violates unique constraint "users_username_key"');
    expect(safeErrorText(`invalid input value for enum case_status: 'ปิด'`)).toBe(`invalid input value for enum case_status: '[value removed]'`);
  });

  it('removes personal data a message carries outside quotes (a mail server naming the recipient)', () => {
    const text = safeErrorText('550 5.1.1 <somchai@example.com>: mailbox of 081-234-5678 unavailable');
    expect(text).not.toContain('somchai@example.com');
    expect(text).not.toContain('081-234-5678');
    expect(text).toMatch(/^550 5\.1\.1/);
  });
});

describe('errorForLog', () => {
  it('keeps the type, code and where, never the fields a driver adds with the values', () => {
    const error = Object.assign(new Error('invalid input syntax for type integer: "ลับ"'), {
      code: '22P02',
      routine: 'pg_strtoint32_safe',
      detail: 'Key (phone)=(0812345678) already exists.',
      where: "unnamed portal parameter $1 = '...'",
      query: 'SELECT $1::int',
      params: ['ลับ 0812345678'],
    });
    const logged = errorForLog(error);
    expect(logged).toMatchObject({ type: 'Error', code: '22P02', routine: 'pg_strtoint32_safe', message: 'invalid input syntax for type integer: "[value removed]"' });
    const text = JSON.stringify(logged);
    for (const secret of ['ลับ', '0812345678', 'SELECT', 'portal']) expect(text).not.toContain(secret);
    expect(String(logged.stack)).toMatch(/^\s+at /);
  });

  it('describes anything thrown in one safe line', () => {
    expect(describeErrorSafely(new TypeError('bad "0812345678"'))).toBe('TypeError: bad "[value removed]"');
    expect(describeErrorSafely('plain text')).toBe('plain text');
  });
});
