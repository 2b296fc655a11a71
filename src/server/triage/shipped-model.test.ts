import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel, predict } from './classifier.ts';
import { DEFAULT_MODEL_PATH, categoryLabelMap } from './triage-cli.ts';

describe('the shipped model (model.json, trained on Traffy Fondue 2022)', () => {
  const model = parseModel(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));

  it('stays small and loads', () => {
    expect(statSync(DEFAULT_MODEL_PATH).size).toBeLessThan(8e6);
    expect(model.kind).toBe('logreg');
    expect(model.labels).toContain('ถนน');
  });

  it('classifies typical complaints and explains with their words', () => {
    const road = predict(model, 'ถนนเป็นหลุมเป็นบ่อ รถจักรยานยนต์ล้มหลายคันแล้ว');
    expect(road.label).toBe('ถนน');
    expect(road.topWords.some((w) => w.word.includes('ถนน') || w.word.includes('หลุม'))).toBe(true);
    expect(predict(model, 'ไฟฟ้าส่องสว่างดับทั้งซอย มืดมาก').label).toBe('แสงสว่าง');
    expect(road.version).toBe(model.version);
  });

  it('its tags are aliases of Rongthuk categories, so predictions surface as categories', () => {
    const map = categoryLabelMap();
    const mapped = model.labels.filter((l) => map[l]);
    expect(mapped.length).toBeGreaterThan(0);
  });
});
