/** บันทึกภายใน: an internal note on the case, with files that stay with staff. */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandWithFiles } from './case-action.ts';

export async function addNote(ctx: AppContext, options: CaseCommandWithFiles<ActionBodies['note']>) {
  const { message } = options.body;
  return runCaseAction(ctx, { ...options, action: 'note' }, async () => ({ patch: {}, event: { type: 'note', visibility: 'internal', payload: { message } } }));
}
