/** บันทึกการติดต่อ: staff record a follow-up contact with the complainant (a call, a visit). */
import type { AppContext } from '../../platform/context.ts';
import { insertContact } from '../queries.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, withOptional, type CaseCommandOptions } from './case-action.ts';

export async function recordContact(ctx: AppContext, options: CaseCommandOptions<ActionBodies['contact']>) {
  const { user, body } = options;
  const { channel, message } = body;
  return runCaseAction(ctx, { ...options, action: 'contact' }, async (_tx, record, now) => ({
    patch: {},
    event: { type: 'contact', visibility: 'internal', payload: withOptional({ channel }, 'message', message) },
    extra: (tx) => insertContact(tx, { caseId: record.id, at: now, channel, kind: 'follow_up', recordedByUserId: user.id }),
  }));
}
