/**
 * ออกรหัสติดตามใหม่: counter staff issue a new access key after checking who the citizen is.
 * Only those who may see the complainant's identity of the case may (the policy's
 * `reissue_access_key`); the note of how identity was checked is kept in an internal event
 * and the audit (redacted there). The old key and any mailed key waiting stop working at once.
 */
import { redactPersonalData } from '../../../shared/redaction.ts';
import { can } from '../../agencies/policy/case.ts';
import { caseFactsFor } from '../../agencies/scope.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { newAccessKey, recordAccessKeyEvent } from '../citizen-access.ts';
import { findCaseInScope, replaceAccessKey } from '../queries.ts';

export interface ReissueAccessKeyOptions {
  user: AuthUser;
  caseId: string;
  /** How the citizen's identity was checked, e.g. "ตรวจบัตรประชาชนตัวจริง ตรงกับข้อมูลผู้ร้อง". */
  identityCheck: string;
}

/** Returns the new key, to hand over once; only its hash is kept. */
export async function reissueAccessKey(ctx: AppContext, options: ReissueAccessKeyOptions): Promise<{ trackingCode: string; accessKey: string }> {
  const { user } = options;
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const record = await findCaseInScope(tx, user, options.caseId, { lock: true });
    if (!record) throw notFound('Case', 'เรื่อง');
    if (!can(user, 'reissue_access_key', caseFactsFor(user, record))) {
      throw forbidden(
        `Your role (${user.role}) may not issue a new access key for this case: only those who may see its complainant's identity can check it`,
        'ออกรหัสติดตามใหม่ได้เฉพาะผู้ที่มีสิทธิ์ดูข้อมูลผู้ร้องของเรื่องนี้ เพราะต้องตรวจสอบตัวตนของผู้ร้องก่อน',
      );
    }
    const { key, hash } = newAccessKey();
    await replaceAccessKey(tx, record.id, hash);
    await recordAccessKeyEvent(tx, record, {
      type: 'access_key_reissued',
      auditAction: 'case.access_key_reissue',
      actor: { userId: user.id, agencyId: user.agencyId, label: user.username },
      payload: { note: options.identityCheck },
      auditDetails: { identityCheck: redactPersonalData(options.identityCheck), pendingKeyCleared: record.pendingAccessKeyHash !== null },
      at: now,
    });
    return { trackingCode: record.trackingCode, accessKey: key };
  });
}
