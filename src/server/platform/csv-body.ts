/**
 * CSV request bodies (Content-Type text/csv), for the routes that say they take them
 * (`config: { acceptsCsv: true }`; the others answer 415 as before). The bytes must be UTF-8
 * and every cell storable (no NUL): what is not is refused with 400 naming each cell as
 * `rows.<n>.<column>` (n counts data rows from 1, after the header) — a file a spreadsheet
 * saved in the Thai code page (Windows-874) is the usual case, and the clerk learns which rows
 * to look at. The body reaches the route as the decoded text, so the check every request's
 * text passes (http.ts) finds nothing left to refuse.
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CsvSyntaxError, parseCsvRecords } from '../../shared/csv.ts';
import { AppError, invalidInput, type ErrorDetail } from './errors.ts';
import { storableText, UNSTORABLE_TEXT_MESSAGES, unstorableTextProblem } from './validation.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a text/csv body (see csv-body.ts); others refuse it. */
    acceptsCsv?: boolean;
  }
}

/** A CSV body larger than this is refused with 413: some thousands of rows, split a larger file. */
export const CSV_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
/** Cells named in one refusal: enough to show what is wrong with a file. */
const MAX_NAMED_CELLS = 100;

const NOT_UTF8 = {
  message: 'is not UTF-8 text: save the file as "CSV UTF-8" and send it again',
  messageTh: 'ไฟล์ไม่ได้บันทึกเป็น UTF-8 กรุณาบันทึกเป็น “CSV UTF-8 (Comma delimited)” แล้วส่งใหม่',
};

/** Registers the text/csv parser; call with the other body parsers, before the routes. */
export function registerCsvBodies(app: FastifyInstance): void {
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT_BYTES }, async (request: FastifyRequest, body: Buffer) => {
    if (!request.routeOptions.config.acceptsCsv) {
      throw new AppError(415, 'unsupported_media_type', 'This endpoint takes JSON only, not text/csv', 'รูปแบบข้อมูลไม่รองรับ กรุณาส่งเป็น JSON');
    }
    return decodeCsvText(body);
  });
}

/**
 * The text of a CSV file's bytes; throws 400 naming every cell that is not UTF-8 or cannot be
 * stored (`rows.<n>.<column>`, the header's cells `columns.<i>`), and the line of a quote left
 * open. The command line reads its files through this too.
 */
export function decodeCsvText(bytes: Uint8Array): string {
  const utf8 = isUtf8(bytes);
  // Not UTF-8: the bytes that are not become U+FFFD, so the cells they fall in can be named.
  const text = new TextDecoder('utf-8').decode(bytes);
  if (utf8 && !text.includes('\u0000')) return text;
  const problems = cellProblems(text, utf8);
  if (problems.length === 0) problems.push({ field: 'body', ...NOT_UTF8 });
  throw invalidInput(problems.slice(0, MAX_NAMED_CELLS), `The CSV file has ${problems.length} cell(s) that cannot be read`);
}

/** The records of a CSV text; a quote left open is 400 naming its line. */
export function readCsvRecords(text: string): ReturnType<typeof parseCsvRecords> {
  try {
    return parseCsvRecords(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw invalidInput([{ field: 'body', message: `not CSV: ${error.message}`, messageTh: `ไฟล์ไม่อยู่ในรูปแบบ CSV (บรรทัดที่ ${error.line}: มีเครื่องหมายคำพูดที่ไม่ได้ปิด)` }]);
  }
}

function cellProblems(text: string, utf8: boolean): ErrorDetail[] {
  const [header, ...rows] = readCsvRecords(text);
  const problems: ErrorDetail[] = [];
  const check = (cell: string, field: string) => {
    if (!utf8 && cell.includes('\uFFFD')) problems.push({ field, ...NOT_UTF8 });
    else {
      const problem = unstorableTextProblem(cell);
      if (problem) problems.push({ field, ...UNSTORABLE_TEXT_MESSAGES[problem] });
    }
  };
  const names = header?.fields ?? [];
  names.forEach((cell, index) => check(cell, `columns.${index + 1}`));
  rows.forEach((row, index) => row.fields.forEach((cell, column) => check(cell, `rows.${index + 1}.${storableText(names[column] ?? String(column + 1))}`)));
  return problems;
}
