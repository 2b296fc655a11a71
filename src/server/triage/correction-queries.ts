/** SQL of triage corrections: where staff changed the model's category or agency, exported to retrain it. */
import { z } from 'zod';
import type { Queryable } from '../platform/database.ts';
import { queryRows } from '../platform/rows.ts';

const CorrectedFieldSchema = z.enum(['category', 'agency']);

export interface Correction {
  caseId: string;
  field: z.output<typeof CorrectedFieldSchema>;
  proposed: string | null;
  corrected: string;
  modelVersion: string | null;
  userId: string;
  at: Date;
}

export async function insertCorrection(tx: Queryable, correction: Correction): Promise<void> {
  await tx.query(
    `INSERT INTO triage_corrections (case_id, field, proposed, corrected, model_version, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [correction.caseId, correction.field, correction.proposed, correction.corrected, correction.modelVersion, correction.userId, correction.at],
  );
}

const CorrectionExportRowSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    title: z.string().nullable(),
    description: z.string(),
    field: CorrectedFieldSchema,
    proposed: z.string().nullable(),
    corrected: z.string(),
    modelVersion: z.string().nullable(),
    at: z.date(),
  })
  .describe('triage correction');
export type CorrectionExportRow = z.output<typeof CorrectionExportRowSchema>;

/** Corrections in time order, keyset-paged on (at, id), optionally from/before instants. */
export async function listCorrections(
  db: Queryable,
  options: { field?: Correction['field'] | undefined; from?: Date | undefined; to?: Date | undefined; after?: { at: Date; id: string } | undefined; limit: number },
): Promise<CorrectionExportRow[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (options.field) {
    params.push(options.field);
    conditions.push(`t.field = $${params.length}`);
  }
  if (options.from) {
    params.push(options.from);
    conditions.push(`t.at >= $${params.length}`);
  }
  if (options.to) {
    params.push(options.to);
    conditions.push(`t.at < $${params.length}`);
  }
  if (options.after) {
    params.push(options.after.at, options.after.id);
    conditions.push(`(t.at, t.id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(options.limit);
  return queryRows(
    db,
    CorrectionExportRowSchema,
    `SELECT t.id, t.case_id, c.title, c.description, t.field, t.proposed, t.corrected, t.model_version, t.at
     FROM triage_corrections t JOIN cases c ON c.id = t.case_id
     ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY t.at, t.id LIMIT $${params.length}`,
    params,
  );
}

export async function hasAgencyCorrection(db: Queryable, caseId: string): Promise<boolean> {
  const rows = await db.query("SELECT id FROM triage_corrections WHERE case_id = $1 AND field = 'agency' LIMIT 1", [caseId]);
  return rows.length > 0;
}
