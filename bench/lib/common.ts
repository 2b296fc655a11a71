/**
 * What the benchmarks share around their own measurement: the env knobs' parsing, the machine
 * description, the per-database run (cleanups, failure), and the report's printing and writing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchUsageError } from './entry.ts';
import { round } from './stats.ts';

export type BenchDatabase = 'embedded' | 'postgres';

/** Where the JSON reports go. */
export const RESULTS_DIR = fileURLToPath(new URL('../../.bench-results/', import.meta.url));

/**
 * A number knob; `fallback` when unset. `underscores` lets 1_000_000 be written. Throws naming
 * the variable when it is not a (whole, with `integer`) number from min to max.
 */
export function numberFromEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  { integer, underscores = false }: { integer: boolean; underscores?: boolean },
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(underscores ? raw.replace(/_/g, '') : raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new BenchUsageError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

/** BENCH_DATABASES (default: `all`, in that order), without repeats; throws on an unknown name. */
export function databasesFromEnv(env: NodeJS.ProcessEnv, all: readonly BenchDatabase[]): BenchDatabase[] {
  const databases = (env.BENCH_DATABASES?.trim() || all.join(','))
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  for (const name of databases) {
    if (!all.includes(name as BenchDatabase)) throw new BenchUsageError(`BENCH_DATABASES lists "${name}"; use ${all.join(', ')} or both`);
  }
  return [...new Set(databases)] as BenchDatabase[];
}

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average before the run: above a few tenths per core, others share the CPU. */
  loadAverageBefore: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.versions.node,
    platform: `${process.platform} ${os.release()}`,
    loadAverageBefore: round(os.loadavg()[0] ?? Number.NaN, 2),
  };
}

export interface SkippedResult {
  database: BenchDatabase;
  status: 'skipped';
  reason: string;
}

export interface FailedResult {
  database: BenchDatabase;
  status: 'failed';
  error: string;
}

/** Cleanups run in reverse order, each whatever the others do. */
export class Resources {
  private readonly cleanups: Array<{ label: string; run: () => Promise<void> | void }> = [];

  /** `benchmark` names the failures of a cleanup. */
  constructor(private readonly benchmark: string) {}

  add(label: string, run: () => Promise<void> | void): void {
    this.cleanups.push({ label, run });
  }

  async closeAll(): Promise<void> {
    for (const { label, run } of this.cleanups.reverse()) {
      try {
        await run();
      } catch (error) {
        console.error(`${this.benchmark}: closing ${label} failed: ${(error as Error).message}`);
      }
    }
    this.cleanups.length = 0;
  }
}

/**
 * One database's run: `body` with fresh resources, closed afterwards whatever happens; an error
 * is reported under `label` and becomes a failed result.
 */
export async function runOnDatabase<R>(
  benchmark: string,
  kind: BenchDatabase,
  body: (label: string, resources: Resources) => Promise<R>,
): Promise<R | FailedResult> {
  const label = `${benchmark} [${kind}]`;
  const resources = new Resources(benchmark);
  try {
    return await body(label, resources);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${label}: failed — ${message}`);
    return { database: kind, status: 'failed', error: message };
  } finally {
    await resources.closeAll();
  }
}

export interface BenchReport<Settings, Result> {
  benchmark: string;
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  settings: Settings;
  results: Result[];
}

/**
 * Runs `bench` on each database in turn (until interrupted), then prints the report and writes
 * it to `resultsFile`.
 */
export async function runBenchmark<Settings, Result, Report extends BenchReport<Settings, Result>>(plan: {
  report: Report;
  databases: readonly BenchDatabase[];
  signal: AbortSignal;
  /** Said after "figures will be" when the machine is busy. */
  busyEffect: string;
  bench(kind: BenchDatabase): Promise<Result>;
  print(report: Report): void;
  resultsFile: string;
}): Promise<Report> {
  const { report, signal } = plan;
  if (report.machine.loadAverageBefore > report.machine.cores / 2) {
    console.log(
      `${report.benchmark}: the machine is busy (load average ${report.machine.loadAverageBefore} on ${report.machine.cores} cores): figures will be ${plan.busyEffect}`,
    );
  }
  for (const kind of plan.databases) {
    if (signal.aborted) break;
    report.results.push(await plan.bench(kind));
  }
  report.finishedAt = new Date().toISOString();
  plan.print(report);
  mkdirSync(path.dirname(plan.resultsFile), { recursive: true });
  writeFileSync(plan.resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(process.cwd(), plan.resultsFile) || plan.resultsFile}`);
  return report;
}

/** The lines for the databases that were skipped or failed, after the tables. */
export function printSkippedAndFailed(results: ReadonlyArray<{ database: BenchDatabase; status: string; reason?: string; error?: string }>): void {
  for (const result of results) {
    if (result.status === 'skipped') console.log(`${result.database}: skipped — ${result.reason}`);
    if (result.status === 'failed') console.log(`${result.database}: FAILED — ${result.error}`);
  }
}
