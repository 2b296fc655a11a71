/**
 * รวมเรื่อง: the case becomes a duplicate of a surviving case the user can also reach; the
 * surviving case records what was merged into it.
 */
import { CASE_STATUS_LABELS_TH } from '../../../shared/case-model.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalidInput } from '../../platform/errors.ts';
import { appendCaseEvent, findCaseInScope } from '../queries.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';

export async function mergeCase(ctx: AppContext, options: CaseCommandOptions<ActionBodies['merge']>) {
  const { user, body } = options;
  const { intoCaseId } = body;
  // Both cases locked at once, in id order (A→B and B→A must not deadlock).
  return runCaseAction(ctx, { ...options, action: 'merge', alsoLock: intoCaseId }, async (tx, record, now) => {
    if (intoCaseId === record.id) throw invalidInput([{ field: 'intoCaseId', message: 'a case cannot be merged into itself', messageTh: 'รวมเรื่องเข้ากับตัวเองไม่ได้' }]);
    const target = await findCaseInScope(tx, user, intoCaseId, { lock: true });
    // A case the user only follows is another agency's to merge into: not found for a merge.
    if (!target || target.followedHere) throw invalidInput([{ field: 'intoCaseId', message: 'no such case in your scope', messageTh: 'ไม่พบเรื่องนี้ในหน่วยงานที่ท่านดูแล' }]);
    if (['closed', 'rejected', 'merged'].includes(target.status)) {
      throw conflict(
        'invalid_merge_target',
        `Cannot merge into a case that is ${target.status}`,
        `ไม่สามารถรวมเข้ากับเรื่องที่อยู่ในสถานะ "${CASE_STATUS_LABELS_TH[target.status]}" (ยุติ ไม่รับไว้พิจารณา หรือรวมไปแล้ว)`,
      );
    }
    return {
      patch: { mergedIntoCaseId: target.id, closedAt: now },
      event: { type: 'merged', visibility: 'public', payload: { intoCaseId: target.id, intoTrackingCode: target.trackingCode } },
      extra: async (tx) => {
        await appendCaseEvent(tx, {
          caseId: target.id,
          at: now,
          type: 'merged_in',
          visibility: 'internal',
          actorUserId: user.id,
          actorAgencyId: user.agencyId,
          statusBefore: target.status,
          statusAfter: target.status,
          payload: { fromCaseId: record.id, fromTrackingCode: record.trackingCode },
        });
      },
      audit: { intoCaseId: target.id },
    };
  });
}
