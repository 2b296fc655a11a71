/**
 * ขอข้อมูลเพิ่มเติม: the case waits for the citizen, who is asked (files too); the SLA clock
 * stops until they answer.
 */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandWithFiles } from './case-action.ts';
import { tellCitizen } from './tell-citizen.ts';

export async function requestInformation(ctx: AppContext, options: CaseCommandWithFiles<ActionBodies['request-info']>) {
  return runCaseAction(ctx, { ...options, action: 'request-info' }, tellCitizen('info_requested', options.body.message));
}
