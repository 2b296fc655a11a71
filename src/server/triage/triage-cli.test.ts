import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModel } from './classifier.ts';
import { parseCsvRecords } from '../../shared/csv.ts';
import { syntheticRows } from './synthetic-fixture.ts';
import { categoryLabelMap, runTriageCommand } from './triage-cli.ts';

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows: { text: string; label: string }[]): string {
  return ['text,category', ...rows.map((r) => `${csvField(r.text)},${csvField(r.label)}`)].join('\n') + '\n';
}

function capture(): { out: string[]; err: string[]; output: { out: (l: string) => void; err: (l: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rongthuk-triage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('triage train → eval', () => {
  const rows = syntheticRows();
  const train = rows.filter((_, i) => i % 4 !== 0);
  const test = rows.filter((_, i) => i % 4 === 0);

  it('trains a model file and scores a held-out CSV, as text and JSON', async () => {
    // a text with a comma, quotes and a newline must survive the CSV round trip
    await writeFile(join(dir, 'train.csv'), toCsv([...train, { text: 'ถนนเป็นหลุม, "ลึกมาก"\nอันตราย', label: 'ถนน' }]));
    await writeFile(join(dir, 'test.csv'), toCsv(test));
    const t = capture();
    expect(await runTriageCommand(['train', '--input', join(dir, 'train.csv'), '--out', join(dir, 'model.json')], t.output)).toBe(0);
    expect(t.out[0]).toMatch(/trained logreg .* on 61 rows: 4 labels/);
    const model = parseModel(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(model.labels).toHaveLength(4);

    const text = capture();
    expect(await runTriageCommand(['eval', '--input', join(dir, 'test.csv'), '--model', join(dir, 'model.json')], text.output)).toBe(0);
    expect(text.out.join('\n')).toMatch(/n 20 {2}accuracy 1\.0000 {2}macro-F1 1\.0000/);
    expect(text.out.join('\n')).toMatch(/ถนน\t1\.0000\t1\.0000/);

    const json = capture();
    expect(await runTriageCommand(['eval', '--input', join(dir, 'test.csv'), '--model', join(dir, 'model.json'), '--format', 'json'], json.output)).toBe(0);
    const result = JSON.parse(json.out[0]!) as { n: number; accuracy: number; macroF1: number; perCategory: Record<string, { precision: number; recall: number; support: number }> };
    expect(result).toMatchObject({ n: 20, accuracy: 1, macroF1: 1 });
    expect(result.perCategory['น้ำท่วม']).toMatchObject({ precision: 1, recall: 1, support: 5 });
  });

  it('scores a CSV in category codes against a model trained on tags', async () => {
    const map = categoryLabelMap();
    expect(map['ถนน']).toBe('road');
    const coded = test.filter((r) => map[r.label]).map((r) => ({ text: r.text, label: map[r.label]! }));
    await writeFile(join(dir, 'coded.csv'), toCsv([...coded, { text: 'สุนัขจรจัดกัดคน', label: 'no-such-category' }]));
    const c = capture();
    expect(await runTriageCommand(['eval', '--input', join(dir, 'coded.csv'), '--model', join(dir, 'model.json'), '--format', 'json'], c.output)).toBe(0);
    const result = JSON.parse(c.out[0]!) as { n: number; accuracy: number; perCategory: Record<string, unknown> };
    expect(result.n).toBe(coded.length + 1);
    expect(result.accuracy).toBeCloseTo(coded.length / (coded.length + 1), 3);
    expect(result.perCategory).toHaveProperty('road');
    expect(result.perCategory).toHaveProperty('no-such-category');
  });

  it('trains the naive-Bayes baseline with --baseline nb', async () => {
    await writeFile(join(dir, 'train2.csv'), toCsv(train));
    const t = capture();
    expect(await runTriageCommand(['train', '--input', join(dir, 'train2.csv'), '--out', join(dir, 'nb.json'), '--baseline', 'nb'], t.output)).toBe(0);
    expect(parseModel(await readFile(join(dir, 'nb.json'), 'utf8')).kind).toBe('naive-bayes');
  });
});

describe('triage CSV validation', () => {
  it('reports bad rows by line number and exits 1', async () => {
    const csv = ['text,category', 'ถนนเป็นหลุม,ถนน', '"ข้อความ\nสองบรรทัด",', 'ไม่มีหมวด', ',ถนน', 'a,b,c', 'ขยะล้น,ความสะอาด'].join('\n');
    await writeFile(join(dir, 'bad.csv'), csv);
    const c = capture();
    expect(await runTriageCommand(['train', '--input', join(dir, 'bad.csv'), '--out', join(dir, 'x.json')], c.output)).toBe(1);
    const errors = c.err.join('\n');
    expect(errors).toMatch(/line 3: empty category/);
    expect(errors).toMatch(/line 5: expected 2 fields, found 1/);
    expect(errors).toMatch(/line 6: empty text/);
    expect(errors).toMatch(/line 7: expected 2 fields, found 3/);
    expect(errors).not.toMatch(/line 2:|line 8:/);
  });

  it('reports a missing header and an unterminated quote', async () => {
    await writeFile(join(dir, 'nohead.csv'), 'foo,bar\nx,y\n');
    const a = capture();
    expect(await runTriageCommand(['eval', '--input', join(dir, 'nohead.csv'), '--model', join(dir, 'model.json')], a.output)).toBe(1);
    expect(a.err.join()).toMatch(/line 1: header must have columns/);
    await writeFile(join(dir, 'quote.csv'), 'text,category\nok,ถนน\n"never closed,ถนน\n');
    const b = capture();
    expect(await runTriageCommand(['train', '--input', join(dir, 'quote.csv'), '--out', join(dir, 'y.json')], b.output)).toBe(1);
    expect(b.err.join()).toMatch(/line 3: unterminated quoted field/);
  });

  it('rejects usage errors with exit 2', async () => {
    const c = capture();
    expect(await runTriageCommand(['train', '--input', 'x.csv'], c.output)).toBe(2);
    expect(await runTriageCommand(['frobnicate'], c.output)).toBe(2);
    expect(await runTriageCommand(['eval', '--input', 'x.csv', '--bogus'], c.output)).toBe(2);
  });
});

describe('parseCsvRecords', () => {
  it('tracks the starting line of multi-line records, CRLF and blank lines', () => {
    const records = parseCsvRecords('\uFEFFa,b\r\n"x\r\ny",z\r\n\r\nlast,"q""q"');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\r\ny', 'z'] },
      { line: 5, fields: ['last', 'q"q'] },
    ]);
  });
});
