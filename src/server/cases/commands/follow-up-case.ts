/**
 * เร่งรัด (follow-up): an agency that sent the case on and follows it presses the holding
 * agency with a message. The status stays; the holder is told, and the event is counted.
 */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { findAgencyRefById } from '../../agencies/queries.ts';
import { notifyStaffOf } from '../../notifications/notify.ts';
import { runCaseAction, type CaseCommandOptions, type Effect } from './case-action.ts';
import type { CaseRecord } from '../queries.ts';

export async function followUpCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['follow-up']>) {
  const { user, body } = options;
  return runCaseAction(ctx, { ...options, action: 'follow-up' }, async (tx, record) => followUpEffect(record, (await findAgencyRefById(tx, user.agencyId))?.nameTh ?? '', body.message));
}

/** The effect of a follow-up (เร่งรัด) by `fromName`: the holder's staff are told. */
export function followUpEffect(record: CaseRecord, fromName: string, message: string): Effect {
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
        detail: `เร่งรัดโดย ${fromName}: ${message}`,
      }),
  };
}
