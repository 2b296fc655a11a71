/**
 * ขยายเวลา: a complex case gets a later deadline, with a reason the citizen sees; past the SLA
 * policy's limit in all, only a supervisor grants it (policy/case.ts).
 */
import { canExtendDeadline } from '../../agencies/policy/case.ts';
import { notifyCitizen } from '../../notifications/notify.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, invalidInput } from '../../platform/errors.ts';
import { planExtension } from '../../sla/deadlines.ts';
import { policyOfCase, type SlaPolicy } from '../../sla/policy-queries.ts';
import type { Queryable } from '../../platform/database.ts';
import type { CaseRecord } from '../queries.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { runCaseAction, type CaseCommandOptions } from './case-action.ts';

export async function extendDeadline(ctx: AppContext, options: CaseCommandOptions<ActionBodies['extend']>) {
  const { user, body } = options;
  return runCaseAction(ctx, { ...options, action: 'extend' }, async (tx, record) => {
    const policy = await policyOfCase(tx, record);
    const plan = await planCaseExtension(tx, ctx, record, policy, body.newDueDate ? { newDueDate: body.newDueDate } : { businessDays: body.businessDays ?? 0 });
    if (!plan.ok) throw invalidInput([{ field: plan.field, message: plan.message, messageTh: plan.messageTh }]);
    const extendedBusinessDays = record.extendedBusinessDays + plan.businessDays;
    const limit = policy.extensionLimitBusinessDays;
    if (!canExtendDeadline(user, { totalBusinessDays: extendedBusinessDays, limitBusinessDays: limit })) {
      throw forbidden(
        `Extensions beyond ${limit} business days in all need a supervisor (this one would make ${extendedBusinessDays})`,
        `การขยายระยะเวลารวมเกิน ${limit} วันทำการต้องให้ผู้บังคับบัญชาเป็นผู้ขยาย (ครั้งนี้จะรวมเป็น ${extendedBusinessDays} วันทำการ)`,
      );
    }
    return {
      patch: { dueDate: plan.dueDate, dueSoonFrom: plan.dueSoonFrom, extendedBusinessDays },
      event: {
        type: 'extended',
        visibility: 'public',
        payload: { reason: body.reason, previousDueDate: record.dueDate, dueDate: plan.dueDate, businessDays: plan.businessDays },
      },
      notify: (inner, seq) => notifyCitizen(inner, { caseId: record.id, key: seq, kind: 'extended', newDueDate: plan.dueDate, reason: body.reason }),
    };
  });
}

/** Where an extension would move the case's deadline, under its policy (by our staff, or as the partner holding it extended). */
export function planCaseExtension(tx: Queryable, ctx: AppContext, record: CaseRecord, policy: SlaPolicy, request: { newDueDate: string } | { businessDays: number }) {
  return planExtension(tx, {
    request,
    dueDate: record.dueDate,
    receivedAt: record.receivedAt,
    pausedBusinessDays: record.pausedBusinessDays,
    policy,
    agencyPath: record.holderAgencyPath,
    officeHours: ctx.config.officeHours,
  });
}
