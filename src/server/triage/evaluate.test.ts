import { describe, expect, it } from 'vitest';
import { trainClassifier } from './classifier.ts';
import { evaluate } from './evaluate.ts';
import { syntheticRows } from './synthetic-fixture.ts';

const model = trainClassifier(syntheticRows(), { seed: 1 });
const roadText = 'ถนนเป็นหลุมเป็นบ่อ หลุมบนถนนลึกมาก';
const floodText = 'น้ำท่วมขังสูง ฝนตกแล้วน้ำท่วม';

describe('evaluate', () => {
  it('counts rows whose label the model does not know as errors', () => {
    const result = evaluate(model, [
      { text: roadText, label: 'ถนน' },
      { text: floodText, label: 'สัตว์จรจัด' },
    ]);
    expect(result.n).toBe(2);
    expect(result.accuracy).toBe(0.5);
    expect(result.perCategory['สัตว์จรจัด']).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    // the wrong guess is a false positive for น้ำท่วม
    expect(result.perCategory['น้ำท่วม']).toMatchObject({ precision: 0, support: 0 });
    expect(result.perCategory['ถนน']).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(result.macroF1).toBeCloseTo(1 / 3, 4);
  });

  it('scores category codes through the label map, in the rows’ own labels', () => {
    const labelMap = { ถนน: 'road', น้ำท่วม: 'flooding' };
    const result = evaluate(
      model,
      [
        { text: roadText, label: 'road' },
        { text: floodText, label: 'flooding' },
        { text: floodText, label: 'น้ำท่วม' },
      ],
      { labelMap },
    );
    expect(result.accuracy).toBe(1);
    expect(Object.keys(result.perCategory).sort()).toEqual(['flooding', 'road', 'น้ำท่วม']);
    expect(result.perCategory.road).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
  });

  it('gives zeros on no rows', () => {
    expect(evaluate(model, [])).toEqual({ n: 0, accuracy: 0, macroF1: 0, perCategory: {} });
  });
});
