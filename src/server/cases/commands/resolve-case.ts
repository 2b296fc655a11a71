/**
 * แจ้งผลการดำเนินการ: the holder gives the result. Each resolution opens a new confirmation
 * window (a reopened case's too) in which the citizen may accept, rate or ask for a reopening.
 */
import { bangkokDate } from '../../../shared/business-days.ts';
import { notifyCitizen } from '../../notifications/notify.ts';
import type { AppContext } from '../../platform/context.ts';
import { businessDaysAfter } from '../../sla/deadlines.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { notifyFollowers } from '../follower-notices.ts';
import { runCaseAction, type CaseCommandOptions, type Effect } from './case-action.ts';
import type { Queryable } from '../../platform/database.ts';
import type { ResolutionResult } from '../../../shared/case-model.ts';
import type { CaseRecord } from '../queries.ts';

export async function resolveCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['resolve']>) {
  return runCaseAction(ctx, { ...options, action: 'resolve' }, (tx, record, now) => resolveEffect(tx, ctx, record, options.body, now));
}

/** The effect of a resolution (by our staff, or applied from the partner system that held the case). */
export async function resolveEffect(tx: Queryable, ctx: AppContext, record: CaseRecord, body: { result: ResolutionResult; message: string }, now: Date): Promise<Effect> {
  const { result, message } = body;
  const confirmationUntil = await businessDaysAfter(tx, bangkokDate(now), ctx.config.confirmationBusinessDays, record.holderAgencyPath);
  return {
    patch: { result, resolvedAt: now, confirmationUntil },
    event: { type: 'resolved', visibility: 'public', payload: { result, message, confirmationUntil } },
    // Told until when they may answer (the surviving case's window for merged ones).
    notify: async (inner, seq) => {
      await notifyCitizen(inner, { caseId: record.id, key: seq, kind: 'resolved', message, respondBy: confirmationUntil });
      // The agencies that sent it on hear that it is done.
      await notifyFollowers(inner, { caseId: record.id, key: seq, kind: 'following_resolved' });
    },
  };
}
