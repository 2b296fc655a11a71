/**
 * bench/sla-recompute: how long the set-wise SLA state recomputation (recomputeSlaStates, the
 * first step of every `sla.sweep`) takes over many cases.
 *
 * For each database: a fresh one (PostgreSQL in a throwaway cluster when the server binaries
 * are installed; the embedded server in a temporary data directory, fsync on), migrated, with
 * one agency, and N cases
 * inserted set-wise (INSERT … SELECT over generate_series, in chunks): received over the 150
 * days before the benchmark day, due about 15 business days later (some extended), statuses
 * spread as a working complaint centre has them (most old cases closed, young ones open, some
 * awaiting the citizen, some resolved late), every sla_state left at its default. Then three
 * timed runs: on the benchmark day (many states change), again the same day (none should), and
 * a week later (cases fall due soon and overdue). Figures are reported (table and
 * .bench-results/sla-recompute.json), never asserted; the run is sound when the database holds
 * the N cases, the second run changed nothing, and a sample of cases has the state the pure
 * slaStateOf gives it. The table is vacuumed (untimed) after the first run, as autovacuum would
 * do in service (it is off in the throwaway cluster, and would not keep up on the embedded one).
 *
 *   node --import tsx bench/run.ts sla-recompute      (or node --import tsx bench/sla-recompute.ts)
 *   BENCH_SLA_CASES=200000 BENCH_DATABASES=postgres node --import tsx bench/run.ts sla-recompute
 *
 * Knobs: BENCH_SLA_CASES (PostgreSQL, default 1,000,000), BENCH_SLA_EMBEDDED_CASES (default
 * BENCH_SLA_CASES; 0 skips the embedded server), BENCH_DATABASES (default postgres,embedded),
 * BENCH_SLA_DAY (default 2026-06-15), BENCH_SLA_TIMEOUT_SECONDS (statement timeout, default 600).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/server/platform/database.ts';
import { recomputeSlaStates } from '../src/server/sla/timer-queries.ts';
import { SLA_STATES, slaStateOf, type SlaState } from '../src/server/sla/sla-state.ts';
import { addCalendarDays, bangkokDate, isIsoDate, type IsoDate } from '../src/shared/business-days.ts';
import type { CaseStatus } from '../src/shared/case-model.ts';
import type { BenchDatabase, BenchReport, FailedResult, SkippedResult } from './lib/common.ts';
import { RESULTS_DIR, databasesFromEnv, machineInfo, numberFromEnv, printSkippedAndFailed, runBenchmark, runOnDatabase } from './lib/common.ts';
import { openBenchDatabase, prepareBenchDatabase } from './lib/databases.ts';
import { BenchUsageError, isEntryPoint, runWithInterrupt } from './lib/entry.ts';
import { formatTable, round } from './lib/stats.ts';

const ALL_DATABASES: readonly BenchDatabase[] = ['postgres', 'embedded'];

export interface SlaRecomputeOptions {
  cases: Record<BenchDatabase, number>;
  databases: BenchDatabase[];
  /** The day of the first two runs; the third is a week later. */
  day: IsoDate;
  /** No statement may run longer (the benchmark stays bounded). */
  statementTimeoutSeconds: number;
  resultsFile: string;
}

const INSERT_CHUNK = 100_000;
const SAMPLE_SIZE = 2_000;
const LATER_DAYS = 7;

function integerFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  return numberFromEnv(env, name, fallback, min, max, { integer: true, underscores: true });
}

/** Reads the knobs (see the module comment); throws naming a bad variable. */
export function slaRecomputeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SlaRecomputeOptions {
  const databases = databasesFromEnv(env, ALL_DATABASES);
  const day = env.BENCH_SLA_DAY?.trim() || '2026-06-15';
  if (!isIsoDate(day)) throw new BenchUsageError(`BENCH_SLA_DAY must be a date YYYY-MM-DD, not "${day}"`);
  const postgres = integerFromEnv(env, 'BENCH_SLA_CASES', 1_000_000, 1_000, 10_000_000);
  // The same count on both engines by default: one figure against the other, durability apart.
  const cases = { postgres, embedded: integerFromEnv(env, 'BENCH_SLA_EMBEDDED_CASES', postgres, 0, 10_000_000) };
  return {
    cases,
    databases: databases.filter((kind) => cases[kind] > 0),
    day,
    statementTimeoutSeconds: integerFromEnv(env, 'BENCH_SLA_TIMEOUT_SECONDS', 600, 10, 7_200),
    resultsFile: path.join(RESULTS_DIR, 'sla-recompute.json'),
  };
}

interface RunResult {
  run: 'first' | 'same day' | 'later day';
  day: IsoDate;
  seconds: number;
  changed: number;
  /** Cases per SLA state after the run. */
  states: Record<SlaState, number>;
}

interface MeasuredResult {
  database: BenchDatabase;
  status: 'measured';
  engine: string;
  cases: number;
  insertSeconds: number;
  /** VACUUM ANALYZE after the insert, as a settled table would have its statistics. */
  analyzeSeconds: number;
  runs: RunResult[];
  checks: { casesInDatabase: number; sampleChecked: number; sampleMismatches: string[]; secondRunChanged: number };
}

type DatabaseResult = MeasuredResult | SkippedResult | FailedResult;

export interface SlaRecomputeReport extends BenchReport<SlaRecomputeSettings, DatabaseResult> {
  benchmark: 'sla-recompute';
}

type SlaRecomputeSettings = Omit<SlaRecomputeOptions, 'resultsFile'> & { insertChunk: number; sampleSize: number; laterDays: number };

/**
 * Cases i = $1…$2, set-wise. Pseudo-random but deterministic per i (hashint8), so every run
 * and both databases hold the same cases: received 0–149 days before the day $4 during office
 * hours, due 21 ± 2 calendar days later (≈ 15 business days; one in ten extended by two weeks),
 * due soon 5 days before; young cases mostly open, old ones mostly closed; resolved 1–30 days
 * after receipt (so some late), closed 5 days after, rejected and merged cases closed in 2.
 */
const INSERT_CASES_SQL = `
WITH g AS (
  SELECT i,
         hashint8(i::bigint)::bigint + 2147483648 AS h1,
         hashint8(i::bigint * 31 + 7)::bigint + 2147483648 AS h2,
         hashint8(i::bigint * 131 + 17)::bigint + 2147483648 AS h3
  FROM generate_series($1::int, $2::int) AS i
), d AS (
  SELECT i, h1, h2, h3, (h1 % 150)::int AS age, $4::date - (h1 % 150)::int AS received_day FROM g
), s AS (
  SELECT i, received_day,
         (received_day::timestamp + make_interval(mins => 510 + (h2 % 480)::int)) AT TIME ZONE 'Asia/Bangkok' AS received_at,
         received_day + 19 + (h3 % 5)::int + CASE WHEN h3 % 10 = 0 THEN 14 ELSE 0 END AS due_date,
         make_interval(days => LEAST(age, 1 + ((h3 / 100) % 30)::int), hours => ((h1 / 1000) % 8)::int) AS work,
         CASE WHEN age < 21 THEN
                CASE WHEN (h2 / 1000) % 100 < 8 THEN 'received' WHEN (h2 / 1000) % 100 < 16 THEN 'screening'
                     WHEN (h2 / 1000) % 100 < 30 THEN 'assigned' WHEN (h2 / 1000) % 100 < 62 THEN 'in_progress'
                     WHEN (h2 / 1000) % 100 < 72 THEN 'awaiting_info' WHEN (h2 / 1000) % 100 < 90 THEN 'resolved'
                     ELSE 'closed' END
              ELSE
                CASE WHEN (h2 / 1000) % 100 < 1 THEN 'received' WHEN (h2 / 1000) % 100 < 2 THEN 'screening'
                     WHEN (h2 / 1000) % 100 < 4 THEN 'assigned' WHEN (h2 / 1000) % 100 < 12 THEN 'in_progress'
                     WHEN (h2 / 1000) % 100 < 16 THEN 'awaiting_info' WHEN (h2 / 1000) % 100 < 30 THEN 'resolved'
                     WHEN (h2 / 1000) % 100 < 88 THEN 'closed' WHEN (h2 / 1000) % 100 < 95 THEN 'rejected'
                     ELSE 'merged' END
         END AS status
  FROM d
)
INSERT INTO cases (tracking_code, access_key_hash, channel, status, description, receiving_agency_id, holder_agency_id,
                   received_at, due_date, due_soon_from, progress_due_on, resolved_at, closed_at, created_at, updated_at)
SELECT 'BENCH-' || i, 'bench-not-a-key', 'web', status, 'benchmark case', $3, $3,
       received_at, due_date, due_date - 5, received_day + 9,
       CASE WHEN status IN ('resolved', 'closed') THEN received_at + work END,
       CASE WHEN status = 'closed' THEN received_at + work + interval '5 days'
            WHEN status IN ('rejected', 'merged') THEN received_at + interval '2 days' END,
       received_at, received_at
FROM s`;

async function insertCases(db: Database, cases: number, agencyId: string, day: IsoDate, signal: AbortSignal, label: string): Promise<void> {
  for (let first = 1; first <= cases; first += INSERT_CHUNK) {
    if (signal.aborted) throw new Error('interrupted while inserting cases');
    const last = Math.min(cases, first + INSERT_CHUNK - 1);
    await db.query(INSERT_CASES_SQL, [first, last, agencyId, day]);
    if (last % (INSERT_CHUNK * 5) === 0 || last === cases) console.log(`${label}: ${last.toLocaleString('en')} cases inserted`);
  }
}

async function stateCounts(db: Database): Promise<Record<SlaState, number>> {
  const rows = await db.query<{ sla_state: SlaState; n: number }>('SELECT sla_state, count(*)::int AS n FROM cases GROUP BY sla_state');
  const counts = Object.fromEntries(SLA_STATES.map((state) => [state, 0])) as Record<SlaState, number>;
  for (const row of rows) counts[row.sla_state] = row.n;
  return counts;
}

/** Compares a deterministic sample of cases with the pure rule on `today`; returns the mismatches. */
async function checkSample(db: Database, cases: number, today: IsoDate): Promise<{ checked: number; mismatches: string[] }> {
  const step = Math.max(1, Math.floor(cases / SAMPLE_SIZE));
  const codes = Array.from({ length: Math.min(SAMPLE_SIZE, cases) }, (_, index) => `BENCH-${1 + index * step}`);
  const rows = await db.query<{ tracking_code: string; status: CaseStatus; due_date: string; due_soon_from: string; finished: Date | null; sla_state: SlaState }>(
    'SELECT tracking_code, status, due_date, due_soon_from, COALESCE(resolved_at, closed_at) AS finished, sla_state FROM cases WHERE tracking_code = ANY($1::text[])',
    [codes],
  );
  const mismatches: string[] = [];
  for (const row of rows) {
    const expected = slaStateOf({ status: row.status, dueDate: row.due_date, dueSoonFrom: row.due_soon_from, finishedOn: row.finished ? bangkokDate(row.finished) : null }, today);
    if (expected !== row.sla_state && mismatches.length < 10) mismatches.push(`${row.tracking_code}: ${row.sla_state}, expected ${expected}`);
  }
  return { checked: rows.length, mismatches };
}

function benchDatabase(kind: BenchDatabase, options: SlaRecomputeOptions, signal: AbortSignal): Promise<DatabaseResult> {
  const cases = options.cases[kind];
  return runOnDatabase('sla-recompute', kind, async (label, resources): Promise<MeasuredResult | SkippedResult> => {
    const opened = await openBenchDatabase(
      kind,
      { dirPrefix: 'rongthuk-bench-sla-', maxConnections: 2, statementTimeoutSeconds: options.statementTimeoutSeconds },
      resources,
    );
    const prepared = await prepareBenchDatabase(label, opened);
    if ('reason' in prepared) return { database: kind, status: 'skipped', reason: prepared.reason };
    const { db, engine, agencyId } = prepared;

    let started = performance.now();
    await insertCases(db, cases, agencyId, options.day, signal, label);
    const insertSeconds = round((performance.now() - started) / 1000, 2);
    started = performance.now();
    await db.query('VACUUM ANALYZE cases');
    const analyzeSeconds = round((performance.now() - started) / 1000, 2);
    const [counted] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    console.log(`${label}: ${cases.toLocaleString('en')} cases in ${insertSeconds} s, VACUUM ANALYZE ${analyzeSeconds} s`);

    const runs: RunResult[] = [];
    const later = addCalendarDays(options.day, LATER_DAYS);
    for (const [run, day] of [['first', options.day], ['same day', options.day], ['later day', later]] as const) {
      if (signal.aborted) throw new Error('interrupted between runs');
      started = performance.now();
      const changed = await recomputeSlaStates(db, day);
      const seconds = round((performance.now() - started) / 1000, 3);
      runs.push({ run, day, seconds, changed, states: await stateCounts(db) });
      console.log(`${label}: ${run} run (${day}): ${seconds} s, ${changed.toLocaleString('en')} rows changed`);
      // Autovacuum is off in the throwaway cluster; in service it would clean up the rows the
      // first run replaced well before the next sweep (5 minutes later). Not timed.
      if (run === 'first') await db.query('VACUUM ANALYZE cases');
    }
    const sample = await checkSample(db, cases, later);
    return {
      database: kind,
      status: 'measured',
      engine,
      cases,
      insertSeconds,
      analyzeSeconds,
      runs,
      checks: { casesInDatabase: counted?.n ?? 0, sampleChecked: sample.checked, sampleMismatches: sample.mismatches, secondRunChanged: runs[1]?.changed ?? -1 },
    };
  });
}

function isSound(result: MeasuredResult): boolean {
  return result.checks.casesInDatabase === result.cases && result.checks.secondRunChanged === 0 && result.checks.sampleMismatches.length === 0 && result.checks.sampleChecked > 0;
}

function printReport(report: SlaRecomputeReport): void {
  const { machine } = report;
  console.log(
    `\nsla-recompute — recomputeSlaStates over every case, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, ` +
      `load average ${machine.loadAverageBefore} before the run\n`,
  );
  const measured = report.results.filter((result): result is MeasuredResult => result.status === 'measured');
  if (measured.length) {
    console.log(
      formatTable(
        ['database', 'cases', 'run', 'day', 'seconds', 'rows changed', 'on_track', 'due_soon', 'overdue', 'paused', 'met', 'missed'],
        measured.flatMap((result) =>
          result.runs.map((run) => [
            result.database,
            result.cases,
            run.run,
            run.day,
            run.seconds,
            run.changed,
            run.states.on_track,
            run.states.due_soon,
            run.states.overdue,
            run.states.paused,
            run.states.met,
            run.states.missed,
          ]),
        ),
      ),
    );
    console.log('');
    console.log(
      formatTable(
        ['database', 'insert s', 'vacuum analyze s', 'cases in DB', 'sample checked', 'sample mismatches', 'sound'],
        measured.map((result) => [
          result.database,
          result.insertSeconds,
          result.analyzeSeconds,
          result.checks.casesInDatabase,
          result.checks.sampleChecked,
          result.checks.sampleMismatches.length,
          isSound(result) ? 'yes' : 'NO',
        ]),
      ),
    );
    for (const result of measured) for (const mismatch of result.checks.sampleMismatches) console.log(`${result.database}: mismatch ${mismatch}`);
  }
  printSkippedAndFailed(report.results);
}

/** Runs the benchmark on each database in turn; ok when every measured run was sound. */
export async function runSlaRecomputeBenchmark(options: SlaRecomputeOptions, signal: AbortSignal): Promise<{ ok: boolean; report: SlaRecomputeReport }> {
  const report: SlaRecomputeReport = {
    benchmark: 'sla-recompute',
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: machineInfo(),
    settings: {
      cases: options.cases,
      databases: options.databases,
      day: options.day,
      statementTimeoutSeconds: options.statementTimeoutSeconds,
      insertChunk: INSERT_CHUNK,
      sampleSize: SAMPLE_SIZE,
      laterDays: LATER_DAYS,
    },
    results: [],
  };
  await runBenchmark({
    report,
    databases: options.databases,
    signal,
    busyEffect: 'slow and noisy',
    bench: (kind) => benchDatabase(kind, options, signal),
    print: printReport,
    resultsFile: options.resultsFile,
  });
  const ok = report.results.every((result) => result.status === 'skipped' || (result.status === 'measured' && isSound(result)));
  return { ok, report };
}

if (isEntryPoint(import.meta.url)) {
  await runWithInterrupt(async (signal) => (await runSlaRecomputeBenchmark(slaRecomputeOptionsFromEnv(), signal)).ok);
}
