/** เปิดเรื่องใหม่: staff take a resolved or closed case up again; its result and window are cleared. */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';

export async function reopenCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['reopen']>) {
  const { reason } = options.body;
  return runCaseAction(ctx, { ...options, action: 'reopen' }, async () => ({
    patch: { resolvedAt: null, closedAt: null, result: null, confirmationUntil: null },
    event: { type: 'reopened', visibility: 'public', payload: { reason, by: 'staff' } },
  }));
}
