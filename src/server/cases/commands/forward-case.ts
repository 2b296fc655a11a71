/** ส่งต่อ: the holder sends the case on to another agency. */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';
import { sendToAgency } from './hand-over.ts';

export async function forwardCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['forward']>) {
  const { user, body } = options;
  return runCaseAction(ctx, { ...options, action: 'forward' }, (tx, record, now) => sendToAgency(tx, ctx, { user, record, kind: 'forward', ...body, now }));
}
