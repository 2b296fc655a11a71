/**
 * A staff action on a case (POST /api/v1/cases/{id}/actions/{action}): scope, policy and
 * state machine checked in that order, then the projection updated, the event appended,
 * any hand-over recorded and the audit written, all in one transaction.
 */
import { bangkokDate } from '../../../shared/business-days.ts';
import type { CaseAction, CaseStatus } from '../../../shared/case-model.ts';
import { nextProgressDue, planExtension, rebaseClock } from '../../sla/deadlines.ts';
import { policyOfCase } from '../../sla/sla-queries.ts';
import { slaStateOf } from '../../sla/sla-state.ts';
import { notifyCitizen, notifyStaff } from '../../notifications/notify.ts';
import { can } from '../../agencies/policy.ts';
import { caseFactsFor } from '../../agencies/scope.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/database.ts';
import { conflict, forbidden, invalidInput, notFound } from '../../platform/errors.ts';
import type { ActionBodies } from '../schema.ts';
import { transition } from '../state-machine.ts';
import { findAgencyRefByCode, findAgencyRefById } from '../../agencies/queries.ts';
import {
  appendCaseEvent,
  findHandingAgency,
  insertContact,
  insertHandover,
  lockCase,
  lockCasesInOrder,
  updateCase,
  type CasePatch,
  type CaseRecord,
  type NewCaseEvent,
} from '../queries.ts';

export interface ActOnCaseOptions<A extends CaseAction> {
  user: AuthUser;
  caseId: string;
  action: A;
  body: ActionBodies[A];
}

/** What an action does beyond the status change. */
interface Effect {
  patch: CasePatch;
  event: Pick<NewCaseEvent, 'type' | 'visibility' | 'payload'>;
  handover?: { kind: 'assign' | 'forward' | 'return'; toAgencyId: string; reason: string | null };
  extra?: (tx: Queryable) => Promise<void>;
}

export async function actOnCase<A extends CaseAction>(ctx: AppContext, options: ActOnCaseOptions<A>): Promise<{ status: CaseStatus }> {
  const { user, caseId, action } = options;
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    // A merge locks two cases: both at once, in id order (A→B and B→A must not deadlock).
    if (action === 'merge') await lockCasesInOrder(tx, [caseId, (options.body as ActionBodies['merge']).intoCaseId]);
    const record = await lockCase(tx, caseId);
    if (!record) throw notFound('Case');
    const facts = caseFactsFor(user, record);
    if (facts.relation === 'outside') throw notFound('Case');
    if (!can(user, action, facts)) throw forbidden(`Your role (${user.role}) may not ${action} this case`);
    const step = transition(record.status, action);
    if (!step.ok) throw conflict('invalid_transition', step.message, step.messageTh, [{ field: 'status', message: `allowed from: ${step.allowedFrom.join(', ')}` }]);

    const effect = await effectOf(tx, ctx, user, record, action, options.body as ActionBodies[CaseAction], now);
    const patch: CasePatch = { ...effect.patch, status: step.to };
    await applyHolderPolicy(tx, ctx, record, effect, patch);
    Object.assign(patch, await slaPatch(tx, record, action, patch, step.to, now));
    await updateCase(tx, record.id, patch, now);
    if (effect.handover) {
      await insertHandover(tx, { caseId: record.id, fromAgencyId: record.holderAgencyId, byUserId: user.id, at: now, ...effect.handover });
    }
    await effect.extra?.(tx);
    const seq = await appendCaseEvent(tx, {
      caseId: record.id,
      at: now,
      actorUserId: user.id,
      actorAgencyId: user.agencyId,
      statusBefore: record.status,
      statusAfter: step.to,
      ...effect.event,
    });
    await notifyOf(tx, record, action, effect, seq);
    await appendAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: `case.${action}`,
      entityType: 'case',
      entityId: record.id,
      details: { trackingCode: record.trackingCode, from: record.status, to: step.to, ...auditDetails(effect) },
      at: now,
    });
    return { status: step.to };
  });
}

/**
 * Who hears of the action, enqueued in this transaction (sent after commit, retried on
 * failure): the citizen of what they should know, the receiving agency of a hand-over.
 */
async function notifyOf(tx: Queryable, record: CaseRecord, action: CaseAction, effect: Effect, seq: number): Promise<void> {
  const payload = effect.event.payload;
  const caseId = record.id;
  switch (action) {
    case 'accept':
      return notifyCitizen(tx, { caseId, key: seq, kind: 'accepted' });
    case 'reply':
      return notifyCitizen(tx, { caseId, key: seq, kind: 'reply', message: String(payload.message) });
    case 'request-info':
      return notifyCitizen(tx, { caseId, key: seq, kind: 'info_requested', message: String(payload.message) });
    case 'resolve':
      return notifyCitizen(tx, { caseId, key: seq, kind: 'resolved', message: String(payload.message) });
    case 'extend':
      return notifyCitizen(tx, { caseId, key: seq, kind: 'extended', newDueDate: String(payload.dueDate), reason: String(payload.reason) });
    case 'assign':
    case 'forward':
      if (!effect.handover) return;
      return notifyStaff(tx, { caseId, key: seq, kind: 'assigned', agencyId: effect.handover.toAgencyId, roles: ['case_officer', 'supervisor'] });
    case 'return':
      // Back for screening: whoever screens at the agency it returns to.
      if (!effect.handover) return;
      return notifyStaff(tx, {
        caseId,
        key: seq,
        kind: 'assigned',
        agencyId: effect.handover.toAgencyId,
        roles: ['intake_officer', 'supervisor'],
        detail: `ส่งคืนเพื่อกลั่นกรองใหม่: ${String(payload.reason)}`,
      });
    default:
      return;
  }
}

function auditDetails(effect: Effect): Record<string, unknown> {
  const merged = effect.patch.mergedIntoCaseId ? { intoCaseId: effect.patch.mergedIntoCaseId } : {};
  return effect.handover ? { ...merged, handover: effect.handover.kind, toAgencyId: effect.handover.toAgencyId } : merged;
}

async function targetAgency(tx: Queryable, code: string, record: CaseRecord) {
  const agency = await findAgencyRefByCode(tx, code);
  if (!agency || !agency.active) throw invalidInput([{ field: 'agencyCode', message: `unknown agency ${code}` }]);
  if (agency.id === record.holderAgencyId) throw invalidInput([{ field: 'agencyCode', message: 'the case is already held by this agency' }]);
  return agency;
}

async function effectOf(
  tx: Queryable,
  ctx: AppContext,
  user: AuthUser,
  record: CaseRecord,
  action: CaseAction,
  body: ActionBodies[CaseAction],
  now: Date,
): Promise<Effect> {
  switch (action) {
    case 'screen':
      return { patch: {}, event: { type: 'screened', visibility: 'internal', payload: withOptional({}, 'note', (body as ActionBodies['screen']).note) } };
    case 'assign':
    case 'forward': {
      const { agencyCode, reason } = body as ActionBodies['assign'];
      const agency = await targetAgency(tx, agencyCode, record);
      return {
        patch: { holderAgencyId: agency.id },
        event: {
          type: action === 'assign' ? 'assigned' : 'forwarded',
          visibility: 'public',
          payload: withOptional({ agencyCode: agency.code, agencyNameTh: agency.nameTh, agencyNameEn: agency.nameEn }, 'reason', reason),
        },
        handover: { kind: action, toAgencyId: agency.id, reason: reason ?? null },
      };
    }
    case 'accept':
      return { patch: {}, event: { type: 'accepted', visibility: 'public', payload: {} } };
    case 'return': {
      const { reason } = body as ActionBodies['return'];
      // ส่งคืน: back to whoever handed it over, else to the agency that received it.
      const toAgencyId = (await findHandingAgency(tx, record.id, record.holderAgencyId)) ?? record.receivingAgencyId;
      return {
        patch: { holderAgencyId: toAgencyId },
        event: { type: 'returned', visibility: 'internal', payload: { reason } },
        handover: { kind: 'return', toAgencyId, reason },
      };
    }
    case 'note':
      return { patch: {}, event: { type: 'note', visibility: 'internal', payload: { message: (body as ActionBodies['note']).message } } };
    case 'reply':
      return { patch: {}, event: { type: 'reply', visibility: 'public', payload: { message: (body as ActionBodies['reply']).message } } };
    case 'request-info':
      return {
        patch: {},
        event: { type: 'info_requested', visibility: 'public', payload: { message: (body as ActionBodies['request-info']).message } },
      };
    case 'resolve': {
      const { result, message } = body as ActionBodies['resolve'];
      return { patch: { result, resolvedAt: now }, event: { type: 'resolved', visibility: 'public', payload: { result, message } } };
    }
    case 'close':
      return { patch: { closedAt: now }, event: { type: 'closed', visibility: 'public', payload: withOptional({}, 'note', (body as ActionBodies['close']).note) } };
    case 'reopen':
      return {
        patch: { resolvedAt: null, closedAt: null, result: null },
        event: { type: 'reopened', visibility: 'public', payload: { reason: (body as ActionBodies['reopen']).reason, by: 'staff' } },
      };
    case 'reject':
      return { patch: { closedAt: now }, event: { type: 'rejected', visibility: 'public', payload: { reason: (body as ActionBodies['reject']).reason } } };
    case 'merge':
      return mergeEffect(tx, user, record, (body as ActionBodies['merge']).intoCaseId, now);
    case 'extend':
      return extendEffect(tx, ctx, user, record, body as ActionBodies['extend']);
    case 'contact': {
      const { channel, message } = body as ActionBodies['contact'];
      return {
        patch: {},
        event: { type: 'contact', visibility: 'internal', payload: withOptional({ channel }, 'message', message) },
        extra: (inner) => insertContact(inner, { caseId: record.id, at: now, channel, kind: 'follow_up', recordedByUserId: user.id }),
      };
    }
  }
}

/** ขยายเวลา: a later deadline with a reason; past the policy's limit only a supervisor grants it. */
async function extendEffect(tx: Queryable, ctx: AppContext, user: AuthUser, record: CaseRecord, body: ActionBodies['extend']): Promise<Effect> {
  const policy = await policyOfCase(tx, record);
  const plan = await planExtension(tx, {
    request: body.newDueDate ? { newDueDate: body.newDueDate } : { businessDays: body.businessDays ?? 0 },
    dueDate: record.dueDate,
    receivedAt: record.receivedAt,
    pausedBusinessDays: record.pausedBusinessDays,
    policy,
    agencyPath: record.holderAgencyPath,
    officeHours: ctx.config.officeHours,
  });
  if (!plan.ok) throw invalidInput([{ field: plan.field, message: plan.message }]);
  const extendedBusinessDays = record.extendedBusinessDays + plan.businessDays;
  if (extendedBusinessDays > policy.extensionLimitBusinessDays && user.role !== 'supervisor') {
    throw forbidden(
      `Extensions beyond ${policy.extensionLimitBusinessDays} business days in all need a supervisor (this one would make ${extendedBusinessDays})`,
    );
  }
  return {
    patch: { dueDate: plan.dueDate, dueSoonFrom: plan.dueSoonFrom, extendedBusinessDays },
    event: {
      type: 'extended',
      visibility: 'public',
      payload: { reason: body.reason, previousDueDate: record.dueDate, dueDate: plan.dueDate, businessDays: plan.businessDays },
    },
  };
}

/**
 * A hand-over puts the case under the new holder's SLA policy (an agency may set its own):
 * the deadline is recomputed from the receipt, and the hand-over event records the change.
 */
async function applyHolderPolicy(tx: Queryable, ctx: AppContext, record: CaseRecord, effect: Effect, patch: CasePatch): Promise<void> {
  if (!effect.handover) return;
  const holder = await findAgencyRefById(tx, effect.handover.toAgencyId);
  if (!holder) return;
  const rebased = await rebaseClock(tx, {
    currentPolicyId: record.slaPolicyId,
    receivedAt: record.receivedAt,
    categoryCode: record.categoryCode,
    agencyPath: holder.path,
    pausedBusinessDays: record.pausedBusinessDays,
    extendedBusinessDays: record.extendedBusinessDays,
    officeHours: ctx.config.officeHours,
  });
  if (!rebased || rebased.dueDate === record.dueDate) {
    if (rebased) Object.assign(patch, { slaPolicyId: rebased.policy.id, targetBusinessDays: rebased.policy.targetBusinessDays });
    return;
  }
  Object.assign(patch, {
    slaPolicyId: rebased.policy.id,
    targetBusinessDays: rebased.policy.targetBusinessDays,
    dueDate: rebased.dueDate,
    dueSoonFrom: rebased.dueSoonFrom,
  });
  effect.event.payload = { ...effect.event.payload, previousDueDate: record.dueDate, dueDate: rebased.dueDate, targetBusinessDays: rebased.policy.targetBusinessDays };
}

/** Events the citizen sees as progress: each restarts the progress-update interval. */
const PUBLIC_PROGRESS: readonly CaseAction[] = ['accept', 'reply', 'request-info', 'resolve', 'extend', 'assign', 'forward'];

/** The SLA columns an action changes besides its own: pause, progress date, state. */
async function slaPatch(tx: Queryable, record: CaseRecord, action: CaseAction, patch: CasePatch, to: CaseStatus, now: Date): Promise<CasePatch> {
  const today = bangkokDate(now);
  const sla: CasePatch = {};
  if (action === 'request-info') sla.pausedAt = now;
  if (PUBLIC_PROGRESS.includes(action)) sla.progressDueOn = await nextProgressDue(tx, today, await policyOfCase(tx, record), record.holderAgencyPath);
  // Met or missed is judged by when the case was resolved; closing later does not change it.
  const finishedAt = patch.resolvedAt ?? record.resolvedAt ?? patch.closedAt ?? record.closedAt;
  sla.slaState = slaStateOf(
    {
      status: to,
      dueDate: patch.dueDate ?? record.dueDate,
      dueSoonFrom: patch.dueSoonFrom ?? record.dueSoonFrom,
      finishedOn: finishedAt ? bangkokDate(finishedAt) : null,
    },
    today,
  );
  return sla;
}

/** รวมเรื่อง: the case becomes a duplicate of a surviving case the user can also reach. */
async function mergeEffect(tx: Queryable, user: AuthUser, record: CaseRecord, intoCaseId: string, now: Date): Promise<Effect> {
  if (intoCaseId === record.id) throw invalidInput([{ field: 'intoCaseId', message: 'a case cannot be merged into itself' }]);
  const target = await lockCase(tx, intoCaseId);
  if (!target || caseFactsFor(user, target).relation === 'outside') {
    throw invalidInput([{ field: 'intoCaseId', message: 'no such case in your scope' }]);
  }
  if (['closed', 'rejected', 'merged'].includes(target.status)) {
    throw conflict('invalid_merge_target', `Cannot merge into a case that is ${target.status}`, 'ไม่สามารถรวมเข้ากับเรื่องที่ยุติหรือรวมไปแล้ว');
  }
  return {
    patch: { mergedIntoCaseId: target.id, closedAt: now },
    event: { type: 'merged', visibility: 'public', payload: { intoCaseId: target.id, intoTrackingCode: target.trackingCode } },
    extra: async (inner) => {
      await appendCaseEvent(inner, {
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
  };
}

function withOptional(payload: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  return value === undefined ? payload : { ...payload, [key]: value };
}
