import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AuditContentSchema, auditContentProblems, type AuditAction, type AuditContent, type AuditDetails } from './audit-actions.ts';

const CASE_ID = '0b6a4f0e-7d3c-4c1e-9d7a-2f5b8e1c3a90';
const AGENCY_ID = '5f1d2c3b-8e4a-4b6f-a1c2-d3e4f5a6b7c8';
const step = { trackingCode: 'RT-2026-000123', from: 'in_progress', to: 'resolved' } as const;
const channel: AuditDetails<'agency_channel.update'>['before'] = {
  kind: 'hotline',
  labelTh: 'โทรศัพท์ 0 5662 2353',
  labelEn: null,
  phone: '0 5662 2353',
  lineId: null,
  facebookUrl: null,
  webUrl: null,
  email: null,
  postalAddress: null,
  location: null,
  openingHours: null,
  position: 0,
  active: true,
};
const partner: AuditDetails<'partner.update'>['before'] = {
  name: 'ระบบรับเรื่องร้องเรียน สำนักงานจเรตำรวจ',
  baseUrl: 'https://ig.police.go.th',
  jwksUrl: 'https://ig.police.go.th/api/v1/exchange/jwks',
  jwksKids: null,
  agencies: ['police-ig', 'police-mpb'],
  identity: 'none',
  text: 'redacted',
  attachments: false,
  active: true,
};
const rule = { categoryCode: 'ROAD', areaCode: '10', agencyCode: 'BMA-DIST-01', target: 'agency', automatic: true, note: null };

/** A realistic record of each action, as its writer stores it (a Record: the compiler asks for every action). */
const EXAMPLES: Record<AuditAction, AuditContent['details']> = {
  'auth.login': { ip: '10.0.0.7' },
  'auth.login_failed': { ip: '10.0.0.7', knownUser: false, usernameHash: 'a3f1c9' },
  'auth.logout': undefined,
  'user.create': { username: 'somchai', role: 'case_officer', agencyCode: 'BMA-DIST-01' },
  'user.update': { username: 'somchai', changes: { role: { from: 'case_officer', to: 'supervisor' }, password: 'changed' }, sessionsEnded: 2 },
  'case.create': { trackingCode: 'RT-2026-000123', channel: 'web', anonymous: false, files: 1 },
  'case.screen': { ...step, from: 'screening', to: 'screening' },
  'case.assign': { ...step, from: 'screening', to: 'assigned', handover: 'assign', toAgencyId: AGENCY_ID },
  'case.accept': { ...step, from: 'assigned', to: 'in_progress' },
  'case.return': { ...step, from: 'assigned', to: 'screening', handover: 'return', toAgencyId: AGENCY_ID },
  'case.forward': { ...step, from: 'in_progress', to: 'assigned', handover: 'forward', toAgencyId: AGENCY_ID },
  'case.note': { ...step, to: 'in_progress', files: 2 },
  'case.reply': { ...step, to: 'in_progress' },
  'case.request-info': { ...step, to: 'awaiting_info', files: 1 },
  'case.resolve': step,
  'case.close': { ...step, from: 'resolved', to: 'closed', by: 'system', confirmationUntil: '2026-03-20' },
  'case.reopen': { ...step, from: 'closed', to: 'in_progress' },
  'case.reject': { ...step, from: 'screening', to: 'rejected' },
  'case.merge': { ...step, to: 'merged', intoCaseId: CASE_ID },
  'case.contact': { ...step, to: 'in_progress' },
  'case.extend': { ...step, to: 'in_progress' },
  'case.follow-up': { ...step, to: 'in_progress' },
  'case.citizen_message': { ...step, from: 'awaiting_info', to: 'in_progress', files: 1 },
  'case.feedback': { ...step, from: 'resolved', to: 'closed', rating: 5 },
  'case.feedback_reopen': { ...step, from: 'resolved', to: 'in_progress', rating: 1 },
  'case.access_key_request': { trackingCode: 'RT-2026-000123', sentBy: 'sms' },
  'case.access_key_replaced': { trackingCode: 'RT-2026-000123', by: 'citizen' },
  'case.access_key_reissue': { trackingCode: 'RT-2026-000123', identityCheck: 'ตรวจบัตรประชาชนที่เคาน์เตอร์', pendingKeyCleared: true },
  'identity.view': { trackingCode: 'RT-2026-000123', complainantId: null },
  'attachment.view': { trackingCode: 'RT-2026-000123', attachmentId: CASE_ID, fileName: 'RT-2026-000123-1.jpg', uploadedBy: 'citizen' },
  'cases.search_by_complainant': { by: ['phone'], found: 1, caseIds: [CASE_ID] },
  'cases.export': { filter: { status: 'in_progress', phone: '[redacted]', q: 'ถนน' }, rows: 40, truncated: false },
  'saved_filter.create': { name: 'เรื่องค้าง', query: { status: 'in_progress' } },
  'saved_filter.delete': { name: 'เรื่องค้าง' },
  'routing_rule.create': rule,
  'routing_rule.update': { before: { categoryCode: 'ROAD', areaCode: null, agencyCode: 'BMA', target: 'agency', automatic: false }, after: rule },
  'routing_rule.delete': { categoryCode: 'ROAD', areaCode: null, agencyCode: 'BMA', target: 'district_office' },
  'sla_policy.save': {
    categoryCode: 'ROAD',
    agencyCode: null,
    targetBusinessDays: 15,
    dueSoonBusinessDays: 3,
    progressIntervalBusinessDays: 7,
    statutoryBusinessDays: null,
    legalBasis: null,
    extensionLimitBusinessDays: 15,
    cceoEscalationBusinessDays: 5,
  },
  'sla_policy.remove': {},
  'calendar.add': { date: '2026-04-13', name: 'วันสงกรานต์', agencyCode: null, source: 'bundled' },
  'calendar.remove': { date: '2026-04-13', name: 'วันสงกรานต์', agencyCode: 'BMA' },
  'agency_channel.create': { agencyCode: 'dho-6604', ...channel },
  'agency_channel.update': { agencyCode: 'dho-6604', before: channel, after: { ...channel, openingHours: 'จันทร์–ศุกร์ 08.30–16.30 น.' } },
  'agency_channel.remove': { agencyCode: 'dho-6604', kind: 'hotline', labelTh: 'โทรศัพท์ 0 5662 2353', outcome: 'deactivated' },
  'email_mailbox.connect': { agencyCode: 'dho-6604', channelId: '0b6c5a52-5d0e-4f4e-9a55-1d2f3e4a5b6c', folder: 'INBOX', replaced: false },
  'email_message.hold': { agencyCode: 'dho-6604', uid: 42, reason: 'no_sender' },
  'email_message.read': { agencyCode: 'dho-6604', uid: 42 },
  'email_message.dealt_with': { agencyCode: 'dho-6604', uid: 42 },
  'chat_account.configure': { agencyCode: 'dho-6604', provider: 'line', agencyChannelId: '0190a3c4-0000-7000-8000-000000000001', apiBase: null, created: true },
  'partner.create': { code: 'police-ig', ...partner },
  'partner.update': { code: 'police-ig', before: partner, after: { ...partner, identity: 'contact', jwksUrl: null, jwksKids: ['k1'] } },
  'partner.remove': { code: 'police-ig', ...partner, active: false },
  'exchange.retry': { messageId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', partner: 'police-ig', type: 'case.transfer', attempts: 12 },
  'exchange.export': { partner: 'dtc-file', cases: 3, messages: 4, format: 'csv' },
  'exchange.import': { partner: 'dtc-file', rows: 2, applied: 2 },
  'rollups.rebuild': { cases: 10, counters: 40, corrected: 1 },
  'open311_app.create': { name: 'Phichit City App', keyPrefix: 'o311_AbCdEf' },
  'open311_app.revoke': { name: 'Phichit City App', keyPrefix: 'o311_AbCdEf' },
  'report.create': { agencyCode: 'dho-6604', from: '2025-10-01', to: '2026-09-30', version: 2, changeNote: 'แก้ไขจำนวนเรื่องทางโทรศัพท์' },
  'report.update': { agencyCode: 'dho-6604', from: '2025-10-01', to: '2026-09-30', version: 1, fields: ['analysis'] },
  'report.submit': { agencyCode: 'dho-6604', from: '2025-10-01', to: '2026-09-30', version: 1 },
  'report.approve': { agencyCode: 'dho-6604', from: '2025-10-01', to: '2026-09-30', version: 1 },
  'report.send_back': { agencyCode: 'dho-6604', from: '2025-10-01', to: '2026-09-30', version: 1, comment: 'โปรดเพิ่มข้อเสนอแนะ' },
  'report.publish': { agencyCode: 'dho-6604', from: '2025-10-01', to: '2026-09-30', version: 1 },
};

describe('audit actions', () => {
  it('the examples cover every action of the union', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it.each(Object.entries(EXAMPLES))('accepts a realistic %s record', (action, details) => {
    expect(auditContentProblems({ action, details })).toBeUndefined();
    expect(AuditContentSchema.parse({ action, details })).toEqual({ action, details });
  });

  it('refuses a record whose field has the wrong type, naming the field and not its value', () => {
    const problems = auditContentProblems({ action: 'cases.export', details: { filter: {}, rows: '40', truncated: false } });
    expect(problems).toHaveLength(1);
    expect(problems?.[0]).toMatch(/^details\.rows: /);
    expect(problems?.join()).not.toContain('40');
  });

  it('refuses a field the action does not have and a field left out', () => {
    expect(auditContentProblems({ action: 'auth.login', details: { ip: '10.0.0.7', password: 'hunter2' } })?.join()).toBe('details: unknown field(s) password');
    expect(auditContentProblems({ action: 'identity.view', details: { trackingCode: 'RT-2026-000123' } })?.[0]).toMatch(/^details\.complainantId: /);
  });

  it('refuses an unredacted identity look-up in a filter', () => {
    expect(auditContentProblems({ action: 'saved_filter.create', details: { name: 'x', query: { phone: '0812345678' } } })?.[0]).toMatch(/^details\.query\.phone: /);
  });

  it('refuses an action it does not know', () => {
    expect(auditContentProblems({ action: 'case.delete', details: {} })?.[0]).toMatch(/^action: /);
  });
});
