/**
 * ขอข้อมูลเพิ่มเติม: the case waits for the citizen, who is asked (files too); the SLA clock
 * stops until they answer.
 */
import { notifyCitizen } from '../../notifications/notify.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../schema.ts';
import { runCaseAction, type CaseCommandWithFiles } from './case-action.ts';

export async function requestInformation(ctx: AppContext, options: CaseCommandWithFiles<ActionBodies['request-info']>) {
  const { message } = options.body;
  return runCaseAction(ctx, { ...options, action: 'request-info' }, async (_tx, record) => ({
    patch: {},
    event: { type: 'info_requested', visibility: 'public', payload: { message } },
    notify: (tx, seq) => notifyCitizen(tx, { caseId: record.id, key: seq, kind: 'info_requested', message }),
  }));
}
