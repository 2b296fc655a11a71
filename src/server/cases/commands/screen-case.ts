/** กลั่นกรอง: a person screens a new case, and may set its category (a correction of triage's where it differs). */
import type { AppContext } from '../../platform/context.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, withOptional, type CaseCommandOptions } from './case-action.ts';
import { categoryChange, recordCorrections } from './category-change.ts';

export async function screenCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['screen']>) {
  const { user, body } = options;
  return runCaseAction(ctx, { ...options, action: 'screen' }, async (tx, record, now) => {
    const category = await categoryChange(tx, record, body.categoryCode);
    return {
      patch: category.patch,
      event: { type: 'screened', visibility: 'internal', payload: withOptional(category.payload, 'note', body.note) },
      extra: (inner) => recordCorrections(inner, user, record, { categoryCode: category.chosen }, now),
    };
  });
}
