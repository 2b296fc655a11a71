/** SQL of triage: routing rules, each case's triage, corrections, duplicate links and clusters. */
import type { CaseStatus } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';
import type { ScreeningReason, Suggestion } from './routing-policy.ts';

export const RULE_TARGETS = ['agency', 'province_office', 'district_office'] as const;
export type RuleTarget = (typeof RULE_TARGETS)[number];

export interface RoutingRule {
  id: string;
  categoryCode: string;
  areaCode: string | null;
  agencyCode: string;
  agencyNameTh: string;
  target: RuleTarget;
  automatic: boolean;
  note: string | null;
  updatedAt: Date;
}

type Row = Record<string, unknown>;

const RULE_COLUMNS = `r.id, r.category_code, r.area_code, a.code AS agency_code, a.name_th AS agency_name_th, r.target, r.automatic,
  r.note, r.updated_at`;

function toRule(row: Row): RoutingRule {
  return {
    id: row.id as string,
    categoryCode: row.category_code as string,
    areaCode: row.area_code as string | null,
    agencyCode: row.agency_code as string,
    agencyNameTh: row.agency_name_th as string,
    target: row.target as RuleTarget,
    automatic: row.automatic as boolean,
    note: row.note as string | null,
    updatedAt: row.updated_at as Date,
  };
}

export interface RuleFilter {
  categoryCode?: string | undefined;
  areaCode?: string | undefined;
  agencyCode?: string | undefined;
  /** Keyset: rules after this (category, area, id). */
  after?: { categoryCode: string; areaCode: string; id: string } | undefined;
  limit: number;
}

export async function listRoutingRules(db: Queryable, filter: RuleFilter): Promise<RoutingRule[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown): void => {
    params.push(value);
    conditions.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.categoryCode) add('r.category_code = ?', filter.categoryCode);
  if (filter.areaCode) add('r.area_code = ?', filter.areaCode);
  if (filter.agencyCode) add('a.code = ?', filter.agencyCode);
  if (filter.after) {
    params.push(filter.after.categoryCode, filter.after.areaCode, filter.after.id);
    const n = params.length;
    conditions.push(`(r.category_code, COALESCE(r.area_code, ''), r.id) > ($${n - 2}, $${n - 1}, $${n}::uuid)`);
  }
  params.push(filter.limit);
  const rows = await db.query<Row>(
    `SELECT ${RULE_COLUMNS} FROM routing_rules r JOIN agencies a ON a.id = r.agency_id
     ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY r.category_code, COALESCE(r.area_code, ''), r.id LIMIT $${params.length}`,
    params,
  );
  return rows.map(toRule);
}

export async function findRoutingRule(db: Queryable, id: string): Promise<(RoutingRule & { agencyPath: string }) | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${RULE_COLUMNS}, a.path AS agency_path FROM routing_rules r JOIN agencies a ON a.id = r.agency_id WHERE r.id = $1`,
    [id],
  );
  return row && { ...toRule(row), agencyPath: row.agency_path as string };
}

export interface RuleValues {
  categoryCode: string;
  areaCode: string | null;
  agencyId: string;
  target: RuleTarget;
  automatic: boolean;
  note: string | null;
}

/** Inserts a rule; undefined when the same (category, area, agency, target) exists already. */
export async function insertRoutingRule(tx: Queryable, values: RuleValues, userId: string, now: Date): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO routing_rules (category_code, area_code, agency_id, target, automatic, note, created_by_user_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT DO NOTHING RETURNING id`,
    [values.categoryCode, values.areaCode, values.agencyId, values.target, values.automatic, values.note, userId, now],
  );
  return row?.id;
}

/** Updates a rule; false when the change would make it the same as another rule. */
export async function updateRoutingRule(tx: Queryable, id: string, values: RuleValues, now: Date): Promise<boolean> {
  const [clash] = await tx.query<{ id: string }>(
    `SELECT id FROM routing_rules WHERE id <> $1 AND category_code = $2 AND COALESCE(area_code, '') = COALESCE($3, '') AND agency_id = $4 AND target = $5`,
    [id, values.categoryCode, values.areaCode, values.agencyId, values.target],
  );
  if (clash) return false;
  await tx.query(
    `UPDATE routing_rules SET category_code = $2, area_code = $3, agency_id = $4, target = $5, automatic = $6, note = $7, updated_at = $8
     WHERE id = $1`,
    [id, values.categoryCode, values.areaCode, values.agencyId, values.target, values.automatic, values.note, now],
  );
  return true;
}

export async function deleteRoutingRule(tx: Queryable, id: string): Promise<void> {
  await tx.query('DELETE FROM routing_rules WHERE id = $1', [id]);
}

/** A rule for a case's category and area, with the agency it sends the case to. */
export interface MatchedRule {
  id: string;
  target: RuleTarget;
  automatic: boolean;
  /** 2: the rule names the case's district, 1: its province, 0: anywhere. */
  specificity: number;
  areaNameTh: string | null;
  categoryNameTh: string;
  ruleAgency: { id: string; code: string; nameTh: string; path: string };
}

export async function findRulesFor(
  db: Queryable,
  where: { categoryCode: string; provinceCode: string | null; districtCode: string | null },
): Promise<MatchedRule[]> {
  const rows = await db.query<Row>(
    `SELECT r.id, r.target, r.automatic, a.id AS agency_id, a.code AS agency_code, a.name_th AS agency_name_th, a.path AS agency_path,
            CASE WHEN r.area_code IS NULL THEN 0 WHEN r.area_code = $3 THEN 2 ELSE 1 END AS specificity,
            ar.name_th AS area_name_th, cat.name_th AS category_name_th
     FROM routing_rules r
     JOIN agencies a ON a.id = r.agency_id AND a.active
     JOIN categories cat ON cat.code = r.category_code
     LEFT JOIN admin_areas ar ON ar.code = r.area_code
     WHERE r.category_code = $1 AND (r.area_code IS NULL OR r.area_code = $2 OR r.area_code = $3)
     ORDER BY specificity DESC, r.id`,
    [where.categoryCode, where.provinceCode, where.districtCode],
  );
  return rows.map((row) => ({
    id: row.id as string,
    target: row.target as RuleTarget,
    automatic: row.automatic as boolean,
    specificity: row.specificity as number,
    areaNameTh: row.area_name_th as string | null,
    categoryNameTh: row.category_name_th as string,
    ruleAgency: { id: row.agency_id as string, code: row.agency_code as string, nameTh: row.agency_name_th as string, path: row.agency_path as string },
  }));
}

/**
 * The active agency below `under` (path prefix) that serves `areaCode`, the nearest to it in
 * the tree first (a provincial office before its district offices).
 */
export async function findAreaOffice(
  db: Queryable,
  under: { id: string; path: string },
  areaCode: string,
): Promise<{ id: string; code: string; nameTh: string } | undefined> {
  const [row] = await db.query<{ id: string; code: string; name_th: string }>(
    `SELECT id, code, name_th FROM agencies
     WHERE path LIKE $1 AND id <> $2 AND active AND $3 = ANY(area_codes)
     ORDER BY depth, code LIMIT 1`,
    [`${under.path}%`, under.id, areaCode],
  );
  return row && { id: row.id, code: row.code, nameTh: row.name_th };
}

/** Rongthuk categories by the model labels (aliases) they stand for. */
export async function categoriesByAlias(db: Queryable): Promise<Map<string, { code: string; sensitive: boolean }>> {
  const rows = await db.query<{ code: string; sensitive: boolean; aliases: string[] }>(
    'SELECT code, sensitive, aliases FROM categories WHERE active',
  );
  const map = new Map<string, { code: string; sensitive: boolean }>();
  for (const row of rows) for (const alias of row.aliases) map.set(alias, { code: row.code, sensitive: row.sensitive });
  return map;
}

/** A past case sharing an LSH band with the new one. */
export interface CandidateCase {
  id: string;
  status: CaseStatus;
  receivedAt: Date;
  districtCode: string | null;
  signature: number[];
  holderAgencyId: string;
  holderCode: string;
  holderNameTh: string;
  receivingAgencyId: string;
}

/** How many band-sharing past cases are compared at most (the newest). */
export const CANDIDATE_LIMIT = 200;

export async function findBandCandidates(db: Queryable, caseId: string, bands: number[], since: Date): Promise<CandidateCase[]> {
  if (bands.length === 0) return [];
  // The band index first, always: left to itself the planner may walk the received_at index
  // newest first and test every case's bands, seconds at a million cases (bench/duplicate-lookup).
  const rows = await db.query<Row>(
    `WITH sharing AS MATERIALIZED (
       SELECT id, status, received_at, district_code, text_signature, holder_agency_id, receiving_agency_id
       FROM cases WHERE text_bands && $1::integer[] AND id <> $2 AND received_at >= $3 AND text_signature IS NOT NULL)
     SELECT c.id, c.status, c.received_at, c.district_code, c.text_signature, c.holder_agency_id, c.receiving_agency_id,
            h.code AS holder_code, h.name_th AS holder_name_th
     FROM sharing c JOIN agencies h ON h.id = c.holder_agency_id
     ORDER BY c.received_at DESC LIMIT ${CANDIDATE_LIMIT}`,
    [bands, caseId, since],
  );
  return rows.map(toCandidate);
}

function toCandidate(row: Row): CandidateCase {
  return {
    id: row.id as string,
    status: row.status as CaseStatus,
    receivedAt: row.received_at as Date,
    districtCode: row.district_code as string | null,
    signature: (row.text_signature as number[] | null) ?? [],
    holderAgencyId: row.holder_agency_id as string,
    holderCode: row.holder_code as string,
    holderNameTh: row.holder_name_th as string,
    receivingAgencyId: row.receiving_agency_id as string,
  };
}

/** Other cases of the same complainant (any of phone, national ID or e-mail hash equal) since `since`. */
export async function findSameComplainantCases(db: Queryable, caseId: string, complainantId: string, since: Date): Promise<CandidateCase[]> {
  const rows = await db.query<Row>(
    `WITH me AS (SELECT phone_hash, national_id_hash, email_hash FROM complainants WHERE id = $2)
     SELECT c.id, c.status, c.received_at, c.district_code, c.text_signature, c.holder_agency_id, c.receiving_agency_id,
            h.code AS holder_code, h.name_th AS holder_name_th
     FROM me, complainants p
     JOIN cases c ON c.complainant_id = p.id
     JOIN agencies h ON h.id = c.holder_agency_id
     WHERE p.id <> $2 AND c.id <> $1 AND c.received_at >= $3
       AND (p.phone_hash = me.phone_hash OR p.national_id_hash = me.national_id_hash OR p.email_hash = me.email_hash)
     ORDER BY c.received_at DESC LIMIT 50`,
    [caseId, complainantId, since],
  );
  return rows.map(toCandidate);
}

export interface DuplicateLink {
  otherCaseId: string;
  reason: 'same_complainant' | 'similar_text';
  similarity: number;
}

export async function insertDuplicateLinks(tx: Queryable, caseId: string, links: readonly DuplicateLink[], now: Date): Promise<void> {
  for (const link of links) {
    await tx.query(
      `INSERT INTO case_duplicate_links (case_id, other_case_id, reason, similarity, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [caseId, link.otherCaseId, link.reason, link.similarity, now],
    );
  }
}

export interface TriageRecord {
  caseId: string;
  modelVersion: string | null;
  predictedLabel: string | null;
  predictedCategoryCode: string | null;
  confidence: number | null;
  topWords: { word: string; weight: number }[];
  sensitiveTerms: { categoryCode: string; term: string }[];
  suggestions: Suggestion[];
  proposedAgencyCode: string | null;
  decision: 'auto_assigned' | 'screening';
  reasons: ScreeningReason[];
  ruleId: string | null;
  decidedAt: Date;
}

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

function toTriage(row: Row): TriageRecord {
  return {
    caseId: row.case_id as string,
    modelVersion: row.model_version as string | null,
    predictedLabel: row.predicted_label as string | null,
    predictedCategoryCode: row.predicted_category_code as string | null,
    confidence: row.confidence as number | null,
    topWords: row.top_words as TriageRecord['topWords'],
    sensitiveTerms: row.sensitive_terms as TriageRecord['sensitiveTerms'],
    suggestions: row.suggestions as Suggestion[],
    proposedAgencyCode: row.proposed_agency_code as string | null,
    decision: row.decision as TriageRecord['decision'],
    reasons: row.reasons as ScreeningReason[],
    ruleId: row.rule_id as string | null,
    decidedAt: row.decided_at as Date,
  };
}

export async function findTriage(db: Queryable, caseId: string): Promise<TriageRecord | undefined> {
  const [row] = await db.query<Row>('SELECT * FROM case_triage WHERE case_id = $1', [caseId]);
  return row && toTriage(row);
}

export async function findTriages(db: Queryable, caseIds: string[]): Promise<Map<string, TriageRecord>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.query<Row>('SELECT * FROM case_triage WHERE case_id = ANY($1::uuid[])', [caseIds]);
  return new Map(rows.map((row) => [row.case_id as string, toTriage(row)]));
}

export interface LinkedDuplicate {
  caseId: string;
  otherCaseId: string;
  otherTrackingCode: string;
  otherStatus: CaseStatus;
  otherHolderPath: string;
  otherHolderAgencyId: string;
  otherReceivingAgencyId: string;
  otherConfidential: boolean;
  reason: DuplicateLink['reason'];
  similarity: number;
}

/** Possible duplicates of each case, linked either way, that are not merged or rejected already. */
export async function findDuplicateLinks(db: Queryable, caseIds: string[]): Promise<LinkedDuplicate[]> {
  if (caseIds.length === 0) return [];
  const rows = await db.query<Row>(
    `SELECT l.me AS case_id, o.id AS other_id, o.tracking_code, o.status, h.path, o.holder_agency_id, o.receiving_agency_id,
            o.confidential, l.reason, l.similarity
     FROM (SELECT case_id AS me, other_case_id AS other, reason, similarity FROM case_duplicate_links WHERE case_id = ANY($1::uuid[])
           UNION ALL
           SELECT other_case_id, case_id, reason, similarity FROM case_duplicate_links WHERE other_case_id = ANY($1::uuid[])) l
     JOIN cases o ON o.id = l.other
     JOIN agencies h ON h.id = o.holder_agency_id
     WHERE o.status NOT IN ('merged', 'rejected')
     ORDER BY l.similarity DESC`,
    [caseIds],
  );
  return rows.map((row) => ({
    caseId: row.case_id as string,
    otherCaseId: row.other_id as string,
    otherTrackingCode: row.tracking_code as string,
    otherStatus: row.status as CaseStatus,
    otherHolderPath: row.path as string,
    otherHolderAgencyId: row.holder_agency_id as string,
    otherReceivingAgencyId: row.receiving_agency_id as string,
    otherConfidential: row.confidential as boolean,
    reason: row.reason as DuplicateLink['reason'],
    similarity: row.similarity as number,
  }));
}

export interface Correction {
  caseId: string;
  field: 'category' | 'agency';
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

export interface CorrectionExportRow {
  id: string;
  caseId: string;
  title: string | null;
  description: string;
  field: 'category' | 'agency';
  proposed: string | null;
  corrected: string;
  modelVersion: string | null;
  at: Date;
}

/** Corrections in time order, keyset-paged on (at, id), optionally from/before instants. */
export async function listCorrections(
  db: Queryable,
  options: { field?: 'category' | 'agency' | undefined; from?: Date | undefined; to?: Date | undefined; after?: { at: Date; id: string } | undefined; limit: number },
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
  const rows = await db.query<Row>(
    `SELECT t.id, t.case_id, c.title, c.description, t.field, t.proposed, t.corrected, t.model_version, t.at
     FROM triage_corrections t JOIN cases c ON c.id = t.case_id
     ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY t.at, t.id LIMIT $${params.length}`,
    params,
  );
  return rows.map((row) => ({
    id: row.id as string,
    caseId: row.case_id as string,
    title: row.title as string | null,
    description: row.description as string,
    field: row.field as 'category' | 'agency',
    proposed: row.proposed as string | null,
    corrected: row.corrected as string,
    modelVersion: row.model_version as string | null,
    at: row.at as Date,
  }));
}

export interface ClusterSource {
  id: string;
  trackingCode: string;
  provinceCode: string | null;
  districtCode: string | null;
  categoryCode: string | null;
  receivedAt: Date;
  signature: number[];
  /** The redacted text's search terms: what the cluster is about. */
  searchTerms: string[];
}

/** Cases with a signature received in [from, to) within the user's subtree, optionally in one province. */
export async function listClusterSources(
  db: Queryable,
  where: { agencyPathPattern: string; from: Date; to: Date; provinceCode?: string | undefined },
): Promise<ClusterSource[]> {
  const params: unknown[] = [where.agencyPathPattern, where.from, where.to];
  let province = '';
  if (where.provinceCode) {
    params.push(where.provinceCode);
    province = 'AND c.province_code = $4';
  }
  const rows = await db.query<Row>(
    `SELECT c.id, c.tracking_code, c.province_code, c.district_code, c.category_code, c.received_at, c.text_signature, c.search_terms
     FROM cases c JOIN agencies h ON h.id = c.holder_agency_id
     WHERE h.path LIKE $1 AND c.received_at >= $2 AND c.received_at < $3 AND c.text_signature IS NOT NULL
       AND c.status <> 'rejected' ${province}`,
    params,
  );
  return rows.map((row) => ({
    id: row.id as string,
    trackingCode: row.tracking_code as string,
    provinceCode: row.province_code as string | null,
    districtCode: row.district_code as string | null,
    categoryCode: row.category_code as string | null,
    receivedAt: row.received_at as Date,
    signature: row.text_signature as number[],
    searchTerms: row.search_terms as string[],
  }));
}

export async function hasAgencyCorrection(db: Queryable, caseId: string): Promise<boolean> {
  const [row] = await db.query<{ id: string }>("SELECT id FROM triage_corrections WHERE case_id = $1 AND field = 'agency' LIMIT 1", [caseId]);
  return row !== undefined;
}
