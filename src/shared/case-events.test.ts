import { describe, expect, it } from 'vitest';
import { CASE_EVENT_TYPES, CaseEventContentSchema, caseEventProblems, type CaseEventContent, type CaseEventType } from './case-events.ts';

const CASE_ID = '0b6a4f0e-7d3c-4c1e-9d7a-2f5b8e1c3a90';
const OTHER_CASE_ID = '5f1d2c3b-8e4a-4b6f-a1c2-d3e4f5a6b7c8';

/** A realistic event of each type, as its writer stores it (a Record: the compiler asks for every type). */
const EXAMPLES: Record<CaseEventType, CaseEventContent['payload']> = {
  received: { channel: 'web', recordedAt: '2026-03-02T03:15:00.000Z', files: 2 },
  triaged: {
    modelVersion: 'nb-2026-02',
    predictedCategoryCode: 'ROAD',
    confidence: 0.82,
    decision: 'screening',
    reasons: ['low_confidence', 'sensitive_terms'],
    possibleDuplicates: 1,
    sensitiveTerms: ['ยาบ้า'],
    sensitiveBy: 'terms',
    note: 'เรื่องนี้มีคำที่บ่งว่าเป็นเรื่องอ่อนไหว',
  },
  screened: { categoryCode: 'ROAD', previousCategoryCode: null, note: 'ตรวจแล้ว' },
  assigned: {
    agencyCode: 'BMA-DIST-01',
    agencyNameTh: 'สำนักงานเขตพระนคร',
    agencyNameEn: 'Phra Nakhon District Office',
    automatic: true,
    ruleId: 'rule-road',
    modelVersion: 'nb-2026-02',
    confidence: 0.91,
    categoryCode: 'ROAD',
    previousDueDate: '2026-03-30',
    dueDate: '2026-04-13',
    targetBusinessDays: 30,
  },
  forwarded: { agencyCode: 'DOH', agencyNameTh: 'กรมทางหลวง', agencyNameEn: 'Department of Highways', reason: 'ถนนของกรมทางหลวง' },
  accepted: {},
  returned: { reason: 'ไม่ใช่อำนาจหน้าที่ของหน่วยงาน' },
  note: { message: 'โทรสอบถามแล้ว', files: 1 },
  followed_up: { message: 'ขอทราบความคืบหน้าภายในสัปดาห์นี้', agencyId: CASE_ID },
  reply: { message: 'กำลังดำเนินการซ่อม' },
  info_requested: { message: 'ขอภาพถ่ายจุดที่ชำรุด' },
  resolved: { result: 'fixed', message: 'ซ่อมเรียบร้อยแล้ว', confirmationUntil: '2026-03-20' },
  closed: { by: 'system', confirmationUntil: '2026-03-20', reason: 'ยุติเรื่องโดยอัตโนมัติ' },
  reopened: { by: 'citizen', reason: null },
  rejected: { reason: 'เป็นเรื่องที่อยู่ระหว่างการพิจารณาของศาล' },
  merged: { intoCaseId: OTHER_CASE_ID, intoTrackingCode: 'RT-2603-ABCD-EFGH' },
  merged_in: { fromCaseId: CASE_ID, fromTrackingCode: 'RT-2603-JKLM-NPQR' },
  extended: { reason: 'รองบประมาณ', previousDueDate: '2026-03-30', dueDate: '2026-04-20', businessDays: 15 },
  contact: { channel: 'hotline', message: 'ผู้ร้องโทรมาสอบถาม' },
  info_received: { message: 'แนบภาพถ่ายแล้ว', files: 3 },
  citizen_message: { message: 'ยังไม่ได้ซ่อมครับ' },
  sla_resumed: { pausedBusinessDays: 4, previousDueDate: '2026-03-30', dueDate: '2026-04-03' },
  rated: { rating: 4, comment: 'ขอบคุณครับ' },
  access_key_requested: { channel: 'email' },
  access_key_replaced: { by: 'citizen' },
  access_key_reissued: { note: 'ตรวจบัตรประชาชนที่เคาน์เตอร์' },
  due_soon_reminder: { dueDate: '2026-03-30', firesFor: '2026-03-30', notified: { agencyCode: 'BMA-DIST-01', roles: ['case_officer'] } },
  escalated: {
    dueDate: '2026-03-30',
    firesFor: '2026-03-30',
    level: 'cceo',
    agencyCode: 'BMA',
    notified: { agencyCode: 'BMA', roles: ['supervisor'], fallback: true },
  },
  progress_reminder: { dueDate: '2026-03-30', firesFor: '2026-03-16', notified: null },
  sent_to_partner: { partner: { code: 'police-ig', name: 'ระบบรับเรื่อง สำนักงานจเรตำรวจ' }, agencyCode: 'rtp-inspector', identityShared: 'none', textRedacted: true, files: 0 },
  received_from_partner: { partner: { code: 'hub-1111', name: 'ศูนย์บริการประชาชน 1111' }, remoteTrackingCode: 'RT-2026-000123', remoteReference: CASE_ID, agencyCode: 'rtp-inspector' },
  partner_progress: { partner: { code: 'police-ig', name: 'ระบบรับเรื่อง สำนักงานจเรตำรวจ' }, message: 'ส่งต่อไปยัง ตำรวจภูธรภาค 6' },
};

describe('CaseEventContentSchema', () => {
  it('lists every event type once', () => {
    expect(new Set(CASE_EVENT_TYPES).size).toBe(CASE_EVENT_TYPES.length);
    expect([...CASE_EVENT_TYPES].sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  it.each(CASE_EVENT_TYPES)('accepts a realistic %s event as it is', (type) => {
    const content = { type, payload: EXAMPLES[type] };
    expect(CaseEventContentSchema.parse(content)).toEqual(content);
  });

  it('accepts the variants some writers leave fields out of', () => {
    const variants: unknown[] = [
      { type: 'received', payload: { channel: 'counter', recordedAt: '2026-03-02T03:15:00.000Z' } },
      { type: 'triaged', payload: { modelVersion: null, predictedCategoryCode: null, confidence: null, decision: 'auto_assigned', ruleId: 'rule-road', possibleDuplicates: 0 } },
      { type: 'screened', payload: {} },
      { type: 'assigned', payload: { agencyCode: 'DOH', agencyNameTh: 'กรมทางหลวง', agencyNameEn: 'Department of Highways' } },
      { type: 'closed', payload: { by: 'staff' } },
      { type: 'closed', payload: { by: 'staff', reason: 'ผู้ร้องแจ้งว่าเรียบร้อย', confirmationUntil: '2026-03-20' } },
      { type: 'closed', payload: { by: 'citizen' } },
      { type: 'reopened', payload: { by: 'staff', reason: 'ผู้ร้องแจ้งว่ายังไม่ได้ซ่อม' } },
      { type: 'contact', payload: { channel: 'line' } },
      { type: 'rated', payload: { rating: 5 } },
      { type: 'access_key_requested', payload: { channel: null } },
      { type: 'escalated', payload: { dueDate: '2026-03-30', firesFor: '2026-03-30', level: 'supervisor', agencyCode: null, notified: null } },
    ];
    for (const variant of variants) expect(caseEventProblems(variant), JSON.stringify(variant)).toBeUndefined();
  });

  it('refuses a wrong payload, naming the field', () => {
    expect(caseEventProblems({ type: 'extended', payload: { ...EXAMPLES.extended, reason: 42 } })).toEqual([
      expect.stringMatching(/^payload\.reason: /),
    ]);
    expect(caseEventProblems({ type: 'resolved', payload: { result: 'fixed', confirmationUntil: '2026-03-20' } })).toEqual([
      expect.stringMatching(/^payload\.message: /),
    ]);
    expect(caseEventProblems({ type: 'sla_resumed', payload: { ...EXAMPLES.sla_resumed, dueDate: '20/03/2026' } })).toEqual([
      expect.stringMatching(/^payload\.dueDate: /),
    ]);
  });

  it('refuses a field the type does not carry, and files on an event that takes none', () => {
    expect(caseEventProblems({ type: 'reply', payload: { message: 'ok', mesage: 'typo' } })).toEqual([expect.stringMatching(/^payload: .*mesage/)]);
    expect(caseEventProblems({ type: 'accepted', payload: { files: 1 } })).toEqual([expect.stringMatching(/^payload: .*files/)]);
  });

  it('refuses an unknown type and a closing by no one it knows', () => {
    expect(caseEventProblems({ type: 'tampered', payload: {} })).toEqual([expect.stringMatching(/^type: /)]);
    expect(caseEventProblems({ type: 'closed', payload: { by: 'machine' } })).toEqual([expect.stringMatching(/^payload\.by: /)]);
  });
});
