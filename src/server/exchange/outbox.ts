/**
 * The exchange's outbox: what a case event means for the partner systems linked to the case,
 * written as outbound messages in the transaction of the event itself, so a message exists
 * exactly when its event commits (nothing lost on a crash); the delivery job (delivery.ts)
 * signs and sends them.
 *
 * - A case assigned or forwarded (ส่งต่อ) to an agency a partner serves goes to that partner
 *   (`case.transfer`), built by the sharing agreement (sharing.ts).
 * - A case we hold for a partner (received from it) sends back what we do with it: accepted,
 *   returned, replies, requests for information, extensions, progress, resolution, closing.
 * - A case a partner holds for us (sent to it) sends on what the citizen and our staff add:
 *   a rating, information, a reopening, a follow-up (เร่งรัด).
 * Nothing goes back to the partner whose message the event applies (`fromPartnerId`).
 */
import { randomUUID } from 'node:crypto';
import {
  EXCHANGE_PROTOCOL,
  ExchangeMessageSchema,
  type ExchangeBody,
  type ExchangeMessage,
  type ExchangeMessageType,
} from '../../shared/api/exchange-messages.ts';
import type { CaseEventContent } from '../../shared/case-events.ts';
import type { CaseStatus } from '../../shared/case-model.ts';
import { findAgencyRefById } from '../agencies/queries.ts';
import { listAttachments } from '../attachments/queries.ts';
import { fileStoreOf } from '../attachments/storage.ts';
import { readIdentity } from '../cases/identity.ts';
import { appendCaseEvent, findCase, type CaseRecord } from '../cases/queries.ts';
import { enqueueJob } from '../platform/jobs.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { deactivateOtherSentLinks, findLinkByThread, findPartnerServing, findSharingAgreement, insertMessage, listCaseLinks, setLinkActive, takeOutSeq, upsertCaseLink, type CaseLink, type ServingPartner } from './queries.ts';
import { identityLevel, sharedComplainant, sharedFileName, sharedText } from './sharing.ts';

export const DELIVER_JOB = 'exchange.deliver';

/** The partner system whose message a change applies. */
export interface ViaPartner {
  id: string;
  code: string;
  name: string;
}

/** What happened to a case, as the outbox needs it. */
export interface RelayFacts {
  caseId: string;
  event: CaseEventContent;
  statusAfter: CaseStatus;
  /** The holder after the event. */
  holderAgencyId: string;
  at: Date;
  /** The partner whose message this event applies: nothing of it goes back there. */
  fromPartnerId?: string | null | undefined;
  /** A person handing the case over confirmed that a confidential case's identity may go (sharing.ts). */
  identityConfirmed?: boolean | undefined;
}

/** Writes the outbound messages `facts` call for, in the caller's transaction. */
export async function relayCaseEvent(tx: Queryable, ctx: AppContext, facts: RelayFacts): Promise<void> {
  const { event } = facts;
  const handedOver = event.type === 'assigned' || event.type === 'forwarded' ? event : undefined;
  const sentTo = handedOver ? await findPartnerServing(tx, facts.holderAgencyId) : undefined;
  if (handedOver && sentTo) await sendCaseToPartner(tx, ctx, facts, handedOver, sentTo);
  for (const link of await listCaseLinks(tx, facts.caseId)) {
    if (!link.active || link.partnerId === facts.fromPartnerId || link.partnerId === sentTo?.id) continue;
    const outgoing = link.direction === 'received' ? await toOrigin(tx, event, facts) : await toHolder(event, facts, sharingWith(tx, ctx, facts.caseId, link.partnerId));
    if (!outgoing) continue;
    await queueMessage(tx, ctx, { link, caseId: facts.caseId, at: facts.at, ...outgoing });
    // A case we return to the partner it came from is no longer ours to report on.
    if (outgoing.type === 'case.returned') await setLinkActive(tx, facts.caseId, link.partnerId, false);
  }
}

type Outgoing = { [T in ExchangeMessageType]: { type: T; body: ExchangeBody<T> } }[ExchangeMessageType];

/** What the holder (us) tells the origin of an event, if anything. */
async function toOrigin(tx: Queryable, event: CaseEventContent, facts: RelayFacts): Promise<Outgoing | null> {
  switch (event.type) {
    case 'accepted':
      return { type: 'case.accepted', body: {} };
    case 'returned':
      // Only a return to the partner itself (the case ends here); a return inside our tree is our own business.
      return facts.statusAfter === 'rejected' ? { type: 'case.returned', body: { reason: event.payload.reason } } : null;
    case 'rejected':
      return { type: 'case.returned', body: { reason: event.payload.reason } };
    case 'reply':
      return { type: 'case.replied', body: { message: event.payload.message } };
    case 'info_requested':
      return { type: 'case.info_requested', body: { message: event.payload.message } };
    case 'extended':
      return { type: 'case.extended', body: { reason: event.payload.reason, dueDate: event.payload.dueDate } };
    case 'resolved':
      return { type: 'case.resolved', body: { result: event.payload.result, message: event.payload.message } };
    case 'closed':
      return { type: 'case.closed', body: 'reason' in event.payload && event.payload.reason ? { reason: event.payload.reason } : {} };
    case 'assigned':
    case 'forwarded': {
      const agency = await findAgencyRefById(tx, facts.holderAgencyId);
      return { type: 'case.progress', body: { message: `ส่งต่อไปยัง ${agency?.nameTh ?? event.payload.agencyNameTh}` } };
    }
    // News from a system further on (a case we sent on): the origin hears it too.
    case 'partner_progress':
      return { type: 'case.progress', body: { message: `${event.payload.partner.name}: ${event.payload.message}` } };
    default:
      return null;
  }
}

/**
 * What the origin (us) tells the partner holding the case of an event, if anything: what the
 * citizen and our staff write goes as the sharing agreement allows, as the case itself went.
 */
async function toHolder(event: CaseEventContent, facts: RelayFacts, share: (text: string) => Promise<string>): Promise<Outgoing | null> {
  switch (event.type) {
    case 'rated':
      return { type: 'case.rated', body: { rating: event.payload.rating, accepted: facts.statusAfter !== 'in_progress', ...(event.payload.comment ? { comment: await share(event.payload.comment) } : {}) } };
    case 'reopened':
      return { type: 'case.reopened', body: { reason: event.payload.reason === null ? null : await share(event.payload.reason) } };
    case 'info_received':
    case 'citizen_message':
      return { type: 'case.info_added', body: { message: await share(event.payload.message) } };
    case 'followed_up':
      return { type: 'case.followed_up', body: { message: await share(event.payload.message) } };
    case 'closed':
      // The citizen's acceptance goes with the rating; a close by our staff or the system closes it there too.
      return event.payload.by === 'citizen' ? null : { type: 'case.closed', body: 'reason' in event.payload && event.payload.reason ? { reason: await share(event.payload.reason) } : {} };
    default:
      return null;
  }
}

/**
 * How free text about the case may go to a partner holding it: its agreement, for this case (no
 * person's confirmation now). The case, the agreement and the identity are read at the first
 * text only: most events send nothing.
 */
function sharingWith(tx: Queryable, ctx: AppContext, caseId: string, partnerId: string): (text: string) => Promise<string> {
  let sharer: Promise<(text: string) => string> | undefined;
  const load = async () => {
    const [record, partner] = await Promise.all([findCase(tx, caseId), findSharingAgreement(tx, partnerId)]);
    if (!record || !partner) throw new Error(`case ${caseId} or partner ${partnerId} vanished inside the transaction`);
    const identity = record.complainantId ? await readIdentity(tx, ctx.protector, record.complainantId) : null;
    const level = identityLevel(partner, sharingFacts(record, false));
    return (text: string) => sharedText(text, level, partner, identity).text;
  };
  return async (text) => (await (sharer ??= load()))(text);
}

/** The case goes to the partner serving its new holder: the transfer, by the sharing agreement, and the event that says what left. */
async function sendCaseToPartner(
  tx: Queryable,
  ctx: AppContext,
  facts: RelayFacts,
  event: Extract<CaseEventContent, { type: 'assigned' | 'forwarded' }>,
  partner: ServingPartner,
): Promise<void> {
  const record = await findCase(tx, facts.caseId);
  if (!record) throw new Error(`case ${facts.caseId} vanished inside its own transaction`);
  // It left whichever partner held it before (a case moves on from one system to another).
  await deactivateOtherSentLinks(tx, record.id, partner.id);
  const thread = { origin: ctx.config.instanceCode, ref: record.id };
  await upsertCaseLink(tx, { caseId: record.id, partnerId: partner.id, direction: 'sent', threadOrigin: thread.origin, threadRef: thread.ref, at: facts.at });
  const link = await findLinkByThread(tx, partner.id, thread);
  if (!link) throw new Error(`the link of case ${record.id} with ${partner.code} vanished inside its own transaction`);
  const { agencyCode, reason } = event.payload;
  const body = await transferBody(tx, ctx, record, partner, { agencyCode, reason, identityConfirmed: facts.identityConfirmed ?? false });
  await queueMessage(tx, ctx, { link, caseId: record.id, at: facts.at, type: 'case.transfer', body });
  await appendCaseEvent(tx, {
    caseId: record.id,
    at: facts.at,
    actorUserId: null,
    actorAgencyId: null,
    statusBefore: facts.statusAfter,
    statusAfter: facts.statusAfter,
    visibility: 'internal',
    type: 'sent_to_partner',
    payload: {
      partner: { code: partner.code, name: partner.name },
      agencyCode,
      identityShared: body.complainant ? identityLevel(partner, sharingFacts(record, facts.identityConfirmed ?? false)) : 'none',
      textRedacted: body.textRedacted,
      files: body.files.length,
    },
  });
}

function sharingFacts(record: CaseRecord, identityConfirmed: boolean) {
  return { confidential: record.confidential, sensitive: record.sensitive, anonymous: record.anonymous, identityConfirmed };
}

/** The case as the partner may have it: the minimum necessary, by its agreement. */
export async function transferBody(
  tx: Queryable,
  ctx: AppContext,
  record: CaseRecord,
  partner: ServingPartner,
  options: { agencyCode: string; reason: string | undefined; identityConfirmed: boolean },
): Promise<ExchangeBody<'case.transfer'>> {
  const level = identityLevel(partner, sharingFacts(record, options.identityConfirmed));
  const identity = record.complainantId ? await readIdentity(tx, ctx.protector, record.complainantId) : null;
  const description = sharedText(record.description, level, partner, identity);
  const title = record.title ? sharedText(record.title, level, partner, identity).text : null;
  const files: ExchangeBody<'case.transfer'>['files'] = [];
  if (partner.attachments) {
    const store = fileStoreOf(ctx);
    for (const [index, file] of (await listAttachments(tx, record.id, 'citizen')).entries()) {
      const bytes = await store.read(file.storageKey);
      files.push({ fileName: sharedFileName(file.fileName, index + 1, level), mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256, contentBase64: bytes.toString('base64') });
    }
  }
  const location =
    record.provinceCode || record.districtCode || record.subdistrictCode || record.lat !== null
      ? dropUndefined({
          provinceCode: record.provinceCode ?? undefined,
          districtCode: record.districtCode ?? undefined,
          subdistrictCode: record.subdistrictCode ?? undefined,
          lat: record.lat ?? undefined,
          lon: record.lon ?? undefined,
        })
      : null;
  return {
    agencyCode: options.agencyCode,
    trackingCode: record.trackingCode,
    receivedAt: record.receivedAt.toISOString(),
    channel: record.channel,
    categoryCode: record.categoryCode,
    title,
    description: description.text,
    textRedacted: description.redacted,
    location,
    anonymous: record.anonymous,
    confidential: record.confidential,
    sensitive: record.sensitive,
    complainant: sharedComplainant(level, identity),
    originDueDate: record.dueDate,
    ...(options.reason ? { reason: level === 'none' || partner.textSharing === 'redacted' ? sharedText(options.reason, 'none', partner, identity).text : options.reason } : {}),
    files,
  };
}

/** An outbound message of a link's thread, queued for delivery (file partners: for the next export). */
export async function queueMessage(tx: Queryable, ctx: AppContext, message: { link: CaseLink; caseId: string; at: Date } & Outgoing): Promise<string> {
  const { link } = message;
  const seq = await takeOutSeq(tx, message.caseId, link.partnerId);
  const envelope = {
    protocol: EXCHANGE_PROTOCOL,
    id: randomUUID(),
    from: ctx.config.instanceCode,
    to: link.partnerCode,
    thread: { origin: link.threadOrigin, ref: link.threadRef },
    seq,
    createdAt: message.at.toISOString(),
    senderRef: message.caseId,
    type: message.type,
    body: message.body,
  };
  // What we sign must be what the protocol says: a bug here is caught before anything leaves.
  const checked = ExchangeMessageSchema.safeParse({ ...envelope, sentAt: envelope.createdAt });
  if (!checked.success) throw new Error(`outbound ${message.type} does not match the protocol: ${checked.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  const id = await insertMessage(tx, {
    direction: 'out',
    messageId: envelope.id,
    partnerId: link.partnerId,
    caseId: message.caseId,
    type: message.type,
    thread: envelope.thread,
    seq,
    envelope,
    jws: null,
    state: 'queued',
    at: message.at,
  });
  if (!id) throw new Error('a fresh message id was taken');
  if (link.partnerDelivery === 'api') await enqueueJob(tx, { type: DELIVER_JOB, payload: { messageId: id }, maxAttempts: ctx.config.exchange.maxAttempts, idempotencyKey: `${DELIVER_JOB}:${id}:0` });
  return id;
}


function dropUndefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

export type { ExchangeMessage };
