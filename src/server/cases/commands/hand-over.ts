/**
 * Moving a case to another agency: มอบหมาย (assign), ส่งต่อ (forward), ส่งคืน (return), by a
 * person or by triage's routing rule. Every move is the same: the new holder, the case under
 * the new holder's SLA policy (an agency may set its own), a hand-over row, and a notice to the
 * agency that receives it.
 */
import { findAgencyRefByCode, findAgencyRefById, type AgencyRef } from '../../agencies/queries.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import { notifyFollowers } from '../follower-notices.ts';
import { notifyStaffOf } from '../../notifications/notify.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/database.ts';
import { invalidInput } from '../../platform/errors.ts';
import { rebaseClock } from '../../sla/deadlines.ts';
import type { RuleAssignment } from '../../triage/triage-case.ts';
import { insertHandover, type CasePatch, type CaseRecord } from '../queries.ts';
import { commitEffect, systemStep, withOptional, type Effect } from './case-action.ts';
import { categoryChange, recordCorrections } from './category-change.ts';

type HandOverEvent = Extract<Effect['event'], { type: 'assigned' | 'forwarded' | 'returned' }>;

export interface HandOver {
  kind: 'assign' | 'forward' | 'return';
  toAgencyId: string;
  reason: string | null;
  /** Who moved it; null for triage's rule. */
  byUserId: string | null;
  /** The event of the move: where the new holder's policy moves the deadline, its payload says so. */
  event: HandOverEvent;
  /** What else the move changes on the case (the category). */
  patch?: CasePatch;
  /** Rows written after the hand-over's own (triage corrections). */
  extra?: (tx: Queryable) => Promise<void>;
  now: Date;
}

/** The effect of moving `record` to another agency. */
export async function handOverEffect(tx: Queryable, ctx: AppContext, record: CaseRecord, move: HandOver): Promise<Effect> {
  const { kind, toAgencyId, reason, now } = move;
  const policy = await underHolderPolicy(tx, ctx, record, toAgencyId);
  const event = { ...move.event };
  if (policy.moved) event.payload = { ...event.payload, ...policy.moved };
  return {
    patch: { holderAgencyId: toAgencyId, ...move.patch, ...policy.patch },
    event,
    extra: async (inner) => {
      await insertHandover(inner, { caseId: record.id, kind, fromAgencyId: record.holderAgencyId, toAgencyId, byUserId: move.byUserId, at: now, reason });
      await move.extra?.(inner);
    },
    notify: async (inner, seq) => {
      // Returned: back for screening, so whoever screens at the agency it returns to.
      await notifyStaffOf(inner, {
        caseId: record.id,
        key: seq,
        kind: 'assigned',
        agencyId: toAgencyId,
        ...(kind === 'return' ? { notice: 'returned', detail: `ส่งคืนเพื่อกลั่นกรองใหม่: ${reason ?? ''}` } : { notice: 'assigned' }),
      });
      // The agencies still following it (sent it on, held outside their line) hear it came back.
      if (kind === 'return') await notifyFollowers(inner, { caseId: record.id, key: seq, kind: 'following_returned', detail: `ส่งคืนเพื่อกลั่นกรองใหม่: ${reason ?? ''}` });
    },
    audit: { handover: kind, toAgencyId },
  };
}

/**
 * The case under the holder's SLA policy: the deadline recomputed from the receipt, and the
 * move of the deadline (when it moved) for the hand-over event to record.
 */
async function underHolderPolicy(
  tx: Queryable,
  ctx: AppContext,
  record: CaseRecord,
  holderId: string,
): Promise<{ patch: CasePatch; moved?: { previousDueDate: string; dueDate: string; targetBusinessDays: number } }> {
  const holder = await findAgencyRefById(tx, holderId);
  if (!holder) return { patch: {} };
  const rebased = await rebaseClock(tx, {
    currentPolicyId: record.slaPolicyId,
    receivedAt: record.receivedAt,
    categoryCode: record.categoryCode,
    agencyPath: holder.path,
    pausedBusinessDays: record.pausedBusinessDays,
    extendedBusinessDays: record.extendedBusinessDays,
    officeHours: ctx.config.officeHours,
  });
  if (!rebased) return { patch: {} };
  const patch: CasePatch = { slaPolicyId: rebased.policy.id, targetBusinessDays: rebased.policy.targetBusinessDays };
  if (rebased.dueDate === record.dueDate) return { patch };
  return {
    patch: { ...patch, dueDate: rebased.dueDate, dueSoonFrom: rebased.dueSoonFrom },
    moved: { previousDueDate: record.dueDate, dueDate: rebased.dueDate, targetBusinessDays: rebased.policy.targetBusinessDays },
  };
}

/**
 * A person sends the case to an agency by its code: assigns it after screening (and may set
 * the category), or forwards it on. Where they chose otherwise than triage, it is recorded.
 */
export async function sendToAgency(
  tx: Queryable,
  ctx: AppContext,
  options: {
    user: AuthUser;
    record: CaseRecord;
    kind: 'assign' | 'forward';
    agencyCode: string;
    reason?: string | undefined;
    categoryCode?: string | undefined;
    shareIdentity?: boolean | undefined;
    now: Date;
  },
): Promise<Effect> {
  const { user, record, kind, reason, now } = options;
  const agency = await targetAgency(tx, options.agencyCode, record);
  const category = await categoryChange(tx, record, options.categoryCode);
  const payload = withOptional({ agencyCode: agency.code, agencyNameTh: agency.nameTh, agencyNameEn: agency.nameEn, ...category.payload }, 'reason', reason);
  const effect = await handOverEffect(tx, ctx, record, {
    kind,
    toAgencyId: agency.id,
    reason: reason ?? null,
    byUserId: user.id,
    event: kind === 'assign' ? { type: 'assigned', visibility: 'public', payload } : { type: 'forwarded', visibility: 'public', payload },
    patch: category.patch,
    extra: (inner) => recordCorrections(inner, user, record, { categoryCode: category.chosen, agency: { code: agency.code, path: agency.path, by: kind } }, now),
    now,
  });
  return options.shareIdentity ? { ...effect, identityConfirmed: true } : effect;
}

/** An active agency other than the holder, by code (400 otherwise). */
async function targetAgency(tx: Queryable, code: string, record: CaseRecord): Promise<AgencyRef> {
  const agency = await findAgencyRefByCode(tx, code);
  if (!agency || !agency.active) throw invalidInput([{ field: 'agencyCode', message: `unknown agency ${code}`, messageTh: `ไม่พบหน่วยงาน ${code} หรือหน่วยงานปิดใช้งานแล้ว` }]);
  if (agency.id === record.holderAgencyId) throw invalidInput([{ field: 'agencyCode', message: 'the case is already held by this agency', messageTh: 'เรื่องนี้อยู่ที่หน่วยงานนี้แล้ว' }]);
  return agency;
}

/**
 * คัดแยกอัตโนมัติ: intake applies triage's decision to assign a new case by a routing rule, with
 * no person. The same hand-over as a person's `assign` (SLA policy of the new holder, notices,
 * audit); the event says it was automatic, by which rule and model version.
 */
export async function assignByRule(tx: Queryable, ctx: AppContext, options: { record: CaseRecord; assignment: RuleAssignment; now: Date }): Promise<void> {
  const { record, assignment, now } = options;
  const step = systemStep(record.status, 'assign');
  const agency = await findAgencyRefById(tx, assignment.agencyId);
  if (!agency) throw new Error(`routing rule ${assignment.ruleId} names a missing agency`);
  const { categoryCode } = assignment;
  const effect = await handOverEffect(tx, ctx, record, {
    kind: 'assign',
    toAgencyId: agency.id,
    reason: 'ส่งต่ออัตโนมัติตามกฎการส่งต่อ',
    byUserId: null,
    event: {
      type: 'assigned',
      visibility: 'public',
      payload: {
        agencyCode: agency.code,
        agencyNameTh: agency.nameTh,
        agencyNameEn: agency.nameEn,
        automatic: true,
        ruleId: assignment.ruleId,
        modelVersion: assignment.modelVersion,
        confidence: assignment.confidence,
        ...(categoryCode ? { categoryCode } : {}),
      },
    },
    patch: categoryCode && categoryCode !== record.categoryCode ? { categoryCode } : {},
    now,
  });
  await commitEffect(tx, ctx, { record, action: 'assign', effect, to: step.to, actor: { userId: null, agencyId: record.receivingAgencyId, label: 'triage' }, now });
}
