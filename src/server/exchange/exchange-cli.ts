/**
 * `rongthuk exchange export|import|verify`: the exchange by files with an agency whose system
 * has no API yet, and a check of every stored signature. Exit codes: 0 done, 1 bad input,
 * refused or failed (an import refused applies nothing), 2 usage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EXCHANGE_EXPORT_FORMATS, EXCHANGE_IMPORT_COLUMNS, PartnerCodeSchema, type ExchangeExportFormat } from '../../shared/api/exchange.ts';
import type { OpenInstallation } from '../platform/bootstrap.ts';
import type { Config } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { decodeCsvText } from '../platform/csv-body.ts';
import { AppError } from '../platform/errors.ts';
import { exportPartnerMessages } from './file-export.ts';
import { importPartnerUpdates } from './file-import.ts';
import { operator, type PartnerOutput } from './partner-cli.ts';
import { verifyStoredMessages } from './verify-messages.ts';

export const EXCHANGE_USAGE = `Usage:
  rongthuk exchange export --partner C [--format csv|json] [--out FILE]
      the messages waiting for file partner C (an agency without an API), oldest first: CSV
      for a spreadsheet (UTF-8 with BOM; the default) or JSON (the messages signed); to FILE
      or standard output. They are marked exported (an hourly job also writes them to
      RONGTHUK_DATA_DIR/exchange/C/)
  rongthuk exchange import --partner C FILE.csv
      apply file partner C's status updates; columns ${EXCHANGE_IMPORT_COLUMNS.join(',')}.
      Every row is checked first: problems are listed by row and column and nothing is applied
  rongthuk exchange verify
      check every signature the message log keeps (ours with our key, partners' with theirs);
      exits 1 when any fails`;

class UsageError extends Error {}

class UnwritableFile extends Error {
  constructor(file: string, cause: unknown) {
    super(`cannot write ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`);
  }
}

type ExchangeArgs =
  | { command: 'export'; partner: string; format: ExchangeExportFormat; out: string | undefined }
  | { command: 'import'; partner: string; file: string }
  | { command: 'verify' };

/** Runs `rongthuk exchange …`; `args` are the words after `exchange`. Returns the exit code. */
export async function runExchangeCommand(args: string[], config: Config, output: PartnerOutput, open: OpenInstallation): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(EXCHANGE_USAGE);
    return 0;
  }
  let parsed: ExchangeArgs;
  try {
    parsed = parseExchangeArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${error.message}\n\n${EXCHANGE_USAGE}`);
    return 2;
  }
  // The file is read before the database is opened: a wrong path or a file that is not UTF-8 costs nothing.
  let csv: string | undefined;
  if (parsed.command === 'import') {
    const read = await readImportFile(parsed.file, output);
    if (read === undefined) return 1;
    csv = read;
  }
  // Another data key than the database's (DataKeyMismatchError) is said by main(), exit 1.
  const ctx = await open(config, { role: 'exchange', log: output.err });
  try {
    if (parsed.command === 'export') return await runExport(ctx, parsed, output);
    if (parsed.command === 'import') {
      const answer = await importPartnerUpdates(ctx, operator(), parsed.partner, csv as string);
      output.out(`imported ${answer.rows} row(s) of partner ${parsed.partner}: ${answer.applied} applied`);
      return 0;
    }
    return await runVerify(ctx, output);
  } catch (error) {
    // No such partner (404), an API partner or a refused file (400), an inactive partner (409): nothing was written.
    if (error instanceof AppError && error.status < 500) {
      printRefusal(error, output);
      if (parsed.command === 'import') output.err('nothing imported / ไม่ได้นำเข้าข้อมูลใด');
      return 1;
    }
    throw error;
  } finally {
    await ctx.db.close();
  }
}

async function runExport(ctx: AppContext, args: Extract<ExchangeArgs, { command: 'export' }>, output: PartnerOutput): Promise<number> {
  const { out } = args;
  // To a file: written before the export commits, so a file that cannot be written leaves the messages waiting.
  const write = out ? (made: { content: string }) => writeFile(out, made.content, { mode: 0o600 }).catch((error: unknown) => Promise.reject(new UnwritableFile(out, error))) : undefined;
  let file: Awaited<ReturnType<typeof exportPartnerMessages>>;
  try {
    file = await exportPartnerMessages(ctx, operator(), args.partner, args.format, write);
  } catch (error) {
    if (!(error instanceof UnwritableFile)) throw error;
    output.err(`${error.message}: nothing was marked exported`);
    return 1;
  }
  if (out) output.err(`exported ${file.messages} message(s) of partner ${args.partner} to ${out}${file.more ? ' (more wait: export again)' : ''}`);
  else output.out(file.content.replace(/\r?\n$/, ''));
  return 0;
}

async function runVerify(ctx: AppContext, output: PartnerOutput): Promise<number> {
  const outcome = await verifyStoredMessages(ctx, ({ message, reason }) => {
    output.out(`FAILED ${message.direction === 'out' ? 'to' : 'from'} ${message.partnerCode} ${message.type} #${message.seq} (message ${message.messageId}, case ${message.caseId ?? '-'}): ${reason}`);
  });
  output.out(`${outcome.checked} messages checked, ${outcome.failed} failed`);
  return outcome.failed === 0 ? 0 : 1;
}

/** The import file's text; undefined (problems said) when it cannot be read or is not UTF-8. */
async function readImportFile(file: string, output: PartnerOutput): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    output.err(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return undefined;
  }
  try {
    return decodeCsvText(bytes);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    printRefusal(error, output);
    output.err('nothing imported / ไม่ได้นำเข้าข้อมูลใด');
    return undefined;
  }
}

/** The refusal and each field at fault (`rows.2.result: …`), English and Thai. */
function printRefusal(error: AppError, output: PartnerOutput): void {
  output.err(`${error.message} / ${error.messageTh}`);
  for (const detail of error.details) output.err(`  ${detail.field ?? 'input'}: ${detail.message}${detail.messageTh ? ` / ${detail.messageTh}` : ''}`);
}

function parseExchangeArgs(args: string[]): ExchangeArgs {
  let values: { partner?: string | undefined; format?: string | undefined; out?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { partner: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...rest] = positionals;
  const flags = Object.keys(values);
  if (command === 'verify') {
    if (flags.length) throw new UsageError(`exchange verify takes no --${flags[0]}`);
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    return { command };
  }
  if (command !== 'export' && command !== 'import') throw new UsageError(command ? `unknown exchange command "${command}"` : 'exchange needs a command: export, import or verify');
  if (values.partner === undefined) throw new UsageError(`exchange ${command} needs --partner`);
  const partner = PartnerCodeSchema.safeParse(values.partner);
  if (!partner.success) throw new UsageError(`--partner: "${values.partner}" is not a partner code (2–64 of a–z, 0–9 or hyphen)`);
  if (command === 'import') {
    if (values.format !== undefined || values.out !== undefined) throw new UsageError(`exchange import takes no --${values.format !== undefined ? 'format' : 'out'}`);
    if (rest.length !== 1 || !rest[0]) throw new UsageError('exchange import takes one CSV file');
    return { command, partner: partner.data, file: rest[0] };
  }
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const format = values.format ?? 'csv';
  if (!(EXCHANGE_EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: "${format}" is not one of ${EXCHANGE_EXPORT_FORMATS.join(', ')}`);
  return { command, partner: partner.data, format: format as ExchangeExportFormat, out: values.out };
}
