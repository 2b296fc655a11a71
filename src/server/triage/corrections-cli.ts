/**
 * `rongthuk triage export-corrections`: people's corrections of triage as training data, a CSV
 * `text,category` (or `text,agency`) that `rongthuk triage train` reads. The text is the case's
 * title and description with personal data redacted, as the classifier saw it.
 *
 *   triage export-corrections [--out FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
 *                             [--field category|agency] [--labels tag|code]
 *
 * --labels tag (default) writes a category as the data tag the shipped model uses (its first
 * alias), or its code when it has none; --labels code always writes the code.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { csvCell } from '../../shared/csv.ts';
import { redactPersonalData } from '../../shared/redaction.ts';
import { openAppContext } from '../platform/bootstrap.ts';
import type { Config } from '../platform/config.ts';
import { listCategories } from '../reference/queries.ts';
import { listCorrections } from './correction-queries.ts';

export const EXPORT_CORRECTIONS_USAGE = `usage:
  rongthuk triage export-corrections [--out FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--field category|agency] [--labels tag|code]
Writes a CSV (text,category or text,agency) to FILE, or to standard output.`;

type Output = { out: (line: string) => void; err: (line: string) => void };

const PAGE = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a Bangkok day, or undefined for anything but a real YYYY-MM-DD date. */
function bangkokDay(day: string): Date | undefined {
  if (!DATE.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00+07:00`);
  // Round trip: 2026-02-31 is no day (some engines roll it over to March).
  return !Number.isNaN(date.getTime()) && new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) === day ? date : undefined;
}

/** `args` start after `export-corrections`. Returns the exit code. */
export async function runExportCorrections(args: string[], config: Config, output: Output): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: { out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, field: { type: 'string' }, labels: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${EXPORT_CORRECTIONS_USAGE}`);
    return 2;
  }
  const field = values.field ?? 'category';
  const labels = values.labels ?? 'tag';
  const problems: string[] = [];
  if (field !== 'category' && field !== 'agency') problems.push('--field must be category or agency');
  if (labels !== 'tag' && labels !== 'code') problems.push('--labels must be tag or code');
  const from = values.from === undefined ? undefined : bangkokDay(values.from);
  const toStart = values.to === undefined ? undefined : bangkokDay(values.to);
  if (values.from !== undefined && !from) problems.push('--from must be a date YYYY-MM-DD');
  if (values.to !== undefined && !toStart) problems.push('--to must be a date YYYY-MM-DD');
  const to = toStart && new Date(toStart.getTime() + 86_400_000);
  if (from && to && to <= from) problems.push('--to must not be before --from');
  if (problems.length) {
    output.err(`${problems.join('\n')}\n\n${EXPORT_CORRECTIONS_USAGE}`);
    return 2;
  }

  const ctx = await openAppContext(config, { migrate: false, role: 'triage', log: output.err });
  try {
    const tagOf = new Map((await listCategories(ctx.db)).map((category) => [category.code, category.aliases[0] ?? category.code]));
    const label = (value: string): string => (field === 'category' && labels === 'tag' ? (tagOf.get(value) ?? value) : value);
    const lines = [`text,${field},proposed,model_version,corrected_at`];
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const page = await listCorrections(ctx.db, { field: field as 'category' | 'agency', from, to, after, limit: PAGE });
      for (const row of page) {
        const text = redactPersonalData([row.title, row.description].filter(Boolean).join('\n'));
        const cells = [text, label(row.corrected), row.proposed === null ? '' : label(row.proposed), row.modelVersion ?? '', row.at.toISOString()];
        lines.push(cells.map((cell) => csvCell(cell, false)).join(','));
      }
      const last = page.at(-1);
      if (page.length < PAGE || !last) break;
      after = { at: last.at, id: last.id };
    }
    const csv = `${lines.join('\n')}\n`;
    if (values.out) {
      await writeFile(values.out, csv);
      output.err(`${lines.length - 1} corrections → ${values.out}`);
    } else {
      output.out(csv.trimEnd());
    }
    return 0;
  } finally {
    await ctx.db.close();
  }
}
