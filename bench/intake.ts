/**
 * bench/intake: complaints per second through HTTP, on PGlite and on PostgreSQL.
 *
 * For each database: a fresh database (PGlite in a temporary directory; PostgreSQL in a
 * throwaway cluster when the server binaries are installed), migrated and seeded with the
 * test network, the real app listening on 127.0.0.1, and a separate load process that POSTs
 * varied Thai complaints to /api/v1/public/complaints at a fixed concurrency for a fixed time
 * after a warm-up. Afterwards the database must hold exactly one case per 201 answer and an
 * intact audit chain. Figures are reported (table and .bench-results/intake.json), never
 * asserted.
 *
 *   npx tsx bench/intake.ts        (or `npm run bench` for every benchmark)
 */
import { randomBytes } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import type { AppContext } from '../src/server/platform/context.ts';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import { migrate, openDatabase, type Database } from '../src/server/platform/database.ts';
import { buildApp } from '../src/server/platform/http.ts';
import { TEST_CONFIG, seedTestNetwork } from '../test/support/app.ts';
import { findPostgresBinaries, startPostgresCluster } from '../test/support/postgres-cluster.ts';
import { BenchUsageError, isEntryPoint, runWithInterrupt } from './lib/entry.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { formatTable, round } from './lib/stats.ts';

export type BenchDatabase = 'pglite' | 'postgres';
const ALL_DATABASES: readonly BenchDatabase[] = ['pglite', 'postgres'];

export interface IntakeOptions {
  /** Measured window per database. */
  seconds: number;
  /** Warm-up before the window, not counted. */
  warmupSeconds: number;
  /** Requests in flight. */
  connections: number;
  databases: BenchDatabase[];
  /** pg pool size on PostgreSQL; the app's default is 10. */
  postgresPoolSize: number;
  /** Seed of the complaint bodies. */
  seed: number;
  /** Where the JSON report goes. */
  resultsFile: string;
  /** Write a V8 CPU profile of the app's process over the measured window, per database. */
  cpuProfile: boolean;
}

export const RESULTS_DIR = fileURLToPath(new URL('../.bench-results/', import.meta.url));
const REQUEST_TIMEOUT_MS = 30_000;
const BODY_COUNT = 2_000;

function numberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, integer: boolean): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new BenchUsageError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

/** Reads the knobs (see bench/README.md); throws naming a bad variable. */
export function intakeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): IntakeOptions {
  const databases = (env.BENCH_DATABASES?.trim() || ALL_DATABASES.join(','))
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  for (const name of databases) {
    if (!ALL_DATABASES.includes(name as BenchDatabase)) throw new BenchUsageError(`BENCH_DATABASES lists "${name}"; use pglite, postgres or both`);
  }
  return {
    seconds: numberFromEnv(env, 'BENCH_SECONDS', 10, 0.1, 3600, false),
    warmupSeconds: numberFromEnv(env, 'BENCH_WARMUP_SECONDS', 1, 0, 600, false),
    connections: numberFromEnv(env, 'BENCH_CONNECTIONS', 16, 1, 1024, true),
    databases: [...new Set(databases)] as BenchDatabase[],
    postgresPoolSize: numberFromEnv(env, 'BENCH_PG_POOL', 10, 1, 190, true),
    seed: numberFromEnv(env, 'BENCH_SEED', 2569, 0, 2 ** 32 - 1, true),
    resultsFile: path.join(RESULTS_DIR, 'intake.json'),
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
  cpu: {
    /** Share of the window the app's event loop was busy (PGlite runs on it too). */
    serverEventLoopPercent: number;
    /** CPU of the app's process (Node + PGlite), in % of one core. */
    serverProcessPercent: number;
    /** CPU of the load client process, in % of one core. */
    clientProcessPercent: number;
    /** Whole machine, in % of one core (so up to cores × 100); the rest is PostgreSQL and others. */
    machinePercent: number;
    cores: number;
  };
  postgresPoolSize?: number;
  /**
   * PostgreSQL only: client backends by state, averaged over samples of pg_stat_activity
   * taken through a separate connection during the window. `waitingOnLock` high means
   * transactions queue for a row lock (the audit chain head is one row every intake locks).
   */
  postgresBackends?: {
    samples: number;
    running: number;
    waitingOnLock: number;
    idleInTransaction: number;
    idle: number;
    /** CPU of the cluster's processes over the window, in % of one core (Linux /proc; NaN elsewhere). */
    cpuPercent: number;
  };
  /** The V8 CPU profile of the window, when BENCH_CPU_PROFILE is set. */
  cpuProfileFile?: string;
}

interface SkippedResult {
  database: BenchDatabase;
  status: 'skipped';
  reason: string;
}

interface FailedResult {
  database: BenchDatabase;
  status: 'failed';
  error: string;
}

type DatabaseResult = MeasuredResult | SkippedResult | FailedResult;

export interface IntakeReport {
  benchmark: 'intake';
  startedAt: string;
  finishedAt: string;
  machine: {
    cores: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    platform: string;
    /** 1-minute load average before the run: above a few tenths per core, others share the CPU. */
    loadAverageBefore: number;
  };
  settings: Omit<IntakeOptions, 'resultsFile' | 'cpuProfile'> & { bodyCount: number; requestTimeoutMs: number };
  results: DatabaseResult[];
}

/** Busy and total CPU time of the machine so far, in ms summed over cores. */
function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

/** Samples the server side of the machine between the start and the end of the window. */
class WindowMeter {
  private startedAt = 0;
  private elu: EventLoopUtilization | undefined;
  private cpu: NodeJS.CpuUsage | undefined;
  private machine: { busy: number; total: number } | undefined;
  private result: Omit<MeasuredResult['cpu'], 'clientProcessPercent'> | undefined;

  start(): void {
    this.startedAt = performance.now();
    this.elu = performance.eventLoopUtilization();
    this.cpu = process.cpuUsage();
    this.machine = machineTimes();
  }

  stop(): void {
    if (!this.elu || !this.cpu || !this.machine || this.result) return;
    const wallMs = performance.now() - this.startedAt;
    const elu = performance.eventLoopUtilization(this.elu);
    const cpu = process.cpuUsage(this.cpu);
    const machine = machineTimes();
    const cores = os.cpus().length;
    const machineTotal = machine.total - this.machine.total;
    this.result = {
      serverEventLoopPercent: round(elu.utilization * 100, 1),
      serverProcessPercent: wallMs > 0 ? round(((cpu.user + cpu.system) / 1000 / wallMs) * 100, 1) : Number.NaN,
      // os.cpus() ticks are coarse (10 ms): use the busy share of the machine times the cores.
      machinePercent: machineTotal > 0 ? round(((machine.busy - this.machine.busy) / machineTotal) * cores * 100, 1) : Number.NaN,
      cores,
    };
  }

  read(clientProcessPercent: number): MeasuredResult['cpu'] {
    this.stop();
    const result = this.result ?? { serverEventLoopPercent: Number.NaN, serverProcessPercent: Number.NaN, machinePercent: Number.NaN, cores: os.cpus().length };
    return { ...result, clientProcessPercent };
  }
}

/** The V8 sampling profiler on this process, for the measured window only. */
class WindowProfiler {
  private session: Session | undefined;
  private started: Promise<void> | undefined;

  start(): void {
    const session = new Session();
    session.connect();
    this.session = session;
    this.started = (async () => {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    })();
  }

  /** Writes the profile to `file`; false when it never started. */
  async stopInto(file: string): Promise<boolean> {
    const session = this.session;
    if (!session || !this.started) return false;
    this.session = undefined;
    try {
      await this.started;
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      return true;
    } finally {
      session.disconnect();
    }
  }
}

/** Kernel clock ticks per second for /proc/<pid>/stat: 100 on every common Linux build. */
const USER_HZ = 100;

/** User + system CPU seconds of these processes so far; NaN when /proc cannot tell. */
function processCpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after "pid (comm) ": state is the 3rd field, utime the 14th and stime the 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return Number.NaN;
    }
  }
  return ticks / USER_HZ;
}

/**
 * Samples pg_stat_activity every 100 ms through its own connection (not the app's pool), and
 * the CPU time of the cluster's processes over the window.
 */
class BackendSampler {
  private readonly totals = { samples: 0, running: 0, waitingOnLock: 0, idleInTransaction: 0, idle: 0 };
  private loop: Promise<void> | undefined;
  private stopping = false;
  private stopped: Promise<NonNullable<MeasuredResult['postgresBackends']>> | undefined;
  private cpuStart: { pids: number[]; seconds: number; at: number } | undefined;

  private constructor(private readonly client: pg.Client) {}

  static async open(url: string, resources: Resources): Promise<BackendSampler> {
    const client = new pg.Client({ connectionString: url, application_name: 'rongthuk-bench-sampler' });
    client.on('error', () => {});
    await client.connect();
    resources.add('the sampling connection', () => client.end());
    return new BackendSampler(client);
  }

  start(): void {
    this.loop ??= (async () => {
      const at = performance.now();
      const pids = (await this.client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()')).rows.map((row) => row.pid);
      this.cpuStart = { pids, seconds: processCpuSeconds(pids), at };
      while (!this.stopping) {
        const [row] = (
          await this.client.query<{ running: number; lock: number; idle_tx: number; idle: number }>(
            `SELECT count(*) FILTER (WHERE state = 'active' AND wait_event_type IS DISTINCT FROM 'Lock')::int AS running,
                    count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS lock,
                    count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS idle_tx,
                    count(*) FILTER (WHERE state = 'idle')::int AS idle
             FROM pg_stat_activity
             WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
          )
        ).rows;
        if (row) {
          this.totals.samples += 1;
          this.totals.running += row.running;
          this.totals.waitingOnLock += row.lock;
          this.totals.idleInTransaction += row.idle_tx;
          this.totals.idle += row.idle;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })().catch(() => {});
  }

  /** Ends sampling; the first call fixes the end of the window. */
  stop(): Promise<NonNullable<MeasuredResult['postgresBackends']>> {
    this.stopped ??= this.finish();
    return this.stopped;
  }

  private async finish(): Promise<NonNullable<MeasuredResult['postgresBackends']>> {
    this.stopping = true;
    const start = this.cpuStart;
    const cpuPercent = start ? ((processCpuSeconds(start.pids) - start.seconds) / ((performance.now() - start.at) / 1000)) * 100 : Number.NaN;
    await this.loop;
    const { samples, running, waitingOnLock, idleInTransaction, idle } = this.totals;
    const mean = (total: number): number => (samples ? round(total / samples, 2) : Number.NaN);
    return {
      samples,
      running: mean(running),
      waitingOnLock: mean(waitingOnLock),
      idleInTransaction: mean(idleInTransaction),
      idle: mean(idle),
      cpuPercent: round(cpuPercent, 1),
    };
  }
}

/** Cleanups run in reverse order, each whatever the others do. */
class Resources {
  private readonly cleanups: Array<{ label: string; run: () => Promise<void> | void }> = [];

  add(label: string, run: () => Promise<void> | void): void {
    this.cleanups.push({ label, run });
  }

  async closeAll(): Promise<void> {
    for (const { label, run } of this.cleanups.reverse()) {
      try {
        await run();
      } catch (error) {
        console.error(`intake: closing ${label} failed: ${(error as Error).message}`);
      }
    }
    this.cleanups.length = 0;
  }
}

interface OpenedDatabase {
  db: Database;
  engine: string;
  /** PostgreSQL only: the cluster's URL, for the sampling connection. */
  url?: string;
}

const PGLITE_DIR_PREFIX = 'rongthuk-bench-pglite-';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes PGlite directories of earlier runs whose process is gone (it was killed outright). */
function removeStalePgliteDirs(): void {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(new RegExp(`^${PGLITE_DIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

async function openBenchDatabase(kind: BenchDatabase, options: IntakeOptions, resources: Resources): Promise<OpenedDatabase | SkippedResult> {
  if (kind === 'pglite') {
    removeStalePgliteDirs();
    // Named after this process, so that a later run can tell a leftover from a live one.
    const dir = mkdtempSync(path.join(os.tmpdir(), `${PGLITE_DIR_PREFIX}${process.pid}-`));
    // Also on an abrupt exit, where no asynchronous cleanup runs.
    const removeSync = (): void => rmSync(dir, { recursive: true, force: true });
    process.on('exit', removeSync);
    resources.add('the PGlite directory', () => {
      process.removeListener('exit', removeSync);
      removeSync();
    });
    const db = await openDatabase({ dataDir: dir });
    resources.add('the PGlite database', () => db.close());
    const version = await serverVersion(db);
    return { db, engine: `PGlite (PostgreSQL ${version}, WASM, one connection), files in a temporary directory` };
  }

  const binaries = findPostgresBinaries();
  if (!binaries) {
    return { database: kind, status: 'skipped', reason: 'PostgreSQL server binaries not found (install the Debian package postgresql)' };
  }
  const cluster = await startPostgresCluster({ binaries });
  resources.add('the PostgreSQL cluster', () => cluster.stop());
  const db = await openDatabase({ url: cluster.url, maxConnections: options.postgresPoolSize });
  resources.add('the PostgreSQL pool', () => db.close());
  return {
    db,
    url: cluster.url,
    engine: `PostgreSQL ${binaries.version}, throwaway cluster on 127.0.0.1:${cluster.port} (fsync and synchronous_commit off), pool of ${options.postgresPoolSize}`,
  };
}

async function serverVersion(db: Database): Promise<string> {
  const [row] = await db.query<{ server_version: string }>('SHOW server_version');
  return row?.server_version ?? '?';
}

async function countCases(db: Database): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM cases');
  return row?.count ?? 0;
}

async function benchDatabase(kind: BenchDatabase, options: IntakeOptions, signal: AbortSignal): Promise<DatabaseResult> {
  const label = `intake [${kind}]`;
  const resources = new Resources();
  try {
    const setupStart = performance.now();
    const opened = await openBenchDatabase(kind, options, resources);
    if ('status' in opened) {
      console.log(`${label}: skipped — ${opened.reason}`);
      return opened;
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
    const sampler = opened.url ? await BackendSampler.open(opened.url, resources) : undefined;
    const profiler = options.cpuProfile ? new WindowProfiler() : undefined;
    const profileFile = path.join(path.dirname(options.resultsFile), `intake-${kind}.cpuprofile`);
    const onPhase = (phase: 'measuring' | 'draining'): void => {
      if (phase === 'measuring') {
        meter.start();
        sampler?.start();
        profiler?.start();
      } else {
        meter.stop();
        void sampler?.stop();
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
    const backends = await sampler?.stop();
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
      ...(kind === 'postgres' ? { postgresPoolSize: options.postgresPoolSize } : {}),
      ...(backends ? { postgresBackends: backends } : {}),
      ...(profiled ? { cpuProfileFile: path.relative(process.cwd(), profileFile) } : {}),
    };
    console.log(
      `${label}: ${result.requests} requests, ${result.complaintsPerSecond} complaints/s, p50 ${result.latencyMs.p50} ms, ` +
        `${result.errors} errors; ${casesInDatabase} cases in the database for ${load.totalCreated} × 201`,
    );
    for (const sample of load.errorSamples) console.log(`${label}: error answer: ${sample}`);
    if (backends) {
      console.log(
        `${label}: pool connections on average: ${backends.running} running, ${backends.waitingOnLock} waiting on a lock, ` +
          `${backends.idleInTransaction} idle in transaction (waiting for the app), ${backends.idle} idle; ` +
          `PostgreSQL processes used ${backends.cpuPercent} % of a core`,
      );
    }
    if (result.cpuProfileFile) console.log(`${label}: CPU profile of the window in ${result.cpuProfileFile}`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${label}: failed — ${message}`);
    return { database: kind, status: 'failed', error: message };
  } finally {
    await resources.closeAll();
  }
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
          r.postgresBackends?.cpuPercent ?? Number.NaN,
          r.cpu.machinePercent,
          r.postgresBackends?.waitingOnLock ?? Number.NaN,
          r.consistency.auditChain.ok ? `ok (${r.consistency.auditChain.records})` : `BROKEN: ${r.consistency.auditChain.problem ?? ''}`,
        ]),
      ),
    );
    console.log(
      `(CPU in % of one core; machine up to ${machine.cores * 100} %. "PG waiting on lock": pool connections blocked on a row lock, ` +
        `on average. Warm-up and setup excluded from rates; DB counts include warm-up.)`,
    );
  }
  for (const result of report.results) {
    if (result.status === 'skipped') console.log(`${result.database}: skipped — ${result.reason}`);
    if (result.status === 'failed') console.log(`${result.database}: FAILED — ${result.error}`);
  }
}

/** Runs the benchmark on each database in turn; true when every measured run was consistent. */
export async function runIntakeBenchmark(options: IntakeOptions, signal: AbortSignal): Promise<{ ok: boolean; report: IntakeReport }> {
  const cpus = os.cpus();
  const report: IntakeReport = {
    benchmark: 'intake',
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: {
      cores: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.versions.node,
      platform: `${process.platform} ${os.release()}`,
      loadAverageBefore: round(os.loadavg()[0] ?? Number.NaN, 2),
    },
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
  if (report.machine.loadAverageBefore > report.machine.cores / 2) {
    console.log(`intake: the machine is busy (load average ${report.machine.loadAverageBefore} on ${report.machine.cores} cores): figures will be low and noisy`);
  }
  for (const kind of options.databases) {
    if (signal.aborted) break;
    report.results.push(await benchDatabase(kind, options, signal));
  }
  report.finishedAt = new Date().toISOString();
  printReport(report);
  mkdirSync(path.dirname(options.resultsFile), { recursive: true });
  writeFileSync(options.resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(process.cwd(), options.resultsFile) || options.resultsFile}`);

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
