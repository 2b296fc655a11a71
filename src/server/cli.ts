/**
 * `rongthuk` — one binary, several roles: `serve` runs the web app and API; `migrate`,
 * `seed` and `audit verify` look after the database.
 */
import { parseArgs } from 'node:util';
import { buildApp, createAppWorker, openInstallation } from './app.ts';
import { AUDIT_USAGE, runAuditCommand } from './platform/audit-cli.ts';
import { DataKeyMismatchError, describeDatabase } from './platform/bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import { ROLLUPS_USAGE, runRollupsCommand } from './dashboard/rollups-cli.ts';
import { EXCHANGE_USAGE, runExchangeCommand } from './exchange/exchange-cli.ts';
import { ExchangeKeyError } from './exchange/instance-key.ts';
import { PARTNER_USAGE, runPartnerCommand } from './exchange/partner-cli.ts';
import { OPEN311_USAGE, runOpen311Command } from './open311/open311-cli.ts';
import { CHANNEL_USAGE, runChannelCommand } from './channels/channel-cli.ts';
import { createLogger } from './platform/logging.ts';
import { CALENDAR_USAGE, runCalendarCommand } from './sla/calendar-cli.ts';
import { EMAIL_CHANNEL_USAGE, runEmailChannelCommand } from './channels/email/email-cli.ts';
import { runExportCorrections } from './triage/corrections-cli.ts';
import { runTriageCommand } from './triage/triage-cli.ts';
import { runWorker } from './worker-cli.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccountsWithPublishedPassword, isEmptyInstallation, seedDemoData } from './seed/demo.ts';

const USAGE = `rongthuk — ร้องทุกข์ complaint management

Usage:
  rongthuk serve           run the web app, the API and a job worker (migrates first; demo data into an empty database)
  rongthuk worker          run only background jobs (deadline timers, notifications), for more processes
  rongthuk migrate         apply pending database migrations and reference data
  rongthuk seed            load the demo agencies, accounts and cases into an empty database
  rongthuk audit verify [--checkpoints FILE]...
                           check the audit log's hash chain and its signed checkpoints; exits 1 at the first broken, rewritten or removed record
  rongthuk audit checkpoint
                           sign the audit chain head and print it, for an auditor to keep elsewhere
  rongthuk calendar …      the holiday calendar (see below)
  rongthuk rollups verify|rebuild
                           recount the dashboard's figures from the cases: compare (exit 1 on a difference) or rewrite them
  rongthuk partner …       the registry of partner systems cases are exchanged with (see below)
  rongthuk channel line|facebook …
                           connect an agency's LINE official account or Facebook page (see below)
  rongthuk exchange …      files for agencies without an API, and a check of every stored signature (see below)
  rongthuk channel email …  an agency's mailbox for complaints (see below)
  rongthuk open311 key …   the api_keys of apps that file through Open311 GeoReport v2 (see below)
  rongthuk triage train --input FILE.csv --out model.json [--baseline nb]
  rongthuk triage eval --input FILE.csv [--model FILE] [--format json]
                           train and evaluate the complaint classifier (CSV: text,category)
  rongthuk triage export-corrections [--out FILE] [--from DATE] [--to DATE] [--field category|agency] [--labels tag|code]
                           people's corrections of triage as training data (CSV)

Configuration comes from the environment: PORT, HOST, DATABASE_URL, RONGTHUK_DATA_DIR,
RONGTHUK_DATA_KEY, RONGTHUK_DEMO_SEED, RONGTHUK_INSTANCE_CODE, RONGTHUK_EXCHANGE_KEY, LOG_LEVEL (see README).

${CALENDAR_USAGE}

${PARTNER_USAGE}

${CHANNEL_USAGE}

${EXCHANGE_USAGE}

${OPEN311_USAGE}

${AUDIT_USAGE}

${ROLLUPS_USAGE}

${EMAIL_CHANNEL_USAGE}`;

type Output = { out: (line: string) => void; err: (line: string) => void };
const consoleOutput: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Runs a command; returns the process exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, output: Output = consoleOutput): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, strict: false, options: { help: { type: 'boolean', short: 'h' } } });
  const [command, subcommand] = positionals;
  if (values.help || !command) {
    output.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      output.err(error.message);
      return 2;
    }
    throw error;
  }
  try {
    return await runCommand(command, subcommand, argv, config, output);
  } catch (error) {
    if (error instanceof DataKeyMismatchError || error instanceof ExchangeKeyError) {
      output.err(error.message);
      return 1;
    }
    throw error;
  }
}

async function runCommand(command: string, subcommand: string | undefined, args: string[], config: Config, output: Output): Promise<number> {
  switch (command) {
    case 'serve':
      return serve(config, output);
    case 'migrate':
      return runMigrate(config, output);
    case 'seed':
      return runSeed(config, output);
    case 'worker':
      return runWorker(config, output);
    case 'triage':
      if (subcommand === 'export-corrections') return runExportCorrections(args.slice(args.indexOf('export-corrections') + 1), config, output);
      return runTriageCommand(args.slice(args.indexOf('triage') + 1), output);
    case 'calendar':
      return runCalendarCommand(args.slice(args.indexOf('calendar') + 1), config, output, openInstallation);
    case 'partner':
      return runPartnerCommand(args.slice(args.indexOf('partner') + 1), config, output, openInstallation);
    case 'open311':
      return runOpen311Command(args.slice(args.indexOf('open311') + 1), config, output, openInstallation);
    case 'channel':
      // ช่องทาง: an agency's mailbox (email …), or its LINE official account or Facebook page.
      if (subcommand === 'email') return runEmailChannelCommand(args.slice(args.indexOf('email') + 1), config, output, openInstallation);
      return runChannelCommand(args.slice(args.indexOf('channel') + 1), config, output, openInstallation);
    case 'exchange':
      return runExchangeCommand(args.slice(args.indexOf('exchange') + 1), config, output, openInstallation);
    case 'rollups':
      return runRollupsCommand(args.slice(args.indexOf('rollups') + 1), config, output, openInstallation);
    case 'audit':
      return runAuditCommand(args.slice(args.indexOf('audit') + 1), config, output);
    default:
      output.err(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function runMigrate(config: Config, output: Output): Promise<number> {
  const ctx = await openInstallation(config, { role: 'migrate', log: output.err });
  try {
    output.out(ctx.appliedMigrations.length ? `applied: ${ctx.appliedMigrations.join(', ')}` : 'database is up to date');
    return 0;
  } finally {
    await ctx.db.close();
  }
}

async function runSeed(config: Config, output: Output): Promise<number> {
  const ctx = await openInstallation(config, { role: 'seed', log: output.err });
  try {
    if (!(await isEmptyInstallation(ctx))) {
      output.err('the database already has agencies: the demo seed only goes into an empty database');
      return 1;
    }
    const seeded = await seedDemoData(ctx);
    output.out(`seeded ${seeded.agencies} agencies, ${seeded.users} demo accounts (password ${DEMO_PASSWORD}), ${seeded.cases} cases`);
    return 0;
  } finally {
    await ctx.db.close();
  }
}

/** How long a stopping server waits for requests in flight before it cuts their connections. */
const SHUTDOWN_GRACE_MS = 10_000;
const LOOPBACK = '127.0.0.1';

async function serve(config: Config, output: Output): Promise<number> {
  const logger = createLogger({ level: config.logLevel });
  const ctx = await openInstallation(config, { role: 'serve', log: output.out });
  try {
    // Demo accounts just seeded sign in with the published password: no need to check them.
    let justSeeded: string[] | undefined;
    if (config.demoSeed && (await isEmptyInstallation(ctx))) {
      const seeded = await seedDemoData(ctx);
      logger.info(seeded, 'demo data seeded');
      justSeeded = DEMO_ACCOUNTS.map((account) => account.username);
      output.out(`Demo accounts (password ${DEMO_PASSWORD}): ${justSeeded.join(', ')}`);
    }
    const host = await listenAddress(config, ctx, output, justSeeded);
    const app = await buildApp(ctx, { logger });
    // One binary, several roles: serve runs the jobs too; `rongthuk worker` adds processes.
    const worker = createAppWorker(ctx, { logger });
    worker.start();
    let address: string;
    try {
      address = await app.listen({ port: config.port, host });
    } catch (error) {
      await worker.stop();
      await app.close();
      const refused = listenRefusal(error, config.port, host);
      if (!refused) throw error;
      output.err(refused);
      return 1;
    }
    output.out(`Rongthuk is running at ${address.replace('0.0.0.0', 'localhost')} (database: ${describeDatabase(ctx)})`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    // Requests in flight get a moment to finish; a connection still open after it is cut.
    const cut = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    cut.unref();
    await app.close();
    clearTimeout(cut);
    await worker.stop();
    return 0;
  } finally {
    // The embedded server stops with the last process of the app that uses it.
    await ctx.db.close();
  }
}

/** What to tell the operator when the port cannot be had (taken, or privileged); undefined for any other failure. */
function listenRefusal(error: unknown, port: number, host: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${port} on ${host} is already in use (another Rongthuk, or another program): stop it, or set PORT to a free port, e.g. PORT=${port === 65535 ? 3001 : port + 1}`;
  if (code === 'EACCES') return `port ${port} on ${host} may not be opened by this user (ports below 1024 need privileges): set PORT to 1024 or above, e.g. PORT=3000, behind a reverse proxy`;
  return undefined;
}

/**
 * HOST as set; unset, every interface — but only loopback while a demo account still signs
 * in with the published password, so a demo started on a machine with a public address is not
 * an open door. Says which, and why, at start.
 */
export async function listenAddress(config: Config, ctx: AppContext, output: Output, openDemoAccounts?: string[]): Promise<string> {
  if (config.host !== undefined) return config.host;
  const open = openDemoAccounts ?? (await demoAccountsWithPublishedPassword(ctx));
  if (open.length === 0) return '0.0.0.0';
  output.out(
    `Listening on ${LOOPBACK} only: the demo accounts ${open.join(', ')} sign in with the published password ${DEMO_PASSWORD}. ` +
      'Change their passwords (or remove them) and set HOST=0.0.0.0 to serve other machines.',
  );
  return LOOPBACK;
}
