import { describe, it, expect } from 'vitest';
import { evaluateDetector } from './pii-evaluation.ts';
import type { LabelledSentence } from './pii-evaluation.ts';
import fixture from './fixtures/pii-sentences.json' with { type: 'json' };

const sentences = fixture as LabelledSentence[];

describe('evaluateDetector', () => {
  it('counts exact matches by kind and value, extra finds and misses', () => {
    const result = evaluateDetector([
      { text: 'นายสมชาย ใจดี โทร 081-234-5678', spans: [{ kind: 'person_name', value: 'สมชาย ใจดี' }] },
      { text: 'ไม่มีข้อมูลส่วนบุคคล', spans: [{ kind: 'email', value: 'a@b.co' }] },
    ]);
    expect(result.sentences).toBe(2);
    expect(result.perKind.person_name).toEqual({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1 });
    expect(result.perKind.phone).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: 1 });
    expect(result.perKind.email).toMatchObject({ tp: 0, fp: 0, fn: 1, recall: 0 });
    expect(result.overall).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
  });

  it('has a fixture of at least 200 sentences whose labels are substrings of the text', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(200);
    for (const s of sentences) for (const span of s.spans) expect(s.text).toContain(span.value);
  });

  it('reaches precision >= 0.95 and recall >= 0.9 on the labelled fixture', () => {
    const result = evaluateDetector(sentences);
    const pct = (x: number): string => (x * 100).toFixed(1);
    const lines = Object.entries(result.perKind).map(
      ([kind, s]) => `${kind.padEnd(13)} tp=${s.tp} fp=${s.fp} fn=${s.fn} precision=${pct(s.precision)}% recall=${pct(s.recall)}%`,
    );
    lines.push(
      `${'overall'.padEnd(13)} tp=${result.overall.tp} fp=${result.overall.fp} fn=${result.overall.fn} precision=${pct(result.overall.precision)}% recall=${pct(result.overall.recall)}%`,
    );
    console.log(`PII detector on ${result.sentences} sentences\n${lines.join('\n')}`);
    expect(result.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.overall.recall).toBeGreaterThanOrEqual(0.9);
  });
});
