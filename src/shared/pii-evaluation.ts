/**
 * Measures the personal-data detector ({@link findPersonalData}) against a labelled
 * fixture: each sentence lists the spans a careful reader would hide, by kind and exact
 * text. A found span counts as a true positive only when a labelled span of the same kind
 * has exactly the same value (each labelled span can be matched once).
 */
import { findPersonalData } from './redaction.ts';
import type { PersonalDataKind } from './redaction.ts';

/** One labelled sentence of the fixture. */
export interface LabelledSentence {
  text: string;
  spans: ReadonlyArray<{ kind: PersonalDataKind; value: string }>;
}

/** Counts and ratios for one kind (or overall). */
export interface KindScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface DetectorEvaluation {
  sentences: number;
  perKind: Record<PersonalDataKind, KindScore>;
  overall: { tp: number; fp: number; fn: number; precision: number; recall: number };
}

const KINDS: readonly PersonalDataKind[] = ['national_id', 'phone', 'email', 'bank_account', 'person_name'];

/** Precision and recall, taken as 1 when nothing was found or nothing was expected. */
function score(tp: number, fp: number, fn: number): KindScore {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

export function evaluateDetector(fixture: readonly LabelledSentence[]): DetectorEvaluation {
  const counts = new Map<PersonalDataKind, { tp: number; fp: number; fn: number }>(
    KINDS.map((kind) => [kind, { tp: 0, fp: 0, fn: 0 }]),
  );
  const count = (kind: PersonalDataKind): { tp: number; fp: number; fn: number } => {
    let c = counts.get(kind);
    if (c === undefined) {
      c = { tp: 0, fp: 0, fn: 0 };
      counts.set(kind, c);
    }
    return c;
  };

  for (const sentence of fixture) {
    const expected = sentence.spans.map((s) => `${s.kind}\u0000${s.value}`);
    for (const span of findPersonalData(sentence.text)) {
      const index = expected.indexOf(`${span.kind}\u0000${span.value}`);
      if (index >= 0) {
        expected.splice(index, 1);
        count(span.kind).tp++;
      } else {
        count(span.kind).fp++;
      }
    }
    for (const key of expected) count(key.slice(0, key.indexOf('\u0000')) as PersonalDataKind).fn++;
  }

  const perKind = {} as Record<PersonalDataKind, KindScore>;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const kind of KINDS) {
    const c = count(kind);
    perKind[kind] = score(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { sentences: fixture.length, perKind, overall: score(tp, fp, fn) };
}
