/** ตอบผู้ร้อง: a reply the citizen sees on the tracking page (files too) and is told of. */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandWithFiles } from './case-action.ts';
import { tellCitizen } from './tell-citizen.ts';

export async function replyToComplainant(ctx: AppContext, options: CaseCommandWithFiles<ActionBodies['reply']>) {
  return runCaseAction(ctx, { ...options, action: 'reply' }, tellCitizen('reply', options.body.message));
}
