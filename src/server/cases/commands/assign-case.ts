/** มอบหมาย: after screening, a person sends the case to the agency that will handle it (and may set its category). */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';
import { sendToAgency } from './hand-over.ts';

export async function assignCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['assign']>) {
  const { user, body } = options;
  return runCaseAction(ctx, { ...options, action: 'assign' }, (tx, record, now) => sendToAgency(tx, ctx, { user, record, kind: 'assign', ...body, now }));
}
