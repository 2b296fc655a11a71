/**
 * Telling people what happened to a case. Use cases call these inside their transaction: the
 * notification job is enqueued with the change and sent after it commits, by a worker, with
 * retries. The idempotency key comes from the case, the kind and the caller's key (e.g. the
 * seq of the event that caused it), so a use case that runs twice does not notify twice.
 */
import type { Role } from '../../shared/case-model.ts';
import { findAgencyRefById } from '../agencies/queries.ts';
import type { Queryable } from '../platform/database.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { findCasesMergedInto } from '../cases/queries.ts';
import { findStaffedChain } from './queries.ts';
import { chooseRecipients, fallbackNoteTh, type Recipients, type StaffNotice } from './recipients.ts';
import { CitizenJobPayloadSchema, StaffJobPayloadSchema, type CitizenJobPayload, type StaffJobPayload } from './job-payloads.ts';
import type { CaseNotificationKind } from './staff-templates.ts';
import type { CitizenNotice, Locale } from './templates.ts';

export const NOTIFY_CITIZEN_JOB = 'notify.citizen';
export const NOTIFY_STAFF_JOB = 'notify.staff';

/** What makes one notification distinct from a repeat of it, e.g. the seq of the case event. */
export type NotificationKey = string | number;

export type NotifyCitizenOptions = CitizenNotice & {
  caseId: string;
  key: NotificationKey;
  /** The complainant's language; default Thai. */
  locale?: Locale;
};

/**
 * Enqueues an e-mail to the complainant (sent only when the case is not anonymous and the
 * complainant gave an e-mail address). Throws on a notice without its text.
 */
export async function notifyCitizen(tx: Queryable, options: NotifyCitizenOptions): Promise<void> {
  const { caseId, key, locale, ...notice } = options;
  const payload: CitizenJobPayload = CitizenJobPayloadSchema.parse({ caseId, locale, notice });
  await enqueueJob(tx, {
    type: NOTIFY_CITIZEN_JOB,
    payload,
    idempotencyKey: `${NOTIFY_CITIZEN_JOB}:${caseId}:${notice.kind}:${key}`,
  });
  if (!SHARED_NOTICES.includes(notice.kind)) return;
  // รวมเรื่อง: the complainants of cases merged into this one hear of its progress too, each
  // under their own tracking code (their language is read from their identity when sent).
  for (const mergedId of await findCasesMergedInto(tx, caseId)) {
    await enqueueJob(tx, {
      type: NOTIFY_CITIZEN_JOB,
      payload: CitizenJobPayloadSchema.parse({ caseId: mergedId, viaCaseId: caseId, notice }),
      idempotencyKey: `${NOTIFY_CITIZEN_JOB}:${mergedId}:${notice.kind}:via:${caseId}:${key}`,
    });
  }
}

/**
 * News of the matter itself, shared with complainants of merged cases; replies and requests
 * for information are addressed to one complainant and are not.
 */
const SHARED_NOTICES: readonly CitizenNotice['kind'][] = ['accepted', 'extended', 'resolved'];

export interface NotifyStaffOptions {
  caseId: string;
  kind: CaseNotificationKind;
  /** Whose users are told: e.g. the holding agency, or the parent agency for a CCEO escalation. */
  agencyId: string;
  roles: Role[];
  /** One more line for the notification, e.g. why the case was escalated. No personal data. */
  detail?: string;
  key: NotificationKey;
}

/** Enqueues in-app notifications (and e-mails) for the agency's users with these roles. */
export async function notifyStaff(tx: Queryable, options: NotifyStaffOptions): Promise<void> {
  const roles = [...new Set(options.roles)].sort();
  const dedupeKey = `${NOTIFY_STAFF_JOB}:${options.caseId}:${options.kind}:${options.agencyId}:${roles.join(',')}:${options.key}`;
  const payload: StaffJobPayload = StaffJobPayloadSchema.parse({
    caseId: options.caseId,
    kind: options.kind,
    agencyId: options.agencyId,
    roles,
    detail: options.detail,
    dedupeKey,
  });
  await enqueueJob(tx, { type: NOTIFY_STAFF_JOB, payload, idempotencyKey: dedupeKey });
}

/** Whom `notice` about agency `agencyId` reaches: its active users' roles and those above it (recipients.ts). */
export async function recipientsOf(tx: Queryable, notice: StaffNotice, agencyId: string): Promise<Recipients | undefined> {
  return chooseRecipients(notice, await findStaffedChain(tx, agencyId));
}

export interface NotifyRecipientsOptions extends Omit<NotifyStaffOptions, 'agencyId' | 'roles'> {
  notice: StaffNotice;
  /** The agency the notice is about (where the case is or goes), which a fallback names. */
  agencyId: string;
}

/** Enqueues the notification for `recipients` chosen by {@link recipientsOf}; a fallback says in Thai why it reached them. */
export async function notifyRecipients(tx: Queryable, recipients: Recipients, options: NotifyRecipientsOptions): Promise<void> {
  const { notice, agencyId, detail, ...rest } = options;
  const note = recipients.fallback ? fallbackNoteTh(notice, (await findAgencyRefById(tx, agencyId))?.nameTh ?? '') : undefined;
  const lines = [detail, note].filter((line): line is string => Boolean(line));
  await notifyStaff(tx, { ...rest, agencyId: recipients.agencyId, roles: recipients.roles, ...(lines.length ? { detail: lines.join('\n') } : {}) });
}

/** Tells staff of `notice` about agency `agencyId`: its usual readers, or whom recipients.ts falls back to; nobody when there is none. */
export async function notifyStaffOf(tx: Queryable, options: NotifyRecipientsOptions): Promise<void> {
  const recipients = await recipientsOf(tx, options.notice, options.agencyId);
  if (recipients) await notifyRecipients(tx, recipients, options);
}
