/**
 * What every action on a case shares, so that each action's command says only what it does.
 * A staff action (POST /api/v1/cases/{id}/actions/{action}) loads the case in the user's scope
 * (404 outside it), checks the policy (403) and the state machine (409) in that order, then
 * commits the action's effect in one transaction: the projection with its SLA columns, the
 * action's own rows, the event, the notices and the audit record. A note, a reply or a request
 * for information may bring files (ไฟล์แนบ): checked and stored before the transaction, their
 * rows written in it, and removed again when it fails.
 */
import { bangkokDate } from '../../../shared/business-days.ts';
import type { AuditDetails } from '../../../shared/audit-actions.ts';
import { CASE_ACTION_LABELS_TH, CASE_STATUS_LABELS_TH, ROLE_LABELS_TH, type CaseAction, type CaseStatus } from '../../../shared/case-model.ts';
import type { CaseEventContent } from '../../../shared/case-events.ts';
import { can } from '../../agencies/policy/case.ts';
import { caseFactsFor } from '../../agencies/scope.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import type { IncomingFile } from '../../attachments/file-checks.ts';
import { insertAttachments } from '../../attachments/queries.ts';
import { attachmentRows, withStoredFiles, type StoredFile } from '../../attachments/stored-files.ts';
import { relayCaseEvent, type ViaPartner } from '../../exchange/outbox.ts';
import { syncCaseRollups } from '../../dashboard/rollups.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/database.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { businessDaysAfter } from '../../sla/deadlines.ts';
import { policyOfCase } from '../../sla/policy-queries.ts';
import { slaStateOf } from '../../sla/sla-state.ts';
import { appendCaseEvent, findCaseInScope, lockCasesInOrder, updateCase, type CasePatch, type CaseRecord, type NewCaseEvent } from '../queries.ts';
import { transition, type TransitionAction } from '../state-machine.ts';

/** What a staff action's command is given: who acts, on which case, with the action's own body. */
export interface CaseCommandOptions<Body> {
  user: AuthUser;
  caseId: string;
  body: Body;
}

/** The options of an action that may bring files ({@link takesFiles}). */
export interface CaseCommandWithFiles<Body> extends CaseCommandOptions<Body> {
  files?: readonly IncomingFile[] | undefined;
}

/** What an action does beyond the status change. */
export interface Effect {
  patch: CasePatch;
  event: CaseEventContent & Pick<NewCaseEvent, 'visibility'>;
  /** Rows the action writes besides the projection, before its event (a hand-over, a contact…). */
  extra?: (tx: Queryable) => Promise<void>;
  /** Who hears of it, enqueued in this transaction (sent after commit, retried on failure), once the event has its seq. */
  notify?: (tx: Queryable, seq: number) => Promise<void>;
  /** What the audit record says beyond the step: the merge's target, the hand-over, the system's close. */
  audit?: Omit<AuditDetails<`case.${CaseAction}`>, 'trackingCode' | 'from' | 'to' | 'files'>;
  /** A hand-over to a partner system: the person confirmed that a confidential case's identity may go (exchange/sharing.ts). */
  identityConfirmed?: boolean;
  /** The status after, where the action's rule does not decide it alone (a return to the partner system the case came from ends it here). */
  to?: CaseStatus;
}

/** Who did it: a person, triage acting on a routing rule, or the system itself (a job). */
export interface Actor {
  userId: string | null;
  /** None for the system itself. */
  agencyId: string | null;
  label: string;
}

/** Works out an action's effect on the case, loaded, locked and checked; may refuse it (400, 403, 409). */
export type DecideEffect = (tx: Queryable, record: CaseRecord, now: Date) => Promise<Effect>;

/**
 * Runs a staff action: scope, policy and state machine checked, then `decide`'s effect
 * committed, all in one transaction. Returns the status the case is in after it.
 */
export async function runCaseAction(
  ctx: AppContext,
  command: CaseCommandWithFiles<unknown> & {
    action: CaseAction;
    /** Another case to lock with this one, both in id order (a merge: A→B and B→A must not deadlock). */
    alsoLock?: string;
  },
  decide: DecideEffect,
): Promise<{ status: CaseStatus }> {
  const { user, caseId, action } = command;
  const incoming = command.files ?? [];
  if (incoming.length > 0) {
    // Scope, role and status first: no file is decoded or stored for an action that would be refused.
    stepOrConflict((await loadForAction(ctx.db, user, caseId, action, false)).status, action);
  }
  return withStoredFiles(ctx, incoming, (files) =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      if (command.alsoLock !== undefined) await lockCasesInOrder(tx, [caseId, command.alsoLock]);
      const record = await loadForAction(tx, user, caseId, action, true);
      const step = stepOrConflict(record.status, action);
      const effect = await decide(tx, record, now);
      const to = effect.to ?? step.to;
      await commitEffect(tx, ctx, { record, action, effect, to, actor: { userId: user.id, agencyId: user.agencyId, label: user.username }, now, files });
      return { status: to };
    }),
  );
}

/** The case, when it is in the user's scope (404 otherwise) and their role may take `action` on it (403). */
async function loadForAction(db: Queryable, user: AuthUser, caseId: string, action: CaseAction, lock: boolean): Promise<CaseRecord> {
  const record = await findCaseInScope(db, user, caseId, { lock });
  if (!record) throw notFound('Case', 'เรื่อง');
  if (!can(user, action, caseFactsFor(user, record))) {
    throw forbidden(
      `Your role (${user.role}) may not ${action} this case`,
      `บทบาทของท่าน (${ROLE_LABELS_TH[user.role]}) ไม่มีสิทธิ์${CASE_ACTION_LABELS_TH[action]}ในเรื่องนี้`,
    );
  }
  return record;
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

/**
 * Where an action no person took (triage's rule, the system's close) leads; the caller checked
 * the status already, so a refusal here is a bug.
 */
export function systemStep(status: CaseStatus, action: TransitionAction): { to: CaseStatus } {
  const step = transition(status, action);
  if (!step.ok) throw new Error(`cannot ${action} a case that is ${status}`);
  return step;
}

/**
 * Writes what an action does: projection (with the SLA columns), the action's own rows, the
 * event, its files, notices and the audit record `case.<action>`.
 */
export async function commitEffect(
  tx: Queryable,
  ctx: AppContext,
  step: { record: CaseRecord; action: CaseAction; effect: Effect; to: CaseStatus; actor: Actor; now: Date; files?: readonly StoredFile[]; fromPartner?: ViaPartner | undefined },
): Promise<void> {
  const { record, action, effect, to, actor, now } = step;
  const files = step.files ?? [];
  const patch: CasePatch = { ...effect.patch, status: to };
  Object.assign(patch, await slaPatch(tx, record, action, patch, to, now));
  await updateCase(tx, record.id, patch, now);
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
  await effect.notify?.(tx, seq);
  // The partner systems linked to the case hear of it (exchange/outbox.ts), in this transaction.
  await relayCaseEvent(tx, ctx, {
    caseId: record.id,
    event: effect.event,
    statusAfter: to,
    holderAgencyId: patch.holderAgencyId ?? record.holderAgencyId,
    at: now,
    fromPartnerId: step.fromPartner?.id,
    identityConfirmed: effect.identityConfirmed,
  });
  await recordAudit(tx, {
    actor: { userId: actor.userId, label: actor.label },
    action: `case.${action}`,
    entityType: 'case',
    entityId: record.id,
    details: { trackingCode: record.trackingCode, from: record.status, to, ...effect.audit, ...(files.length ? { files: files.length } : {}) },
    at: now,
  });
  // After the audit record: every writer takes the audit chain's head first, then the counters
  // (shared by all the cases of an agency and of those above it), so no two wait on each other.
  await syncCaseRollups(tx, record.id);
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

/** `payload` with `key` set to `value`, or without the key at all when there is no value. */
export function withOptional<P extends object, K extends string, V>(payload: P, key: K, value: V | undefined): P & Partial<Record<K, V>> {
  return value === undefined ? payload : { ...payload, [key]: value };
}

/** An event that came with files says how many (only those that take files: the union refuses the others). */
function withFileCount(event: Effect['event'], files: number): Effect['event'] {
  return { ...event, payload: { ...event.payload, files } } as Effect['event'];
}
