/**
 * เปิดดูข้อมูลผู้ร้อง: show the complainant's identity and the original text to a user whose
 * role and relation to the case allow it. Every reveal is written to the audit log.
 */
import { can } from '../../agencies/policy/case.ts';
import { caseFactsFor } from '../../agencies/scope.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { readIdentity, type ComplainantIdentity } from '../identity.ts';
import { findCaseInScope } from '../queries.ts';

export interface RevealedIdentity {
  caseId: string;
  anonymous: boolean;
  complainant: ComplainantIdentity | null;
  title: string | null;
  description: string;
}

export async function revealIdentity(ctx: AppContext, options: { user: AuthUser; caseId: string }): Promise<RevealedIdentity> {
  const { user, caseId } = options;
  return ctx.db.transaction(async (tx) => {
    const record = await findCaseInScope(tx, user, caseId);
    if (!record) throw notFound('Case', 'เรื่อง');
    if (!can(user, 'view_identity', caseFactsFor(user, record))) {
      throw record.confidential
        ? forbidden('The complainant asked for confidentiality: only the receiving agency may see who they are', 'ผู้ร้องขอปกปิดตัวตน เฉพาะหน่วยงานที่รับเรื่องเท่านั้นที่ดูข้อมูลผู้ร้องได้')
        : forbidden('Your role may not see complainant identities', 'บทบาทของท่านไม่มีสิทธิ์ดูข้อมูลผู้ร้อง');
    }
    const complainant = record.complainantId ? await readIdentity(tx, ctx.protector, record.complainantId) : null;
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'identity.view',
      entityType: 'case',
      entityId: record.id,
      details: { trackingCode: record.trackingCode, complainantId: record.complainantId },
      at: ctx.now(),
    });
    return { caseId: record.id, anonymous: record.anonymous, complainant, title: record.title, description: record.description };
  });
}
