/**
 * bench/intake: complaints per second through HTTP, on the embedded server and on PostgreSQL.
 *
 * For each database: a fresh database (the embedded server in a temporary data directory,
 * fsync on; PostgreSQL in a throwaway cluster when the server binaries are installed, fsync
 * off), migrated and seeded with the
 * test network, the real app listening on 127.0.0.1, and a separate load process that POSTs
 * varied Thai complaints to /api/v1/public/complaints at a fixed concurrency for a fixed time
 * after a warm-up. Afterwards the database must hold exactly one case per 201 answer and an
 * intact audit chain. Figures are reported (table and .bench-results/intake.json), never
 * asserted.
 *
 *   npx tsx bench/intake.ts        (or `npm run bench` for every benchmark)
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import type { AppContext } from '../src/server/platform/context.ts';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import { migrate, type Database } from '../src/server/platform/database.ts';
import { buildApp } from '../src/server/app.ts';
import { TEST_CONFIG, seedTestNetwork } from '../test/support/app.ts';
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
import { runLoad, type LoadResult } from './lib/load.ts';
import { formatTable, round } from './lib/stats.ts';
import { BackendSampler, WindowMeter, WindowProfiler, type PostgresBackends, type WindowCpu } from './lib/window-meters.ts';

export { RESULTS_DIR, type BenchDatabase };

const ALL_DATABASES: readonly BenchDatabase[] = ['embedded', 'postgres'];

export interface IntakeOptions {
  /** Measured window per database. */
  seconds: number;
  /** Warm-up before the window, not counted. */
  warmupSeconds: number;
  /** Requests in flight. */
  connections: number;
  databases: BenchDatabase[];
  /** The app's pg pool size, on either engine; the app's default is 10. */
  postgresPoolSize: number;
  /** Seed of the complaint bodies. */
  seed: number;
  /** Where the JSON report goes. */
  resultsFile: string;
  /** Write a V8 CPU profile of the app's process over the measured window, per database. */
  cpuProfile: boolean;
}

const REQUEST_TIMEOUT_MS = 30_000;
const BODY_COUNT = 2_000;

/** Reads the knobs (see bench/README.md); throws naming a bad variable. */
export function intakeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): IntakeOptions {
  return {
    seconds: numberFromEnv(env, 'BENCH_SECONDS', 10, 0.1, 3600, { integer: false }),
    warmupSeconds: numberFromEnv(env, 'BENCH_WARMUP_SECONDS', 1, 0, 600, { integer: false }),
    connections: numberFromEnv(env, 'BENCH_CONNECTIONS', 16, 1, 1024, { integer: true }),
    databases: databasesFromEnv(env, ALL_DATABASES),
    postgresPoolSize: numberFromEnv(env, 'BENCH_PG_POOL', 10, 1, 190, { integer: true }),
    seed: numberFromEnv(env, 'BENCH_SEED', 2569, 0, 2 ** 32 - 1, { integer: true }),
    // bench/dashboard runs this benchmark in child processes, each reporting to a file of its own.
    resultsFile: env.BENCH_INTAKE_RESULTS_FILE?.trim() || path.join(RESULTS_DIR, 'intake.json'),
    cpuProfile: ['1', 'true', 'yes'].includes(env.BENCH_CPU_PROFILE?.trim().toLowerCase() ?? ''),
  };
}

interface MeasuredResult {
  database: BenchDatabase;
  status: 'measured';
  engine: string;
  setupSeconds: number;
  requests: number;
  complaintsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  errors: number;
  statusCounts: Record<string, number>;
  errorSamples: string[];
  warmup: { requests: number; created: number };
  elapsedSeconds: number;
  stoppedEarly: boolean;
  consistency: {
    /** 201 answers over the whole run, warm-up included. */
    created: number;
    casesInDatabase: number;
    match: boolean;
    auditChain: { ok: boolean; records: number; problem?: string };
  };
  /** Where the time went during the measured window. */
  cpu: WindowCpu;
  postgresPoolSize: number;
  /** The pool's backends by state and the server's CPU over the window. */
  postgresBackends: PostgresBackends;
  /** The V8 CPU profile of the window, when BENCH_CPU_PROFILE is set. */
  cpuProfileFile?: string;
}

type DatabaseResult = MeasuredResult | SkippedResult | FailedResult;

export interface IntakeReport extends BenchReport<IntakeSettings, DatabaseResult> {
  benchmark: 'intake';
}

type IntakeSettings = Omit<IntakeOptions, 'resultsFile' | 'cpuProfile'> & { bodyCount: number; requestTimeoutMs: number };

async function countCases(db: Database): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM cases');
  return row?.count ?? 0;
}

function benchDatabase(kind: BenchDatabase, options: IntakeOptions, signal: AbortSignal): Promise<DatabaseResult> {
  return runOnDatabase('intake', kind, async (label, resources): Promise<MeasuredResult | SkippedResult> => {
    const setupStart = performance.now();
    const opened = await openBenchDatabase(kind, { dirPrefix: 'rongthuk-bench-intake-', maxConnections: options.postgresPoolSize }, resources);
    if ('reason' in opened) {
      console.log(`${label}: skipped — ${opened.reason}`);
      return { database: kind, status: 'skipped', reason: opened.reason };
    }
    const { db, engine } = opened;
    await migrate(db);
    await seedTestNetwork(db);
    const casesBefore = await countCases(db);

    const ctx: AppContext = {
      db,
      config: { ...TEST_CONFIG, databaseUrl: undefined, dataDir: os.tmpdir() },
      protector: createDataProtector(randomBytes(32)),
      now: () => new Date(),
    };
    const app: FastifyInstance = await buildApp(ctx);
    resources.add('the HTTP server', () => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const setupSeconds = round((performance.now() - setupStart) / 1000, 1);
    console.log(`${label}: ${engine}; ready in ${setupSeconds} s`);
    console.log(`${label}: ${options.warmupSeconds} s warm-up, then ${options.seconds} s at ${options.connections} connections…`);

    if (signal.aborted) throw new Error('interrupted before the load started');
    const meter = new WindowMeter();
    // Its own connection, beside the app's pool.
    const sampler = new BackendSampler(await opened.openAnother(1));
    const profiler = options.cpuProfile ? new WindowProfiler() : undefined;
    const profileFile = path.join(path.dirname(options.resultsFile), `intake-${kind}.cpuprofile`);
    const onPhase = (phase: 'measuring' | 'draining'): void => {
      if (phase === 'measuring') {
        meter.start();
        sampler.start();
        profiler?.start();
      } else {
        meter.stop();
        void sampler.stop();
      }
    };
    const load: LoadResult = await runLoad(
      {
        url: `http://127.0.0.1:${port}/api/v1/public/complaints`,
        connections: options.connections,
        warmupMs: Math.round(options.warmupSeconds * 1000),
        durationMs: Math.round(options.seconds * 1000),
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        seed: options.seed,
        bodyCount: BODY_COUNT,
      },
      { signal, onPhase },
    );
    const cpu = meter.read(load.clientCpuPercent);
    const backends = await sampler.stop();
    // Stopped after the drain: the profile also holds the last in-flight requests.
    const profiled = profiler ? await profiler.stopInto(profileFile) : false;

    // Every request has been answered (or timed out) by now: nothing is still being written.
    const casesInDatabase = (await countCases(db)) - casesBefore;
    const audit = await verifyAuditChain(db);
    const elapsedSeconds = load.measured.elapsedMs / 1000;
    const result: MeasuredResult = {
      database: kind,
      status: 'measured',
      engine,
      setupSeconds,
      requests: load.measured.requests,
      complaintsPerSecond: elapsedSeconds > 0 ? round(load.measured.created / elapsedSeconds, 1) : 0,
      latencyMs: {
        p50: load.measured.latency.p50Ms,
        p95: load.measured.latency.p95Ms,
        p99: load.measured.latency.p99Ms,
        mean: load.measured.latency.meanMs,
        max: load.measured.latency.maxMs,
      },
      errors: load.measured.requests - load.measured.created,
      statusCounts: load.measured.statusCounts,
      errorSamples: load.errorSamples,
      warmup: load.warmup,
      elapsedSeconds: round(elapsedSeconds, 3),
      stoppedEarly: load.stoppedEarly,
      consistency: {
        created: load.totalCreated,
        casesInDatabase,
        match: casesInDatabase === load.totalCreated,
        auditChain: audit.ok ? { ok: true, records: audit.records } : { ok: false, records: audit.records, problem: `record ${audit.brokenSeq}: ${audit.reason}` },
      },
      cpu,
      postgresPoolSize: options.postgresPoolSize,
      postgresBackends: backends,
      ...(profiled ? { cpuProfileFile: path.relative(process.cwd(), profileFile) } : {}),
    };
    console.log(
      `${label}: ${result.requests} requests, ${result.complaintsPerSecond} complaints/s, p50 ${result.latencyMs.p50} ms, ` +
        `${result.errors} errors; ${casesInDatabase} cases in the database for ${load.totalCreated} × 201`,
    );
    for (const sample of load.errorSamples) console.log(`${label}: error answer: ${sample}`);
    console.log(
      `${label}: pool connections on average: ${backends.running} running, ${backends.waitingOnLock} waiting on a lock, ` +
        `${backends.idleInTransaction} idle in transaction (waiting for the app), ${backends.idle} idle; ` +
        `PostgreSQL processes used ${backends.cpuPercent} % of a core`,
    );
    if (result.cpuProfileFile) console.log(`${label}: CPU profile of the window in ${result.cpuProfileFile}`);
    return result;
  });
}

function printReport(report: IntakeReport): void {
  const measured = report.results.filter((result): result is MeasuredResult => result.status === 'measured');
  const { settings, machine } = report;
  console.log(
    `\nintake — POST /api/v1/public/complaints, ${settings.seconds} s after ${settings.warmupSeconds} s warm-up, ` +
      `${settings.connections} connections, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, ` +
      `load average ${machine.loadAverageBefore} before the run\n`,
  );
  if (measured.length) {
    console.log(
      formatTable(
        ['database', 'requests', 'complaints/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'cases in DB', '201s', 'match'],
        measured.map((r) => [
          r.stoppedEarly ? `${r.database} (stopped early)` : r.database,
          r.requests,
          r.complaintsPerSecond,
          r.latencyMs.p50,
          r.latencyMs.p95,
          r.latencyMs.p99,
          r.errors,
          r.consistency.casesInDatabase,
          r.consistency.created,
          r.consistency.match ? 'yes' : 'NO',
        ]),
      ),
    );
    console.log('');
    console.log(
      formatTable(
        ['database', 'app event loop %', 'app CPU %', 'client CPU %', 'PG CPU %', 'machine CPU %', 'PG waiting on lock', 'audit chain'],
        measured.map((r) => [
          r.database,
          r.cpu.serverEventLoopPercent,
          r.cpu.serverProcessPercent,
          r.cpu.clientProcessPercent,
          r.postgresBackends.cpuPercent,
          r.cpu.machinePercent,
          r.postgresBackends.waitingOnLock,
          r.consistency.auditChain.ok ? `ok (${r.consistency.auditChain.records})` : `BROKEN: ${r.consistency.auditChain.problem ?? ''}`,
        ]),
      ),
    );
    console.log(
      `(CPU in % of one core; machine up to ${machine.cores * 100} %. "PG waiting on lock": pool connections blocked on a row lock, ` +
        `on average. Warm-up and setup excluded from rates; DB counts include warm-up.)`,
    );
  }
  printSkippedAndFailed(report.results);
}

/** Runs the benchmark on each database in turn; true when every measured run was consistent. */
export async function runIntakeBenchmark(options: IntakeOptions, signal: AbortSignal): Promise<{ ok: boolean; report: IntakeReport }> {
  const report: IntakeReport = {
    benchmark: 'intake',
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: machineInfo(),
    settings: {
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      databases: options.databases,
      postgresPoolSize: options.postgresPoolSize,
      seed: options.seed,
      bodyCount: BODY_COUNT,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    },
    results: [],
  };
  await runBenchmark({
    report,
    databases: options.databases,
    signal,
    busyEffect: 'low and noisy',
    bench: (kind) => benchDatabase(kind, options, signal),
    print: printReport,
    resultsFile: options.resultsFile,
  });

  const ok = report.results.every(
    (result) =>
      result.status === 'skipped' ||
      (result.status === 'measured' && result.consistency.match && result.consistency.auditChain.ok && result.consistency.created > 0),
  );
  return { ok, report };
}

if (isEntryPoint(import.meta.url)) {
  await runWithInterrupt(async (signal) => (await runIntakeBenchmark(intakeOptionsFromEnv(), signal)).ok);
}
