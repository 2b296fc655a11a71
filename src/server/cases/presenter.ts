/**
 * What leaves the server about a case. Staff views redact personal data in free text and
 * carry the user's permissions; the citizen's view shows public events only.
 */
import type { z } from 'zod';
import { bangkokDate, toBuddhistEraDate } from '../../shared/business-days.ts';
import { CASE_STATUS_LABELS_TH, OPEN_STATUSES } from '../../shared/case-model.ts';
import { redactPersonalData } from '../../shared/redaction.ts';
import type { CaseEventType } from '../../shared/case-events.ts';
import { can, permissionsFor, type CaseFacts } from '../agencies/policy/case.ts';
import { caseFactsFor } from '../agencies/scope.ts';
import { actionsAllowedIn, closeNeedsReason, isStaffAction, confirmationOpen, type ConfirmationFacts } from './state-machine.ts';
import { describeDeadline, explainDueDate, extensionReasonsOf } from '../sla/deadline-view.ts';
import { findAgencyRefById } from '../agencies/queries.ts';
import { findAgencyChannel } from '../agencies/channel-queries.ts';
import { findCategory } from '../reference/queries.ts';
import { listAttachments, type AttachmentRow } from '../attachments/queries.ts';
import { attachmentAudienceOf, mayOpenAttachments } from '../attachments/access.ts';
import { presentAttachment, presentStaffAttachment } from '../attachments/presenter.ts';
import type { CaseListRow } from './list-queries.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import type { Queryable } from '../platform/database.ts';
import {
  countContacts,
  findCaseInScope,
  findSurvivingCase,
  listCaseEvents,
  type CaseEventRow,
  type CaseRecord,
  type CaseView,
} from './queries.ts';
import type { CaseDetailSchema, CaseListItemSchema } from '../../shared/api/cases.ts';
import { findOpen311AppById } from '../open311/app-queries.ts';
import type { ConfirmationWindowSchema, PublicCaseSchema } from '../../shared/api/complaints.ts';

const SUMMARY_LENGTH = 160;

export function isOverdue(status: CaseRecord['status'], dueDate: string, now: Date): boolean {
  return OPEN_STATUSES.includes(status) && dueDate < bangkokDate(now);
}

export function presentListItem(row: CaseListRow, now: Date): z.infer<typeof CaseListItemSchema> {
  const redacted = redactPersonalData(row.description);
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    status: row.status,
    channel: row.channel,
    title: row.title === null ? null : redactPersonalData(row.title),
    summary: redacted.length > SUMMARY_LENGTH ? `${redacted.slice(0, SUMMARY_LENGTH)}…` : redacted,
    categoryCode: row.categoryCode,
    provinceCode: row.provinceCode,
    holder: { code: row.holderCode, nameTh: row.holderNameTh, nameEn: row.holderNameEn },
    receivedAt: row.receivedAt.toISOString(),
    dueDate: row.dueDate,
    overdue: isOverdue(row.status, row.dueDate, now),
    slaState: row.slaState,
    confidential: row.confidential,
    sensitive: row.sensitive,
  };
}

/** Free-text fields an event may carry. */
const TEXT_FIELDS = ['message', 'reason', 'note', 'comment'] as const;

/** Payload fields naming another case, hidden when that case is outside the viewer's scope. */
const OTHER_CASE_FIELDS = ['intoCaseId', 'intoTrackingCode', 'fromCaseId', 'fromTrackingCode'] as const;

/** Attachment ids by the event they came with (seq), in the order sent. */
function attachmentIdsByEvent(attachments: readonly AttachmentRow[]): Map<number, string[]> {
  const byEvent = new Map<number, string[]>();
  for (const attachment of attachments) {
    if (attachment.eventSeq === null) continue;
    byEvent.set(attachment.eventSeq, [...(byEvent.get(attachment.eventSeq) ?? []), attachment.id]);
  }
  return byEvent;
}

function presentEvent(event: CaseEventRow, hiddenCaseIds: ReadonlySet<string>, attachmentIds: readonly string[]) {
  const details: Record<string, unknown> = { ...event.payload };
  const otherCase = details.intoCaseId ?? details.fromCaseId;
  if (typeof otherCase === 'string' && hiddenCaseIds.has(otherCase)) {
    for (const field of OTHER_CASE_FIELDS) delete details[field];
  }
  for (const field of TEXT_FIELDS) {
    if (typeof details[field] === 'string') details[field] = redactPersonalData(details[field] as string);
  }
  const message = (details.message ?? details.reason ?? details.note) as string | undefined;
  return {
    id: event.id,
    seq: event.seq,
    at: event.at.toISOString(),
    type: event.type,
    visibility: event.visibility,
    // Names as well as codes: the console shows who acted without looking anyone up.
    actor: {
      username: event.actorUsername,
      displayName: event.actorDisplayName,
      agencyCode: event.actorAgencyCode,
      agencyNameTh: event.actorAgencyNameTh,
      agencyNameEn: event.actorAgencyNameEn,
    },
    statusBefore: event.statusBefore,
    statusAfter: event.statusAfter,
    ...(message === undefined ? {} : { message }),
    details,
    attachmentIds: [...attachmentIds],
  };
}

/** `record` as read at `now` (loadCaseAsOf): its SLA state is that of this moment. */
export async function presentCaseDetail(db: Queryable, user: AuthUser, record: CaseView, now: Date): Promise<z.infer<typeof CaseDetailSchema>> {
  const facts = caseFactsFor(user, record);
  const [holder, receiving, category, mergedInto, events, contactCount, attachments, channel] = await Promise.all([
    findAgencyRefById(db, record.holderAgencyId),
    findAgencyRefById(db, record.receivingAgencyId),
    record.categoryCode ? findCategory(db, record.categoryCode) : undefined,
    // A case merged into one outside the user's scope must not reveal that case: it is loaded in scope or not at all.
    record.mergedIntoCaseId ? findCaseInScope(db, user, record.mergedIntoCaseId) : null,
    listCaseEvents(db, record.id),
    countContacts(db, record.id),
    // A follower sees the files of the public timeline and of follow-ups only, as it sees those events.
    listAttachments(db, record.id, attachmentAudienceOf(facts)),
    record.agencyChannelId ? findAgencyChannel(db, record.agencyChannelId) : undefined,
  ]);
  // A case an app filed was received through that app (แอปพลิเคชันภายนอก), named as registered.
  const app = record.sourceAppId ? await findOpen311AppById(db, record.sourceAppId) : undefined;
  if (!holder || !receiving) throw new Error(`case ${record.id} refers to a missing agency`);
  const description = redactPersonalData(record.description);
  const hiddenCaseIds = await casesOutsideScope(db, user, events);
  const filesByEvent = attachmentIdsByEvent(attachments);
  return {
    ...presentListItem(
      {
        ...record,
        holderCode: holder.code,
        holderNameTh: holder.nameTh,
        holderNameEn: holder.nameEn,
        sourceAppName: app?.name ?? null,
      },
      now,
    ),
    description,
    category: category ? { code: category.code, nameTh: category.nameTh, nameEn: category.nameEn, sensitive: category.sensitive } : null,
    location: {
      provinceCode: record.provinceCode,
      districtCode: record.districtCode,
      subdistrictCode: record.subdistrictCode,
      address: record.address === null ? null : redactPersonalData(record.address),
      lat: record.lat,
      lon: record.lon,
    },
    anonymous: record.anonymous,
    complainant: { present: record.complainantId !== null, visible: record.complainantId !== null && can(user, 'view_identity', facts) },
    receivingAgency: { code: receiving.code, nameTh: receiving.nameTh, nameEn: receiving.nameEn },
    receivedThrough: channel ? { kind: channel.kind, labelTh: channel.labelTh, labelEn: channel.labelEn } : app ? { kind: 'open311_app', labelTh: app.name, labelEn: app.name } : null,
    result: record.result,
    resolvedAt: record.resolvedAt?.toISOString() ?? null,
    closedAt: record.closedAt?.toISOString() ?? null,
    mergedInto: mergedInto ? { id: mergedInto.id, trackingCode: mergedInto.trackingCode } : null,
    satisfaction: record.satisfaction,
    contactCount,
    // เร่งรัด: counted for the reports (followers' and partner systems' follow-ups alike).
    followUpCount: events.filter((event) => event.type === 'followed_up').length,
    sla: await describeDeadline(db, record, extensionReasonsOf(events), now),
    timeline: events.filter((event) => followerSees(facts, event)).map((event) => presentEvent(event, hiddenCaseIds, filesByEvent.get(event.seq) ?? [])),
    // A photo may show who complained: files of a confidential or sensitive case are the identity's.
    attachments: attachments.map((row, position) => presentStaffAttachment(row, position, mayOpenAttachments(user, facts, record), row.seenByCitizen)),
    // Only what the role allows AND the status allows now: the UI shows exactly these.
    permissions: permissionsFor(user, facts).filter((permission) => !isStaffAction(permission) || actionsAllowedIn(record.status).includes(permission)),
    confirmation: presentConfirmation(record, now),
    closeRequiresReason: closeNeedsReason(record, bangkokDate(now)),
  };
}

/**
 * A follower (an agency that sent the case on) reads the public timeline and the follow-ups
 * (เร่งรัด): the holder's internal work stays the holder's and those above it.
 */
function followerSees(facts: CaseFacts, event: CaseEventRow): boolean {
  return facts.relation !== 'follower' || event.visibility === 'public' || event.type === 'followed_up';
}

/** ระยะยืนยันผล as read now: open or not is decided by today's date, not by the job that closes the case. */
function presentConfirmation(record: ConfirmationFacts, now: Date): z.infer<typeof ConfirmationWindowSchema> {
  if (record.status !== 'resolved' || record.confirmationUntil === null) return null;
  const until = record.confirmationUntil;
  return { until, untilBuddhist: toBuddhistEraDate(until), open: confirmationOpen(record, bangkokDate(now)) };
}

/** Ids of the other cases named by merge events that `user` cannot reach. */
async function casesOutsideScope(db: Queryable, user: AuthUser, events: CaseEventRow[]): Promise<Set<string>> {
  const named = new Set(
    events
      .flatMap((event) => (event.type === 'merged' ? [event.payload.intoCaseId] : event.type === 'merged_in' ? [event.payload.fromCaseId] : []))
      // A stored event that did not parse is kept as it was (cases/events.ts): only ids are looked up.
      .filter((id): id is string => typeof id === 'string'),
  );
  const hidden = new Set<string>();
  for (const id of named) {
    if (!(await findCaseInScope(db, user, id))) hidden.add(id);
  }
  return hidden;
}

/** The text a citizen reads for a public event (Thai). */
function publicMessage(event: CaseEventRow): string | undefined {
  switch (event.type) {
    case 'assigned':
    case 'forwarded': {
      // Under the new holder's policy the due date may change: the citizen is told.
      const { agencyNameTh, dueDate } = event.payload;
      return dueDate === undefined ? `ส่งเรื่องให้ ${agencyNameTh}` : `ส่งเรื่องให้ ${agencyNameTh} กำหนดแล้วเสร็จเป็นวันที่ ${toBuddhistEraDate(dueDate)}`;
    }
    case 'merged':
      return `รวมกับเรื่องเลขที่ ${event.payload.intoTrackingCode} ซึ่งเป็นเรื่องเดียวกัน`;
    case 'extended':
      return `ขยายระยะเวลาดำเนินการถึงวันที่ ${toBuddhistEraDate(event.payload.dueDate)} เนื่องจาก ${event.payload.reason}`;
    case 'sla_resumed':
      return `ได้รับข้อมูลเพิ่มเติมแล้ว เริ่มนับเวลาต่อ กำหนดแล้วเสร็จเป็นวันที่ ${toBuddhistEraDate(event.payload.dueDate)}`;
    case 'rated':
      return event.payload.comment;
    default: {
      const { payload } = event;
      const text = ('message' in payload ? payload.message : undefined) ?? ('reason' in payload ? payload.reason : undefined);
      return typeof text === 'string' ? text : undefined;
    }
  }
}

export async function presentPublicCase(db: Queryable, record: CaseRecord, now: Date): Promise<z.infer<typeof PublicCaseSchema>> {
  const [holder, events, attachments] = await Promise.all([
    findAgencyRefById(db, record.holderAgencyId),
    listCaseEvents(db, record.id, 'public'),
    // What the citizen sent and what staff sent them: never the files of an internal note.
    listAttachments(db, record.id, 'citizen'),
  ]);
  if (!holder) throw new Error(`case ${record.id} refers to a missing agency`);
  const filesByEvent = attachmentIdsByEvent(attachments);
  return {
    trackingCode: record.trackingCode,
    status: record.status,
    statusLabel: CASE_STATUS_LABELS_TH[record.status],
    categoryCode: record.categoryCode,
    agency: { code: holder.code, name: holder.nameTh, nameEn: holder.nameEn },
    receivedAt: record.receivedAt.toISOString(),
    dueDate: record.dueDate,
    dueDateBuddhist: toBuddhistEraDate(record.dueDate),
    dueDateExplanation: await explainDueDate(db, record, extensionReasonsOf(events)),
    timeline: events.map((event) => publicTimelineEntry(event, filesByEvent.get(event.seq))),
    attachments: attachments.map(presentAttachment),
    confirmation: presentConfirmation(record, now),
    survivingCase: record.status === 'merged' ? await presentSurvivingCase(db, record, now) : null,
  };
}

/**
 * An event as the citizen reads it: when, what and the text — never who on the staff did it;
 * but which partner system did it (another agency's), by the name we registered it under.
 */
function publicTimelineEntry(event: CaseEventRow, attachmentIds?: readonly string[]) {
  const message = publicMessage(event);
  const partner = partnerNameOf(event);
  return {
    at: event.at.toISOString(),
    type: event.type,
    ...(message === undefined ? {} : { message }),
    ...(partner === undefined ? {} : { partner: { name: partner } }),
    ...(attachmentIds?.length ? { attachmentIds: [...attachmentIds] } : {}),
  };
}

/** The name of the partner system an event's payload names (การแลกเปลี่ยนเรื่อง), if any. */
function partnerNameOf(event: CaseEventRow): string | undefined {
  const partner = (event.payload as { partner?: { name?: unknown } }).partner;
  return typeof partner?.name === 'string' ? partner.name : undefined;
}

/** Events of the surviving case about the matter itself: not what passed between it and its own complainant. */
const SHARED_PROGRESS_EVENTS = new Set<CaseEventType>(['assigned', 'forwarded', 'accepted', 'extended', 'resolved', 'closed', 'reopened']);

/** The progress of the case a merged case joined, as its complainant may follow it (personal data redacted). */
async function presentSurvivingCase(db: Queryable, record: CaseRecord, now: Date): Promise<NonNullable<z.infer<typeof PublicCaseSchema>['survivingCase']>> {
  const survivor = await findSurvivingCase(db, record);
  const [holder, events] = await Promise.all([findAgencyRefById(db, survivor.holderAgencyId), listCaseEvents(db, survivor.id, 'public')]);
  if (!holder) throw new Error(`case ${survivor.id} refers to a missing agency`);
  return {
    status: survivor.status,
    statusLabel: CASE_STATUS_LABELS_TH[survivor.status],
    agency: { code: holder.code, name: holder.nameTh, nameEn: holder.nameEn },
    dueDate: survivor.dueDate,
    dueDateBuddhist: toBuddhistEraDate(survivor.dueDate),
    confirmation: presentConfirmation(survivor, now),
    timeline: events
      .filter((event) => SHARED_PROGRESS_EVENTS.has(event.type))
      .map((event) => {
        // The other case's files are its complainant's: none are listed here.
        const entry = publicTimelineEntry(event);
        return entry.message === undefined ? entry : { ...entry, message: redactPersonalData(entry.message) };
      }),
  };
}
