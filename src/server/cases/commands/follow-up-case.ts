/**
 * เร่งรัด (follow-up): an agency that sent the case on and follows it presses the holding
 * agency with a message. The status stays; the holder is told, and the event is counted.
 */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { findAgencyRefById } from '../../agencies/queries.ts';
import { notifyStaffOf } from '../../notifications/notify.ts';
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';

export async function followUpCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['follow-up']>) {
  const { user, body } = options;
  const { message } = body;
  return runCaseAction(ctx, { ...options, action: 'follow-up' }, async (tx, record) => {
    const from = await findAgencyRefById(tx, user.agencyId);
    return {
      patch: {},
      event: { type: 'followed_up', visibility: 'internal', payload: { message, agencyId: record.holderAgencyId } },
      notify: (inner, seq) =>
        notifyStaffOf(inner, {
          caseId: record.id,
          key: seq,
          kind: 'followed_up',
          notice: 'followed_up',
          agencyId: record.holderAgencyId,
          detail: `เร่งรัดโดย ${from?.nameTh ?? ''}: ${message}`,
        }),
    };
  });
}
