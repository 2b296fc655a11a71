/**
 * What staff are told in the app and by e-mail (Thai, as the staff UI). The text names the
 * case by tracking code and shows its title redacted, as staff lists do; never identities.
 */
import { toBuddhistEraDate, type IsoDate } from '../../shared/business-days.ts';
import { redactPersonalData } from '../../shared/redaction.ts';

import { STAFF_NOTIFICATION_KINDS, type StaffNotificationKind } from '../../shared/api/notifications.ts';

export { STAFF_NOTIFICATION_KINDS, type StaffNotificationKind } from '../../shared/api/notifications.ts';

/** The kinds of notification about one case (a surge is about many: dashboard/surge-watch.ts words its own). */
export const CASE_NOTIFICATION_KINDS = STAFF_NOTIFICATION_KINDS.filter((kind): kind is Exclude<StaffNotificationKind, 'surge'> => kind !== 'surge');
export type CaseNotificationKind = (typeof CASE_NOTIFICATION_KINDS)[number];

export interface StaffCaseFacts {
  id: string;
  trackingCode: string;
  title: string | null;
  description: string;
  dueDate: IsoDate;
  /** The agency holding the case (Thai name). */
  holderNameTh: string;
}

export interface StaffNotificationText {
  title: string;
  body: string;
}

const SUBJECT_LENGTH = 80;

/** The case in a few words: its title, else the start of its description, redacted. */
export function caseSubject(facts: Pick<StaffCaseFacts, 'title' | 'description'>): string {
  const text = redactPersonalData((facts.title ?? facts.description).replace(/\s+/g, ' ').trim());
  return text.length > SUBJECT_LENGTH ? `${text.slice(0, SUBJECT_LENGTH)}…` : text;
}

/** The title and body of an in-app notification; `detail` is the caller's extra line (e.g. why it was escalated). */
export function renderStaffNotification(kind: CaseNotificationKind, facts: StaffCaseFacts, detail?: string): StaffNotificationText {
  const code = facts.trackingCode;
  const due = toBuddhistEraDate(facts.dueDate);
  const titles: Record<CaseNotificationKind, string> = {
    assigned: `เรื่องใหม่ถึงหน่วยงานของท่าน: ${code}`,
    due_soon: `ใกล้ครบกำหนด: ${code} ต้องแจ้งผลภายใน ${due}`,
    overdue: `เกินกำหนดแล้ว: ${code} ครบกำหนดเมื่อ ${due}`,
    escalated: `เรื่องเกินกำหนดส่งถึงท่านเพื่อติดตาม: ${code}`,
    progress_reminder: `ถึงเวลาแจ้งความคืบหน้าแก่ผู้ร้อง: ${code}`,
    followed_up: `หน่วยงานที่ส่งเรื่องมาเร่งรัดการดำเนินการ: ${code}`,
    following_resolved: `เรื่องที่ท่านส่งต่อได้แจ้งผลการดำเนินการแล้ว: ${code}`,
    following_returned: `เรื่องที่ท่านส่งต่อถูกส่งคืน: ${code}`,
    following_overdue: `เรื่องที่ท่านส่งต่อเกินกำหนดแล้ว: ${code} ครบกำหนดเมื่อ ${due}`,
  };
  const body = [
    `เรื่อง: ${caseSubject(facts)}`,
    `หน่วยงานที่รับผิดชอบ: ${facts.holderNameTh}`,
    `กำหนดแจ้งผล: ${due}`,
    ...(detail ? [redactPersonalData(detail)] : []),
  ].join('\n');
  return { title: titles[kind], body };
}

/** The e-mail of a notification: its text with a link to the case in the staff app. */
export function staffEmailText(notification: StaffNotificationText, caseUrl: string): string {
  return [
    notification.title,
    '',
    notification.body,
    '',
    `เปิดเรื่อง: ${caseUrl}`,
    '',
    '--',
    'อีเมลฉบับนี้ส่งจากระบบร้องทุกข์โดยอัตโนมัติ ดูการแจ้งเตือนทั้งหมดได้ในระบบ',
  ].join('\n');
}

/** The case's page in the staff app. */
export function staffCaseUrl(publicUrl: string, caseId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/staff/cases/${caseId}`;
}
