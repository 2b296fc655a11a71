/**
 * bench/dashboard: GET /api/v1/dashboard over millions of generated cases on PostgreSQL, and
 * what keeping the dashboard's rollups costs intake. See bench/README.md.
 *
 * For each size, the kept database (lib/dashboard-world.ts: generated the first time, started
 * again afterwards), the real app (`buildApp`, its clock at the generation's today) asked through
 * `inject` by the national root's CCEO and a Bangkok district's, one request at a time, for a mix
 * of periods and drill-downs; the CSV once; the plans of the slowest kind (auto_explain, ANALYZE
 * and BUFFERS, from the server's log). Then bench/intake on a throwaway cluster in child
 * processes, with the rollups and with syncCaseRollups a no-op (lib/without-rollups.mjs).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import type { AppContext } from '../src/server/platform/context.ts';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import { openDatabase } from '../src/server/platform/database.ts';
import { bangkokDate } from '../src/shared/business-days.ts';
import { fiscalYearOf } from '../src/shared/dashboard-period.ts';
import { TEST_CONFIG } from '../test/support/app.ts';
import { machineInfo, numberFromEnv, RESULTS_DIR, Resources, type MachineInfo } from './lib/common.ts';
import { openWorld, WORLD_PASSWORD, WORLD_USERS, type WorldInfo } from './lib/dashboard-world.ts';
import { BenchUsageError, isEntryPoint, runWithInterrupt } from './lib/entry.ts';
import { formatTable, round, summariseLatencies, type LatencySummary } from './lib/stats.ts';

export interface DashboardOptions {
  sizes: number[];
  /** Measured requests per kind of query (after 3 of warm-up). */
  requests: number;
  seed: number;
  baseDir: string;
  /** Rounds of intake with and without the rollups (0 skips it), BENCH_SECONDS each. */
  intakeRounds: number;
  intakeSeconds: number;
  resultsFile: string;
}

const BUDDHIST_ERA = 543;

/** Knobs (see bench/README.md); `--cases N[,M]` on the command line beats BENCH_DASHBOARD_CASES. */
export function dashboardOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv.slice(2)): DashboardOptions {
  const flag = argv.indexOf('--cases');
  const sizesText = (flag >= 0 ? argv[flag + 1] : env.BENCH_DASHBOARD_CASES) ?? '1000000,10000000';
  const sizes = sizesText.split(',').map((text) => Number(text.trim().replace(/_/g, '')));
  if (sizes.some((size) => !Number.isInteger(size) || size < 0 || size > 100_000_000)) throw new BenchUsageError(`--cases / BENCH_DASHBOARD_CASES must be case counts from 0 (none: only intake) to 100,000,000, not "${sizesText}"`);
  return {
    sizes: sizes.filter((size) => size > 0),
    requests: numberFromEnv(env, 'BENCH_DASHBOARD_REQUESTS', 10, 1, 10_000, { integer: true }),
    seed: numberFromEnv(env, 'BENCH_SEED', 2569, 0, 2 ** 32 - 1, { integer: true }),
    baseDir: env.BENCH_DASHBOARD_DIR?.trim() || '/tmp/rongthuk-bench-dashboard',
    intakeRounds: numberFromEnv(env, 'BENCH_DASHBOARD_INTAKE_ROUNDS', 2, 0, 20, { integer: true }),
    intakeSeconds: numberFromEnv(env, 'BENCH_SECONDS', 10, 1, 3600, { integer: false }),
    resultsFile: path.join(RESULTS_DIR, 'dashboard.json'),
  };
}

interface QueryKind {
  name: string;
  user: (typeof WORLD_USERS)[number]['username'];
  query: string;
}

/** The mix asked: periods at the root, drill-downs, and a district office's own view. */
function queryKinds(today: string): QueryKind[] {
  const fy = fiscalYearOf(today);
  const [year = '', month = ''] = today.split('-');
  const beMonth = `${Number(year) + BUDDHIST_ERA}-${month}`;
  const quarter = Math.floor(((Number(month) + 2) % 12) / 3) + 1;
  const root = 'bench.root.cceo' as const;
  const district = 'bench.d1001.cceo' as const;
  const lastYear = `${Number(year) - 1}-${month}-01`;
  return [
    { name: 'root · fiscal year', user: root, query: `period=fy${fy}` },
    { name: 'root · previous fiscal year', user: root, query: `period=fy${fy - 1}` },
    { name: 'root · quarter', user: root, query: `period=q${quarter}-${fy}` },
    { name: 'root · month', user: root, query: `period=${beMonth}` },
    { name: 'root · custom 12 months', user: root, query: `period=custom&from=${lastYear}&to=${today}` },
    { name: 'root · fy · category road', user: root, query: `period=fy${fy}&category=road` },
    { name: 'root · fy · channel line', user: root, query: `period=fy${fy}&channel=line` },
    { name: 'root · fy · province 10', user: root, query: `period=fy${fy}&province=10` },
    { name: 'root · fy · agency bma', user: root, query: `period=fy${fy}&agency=bma` },
    { name: 'root · fy · agency bma-d1030', user: root, query: `period=fy${fy}&agency=bma-d1030` },
    { name: 'district 1001 · fiscal year', user: district, query: `period=fy${fy}` },
    { name: 'district 1001 · month', user: district, query: `period=${beMonth}` },
    { name: 'district 1001 · fy · category road', user: district, query: `period=fy${fy}&category=road` },
  ];
}

interface KindResult extends LatencySummary {
  name: string;
  query: string;
  bytes: number;
}

interface SizeResult {
  cases: number;
  engine: string;
  directory: string;
  generatedNow: boolean;
  world: WorldInfo;
  kinds: KindResult[];
  csv: { ms: number; bytes: number };
  slowest: { name: string; plans: string };
}

interface IntakeRun {
  rollups: boolean;
  complaintsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

export interface DashboardReport {
  benchmark: 'dashboard';
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  settings: Omit<DashboardOptions, 'resultsFile'>;
  sizes: SizeResult[];
  intake: IntakeRun[];
}

async function signIn(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: WORLD_PASSWORD } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username}: ${response.statusCode} ${response.body}`);
  return (response.json() as { token: string }).token;
}

function appContext(db: AppContext['db'], now: Date): AppContext {
  return { db, config: { ...TEST_CONFIG, databaseUrl: undefined, dataDir: os.tmpdir() }, protector: createDataProtector(randomBytes(32)), now: () => now };
}

async function measureSize(cases: number, options: DashboardOptions, signal: AbortSignal): Promise<SizeResult> {
  const resources = new Resources('dashboard');
  try {
    const world = await openWorld({ cases, seed: options.seed, baseDir: options.baseDir, poolSize: 10, log: (line) => console.log(`dashboard [${cases}]: ${line}`) }, resources);
    if ('reason' in world) throw new BenchUsageError(world.reason);
    console.log(`dashboard [${cases}]: ${world.engine}${world.generated ? '' : ' (reused)'}`);
    const now = new Date(world.info.until);
    const app = await buildApp(appContext(world.db, now));
    resources.add('the app', () => app.close());
    const tokens = new Map<string, string>();
    for (const { username } of WORLD_USERS) tokens.set(username, await signIn(app, username));
    const ask = async (kind: QueryKind, url = '/api/v1/dashboard') => {
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url: `${url}?${kind.query}`, headers: { authorization: `Bearer ${tokens.get(kind.user)}` } });
      const ms = performance.now() - started;
      if (response.statusCode !== 200) throw new Error(`${kind.name}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      return { ms, bytes: response.rawPayload.length };
    };
    const kinds = queryKinds(bangkokDate(now));
    const timings = new Map(kinds.map((kind) => [kind.name, [] as number[]]));
    const bytes = new Map<string, number>();
    for (const kind of kinds) for (let i = 0; i < 3; i++) bytes.set(kind.name, (await ask(kind)).bytes);
    // Interleaved, so that a slow moment of the machine spreads over every kind.
    for (let round = 0; round < options.requests && !signal.aborted; round++) {
      for (const kind of kinds) timings.get(kind.name)?.push((await ask(kind)).ms);
    }
    const results = kinds.map((kind) => ({ name: kind.name, query: kind.query, bytes: bytes.get(kind.name) ?? 0, ...summariseLatencies(timings.get(kind.name) ?? []) }));
    const csv = await ask(kinds[0] as QueryKind, '/api/v1/dashboard.csv');
    const slowest = [...results].sort((a, b) => b.p95Ms - a.p95Ms)[0] as KindResult;
    const plans = await explainOnce(world, now, kinds.find((kind) => kind.name === slowest.name) as QueryKind);
    return { cases, engine: world.engine, directory: world.directory, generatedNow: world.generated, world: world.info, kinds: results, csv: { ms: round(csv.ms), bytes: csv.bytes }, slowest: { name: slowest.name, plans } };
  } finally {
    await resources.closeAll();
  }
}

/**
 * One request of `kind` through an app whose connections log every statement's plan with
 * ANALYZE and BUFFERS (auto_explain, set for this database and reset afterwards); the plans as
 * the server logged them.
 */
async function explainOnce(world: { url: string; logFile: string; db: AppContext['db'] }, now: Date, kind: QueryKind): Promise<string> {
  const settings = ["session_preload_libraries = 'auto_explain'", 'auto_explain.log_min_duration = 0', 'auto_explain.log_analyze = on', 'auto_explain.log_buffers = on', 'auto_explain.log_nested_statements = on'];
  for (const setting of settings) await world.db.query(`ALTER DATABASE postgres SET ${setting.replace(' = ', ' TO ')}`);
  const resources = new Resources('dashboard');
  try {
    const db = await openDatabase({ url: world.url, maxConnections: 1 });
    resources.add('the explaining pool', () => db.close());
    const app = await buildApp(appContext(db, now));
    resources.add('the explaining app', () => app.close());
    const token = await signIn(app, kind.user);
    // A mark in the server's log: the plans are what follows it.
    const mark = `bench-dashboard-explain-${randomBytes(6).toString('hex')}`;
    await world.db.query(`DO $$ BEGIN RAISE LOG '${mark}'; END $$`);
    await app.inject({ method: 'GET', url: `/api/v1/dashboard?${kind.query}`, headers: { authorization: `Bearer ${token}` } });
    // The server writes its log asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const log = readFileSync(world.logFile, 'utf8');
    const logged = log.slice(log.lastIndexOf(mark) + mark.length);
    // The dashboard's own statements: those that read the rollups or the cases.
    return logged
      .split(/\n(?=\S)/)
      .filter((entry) => entry.includes('duration:') && /dashboard_(daily|monthly|open|scope_daily|scope_monthly|scope_open)|FROM cases/.test(entry))
      .join('\n');
  } finally {
    await resources.closeAll();
    for (const setting of settings) await world.db.query(`ALTER DATABASE postgres RESET ${setting.split(' = ')[0]}`);
  }
}

const REPO = fileURLToPath(new URL('../', import.meta.url));

/** bench/intake in a child process on a throwaway cluster, with or without the rollups. */
function runIntake(rollups: boolean, options: DashboardOptions): Promise<IntakeRun> {
  const resultsFile = path.join(RESULTS_DIR, `dashboard-intake-${rollups ? 'with' : 'without'}-rollups.json`);
  const args = ['--import', 'tsx', ...(rollups ? [] : ['--import', './bench/lib/without-rollups.mjs']), 'bench/intake.ts'];
  const env = { ...process.env, BENCH_DATABASES: 'postgres', BENCH_SECONDS: String(options.intakeSeconds), BENCH_INTAKE_RESULTS_FILE: resultsFile };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: REPO, env, maxBuffer: 16 * 2 ** 20, timeout: (options.intakeSeconds + 300) * 1000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`bench/intake ${rollups ? 'with' : 'without'} rollups failed: ${error.message}\n${stdout}${stderr}`));
      const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as { results: Array<{ status: string; complaintsPerSecond: number; latencyMs: { p50: number; p95: number } }> };
      const measured = report.results.find((result) => result.status === 'measured');
      if (!measured) return reject(new Error(`bench/intake measured nothing:\n${stdout}`));
      resolve({ rollups, complaintsPerSecond: measured.complaintsPerSecond, p50Ms: measured.latencyMs.p50, p95Ms: measured.latencyMs.p95 });
    });
  });
}

function print(report: DashboardReport): void {
  for (const size of report.sizes) {
    const { world } = size;
    console.log(`\nGET /api/v1/dashboard at ${size.cases.toLocaleString('en')} cases — ${size.engine}`);
    console.log(`generated in ${world.generateSeconds} s, rollups ${world.rollupSeconds} s, VACUUM ANALYZE ${world.vacuumSeconds} s (${world.distributions}); today ${world.until}`);
    for (const [table, storage] of Object.entries(world.storage)) console.log(`  ${table}: ${storage}`);
    console.log(
      formatTable(
        ['query', 'n', 'p50 ms', 'p95 ms', 'max ms', 'mean ms', 'KB'],
        size.kinds.map((kind) => [kind.name, kind.count, kind.p50Ms, kind.p95Ms, kind.maxMs, kind.meanMs, round(kind.bytes / 1024, 1)]),
      ),
    );
    const worst = Math.max(...size.kinds.map((kind) => kind.p95Ms));
    console.log(`CSV export (root, fiscal year): ${size.csv.ms} ms, ${size.csv.bytes} bytes. Worst p95 ${worst} ms: target ≤ 50 ms ${worst <= 50 ? 'met' : 'NOT met'}.`);
    console.log(`Plans of the slowest kind (${size.slowest.name}), auto_explain ANALYZE BUFFERS:\n${size.slowest.plans}`);
  }
  if (report.intake.length) {
    console.log('\nIntake (bench/intake, PostgreSQL throwaway cluster), with and without the rollups:');
    console.log(formatTable(['rollups', 'complaints/s', 'p50 ms', 'p95 ms'], report.intake.map((run) => [run.rollups ? 'with' : 'without', run.complaintsPerSecond, run.p50Ms, run.p95Ms])));
  }
}

export async function runDashboardBenchmark(options: DashboardOptions, signal: AbortSignal): Promise<{ ok: boolean; report: DashboardReport }> {
  const { resultsFile, ...settings } = options;
  const report: DashboardReport = { benchmark: 'dashboard', startedAt: new Date().toISOString(), finishedAt: '', machine: machineInfo(), settings, sizes: [], intake: [] };
  for (const cases of options.sizes) {
    if (signal.aborted) break;
    report.sizes.push(await measureSize(cases, options, signal));
  }
  for (let round = 0; round < options.intakeRounds && !signal.aborted; round++) {
    for (const rollups of [true, false]) {
      console.log(`dashboard: bench/intake ${rollups ? 'with' : 'without'} rollups (round ${round + 1})…`);
      report.intake.push(await runIntake(rollups, options));
    }
  }
  report.finishedAt = new Date().toISOString();
  print(report);
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(process.cwd(), resultsFile)}`);
  return { ok: report.sizes.length === options.sizes.length, report };
}

if (isEntryPoint(import.meta.url)) {
  await runWithInterrupt(async (signal) => (await runDashboardBenchmark(dashboardOptionsFromEnv(), signal)).ok);
}
