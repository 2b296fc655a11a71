/** ตอบผู้ร้อง: a reply the citizen sees on the tracking page (files too) and is told of. */
import { notifyCitizen } from '../../notifications/notify.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../schema.ts';
import { runCaseAction, type CaseCommandWithFiles } from './case-action.ts';

export async function replyToComplainant(ctx: AppContext, options: CaseCommandWithFiles<ActionBodies['reply']>) {
  const { message } = options.body;
  return runCaseAction(ctx, { ...options, action: 'reply' }, async (_tx, record) => ({
    patch: {},
    event: { type: 'reply', visibility: 'public', payload: { message } },
    notify: (tx, seq) => notifyCitizen(tx, { caseId: record.id, key: seq, kind: 'reply', message }),
  }));
}
