/**
 * What a partner's message does to our case, once it is the thread's next: the same effects
 * as our own staff's and citizens' actions (events, status, SLA, notices, audit), attributed
 * to the partner. A transfer makes a case held by the agency it names; what the holder sends
 * back moves the origin's case (accepted, returned, replied, resolved …); what the origin
 * sends on (rating, information, reopening, follow-up) reaches the holder's case. Where our
 * case can no longer take the step (closed here meanwhile), the message is recorded on the
 * timeline and changes nothing: a partner's message is never refused for our state.
 */
import type { ExchangeMessage } from '../../shared/api/exchange-messages.ts';
import type { CaseAction, CaseStatus } from '../../shared/case-model.ts';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import type { StoredFile } from '../attachments/stored-files.ts';
import { acceptEffect } from '../cases/commands/accept-case.ts';
import { recordCitizenMessage } from '../cases/commands/add-citizen-message.ts';
import { commitEffect, type Effect } from '../cases/commands/case-action.ts';
import { insertNewCase, type ComplaintInput } from '../cases/commands/create-case.ts';
import { planCaseExtension } from '../cases/commands/extend-deadline.ts';
import { followUpEffect } from '../cases/commands/follow-up-case.ts';
import { recordFeedback } from '../cases/commands/give-feedback.ts';
import { handOverEffect } from '../cases/commands/hand-over.ts';
import { resolveEffect } from '../cases/commands/resolve-case.ts';
import { tellCitizen } from '../cases/commands/tell-citizen.ts';
import { hasIdentity, normaliseIdentity } from '../cases/identity.ts';
import { findHandingAgency, lockCase, type CaseRecord } from '../cases/queries.ts';
import { transition } from '../cases/state-machine.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { invalidInput } from '../platform/errors.ts';
import { findCategory } from '../reference/queries.ts';
import { policyOfCase } from '../sla/policy-queries.ts';
import type { ViaPartner } from './outbox.ts';
import { findPartnerServing, moveLinkToCase, setLinkActive, type CaseLink, type PartnerKeys } from './queries.ts';

export interface Applied {
  caseId: string | null;
  /** What the answer adds: our reference and tracking code of a case a transfer made. */
  extra: { reference?: string; trackingCode?: string };
}

type Transfer = Extract<ExchangeMessage, { type: 'case.transfer' }>;

export async function applyMessage(
  tx: Queryable,
  ctx: AppContext,
  options: { partner: PartnerKeys; message: ExchangeMessage; link: CaseLink | undefined; files: readonly StoredFile[] },
): Promise<Applied> {
  const { partner, message, link } = options;
  const via: ViaPartner = { id: partner.id, code: partner.code, name: partner.name };
  if (message.type === 'case.transfer') return applyTransfer(tx, ctx, via, message, link, options.files);
  if (!link) throw invalidInput([{ field: 'thread', message: 'no case of this thread is known here', messageTh: 'ไม่พบเรื่องที่ข้อความนี้อ้างถึงในระบบนี้' }]);
  const record = await lockCase(tx, link.caseId);
  if (!record) throw new Error(`linked case ${link.caseId} is missing`);
  await applyToCase(tx, ctx, { via, message, record, link });
  return { caseId: record.id, extra: {} };
}

/** A case sent to us: made here, held by the agency it names, under our own deadline. */
async function applyTransfer(tx: Queryable, ctx: AppContext, via: ViaPartner, message: Transfer, link: CaseLink | undefined, files: readonly StoredFile[]): Promise<Applied> {
  const { body } = message;
  const agency = await findAgencyRefByCode(tx, body.agencyCode);
  const servedThere = agency ? await findPartnerServing(tx, agency.id) : undefined;
  if (!agency?.active || servedThere?.id === via.id) {
    throw invalidInput([{ field: 'body.agencyCode', message: `no agency ${body.agencyCode} of this system takes cases`, messageTh: `ระบบนี้ไม่มีหน่วยงานรหัส ${body.agencyCode} ที่รับเรื่องได้` }]);
  }
  // Sent again after we returned it: a new case here, the thread's link moved to it.
  if (link?.active) return { caseId: link.caseId, extra: { reference: link.caseId } };
  const category = body.categoryCode ? await findCategory(tx, body.categoryCode) : undefined;
  const complainant = body.complainant && hasIdentity(body.complainant) ? normaliseIdentity(body.complainant, 'body.complainant') : undefined;
  const input: ComplaintInput = {
    description: body.description,
    title: body.title ?? undefined,
    categoryCode: category?.active ? category.code : undefined,
    channel: 'partner',
    location: body.location ?? undefined,
    complainant,
    anonymous: body.anonymous || !complainant,
    confidential: body.confidential || body.sensitive,
  };
  const now = ctx.now();
  const created = await insertNewCase(
    tx,
    ctx,
    {
      input,
      identity: complainant,
      receivedAt: now,
      now,
      fromPartner: { partner: via, agencyId: agency.id, agencyCode: agency.code, remoteReference: message.senderRef, remoteTrackingCode: body.trackingCode, linkExists: link !== undefined },
    },
    files,
  );
  if (link) await moveLinkToCase(tx, via.id, link.caseId, created.id);
  return { caseId: created.id, extra: { reference: created.id, trackingCode: created.trackingCode } };
}

interface OnCase {
  via: ViaPartner;
  message: Exclude<ExchangeMessage, Transfer>;
  record: CaseRecord;
  link: CaseLink;
}

async function applyToCase(tx: Queryable, ctx: AppContext, on: OnCase): Promise<void> {
  const { via, message, record } = on;
  const now = ctx.now();
  const partner = { code: via.code, name: via.name };
  const step = (action: CaseAction, effect: Effect) => commitStep(tx, ctx, on, action, effect, now);
  switch (message.type) {
    case 'case.accepted': {
      const effect = acceptEffect(record);
      return step('accept', { ...effect, event: { type: 'accepted', visibility: 'public', payload: { partner } } });
    }
    case 'case.returned': {
      await setLinkActive(tx, record.id, via.id, false);
      const toAgencyId = (await findHandingAgency(tx, record.id, record.holderAgencyId)) ?? record.receivingAgencyId;
      const effect = await handOverEffect(tx, ctx, record, {
        kind: 'return',
        toAgencyId,
        reason: message.body.reason,
        byUserId: null,
        event: { type: 'returned', visibility: 'public', payload: { reason: message.body.reason, partner } },
        now,
      });
      return step('return', effect);
    }
    case 'case.replied':
    case 'case.info_requested': {
      const type = message.type === 'case.replied' ? 'reply' : 'info_requested';
      const effect = await tellCitizen(type, message.body.message)(tx, record, now);
      return step(type === 'reply' ? 'reply' : 'request-info', { ...effect, event: { type, visibility: 'public', payload: { message: message.body.message, partner } } });
    }
    case 'case.extended':
      return applyExtension(tx, ctx, on, message.body, now);
    case 'case.progress':
      return progress(tx, ctx, on, message.body.message, now);
    case 'case.resolved': {
      const effect = await resolveEffect(tx, ctx, record, message.body, now);
      if (effect.event.type !== 'resolved') throw new Error('a resolution without its event');
      return step('resolve', { ...effect, event: { ...effect.event, payload: { ...effect.event.payload, partner } } });
    }
    case 'case.closed':
      return step('close', { patch: { closedAt: now }, event: { type: 'closed', visibility: 'public', payload: { by: 'partner', partner, ...(message.body.reason ? { reason: message.body.reason } : {}) } } });
    case 'case.rated': {
      const reopen = !message.body.accepted;
      if (!transition(record.status, reopen ? 'feedback-reopen' : 'feedback-accept').ok) {
        return progress(tx, ctx, on, `ผู้ร้องประเมินความพึงพอใจ ${message.body.rating}/5${message.body.comment ? `: ${message.body.comment}` : ''}`, now);
      }
      await recordFeedback(tx, ctx, record, { rating: message.body.rating, comment: message.body.comment, reopen, now, via });
      return;
    }
    case 'case.info_added':
      if (!transition(record.status, 'citizen-message').ok) return progress(tx, ctx, on, `ผู้ร้องส่งข้อมูลเพิ่มเติม: ${message.body.message}`, now);
      await recordCitizenMessage(tx, ctx, record, { message: message.body.message, files: [], now, via });
      return;
    case 'case.reopened':
      return step('reopen', {
        patch: { resolvedAt: null, closedAt: null, result: null, confirmationUntil: null },
        // The origin's staff reopened it there (a citizen's reopening comes as a rating not accepted).
        event: { type: 'reopened', visibility: 'public', payload: { by: 'staff', reason: message.body.reason ?? 'ขอให้พิจารณาใหม่', partner } },
      });
    case 'case.followed_up': {
      const effect = followUpEffect(record, via.name, message.body.message);
      return step('follow-up', { ...effect, event: { type: 'followed_up', visibility: 'internal', payload: { message: message.body.message, agencyId: record.holderAgencyId, partner } } });
    }
  }
}

/** Commits the step when our case can take it; otherwise the partner's news goes on the timeline only. */
async function commitStep(tx: Queryable, ctx: AppContext, on: OnCase, action: CaseAction, effect: Effect, now: Date): Promise<void> {
  const next = transition(on.record.status, action);
  if (!next.ok) return progress(tx, ctx, on, describeUntakenStep(on.message), now);
  const to: CaseStatus = effect.to ?? next.to;
  await commitEffect(tx, ctx, { record: on.record, action, effect, to, actor: { userId: null, agencyId: null, label: `partner:${on.via.code}` }, now, fromPartner: on.via });
}

/** ความคืบหน้า from the partner: a public event on our case, the status as it is. */
async function progress(tx: Queryable, ctx: AppContext, on: OnCase, message: string, now: Date): Promise<void> {
  const effect: Effect = { patch: {}, event: { type: 'partner_progress', visibility: 'public', payload: { partner: { code: on.via.code, name: on.via.name }, message } } };
  await commitEffect(tx, ctx, { record: on.record, action: 'note', effect, to: on.record.status, actor: { userId: null, agencyId: null, label: `partner:${on.via.code}` }, now, fromPartner: on.via });
}

/** The holder gave itself more time: our deadline follows where it can (a later date), else the timeline says so. */
async function applyExtension(tx: Queryable, ctx: AppContext, on: OnCase, body: { reason: string; dueDate: string }, now: Date): Promise<void> {
  const { record } = on;
  const policy = await policyOfCase(tx, record);
  const plan = await planCaseExtension(tx, ctx, record, policy, { newDueDate: body.dueDate });
  if (!plan.ok || !transition(record.status, 'extend').ok) return progress(tx, ctx, on, `ขยายเวลาดำเนินการถึงวันที่ ${body.dueDate}: ${body.reason}`, now);
  await commitStep(tx, ctx, on, 'extend', {
    patch: { dueDate: plan.dueDate, dueSoonFrom: plan.dueSoonFrom, extendedBusinessDays: record.extendedBusinessDays + plan.businessDays },
    event: {
      type: 'extended',
      visibility: 'public',
      payload: { reason: body.reason, previousDueDate: record.dueDate, dueDate: plan.dueDate, businessDays: plan.businessDays, partner: { code: on.via.code, name: on.via.name } },
    },
  }, now);
}

function describeUntakenStep(message: Exclude<ExchangeMessage, Transfer>): string {
  switch (message.type) {
    case 'case.accepted':
      return 'รับเรื่องไว้ดำเนินการ';
    case 'case.returned':
      return `ส่งคืนเรื่อง: ${message.body.reason}`;
    case 'case.replied':
    case 'case.info_requested':
    case 'case.progress':
    case 'case.info_added':
    case 'case.followed_up':
      return message.body.message;
    case 'case.extended':
      return `ขยายเวลาดำเนินการถึงวันที่ ${message.body.dueDate}: ${message.body.reason}`;
    case 'case.resolved':
      return `ดำเนินการแล้ว: ${message.body.message}`;
    case 'case.closed':
      return 'ยุติเรื่องแล้ว';
    case 'case.rated':
      return `ผู้ร้องประเมินความพึงพอใจ ${message.body.rating}/5`;
    case 'case.reopened':
      return 'ผู้ร้องขอให้พิจารณาใหม่';
  }
}
