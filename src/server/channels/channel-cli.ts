/**
 * `rongthuk channel line|facebook`: connect an agency's LINE official account or Facebook page
 * from the command line. Exit codes: 0 connected, 1 refused (nothing written), 2 usage.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { OpenInstallation } from '../platform/bootstrap.ts';
import type { Config } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { connectFacebookPage } from './facebook/facebook-account.ts';
import { connectLineAccount } from './line/line-account.ts';

export const CHANNEL_USAGE = `Usage:
  rongthuk channel line --agency CODE --secret S --token T [--api-base URL]
      connect agency CODE's LINE official account: S is the channel secret and T the
      channel access token (long-lived) of its Messaging API channel; run again to replace
      them. Its webhook is /api/v1/channels/line/CODE/webhook. --api-base: another address
      of the LINE API (a test double); default LINE's own
  rongthuk channel facebook --agency CODE --secret S --token T [--verify-token V] [--api-base URL]
      connect agency CODE's Facebook page: S is the Meta app's secret (also --app-secret),
      T the page access token (also --page-token), V a word of your choosing that Facebook
      repeats when it checks the webhook /api/v1/channels/facebook/CODE/webhook (without
      it, one is made and printed: paste it into the app's webhook settings).
      --api-base: another address of the Graph API`;

export interface ChannelOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const FLAGS = {
  agency: { type: 'string' },
  secret: { type: 'string' },
  token: { type: 'string' },
  'app-secret': { type: 'string' },
  'page-token': { type: 'string' },
  'verify-token': { type: 'string' },
  'api-base': { type: 'string' },
} as const;

const REQUIRED: Array<keyof typeof FLAGS> = ['agency', 'secret', 'token'];

/** A Facebook page's flags by the names of the Meta app's settings, the same as --secret and --token. */
const FACEBOOK_ALIASES = { 'app-secret': 'secret', 'page-token': 'token' } as const;

/** The flags with Facebook's longer names folded into --secret and --token; an error when both name different values. */
function foldAliases(values: Partial<Record<keyof typeof FLAGS, string>>): string | null {
  for (const [alias, flag] of Object.entries(FACEBOOK_ALIASES)) {
    const given = values[alias as keyof typeof FACEBOOK_ALIASES];
    if (given === undefined) continue;
    if (values[flag] !== undefined && values[flag] !== given) return `--${alias} and --${flag} name the same setting: give one`;
    values[flag] = given;
  }
  return null;
}

/** `args` are the words after `channel`; `open` opens the installation (app.ts's openInstallation). */
export async function runChannelCommand(args: string[], config: Config, output: ChannelOutput, open: OpenInstallation): Promise<number> {
  let values: Partial<Record<keyof typeof FLAGS, string>>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: FLAGS }));
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${CHANNEL_USAGE}`);
    return 2;
  }
  const [kind] = positionals;
  if (kind !== 'line' && kind !== 'facebook') {
    output.err(`${kind ? `unknown channel "${kind}"` : 'which channel?'}\n\n${CHANNEL_USAGE}`);
    return 2;
  }
  const clash = kind === 'facebook' ? foldAliases(values) : null;
  if (clash) {
    output.err(`${clash}\n\n${CHANNEL_USAGE}`);
    return 2;
  }
  const missing = REQUIRED.filter((flag) => !values[flag]?.trim());
  if (missing.length) {
    output.err(`${missing.map((flag) => `--${flag}`).join(', ')}: required\n\n${CHANNEL_USAGE}`);
    return 2;
  }
  const apiBase = values['api-base']?.trim() || null;
  if (apiBase !== null && !/^https?:\/\/[^/?#\s]+/.test(apiBase)) {
    output.err('--api-base: must be an http:// or https:// URL / ต้องเป็น URL ที่ขึ้นต้นด้วย http:// หรือ https://');
    return 1;
  }
  // Another data key than the database's (DataKeyMismatchError) is said by main(), exit 1.
  const ctx = await open(config, { role: 'channel', log: output.err });
  try {
    output.out(await connect(ctx, kind, values as Record<keyof typeof FLAGS, string>, apiBase));
    return 0;
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      output.err(`${error.message} / ${error.messageTh}`);
      for (const detail of error.details) output.err(`  --${detail.field ?? ''}: ${detail.message}${detail.messageTh ? ` / ${detail.messageTh}` : ''}`);
      return 1;
    }
    throw error;
  } finally {
    await ctx.db.close();
  }
}

async function connect(ctx: AppContext, kind: 'line' | 'facebook', values: Record<keyof typeof FLAGS, string>, apiBase: string | null): Promise<string> {
  const actor = { userId: null, label: 'cli' };
  const agencyCode = values.agency.trim();
  if (kind === 'line') {
    const line = await connectLineAccount(ctx, { agencyCode, channelSecret: values.secret.trim(), accessToken: values.token.trim(), apiBase, actor });
    return `${line.created ? 'connected' : 'updated'} LINE account ${line.lineId} of agency ${agencyCode}; webhook: /api/v1/channels/line/${agencyCode}/webhook`;
  }
  const chosen = values['verify-token']?.trim();
  const verifyToken = chosen || randomBytes(18).toString('base64url');
  const page = await connectFacebookPage(ctx, { agencyCode, appSecret: values.secret.trim(), pageToken: values.token.trim(), verifyToken, apiBase, actor });
  const made = chosen ? '' : `; verify token (paste it into the app's webhook settings): ${verifyToken}`;
  return `${page.created ? 'connected' : 'updated'} Facebook page ${page.pageName} of agency ${agencyCode}; webhook: /api/v1/channels/facebook/${agencyCode}/webhook${made}`;
}
