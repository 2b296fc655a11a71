/** SQL of routing rules: which agency a category (in an area) goes to, and the offices serving an area. */
import { z } from 'zod';
import { RULE_TARGETS, RuleSchema, type RuleTarget } from '../../shared/api/triage.ts';
import type { Queryable } from '../platform/database.ts';
import { IdRow, queryRow, queryRows } from '../platform/rows.ts';

/** A rule row is the API's rule (src/shared/api/triage.ts), but for when it changed: a Date here, an ISO string there. */
const RoutingRuleSchema = RuleSchema.extend({ updatedAt: z.date() }).describe('routing rule');
export type RoutingRule = z.output<typeof RoutingRuleSchema>;

const RoutingRuleWithPathSchema = RoutingRuleSchema.extend({ agencyPath: z.string() }).describe('routing rule');

const RULE_COLUMNS = `r.id, r.category_code, r.area_code, a.code AS agency_code, a.name_th AS agency_name_th, r.target, r.automatic,
  r.note, r.updated_at`;

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
  return queryRows(
    db,
    RoutingRuleSchema,
    `SELECT ${RULE_COLUMNS} FROM routing_rules r JOIN agencies a ON a.id = r.agency_id
     ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY r.category_code, COALESCE(r.area_code, ''), r.id LIMIT $${params.length}`,
    params,
  );
}

export async function findRoutingRule(db: Queryable, id: string): Promise<(RoutingRule & { agencyPath: string }) | undefined> {
  return queryRow(
    db,
    RoutingRuleWithPathSchema,
    `SELECT ${RULE_COLUMNS}, a.path AS agency_path FROM routing_rules r JOIN agencies a ON a.id = r.agency_id WHERE r.id = $1`,
    [id],
  );
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
  const row = await queryRow(
    tx,
    IdRow,
    `INSERT INTO routing_rules (category_code, area_code, agency_id, target, automatic, note, created_by_user_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT DO NOTHING RETURNING id`,
    [values.categoryCode, values.areaCode, values.agencyId, values.target, values.automatic, values.note, userId, now],
  );
  return row?.id;
}

/** Updates a rule; false when the change would make it the same as another rule. */
export async function updateRoutingRule(tx: Queryable, id: string, values: RuleValues, now: Date): Promise<boolean> {
  const clashes = await tx.query(
    `SELECT id FROM routing_rules WHERE id <> $1 AND category_code = $2 AND COALESCE(area_code, '') = COALESCE($3, '') AND agency_id = $4 AND target = $5`,
    [id, values.categoryCode, values.areaCode, values.agencyId, values.target],
  );
  if (clashes.length > 0) return false;
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

const MatchedRuleRow = z
  .object({
    id: z.string(),
    target: z.enum(RULE_TARGETS),
    automatic: z.boolean(),
    agencyId: z.string(),
    agencyCode: z.string(),
    agencyNameTh: z.string(),
    agencyPath: z.string(),
    specificity: z.number(),
    areaNameTh: z.string().nullable(),
    categoryNameTh: z.string(),
  })
  .describe('matched routing rule');

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
  const rows = await queryRows(
    db,
    MatchedRuleRow,
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
  return rows.map(({ agencyId, agencyCode, agencyNameTh, agencyPath, ...rule }) => ({
    ...rule,
    ruleAgency: { id: agencyId, code: agencyCode, nameTh: agencyNameTh, path: agencyPath },
  }));
}

const AreaOfficeRow = z.object({ id: z.string(), code: z.string(), nameTh: z.string() }).describe('area office');

/**
 * The active agency below `under` (path prefix) that serves `areaCode`, the nearest to it in
 * the tree first (a provincial office before its district offices).
 */
export async function findAreaOffice(
  db: Queryable,
  under: { id: string; path: string },
  areaCode: string,
): Promise<{ id: string; code: string; nameTh: string } | undefined> {
  return queryRow(
    db,
    AreaOfficeRow,
    `SELECT id, code, name_th FROM agencies
     WHERE path LIKE $1 AND id <> $2 AND active AND $3 = ANY(area_codes)
     ORDER BY depth, code LIMIT 1`,
    [`${under.path}%`, under.id, areaCode],
  );
}
