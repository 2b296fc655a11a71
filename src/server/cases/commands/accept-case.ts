/** รับเรื่องไว้ดำเนินการ: the holder takes the case on; the citizen is told. */
import { notifyCitizen } from '../../notifications/notify.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandOptions, type Effect } from './case-action.ts';
import type { CaseRecord } from '../queries.ts';

export async function acceptCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['accept']>) {
  return runCaseAction(ctx, { ...options, action: 'accept' }, async (_tx, record) => acceptEffect(record));
}

/** The effect of taking a case on (by our staff, or applied from the partner system that holds it). */
export function acceptEffect(record: CaseRecord): Effect {
  return {
    patch: {},
    event: { type: 'accepted', visibility: 'public', payload: {} },
    notify: (tx, seq) => notifyCitizen(tx, { caseId: record.id, key: seq, kind: 'accepted' }),
  };
}
