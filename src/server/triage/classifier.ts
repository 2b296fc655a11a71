/**
 * Complaint text classifier: pure, no I/O.
 *
 * Features are word unigrams and bigrams of {@link contentTokens} (stop-words dropped).
 * Two learners share one linear model shape (a weight per feature and label plus a bias per
 * label), so prediction, explanation and serialisation are the same for both:
 *
 * - multinomial logistic regression (softmax) on sublinear TF-IDF, L2-normalised, trained
 *   by SGD with L2 regularisation (the product model);
 * - multinomial naive Bayes on raw term counts (the baseline to beat). Its log-likelihoods
 *   are centred per feature across labels, which shifts every label's score by the same
 *   amount for a given text, so the prediction is unchanged but a weight says how much a
 *   word speaks for one label rather than for the others.
 *
 * Everything is deterministic given the seed: the vocabulary is ordered by document frequency
 * then by the feature string, and SGD shuffles with a seeded generator.
 */
import { contentTokens } from '../../shared/thai-text.ts';

export type ModelKind = 'logreg' | 'naive-bayes';

export interface Model {
  kind: ModelKind;
  version: string;
  labels: string[];
  vocabulary: string[];
  /** Inverse document frequency per feature (logistic regression); empty for naive Bayes. */
  idf: Float64Array;
  /** Weights, feature-major: `weights[feature * labels.length + label]`. */
  weights: Float64Array;
  bias: Float64Array;
  /** Feature string → index, built once for fast prediction. */
  index: Map<string, number>;
}

export interface TrainingRow {
  text: string;
  label: string;
}

export interface TrainOptions {
  /** Vocabulary cap: the features with the highest document frequency are kept. Default 30,000. */
  maxFeatures?: number;
  /** Features in fewer training texts than this are dropped. Default 2. */
  minDf?: number;
  /** Passes over the data (logistic regression). Default 5. */
  epochs?: number;
  /** L2 regularisation strength per example (logistic regression). Default 1e-5. */
  l2?: number;
  /** Initial learning rate (logistic regression). Default 0.5. */
  learningRate?: number;
  /** Seed for the shuffling generator. Default 1. */
  seed?: number;
  /** Laplace smoothing (naive Bayes). Default 0.1. */
  alpha?: number;
  /** Version recorded on every decision; default derived from the model's content. */
  version?: string;
}

export interface Prediction {
  label: string;
  confidence: number;
  topWords: { word: string; weight: number }[];
  version: string;
}

/** How many explaining words {@link predict} returns. */
const TOP_WORDS = 5;

/** The unigrams and bigrams of a text (bigrams are two tokens joined by a space). */
export function textFeatures(text: string): string[] {
  const tokens = contentTokens(text);
  const features = tokens.slice();
  for (let i = 1; i < tokens.length; i++) features.push(`${tokens[i - 1]} ${tokens[i]}`);
  return features;
}

/** Term counts of a text's features. */
function countFeatures(features: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
  return counts;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Picks the vocabulary: min df, then the top `maxFeatures` by df (ties by string). */
function buildVocabulary(docs: readonly Map<string, number>[], maxFeatures: number, minDf: number): { vocabulary: string[]; df: number[] } {
  const df = new Map<string, number>();
  for (const doc of docs) for (const f of doc.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const kept = [...df].filter(([, n]) => n >= minDf);
  kept.sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]));
  const top = kept.slice(0, maxFeatures);
  return { vocabulary: top.map(([f]) => f), df: top.map(([, n]) => n) };
}

/** Labels in a fixed order (sorted), and each row's label index. */
function indexLabels(rows: readonly TrainingRow[]): { labels: string[]; y: Int32Array } {
  const labels = [...new Set(rows.map((r) => r.label))].sort(compareStrings);
  const position = new Map(labels.map((l, i) => [l, i]));
  return { labels, y: Int32Array.from(rows.map((r) => position.get(r.label) ?? 0)) };
}

interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

function restrict(counts: Map<string, number>, index: Map<string, number>): Map<number, number> {
  const known = new Map<number, number>();
  for (const [f, c] of counts) {
    const i = index.get(f);
    if (i !== undefined) known.set(i, c);
  }
  return known;
}

/** Sublinear TF-IDF, L2-normalised. */
function tfidfVector(counts: Map<number, number>, idf: Float64Array): SparseVector {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [i, c] of counts) {
    const v = (1 + Math.log(c)) * (idf[i] ?? 0);
    idx.push(i);
    val.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  return { idx: Int32Array.from(idx), val: Float64Array.from(val, (v) => v / norm) };
}

/** mulberry32: a small, seeded, good-enough generator for shuffling. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the model's content, so the same training gives the same version. */
function contentVersion(kind: ModelKind, labels: readonly string[], vocabulary: readonly string[], weights: Float64Array): string {
  let h = 0x811c9dc5;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  };
  mix(kind);
  for (const l of labels) mix(l);
  for (const f of vocabulary) mix(f);
  for (let i = 0; i < weights.length; i += 97) mix(round4(weights[i] ?? 0).toString());
  return `${kind}-${h.toString(16).padStart(8, '0')}`;
}

function round4(x: number): number {
  const r = Math.round(x * 1e4) / 1e4;
  return r === 0 ? 0 : r; // no -0
}

function requireRows(rows: readonly TrainingRow[]): void {
  if (rows.length === 0) throw new Error('no training rows');
}

/** Trains multinomial logistic regression (softmax) on TF-IDF by SGD with L2. */
export function trainClassifier(rows: readonly TrainingRow[], options: TrainOptions = {}): Model {
  requireRows(rows);
  const maxFeatures = options.maxFeatures ?? 30_000;
  const minDf = options.minDf ?? 2;
  const epochs = options.epochs ?? 5;
  const lambda = options.l2 ?? 1e-5;
  const lr0 = options.learningRate ?? 0.5;
  const random = seededRandom(options.seed ?? 1);

  const docs = rows.map((r) => countFeatures(textFeatures(r.text)));
  const { vocabulary, df } = buildVocabulary(docs, maxFeatures, minDf);
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const n = rows.length;
  const idf = Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
  const xs = docs.map((d) => tfidfVector(restrict(d, index), idf));
  const { labels, y } = indexLabels(rows);
  const K = labels.length;

  // W = scale · V: the L2 shrink of every weight is one multiplication of `scale`.
  const v = new Float64Array(vocabulary.length * K);
  const bias = new Float64Array(K);
  let scale = 1;
  const scores = new Float64Array(K);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = order[i] as number;
      order[i] = order[j] as number;
      order[j] = tmp;
    }
    for (const row of order) {
      const x = xs[row] as SparseVector;
      const lr = lr0 / (1 + lr0 * lambda * t);
      t++;
      softmaxScores(x.idx, x.val, x.idx.length, v, bias, scale, K, scores);
      const target = y[row] as number;
      scale *= 1 - lr * lambda;
      const step = lr / scale;
      for (let k = 0; k < K; k++) {
        const g = (scores[k] as number) - (k === target ? 1 : 0);
        if (g === 0) continue;
        bias[k] = (bias[k] as number) - lr * g;
        const gs = g * step;
        for (let p = 0; p < x.idx.length; p++) {
          const at = (x.idx[p] as number) * K + k;
          v[at] = (v[at] as number) - gs * (x.val[p] as number);
        }
      }
      if (scale < 1e-9) {
        for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * scale;
        scale = 1;
      }
    }
  }
  for (let i = 0; i < v.length; i++) v[i] = round4((v[i] as number) * scale);
  for (let k = 0; k < K; k++) bias[k] = round4(bias[k] as number);
  const version = options.version ?? contentVersion('logreg', labels, vocabulary, v);
  return { kind: 'logreg', version, labels, vocabulary, idf: idf.map(round4), weights: v, bias, index };
}

/** Trains the multinomial naive-Bayes baseline on term counts. */
export function trainNaiveBayes(rows: readonly TrainingRow[], options: TrainOptions = {}): Model {
  requireRows(rows);
  const alpha = options.alpha ?? 0.1;
  const docs = rows.map((r) => countFeatures(textFeatures(r.text)));
  const { vocabulary } = buildVocabulary(docs, options.maxFeatures ?? 30_000, options.minDf ?? 2);
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const { labels, y } = indexLabels(rows);
  const K = labels.length;
  const F = vocabulary.length;
  const counts = new Float64Array(F * K);
  const totals = new Float64Array(K);
  const docsPerLabel = new Float64Array(K);
  docs.forEach((doc, row) => {
    const k = y[row] as number;
    docsPerLabel[k] = (docsPerLabel[k] as number) + 1;
    for (const [f, c] of doc) {
      const i = index.get(f);
      if (i === undefined) continue;
      counts[i * K + k] = (counts[i * K + k] as number) + c;
      totals[k] = (totals[k] as number) + c;
    }
  });
  const weights = new Float64Array(F * K);
  for (let i = 0; i < F; i++) {
    let mean = 0;
    for (let k = 0; k < K; k++) {
      const lp = Math.log(((counts[i * K + k] as number) + alpha) / ((totals[k] as number) + alpha * F));
      weights[i * K + k] = lp;
      mean += lp / K;
    }
    for (let k = 0; k < K; k++) weights[i * K + k] = round4((weights[i * K + k] as number) - mean);
  }
  const bias = Float64Array.from(docsPerLabel, (d) => round4(Math.log(d / rows.length)));
  const version = options.version ?? contentVersion('naive-bayes', labels, vocabulary, weights);
  return { kind: 'naive-bayes', version, labels, vocabulary, idf: new Float64Array(0), weights, bias, index };
}

/** Label probabilities (softmax of bias + scale · V·x) into `out`; x is the first `n` entries of `idx`/`val`. */
function softmaxScores(idx: ArrayLike<number>, val: ArrayLike<number>, n: number, v: Float64Array, bias: Float64Array, scale: number, K: number, out: Float64Array): void {
  for (let k = 0; k < K; k++) out[k] = 0;
  for (let p = 0; p < n; p++) {
    const base = (idx[p] as number) * K;
    const xv = val[p] as number;
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + (v[base + k] as number) * xv;
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    out[k] = (out[k] as number) * scale + (bias[k] as number);
    if ((out[k] as number) > max) max = out[k] as number;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) {
    out[k] = Math.exp((out[k] as number) - max);
    sum += out[k] as number;
  }
  for (let k = 0; k < K; k++) out[k] = (out[k] as number) / sum;
}

/**
 * A model's features keyed for prediction without building feature strings: every token
 * that is a feature by itself has its vocabulary index as its id, every other half of a
 * bigram an id after those, and a bigram is found by its two ids.
 */
interface FeatureLookup {
  /**
   * Token → id: the features without a space (id = vocabulary index) and the halves of the
   * bigrams. Feature strings with a space are left out to keep the map small (a token never
   * holds a space: ICU never puts one inside a word; {@link collectFeatures} still checks).
   */
  tokenIds: Map<string, number>;
  /** Ids below this are vocabulary indexes of unigram features. */
  vocabularySize: number;
  /**
   * Open addressing over (first id, second id) → vocabulary index of "first second": slots of
   * three (first, second, index), one memory access a probe; first is -1 in a free slot.
   */
  pairs: Int32Array;
  /** By vocabulary index, where the feature sits in {@link scratch} (a sparse set, never cleared). */
  position: Int32Array;
}

/** Built on a model's first prediction; models are not changed once trained or parsed. */
const lookups = new WeakMap<Model, FeatureLookup>();

function featureLookup(model: Model): FeatureLookup {
  const cached = lookups.get(model);
  if (cached) return cached;
  const vocabularySize = model.vocabulary.length;
  const tokenIds = new Map<string, number>();
  for (const [feature, i] of model.index) if (!feature.includes(' ')) tokenIds.set(feature, i);
  const idOf = (token: string): number => {
    let id = tokenIds.get(token);
    if (id === undefined) tokenIds.set(token, (id = vocabularySize + tokenIds.size));
    return id;
  };
  const pairs: [number, number, number][] = [];
  for (const [feature, i] of model.index) {
    // Registering every split at a space finds "a b" from tokens a and b exactly as the
    // string look-up does, whatever spaces the tokens themselves hold.
    for (let at = feature.indexOf(' '); at >= 0; at = feature.indexOf(' ', at + 1)) {
      pairs.push([idOf(feature.slice(0, at)), idOf(feature.slice(at + 1)), i]);
    }
  }
  // At most half full, so probes stay short.
  let slots = 16;
  while (slots < pairs.length * 2) slots *= 2;
  const table = new Int32Array(slots * 3).fill(-1);
  for (const [first, second, i] of pairs) {
    let slot = pairSlot(first, second, slots - 1);
    while (table[slot * 3] !== -1) slot = (slot + 1) & (slots - 1);
    table[slot * 3] = first;
    table[slot * 3 + 1] = second;
    table[slot * 3 + 2] = i;
  }
  const lookup: FeatureLookup = { tokenIds, vocabularySize, pairs: table, position: new Int32Array(vocabularySize) };
  lookups.set(model, lookup);
  return lookup;
}

function pairSlot(first: number, second: number, mask: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask;
}

/** Vocabulary index of the bigram of two token ids, or -1. */
function bigramFeature(pairs: Int32Array, first: number, second: number): number {
  const mask = pairs.length / 3 - 1;
  for (let slot = pairSlot(first, second, mask); ; slot = (slot + 1) & mask) {
    const f = pairs[slot * 3] as number;
    if (f === -1) return -1;
    if (f === first && pairs[slot * 3 + 1] === second) return pairs[slot * 3 + 2] as number;
  }
}

/**
 * The current text's known features, in order of first appearance (unigrams, then bigrams, as
 * {@link textFeatures} lists them), with their counts and then their values. Reused across
 * calls: prediction is synchronous and calls nothing that could predict in between.
 */
const scratch = { idx: [] as number[], count: [] as number[], val: [] as number[], ids: [] as number[] };

/** Fills {@link scratch} with the text's known features and counts; returns how many. */
function collectFeatures(model: Model, lookup: FeatureLookup, text: string): number {
  const { ids } = scratch;
  const { tokenIds, vocabularySize } = lookup;
  const tokens = contentTokens(text);
  let n = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as string;
    const id = tokenIds.get(token) ?? -1;
    ids[t] = id;
    // Should a token ever hold a space, it may equal a bigram's string: look that up as such.
    const i = token.includes(' ') ? (model.index.get(token) ?? -1) : id < vocabularySize ? id : -1;
    if (i >= 0) n = addFeature(lookup, i, n);
  }
  for (let t = 1; t < tokens.length; t++) {
    const first = ids[t - 1] as number;
    const second = ids[t] as number;
    if (first < 0 || second < 0) continue;
    const i = bigramFeature(lookup.pairs, first, second);
    if (i >= 0) n = addFeature(lookup, i, n);
  }
  return n;
}

/** Counts feature `i` among the first `n` of {@link scratch}; returns the new number of features. */
function addFeature(lookup: FeatureLookup, i: number, n: number): number {
  const { idx, count } = scratch;
  const at = lookup.position[i] as number;
  if (at < n && idx[at] === i) {
    count[at] = (count[at] as number) + 1;
    return n;
  }
  lookup.position[i] = n;
  idx[n] = i;
  count[n] = 1;
  return n + 1;
}

/** {@link explainingWords} so far, heaviest first. */
const top = { idx: new Int32Array(TOP_WORDS), weight: new Float64Array(TOP_WORDS) };

/** Whether feature a with weight wa comes before b with wb: heavier first, then by word. */
function before(model: Model, wa: number, a: number, wb: number, b: number): boolean {
  return (wb - wa || compareStrings(model.vocabulary[a] as string, model.vocabulary[b] as string)) < 0;
}

/** Classifies a text: the most likely label, its probability and the words that weighed most for it. */
export function predict(model: Model, text: string): Prediction {
  const lookup = featureLookup(model);
  const n = collectFeatures(model, lookup, text);
  const { idx, count, val } = scratch;
  if (model.kind === 'logreg') {
    // Sublinear TF-IDF, L2-normalised, in the same order of operations as tfidfVector.
    let norm = 0;
    for (let p = 0; p < n; p++) {
      const v = (1 + Math.log(count[p] as number)) * (model.idf[idx[p] as number] ?? 0);
      val[p] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let p = 0; p < n; p++) val[p] = (val[p] as number) / norm;
  } else {
    for (let p = 0; p < n; p++) val[p] = count[p] as number;
  }
  const K = model.labels.length;
  const probabilities = new Float64Array(K);
  softmaxScores(idx, val, n, model.weights, model.bias, 1, K, probabilities);
  let best = 0;
  for (let k = 1; k < K; k++) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
  return { label: model.labels[best] as string, confidence: round4(probabilities[best] as number), topWords: explainingWords(model, n, best), version: model.version };
}

/**
 * The {@link TOP_WORDS} features of the first `n` in {@link scratch} that weigh most for label
 * `best` (positive weights only), heaviest first and then by word: what sorting them all
 * would give, by keeping the few best in order while scanning.
 */
function explainingWords(model: Model, n: number, best: number): { word: string; weight: number }[] {
  const { idx, val } = scratch;
  const K = model.labels.length;
  let kept = 0;
  for (let p = 0; p < n; p++) {
    const i = idx[p] as number;
    const weight = (val[p] as number) * (model.weights[i * K + best] as number);
    if (!(weight > 0)) continue;
    let at = kept;
    while (at > 0 && before(model, weight, i, top.weight[at - 1] as number, top.idx[at - 1] as number)) at--;
    if (at >= TOP_WORDS) continue;
    for (let q = Math.min(kept, TOP_WORDS - 1); q > at; q--) {
      top.idx[q] = top.idx[q - 1] as number;
      top.weight[q] = top.weight[q - 1] as number;
    }
    top.idx[at] = i;
    top.weight[at] = weight;
    if (kept < TOP_WORDS) kept++;
  }
  const words: { word: string; weight: number }[] = [];
  for (let q = 0; q < kept; q++) words.push({ word: model.vocabulary[top.idx[q] as number] as string, weight: round4(top.weight[q] as number) });
  return words;
}

/** The serialised form: per label, the non-zero weights as index gaps and values. */
interface SerializedModel {
  format: 'rongthuk-triage-model/1';
  kind: ModelKind;
  version: string;
  labels: string[];
  vocabulary: string[];
  idf: number[];
  bias: number[];
  weights: { gaps: number[]; values: number[] }[];
}

/** JSON of a model: weights rounded to 4 decimals, zeros left out. */
export function serializeModel(model: Model): string {
  const K = model.labels.length;
  const weights = model.labels.map((_, k) => {
    const gaps: number[] = [];
    const values: number[] = [];
    let last = -1;
    for (let i = 0; i < model.vocabulary.length; i++) {
      const w = round4(model.weights[i * K + k] as number);
      if (w === 0) continue;
      gaps.push(i - last);
      values.push(w);
      last = i;
    }
    return { gaps, values };
  });
  const serialized: SerializedModel = {
    format: 'rongthuk-triage-model/1',
    kind: model.kind,
    version: model.version,
    labels: model.labels,
    vocabulary: model.vocabulary,
    idf: [...model.idf].map(round4),
    bias: [...model.bias].map(round4),
    weights,
  };
  return JSON.stringify(serialized);
}

/** Reads a model written by {@link serializeModel}; throws on anything else. */
export function parseModel(json: string): Model {
  const data = JSON.parse(json) as Partial<SerializedModel>;
  if (data.format !== 'rongthuk-triage-model/1') throw new Error('not a Rongthuk triage model (format rongthuk-triage-model/1 expected)');
  if (data.kind !== 'logreg' && data.kind !== 'naive-bayes') throw new Error(`unknown model kind ${String(data.kind)}`);
  const { labels, vocabulary, idf, bias, weights, version } = data;
  if (!Array.isArray(labels) || !Array.isArray(vocabulary) || !Array.isArray(idf) || !Array.isArray(bias) || !Array.isArray(weights) || typeof version !== 'string') {
    throw new Error('triage model is incomplete');
  }
  const K = labels.length;
  if (bias.length !== K || weights.length !== K) throw new Error('triage model: labels, bias and weights disagree');
  const dense = new Float64Array(vocabulary.length * K);
  weights.forEach((w, k) => {
    let i = -1;
    w.gaps.forEach((gap, p) => {
      i += gap;
      if (i >= vocabulary.length) throw new Error('triage model: weight index out of range');
      dense[i * K + k] = w.values[p] ?? 0;
    });
  });
  return {
    kind: data.kind,
    version,
    labels,
    vocabulary,
    idf: Float64Array.from(idf),
    weights: dense,
    bias: Float64Array.from(bias),
    index: new Map(vocabulary.map((f, i) => [f, i])),
  };
}
