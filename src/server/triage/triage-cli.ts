/**
 * `rongthuk triage train|eval`: trains a classifier from a `text,category` CSV and scores one.
 *
 *   triage train --input FILE.csv --out model.json [--baseline nb]
 *   triage eval --input FILE.csv [--model FILE] [--format json]
 *
 * `eval` defaults to the shipped model and accepts categories written as codes or as the
 * data's tags (each category's aliases), scoring in the CSV's own labels.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CATEGORY_SEED } from '../seed/categories.ts';
import { parseModel, serializeModel, trainClassifier, trainNaiveBayes, type TrainingRow } from './classifier.ts';
import { CsvSyntaxError, parseCsvRecords } from '../../shared/csv.ts';
import { evaluate } from './evaluate.ts';
import { DEFAULT_MODEL_PATH } from './model-store.ts';

export type TriageOutput = { out: (line: string) => void; err: (line: string) => void };

export { DEFAULT_MODEL_PATH };

export const TRIAGE_USAGE = `usage:
  rongthuk triage train --input FILE.csv --out model.json [--baseline nb]
  rongthuk triage eval --input FILE.csv [--model FILE] [--format json]
  rongthuk triage export-corrections [--out FILE] [--from DATE] [--to DATE] [--field category|agency] [--labels tag|code]
CSV: a header "text,category", then one complaint per row.`;

/** Alias (data tag) → category code, from the categories Rongthuk ships with. */
export function categoryLabelMap(): Record<string, string> {
  const map: Record<string, string> = {};
  for (const category of CATEGORY_SEED) for (const alias of category.aliases ?? []) map[alias] = category.code;
  return map;
}

/** Reads and validates a `text,category` CSV; problems are listed by line number. */
export function parseTrainingCsv(text: string): { rows: TrainingRow[]; errors: string[] } {
  let records;
  try {
    records = parseCsvRecords(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows: [], errors: [error.message] };
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: ['line 1: empty file, expected a header "text,category"'] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const textAt = names.indexOf('text');
  const categoryAt = names.indexOf('category');
  if (textAt < 0 || categoryAt < 0) return { rows: [], errors: [`line ${header.line}: header must have columns "text" and "category"`] };
  const rows: TrainingRow[] = [];
  const errors: string[] = [];
  for (const record of body) {
    if (record.fields.length !== names.length) {
      errors.push(`line ${record.line}: expected ${names.length} fields, found ${record.fields.length}`);
      continue;
    }
    const rowText = (record.fields[textAt] ?? '').trim();
    const label = (record.fields[categoryAt] ?? '').trim();
    if (!rowText) errors.push(`line ${record.line}: empty text`);
    else if (!label) errors.push(`line ${record.line}: empty category`);
    else rows.push({ text: rowText, label });
  }
  if (errors.length === 0 && rows.length === 0) errors.push('no data rows after the header');
  return { rows, errors };
}

async function readRows(path: string, output: TriageOutput): Promise<TrainingRow[] | undefined> {
  const { rows, errors } = parseTrainingCsv(await readFile(path, 'utf8'));
  if (errors.length === 0) return rows;
  const shown = errors.slice(0, 20);
  for (const e of shown) output.err(`${path}: ${e}`);
  if (errors.length > shown.length) output.err(`${path}: … and ${errors.length - shown.length} more bad rows`);
  return undefined;
}

function fixed(x: number): string {
  return x.toFixed(4);
}

/** Runs `triage <train|eval> …`; `args` start at the subcommand. Returns the exit code. */
export async function runTriageCommand(args: string[], output: TriageOutput): Promise<number> {
  const [subcommand, ...rest] = args;
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { input: { type: 'string' }, out: { type: 'string' }, baseline: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${TRIAGE_USAGE}`);
    return 2;
  }
  const input = values.input;
  if ((subcommand !== 'train' && subcommand !== 'eval') || !input) {
    output.err(subcommand === 'train' || subcommand === 'eval' ? `--input is required\n\n${TRIAGE_USAGE}` : `unknown triage command "${subcommand ?? ''}"\n\n${TRIAGE_USAGE}`);
    return 2;
  }

  if (subcommand === 'train') {
    const out = values.out;
    if (!out) {
      output.err(`--out is required\n\n${TRIAGE_USAGE}`);
      return 2;
    }
    if (values.baseline !== undefined && values.baseline !== 'nb') {
      output.err(`--baseline must be "nb" (naive Bayes)`);
      return 2;
    }
    const rows = await readRows(input, output);
    if (!rows) return 1;
    const started = performance.now();
    const model = values.baseline === 'nb' ? trainNaiveBayes(rows) : trainClassifier(rows);
    const seconds = (performance.now() - started) / 1000;
    await writeFile(out, serializeModel(model));
    output.out(`trained ${model.kind} ${model.version} on ${rows.length} rows: ${model.labels.length} labels, ${model.vocabulary.length} features, ${seconds.toFixed(1)} s → ${out}`);
    return 0;
  }

  if (values.format !== undefined && values.format !== 'json' && values.format !== 'text') {
    output.err('--format must be "json" or "text"');
    return 2;
  }
  const modelPath = values.model ?? DEFAULT_MODEL_PATH;
  let model;
  try {
    model = parseModel(await readFile(modelPath, 'utf8'));
  } catch (error) {
    output.err(`${modelPath}: ${(error as Error).message}`);
    return 1;
  }
  const rows = await readRows(input, output);
  if (!rows) return 1;
  const result = evaluate(model, rows, { labelMap: categoryLabelMap() });
  if (values.format === 'json') {
    output.out(JSON.stringify(result));
    return 0;
  }
  output.out(`model ${model.version}`);
  output.out(`n ${result.n}  accuracy ${fixed(result.accuracy)}  macro-F1 ${fixed(result.macroF1)}`);
  output.out(['category', 'precision', 'recall', 'f1', 'support'].join('\t'));
  for (const [label, s] of Object.entries(result.perCategory)) {
    output.out([label, fixed(s.precision), fixed(s.recall), fixed(s.f1), String(s.support)].join('\t'));
  }
  return 0;
}
