/**
 * `rongthuk partner add|list|remove`: the partner registry from the command line, e.g. to link
 * two instances before any administrator account exists. Exit codes: 0 done, 1 bad input or
 * refused (nothing written), 2 usage.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { IDENTITY_SHARING, NewPartnerSchema, PartnerCodeSchema, TEXT_SHARING } from '../../shared/api/exchange.ts';
import { DataKeyMismatchError, type OpenInstallation } from '../platform/bootstrap.ts';
import type { Config } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { addPartner, listPartners, removePartner, type PartnerEditor, type PartnerRecord } from './partners.ts';

export const PARTNER_USAGE = `Usage:
  rongthuk partner add --code C --name N --url URL --jwks URL_OR_FILE --agencies A[,B…]
                       [--identity none|contact|full] [--text redacted|full] [--attachments]
      register another complaint system (a partner) serving agencies A, B… of this tree;
      --jwks is the URL of its public keys, or a file holding them (JSON); the sharing
      agreement defaults to the minimum: no identity, redacted text, no attachments
  rongthuk partner add --delivery file --code C --name N --agencies A[,B…] [sharing flags]
      register an agency whose system has no API yet: cases held for it are exported
      (rongthuk exchange export) and its status updates imported (rongthuk exchange import)
  rongthuk partner list
      print the registered partners, their agencies and sharing agreements
  rongthuk partner remove C
      remove partner C from the registry`;

export interface PartnerOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

class UsageError extends Error {}

/** Which flag gives each field of the API's body. */
const FLAG_OF: Record<string, string> = { delivery: '--delivery', code: '--code', name: '--name', baseUrl: '--url', jwksUrl: '--jwks', jwks: '--jwks', agencies: '--agencies', identity: '--identity', text: '--text' };

/**
 * Runs `rongthuk partner …`; `args` are the words after `partner`. Returns the exit code.
 * `open` opens the installation (the composition root's openInstallation).
 */
export async function runPartnerCommand(args: string[], config: Config, output: PartnerOutput, open: OpenInstallation): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(PARTNER_USAGE);
    return 0;
  }
  let parsed: Awaited<ReturnType<typeof parsePartnerArgs>>;
  try {
    parsed = await parsePartnerArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${error.message}\n\n${PARTNER_USAGE}`);
    return 2;
  }
  if ('problems' in parsed) {
    for (const problem of parsed.problems) output.err(problem);
    output.err('nothing registered / ไม่ได้บันทึกระบบคู่ความร่วมมือ');
    return 1;
  }
  const ctx = await open(config, { role: 'partner', log: output.err }).catch((error: unknown) => {
    if (error instanceof DataKeyMismatchError) return error;
    throw error;
  });
  if (ctx instanceof Error) {
    output.err(ctx.message);
    return 1;
  }
  try {
    const editor = operator();
    if (parsed.command === 'add') {
      const partner = await addPartner(ctx, editor, parsed.input);
      output.out(`registered partner ${partner.code} (${partner.name}) serving ${partner.agencies.map((agency) => agency.code).join(', ')}`);
    } else if (parsed.command === 'remove') {
      const partner = await removePartner(ctx, editor, parsed.code);
      output.out(partner.removed ? `removed partner ${partner.code} (${partner.name})` : `deactivated partner ${partner.code} (${partner.name}): its messages are kept in the log`);
    } else {
      await printPartners(ctx, editor, output);
    }
    return 0;
  } catch (error) {
    // An unknown agency (400), a taken code or agency (409), no such partner (404): the input was wrong, nothing was written.
    if (error instanceof AppError && error.status < 500) {
      output.err(`${error.message} / ${error.messageTh}`);
      for (const detail of error.details) output.err(`  ${flagOf(detail.field)}: ${detail.message}${detail.messageTh ? ` / ${detail.messageTh}` : ''}`);
      return 1;
    }
    throw error;
  } finally {
    await ctx.db.close();
  }
}

async function printPartners(ctx: AppContext, editor: PartnerEditor, output: PartnerOutput): Promise<void> {
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await listPartners(ctx, editor, { cursor, limit: 200 });
    for (const partner of page.items) output.out(describePartner(partner));
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (count === 0) output.out('no partners registered');
}

function describePartner(partner: PartnerRecord): string {
  const keys = partner.delivery === 'file' ? 'files (no API)' : (partner.jwksUrl ?? `${partner.jwks?.keys.length ?? 0} inline key(s)`);
  const sharing = `identity ${partner.identity}, text ${partner.textSharing}, attachments ${partner.attachments ? 'yes' : 'no'}`;
  return `${partner.code}  ${partner.name}  ${partner.baseUrl ?? '-'}  keys: ${keys}  agencies: ${partner.agencies.map((agency) => agency.code).join(',')}  ${sharing}${partner.active ? '' : '  (inactive)'}`;
}

type PartnerArgs =
  | { command: 'add'; input: ReturnType<typeof NewPartnerSchema.parse> }
  | { command: 'list' }
  | { command: 'remove'; code: string }
  | { problems: string[] };

async function parsePartnerArgs(args: string[]): Promise<PartnerArgs> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        code: { type: 'string' },
        name: { type: 'string' },
        url: { type: 'string' },
        jwks: { type: 'string' },
        agencies: { type: 'string' },
        identity: { type: 'string' },
        text: { type: 'string' },
        attachments: { type: 'boolean' },
        delivery: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...rest] = positionals;
  const flags = Object.keys(values);
  if (command === 'list' || command === 'remove') {
    if (flags.length) throw new UsageError(`partner ${command} takes no --${flags[0]}`);
    if (command === 'list') {
      if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
      return { command };
    }
    if (rest.length !== 1 || !rest[0]) throw new UsageError('partner remove takes one partner code');
    const code = PartnerCodeSchema.safeParse(rest[0]);
    if (!code.success) throw new UsageError(`partner remove: "${rest[0]}" is not a partner code (2–64 of a–z, 0–9 or hyphen)`);
    return { command, code: code.data };
  }
  if (command !== 'add') throw new UsageError(command ? `unknown partner command "${command}"` : 'partner needs a command: add, list or remove');
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const byFile = values.delivery === 'file';
  for (const flag of byFile ? ['code', 'name', 'agencies'] : ['code', 'name', 'url', 'jwks', 'agencies']) {
    if (typeof values[flag] !== 'string') throw new UsageError(`partner add needs --${flag}`);
  }
  const text = (flag: string) => values[flag] as string;
  const problems: string[] = [];
  const keys = typeof values.jwks === 'string' ? await jwksOf(text('jwks'), problems) : {};
  const input = {
    code: text('code'),
    name: text('name'),
    ...(values.delivery === undefined ? {} : { delivery: values.delivery }),
    ...(typeof values.url === 'string' ? { baseUrl: values.url } : {}),
    ...keys,
    agencies: text('agencies')
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean),
    ...(values.identity === undefined ? {} : { identity: values.identity }),
    ...(values.text === undefined ? {} : { text: values.text }),
    attachments: values.attachments === true,
  };
  const parsed = NewPartnerSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // An unreadable --jwks file is said once.
      if (problems.some((problem) => problem.startsWith(`${flagOf(issue.path.join('.'))}:`))) continue;
      const field = String(issue.path[0] ?? '');
      const allowed = field === 'identity' ? ` (${IDENTITY_SHARING.join('|')})` : field === 'text' ? ` (${TEXT_SHARING.join('|')})` : field === 'delivery' ? ' (api|file)' : '';
      problems.push(`${flagOf(issue.path.join('.'))}: ${issue.message}${allowed}`);
    }
  }
  if (problems.length || !parsed.success) return { problems };
  return { command: 'add', input: parsed.data };
}

/** --jwks: an http(s) URL is kept as the URL of the keys; anything else names a file of JSON keys, stored inline. */
async function jwksOf(value: string, problems: string[]): Promise<{ jwksUrl: string } | { jwks: unknown } | Record<string, never>> {
  if (/^https?:\/\//i.test(value)) return { jwksUrl: value };
  let content: string;
  try {
    content = await readFile(value, 'utf8');
  } catch (error) {
    problems.push(`--jwks: cannot read ${value}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (give an http(s) URL or a JSON file)`);
    return {};
  }
  try {
    return { jwks: JSON.parse(content) as unknown };
  } catch {
    problems.push(`--jwks: ${value} is not JSON (a JWKS: {"keys": [...]})`);
    return {};
  }
}

/** The flag behind a field of the body (`agencies.1` → `--agencies (agency 2)`). */
function flagOf(field: string | undefined): string {
  if (!field) return 'input';
  const [head, index] = field.split('.');
  const flag = FLAG_OF[head ?? ''] ?? head ?? 'input';
  return head === 'agencies' && index !== undefined && /^\d+$/.test(index) ? `${flag} (agency ${Number(index) + 1})` : flag;
}

/** The operator, for the audit log: the command line and, where known, the system account running it. */
export function operator(): PartnerEditor {
  let account = '';
  try {
    account = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the command line alone.
  }
  return { kind: 'operator', label: account ? `cli:${account}` : 'cli' };
}
