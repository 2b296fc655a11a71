/**
 * Bulk actions of the staff inbox (ดำเนินการหลายเรื่องพร้อมกัน): one action on many cases, each
 * through the action's command in its own transaction, so one case that may not be acted on does not
 * hold back the others. Every failure is reported as that case's error — a case outside the
 * user's scope as not_found, exactly as for one case, so nothing leaks.
 */
import { canViewCases } from '../../agencies/policy/staff.ts';
import { findAgencyRefByCode } from '../../agencies/queries.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalidInput, noCaseWork } from '../../platform/errors.ts';
import type { BulkAction, BulkResponse, BulkResult } from '../../../shared/api/case-actions.ts';
import type { CaseStatus } from '../../../shared/case-model.ts';
import { CASE_COMMANDS } from './act-on-case.ts';

export interface ActOnCasesOptions {
  user: AuthUser;
  action: BulkAction;
  caseIds: readonly string[];
  /** Why, for every case: the hand-over reason (assign, forward) or the closing reason. */
  reason: string;
  /** Where to (assign, forward). */
  agencyCode?: string | undefined;
  /** Called with an error that is not the user's (a bug, the database); the case is reported as internal_error. */
  onUnexpectedError?: (caseId: string, error: unknown) => void;
}

export async function actOnCases(ctx: AppContext, options: ActOnCasesOptions): Promise<BulkResponse> {
  const { user, action, caseIds, reason, agencyCode } = options;
  if (!canViewCases(user)) throw noCaseWork();
  const act = await commandFor(ctx, user, action, reason, agencyCode);
  const results: BulkResult[] = [];
  // One after another: each case locks its row, and a batch must not take the pool.
  for (const caseId of caseIds) {
    try {
      const { status } = await act(caseId);
      results.push({ id: caseId, ok: true, status });
    } catch (error) {
      if (!(error instanceof AppError)) options.onUnexpectedError?.(caseId, error);
      results.push({ id: caseId, ok: false, error: errorOf(error) });
    }
  }
  const succeeded = results.filter((result) => result.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

/** The action's command on one case with the single-case body, the agency checked once for all the cases. */
async function commandFor(
  ctx: AppContext,
  user: AuthUser,
  action: BulkAction,
  reason: string,
  agencyCode: string | undefined,
): Promise<(caseId: string) => Promise<{ status: CaseStatus }>> {
  if (action === 'close') {
    if (agencyCode !== undefined) throw invalidInput([{ field: 'agencyCode', message: 'close takes no agency', messageTh: 'การปิดเรื่องไม่ต้องระบุหน่วยงาน' }]);
    return (caseId) => CASE_COMMANDS.close(ctx, { user, caseId, body: { reason } });
  }
  if (agencyCode === undefined) throw invalidInput([{ field: 'agencyCode', message: `required to ${action}`, messageTh: 'กรุณาเลือกหน่วยงาน' }]);
  const agency = await findAgencyRefByCode(ctx.db, agencyCode);
  if (!agency?.active) throw invalidInput([{ field: 'agencyCode', message: `unknown agency ${agencyCode}`, messageTh: `ไม่พบหน่วยงาน ${agencyCode} หรือหน่วยงานปิดใช้งานแล้ว` }]);
  return (caseId) => CASE_COMMANDS[action](ctx, { user, caseId, body: { agencyCode, reason } });
}

function errorOf(error: unknown): { code: string; message: string; messageTh: string } {
  if (error instanceof AppError && error.status < 500) return { code: error.code, message: error.message, messageTh: error.messageTh };
  return { code: 'internal_error', message: 'Something went wrong on our side', messageTh: 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง' };
}
