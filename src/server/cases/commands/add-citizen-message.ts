/**
 * The citizen adds information from the tracking page. In `awaiting_info` it answers the
 * request and the case goes back to work; otherwise it is a follow-up contact on the case.
 */
import type { CaseStatus } from '../../../shared/case-model.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';
import { openCaseAsCitizen } from '../citizen-access.ts';
import { appendCaseEvent, findStatusBeforeWaiting, insertContact, updateCase } from '../queries.ts';
import { transition } from '../state-machine.ts';

export interface AddCitizenMessageOptions {
  trackingCode: string;
  accessKey: string;
  message: string;
}

export async function addCitizenMessage(ctx: AppContext, options: AddCitizenMessageOptions): Promise<{ trackingCode: string; status: CaseStatus }> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const record = await openCaseAsCitizen(tx, options.trackingCode, options.accessKey, { lock: true });
    const statusBeforeWaiting = record.status === 'awaiting_info' ? await findStatusBeforeWaiting(tx, record.id) : undefined;
    const step = transition(record.status, 'citizen-message', { statusBeforeWaiting });
    if (!step.ok) throw conflict('invalid_transition', step.message, step.messageTh);
    if (step.to !== record.status) await updateCase(tx, record.id, { status: step.to }, now);
    await appendCaseEvent(tx, {
      caseId: record.id,
      at: now,
      type: record.status === 'awaiting_info' ? 'info_received' : 'citizen_message',
      visibility: 'public',
      actorUserId: null,
      actorAgencyId: null,
      statusBefore: record.status,
      statusAfter: step.to,
      payload: { message: options.message },
    });
    // Through the tracking page of the web or the app: the app's cases keep their channel.
    const channel = record.channel === 'mobile_app' ? 'mobile_app' : 'web';
    await insertContact(tx, { caseId: record.id, at: now, channel, kind: 'follow_up', recordedByUserId: null });
    await appendAudit(tx, {
      actor: { userId: null, label: 'citizen' },
      action: 'case.citizen_message',
      entityType: 'case',
      entityId: record.id,
      details: { trackingCode: record.trackingCode, from: record.status, to: step.to },
      at: now,
    });
    return { trackingCode: record.trackingCode, status: step.to };
  });
}
