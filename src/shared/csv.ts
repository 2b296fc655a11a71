/**
 * CSV reading for triage data (RFC 4180 style): quoted fields may hold commas, doubled
 * quotes and line breaks; CRLF or LF; a leading BOM is skipped. Each record carries the line
 * it starts on, so validation can point at the offending line of the file.
 */

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Parses CSV text into records with their starting line; blank lines are skipped. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let started = false; // anything seen in the current record
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = (): void => {
    if (started) {
      fields.push(field);
      records.push({ line: recordLine, fields });
    }
    fields = [];
    field = '';
    started = false;
  };

  for (; i < text.length; i++) {
    const ch = text[i];
    if (!started) {
      recordLine = line;
    }
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      quoteLine = line;
      started = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      started = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else {
      field += ch;
      started = true;
    }
  }
  if (inQuotes) throw new CsvSyntaxError('unterminated quoted field', quoteLine);
  endRecord();
  return records;
}

/**
 * One CSV cell (RFC 4180 quoting). With `guardFormulas` (the default, for files people open in
 * a spreadsheet) a leading =, +, - or @ is escaped with an apostrophe so it cannot run as a
 * formula; machine-read files such as training data turn it off to keep the text exact.
 */
export function csvCell(value: unknown, guardFormulas = true): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = guardFormulas && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A CSV file for people's spreadsheets: the header and the rows, RFC 4180 quoting with
 * formulas guarded (csvCell), CRLF line ends, and a byte-order mark first so that spreadsheet
 * programs read the Thai text as UTF-8.
 */
export function spreadsheetCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const lines = [header, ...rows].map((cells) => cells.map((cell) => csvCell(cell)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A CSV text's records after its header, and the position of each named column; throws naming
 * `source` when the text is empty or a column is missing.
 */
export function parseCsvTable<const Names extends readonly string[]>(
  text: string,
  source: string,
  names: Names,
): { body: CsvRecord[]; columns: { [K in keyof Names]: number } } {
  const [header, ...body] = parseCsvRecords(text);
  if (!header) throw new Error(`${source}: empty`);
  const columns = names.map((name) => {
    const at = header.fields.indexOf(name);
    if (at < 0) throw new Error(`${source}: no column ${name}`);
    return at;
  });
  return { body, columns: columns as { [K in keyof Names]: number } };
}
