/**
 * `rongthuk open311 key add|list|revoke`: the apps that file through Open311, from the command
 * line (before any administrator account exists, or from a script). `key add` prints the new
 * api_key alone on standard output — shown once, only its hash is kept. Exit codes: 0 done,
 * 1 refused (nothing written), 2 usage.
 */
import { parseArgs } from 'node:util';
import { NewOpen311AppSchema } from '../../shared/api/open311.ts';
import { operator } from '../exchange/partner-cli.ts';
import type { OpenInstallation } from '../platform/bootstrap.ts';
import type { Config } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { addOpen311App, listOpen311Apps, revokeOpen311App } from './apps.ts';

export const OPEN311_USAGE = `Usage:
  rongthuk open311 key add --name APP
      register an app that files through Open311 (/open311/v2/) and print its new api_key
      (shown once: give it to the app's developers; only its hash is kept)
  rongthuk open311 key list
      print the registered apps, the start of each key, and which are revoked
  rongthuk open311 key revoke --name APP
      stop APP's key at once (its cases keep its name)`;

export interface Open311Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs `rongthuk open311 …`; `args` are the words after `open311`. Returns the exit code. */
export async function runOpen311Command(args: string[], config: Config, output: Open311Output, open: OpenInstallation): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(OPEN311_USAGE);
    return 0;
  }
  const parsed = parseOpen311Args(args);
  if ('usage' in parsed) {
    output.err(`${parsed.usage}\n\n${OPEN311_USAGE}`);
    return 2;
  }
  // Another data key than the database's (DataKeyMismatchError) is said by main(), exit 1.
  const ctx = await open(config, { role: 'open311', log: output.err });
  try {
    const editor = operator();
    if (parsed.command === 'add') {
      const issued = await addOpen311App(ctx, editor, parsed.name);
      output.out(issued.apiKey);
      output.err(`registered app "${issued.app.name}": the api_key above is shown once / ลงทะเบียนแอปแล้ว รหัส api_key ข้างต้นแสดงเพียงครั้งเดียว`);
    } else if (parsed.command === 'revoke') {
      const app = await revokeOpen311App(ctx, editor, parsed.name);
      output.out(`revoked the api_key of "${app.name}" (${app.keyPrefix}…)`);
    } else {
      const apps = await listOpen311Apps(ctx, editor);
      for (const app of apps) output.out(`${app.name}  ${app.keyPrefix}…  registered ${app.createdAt.toISOString()}${app.revokedAt ? `  revoked ${app.revokedAt.toISOString()}` : ''}`);
      if (apps.length === 0) output.out('no Open311 apps registered');
    }
    return 0;
  } catch (error) {
    // A taken name (409), no such app (404): nothing was written.
    if (error instanceof AppError && error.status < 500) {
      output.err(`${error.message} / ${error.messageTh}`);
      return 1;
    }
    throw error;
  } finally {
    await ctx.db.close();
  }
}

type Open311Args = { command: 'add' | 'revoke'; name: string } | { command: 'list' } | { usage: string };

function parseOpen311Args(args: string[]): Open311Args {
  let values: { name?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { name: { type: 'string' } } }));
  } catch (error) {
    return { usage: (error as Error).message };
  }
  const [noun, command, ...rest] = positionals;
  if (noun !== 'key') return { usage: noun ? `unknown open311 command "${noun}"` : 'open311 needs a command: key add, key list or key revoke' };
  if (rest.length) return { usage: `unexpected argument "${rest[0]}"` };
  if (command === 'list') return values.name === undefined ? { command } : { usage: 'open311 key list takes no --name' };
  if (command !== 'add' && command !== 'revoke') return { usage: command ? `unknown open311 key command "${command}"` : 'open311 key needs add, list or revoke' };
  const name = NewOpen311AppSchema.shape.name.safeParse(values.name ?? '');
  if (!name.success) return { usage: `open311 key ${command} needs --name APP (1–100 characters)` };
  return { command, name: name.data };
}
