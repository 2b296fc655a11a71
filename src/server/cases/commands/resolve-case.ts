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
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';

export async function resolveCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['resolve']>) {
  const { result, message } = options.body;
  return runCaseAction(ctx, { ...options, action: 'resolve' }, async (tx, record, now) => {
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
  });
}
