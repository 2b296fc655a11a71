/**
 * `rongthuk` — one binary, several roles: `serve` runs the web app and API; `migrate`,
 * `seed` and `audit verify` look after the database.
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { verifyAuditChain } from './platform/audit.ts';
import { DataKeyMismatchError, openAppContext } from './platform/bootstrap.ts';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { buildApp } from './platform/http.ts';
import { createAppWorker } from './platform/job-registry.ts';
import { runWorker } from './platform/worker-cli.ts';
import { CALENDAR_USAGE, runCalendarCommand } from './sla/calendar-cli.ts';
import { runExportCorrections } from './triage/corrections-cli.ts';
import { runTriageCommand } from './triage/triage-cli.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmptyInstallation, seedDemoData } from './seed/demo.ts';

const USAGE = `rongthuk — ร้องทุกข์ complaint management

Usage:
  rongthuk serve           run the web app, the API and a job worker (migrates first; demo data into an empty database)
  rongthuk worker          run only background jobs (deadline timers, notifications), for more processes
  rongthuk migrate         apply pending database migrations and reference data
  rongthuk seed            load the demo agencies, accounts and cases into an empty database
  rongthuk audit verify    check the hash chain of the audit log; exits 1 at the first broken record
  rongthuk calendar …      the holiday calendar (see below)
  rongthuk triage train --input FILE.csv --out model.json [--baseline nb]
  rongthuk triage eval --input FILE.csv [--model FILE] [--format json]
                           train and evaluate the complaint classifier (CSV: text,category)
  rongthuk triage export-corrections [--out FILE] [--from DATE] [--to DATE] [--field category|agency] [--labels tag|code]
                           people's corrections of triage as training data (CSV)

Configuration comes from the environment: PORT, DATABASE_URL, RONGTHUK_DATA_DIR,
RONGTHUK_DATA_KEY, RONGTHUK_DEMO_SEED, LOG_LEVEL (see README).

${CALENDAR_USAGE}`;

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
    if (error instanceof DataKeyMismatchError) {
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
      return runCalendarCommand(args.slice(args.indexOf('calendar') + 1), config, output);
    case 'audit':
      if (subcommand === 'verify') return runAuditVerify(config, output);
      output.err(`unknown audit command "${subcommand ?? ''}": try rongthuk audit verify`);
      return 2;
    default:
      output.err(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

async function runMigrate(config: Config, output: Output): Promise<number> {
  const ctx = await openAppContext(config);
  try {
    output.out(ctx.appliedMigrations.length ? `applied: ${ctx.appliedMigrations.join(', ')}` : 'database is up to date');
    return 0;
  } finally {
    await ctx.db.close();
  }
}

async function runSeed(config: Config, output: Output): Promise<number> {
  const ctx = await openAppContext(config);
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

async function runAuditVerify(config: Config, output: Output): Promise<number> {
  const ctx = await openAppContext(config, { migrate: false });
  try {
    const result = await verifyAuditChain(ctx.db);
    if (result.ok) {
      output.out(`audit log intact: ${result.records} records verified`);
      return 0;
    }
    output.err(`audit log broken at record ${result.brokenSeq}: ${result.reason} (${result.records} records before it verified)`);
    return 1;
  } finally {
    await ctx.db.close();
  }
}

async function serve(config: Config, output: Output): Promise<number> {
  const logger = pino({ level: config.logLevel });
  const ctx = await openAppContext(config);
  if (config.demoSeed && (await isEmptyInstallation(ctx))) {
    const seeded = await seedDemoData(ctx);
    logger.info(seeded, 'demo data seeded');
    output.out(`Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((account) => account.username).join(', ')}`);
  }
  const app = await buildApp(ctx, { logger });
  // One binary, several roles: serve runs the jobs too; `rongthuk worker` adds processes.
  const worker = createAppWorker(ctx, { logger });
  worker.start();
  const address = await app.listen({ port: config.port, host: config.host });
  output.out(`Rongthuk is running at ${address.replace('0.0.0.0', 'localhost')} (database: ${ctx.db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await worker.stop();
  await ctx.db.close();
  return 0;
}
