/**
 * bench/classifier: complaint classifications per second, in process, on one core.
 *
 * Loads the shipped model (src/server/triage/model.json) and runs `predict` on complaint
 * texts one after another, tokenising included, as intake does for every new case. The texts
 * are the newest 20% of the Traffy Fondue Bangkok tickets with exactly one tag and a comment
 * (the test split of scripts/train-traffy.ts, texts the model never saw) when the file is
 * there, else a deterministic synthetic set from the intake benchmark's complaint templates
 * (bench/lib/complaints.ts); the run says which. After a warm-up pass over every text, each
 * round classifies a fixed number of texts (cycling through them), timing each call; the
 * median round is the figure. Checked against the goal of 10,000 texts per second, never
 * asserted: the run is sound when every round gave the same labels for the same texts.
 *
 *   node --import tsx bench/run.ts classifier      (or node --import tsx bench/classifier.ts)
 *   BENCH_CLASSIFIER_TEXTS=50000 BENCH_CLASSIFIER_DATA=synthetic node --import tsx bench/run.ts classifier
 *
 * Knobs: BENCH_CLASSIFIER_TEXTS (per round, default 20,000), BENCH_CLASSIFIER_ROUNDS (default
 * 3), BENCH_CLASSIFIER_DATA (the Traffy .csv.gz, default ../shared/data/traffy beside the
 * repository; `synthetic` for the synthetic set).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseModel, predict, type Model } from '../src/server/triage/classifier.ts';
import { DEFAULT_MODEL_PATH } from '../src/server/triage/model-store.ts';
import { parseCsvTable } from '../src/shared/csv.ts';
import { RESULTS_DIR, machineInfo, numberFromEnv, type MachineInfo } from './lib/common.ts';
import { makeComplaint, seededRandom } from './lib/complaints.ts';
import { isEntryPoint, runWithInterrupt } from './lib/entry.ts';
import { formatTable, percentile, round } from './lib/stats.ts';

/** The Traffy file next to the repository (/work/shared/data when the repository is /work/main). */
const DEFAULT_TRAFFY_FILE = fileURLToPath(new URL('../../shared/data/traffy/bangkok-2022.csv.gz', import.meta.url));

/** The throughput the classifier should reach on one core (reported, not asserted). */
const GOAL_PER_SECOND = 10_000;

const SYNTHETIC_TEXTS = 5_000;
const SYNTHETIC_SEED = 2569;

export interface ClassifierOptions {
  /** Texts classified per round (the texts are cycled through). */
  texts: number;
  rounds: number;
  /** The Traffy .csv.gz, or "synthetic". */
  data: string;
  resultsFile: string;
}

/** Reads the knobs (see the module comment); throws naming a bad variable. */
export function classifierOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ClassifierOptions {
  return {
    texts: numberFromEnv(env, 'BENCH_CLASSIFIER_TEXTS', 20_000, 100, 10_000_000, { integer: true, underscores: true }),
    rounds: numberFromEnv(env, 'BENCH_CLASSIFIER_ROUNDS', 3, 1, 99, { integer: true }),
    data: env.BENCH_CLASSIFIER_DATA?.trim() || DEFAULT_TRAFFY_FILE,
    resultsFile: path.join(RESULTS_DIR, 'classifier.json'),
  };
}

interface TextSet {
  kind: 'traffy' | 'synthetic';
  description: string;
  texts: string[];
}

/** The test split of scripts/train-traffy.ts: one tag, a comment, newest 20% by timestamp. */
function readTraffyTestSplit(file: string): TextSet {
  const {
    body,
    columns: [typeAt, commentAt, timeAt, idAt],
  } = parseCsvTable(gunzipSync(readFileSync(file)).toString('utf8'), file, ['type', 'comment', 'timestamp', 'ticket_id']);
  const kept: { time: string; id: string; text: string }[] = [];
  for (const { fields } of body) {
    const tags = (fields[typeAt] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const text = (fields[commentAt] ?? '').trim();
    if (tags.length === 1 && text) kept.push({ time: fields[timeAt] ?? '', id: fields[idAt] ?? '', text });
  }
  kept.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const test = kept.slice(Math.floor(kept.length * 0.8));
  return {
    kind: 'traffy',
    description: `Traffy Fondue Bangkok 2022, newest 20% of the one-tag tickets with a comment (${test[0]?.time.slice(0, 10)} – ${test.at(-1)?.time.slice(0, 10)}), ${file}`,
    texts: test.map((t) => t.text),
  };
}

function syntheticTexts(): TextSet {
  const random = seededRandom(SYNTHETIC_SEED);
  const texts = Array.from({ length: SYNTHETIC_TEXTS }, () => {
    const body = makeComplaint(random);
    return body.title ? `${body.title} ${body.description}` : body.description;
  });
  return { kind: 'synthetic', description: `synthetic: bench/lib/complaints.ts templates (title and description), seed ${SYNTHETIC_SEED}`, texts };
}

interface Round {
  texts: number;
  seconds: number;
  perSecond: number;
  p50Micros: number;
  p95Micros: number;
  /** Process CPU time over wall time: below ~100 %, other processes took the core. */
  cpuPercent: number;
  /** FNV-1a of the labels in order, to check every round classified alike. */
  labelsChecksum: string;
}

export interface ClassifierReport {
  benchmark: 'classifier';
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  settings: Omit<ClassifierOptions, 'resultsFile'>;
  model: { version: string; features: number; labels: number };
  textSet: { kind: TextSet['kind']; description: string; distinctTexts: number; meanLength: number };
  warmupTexts: number;
  rounds: Round[];
  median: Round | null;
  goalPerSecond: number;
  goalMet: boolean;
  ok: boolean;
}

function measureRound(model: Model, texts: readonly string[], count: number): Round {
  const micros = new Float64Array(count);
  let checksum = 0x811c9dc5;
  const labelIds = new Map(model.labels.map((label, k) => [label, k]));
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let n = 0; n < count; n++) {
    const text = texts[n % texts.length] as string;
    const before = performance.now();
    const { label } = predict(model, text);
    micros[n] = (performance.now() - before) * 1000;
    checksum = Math.imul(checksum ^ (labelIds.get(label) ?? -1), 0x01000193) >>> 0;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  micros.sort();
  return {
    texts: count,
    seconds: round(seconds, 3),
    perSecond: Math.round(count / seconds),
    p50Micros: round(percentile(micros, 50), 1),
    p95Micros: round(percentile(micros, 95), 1),
    cpuPercent: Math.round((100 * (used.user + used.system)) / 1e6 / seconds),
    labelsChecksum: checksum.toString(16).padStart(8, '0'),
  };
}

function print(report: ClassifierReport): void {
  console.log(`\nmodel ${report.model.version} (${report.model.features} features, ${report.model.labels} labels)`);
  console.log(`texts: ${report.textSet.description}`);
  console.log(`${report.textSet.distinctTexts.toLocaleString('en')} distinct texts, mean length ${report.textSet.meanLength} UTF-16 code units; warm-up ${report.warmupTexts.toLocaleString('en')} texts\n`);
  console.log(
    formatTable(
      ['round', 'texts', 'seconds', 'texts/s', 'p50 µs', 'p95 µs', 'CPU %', 'labels'],
      report.rounds.map((r, i) => [String(i + 1), r.texts, r.seconds, r.perSecond, r.p50Micros, r.p95Micros, r.cpuPercent, r.labelsChecksum]),
    ),
  );
  const { median } = report;
  if (!median) return;
  console.log(`\nmedian of ${report.rounds.length}: ${median.perSecond.toLocaleString('en')} texts/s, p50 ${median.p50Micros} µs, p95 ${median.p95Micros} µs per text`);
  console.log(`goal ≥ ${report.goalPerSecond.toLocaleString('en')} texts/s on one core: ${report.goalMet ? 'met' : 'NOT met'}`);
  if (median.cpuPercent < 90) console.log(`(the process had ${median.cpuPercent} % of a core: other processes took the rest, so the figure is low)`);
  if (report.machine.loadAverageBefore > report.machine.cores / 2) {
    console.log(`(the machine was busy before the run: load average ${report.machine.loadAverageBefore} on ${report.machine.cores} cores)`);
  }
}

export async function runClassifierBenchmark(options: ClassifierOptions, signal: AbortSignal): Promise<ClassifierReport> {
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const model = parseModel(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));
  const useTraffy = options.data !== 'synthetic' && existsSync(options.data);
  if (options.data !== 'synthetic' && !useTraffy) console.log(`classifier: ${options.data} not found, using the synthetic texts`);
  const textSet = useTraffy ? readTraffyTestSplit(options.data) : syntheticTexts();
  const { texts } = textSet;
  if (texts.length === 0) throw new Error(`classifier: no texts in ${textSet.description}`);
  console.log(`classifier: ${texts.length.toLocaleString('en')} ${textSet.kind} texts; ${options.rounds} rounds of ${options.texts.toLocaleString('en')}`);

  // Warm-up: every text once, so the JIT has settled and every string is flat before timing.
  const warmupTexts = Math.max(texts.length, 2_000);
  for (let n = 0; n < warmupTexts; n++) predict(model, texts[n % texts.length] as string);

  const rounds: Round[] = [];
  for (let r = 0; r < options.rounds && !signal.aborted; r++) {
    // Let a Ctrl-C through between rounds (a round itself is one synchronous loop).
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) break;
    rounds.push(measureRound(model, texts, options.texts));
  }
  const median = [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor((rounds.length - 1) / 2)] ?? null;
  let length = 0;
  for (let n = 0; n < options.texts; n++) length += (texts[n % texts.length] as string).length;
  const report: ClassifierReport = {
    benchmark: 'classifier',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    settings: { texts: options.texts, rounds: options.rounds, data: textSet.kind === 'traffy' ? options.data : 'synthetic' },
    model: { version: model.version, features: model.vocabulary.length, labels: model.labels.length },
    textSet: { kind: textSet.kind, description: textSet.description, distinctTexts: texts.length, meanLength: round(length / options.texts, 1) },
    warmupTexts,
    rounds,
    median,
    goalPerSecond: GOAL_PER_SECOND,
    goalMet: (median?.perSecond ?? 0) >= GOAL_PER_SECOND,
    ok: rounds.length === options.rounds && rounds.every((r) => r.labelsChecksum === rounds[0]?.labelsChecksum),
  };
  print(report);
  if (rounds.some((r) => r.labelsChecksum !== rounds[0]?.labelsChecksum)) console.log('NOT SOUND: the rounds labelled the same texts differently');
  mkdirSync(path.dirname(options.resultsFile), { recursive: true });
  writeFileSync(options.resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(process.cwd(), options.resultsFile) || options.resultsFile}`);
  return report;
}

if (isEntryPoint(import.meta.url)) {
  await runWithInterrupt(async (signal) => (await runClassifierBenchmark(classifierOptionsFromEnv(), signal)).ok);
}
