import { describe, expect, it } from 'vitest';
import { parseModel, predict, serializeModel, trainClassifier, trainNaiveBayes } from './classifier.ts';
import { evaluate } from './evaluate.ts';
import { syntheticRows } from './synthetic-fixture.ts';

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
