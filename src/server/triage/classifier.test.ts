import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel, predict, serializeModel, textFeatures, trainClassifier, trainNaiveBayes, type Model, type Prediction } from './classifier.ts';
import { evaluate } from './evaluate.ts';
import { DEFAULT_MODEL_PATH } from './model-store.ts';
import { CATEGORY_PHRASES, syntheticRows } from './synthetic-fixture.ts';

const rows = syntheticRows();
const train = rows.filter((_, i) => i % 4 !== 0);
const test = rows.filter((_, i) => i % 4 === 0);

describe('trainClassifier (logistic regression)', () => {
  const model = trainClassifier(train, { seed: 7 });

  it('learns the synthetic categories to high accuracy on held-out rows', () => {
    const result = evaluate(model, test);
    expect(result.n).toBe(test.length);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.macroF1).toBeGreaterThanOrEqual(0.95);
    expect(Object.keys(result.perCategory).sort()).toEqual(['ความสะอาด', 'ถนน', 'น้ำท่วม', 'แสงสว่าง']);
  });

  it('explains a prediction with the category words', () => {
    const p = predict(model, 'ขยะล้นถังส่งกลิ่นเหม็นมาก ไม่มีใครเก็บขยะ');
    expect(p.label).toBe('ความสะอาด');
    expect(p.confidence).toBeGreaterThan(0.5);
    expect(p.version).toBe(model.version);
    expect(p.topWords.length).toBeGreaterThan(0);
    expect(p.topWords.some((w) => w.word.includes('ขยะ'))).toBe(true);
    for (const w of p.topWords) expect(w.weight).toBeGreaterThan(0);
  });

  it('is deterministic given the seed', () => {
    expect(serializeModel(trainClassifier(train, { seed: 7 }))).toBe(serializeModel(model));
  });

  it('round-trips through JSON with the same predictions', () => {
    const copy = parseModel(serializeModel(model));
    for (const row of test) expect(predict(copy, row.text)).toEqual(predict(model, row.text));
  });

  it('rejects JSON that is not a model', () => {
    expect(() => parseModel('{"format":"x"}')).toThrow(/format/);
  });

  it('copes with a text of no known words', () => {
    const p = predict(model, '!!!');
    expect(model.labels).toContain(p.label);
    expect(p.topWords).toEqual([]);
  });
});

describe('trainNaiveBayes (baseline)', () => {
  const model = trainNaiveBayes(train);

  it('learns the synthetic categories and explains with category words', () => {
    expect(evaluate(model, test).accuracy).toBeGreaterThanOrEqual(0.9);
    const p = predict(model, 'น้ำท่วมขังสูง น้ำขังไม่ระบาย');
    expect(p.label).toBe('น้ำท่วม');
    expect(p.topWords.some((w) => w.word.includes('น้ำ') || w.word.includes('ท่วม') || w.word.includes('ขัง'))).toBe(true);
    expect(p.version).toMatch(/^naive-bayes-/);
  });

  it('round-trips through JSON', () => {
    const copy = parseModel(serializeModel(model));
    expect(predict(copy, test[0]!.text)).toEqual(predict(model, test[0]!.text));
  });
});

/**
 * Prediction as first written: feature strings looked up in `model.index`, counts in a Map,
 * every contribution sorted. The fast path must give exactly the same label, confidence and
 * explaining words.
 */
function referencePredict(model: Model, text: string): Prediction {
  const counts = new Map<number, number>();
  for (const f of textFeatures(text)) {
    const i = model.index.get(f);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const idx = [...counts.keys()];
  let values = [...counts.values()];
  if (model.kind === 'logreg') {
    values = idx.map((i, p) => (1 + Math.log(values[p] as number)) * (model.idf[i] ?? 0));
    const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
    values = values.map((v) => v / norm);
  }
  const K = model.labels.length;
  const scores = Array.from({ length: K }, () => 0);
  idx.forEach((i, p) => {
    for (let k = 0; k < K; k++) scores[k] = (scores[k] as number) + (model.weights[i * K + k] as number) * (values[p] as number);
  });
  const logits = scores.map((score, k) => score * 1 + (model.bias[k] as number));
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const probabilities = exps.map((e) => e / sum);
  let best = 0;
  for (let k = 1; k < K; k++) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
  const contributions = idx
    .map((i, p) => ({ word: model.vocabulary[i] as string, weight: (values[p] as number) * (model.weights[i * K + best] as number) }))
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const round4 = (x: number): number => Math.round(x * 1e4) / 1e4 || 0;
  return {
    label: model.labels[best] as string,
    confidence: round4(probabilities[best] as number),
    topWords: contributions.slice(0, 5).map((c) => ({ word: c.word, weight: round4(c.weight) })),
    version: model.version,
  };
}

/** Complaint-like texts: category phrases, the model's own words run together or spaced, noise. */
function complaintTexts(model: Model): fc.Arbitrary<string> {
  const words = [...Object.values(CATEGORY_PHRASES).flat(), ...model.vocabulary.slice(0, 300).flatMap((f) => f.split(' '))];
  const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom(' ', ' ', '\n', '!!!', '😡', 'ที่', '๑๒', 'ROAD'));
  return fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));
}

describe('predict, exactly as the plain string-keyed computation', () => {
  const shipped = parseModel(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));
  const models: Model[] = [shipped, trainClassifier(train, { seed: 7 }), trainNaiveBayes(train)];

  it('on generated complaints, for the shipped model and both learners', () => {
    for (const model of models) {
      fc.assert(
        fc.property(complaintTexts(model), (text) => {
          expect(predict(model, text)).toEqual(referencePredict(model, text));
        }),
        { numRuns: 300, seed: 2569 },
      );
    }
  });

  it('on a text that repeats features, and on one with none', () => {
    for (const model of models) {
      for (const text of ['ถนน ถนน ถนนเป็นหลุม ถนนเป็นหลุม น้ำท่วม ถนน', '', '!!!']) expect(predict(model, text)).toEqual(referencePredict(model, text));
    }
  });

  it('finds bigrams whatever spaces the vocabulary holds', () => {
    const model = parseModel(
      JSON.stringify({
        format: 'rongthuk-triage-model/1',
        kind: 'logreg',
        version: 'hand-made',
        labels: ['road', 'light'],
        vocabulary: ['road', 'road hole', 'hole', 'lamp', 'dark lamp', 'dark lamp post', 'post'],
        idf: [1, 2, 1.5, 1, 2.5, 3, 1.2],
        bias: [0.1, -0.1],
        weights: [
          { gaps: [1, 1, 1, 4], values: [0.5, 1.5, 0.7, -0.2] },
          { gaps: [4, 1, 1, 1], values: [0.9, 1.1, 2, 0.3] },
        ],
      }),
    );
    for (const text of ['road hole hole road', 'dark lamp post', 'the dark lamp post by the road', 'ROAD Hole', 'lamp']) {
      expect(predict(model, text)).toEqual(referencePredict(model, text));
    }
    expect(predict(model, 'road hole').topWords.map((w) => w.word)).toContain('road hole');
    expect(predict(model, 'dark lamp post').topWords.map((w) => w.word)).not.toContain('dark lamp post');
  });
});

describe('the shipped model\'s predictions stay as they were', () => {
  const model = parseModel(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));
  // Figures from the model as shipped (logreg-04ee89f2); a retrained model changes them.
  const pinned: [string, Omit<Prediction, 'version'>][] = [
    [
      'ถนนเป็นหลุมเป็นบ่อ รถจักรยานยนต์ล้มหลายคันแล้ว',
      {
        label: 'ถนน',
        confidence: 1,
        topWords: [
          { word: 'ถนน', weight: 8.1655 },
          { word: 'ถนน หลุม', weight: 1.509 },
          { word: 'หลุม', weight: 1.0912 },
          { word: 'หลุม บ่อ', weight: 0.6876 },
          { word: 'คัน', weight: 0.6402 },
        ],
      },
    ],
    [
      'น้ำท่วมขังหน้าบ้านมาสามวันแล้ว ท่อระบายน้ำอุดตัน ส่งกลิ่นเหม็น',
      {
        label: 'ท่อระบายน้ำ',
        confidence: 0.6868,
        topWords: [
          { word: 'ท่อ', weight: 4.1929 },
          { word: 'ตัน', weight: 1.2193 },
          { word: 'ระบาย น้ำ', weight: 1.014 },
          { word: 'ท่อ ระบาย', weight: 0.8948 },
          { word: 'น้ำ อุด', weight: 0.67 },
        ],
      },
    ],
    [
      'ขยะล้นถังหน้าตลาดมาหลายวันแล้ว ไม่มีรถมาเก็บ!!!!',
      {
        label: 'ความสะอาด',
        confidence: 0.9974,
        topWords: [
          { word: 'ขยะ', weight: 6.5038 },
          { word: 'ล้น', weight: 0.7136 },
          { word: 'เก็บ', weight: 0.6672 },
          { word: 'ขยะ ล้น', weight: 0.5778 },
          { word: 'ล้น ถัง', weight: 0.1968 },
        ],
      },
    ],
    [
      'เสียงดังจากสถานบันเทิงทุกคืนจนถึงตี ๒ นอนไม่ได้เลยค่าาาา 😡😡😡',
      {
        label: 'เสียงรบกวน',
        confidence: 0.9686,
        topWords: [
          { word: 'เสียง', weight: 6.5926 },
          { word: 'นอน', weight: 0.65 },
          { word: 'ตี', weight: 0.451 },
          { word: 'คืน', weight: 0.3449 },
          { word: 'สถาน', weight: 0.1428 },
        ],
      },
    ],
    [
      'Traffic light at the junction is broken, ไฟจราจรเสีย',
      {
        label: 'ความปลอดภัย',
        confidence: 0.9423,
        topWords: [
          { word: 'จราจร เสีย', weight: 4.7507 },
          { word: 'ไฟ จราจร', weight: 2.967 },
          { word: 'จราจร', weight: 1.0319 },
          { word: 'ไฟ', weight: 0.5163 },
          { word: 'เสีย', weight: 0.3686 },
        ],
      },
    ],
    ['', { label: 'แสงสว่าง', confidence: 0.1834, topWords: [] }],
  ];

  it.each(pinned)('%s', (text, expected) => {
    expect(predict(model, text)).toEqual({ ...expected, version: model.version });
  });
});
