/**
 * SLA policies (กรอบเวลาดำเนินการ): administrators set the deadlines of a (category, agency)
 * scope, each for the agencies they administer (agencies/policy/agency.ts); the default policy
 * (any category, any agency) is the system administrators'. Each change is one transaction
 * with its audit record.
 *
 * The two commands live here together: they share the check of who may change a scope.
 */
import { canAdministerAgency } from '../agencies/policy/agency.ts';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, invalidInput, notFound } from '../platform/errors.ts';
import { findCategory } from '../reference/queries.ts';
import { deleteSlaPolicy, findSlaPolicy, upsertSlaPolicy, type SlaPolicy, type SlaPolicyValues } from './policy-queries.ts';

export interface SaveSlaPolicyOptions {
  user: AuthUser;
  /** The scope; null means any category or any agency. */
  categoryCode: string | null;
  agencyCode: string | null;
  values: SlaPolicyValues;
}

/**
 * Creates or replaces the policy of a scope; new cases use it. 400 for an unknown agency or
 * category, 403 for a scope the user does not administer.
 */
export async function saveSlaPolicy(ctx: AppContext, { user, categoryCode, agencyCode, values }: SaveSlaPolicyOptions): Promise<SlaPolicy> {
  return ctx.db.transaction(async (tx) => {
    const agency = agencyCode ? await findAgencyRefByCode(tx, agencyCode) : undefined;
    if (agencyCode && !agency) throw invalidInput([{ field: 'agencyCode', message: `unknown agency ${agencyCode}`, messageTh: `ไม่พบหน่วยงาน ${agencyCode}` }]);
    if (categoryCode && !(await findCategory(tx, categoryCode))) {
      throw invalidInput([{ field: 'categoryCode', message: `unknown category ${categoryCode}`, messageTh: `ไม่พบประเภทเรื่อง ${categoryCode}` }]);
    }
    if (!canAdministerAgency(user, agency?.path ?? null)) {
      throw forbidden(
        'Only a system administrator, or the agency administrator for its own agencies, sets SLA policies',
        'เฉพาะผู้ดูแลระบบ หรือผู้ดูแลหน่วยงานสำหรับหน่วยงานของตนและหน่วยงานในสังกัด เท่านั้นที่กำหนดนโยบายระยะเวลาได้',
      );
    }
    const id = await upsertSlaPolicy(tx, { categoryCode, agencyId: agency?.id ?? null }, values, ctx.now());
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'sla_policy.save',
      entityType: 'sla_policy',
      entityId: id,
      details: { categoryCode, agencyCode, ...values },
      at: ctx.now(),
    });
    const policy = await findSlaPolicy(tx, id);
    if (!policy) throw new Error('saved policy vanished');
    return policy;
  });
}

/** Removes a policy: 404 for none, 403 for a scope the user does not administer, 400 for the default policy. */
export async function removeSlaPolicy(ctx: AppContext, { user, id }: { user: AuthUser; id: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const policy = await findSlaPolicy(tx, id);
    if (!policy) throw notFound('SLA policy', 'นโยบายระยะเวลาดำเนินการ');
    const agency = policy.agencyCode ? await findAgencyRefByCode(tx, policy.agencyCode) : undefined;
    if (!canAdministerAgency(user, agency?.path ?? null)) throw forbidden('You may not change this policy', 'ท่านไม่มีสิทธิ์แก้ไขนโยบายนี้');
    if (!(await deleteSlaPolicy(tx, policy.id))) throw invalidInput([{ field: 'id', message: 'the default policy cannot be removed', messageTh: 'นโยบายตั้งต้นลบไม่ได้' }]);
    await recordAudit(tx, { actor: { userId: user.id, label: user.username }, action: 'sla_policy.remove', entityType: 'sla_policy', entityId: policy.id, at: ctx.now() });
  });
}
