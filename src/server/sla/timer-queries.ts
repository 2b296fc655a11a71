/** SQL of the SLA state stored for the sweep, and of its timers (reminders, escalations). */
import { z } from 'zod';
import type { IsoDate } from '../../shared/business-days.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';
import { slaStateSql } from './sla-state-sql.ts';

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
 * Stores every case's SLA state in one statement (the expression of sla-state-sql.ts) and returns how
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
