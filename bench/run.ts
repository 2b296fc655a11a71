/**
 * `npm run bench`: every benchmark in bench/, one after the other (never at once: they would
 * measure each other). Names on the command line run only those: `tsx bench/run.ts intake`.
 */
import { classifierOptionsFromEnv, runClassifierBenchmark } from './classifier.ts';
import { dashboardOptionsFromEnv, runDashboardBenchmark } from './dashboard.ts';
import { duplicateLookupOptionsFromEnv, runDuplicateLookupBenchmark } from './duplicate-lookup.ts';
import { exchangeOptionsFromEnv, runExchangeBenchmark } from './exchange.ts';
import { fuzzOptionsFromEnv, runFuzzBenchmark } from './fuzz.ts';
import { intakeOptionsFromEnv, runIntakeBenchmark } from './intake.ts';
import { BenchUsageError, runWithInterrupt } from './lib/entry.ts';
import { runSlaRecomputeBenchmark, slaRecomputeOptionsFromEnv } from './sla-recompute.ts';
import { runWebBenchmark, webOptionsFromEnv } from './web.ts';

interface Benchmark {
  name: string;
  /** True when the run was sound (figures are reported, not judged). */
  run(signal: AbortSignal): Promise<boolean>;
}

const BENCHMARKS: readonly Benchmark[] = [
  {
    name: 'intake',
    run: async (signal) => (await runIntakeBenchmark(intakeOptionsFromEnv(), signal)).ok,
  },
  {
    name: 'sla-recompute',
    run: async (signal) => (await runSlaRecomputeBenchmark(slaRecomputeOptionsFromEnv(), signal)).ok,
  },
  {
    name: 'classifier',
    run: async (signal) => (await runClassifierBenchmark(classifierOptionsFromEnv(), signal)).ok,
  },
  {
    name: 'duplicate-lookup',
    run: async (signal) => (await runDuplicateLookupBenchmark(duplicateLookupOptionsFromEnv(), signal)).ok,
  },
  {
    name: 'fuzz',
    run: async (signal) => (await runFuzzBenchmark(fuzzOptionsFromEnv(), signal)).ok,
  },
  {
    name: 'exchange',
    run: async (signal) => (await runExchangeBenchmark(exchangeOptionsFromEnv(), signal)).ok,
  },
  {
    name: 'dashboard',
    run: async (signal) => (await runDashboardBenchmark(dashboardOptionsFromEnv(), signal)).ok,
  },
  {
    name: 'web',
    run: async (signal) => (await runWebBenchmark(webOptionsFromEnv(), signal)).ok,
  },
];

await runWithInterrupt(async (signal) => {
  // Names, not a benchmark's flags (`--cases 100000` of bench/dashboard).
  const wanted = process.argv.slice(2).filter((arg, i, args) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const unknown = wanted.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length) throw new BenchUsageError(`unknown benchmark ${unknown.join(', ')}; there are: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const selected = wanted.length ? BENCHMARKS.filter((benchmark) => wanted.includes(benchmark.name)) : BENCHMARKS;

  let ok = true;
  for (const benchmark of selected) {
    if (signal.aborted) break;
    console.log(`=== bench/${benchmark.name}`);
    const started = Date.now();
    const sound = await benchmark.run(signal);
    console.log(`=== bench/${benchmark.name}: ${sound ? 'done' : 'NOT SOUND (see above)'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    ok &&= sound;
  }
  return ok;
});
