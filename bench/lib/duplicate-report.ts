/**
 * The figures of bench/duplicate-lookup: per database and size, the look-ups' latencies and
 * what they found (overall and by kind of look-up), the population's times and the storage;
 * their summary from the measured look-ups, and the printed tables.
 */
import { CANDIDATE_LIMIT } from '../../src/server/triage/duplicate-queries.ts';
import type { BenchDatabase, BenchReport, FailedResult, SkippedResult } from './common.ts';
import { printSkippedAndFailed } from './common.ts';
import { LOOKUP_KINDS, type BenchLookup } from './duplicate-cases.ts';
import type { TextSource } from './duplicate-texts.ts';
import { formatTable, round, summariseLatencies, type LatencySummary } from './stats.ts';

export interface KindResult {
  kind: string;
  withComplainant: boolean;
  count: number;
  p50Ms: number;
  p95Ms: number;
  meanCandidates: number;
  meanDuplicates: number;
}

export interface SizeResult {
  cases: number;
  /** Warm-up look-ups done before the measured ones. */
  warmedUp: number;
  /** 1-minute load average right after the look-ups: above the cores' count, others shared the CPU. */
  loadAverageAfter: number;
  populate: { addedCases: number; seconds: number; signatureSeconds: number; vacuumAnalyzeSeconds: number };
  storage: { casesTotalMB: number; casesTableMB: number; casesIndexesMB: number; textBandsIndexMB: number; complainantsTotalMB: number; complainants: number };
  lookups: LatencySummary & {
    perSecond: number;
    meanCandidates: number;
    /** Look-ups whose candidates reached the limit of findBandCandidates (the newest were kept). */
    atCandidateLimitPercent: number;
    meanDuplicates: number;
    meanSameComplainantDuplicates: number;
    withDuplicatePercent: number;
    /** Near-duplicates of a recent unsettled case that found that case. */
    recentNearDuplicateFoundPercent: number;
  };
  byKind: KindResult[];
  checks: { casesInDatabase: number; sanityChecked: number; sanityFound: number; sanityMissed: string[] };
}

export interface MeasuredResult {
  database: BenchDatabase;
  status: 'measured';
  engine: string;
  sizes: SizeResult[];
}

export type DatabaseResult = MeasuredResult | SkippedResult | FailedResult;

export interface DuplicateLookupSettings {
  sizes: Record<BenchDatabase, number[]>;
  databases: BenchDatabase[];
  lookups: number;
  warmup: number;
  day: string;
  windowDays: number;
  budgetSeconds: number;
  statementTimeoutSeconds: number;
  texts: { kind: TextSource['kind']; description: string; readSeconds: number };
  insertChunk: number;
  candidateLimit: number;
  sanityCases: number;
}

export interface DuplicateLookupReport extends BenchReport<DuplicateLookupSettings, DatabaseResult> {
  benchmark: 'duplicate-lookup';
}

/** One measured look-up. */
export interface Measured {
  lookup: BenchLookup;
  ms: number;
  candidates: number;
  duplicates: number;
  sameComplainant: number;
  foundSource: boolean;
}

const mean = (values: readonly number[]): number => round(values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN);
const percent = (part: number, whole: number): number => round(whole ? (100 * part) / whole : Number.NaN, 1);

/** The figures of one size: over all look-ups, and by kind and whether a complainant was given. */
export function summarise(results: Measured[], seconds: number): Pick<SizeResult, 'lookups' | 'byKind'> {
  const recent = results.filter((r) => r.lookup.kind === 'near-duplicate of a recent case');
  const byKind: KindResult[] = [];
  for (const kind of LOOKUP_KINDS) {
    for (const withComplainant of [false, true]) {
      const group = results.filter((r) => r.lookup.kind === kind && (r.lookup.query.complainantId !== null) === withComplainant);
      if (!group.length) continue;
      const latency = summariseLatencies(group.map((r) => r.ms));
      byKind.push({
        kind,
        withComplainant,
        count: group.length,
        p50Ms: latency.p50Ms,
        p95Ms: latency.p95Ms,
        meanCandidates: mean(group.map((r) => r.candidates)),
        meanDuplicates: mean(group.map((r) => r.duplicates)),
      });
    }
  }
  return {
    lookups: {
      ...summariseLatencies(results.map((r) => r.ms)),
      perSecond: round(results.length / seconds, 1),
      meanCandidates: mean(results.map((r) => r.candidates)),
      atCandidateLimitPercent: percent(results.filter((r) => r.candidates >= CANDIDATE_LIMIT).length, results.length),
      meanDuplicates: mean(results.map((r) => r.duplicates)),
      meanSameComplainantDuplicates: mean(results.map((r) => r.sameComplainant)),
      withDuplicatePercent: percent(results.filter((r) => r.duplicates > 0).length, results.length),
      recentNearDuplicateFoundPercent: percent(recent.filter((r) => r.foundSource).length, recent.length),
    },
    byKind,
  };
}

/** The database holds the cases, and the exact texts of the newest unsettled cases found them. */
export function isSound(size: SizeResult): boolean {
  return size.checks.casesInDatabase === size.cases && size.checks.sanityChecked > 0 && size.checks.sanityFound === size.checks.sanityChecked && size.lookups.count > 0;
}

/** The three tables: look-ups, look-ups by kind, population and storage. */
export function printReport(report: DuplicateLookupReport): void {
  const { machine, settings } = report;
  console.log(
    `\nduplicate-lookup — lookUpSimilarCases, ${settings.lookups} look-ups after ${settings.warmup} warm-up, one at a time, ` +
      `${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAverageBefore} before the run`,
  );
  console.log(`texts: ${settings.texts.description}\n`);
  const measured = report.results.filter((result): result is MeasuredResult => result.status === 'measured');
  const rows = measured.flatMap((result) => result.sizes.map((size) => ({ database: result.database, size })));
  if (rows.length) {
    console.log(
      formatTable(
        ['database', 'cases', 'look-ups', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms', 'look-ups/s', 'candidates', 'at limit %', 'duplicates', 'with dup %', 'recent found %', 'load after'],
        rows.map(({ database, size }) => [
          database,
          size.cases,
          size.lookups.count,
          size.lookups.p50Ms,
          size.lookups.p95Ms,
          size.lookups.p99Ms,
          size.lookups.maxMs,
          size.lookups.meanMs,
          size.lookups.perSecond,
          size.lookups.meanCandidates,
          size.lookups.atCandidateLimitPercent,
          size.lookups.meanDuplicates,
          size.lookups.withDuplicatePercent,
          size.lookups.recentNearDuplicateFoundPercent,
          size.loadAverageAfter,
        ]),
      ),
    );
    console.log('');
    console.log(
      formatTable(
        ['database', 'cases', 'kind', 'complainant', 'look-ups', 'p50 ms', 'p95 ms', 'candidates', 'duplicates'],
        rows.flatMap(({ database, size }) =>
          size.byKind.map((k) => [database, size.cases, k.kind, k.withComplainant ? 'yes' : 'no', k.count, k.p50Ms, k.p95Ms, k.meanCandidates, k.meanDuplicates]),
        ),
      ),
    );
    console.log('');
    console.log(
      formatTable(
        ['database', 'cases', 'added', 'insert s', 'of it signatures s', 'vacuum analyze s', 'cases MB', 'table MB', 'indexes MB', 'text_bands idx MB', 'complainants MB', 'sanity', 'sound'],
        rows.map(({ database, size }) => [
          database,
          size.cases,
          size.populate.addedCases,
          size.populate.seconds,
          size.populate.signatureSeconds,
          size.populate.vacuumAnalyzeSeconds,
          size.storage.casesTotalMB,
          size.storage.casesTableMB,
          size.storage.casesIndexesMB,
          size.storage.textBandsIndexMB,
          size.storage.complainantsTotalMB,
          `${size.checks.sanityFound}/${size.checks.sanityChecked}`,
          isSound(size) ? 'yes' : 'NO',
        ]),
      ),
    );
    for (const { database, size } of rows) {
      if (size.checks.casesInDatabase !== size.cases) console.log(`${database}: ${size.checks.casesInDatabase} cases in the database, expected ${size.cases}`);
      if (size.checks.sanityMissed.length) console.log(`${database} at ${size.cases}: exact text did not find ${size.checks.sanityMissed.join(', ')}`);
    }
  }
  printSkippedAndFailed(report.results);
}
