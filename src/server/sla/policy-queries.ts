/** SQL of SLA policies: which targets and reminders a case's category and agency get. */
import type { z } from 'zod';
import { PolicySchema } from '../../shared/api/sla.ts';
import type { Queryable } from '../platform/database.ts';
import { IdRow, queryRow, queryRows } from '../platform/rows.ts';

/** A policy row is the API's policy (src/shared/api/sla.ts), column for field. */
const SlaPolicySchema = PolicySchema.describe('SLA policy');
export type SlaPolicy = z.output<typeof SlaPolicySchema>;

const POLICY_COLUMNS = `p.id, p.category_code, a.code AS agency_code, p.target_business_days, p.due_soon_business_days,
  p.progress_interval_business_days, p.statutory_business_days, p.legal_basis, p.extension_limit_business_days,
  p.cceo_escalation_business_days`;

/**
 * The policy for a case: of those matching its category (or any) and its agency or an agency
 * above it (or any), one naming both first, then one naming the agency, then one naming the
 * category, then the default; among several, the nearest agency.
 */
export async function resolveSlaPolicy(db: Queryable, categoryCode: string | null, agencyPath: string): Promise<SlaPolicy> {
  const policy = await queryRow(
    db,
    SlaPolicySchema,
    `SELECT ${POLICY_COLUMNS}
     FROM sla_policies p LEFT JOIN agencies a ON a.id = p.agency_id
     WHERE (p.category_code IS NULL OR p.category_code = $1)
       AND (p.agency_id IS NULL OR $2 LIKE '%/' || p.agency_id::text || '/%')
     ORDER BY (p.agency_id IS NOT NULL) DESC, (p.category_code IS NOT NULL) DESC, COALESCE(a.depth, -1) DESC
     LIMIT 1`,
    [categoryCode, agencyPath],
  );
  if (!policy) throw new Error('no SLA policy: the default policy row is missing');
  return policy;
}

/** The policy a case runs under: the one it was given, else (removed since) what applies now. */
export async function policyOfCase(
  db: Queryable,
  record: { slaPolicyId: string | null; categoryCode: string | null; holderAgencyPath: string },
): Promise<SlaPolicy> {
  const given = record.slaPolicyId ? await findSlaPolicy(db, record.slaPolicyId) : undefined;
  return given ?? resolveSlaPolicy(db, record.categoryCode, record.holderAgencyPath);
}

export async function findSlaPolicy(db: Queryable, id: string): Promise<SlaPolicy | undefined> {
  return queryRow(db, SlaPolicySchema, `SELECT ${POLICY_COLUMNS} FROM sla_policies p LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = $1`, [id]);
}

export async function listSlaPolicies(db: Queryable): Promise<SlaPolicy[]> {
  return queryRows(
    db,
    SlaPolicySchema,
    `SELECT ${POLICY_COLUMNS} FROM sla_policies p LEFT JOIN agencies a ON a.id = p.agency_id
     ORDER BY a.code NULLS FIRST, p.category_code NULLS FIRST`,
  );
}

/** What a policy sets, apart from the scope it applies to. */
export type SlaPolicyValues = Omit<SlaPolicy, 'id' | 'categoryCode' | 'agencyCode'>;

/** Creates or replaces the policy of one (category, agency) scope; returns its id. */
export async function upsertSlaPolicy(db: Queryable, scope: { categoryCode: string | null; agencyId: string | null }, values: SlaPolicyValues, now: Date): Promise<string> {
  const existing = await queryRows(
    db,
    IdRow,
    `SELECT id FROM sla_policies WHERE category_code IS NOT DISTINCT FROM $1 AND agency_id IS NOT DISTINCT FROM $2::uuid`,
    [scope.categoryCode, scope.agencyId],
  );
  const params = [
    values.targetBusinessDays,
    values.dueSoonBusinessDays,
    values.progressIntervalBusinessDays,
    values.statutoryBusinessDays,
    values.legalBasis,
    values.extensionLimitBusinessDays,
    values.cceoEscalationBusinessDays,
    now,
  ];
  if (existing[0]) {
    await db.query(
      `UPDATE sla_policies SET target_business_days = $2, due_soon_business_days = $3, progress_interval_business_days = $4,
         statutory_business_days = $5, legal_basis = $6, extension_limit_business_days = $7, cceo_escalation_business_days = $8, updated_at = $9
       WHERE id = $1`,
      [existing[0].id, ...params],
    );
    return existing[0].id;
  }
  const row = await queryRow(
    db,
    IdRow,
    `INSERT INTO sla_policies (category_code, agency_id, target_business_days, due_soon_business_days, progress_interval_business_days,
       statutory_business_days, legal_basis, extension_limit_business_days, cceo_escalation_business_days, created_at, updated_at)
     VALUES ($9, $10, $1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
    [...params, scope.categoryCode, scope.agencyId],
  );
  if (!row) throw new Error('policy insert returned nothing');
  return row.id;
}

export async function deleteSlaPolicy(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM sla_policies WHERE id = $1 AND NOT (category_code IS NULL AND agency_id IS NULL) RETURNING id', [id]);
  return rows.length > 0;
}
