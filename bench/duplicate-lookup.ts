/**
 * bench/duplicate-lookup: how long intake's look-up of similar cases and possible duplicates
 * (lookUpSimilarCases: the LSH band candidates of the last year through the GIN index on
 * cases.text_bands, and the same complainant's recent cases through the complainant hashes)
 * takes when 100,000 or 1,000,000 cases are stored.
 *
 * For each database: a fresh one (PostgreSQL in a throwaway cluster when the server binaries
 * are installed; the embedded server in a temporary data directory, fsync on), migrated, with
 * the reference data (areas, categories) and one agency. Cases are inserted set-wise in
 * chunks, their MinHash signatures and band keys computed here exactly as intake computes them
 * (bench/lib/duplicate-cases.ts): real Bangkok complaint texts (Traffy Fondue,
 * bench/lib/duplicate-texts.ts) cycled with a word dropped or added, or a synthetic set when
 * that file is absent. The database grows to
 * each size in turn (VACUUM ANALYZE after each step, as a settled table would be), and at each
 * size a warm-up and then the measured look-ups run one after the other on one connection:
 * near-duplicates of stored cases (recent ones and any), and held-out texts never stored, half
 * from someone who has complained before, each as intake calls it (a fresh case id, the
 * benchmark day as now, the 30-day window). Figures are reported (table and
 * .bench-results/duplicate-lookup.json), never asserted; a size is sound when the database
 * holds its cases and the exact texts of the newest unsettled cases find those cases.
 *
 *   node --import tsx bench/run.ts duplicate-lookup     (or node --import tsx bench/duplicate-lookup.ts)
 *   BENCH_DUP_SIZES=20000 node --import tsx bench/duplicate-lookup.ts
 *
 * Knobs: BENCH_DUP_SIZES (PostgreSQL, default 100000,1000000), BENCH_DUP_EMBEDDED_SIZES
 * (default BENCH_DUP_SIZES; 0 skips the embedded server), BENCH_DATABASES (default
 * postgres,embedded), BENCH_DUP_LOOKUPS (2000), BENCH_DUP_WARMUP (200), BENCH_DUP_DAY (2026-06-15), BENCH_DUP_WINDOW_DAYS (30),
 * BENCH_DUP_BUDGET_SECONDS (the measured look-ups of a size stop after this long, default 600; the
 * warm-up after a tenth of it), BENCH_DUP_TEXTS (the Traffy .csv.gz; "synthetic" forces the generated texts),
 * BENCH_DUP_TIMEOUT_SECONDS (statement timeout, default 600).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/server/platform/database.ts';
import { seedReferenceData } from '../src/server/seed/reference-data.ts';
import { CANDIDATE_LIMIT } from '../src/server/triage/duplicate-queries.ts';
import { lookUpSimilarCases } from '../src/server/triage/triage-case.ts';
import { isIsoDate, type IsoDate } from '../src/shared/business-days.ts';
import { FINAL_STATUSES } from '../src/shared/case-model.ts';
import type { BenchDatabase, SkippedResult } from './lib/common.ts';
import { RESULTS_DIR, databasesFromEnv, machineInfo, numberFromEnv, runBenchmark, runOnDatabase } from './lib/common.ts';
import { openBenchDatabase, prepareBenchDatabase } from './lib/databases.ts';
import { CaseFactory, bangkokMidnight, populateCases, similarityOf, type BenchLookup } from './lib/duplicate-cases.ts';
import {
  isSound,
  printReport,
  summarise,
  type DatabaseResult,
  type DuplicateLookupReport,
  type Measured,
  type MeasuredResult,
  type SizeResult,
} from './lib/duplicate-report.ts';
import { DEFAULT_TRAFFY_FILE, loadTextSource } from './lib/duplicate-texts.ts';
import { BenchUsageError, isEntryPoint, runWithInterrupt } from './lib/entry.ts';
import { round } from './lib/stats.ts';

export type { DuplicateLookupReport } from './lib/duplicate-report.ts';

const ALL_DATABASES: readonly BenchDatabase[] = ['postgres', 'embedded'];

export interface DuplicateLookupOptions {
  /** Case counts the database grows to, in turn (ascending). */
  sizes: Record<BenchDatabase, number[]>;
  databases: BenchDatabase[];
  lookups: number;
  warmup: number;
  /** The day the look-ups run on (10:00 Bangkok time); cases were received over the 365 days before. */
  day: IsoDate;
  windowDays: number;
  /** The measured look-ups of a size stop after this long (the warm-up after a tenth of it). */
  budgetSeconds: number;
  /** The Traffy complaints file, or "synthetic". */
  textFile: string;
  /** No statement may run longer (the benchmark stays bounded). */
  statementTimeoutSeconds: number;
  resultsFile: string;
}

const INSERT_CHUNK = 5_000;
const SANITY_CASES = 20;
const MB = 1024 * 1024;

function integerFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  return numberFromEnv(env, name, fallback, min, max, { integer: true, underscores: true });
}

/** A comma-separated list of case counts; `fallback` when unset, none when "0". */
function sizesFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const sizes = raw
    .split(',')
    .map((part) => part.trim().replace(/_/g, ''))
    .filter((part) => part !== '' && part !== '0')
    .map((part) => {
      const value = Number(part);
      if (!Number.isInteger(value) || value < 1_000 || value > 10_000_000) throw new BenchUsageError(`${name} must list case counts from 1000 to 10000000, not "${raw}"`);
      return value;
    });
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** Reads the knobs (see the module comment); throws naming a bad variable. */
export function duplicateLookupOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DuplicateLookupOptions {
  const databases = databasesFromEnv(env, ALL_DATABASES);
  const day = env.BENCH_DUP_DAY?.trim() || '2026-06-15';
  if (!isIsoDate(day)) throw new BenchUsageError(`BENCH_DUP_DAY must be a date YYYY-MM-DD, not "${day}"`);
  const postgres = sizesFromEnv(env, 'BENCH_DUP_SIZES', [100_000, 1_000_000]);
  // The same sizes on both engines by default: one figure against the other, durability apart.
  const sizes = { postgres, embedded: sizesFromEnv(env, 'BENCH_DUP_EMBEDDED_SIZES', postgres) };
  return {
    sizes,
    databases: databases.filter((kind) => sizes[kind].length > 0),
    lookups: integerFromEnv(env, 'BENCH_DUP_LOOKUPS', 2_000, 10, 1_000_000),
    warmup: integerFromEnv(env, 'BENCH_DUP_WARMUP', 200, 0, 100_000),
    day,
    windowDays: integerFromEnv(env, 'BENCH_DUP_WINDOW_DAYS', 30, 1, 365),
    budgetSeconds: integerFromEnv(env, 'BENCH_DUP_BUDGET_SECONDS', 600, 10, 7_200),
    textFile: env.BENCH_DUP_TEXTS?.trim() || DEFAULT_TRAFFY_FILE,
    statementTimeoutSeconds: integerFromEnv(env, 'BENCH_DUP_TIMEOUT_SECONDS', 600, 10, 7_200),
    resultsFile: path.join(RESULTS_DIR, 'duplicate-lookup.json'),
  };
}

async function storageOf(db: Database): Promise<SizeResult['storage']> {
  const [row] = await db.query<{ total: number; table_size: number; indexes: number; bands: number; complainants_total: number; complainants: number }>(
    `SELECT pg_total_relation_size('cases') AS total, pg_table_size('cases') AS table_size, pg_indexes_size('cases') AS indexes,
            pg_relation_size('cases_text_bands_idx') AS bands, pg_total_relation_size('complainants') AS complainants_total,
            (SELECT count(*) FROM complainants) AS complainants`,
  );
  if (!row) throw new Error('no storage figures');
  const mb = (bytes: number): number => round(Number(bytes) / MB, 1);
  return {
    casesTotalMB: mb(row.total),
    casesTableMB: mb(row.table_size),
    casesIndexesMB: mb(row.indexes),
    textBandsIndexMB: mb(row.bands),
    complainantsTotalMB: mb(row.complainants_total),
    complainants: Number(row.complainants),
  };
}

/** The exact texts of the newest unsettled cases must find those cases as duplicates. */
async function sanityCheck(db: Database, now: Date, windowDays: number): Promise<SizeResult['checks']> {
  const [counted] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
  const newest = await db.query<{ id: string; tracking_code: string; description: string; province_code: string; district_code: string }>(
    `SELECT id, tracking_code, description, province_code, district_code FROM cases
     WHERE text_signature IS NOT NULL AND status <> ALL($1::text[]) ORDER BY received_at DESC LIMIT ${SANITY_CASES}`,
    [FINAL_STATUSES],
  );
  const missed: string[] = [];
  for (const c of newest) {
    const { signature, bands } = similarityOf(c.description, c.province_code);
    const { duplicates } = await lookUpSimilarCases(db, { caseId: randomUUID(), bands, signature, complainantId: null, districtCode: c.district_code, now, windowDays });
    if (!duplicates.some((link) => link.otherCaseId === c.id)) missed.push(c.tracking_code);
  }
  return { casesInDatabase: counted?.n ?? 0, sanityChecked: newest.length, sanityFound: newest.length - missed.length, sanityMissed: missed };
}

/**
 * The warm-up, then the measured look-ups one after the other, each set cut short by the time
 * budget (the look-ups are drawn at random, so the ones done are a fair sample).
 */
async function measureLookups(
  db: Database,
  warmup: BenchLookup[],
  measured: BenchLookup[],
  budgetSeconds: number,
  signal: AbortSignal,
): Promise<{ results: Measured[]; seconds: number; warmedUp: number }> {
  let warmedUp = 0;
  const warmupStarted = performance.now();
  for (const lookup of warmup) {
    if (signal.aborted) throw new Error('interrupted during the warm-up');
    if (performance.now() - warmupStarted > (budgetSeconds * 1000) / 10) break;
    await lookUpSimilarCases(db, lookup.query);
    warmedUp++;
  }
  const results: Measured[] = [];
  const started = performance.now();
  for (const lookup of measured) {
    if (signal.aborted) throw new Error('interrupted during the look-ups');
    if (performance.now() - started > budgetSeconds * 1000) break;
    const before = performance.now();
    const { candidates, duplicates } = await lookUpSimilarCases(db, lookup.query);
    const ms = performance.now() - before;
    results.push({
      lookup,
      ms,
      candidates: candidates.length,
      duplicates: duplicates.length,
      sameComplainant: duplicates.filter((link) => link.reason === 'same_complainant').length,
      foundSource: lookup.sourceCaseId !== null && duplicates.some((link) => link.otherCaseId === lookup.sourceCaseId),
    });
  }
  return { results, seconds: (performance.now() - started) / 1000, warmedUp };
}

function benchDatabase(kind: BenchDatabase, options: DuplicateLookupOptions, factory: CaseFactory, signal: AbortSignal): Promise<DatabaseResult> {
  return runOnDatabase('duplicate-lookup', kind, async (label, resources): Promise<MeasuredResult | SkippedResult> => {
    const opened = await openBenchDatabase(
      kind,
      // One connection: the look-ups run one after the other, as one intake transaction does them.
      { dirPrefix: 'rongthuk-bench-dup-', maxConnections: 1, statementTimeoutSeconds: options.statementTimeoutSeconds },
      resources,
    );
    const prepared = await prepareBenchDatabase(label, opened, seedReferenceData);
    if ('reason' in prepared) return { database: kind, status: 'skipped', reason: prepared.reason };
    const { db, engine, agencyId } = prepared;

    const now = new Date(bangkokMidnight(options.day).getTime() + 10 * 3_600_000);
    const sizes: SizeResult[] = [];
    let stored = 0;
    for (const cases of options.sizes[kind]) {
      const populated = await populateCases(db, factory, {
        from: stored,
        to: cases,
        agencyId,
        chunk: INSERT_CHUNK,
        signal,
        onProgress: (inserted) => {
          if (inserted % 100_000 === 0 || inserted === cases) console.log(`${label}: ${inserted.toLocaleString('en')} cases inserted`);
        },
      });
      let started = performance.now();
      await db.query('VACUUM ANALYZE cases');
      await db.query('VACUUM ANALYZE complainants');
      const vacuumAnalyzeSeconds = round((performance.now() - started) / 1000, 1);
      console.log(
        `${label}: ${(cases - stored).toLocaleString('en')} cases added in ${populated.seconds} s (signatures ${populated.signatureSeconds} s), VACUUM ANALYZE ${vacuumAnalyzeSeconds} s`,
      );
      const addedCases = cases - stored;
      stored = cases;

      const storage = await storageOf(db);
      const checks = await sanityCheck(db, now, options.windowDays);
      started = performance.now();
      const warmup = factory.lookups(options.lookups, options.warmup, cases, now, options.windowDays);
      const lookups = factory.lookups(0, options.lookups, cases, now, options.windowDays);
      console.log(`${label}: ${(options.warmup + options.lookups).toLocaleString('en')} look-ups prepared in ${round((performance.now() - started) / 1000, 1)} s`);
      const { results, seconds, warmedUp } = await measureLookups(db, warmup, lookups, options.budgetSeconds, signal);
      const summary = summarise(results, seconds);
      if (results.length < lookups.length) {
        console.log(`${label}: the time budget (${options.budgetSeconds} s) stopped the look-ups after ${results.length} of ${lookups.length} (warm-up ${warmedUp})`);
      }
      console.log(
        `${label}: ${cases.toLocaleString('en')} cases: ${results.length} look-ups, p50 ${summary.lookups.p50Ms} ms, p95 ${summary.lookups.p95Ms} ms, ` +
          `p99 ${summary.lookups.p99Ms} ms, ${summary.lookups.perSecond} look-ups/s; sanity ${checks.sanityFound}/${checks.sanityChecked}`,
      );
      sizes.push({
        cases,
        populate: { addedCases, seconds: populated.seconds, signatureSeconds: populated.signatureSeconds, vacuumAnalyzeSeconds },
        storage,
        warmedUp,
        loadAverageAfter: round(os.loadavg()[0] ?? Number.NaN),
        ...summary,
        checks,
      });
    }
    return { database: kind, status: 'measured', engine, sizes };
  });
}

/** Runs the benchmark on each database in turn; ok when every measured size was sound. */
export async function runDuplicateLookupBenchmark(options: DuplicateLookupOptions, signal: AbortSignal): Promise<{ ok: boolean; report: DuplicateLookupReport }> {
  // Before reading the texts, which keeps a core busy for a while.
  const machine = machineInfo();
  const texts = loadTextSource(options.textFile);
  console.log(`duplicate-lookup: texts: ${texts.description}, read in ${texts.readSeconds} s`);
  const largest = Math.max(0, ...options.databases.flatMap((kind) => options.sizes[kind]));
  const factory = new CaseFactory(texts, options.day, largest);
  const report: DuplicateLookupReport = {
    benchmark: 'duplicate-lookup',
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine,
    settings: {
      sizes: options.sizes,
      databases: options.databases,
      lookups: options.lookups,
      warmup: options.warmup,
      day: options.day,
      windowDays: options.windowDays,
      budgetSeconds: options.budgetSeconds,
      statementTimeoutSeconds: options.statementTimeoutSeconds,
      texts: { kind: texts.kind, description: texts.description, readSeconds: texts.readSeconds },
      insertChunk: INSERT_CHUNK,
      candidateLimit: CANDIDATE_LIMIT,
      sanityCases: SANITY_CASES,
    },
    results: [],
  };
  await runBenchmark({
    report,
    databases: options.databases,
    signal,
    busyEffect: 'slow and noisy',
    bench: (kind) => benchDatabase(kind, options, factory, signal),
    print: printReport,
    resultsFile: options.resultsFile,
  });
  const ok = report.results.every((result) => result.status === 'skipped' || (result.status === 'measured' && result.sizes.every(isSound)));
  return { ok, report };
}

if (isEntryPoint(import.meta.url)) {
  await runWithInterrupt(async (signal) => (await runDuplicateLookupBenchmark(duplicateLookupOptionsFromEnv(), signal)).ok);
}
