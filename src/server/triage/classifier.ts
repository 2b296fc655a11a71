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

/** Counts of a text's features, keyed by vocabulary index; unknown features dropped. */
function knownCounts(model: Model, text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const f of textFeatures(text)) {
    const i = model.index.get(f);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return counts;
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

function countVector(counts: Map<number, number>): SparseVector {
  const idx: number[] = [];
  const val: number[] = [];
  for (const [i, c] of counts) {
    idx.push(i);
    val.push(c);
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
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
      softmaxScores(x, v, bias, scale, K, scores);
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

/** Label probabilities (softmax of bias + scale · V·x) into `out`. */
function softmaxScores(x: SparseVector, v: Float64Array, bias: Float64Array, scale: number, K: number, out: Float64Array): void {
  for (let k = 0; k < K; k++) out[k] = 0;
  for (let p = 0; p < x.idx.length; p++) {
    const base = (x.idx[p] as number) * K;
    const xv = x.val[p] as number;
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

/** Classifies a text: the most likely label, its probability and the words that weighed most for it. */
export function predict(model: Model, text: string): Prediction {
  const x = model.kind === 'logreg' ? tfidfVector(knownCounts(model, text), model.idf) : countVector(knownCounts(model, text));
  const K = model.labels.length;
  const probabilities = new Float64Array(K);
  softmaxScores(x, model.weights, model.bias, 1, K, probabilities);
  let best = 0;
  for (let k = 1; k < K; k++) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
  const contributions: { word: string; weight: number }[] = [];
  for (let p = 0; p < x.idx.length; p++) {
    const i = x.idx[p] as number;
    const weight = (x.val[p] as number) * (model.weights[i * K + best] as number);
    if (weight > 0) contributions.push({ word: model.vocabulary[i] as string, weight });
  }
  contributions.sort((a, b) => b.weight - a.weight || compareStrings(a.word, b.word));
  return {
    label: model.labels[best] as string,
    confidence: round4(probabilities[best] as number),
    topWords: contributions.slice(0, TOP_WORDS).map((c) => ({ word: c.word, weight: round4(c.weight) })),
    version: model.version,
  };
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
