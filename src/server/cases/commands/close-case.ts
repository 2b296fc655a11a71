/**
 * ยุติเรื่อง: a resolved case is closed, by staff or, when the citizen's confirmation window
 * has ended without an answer, by the system (confirmation-jobs.ts).
 */
import type { AuditDetails } from '../../../shared/audit-actions.ts';
import { bangkokDate } from '../../../shared/business-days.ts';
import type { CaseEventPayload } from '../../../shared/case-events.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/database.ts';
import { invalidInput } from '../../platform/errors.ts';
import { thaiDate } from '../../platform/thai-messages.ts';
import type { CaseRecord } from '../queries.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { closeNeedsReason } from '../state-machine.ts';
import { commitEffect, runCaseAction, systemStep, withOptional, type CaseCommandOptions, type Effect } from './case-action.ts';

/**
 * While the citizen may still accept, rate or reopen, closing takes that voice away, so it
 * needs a reason (kept in the event, shown on both timelines); after the window, none. A
 * citizen who accepted closed the case already.
 */
export async function closeCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['close']>) {
  const { reason } = options.body;
  return runCaseAction(ctx, { ...options, action: 'close' }, async (_tx, record, now) => {
    const early = closeNeedsReason(record, bangkokDate(now));
    if (early && reason === undefined) throw reasonRequired(record.confirmationUntil);
    const payload = withOptional({ by: 'staff' as const }, 'reason', reason);
    return { patch: { closedAt: now }, event: { type: 'closed', visibility: 'public', payload: early ? { ...payload, confirmationUntil: record.confirmationUntil } : payload } };
  });
}

function reasonRequired(until: string | null) {
  return invalidInput([
    {
      field: 'reason',
      message: `required to close before the citizen's confirmation window ends${until ? ` (${until})` : ''}: say why the case is closed early`,
      messageTh: `กรุณาระบุเหตุผลที่ยุติเรื่องก่อนครบกำหนดให้ผู้ร้องยืนยันผล${until ? ` (ผู้ร้องตอบได้ถึงวันที่ ${thaiDate(until)})` : ''}`,
    },
  ]);
}

/** What the system's close adds to its audit record. */
type SystemCloseAudit = Required<Pick<AuditDetails<'case.close'>, 'by' | 'confirmationUntil'>>;

/**
 * ยุติเรื่องอัตโนมัติ: the system closes a resolved case whose confirmation window has ended —
 * the same close as a person's (SLA judged by the resolution, event, audit `case.close`), with
 * the system as actor. The caller holds the case's row lock and checked the window.
 */
export async function closeBySystem(
  tx: Queryable,
  ctx: AppContext,
  options: { record: CaseRecord; payload: CaseEventPayload<'closed'>; audit: SystemCloseAudit; now: Date },
): Promise<void> {
  const { record, now } = options;
  const step = systemStep(record.status, 'confirmation-expired');
  const effect: Effect = { patch: { closedAt: now }, event: { type: 'closed', visibility: 'public', payload: options.payload }, audit: options.audit };
  await commitEffect(tx, ctx, { record, action: 'close', effect, to: step.to, actor: { userId: null, agencyId: null, label: 'system' }, now });
}
