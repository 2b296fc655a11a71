/**
 * Scores a classifier on labelled rows: accuracy, macro-F1 and per-category figures. Pure.
 *
 * The rows may be labelled with the model's own labels (the data's tags) or with category
 * codes: `labelMap` maps a model label (an alias) to its category code. Each row is scored
 * in its own label space: a row labelled with a model label is compared with the raw
 * prediction, any other row with the prediction mapped through `labelMap`. A row whose label
 * the model cannot produce either way is an error, never skipped.
 */
import { predict, type Model } from './classifier.ts';

export interface LabelledRow {
  text: string;
  label: string;
}

export interface CategoryScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perCategory: Record<string, CategoryScore>;
}

export interface EvaluateOptions {
  /** Model label (alias) → category code. */
  labelMap?: Readonly<Record<string, string>>;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Scores `model` on `rows` (see the module comment for label spaces). */
export function evaluate(model: Model, rows: readonly LabelledRow[], options: EvaluateOptions = {}): Evaluation {
  const modelLabels = new Set(model.labels);
  const labelMap = options.labelMap ?? {};
  const truePositives = new Map<string, number>();
  const predicted = new Map<string, number>();
  const support = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string): void => {
    m.set(key, (m.get(key) ?? 0) + 1);
  };
  let correct = 0;
  for (const row of rows) {
    const raw = predict(model, row.text).label;
    const guess = modelLabels.has(row.label) ? raw : (labelMap[raw] ?? raw);
    bump(support, row.label);
    bump(predicted, guess);
    if (guess === row.label) {
      correct++;
      bump(truePositives, row.label);
    }
  }
  const labels = [...new Set([...support.keys(), ...predicted.keys()])].sort();
  const perCategory: Record<string, CategoryScore> = {};
  let f1Sum = 0;
  for (const label of labels) {
    const tp = truePositives.get(label) ?? 0;
    const precision = ratio(tp, predicted.get(label) ?? 0);
    const recall = ratio(tp, support.get(label) ?? 0);
    const f1 = ratio(2 * precision * recall, precision + recall);
    f1Sum += f1;
    perCategory[label] = { precision: round4(precision), recall: round4(recall), f1: round4(f1), support: support.get(label) ?? 0 };
  }
  return {
    n: rows.length,
    accuracy: round4(ratio(correct, rows.length)),
    macroF1: round4(ratio(f1Sum, labels.length)),
    perCategory,
  };
}
