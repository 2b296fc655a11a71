/**
 * ส่งคืน: the holder says the case is not theirs; it goes back for screening, to whoever handed
 * it over, else to the agency that received it — or, for a case another system sent us and no
 * agency of ours handed on, back to that system (การแลกเปลี่ยนเรื่อง): the case ends here
 * (ไม่รับไว้พิจารณา) and the partner screens it again.
 */
import type { AppContext } from '../../platform/context.ts';
import { findOriginLink } from '../../exchange/queries.ts';
import { findHandingAgency } from '../queries.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';
import { handOverEffect } from './hand-over.ts';

export async function returnCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['return']>) {
  const { user, body } = options;
  const { reason } = body;
  return runCaseAction(ctx, { ...options, action: 'return' }, async (tx, record, now) => {
    const handingAgencyId = await findHandingAgency(tx, record.id, record.holderAgencyId);
    const origin = handingAgencyId ? undefined : await findOriginLink(tx, record.id);
    if (origin) {
      return {
        patch: { closedAt: now },
        event: { type: 'returned', visibility: 'public', payload: { reason, toPartner: { code: origin.partnerCode, name: origin.partnerName } } },
        to: 'rejected',
        audit: { handover: 'return', toPartner: origin.partnerCode },
      };
    }
    const toAgencyId = handingAgencyId ?? record.receivingAgencyId;
    return handOverEffect(tx, ctx, record, { kind: 'return', toAgencyId, reason, byUserId: user.id, event: { type: 'returned', visibility: 'internal', payload: { reason } }, now });
  });
}
