/** SQL of each case's triage: what the model proposed, the suggestions, and the decision taken. */
import { z } from 'zod';
import { SCREENING_REASONS } from '../../shared/staff-work.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows, storedJson } from '../platform/rows.ts';
import type { Suggestion } from './routing-policy.ts';

const SuggestionSchema = z.object({
  agencyCode: z.string(),
  agencyNameTh: z.string(),
  score: z.number(),
  source: z.enum(['rule', 'similar_cases']),
  reasonTh: z.string(),
}) satisfies z.ZodType<Suggestion>;

const TriageRecordSchema = z
  .object({
    caseId: z.string(),
    modelVersion: z.string().nullable(),
    predictedLabel: z.string().nullable(),
    predictedCategoryCode: z.string().nullable(),
    confidence: z.number().nullable(),
    topWords: storedJson(z.array(z.object({ word: z.string(), weight: z.number() }))),
    sensitiveTerms: storedJson(z.array(z.object({ categoryCode: z.string(), term: z.string() }))),
    suggestions: storedJson(z.array(SuggestionSchema)),
    proposedAgencyCode: z.string().nullable(),
    decision: z.enum(['auto_assigned', 'screening']),
    reasons: storedJson(z.array(z.enum(SCREENING_REASONS))),
    ruleId: z.string().nullable(),
    decidedAt: z.date(),
  })
  .describe('case triage');
export type TriageRecord = z.output<typeof TriageRecordSchema>;

export async function insertTriage(tx: Queryable, triage: TriageRecord): Promise<void> {
  await tx.query(
    `INSERT INTO case_triage (case_id, model_version, predicted_label, predicted_category_code, confidence, top_words, sensitive_terms,
       suggestions, decision, reasons, rule_id, decided_at, proposed_agency_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      triage.caseId,
      triage.modelVersion,
      triage.predictedLabel,
      triage.predictedCategoryCode,
      triage.confidence,
      JSON.stringify(triage.topWords),
      JSON.stringify(triage.sensitiveTerms),
      JSON.stringify(triage.suggestions),
      triage.decision,
      JSON.stringify(triage.reasons),
      triage.ruleId,
      triage.decidedAt,
      triage.proposedAgencyCode,
    ],
  );
}

export async function findTriage(db: Queryable, caseId: string): Promise<TriageRecord | undefined> {
  return queryRow(db, TriageRecordSchema, 'SELECT * FROM case_triage WHERE case_id = $1', [caseId]);
}

export async function findTriages(db: Queryable, caseIds: string[]): Promise<Map<string, TriageRecord>> {
  if (caseIds.length === 0) return new Map();
  const rows = await queryRows(db, TriageRecordSchema, 'SELECT * FROM case_triage WHERE case_id = ANY($1::uuid[])', [caseIds]);
  return new Map(rows.map((row) => [row.caseId, row]));
}

const CategoryAliasesRow = z.object({ code: z.string(), sensitive: z.boolean(), aliases: z.array(z.string()) }).describe('category aliases');

/** Rongthuk categories by the model labels (aliases) they stand for. */
export async function categoriesByAlias(db: Queryable): Promise<Map<string, { code: string; sensitive: boolean }>> {
  const rows = await queryRows(db, CategoryAliasesRow, 'SELECT code, sensitive, aliases FROM categories WHERE active');
  const map = new Map<string, { code: string; sensitive: boolean }>();
  for (const row of rows) for (const alias of row.aliases) map.set(alias, { code: row.code, sensitive: row.sensitive });
  return map;
}
