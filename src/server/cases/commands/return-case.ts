/**
 * ส่งคืน: the holder says the case is not theirs; it goes back for screening, to whoever handed
 * it over, else to the agency that received it.
 */
import type { AppContext } from '../../platform/context.ts';
import { findHandingAgency } from '../queries.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';
import { handOverEffect } from './hand-over.ts';

export async function returnCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['return']>) {
  const { user, body } = options;
  const { reason } = body;
  return runCaseAction(ctx, { ...options, action: 'return' }, async (tx, record, now) => {
    const toAgencyId = (await findHandingAgency(tx, record.id, record.holderAgencyId)) ?? record.receivingAgencyId;
    return handOverEffect(tx, ctx, record, { kind: 'return', toAgencyId, reason, byUserId: user.id, event: { type: 'returned', visibility: 'internal', payload: { reason } }, now });
  });
}
