/** SQL of SLA policies and of the set-wise SLA state recomputation. */
import { z } from 'zod';
import type { IsoDate } from '../../shared/business-days.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';
import { slaStateSql } from './sla-sql.ts';

const SlaPolicySchema = z
  .object({
    id: z.string(),
    categoryCode: z.string().nullable(),
    agencyCode: z.string().nullable(),
    targetBusinessDays: z.number(),
    dueSoonBusinessDays: z.number(),
    progressIntervalBusinessDays: z.number(),
    statutoryBusinessDays: z.number().nullable(),
    legalBasis: z.string().nullable(),
    extensionLimitBusinessDays: z.number(),
    cceoEscalationBusinessDays: z.number(),
  })
  .describe('SLA policy');
export type SlaPolicy = z.output<typeof SlaPolicySchema>;

const POLICY_COLUMNS = `p.id, p.category_code, a.code AS agency_code, p.target_business_days, p.due_soon_business_days,
  p.progress_interval_business_days, p.statutory_business_days, p.legal_basis, p.extension_limit_business_days,
  p.cceo_escalation_business_days`;

const IdRow = z.object({ id: z.string() });
const ChangedRow = z.object({ changed: z.number() });
const TimerMarkersRow = z
  .object({
    due_soon: z.string().nullable(),
    overdue: z.string().nullable(),
    cceo: z.string().nullable(),
    progress: z.string().nullable(),
    cceoEscalationDueOn: z.string().nullable(),
  })
  .describe('timer markers');

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

/**
 * Stores every case's SLA state in one statement (the expression of sla-sql.ts) and returns how
 * many changed; only rows whose state differs are written. The stored column serves the
 * sweep's timer look-up alone: what people see is computed when they read it.
 */
export async function recomputeSlaStates(db: Queryable, today: IsoDate): Promise<number> {
  const row = await queryRow(
    db,
    ChangedRow,
    `WITH computed AS (SELECT c.id, ${slaStateSql('c', '$1')} AS state FROM cases c)
     , updated AS (
       UPDATE cases c SET sla_state = computed.state
       FROM computed WHERE computed.id = c.id AND c.sla_state <> computed.state
       RETURNING 1)
     SELECT count(*)::int AS changed FROM updated`,
    [today],
  );
  return row?.changed ?? 0;
}

const TimerKindSchema = z.enum(['due_soon', 'overdue', 'cceo', 'progress']);
export type TimerKind = z.output<typeof TimerKindSchema>;

const TimerCandidateSchema = z
  .object({
    caseId: z.string(),
    kind: TimerKindSchema,
    /** The due date (or progress date) the timer fires for: once per value. */
    firesFor: z.string(),
  })
  .describe('timer candidate');
export type TimerCandidate = z.output<typeof TimerCandidateSchema>;

/**
 * Cases whose timers are due and have not fired for their current deadline, at most `limit`
 * of each kind (the sweep takes a bounded batch; the next sweep takes the rest).
 */
export async function findTimerCandidates(db: Queryable, today: IsoDate, limit: number): Promise<TimerCandidate[]> {
  return queryRows(
    db,
    TimerCandidateSchema,
    `(SELECT id AS case_id, 'due_soon' AS kind, due_date AS fires_for FROM cases
       WHERE sla_state = 'due_soon' AND due_soon_reminded_for IS DISTINCT FROM due_date LIMIT $2)
     UNION ALL
     (SELECT id, 'overdue', due_date FROM cases
       WHERE sla_state = 'overdue' AND escalated_for IS DISTINCT FROM due_date LIMIT $2)
     UNION ALL
     (SELECT id, 'cceo', due_date FROM cases
       WHERE sla_state = 'overdue' AND escalated_for = due_date AND cceo_escalation_due_on <= $1::date
         AND cceo_escalated_for IS DISTINCT FROM due_date LIMIT $2)
     UNION ALL
     (SELECT id, 'progress', progress_due_on FROM cases
       WHERE status IN ('assigned', 'in_progress') AND progress_due_on <= $1::date
         AND progress_reminded_for IS DISTINCT FROM progress_due_on LIMIT $2)`,
    [today, limit],
  );
}

const TIMER_MARKERS: Record<TimerKind, string> = {
  due_soon: 'due_soon_reminded_for = $2',
  overdue: 'escalated_for = $2, escalated_on = $3, cceo_escalation_due_on = $4',
  cceo: 'cceo_escalated_for = $2',
  progress: 'progress_reminded_for = $2',
};

/** Remembers that a timer fired for this deadline (and, on the first escalation, when the second is due). */
export async function markTimerFired(
  tx: Queryable,
  caseId: string,
  kind: TimerKind,
  firesFor: IsoDate,
  today: IsoDate,
  cceoEscalationDueOn?: IsoDate,
): Promise<void> {
  const params = kind === 'overdue' ? [caseId, firesFor, today, cceoEscalationDueOn ?? today] : [caseId, firesFor];
  await tx.query(`UPDATE cases SET ${TIMER_MARKERS[kind]} WHERE id = $1`, params);
}

/** The dates each timer last fired for, and when the CCEO escalation is due. */
export async function findTimerMarkers(
  db: Queryable,
  caseId: string,
): Promise<Record<TimerKind, string | null> & { cceoEscalationDueOn: string | null }> {
  const row = await queryRow(
    db,
    TimerMarkersRow,
    `SELECT due_soon_reminded_for AS due_soon, escalated_for AS overdue, cceo_escalated_for AS cceo,
            progress_reminded_for AS progress, cceo_escalation_due_on
     FROM cases WHERE id = $1`,
    [caseId],
  );
  return {
    due_soon: row?.due_soon ?? null,
    overdue: row?.overdue ?? null,
    cceo: row?.cceo ?? null,
    progress: row?.progress ?? null,
    cceoEscalationDueOn: row?.cceoEscalationDueOn ?? null,
  };
}
