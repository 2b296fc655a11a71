/**
 * ประเมินความพึงพอใจ: the citizen rates a resolved case and either accepts the result (the
 * case closes) or asks for it to be reopened (back to the holding agency's work) — within the
 * confirmation window only; after its last day the answer is refused even if the job that
 * closes the case has not run yet.
 */
import { bangkokDate } from '../../../shared/business-days.ts';
import { slaStateOf } from '../../sla/sla-state.ts';
import type { CaseStatus } from '../../../shared/case-model.ts';
import { syncCaseRollups } from '../../dashboard/rollups.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';
import { openCaseAsCitizen } from '../citizen-access.ts';
import { appendCaseEvent, insertFeedback, updateCase, type CaseRecord } from '../queries.ts';
import type { Queryable } from '../../platform/database.ts';
import { relayCaseEvent, type ViaPartner } from '../../exchange/outbox.ts';
import { thaiDate } from '../../platform/thai-messages.ts';
import { checkCitizenResponse } from '../state-machine.ts';

export interface GiveFeedbackOptions {
  trackingCode: string;
  accessKey: string;
  rating: number;
  comment?: string | undefined;
  reopen: boolean;
}

export async function giveFeedback(ctx: AppContext, options: GiveFeedbackOptions): Promise<{ trackingCode: string; status: CaseStatus }> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const record = await openCaseAsCitizen(ctx, options.trackingCode, options.accessKey, tx);
    return recordFeedback(tx, ctx, record, { ...options, now });
  });
}

/**
 * The citizen's rating, with the result accepted or a reopening asked for, in the caller's
 * transaction: from the tracking page, or sent on by the partner system where the citizen
 * follows the case (`via`; that system kept the confirmation window already).
 */
export async function recordFeedback(
  tx: Queryable,
  ctx: AppContext,
  record: CaseRecord,
  options: { rating: number; comment?: string | undefined; reopen: boolean; now: Date; via?: ViaPartner | undefined },
): Promise<{ trackingCode: string; status: CaseStatus }> {
  const { now, via } = options;
  const step = checkCitizenResponse(via ? { ...record, confirmationUntil: null } : record, options.reopen ? 'feedback-reopen' : 'feedback-accept', bangkokDate(now));
  if (!step.ok && step.reason === 'window_closed') {
    throw conflict(
      'confirmation_window_closed',
      `The time to accept, rate or reopen this case ended on ${step.until}; it is being closed. For a new problem, file a new complaint.`,
      `พ้นกำหนดยืนยันผล ประเมินความพึงพอใจ หรือขอให้พิจารณาใหม่แล้ว (สิ้นสุดวันที่ ${thaiDate(step.until)}) เรื่องนี้กำลังยุติ หากยังมีปัญหา กรุณายื่นเรื่องใหม่`,
    );
  }
  if (!step.ok) {
    throw conflict('not_resolved', 'Feedback is taken only once the case is resolved', 'ประเมินความพึงพอใจได้เมื่อหน่วยงานแจ้งผลการดำเนินการแล้วเท่านั้น');
  }
  await insertFeedback(tx, { caseId: record.id, at: now, rating: options.rating, comment: options.comment ?? null, reopened: options.reopen });
  await updateCase(
    tx,
    record.id,
    options.reopen
      ? // Reopened: the clock is the original deadline's again (overdue if it has passed).
        {
          status: step.to,
          satisfaction: options.rating,
          resolvedAt: null,
          result: null,
          confirmationUntil: null,
          slaState: slaStateOf({ status: step.to, dueDate: record.dueDate, dueSoonFrom: record.dueSoonFrom, finishedOn: null }, bangkokDate(now)),
        }
      : { status: step.to, satisfaction: options.rating, closedAt: now },
    now,
  );
  const base = { caseId: record.id, at: now, visibility: 'public' as const, actorUserId: null, actorAgencyId: null };
  const partner = via ? { partner: { code: via.code, name: via.name } } : {};
  const rated = { type: 'rated' as const, payload: { rating: options.rating, ...(options.comment ? { comment: options.comment } : {}), ...partner } };
  await appendCaseEvent(tx, { ...base, ...rated, statusBefore: record.status, statusAfter: record.status });
  await appendCaseEvent(tx, {
    ...base,
    statusBefore: record.status,
    statusAfter: step.to,
    ...(options.reopen ? { type: 'reopened', payload: { reason: options.comment ?? null, by: 'citizen', ...partner } } : { type: 'closed', payload: { by: 'citizen' } }),
  });
  // To the partner system holding the case: the rating says whether the result was accepted.
  await relayCaseEvent(tx, ctx, { caseId: record.id, event: rated, statusAfter: step.to, holderAgencyId: record.holderAgencyId, at: now, fromPartnerId: via?.id });
  await recordAudit(tx, {
    actor: { userId: null, label: via ? `partner:${via.code}` : 'citizen' },
    action: options.reopen ? 'case.feedback_reopen' : 'case.feedback',
    entityType: 'case',
    entityId: record.id,
    details: { trackingCode: record.trackingCode, rating: options.rating, from: record.status, to: step.to },
    at: now,
  });
  // After the audit record: every writer takes the audit chain's head first, then the counters
  // (shared by all the cases of an agency and of those above it), so no two wait on each other.
  await syncCaseRollups(tx, record.id);
  return { trackingCode: record.trackingCode, status: step.to };
}
