/**
 * A staff action on a case (POST /api/v1/cases/{id}/actions/{action}): scope, policy and
 * state machine checked in that order, then the projection updated, the event appended,
 * any hand-over recorded and the audit written, all in one transaction. A note, a reply or a
 * request for information may bring files (ไฟล์แนบ): checked and stored before the
 * transaction, their rows written in it, and removed again when it fails.
 */
import { bangkokDate } from '../../../shared/business-days.ts';
import { CASE_ACTION_LABELS_TH, CASE_STATUS_LABELS_TH, ROLE_LABELS_TH, takesFiles, type CaseAction, type CaseStatus } from '../../../shared/case-model.ts';
import { businessDaysAfter, planExtension, rebaseClock } from '../../sla/deadlines.ts';
import { policyOfCase } from '../../sla/sla-queries.ts';
import { slaStateOf } from '../../sla/sla-state.ts';
import { notifyCitizen, notifyStaffOf } from '../../notifications/notify.ts';
import { can } from '../../agencies/policy/case.ts';
import { caseFactsFor } from '../../agencies/scope.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/database.ts';
import { conflict, forbidden, invalidInput, notFound } from '../../platform/errors.ts';
import type { IncomingFile } from '../../attachments/file-checks.ts';
import { insertAttachments } from '../../attachments/queries.ts';
import { attachmentRows, withStoredFiles, type StoredFile } from '../../attachments/stored-files.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { closeNeedsReason, transition } from '../state-machine.ts';
import { thaiDate } from '../../platform/thai-messages.ts';
import { findAgencyRefByCode, findAgencyRefById } from '../../agencies/queries.ts';
import { findCategory } from '../../reference/queries.ts';
import { findTriage, hasAgencyCorrection, insertCorrection } from '../../triage/queries.ts';
import type { AuditDetails } from '../../../shared/audit-actions.ts';
import type { CaseEventContent, CaseEventPayload } from '../../../shared/case-events.ts';
import {
  appendCaseEvent,
  findCase,
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
  /** Files sent with a note, a reply or a request for information ({@link takesFiles}); refused with any other action. */
  files?: readonly IncomingFile[] | undefined;
}

/** What an action does beyond the status change. */
interface Effect {
  patch: CasePatch;
  event: CaseEventContent & Pick<NewCaseEvent, 'visibility'>;
  handover?: { kind: 'assign' | 'forward' | 'return'; toAgencyId: string; reason: string | null };
  extra?: (tx: Queryable) => Promise<void>;
  /** More for the audit record than what the effect says of itself (the system's close). */
  audit?: SystemCloseAudit;
}

export async function actOnCase<A extends CaseAction>(ctx: AppContext, options: ActOnCaseOptions<A>): Promise<{ status: CaseStatus }> {
  const { user, caseId, action } = options;
  const incoming = options.files ?? [];
  if (incoming.length > 0) {
    if (!takesFiles(action)) throw invalidInput([{ field: 'files', message: `${action} takes no files`, messageTh: `การ${CASE_ACTION_LABELS_TH[action]}แนบไฟล์ไม่ได้` }]);
    // Scope, role and status first: no file is decoded or stored for an action that would be refused.
    stepOrConflict((await authorize(ctx.db, user, caseId, action, false)).status, action);
  }
  return withStoredFiles(ctx, incoming, (files) =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      // A merge locks two cases: both at once, in id order (A→B and B→A must not deadlock).
      if (action === 'merge') await lockCasesInOrder(tx, [caseId, (options.body as ActionBodies['merge']).intoCaseId]);
      const record = await authorize(tx, user, caseId, action, true);
      const step = stepOrConflict(record.status, action);

      const effect = await effectOf(tx, ctx, user, record, action, options.body as ActionBodies[CaseAction], now);
      await commitEffect(tx, ctx, { record, action, effect, to: step.to, actor: { userId: user.id, agencyId: user.agencyId, label: user.username }, now, files });
      return { status: step.to };
    }),
  );
}

/** Where `action` leads from `status`, or the 409 that says from which statuses it may be taken. */
function stepOrConflict(status: CaseStatus, action: CaseAction): { to: CaseStatus } {
  const step = transition(status, action);
  if (step.ok) return step;
  const allowedTh = step.allowedFrom.map((allowed) => CASE_STATUS_LABELS_TH[allowed]).join(', ');
  throw conflict('invalid_transition', step.message, step.messageTh, [
    { field: 'status', message: `allowed from: ${step.allowedFrom.join(', ')}`, messageTh: `ทำได้เมื่อเรื่องอยู่ในสถานะ: ${allowedTh}` },
  ]);
}

/** The case, when it is in the user's scope (404 otherwise) and their role may take `action` on it (403). */
async function authorize(db: Queryable, user: AuthUser, caseId: string, action: CaseAction, lock: boolean): Promise<CaseRecord> {
  const record = lock ? await lockCase(db, caseId) : await findCase(db, caseId);
  if (!record) throw notFound('Case', 'เรื่อง');
  const facts = caseFactsFor(user, record);
  if (facts.relation === 'outside') throw notFound('Case', 'เรื่อง');
  if (!can(user, action, facts)) {
    throw forbidden(
      `Your role (${user.role}) may not ${action} this case`,
      `บทบาทของท่าน (${ROLE_LABELS_TH[user.role]}) ไม่มีสิทธิ์${CASE_ACTION_LABELS_TH[action]}ในเรื่องนี้`,
    );
  }
  return record;
}

/** Who did it: a person, or triage acting on a routing rule (no user). */
interface Actor {
  userId: string | null;
  /** None for the system itself (a job). */
  agencyId: string | null;
  label: string;
}

/**
 * Writes what an action does: projection (with the new holder's SLA policy and the SLA
 * columns), hand-over, extra rows, the event, notifications and the audit record.
 */
async function commitEffect(
  tx: Queryable,
  ctx: AppContext,
  step: { record: CaseRecord; action: CaseAction; effect: Effect; to: CaseStatus; actor: Actor; now: Date; files?: readonly StoredFile[] },
): Promise<void> {
  const { record, action, effect, to, actor, now } = step;
  const files = step.files ?? [];
  const patch: CasePatch = { ...effect.patch, status: to };
  await applyHolderPolicy(tx, ctx, record, effect, patch);
  Object.assign(patch, await slaPatch(tx, record, action, patch, to, now));
  await updateCase(tx, record.id, patch, now);
  if (effect.handover) {
    await insertHandover(tx, { caseId: record.id, fromAgencyId: record.holderAgencyId, byUserId: actor.userId, at: now, ...effect.handover });
  }
  await effect.extra?.(tx);
  const seq = await appendCaseEvent(tx, {
    caseId: record.id,
    at: now,
    actorUserId: actor.userId,
    actorAgencyId: actor.agencyId,
    statusBefore: record.status,
    statusAfter: to,
    ...(files.length ? withFileCount(effect.event, files.length) : effect.event),
  });
  await insertAttachments(tx, attachmentRows(files, { caseId: record.id, eventSeq: seq, uploadedBy: 'staff', uploadedByUserId: actor.userId, at: now }));
  await notifyOf(tx, record, effect, seq);
  await recordAudit(tx, {
    actor: { userId: actor.userId, label: actor.label },
    action: `case.${action}`,
    entityType: 'case',
    entityId: record.id,
    details: { trackingCode: record.trackingCode, from: record.status, to, ...auditDetails(effect), ...(files.length ? { files: files.length } : {}) },
    at: now,
  });
}

/**
 * คัดแยกอัตโนมัติ: triage assigns a new case by a routing rule, with no person. The same
 * hand-over as a person's `assign` (SLA policy of the new holder, notices, audit); the event
 * says it was automatic, by which rule and model version.
 */
export async function assignByRule(
  tx: Queryable,
  ctx: AppContext,
  options: { record: CaseRecord; agencyId: string; categoryCode: string | null; ruleId: string; modelVersion: string | null; confidence: number | null; now: Date },
): Promise<void> {
  const { record, now } = options;
  const step = transition(record.status, 'assign');
  if (!step.ok) throw new Error(`cannot assign a case that is ${record.status}`);
  const agency = await findAgencyRefById(tx, options.agencyId);
  if (!agency) throw new Error(`routing rule ${options.ruleId} names a missing agency`);
  const effect: Effect = {
    patch: { holderAgencyId: agency.id, ...(options.categoryCode && options.categoryCode !== record.categoryCode ? { categoryCode: options.categoryCode } : {}) },
    event: {
      type: 'assigned',
      visibility: 'public',
      payload: {
        agencyCode: agency.code,
        agencyNameTh: agency.nameTh,
        agencyNameEn: agency.nameEn,
        automatic: true,
        ruleId: options.ruleId,
        modelVersion: options.modelVersion,
        confidence: options.confidence,
        ...(options.categoryCode ? { categoryCode: options.categoryCode } : {}),
      },
    },
    handover: { kind: 'assign', toAgencyId: agency.id, reason: 'ส่งต่ออัตโนมัติตามกฎการส่งต่อ' },
  };
  await commitEffect(tx, ctx, { record, action: 'assign', effect, to: step.to, actor: { userId: null, agencyId: record.receivingAgencyId, label: 'triage' }, now });
}

/**
 * ยุติเรื่องอัตโนมัติ: the system closes a resolved case whose confirmation window has ended —
 * the same close as a person's (SLA judged by the resolution, event, audit `case.close`), with
 * the system as actor.
 */
export async function closeBySystem(
  tx: Queryable,
  ctx: AppContext,
  options: { record: CaseRecord; payload: CaseEventPayload<'closed'>; audit: SystemCloseAudit; now: Date },
): Promise<void> {
  const { record, now } = options;
  const step = transition(record.status, 'confirmation-expired');
  if (!step.ok) throw new Error(`cannot close a case that is ${record.status}`);
  const effect: Effect = { patch: { closedAt: now }, event: { type: 'closed', visibility: 'public', payload: options.payload }, audit: options.audit };
  await commitEffect(tx, ctx, { record, action: 'close', effect, to: step.to, actor: { userId: null, agencyId: null, label: 'system' }, now });
}

/**
 * Who hears of the action, enqueued in this transaction (sent after commit, retried on
 * failure): the citizen of what they should know, the receiving agency of a hand-over.
 */
async function notifyOf(tx: Queryable, record: CaseRecord, effect: Effect, seq: number): Promise<void> {
  const { event } = effect;
  const caseId = record.id;
  switch (event.type) {
    case 'accepted':
      return notifyCitizen(tx, { caseId, key: seq, kind: 'accepted' });
    case 'reply':
      return notifyCitizen(tx, { caseId, key: seq, kind: 'reply', message: event.payload.message });
    case 'info_requested':
      return notifyCitizen(tx, { caseId, key: seq, kind: 'info_requested', message: event.payload.message });
    case 'resolved':
      // Told until when they may accept, rate or ask for a reopening (the surviving case's window for merged ones).
      return notifyCitizen(tx, { caseId, key: seq, kind: 'resolved', message: event.payload.message, respondBy: event.payload.confirmationUntil });
    case 'extended':
      return notifyCitizen(tx, { caseId, key: seq, kind: 'extended', newDueDate: event.payload.dueDate, reason: event.payload.reason });
    case 'assigned':
    case 'forwarded':
      if (!effect.handover) return;
      await notifyStaffOf(tx, { caseId, key: seq, kind: 'assigned', notice: 'assigned', agencyId: effect.handover.toAgencyId });
      return;
    case 'returned':
      // Back for screening: whoever screens at the agency it returns to.
      if (!effect.handover) return;
      await notifyStaffOf(tx, {
        caseId,
        key: seq,
        kind: 'assigned',
        notice: 'returned',
        agencyId: effect.handover.toAgencyId,
        detail: `ส่งคืนเพื่อกลั่นกรองใหม่: ${event.payload.reason}`,
      });
      return;
    default:
      return;
  }
}

/** What the system's close adds to its audit record. */
type SystemCloseAudit = Required<Pick<AuditDetails<'case.close'>, 'by' | 'confirmationUntil'>>;

function auditDetails(effect: Effect): Omit<AuditDetails<`case.${CaseAction}`>, 'trackingCode' | 'from' | 'to' | 'files'> {
  const merged = effect.patch.mergedIntoCaseId ? { intoCaseId: effect.patch.mergedIntoCaseId } : {};
  const handedOver = effect.handover ? { ...merged, handover: effect.handover.kind, toAgencyId: effect.handover.toAgencyId } : merged;
  return { ...handedOver, ...effect.audit };
}

async function targetAgency(tx: Queryable, code: string, record: CaseRecord) {
  const agency = await findAgencyRefByCode(tx, code);
  if (!agency || !agency.active) throw invalidInput([{ field: 'agencyCode', message: `unknown agency ${code}`, messageTh: `ไม่พบหน่วยงาน ${code} หรือหน่วยงานปิดใช้งานแล้ว` }]);
  if (agency.id === record.holderAgencyId) throw invalidInput([{ field: 'agencyCode', message: 'the case is already held by this agency', messageTh: 'เรื่องนี้อยู่ที่หน่วยงานนี้แล้ว' }]);
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
    case 'screen': {
      const { note, categoryCode } = body as ActionBodies['screen'];
      const category = await categoryChange(tx, record, categoryCode);
      return {
        patch: category.patch,
        event: { type: 'screened', visibility: 'internal', payload: withOptional(category.payload, 'note', note) },
        extra: (inner) => recordCorrections(inner, user, record, { categoryCode: category.chosen }, now),
      };
    }
    case 'assign':
    case 'forward': {
      const { agencyCode, reason } = body as ActionBodies['assign'];
      const agency = await targetAgency(tx, agencyCode, record);
      const category = await categoryChange(tx, record, action === 'assign' ? (body as ActionBodies['assign']).categoryCode : undefined);
      return {
        patch: { holderAgencyId: agency.id, ...category.patch },
        event: {
          type: action === 'assign' ? 'assigned' : 'forwarded',
          visibility: 'public',
          payload: withOptional({ agencyCode: agency.code, agencyNameTh: agency.nameTh, agencyNameEn: agency.nameEn, ...category.payload }, 'reason', reason),
        },
        handover: { kind: action, toAgencyId: agency.id, reason: reason ?? null },
        extra: (inner) => recordCorrections(inner, user, record, { categoryCode: category.chosen, agency: { code: agency.code, path: agency.path, by: action } }, now),
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
      // Each resolution opens a new confirmation window, a reopened case's too.
      const confirmationUntil = await businessDaysAfter(tx, bangkokDate(now), ctx.config.confirmationBusinessDays, record.holderAgencyPath);
      return {
        patch: { result, resolvedAt: now, confirmationUntil },
        event: { type: 'resolved', visibility: 'public', payload: { result, message, confirmationUntil } },
      };
    }
    case 'close':
      return closeEffect(record, body as ActionBodies['close'], now);
    case 'reopen':
      return {
        patch: { resolvedAt: null, closedAt: null, result: null, confirmationUntil: null },
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

/**
 * ยุติเรื่อง: while the citizen may still accept, rate or reopen, closing takes that voice
 * away, so it needs a reason (kept in the event, shown on both timelines); after the window,
 * none. A citizen who accepted closed the case already.
 */
function closeEffect(record: CaseRecord, body: ActionBodies['close'], now: Date): Effect {
  const early = closeNeedsReason(record, bangkokDate(now));
  if (early && body.reason === undefined) {
    const until = record.confirmationUntil;
    throw invalidInput([
      {
        field: 'reason',
        message: `required to close before the citizen's confirmation window ends${until ? ` (${until})` : ''}: say why the case is closed early`,
        messageTh: `กรุณาระบุเหตุผลที่ยุติเรื่องก่อนครบกำหนดให้ผู้ร้องยืนยันผล${until ? ` (ผู้ร้องตอบได้ถึงวันที่ ${thaiDate(until)})` : ''}`,
      },
    ]);
  }
  const payload = withOptional({ by: 'staff' as const }, 'reason', body.reason);
  return { patch: { closedAt: now }, event: { type: 'closed', visibility: 'public', payload: early ? { ...payload, confirmationUntil: record.confirmationUntil } : payload } };
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
  if (!plan.ok) throw invalidInput([{ field: plan.field, message: plan.message, messageTh: plan.messageTh }]);
  const extendedBusinessDays = record.extendedBusinessDays + plan.businessDays;
  if (extendedBusinessDays > policy.extensionLimitBusinessDays && user.role !== 'supervisor') {
    throw forbidden(
      `Extensions beyond ${policy.extensionLimitBusinessDays} business days in all need a supervisor (this one would make ${extendedBusinessDays})`,
      `การขยายระยะเวลารวมเกิน ${policy.extensionLimitBusinessDays} วันทำการต้องให้ผู้บังคับบัญชาเป็นผู้ขยาย (ครั้งนี้จะรวมเป็น ${extendedBusinessDays} วันทำการ)`,
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
  const moved = { previousDueDate: record.dueDate, dueDate: rebased.dueDate, targetBusinessDays: rebased.policy.targetBusinessDays };
  const { event } = effect;
  if (event.type === 'assigned' || event.type === 'forwarded' || event.type === 'returned') event.payload = { ...event.payload, ...moved };
  else throw new Error(`a hand-over recorded as a "${event.type}" event`);
}

/** Events the citizen sees as progress: each restarts the progress-update interval. */
const PUBLIC_PROGRESS: readonly CaseAction[] = ['accept', 'reply', 'request-info', 'resolve', 'extend', 'assign', 'forward'];

/** The SLA columns an action changes besides its own: pause, progress date, state. */
async function slaPatch(tx: Queryable, record: CaseRecord, action: CaseAction, patch: CasePatch, to: CaseStatus, now: Date): Promise<CasePatch> {
  const today = bangkokDate(now);
  const sla: CasePatch = {};
  if (action === 'request-info') sla.pausedAt = now;
  if (PUBLIC_PROGRESS.includes(action)) sla.progressDueOn = await businessDaysAfter(tx, today, (await policyOfCase(tx, record)).progressIntervalBusinessDays, record.holderAgencyPath);
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
  if (intoCaseId === record.id) throw invalidInput([{ field: 'intoCaseId', message: 'a case cannot be merged into itself', messageTh: 'รวมเรื่องเข้ากับตัวเองไม่ได้' }]);
  const target = await lockCase(tx, intoCaseId);
  if (!target || caseFactsFor(user, target).relation === 'outside') {
    throw invalidInput([{ field: 'intoCaseId', message: 'no such case in your scope', messageTh: 'ไม่พบเรื่องนี้ในหน่วยงานที่ท่านดูแล' }]);
  }
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

/**
 * A person sets the category while screening or assigning: it must exist; a sensitive one
 * makes the case sensitive and confidential (never the other way: a person lifts that
 * consciously, not by re-categorising).
 */
async function categoryChange(
  tx: Queryable,
  record: CaseRecord,
  categoryCode: string | undefined,
): Promise<{ patch: CasePatch; payload: Pick<CaseEventPayload<'screened'>, 'categoryCode' | 'previousCategoryCode'>; chosen: string | undefined }> {
  if (categoryCode === undefined) return { patch: {}, payload: {}, chosen: undefined };
  const category = await findCategory(tx, categoryCode);
  if (!category || !category.active) throw invalidInput([{ field: 'categoryCode', message: `unknown category ${categoryCode}`, messageTh: `ไม่พบประเภทเรื่อง ${categoryCode}` }]);
  if (category.code === record.categoryCode) return { patch: {}, payload: {}, chosen: category.code };
  const patch: CasePatch = { categoryCode: category.code };
  if (category.sensitive) Object.assign(patch, { sensitive: true, confidential: true });
  return { patch, payload: { categoryCode: category.code, previousCategoryCode: record.categoryCode }, chosen: category.code };
}

/**
 * A person decided otherwise than triage proposed (category or agency): kept as training
 * data with the model version that made the proposal. Cases triage never saw are skipped.
 */
async function recordCorrections(
  tx: Queryable,
  user: AuthUser,
  record: CaseRecord,
  chosen: { categoryCode?: string | undefined; agency?: { code: string; path: string; by: 'assign' | 'forward' } | undefined },
  now: Date,
): Promise<void> {
  const triage = await findTriage(tx, record.id);
  if (!triage) return;
  const base = { caseId: record.id, modelVersion: triage.modelVersion, userId: user.id, at: now };
  if (chosen.categoryCode !== undefined && chosen.categoryCode !== triage.predictedCategoryCode) {
    await insertCorrection(tx, { ...base, field: 'category', proposed: triage.predictedCategoryCode, corrected: chosen.categoryCode });
  }
  if (chosen.agency && chosen.agency.code !== triage.proposedAgencyCode && (await correctsRouting(tx, record, triage, chosen.agency))) {
    await insertCorrection(tx, { ...base, field: 'agency', proposed: triage.proposedAgencyCode, corrected: chosen.agency.code });
  }
}

/**
 * Whether a hand-over corrects triage's agency: the screener's first assignment elsewhere, or
 * the agency triage assigned to sending the case on to one outside its own tree. A holder
 * handing work down to its own offices, or later moves, say nothing about triage.
 */
async function correctsRouting(
  tx: Queryable,
  record: CaseRecord,
  triage: NonNullable<Awaited<ReturnType<typeof findTriage>>>,
  to: { path: string; by: 'assign' | 'forward' },
): Promise<boolean> {
  if (await hasAgencyCorrection(tx, record.id)) return false;
  if (to.by === 'assign') return true;
  const holder = await findAgencyRefById(tx, record.holderAgencyId);
  return triage.decision === 'auto_assigned' && holder?.code === triage.proposedAgencyCode && !to.path.startsWith(holder.path);
}

/** `payload` with `key` set to `value`, or without the key at all when there is no value. */
function withOptional<P extends object, K extends string, V>(payload: P, key: K, value: V | undefined): P & Partial<Record<K, V>> {
  return value === undefined ? payload : { ...payload, [key]: value };
}

/** An event that came with files says how many (only those that take files: the union refuses the others). */
function withFileCount(event: Effect['event'], files: number): Effect['event'] {
  return { ...event, payload: { ...event.payload, files } } as Effect['event'];
}
