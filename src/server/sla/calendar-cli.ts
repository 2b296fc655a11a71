/**
 * `rongthuk calendar import FILE.csv [--agency CODE]` and `rongthuk calendar list --year YYYY
 * [--agency CODE]`: the holiday calendar from the command line, e.g. to load the days cabinet
 * declares each year. Exit codes: 0 done, 1 bad input (nothing written), 2 usage.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HolidayDateSchema, HolidayNameSchema } from '../../shared/api/sla.ts';
import { isoWeekday, type IsoDate } from '../../shared/business-days.ts';
import { DataKeyMismatchError, type OpenInstallation } from '../platform/bootstrap.ts';
import type { Config } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { DATE_YEARS } from '../platform/validation.ts';
import { importHolidays, listCalendar, type CalendarEditor } from './calendar.ts';

export const CALENDAR_USAGE = `Usage:
  rongthuk calendar import FILE.csv [--agency CODE]
      add days off from a CSV file with the header date,name (YYYY-MM-DD, the Thai name);
      with --agency, as local days of that agency and the agencies below it. Every row is
      checked first: one bad row and nothing is written. Days already off are skipped.
  rongthuk calendar list --year YYYY [--agency CODE]
      print the days off of a year: the national calendar, or the calendar of an agency
      (national days and the local days of the agency and those above it)`;

export interface CalendarOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * Runs `rongthuk calendar …`; `args` are the words after `calendar`. Returns the exit code.
 * `open` opens the installation, migrated and seeded (the composition root's openInstallation).
 */
export async function runCalendarCommand(args: string[], config: Config, output: CalendarOutput, open: OpenInstallation): Promise<number> {
  let parsed: ReturnType<typeof parseCalendarArgs>;
  if (args.includes('--help') || args.includes('-h')) {
    output.out(CALENDAR_USAGE);
    return 0;
  }
  try {
    parsed = parseCalendarArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${error.message}\n\n${CALENDAR_USAGE}`);
    return 2;
  }
  try {
    const openContext = () => open(config, { role: 'calendar', log: output.err });
    return parsed.command === 'import' ? await runImport(parsed.file, parsed.agency, openContext, output) : await runList(parsed.year, parsed.agency, openContext, output);
  } catch (error) {
    // An unknown agency (404) and the like: the input was wrong, nothing was written.
    if (error instanceof AppError && error.status < 500) {
      output.err(error.message);
      return 1;
    }
    if (error instanceof DataKeyMismatchError) {
      output.err(error.message);
      return 1;
    }
    throw error;
  }
}

class UsageError extends Error {}

type CalendarArgs = { command: 'import'; file: string; agency: string | undefined } | { command: 'list'; year: number; agency: string | undefined };

function parseCalendarArgs(args: string[]): CalendarArgs {
  let values: { agency?: string | undefined; year?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { agency: { type: 'string' }, year: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...rest] = positionals;
  const agency = values.agency?.trim();
  if (values.agency !== undefined && !agency) throw new UsageError('--agency needs an agency code');
  if (command === 'import') {
    if (rest.length !== 1 || !rest[0]) throw new UsageError('calendar import takes one CSV file');
    if (values.year !== undefined) throw new UsageError('calendar import takes no --year: the dates say it');
    return { command, file: rest[0], agency };
  }
  if (command === 'list') {
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const year = values.year === undefined ? Number.NaN : Number(values.year);
    if (!/^\d{4}$/.test(values.year ?? '') || year < DATE_YEARS.min || year > DATE_YEARS.max) {
      throw new UsageError(`calendar list needs --year YYYY (${DATE_YEARS.min}–${DATE_YEARS.max})`);
    }
    return { command, year, agency };
  }
  throw new UsageError(command ? `unknown calendar command "${command}"` : 'calendar needs a command: import or list');
}

async function runImport(file: string, agency: string | undefined, openContext: () => Promise<AppContext>, output: CalendarOutput): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    output.err(`cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const { days, problems } = parseHolidayCsv(text);
  if (problems.length) {
    for (const problem of problems) output.err(`${file}:${problem.line}: ${problem.message}`);
    output.err(`nothing imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}`);
    return 1;
  }
  return withContext(openContext, async (ctx) => {
    const { added, skipped } = await importHolidays(ctx, { editor: operator(), days, agencyCode: agency, source: path.basename(file) });
    const calendar = agency ? `the local days of ${agency}` : 'the national calendar';
    output.out(`imported ${added.length} day${added.length === 1 ? '' : 's'} off into ${calendar}; ${skipped.length} skipped (already days off)`);
    if (skipped.length) output.out(`skipped: ${skipped.join(', ')}`);
    return 0;
  });
}

async function runList(year: number, agency: string | undefined, openContext: () => Promise<AppContext>, output: CalendarOutput): Promise<number> {
  return withContext(openContext, async (ctx) => {
    for (const day of await listCalendar(ctx.db, year, agency)) {
      output.out(`${day.date}  ${WEEKDAYS[isoWeekday(day.date) - 1]}  ${day.name}  (${day.agencyCode ?? 'national'})`);
    }
    return 0;
  });
}

async function withContext(openContext: () => Promise<AppContext>, work: (ctx: AppContext) => Promise<number>): Promise<number> {
  const ctx = await openContext();
  try {
    return await work(ctx);
  } finally {
    await ctx.db.close();
  }
}

/** The operator, for the audit log: the command line and, where known, the system account running it. */
function operator(): CalendarEditor {
  let account = '';
  try {
    account = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the command line alone.
  }
  return { kind: 'operator', label: account ? `cli:${account}` : 'cli' };
}

export interface CsvProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

/**
 * Reads a holiday CSV (header `date,name`, then one day a line; fields may be quoted, a
 * UTF-8 byte-order mark and CRLF line ends are fine, blank lines are ignored) and checks every
 * row, naming each problem with its line.
 */
export function parseHolidayCsv(text: string): { days: Array<{ date: IsoDate; name: string }>; problems: CsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const problems: CsvProblem[] = [];
  const days: Array<{ date: IsoDate; name: string }> = [];
  const firstLine = new Map<IsoDate, number>();
  let headerSeen = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const fields = splitCsvLine(raw);
    if (typeof fields === 'string') {
      problems.push({ line, message: fields });
      if (!headerSeen) headerSeen = true;
      return;
    }
    if (!headerSeen) {
      headerSeen = true;
      const header = fields.map((field) => field.trim().toLowerCase());
      if (header.length !== 2 || header[0] !== 'date' || header[1] !== 'name') {
        problems.push({ line, message: `the first line must be the header date,name, not ${JSON.stringify(raw.slice(0, 60))}` });
      }
      return;
    }
    if (fields.length !== 2) {
      problems.push({ line, message: `expected 2 fields (date,name), found ${fields.length}: quote a name that contains a comma` });
      return;
    }
    const [rawDate = '', rawName = ''] = fields;
    const date = rawDate.trim();
    const dateCheck = HolidayDateSchema.safeParse(date);
    const nameCheck = HolidayNameSchema.safeParse(rawName);
    if (!dateCheck.success) problems.push({ line, message: `date ${JSON.stringify(date)}: ${dateCheck.error.issues[0]?.message ?? 'invalid'}` });
    if (!nameCheck.success) problems.push({ line, message: `name ${JSON.stringify(rawName.trim().slice(0, 60))}: ${nameCheck.error.issues[0]?.message ?? 'invalid'}` });
    if (!dateCheck.success || !nameCheck.success) return;
    const earlier = firstLine.get(date);
    if (earlier !== undefined) {
      problems.push({ line, message: `date ${date} is already on line ${earlier}` });
      return;
    }
    firstLine.set(date, line);
    days.push({ date, name: nameCheck.data });
  });
  if (problems.length === 0 && days.length === 0) problems.push({ line: 1, message: headerSeen ? 'no days after the header' : 'the file is empty' });
  return { days, problems };
}

/** The fields of one CSV line (RFC 4180 quoting), or a message saying what is wrong with it. */
function splitCsvLine(line: string): string[] | string {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
    } else if (char === '"' && field.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      field = '';
    } else if (wasQuoted && char !== ' ' && char !== '\t') {
      return 'text after a closing quote';
    } else {
      field += char;
    }
  }
  if (quoted) return 'a quote is not closed on this line';
  fields.push(field);
  return fields;
}
