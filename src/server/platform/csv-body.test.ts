import { describe, expect, it } from 'vitest';
import { decodeCsvText, readCsvRecords } from './csv-body.ts';
import { AppError } from './errors.ts';

/** The fields an AppError names, or the value when nothing was thrown. */
function refusedFields(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.details.map((detail) => detail.field ?? '');
    throw error;
  }
  throw new Error('not refused');
}

describe('decodeCsvText', () => {
  it('gives UTF-8 text as it is, byte-order mark and all', () => {
    expect(decodeCsvText(Buffer.from('reference,message\r\nRT-69-7K3M9Q,ซ่อมแล้ว\r\n'))).toBe('reference,message\r\nRT-69-7K3M9Q,ซ่อมแล้ว\r\n');
  });

  it('names every cell that is not UTF-8 (a file saved in the Thai code page) by data row and column', () => {
    const tis620 = (text: string) => Buffer.from([...text].map((char) => (char.charCodeAt(0) >= 0x0e01 ? char.charCodeAt(0) - 0x0e01 + 0xa1 : char.charCodeAt(0))));
    const bytes = Buffer.concat([Buffer.from('reference,type,message\r\n'), tis620('a,progress,ซ่อม\r\nb,ส่งคืน,ok\r\n')]);
    expect(refusedFields(() => decodeCsvText(bytes))).toEqual(['rows.1.message', 'rows.2.type']);
    expect(refusedFields(() => decodeCsvText(Buffer.concat([tis620('เลข'), Buffer.from(',type\r\n')])))).toEqual(['columns.1']);
  });

  it('names a cell holding NUL, and the line of a quote left open', () => {
    expect(refusedFields(() => decodeCsvText(Buffer.from('a,b\n1,"x\u0000y"\n')))).toEqual(['rows.1.b']);
    expect(refusedFields(() => readCsvRecords('a,b\n1,"open\n'))).toEqual(['body']);
  });
});
