/**
 * What a citizen is told, and when: pure templates in Thai with an English variant. Each
 * message names the case by its tracking code (เลขที่เรื่อง) and links to the tracking page.
 * It never carries the access key (รหัสเข้าถึง: whoever reads the mailbox would hold the
 * case), internal notes, or the complainant's own identity (an address typed wrong must
 * not tell a stranger who complained); personal data in the public text is redacted, since
 * the full text is on the tracking page behind the access key.
 */
import { toBuddhistEraDate, type IsoDate } from '../../shared/business-days.ts';
import { RESOLUTION_RESULT_LABELS_TH, type ResolutionResult } from '../../shared/case-model.ts';
import { redactPersonalData } from '../../shared/redaction.ts';

export const LOCALES = ['th', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const CITIZEN_NOTIFICATION_KINDS = ['accepted', 'reply', 'info_requested', 'extended', 'resolved'] as const;
export type CitizenNotificationKind = (typeof CITIZEN_NOTIFICATION_KINDS)[number];

/** What happened, with what the caller knows of it. */
export type CitizenNotice =
  | { kind: 'accepted' }
  | { kind: 'reply'; message: string }
  | { kind: 'info_requested'; message: string }
  | { kind: 'extended'; newDueDate: IsoDate; reason: string }
  | { kind: 'resolved'; message: string; respondBy?: IsoDate | undefined };

/** What the message says about the case, read when it is sent. */
export interface CitizenCaseFacts {
  trackingCode: string;
  /** The agency holding the case. */
  agency: { nameTh: string; nameEn: string };
  dueDate: IsoDate;
  result: ResolutionResult | null;
  /**
   * The news is about the case the complainant's own case was merged into: they follow it,
   * but the confirmation window is its own complainant's to answer.
   */
  viaMerge?: boolean | undefined;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

/** The public tracking page of a case. */
export function trackingUrl(publicUrl: string, trackingCode: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/track/${encodeURIComponent(trackingCode)}`;
}

const RESULT_LABELS_EN: Record<ResolutionResult, string> = {
  fixed: 'the problem was fixed',
  explained: 'the facts were explained',
  partially_fixed: 'the problem was partly fixed',
  not_substantiated: 'the complaint was examined and not substantiated',
  outside_jurisdiction: 'the matter is outside the agency’s jurisdiction',
  no_response: 'the information requested was not received',
  other: 'other',
};

const ENGLISH_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** '2026-06-12' → '12 June 2026 (B.E. 2569)': the Buddhist-era year is the one on official papers. */
export function englishDate(date: IsoDate): string {
  const buddhistYear = toBuddhistEraDate(date).split(' ').at(-1);
  return `${ENGLISH_DATE.format(new Date(`${date}T00:00:00Z`))} (B.E. ${buddhistYear})`;
}

interface Redacted {
  text: string;
  changed: boolean;
}

function redact(text: string): Redacted {
  const redacted = redactPersonalData(text.trim());
  return { text: redacted, changed: redacted !== text.trim() };
}

/** Renders the message for `notice` about the case in `locale`. */
export function renderCitizenMessage(notice: CitizenNotice, facts: CitizenCaseFacts, publicUrl: string, locale: Locale = 'th'): RenderedMessage {
  const url = trackingUrl(publicUrl, facts.trackingCode);
  return locale === 'en' ? renderEnglish(notice, facts, url) : renderThai(notice, facts, url);
}

/** ระยะยืนยันผล: until when the complainant may accept, rate or ask for a reopening. */
function confirmationLineTh(respondBy: IsoDate | undefined, viaMerge: boolean | undefined): string {
  if (!respondBy) return 'หากท่านยังไม่พอใจผลการดำเนินการ ท่านขอให้พิจารณาใหม่ และประเมินความพึงพอใจได้ที่หน้าติดตามเรื่อง';
  const date = toBuddhistEraDate(respondBy);
  if (viaMerge) return `เรื่องนี้จะยุติหลังวันที่ ${date} เว้นแต่มีการขอให้พิจารณาใหม่ ท่านติดตามความคืบหน้าได้ที่หน้าติดตามเรื่อง`;
  return `ท่านยืนยันผล ประเมินความพึงพอใจ หรือขอให้พิจารณาใหม่ได้ที่หน้าติดตามเรื่อง ภายในวันที่ ${date} หากไม่ได้ตอบภายในวันดังกล่าว เรื่องจะยุติโดยอัตโนมัติ`;
}

function confirmationLineEn(respondBy: IsoDate | undefined, viaMerge: boolean | undefined): string {
  if (!respondBy) return 'If you are not satisfied, you can ask for the case to be reopened, and rate the service, on the tracking page.';
  const date = englishDate(respondBy);
  if (viaMerge) return `This case will be closed after ${date} unless a reopening is asked for. You can follow it on the tracking page.`;
  return `You can accept the result, rate the service or ask for the case to be reopened on the tracking page until ${date}. If you do not answer by then, the case closes by itself.`;
}

function renderThai(notice: CitizenNotice, facts: CitizenCaseFacts, url: string): RenderedMessage {
  const code = facts.trackingCode;
  const agency = facts.agency.nameTh;
  const lines: string[] = ['เรียน ผู้ร้องเรียน', ''];
  let subject: string;
  let redacted: Redacted | undefined;
  switch (notice.kind) {
    case 'accepted':
      subject = `รับเรื่องแล้ว: เรื่องเลขที่ ${code}`;
      lines.push(
        `${agency} รับเรื่องร้องเรียนเลขที่ ${code} ของท่านไว้ดำเนินการแล้ว`,
        `กำหนดแจ้งผลการดำเนินการภายในวันที่ ${toBuddhistEraDate(facts.dueDate)}`,
      );
      break;
    case 'reply':
      redacted = redact(notice.message);
      subject = `หน่วยงานตอบเรื่องเลขที่ ${code}`;
      lines.push(`${agency} ตอบเรื่องร้องเรียนเลขที่ ${code} ของท่านว่า`, '', redacted.text);
      break;
    case 'info_requested':
      redacted = redact(notice.message);
      subject = `ขอข้อมูลเพิ่มเติม: เรื่องเลขที่ ${code}`;
      lines.push(
        `${agency} ขอข้อมูลเพิ่มเติมเกี่ยวกับเรื่องร้องเรียนเลขที่ ${code} ของท่าน ดังนี้`,
        '',
        redacted.text,
        '',
        'กรุณาส่งข้อมูลเพิ่มเติมที่หน้าติดตามเรื่องตามลิงก์ด้านล่าง ระหว่างรอข้อมูลจากท่าน ระยะเวลาดำเนินการจะหยุดนับไว้ก่อน',
      );
      break;
    case 'extended':
      redacted = redact(notice.reason);
      subject = `ขยายเวลาดำเนินการ: เรื่องเลขที่ ${code}`;
      lines.push(
        `${agency} ขยายเวลาดำเนินการเรื่องร้องเรียนเลขที่ ${code} ของท่าน`,
        `กำหนดแจ้งผลการดำเนินการใหม่: ภายในวันที่ ${toBuddhistEraDate(notice.newDueDate)}`,
        `เหตุผล: ${redacted.text}`,
      );
      break;
    case 'resolved':
      redacted = redact(notice.message);
      subject = `แจ้งผลการดำเนินการ: เรื่องเลขที่ ${code}`;
      lines.push(
        `${agency} ดำเนินการเรื่องร้องเรียนเลขที่ ${code} ของท่านแล้ว`,
        ...(facts.result ? [`ผลการดำเนินการ: ${RESOLUTION_RESULT_LABELS_TH[facts.result]}`] : []),
        '',
        redacted.text,
        '',
        confirmationLineTh(notice.respondBy, facts.viaMerge),
      );
      break;
  }
  if (redacted?.changed) lines.push('', 'ข้อมูลส่วนบุคคลในข้อความถูกปิดไว้ ท่านอ่านข้อความเต็มได้ที่หน้าติดตามเรื่อง');
  lines.push(
    '',
    `ติดตามเรื่องเลขที่ ${code}: ${url}`,
    'เข้าดูด้วยรหัสเข้าถึงที่ท่านได้รับเมื่อยื่นเรื่อง (เพื่อความปลอดภัย อีเมลนี้ไม่มีรหัสดังกล่าว)',
    '',
    '--',
    'อีเมลฉบับนี้ส่งจากระบบร้องทุกข์โดยอัตโนมัติ กรุณาอย่าตอบกลับ',
  );
  return { subject, text: lines.join('\n') };
}

function renderEnglish(notice: CitizenNotice, facts: CitizenCaseFacts, url: string): RenderedMessage {
  const code = facts.trackingCode;
  const agency = facts.agency.nameEn;
  const lines: string[] = ['Dear complainant,', ''];
  let subject: string;
  let redacted: Redacted | undefined;
  switch (notice.kind) {
    case 'accepted':
      subject = `Complaint ${code} accepted`;
      lines.push(`${agency} has accepted your complaint ${code} and is working on it.`, `You will be told the result by ${englishDate(facts.dueDate)}.`);
      break;
    case 'reply':
      redacted = redact(notice.message);
      subject = `Reply to complaint ${code}`;
      lines.push(`${agency} replies to your complaint ${code}:`, '', redacted.text);
      break;
    case 'info_requested':
      redacted = redact(notice.message);
      subject = `Information requested: complaint ${code}`;
      lines.push(
        `${agency} asks for more information about your complaint ${code}:`,
        '',
        redacted.text,
        '',
        'Please send it on the tracking page (link below). The time limit is paused until you answer.',
      );
      break;
    case 'extended':
      redacted = redact(notice.reason);
      subject = `Complaint ${code}: time limit extended`;
      lines.push(
        `${agency} has extended the time to handle your complaint ${code}.`,
        `New date for the result: ${englishDate(notice.newDueDate)}`,
        `Reason: ${redacted.text}`,
      );
      break;
    case 'resolved':
      redacted = redact(notice.message);
      subject = `Complaint ${code} resolved`;
      lines.push(
        `${agency} has finished handling your complaint ${code}.`,
        ...(facts.result ? [`Result: ${RESULT_LABELS_EN[facts.result]}`] : []),
        '',
        redacted.text,
        '',
        confirmationLineEn(notice.respondBy, facts.viaMerge),
      );
      break;
  }
  if (redacted?.changed) lines.push('', 'Personal data in this message is hidden; the full text is on the tracking page.');
  lines.push(
    '',
    `Follow complaint ${code}: ${url}`,
    'Open it with the access key you were given when you filed (for your safety it is not in this e-mail).',
    '',
    '--',
    'This e-mail was sent automatically by Rongthuk (ร้องทุกข์). Please do not reply.',
  );
  return { subject, text: lines.join('\n') };
}
