/**
 * `rongthuk channel email …`: connect an agency's mailbox, poll the mailboxes once, list the
 * messages kept for a person and write one out for reading. Exit codes: 0 done, 1 bad input or
 * refused (nothing written), 2 usage.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { DataKeyMismatchError, type OpenInstallation } from '../../platform/bootstrap.ts';
import type { Config } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { connectMailbox } from './mailboxes.ts';
import { listHeldEmails, readHeldEmail } from './held-messages.ts';
import { pollMailboxes } from './poll-mailboxes.ts';

export const EMAIL_CHANNEL_USAGE = `Usage:
  rongthuk channel email --agency CODE --imap URL [--address ADDR]
      connect agency CODE's mailbox: URL is imaps://user:password@host[:port][/folder] (or imap://,
      STARTTLS when offered); ADDR, the address citizens write to, defaults to the IMAP user.
      The URL is stored encrypted; connecting again replaces it. The worker polls every minute.
  rongthuk channel email poll
      poll every connected mailbox once now and print what became of each message
  rongthuk channel email held --agency CODE
      list the messages of CODE's mailbox kept for a person (could not be taken in)
  rongthuk channel email held --agency CODE --id ID --out FILE.eml
      write one kept message, as received, to FILE.eml (mode 0600) for a person to read`;

export interface EmailCliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

class UsageError extends Error {}

/** Whoever runs the command line holds the database and its keys already: named in the audit by their login. */
const operatorLabel = () => `operator:${os.userInfo().username}`;

type EmailArgs =
  | { command: 'connect'; agency: string; imap: string; address: string | undefined }
  | { command: 'poll' }
  | { command: 'held'; agency: string; id: string | undefined; out: string | undefined };

const FLAGS = { agency: { type: 'string' }, imap: { type: 'string' }, address: { type: 'string' }, id: { type: 'string' }, out: { type: 'string' } } as const;

/** The words as node:util reads them, strictly: an unknown flag is a usage error. */
function readWords(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options: FLAGS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseEmailArgs(args: string[]): EmailArgs {
  const { values, positionals } = readWords(args);
  const text = (flag: keyof typeof FLAGS) => values[flag];
  const [command, ...rest] = positionals;
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (command === 'poll') {
    if (Object.keys(values).length) throw new UsageError('channel email poll takes no flags');
    return { command };
  }
  const agency = text('agency');
  if (!agency) throw new UsageError('channel email needs --agency CODE');
  if (command === 'held') {
    if ((text('id') === undefined) !== (text('out') === undefined)) throw new UsageError('channel email held takes --id and --out together');
    return { command, agency, id: text('id'), out: text('out') };
  }
  if (command !== undefined) throw new UsageError(`unknown channel email command "${command}"`);
  const imap = text('imap');
  if (!imap) throw new UsageError('channel email needs --imap URL');
  return { command: 'connect', agency, imap, address: text('address') };
}

/** Runs `rongthuk channel email …`; `args` are the words after `email`. Returns the exit code. */
export async function runEmailChannelCommand(args: string[], config: Config, output: EmailCliOutput, open: OpenInstallation): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(EMAIL_CHANNEL_USAGE);
    return 0;
  }
  let parsed: EmailArgs;
  try {
    parsed = parseEmailArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${error.message}\n\n${EMAIL_CHANNEL_USAGE}`);
    return 2;
  }
  let ctx: AppContext | undefined;
  try {
    ctx = await open(config, { role: 'channel', log: output.err });
    return await runParsed(ctx, parsed, output);
  } catch (error) {
    // Another installation's data key, an unknown agency, a bad URL: said, nothing written.
    const refusal = error instanceof DataKeyMismatchError ? [error.message] : error instanceof AppError && error.status < 500 ? refusalLines(error) : undefined;
    if (!refusal) throw error;
    for (const line of refusal) output.err(line);
    return 1;
  } finally {
    await ctx?.db.close();
  }
}

/** An error of the input in both languages, each field by the flag that gave it. */
function refusalLines(error: AppError): string[] {
  return [`${error.message} / ${error.messageTh}`, ...error.details.map((detail) => `  --${detail.field}: ${detail.message}${detail.messageTh ? ` / ${detail.messageTh}` : ''}`)];
}

async function runParsed(ctx: AppContext, parsed: EmailArgs, output: EmailCliOutput): Promise<number> {
  if (parsed.command === 'connect') {
    const connected = await connectMailbox(ctx, { userId: null, label: operatorLabel() }, { agencyCode: parsed.agency, imapUrl: parsed.imap, address: parsed.address });
    output.out(`${connected.replaced ? 'reconnected' : 'connected'} ${connected.mailbox} for ${connected.agencyCode}: citizens write to ${connected.address}`);
    return 0;
  }
  if (parsed.command === 'poll') {
    for (const poll of await pollMailboxes(ctx)) {
      const counts = new Map<string, number>();
      for (const taken of poll.taken) counts.set(taken.outcome, (counts.get(taken.outcome) ?? 0) + 1);
      const summary = [...counts].map(([outcome, count]) => `${outcome} ${count}`).join(', ') || 'no new messages';
      output.out(`${poll.agencyCode}: ${poll.error ? `failed (${poll.error})` : summary}`);
    }
    return 0;
  }
  const reader = { kind: 'operator' as const, label: operatorLabel() };
  if (parsed.id && parsed.out) {
    const { bytes } = await readHeldEmail(ctx, reader, parsed.agency, parsed.id);
    await writeFile(parsed.out, bytes, { mode: 0o600, flag: 'wx' });
    output.out(`wrote ${parsed.out}`);
    return 0;
  }
  const held = (await listHeldEmails(ctx, reader, parsed.agency)).items;
  for (const message of held) output.out(`${message.id}  ${message.heldAt}  uid ${message.uid}  ${message.sizeBytes} bytes  ${message.reason}`);
  if (held.length === 0) output.out('no messages kept for a person');
  return 0;
}
