/**
 * The citizen adds information from the tracking page, with files if they like. In
 * `awaiting_info` it answers the request and the case goes back to work; otherwise it is a
 * follow-up contact on the case.
 */
import type { CaseStatus, Channel } from '../../../shared/case-model.ts';
import type { IncomingFile } from '../../attachments/file-checks.ts';
import { insertAttachments } from '../../attachments/queries.ts';
import { attachmentRows, withStoredFiles, type StoredFile } from '../../attachments/stored-files.ts';
import { relayCaseEvent, type ViaPartner } from '../../exchange/outbox.ts';
import { syncCaseRollups } from '../../dashboard/rollups.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';
import { openCaseAsCitizen } from '../citizen-access.ts';
import { appendCaseEvent, findStatusBeforeWaiting, insertContact, updateCase, type CasePatch, type CaseRecord, type NewCaseEvent } from '../queries.ts';
import type { Queryable } from '../../platform/database.ts';
import { bangkokDate } from '../../../shared/business-days.ts';
import { resumeClock } from '../../sla/deadlines.ts';
import { policyOfCase } from '../../sla/policy-queries.ts';
import { slaStateOf } from '../../sla/sla-state.ts';
import { transition } from '../state-machine.ts';

/** The clock resumes: the deadline moves by the business days it stood still (an event says so). */
async function resumeSla(tx: Queryable, record: CaseRecord, to: CaseStatus, now: Date): Promise<{ patch: CasePatch; event?: NewCaseEvent }> {
  if (record.status !== 'awaiting_info' || !record.pausedAt) return { patch: {} };
  const policy = await policyOfCase(tx, record);
  const moved = await resumeClock(tx, { pausedAt: record.pausedAt, now, dueDate: record.dueDate, policy, agencyPath: record.holderAgencyPath });
  return {
    patch: {
      pausedAt: null,
      pausedBusinessDays: record.pausedBusinessDays + moved.businessDays,
      dueDate: moved.dueDate,
      dueSoonFrom: moved.dueSoonFrom,
      slaState: slaStateOf({ status: to, dueDate: moved.dueDate, dueSoonFrom: moved.dueSoonFrom, finishedOn: null }, bangkokDate(now)),
    },
    event: {
      caseId: record.id,
      at: now,
      type: 'sla_resumed',
      visibility: 'public',
      actorUserId: null,
      actorAgencyId: null,
      statusBefore: to,
      statusAfter: to,
      payload: { pausedBusinessDays: moved.businessDays, previousDueDate: record.dueDate, dueDate: moved.dueDate },
    },
  };
}

export interface AddCitizenMessageOptions {
  trackingCode: string;
  accessKey: string;
  message: string;
  /** ไฟล์แนบ: files sent with the message, checked and stored before the transaction. */
  files?: readonly IncomingFile[] | undefined;
}

export async function addCitizenMessage(ctx: AppContext, options: AddCitizenMessageOptions): Promise<{ trackingCode: string; status: CaseStatus }> {
  const now = ctx.now();
  // The key first: without it no file is decoded or stored.
  if (options.files?.length) await openCaseAsCitizen(ctx, options.trackingCode, options.accessKey);
  return withStoredFiles(ctx, options.files ?? [], (files) => ctx.db.transaction(async (tx) => {
    const record = await openCaseAsCitizen(ctx, options.trackingCode, options.accessKey, tx);
    return recordCitizenMessage(tx, ctx, record, { message: options.message, files, now });
  }));
}

/**
 * The citizen's message on a case, in the caller's transaction: typed on the tracking page,
 * or sent on by the partner system where the citizen follows the case (`via`).
 */
export async function recordCitizenMessage(
  tx: Queryable,
  ctx: AppContext,
  record: CaseRecord,
  options: {
    message: string;
    files: readonly StoredFile[];
    now: Date;
    via?: ViaPartner | undefined;
    /** The channel it came through when not the tracking page: an e-mail reply, a chat (LINE, Facebook); the contact is counted under it. */
    channel?: Channel | undefined;
  },
): Promise<{ trackingCode: string; status: CaseStatus }> {
  const { files, now, via } = options;
  const statusBeforeWaiting = record.status === 'awaiting_info' ? await findStatusBeforeWaiting(tx, record.id) : undefined;
  const step = transition(record.status, 'citizen-message', { statusBeforeWaiting });
  if (!step.ok) throw conflict('invalid_transition', step.message, step.messageTh);
  const resumed = await resumeSla(tx, record, step.to, now);
  if (step.to !== record.status) await updateCase(tx, record.id, { status: step.to, ...resumed.patch }, now);
  const messageSeq = await appendCaseEvent(tx, {
    caseId: record.id,
    at: now,
    type: record.status === 'awaiting_info' ? 'info_received' : 'citizen_message',
    visibility: 'public',
    actorUserId: null,
    actorAgencyId: null,
    statusBefore: record.status,
    statusAfter: step.to,
    payload: { message: options.message, ...(files.length ? { files: files.length } : {}), ...(via ? { partner: { code: via.code, name: via.name } } : {}) },
  });
  await insertAttachments(tx, attachmentRows(files, { caseId: record.id, eventSeq: messageSeq, uploadedBy: 'citizen', uploadedByUserId: null, at: now }));
  // Through the tracking page of the web or the app: the app's cases keep their channel.
  const channel = options.channel ?? (via ? 'partner' : record.channel === 'mobile_app' ? 'mobile_app' : 'web');
  // The deadline moved by the pause: an event of its own, after the answer that ended it.
  if (resumed.event) await appendCaseEvent(tx, resumed.event);
  await insertContact(tx, { caseId: record.id, at: now, channel, kind: 'follow_up', recordedByUserId: null });
  await relayCaseEvent(tx, ctx, {
    caseId: record.id,
    event: { type: record.status === 'awaiting_info' ? 'info_received' : 'citizen_message', payload: { message: options.message } },
    statusAfter: step.to,
    holderAgencyId: record.holderAgencyId,
    at: now,
    fromPartnerId: via?.id,
  });
  await recordAudit(tx, {
    actor: { userId: null, label: via ? `partner:${via.code}` : 'citizen' },
    action: 'case.citizen_message',
    entityType: 'case',
    entityId: record.id,
    details: { trackingCode: record.trackingCode, from: record.status, to: step.to, ...(files.length ? { files: files.length } : {}) },
    at: now,
  });
  // After the audit record: every writer takes the audit chain's head first, then the counters
  // (shared by all the cases of an agency and of those above it), so no two wait on each other.
  await syncCaseRollups(tx, record.id);
  return { trackingCode: record.trackingCode, status: step.to };
}
