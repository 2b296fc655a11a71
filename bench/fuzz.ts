/**
 * bench/fuzz: a bounded fuzz run of every route of the API over real HTTP, on the embedded
 * server and on PostgreSQL.
 *
 * For each database: a fresh database (the embedded server in a temporary data directory;
 * PostgreSQL in a throwaway cluster when the server binaries are installed), migrated, seeded
 * with the test network and a few real cases in several states, the real app on 127.0.0.1
 * with rate limits off, and FUZZ_INPUTS requests generated with fast-check from the app's own
 * OpenAPI document (seeded: the same seed sends the same inputs), FUZZ_CONNECTIONS at a time
 * over keep-alive connections. The run is sound when no answer is 5xx, none hangs or breaks its connection,
 * every error has the API's shape, every connection still open answers afterwards, the server
 * is ready, the audit chain verifies and the server closes within its bound. Each failure
 * keeps a reproduction in .bench-results/fuzz.json.
 *
 *   node --import tsx bench/fuzz.ts     (or `node --import tsx bench/run.ts fuzz`)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrate } from '../src/server/platform/database.ts';
import {
  RESULTS_DIR,
  databasesFromEnv,
  machineInfo,
  numberFromEnv,
  printSkippedAndFailed,
  runBenchmark,
  runOnDatabase,
  type BenchDatabase,
  type BenchReport,
  type FailedResult,
  type SkippedResult,
} from './lib/common.ts';
import { openBenchDatabase } from './lib/databases.ts';
import { isEntryPoint, runWithInterrupt } from './lib/entry.ts';
import { fuzzSound, runFuzz, type FuzzFigures, type Reproduction } from './lib/fuzz-run.ts';
import { startFuzzTarget } from './lib/fuzz-target.ts';
import { formatTable, round } from './lib/stats.ts';

const ALL_DATABASES: readonly BenchDatabase[] = ['embedded', 'postgres'];

export interface FuzzOptions {
  /** Inputs per database. */
  inputs: number;
  /** Requests in flight, each on its own keep-alive connection. */
  connections: number;
  databases: BenchDatabase[];
  postgresPoolSize: number;
  seed: number;
  requestTimeoutSeconds: number;
  /** No input starts after this long, per database. */
  timeCapSeconds: number;
  closeTimeoutSeconds: number;
  /** Reproductions kept per kind of failure. */
  keepFailures: number;
  resultsFile: string;
}

/** Reads the knobs (see bench/README.md); throws naming a bad variable. */
export function fuzzOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): FuzzOptions {
  const benchSeed = numberFromEnv(env, 'BENCH_SEED', 2569, 0, 2 ** 32 - 1, { integer: true });
  return {
    inputs: numberFromEnv(env, 'FUZZ_INPUTS', 20_000, 1, 10_000_000, { integer: true, underscores: true }),
    connections: numberFromEnv(env, 'FUZZ_CONNECTIONS', 8, 1, 256, { integer: true }),
    databases: databasesFromEnv(env, ALL_DATABASES),
    postgresPoolSize: numberFromEnv(env, 'BENCH_PG_POOL', 10, 1, 190, { integer: true }),
    seed: numberFromEnv(env, 'FUZZ_SEED', benchSeed, 0, 2 ** 32 - 1, { integer: true }),
    requestTimeoutSeconds: numberFromEnv(env, 'FUZZ_TIMEOUT_SECONDS', 15, 1, 600, { integer: false }),
    timeCapSeconds: numberFromEnv(env, 'FUZZ_SECONDS', 1800, 1, 86_400, { integer: false }),
    closeTimeoutSeconds: numberFromEnv(env, 'FUZZ_CLOSE_SECONDS', 10, 1, 600, { integer: false }),
    keepFailures: numberFromEnv(env, 'FUZZ_KEEP', 50, 0, 10_000, { integer: true }),
    resultsFile: path.join(RESULTS_DIR, 'fuzz.json'),
  };
}

interface FuzzedResult {
  database: BenchDatabase;
  status: 'fuzzed';
  engine: string;
  setupSeconds: number;
  seededCases: Record<string, number>;
  routes: number;
  sound: boolean;
  problems: string[];
  figures: FuzzFigures;
}

type DatabaseResult = FuzzedResult | SkippedResult | FailedResult;

type FuzzSettings = Omit<FuzzOptions, 'resultsFile'>;

export interface FuzzReport extends BenchReport<FuzzSettings, DatabaseResult> {
  benchmark: 'fuzz';
}

function fuzzDatabase(kind: BenchDatabase, options: FuzzOptions, signal: AbortSignal): Promise<DatabaseResult> {
  return runOnDatabase('fuzz', kind, async (label, resources): Promise<FuzzedResult | SkippedResult> => {
    const setupStart = performance.now();
    const opened = await openBenchDatabase(
      kind,
      // Statements are cut well after the request timeout: an input must not hold the database.
      { dirPrefix: 'rongthuk-bench-fuzz-', maxConnections: options.postgresPoolSize, statementTimeoutSeconds: options.requestTimeoutSeconds * 4 },
      resources,
    );
    if ('reason' in opened) {
      console.log(`${label}: skipped — ${opened.reason}`);
      return { database: kind, status: 'skipped', reason: opened.reason };
    }
    await migrate(opened.db);
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-bench-fuzz-files-'));
    resources.add('the files directory', () => rmSync(workDir, { recursive: true, force: true }));
    const target = await startFuzzTarget(opened.db, workDir);
    // runFuzz closes it within its bound; this is for the paths that never get there.
    resources.add('the HTTP server', () => target.app.close());
    const setupSeconds = round((performance.now() - setupStart) / 1000, 1);
    console.log(`${label}: ${opened.engine}; ready in ${setupSeconds} s with ${target.routes.length} routes and cases ${JSON.stringify(target.seededCases)}`);
    console.log(`${label}: ${options.inputs} inputs (seed ${options.seed}) over ${options.connections} connections…`);
    if (signal.aborted) throw new Error('interrupted before the inputs were sent');
    const figures = await runFuzz(target, {
      inputs: options.inputs,
      connections: options.connections,
      seed: options.seed,
      requestTimeoutMs: options.requestTimeoutSeconds * 1000,
      timeCapMs: options.timeCapSeconds * 1000,
      closeTimeoutMs: options.closeTimeoutSeconds * 1000,
      keepFailures: options.keepFailures,
      signal,
      onProgress: (sent) => {
        if (sent % 5000 === 0) console.log(`${label}: ${sent} inputs sent`);
      },
    });
    const verdict = fuzzSound(figures);
    console.log(`${label}: ${figures.inputs} inputs in ${figures.durationSeconds} s — ${verdict.ok ? 'sound' : `NOT SOUND: ${verdict.reasons.join('; ')}`}`);
    return {
      database: kind,
      status: 'fuzzed',
      engine: opened.engine,
      setupSeconds,
      seededCases: target.seededCases,
      routes: target.routes.length,
      sound: verdict.ok,
      problems: verdict.reasons,
      figures,
    };
  });
}

function statusSummary(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
}

function printReproduction(reproduction: Reproduction): void {
  const body = reproduction.body ? ('text' in reproduction.body ? JSON.stringify(reproduction.body.text.slice(0, 300)) : `base64 ${reproduction.body.base64.slice(0, 120)}… (${reproduction.body.bytes} bytes)`) : '(none)';
  console.log(`  [${reproduction.kind}] ${reproduction.method} ${reproduction.url.slice(0, 200)}  (${reproduction.route}; ${reproduction.bodyKind}; ${reproduction.credential}${reproduction.chunked ? '; chunked' : ''}${reproduction.noHost ? '; no Host header' : ''})`);
  console.log(`    headers ${JSON.stringify(reproduction.headers).slice(0, 300)}`);
  console.log(`    body ${body}`);
  console.log(`    → ${reproduction.answer.status ?? '-'} ${reproduction.answer.error ?? ''} ${reproduction.answer.body.slice(0, 200)} — ${reproduction.problem}`);
  if (reproduction.previousOnConnection) console.log(`    after, on the same connection: ${reproduction.previousOnConnection}`);
  for (const logged of reproduction.serverErrors ?? []) console.log(`    server logged: ${logged.message} ${logged.error ?? ''}`.slice(0, 400));
}

function printSummary(report: FuzzReport, fuzzed: readonly FuzzedResult[]): void {
  const { settings, machine } = report;
  console.log(
    `\nfuzz — ${settings.inputs} inputs per database, seed ${settings.seed}, ${settings.connections} connections, timeout ${settings.requestTimeoutSeconds} s, ` +
      `${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAverageBefore} before the run\n`,
  );
  console.log(
    formatTable(
      ['database', 'inputs', 'inputs/s', 's', '2xx', '3xx', '4xx', '5xx', 'hanging', 'conn. failed', 'bad shape', 'contract', 'open sockets ok', 'stuck', 'close ms', 'readyz', 'audit', 'sound'],
      fuzzed.map((r) => {
        const f = r.figures;
        return [
          r.database,
          f.inputs,
          f.inputsPerSecond,
          f.durationSeconds,
          f.byClass['2xx'] ?? 0,
          f.byClass['3xx'] ?? 0,
          f.byClass['4xx'] ?? 0,
          f.byClass['5xx'] ?? 0,
          f.counts.hanging,
          f.counts.connection,
          f.counts['error-shape'],
          f.counts.contract,
          `${f.sockets.answered}/${f.sockets.open}`,
          f.sockets.stuck.length,
          f.close.ms,
          String(f.health.readyz),
          f.auditChain.ok ? `ok (${f.auditChain.records})` : f.auditChain.problem?.startsWith('not checked') ? 'not checked' : 'BROKEN',
          r.sound ? 'yes' : 'NO',
        ];
      }),
    ),
  );
}

function printDetails({ database, figures: f }: FuzzedResult): void {
  console.log(`\n${database}: by status ${statusSummary(f.byStatus)}`);
  console.log(`${database}: by what the input broke: ${Object.entries(f.byFocus).map(([focus, classes]) => `${focus} (${statusSummary(classes)})`).join(', ')}`);
  const routes = Object.entries(f.byRoute).sort(([, a], [, b]) => b.count - a.count);
  console.log(`${database}: top routes by inputs:`);
  for (const [route, figures] of routes.slice(0, 8)) console.log(`  ${String(figures.count).padStart(6)}  ${route}  ${statusSummary(figures.byStatus)}`);
  const failing = routes.filter(([, figures]) => figures.failures > 0);
  if (failing.length) console.log(`${database}: routes with failures:`);
  for (const [route, figures] of failing) console.log(`  ${String(figures.failures).padStart(6)}  ${route}  ${statusSummary(figures.byStatus)}`);
  if (f.routesWithout2xx.length) console.log(`${database}: routes no input reached with a 2xx: ${f.routesWithout2xx.join(', ')}`);
  console.log(`${database}: jobs afterwards ${JSON.stringify(f.jobs)}; server errors logged: ${f.serverErrorsLogged}`);
  for (const error of f.jobErrors.slice(0, 3)) console.log(`  job error: ${error}`);
  if (f.distinctFailures.length) {
    console.log(`${database}: ${f.distinctFailures.length} distinct failures (kind | status | error code or problem), with a few of their routes, methods and bodies:`);
    for (const failure of f.distinctFailures.slice(0, 25)) {
      console.log(`  ${String(failure.count).padStart(6)}  ${failure.signature}`);
      console.log(`          e.g. ${failure.methods.join('/')} on ${failure.routes.join(', ')}; bodies ${failure.bodyKinds.join(', ')}`);
    }
    console.log(`${database}: first reproductions (all kept ones in the JSON report):`);
    for (const reproduction of f.reproductions.slice(0, 5)) printReproduction(reproduction);
  }
  for (const stuck of f.sockets.stuck) console.log(`${database}: connection of lane ${stuck.lane} stuck: ${stuck.problem}`);
}

function printReport(report: FuzzReport): void {
  const fuzzed = report.results.filter((result): result is FuzzedResult => result.status === 'fuzzed');
  if (fuzzed.length) printSummary(report, fuzzed);
  for (const result of fuzzed) printDetails(result);
  printSkippedAndFailed(report.results);
}

/** Runs the fuzzer on each database in turn; true when every run was sound. */
export async function runFuzzBenchmark(options: FuzzOptions, signal: AbortSignal): Promise<{ ok: boolean; report: FuzzReport }> {
  const { resultsFile: _resultsFile, ...settings } = options;
  const report: FuzzReport = { benchmark: 'fuzz', startedAt: new Date().toISOString(), finishedAt: '', machine: machineInfo(), settings, results: [] };
  await runBenchmark({
    report,
    databases: options.databases,
    signal,
    busyEffect: 'slower (the findings do not change)',
    bench: (kind) => fuzzDatabase(kind, options, signal),
    print: printReport,
    resultsFile: options.resultsFile,
  });
  const ok = report.results.length > 0 && report.results.every((result) => result.status === 'skipped' || (result.status === 'fuzzed' && result.sound));
  return { ok, report };
}

if (isEntryPoint(import.meta.url)) {
  await runWithInterrupt(async (signal) => (await runFuzzBenchmark(fuzzOptionsFromEnv(), signal)).ok);
}
