import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../shared/case-model.ts';
import { bangkokDateTime, caseStatusesOf, open311Status, presentRequest, type RequestFacts } from './request-view.ts';

const facts: RequestFacts = {
  trackingCode: 'RT-69-7K3M9Q',
  status: 'in_progress',
  categoryCode: 'road',
  categoryNameTh: 'ถนนชำรุด',
  description: 'ถนนเป็นหลุม ติดต่อ 081-234-5678',
  sensitive: false,
  confidential: false,
  holderNameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน',
  receivedAt: new Date('2026-03-02T02:00:00Z'),
  updatedAt: new Date('2026-03-03T10:30:00Z'),
  dueDate: '2026-03-20',
  address: 'หน้าโรงเรียน',
  lat: 16.2,
  lon: 100.3,
  latestPublicText: 'รับเรื่องแล้ว จะโทรกลับที่ 081-234-5678',
};

describe('open311Status', () => {
  it('is open while an agency has work to do, closed from the result on', () => {
    expect(CASE_STATUSES.filter((status) => open311Status(status) === 'closed')).toEqual(['resolved', 'closed', 'rejected', 'merged']);
    expect(caseStatusesOf(['open'])).toEqual(['received', 'screening', 'assigned', 'in_progress', 'awaiting_info']);
    expect(caseStatusesOf(['open', 'closed'])).toEqual([...CASE_STATUSES]);
  });
});

describe('presentRequest', () => {
  it('gives the specification\'s elements, times in Bangkok, text redacted', () => {
    const request = presentRequest(facts, '16:30');
    expect(request).toMatchObject({
      service_request_id: 'RT-69-7K3M9Q',
      status: 'open',
      requested_datetime: '2026-03-02T09:00:00+07:00',
      updated_datetime: '2026-03-03T17:30:00+07:00',
      expected_datetime: '2026-03-20T16:30:00+07:00',
      agency_responsible: 'สำนักงานสาธารณสุขอำเภอตะพานหิน',
      media_url: null,
    });
    expect(JSON.stringify(request)).not.toContain('081-234-5678');
    expect(request.service_notice).toContain('2569');
  });

  it('keeps a sensitive or confidential case\'s description and place, and has no notice once closed', () => {
    for (const flags of [{ sensitive: true }, { confidential: true }]) {
      expect(presentRequest({ ...facts, ...flags }, '16:30')).toMatchObject({ description: null, address: null, lat: null, long: null });
    }
    expect(presentRequest({ ...facts, status: 'resolved' }, '16:30')).toMatchObject({ status: 'closed', service_notice: null });
  });
});

describe('bangkokDateTime', () => {
  it('writes the instant at UTC+7', () => {
    expect(bangkokDateTime(new Date('2026-12-31T20:15:00Z'))).toBe('2027-01-01T03:15:00+07:00');
  });
});
