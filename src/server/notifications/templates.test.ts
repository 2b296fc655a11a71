import { describe, expect, it } from 'vitest';
import { CITIZEN_NOTIFICATION_KINDS, englishDate, renderCitizenMessage, trackingUrl, type CitizenNotice, type CitizenCaseFacts } from './templates.ts';
import { caseSubject, renderStaffNotification, staffCaseUrl, staffEmailText, CASE_NOTIFICATION_KINDS } from './staff-templates.ts';

const facts: CitizenCaseFacts = {
  trackingCode: 'RT-69-7K3M9Q',
  agency: { nameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน', nameEn: 'Taphan Hin District Health Office' },
  dueDate: '2026-06-12',
  result: 'fixed',
};
const PUBLIC_URL = 'https://rongthuk.example.go.th';
const LINK = 'https://rongthuk.example.go.th/track/RT-69-7K3M9Q';

const notices: Record<(typeof CITIZEN_NOTIFICATION_KINDS)[number], CitizenNotice> = {
  accepted: { kind: 'accepted' },
  reply: { kind: 'reply', message: 'จะส่งเจ้าหน้าที่ไปตรวจสอบภายในสัปดาห์นี้' },
  info_requested: { kind: 'info_requested', message: 'ขอภาพถ่ายจุดที่เกิดเหตุ' },
  extended: { kind: 'extended', newDueDate: '2026-07-03', reason: 'ต้องรองบประมาณซ่อมจากจังหวัด' },
  resolved: { kind: 'resolved', message: 'ซ่อมถนนเรียบร้อยแล้ว' },
};

describe('renderCitizenMessage', () => {
  it('tells the complainant until when they may accept, rate or reopen a result, and that the case then closes by itself', () => {
    const notice: CitizenNotice = { kind: 'resolved', message: 'ซ่อมถนนเรียบร้อยแล้ว', respondBy: '2026-06-23' };
    const thai = renderCitizenMessage(notice, facts, PUBLIC_URL);
    expect(thai.text).toContain('ยืนยันผล ประเมินความพึงพอใจ หรือขอให้พิจารณาใหม่ได้ที่หน้าติดตามเรื่อง ภายในวันที่ 23 มิถุนายน 2569');
    expect(thai.text).toContain('เรื่องจะยุติโดยอัตโนมัติ');
    const english = renderCitizenMessage(notice, facts, PUBLIC_URL, 'en');
    expect(english.text).toContain('until 23 June 2026 (B.E. 2569)');
    expect(english.text).toContain('closes by itself');
    // The complainant of a case merged into this one is told when it closes, not invited to answer for it.
    const merged = renderCitizenMessage(notice, { ...facts, viaMerge: true }, PUBLIC_URL);
    expect(merged.text).toContain('เรื่องนี้จะยุติหลังวันที่ 23 มิถุนายน 2569');
    expect(merged.text).not.toContain('ยืนยันผล ประเมินความพึงพอใจ');
  });

  it.each(CITIZEN_NOTIFICATION_KINDS)('%s names the case and links to its tracking page, in Thai and English', (kind) => {
    for (const locale of ['th', 'en'] as const) {
      const message = renderCitizenMessage(notices[kind], facts, PUBLIC_URL, locale);
      expect(message.subject).toContain('RT-69-7K3M9Q');
      expect(message.text).toContain('RT-69-7K3M9Q');
      expect(message.text).toContain(LINK);
      expect(message.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('writes Thai by default, with the due date in the Buddhist era', () => {
    const accepted = renderCitizenMessage(notices.accepted, facts, PUBLIC_URL);
    expect(accepted.subject).toBe('รับเรื่องแล้ว: เรื่องเลขที่ RT-69-7K3M9Q');
    expect(accepted.text).toContain('สำนักงานสาธารณสุขอำเภอตะพานหิน รับเรื่องร้องเรียนเลขที่ RT-69-7K3M9Q');
    expect(accepted.text).toContain('ภายในวันที่ 12 มิถุนายน 2569');
  });

  it('carries the text of a reply, a request for information and a result', () => {
    expect(renderCitizenMessage(notices.reply, facts, PUBLIC_URL).text).toContain('จะส่งเจ้าหน้าที่ไปตรวจสอบภายในสัปดาห์นี้');
    const info = renderCitizenMessage(notices.info_requested, facts, PUBLIC_URL);
    expect(info.subject).toContain('ขอข้อมูลเพิ่มเติม');
    expect(info.text).toContain('ขอภาพถ่ายจุดที่เกิดเหตุ');
    const resolved = renderCitizenMessage(notices.resolved, facts, PUBLIC_URL);
    expect(resolved.text).toContain('ผลการดำเนินการ: แก้ไขปัญหาแล้ว');
    expect(resolved.text).toContain('ซ่อมถนนเรียบร้อยแล้ว');
  });

  it('gives the new due date of an extension in the Buddhist era, with the reason', () => {
    const message = renderCitizenMessage(notices.extended, facts, PUBLIC_URL);
    expect(message.subject).toContain('ขยายเวลา');
    expect(message.text).toContain('ภายในวันที่ 3 กรกฎาคม 2569');
    expect(message.text).toContain('เหตุผล: ต้องรองบประมาณซ่อมจากจังหวัด');
    expect(renderCitizenMessage(notices.extended, facts, PUBLIC_URL, 'en').text).toContain('3 July 2026 (B.E. 2569)');
  });

  it('has an English variant', () => {
    const message = renderCitizenMessage(notices.accepted, facts, PUBLIC_URL, 'en');
    expect(message.subject).toBe('Complaint RT-69-7K3M9Q accepted');
    expect(message.text).toContain('Taphan Hin District Health Office has accepted your complaint');
    expect(message.text).toContain('12 June 2026 (B.E. 2569)');
    // Thai only in the product's name.
    expect(message.text.replace('(ร้องทุกข์)', '')).not.toMatch(/[\u0E00-\u0E7F]/);
  });

  it('redacts personal data in the public text and says where the full text is', () => {
    const message = renderCitizenMessage({ kind: 'reply', message: 'ติดต่อคุณสมศักดิ์ที่ 081-234-5678' }, facts, PUBLIC_URL);
    expect(message.text).not.toContain('081-234-5678');
    expect(message.text).toContain('[หมายเลขโทรศัพท์]');
    expect(message.text).toContain('ข้อมูลส่วนบุคคลในข้อความถูกปิดไว้');
    expect(renderCitizenMessage(notices.reply, facts, PUBLIC_URL).text).not.toContain('ข้อมูลส่วนบุคคลในข้อความถูกปิดไว้');
  });

  it('omits the result line when the case has none', () => {
    const message = renderCitizenMessage(notices.resolved, { ...facts, result: null }, PUBLIC_URL);
    expect(message.text).not.toContain('ผลการดำเนินการ:');
  });
});

describe('links and dates', () => {
  it('builds the tracking link from the public address, with or without a trailing slash', () => {
    expect(trackingUrl('http://localhost:3000/', 'RT-69-ABCDEF')).toBe('http://localhost:3000/track/RT-69-ABCDEF');
    expect(trackingUrl('https://x.go.th/rongthuk', 'RT 1/2')).toBe('https://x.go.th/rongthuk/track/RT%201%2F2');
    expect(staffCaseUrl('https://x.go.th/', 'abc')).toBe('https://x.go.th/staff/cases/abc');
  });

  it('writes English dates with the Buddhist-era year', () => {
    expect(englishDate('2026-01-01')).toBe('1 January 2026 (B.E. 2569)');
  });
});

describe('renderStaffNotification', () => {
  const staffFacts = {
    id: '6f1c1f38-0000-4000-8000-000000000001',
    trackingCode: 'RT-69-7K3M9Q',
    title: null,
    description: 'ถนนเป็นหลุม โทร 081-234-5678 ได้ตลอด',
    dueDate: '2026-06-12',
    holderNameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน',
  };

  it.each(CASE_NOTIFICATION_KINDS)('%s: a Thai title with the tracking code, a body with the redacted subject and due date', (kind) => {
    const text = renderStaffNotification(kind, staffFacts);
    expect(text.title).toContain('RT-69-7K3M9Q');
    expect(text.body).toContain('กำหนดแจ้งผล: 12 มิถุนายน 2569');
    expect(text.body).toContain('[หมายเลขโทรศัพท์]');
    expect(text.body).not.toContain('081-234-5678');
  });

  it('adds the caller’s detail, redacted', () => {
    const text = renderStaffNotification('escalated', staffFacts, 'เกินกำหนด 5 วันทำการ ผู้ร้องโทรตาม 0812345678');
    expect(text.body).toContain('เกินกำหนด 5 วันทำการ');
    expect(text.body).not.toContain('0812345678');
  });

  it('shortens a long subject and e-mails a link to the case', () => {
    expect(caseSubject({ title: 'ก'.repeat(200), description: '' })).toHaveLength(81);
    const text = renderStaffNotification('assigned', staffFacts);
    expect(staffEmailText(text, 'https://x/staff/cases/1')).toContain('เปิดเรื่อง: https://x/staff/cases/1');
  });
});
