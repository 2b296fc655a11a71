/** ไม่รับไว้พิจารณา: what is not a complaint is turned away, with a reason the citizen sees. */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';

export async function rejectCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['reject']>) {
  const { reason } = options.body;
  return runCaseAction(ctx, { ...options, action: 'reject' }, async (_tx, _record, now) => ({
    patch: { closedAt: now },
    event: { type: 'rejected', visibility: 'public', payload: { reason } },
  }));
}
