import { expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import type { PublicCase } from '../src/shared/api/index.ts';

describeEachApp('SLA policy of the holding agency', (t) => {
  it('puts a case assigned to an agency with its own policy under that policy, and tells the citizen the new due date', async () => {
    // Monday 1 June 2026 is the Visakha Bucha substitution day; 3 June the Queen's birthday.
    t.setNow(new Date('2026-05-29T10:00:00+07:00'));
    const saved = await t.request({ method: 'PUT', url: '/api/v1/sla-policies', as: 'hub.admin', body: { agencyCode: 'dho-6604', targetBusinessDays: 10 } });
    expect(saved.statusCode).toBe(200);
    const filed = await t.fileComplaint();
    expect(filed.trackingCode).toMatch(/^RT-69-/);
    const [before] = await t.db().query<{ due_date: string; target_business_days: number }>('SELECT due_date, target_business_days FROM cases WHERE id = $1', [filed.id]);
    expect(before).toEqual({ due_date: '2026-06-23', target_business_days: 15 });

    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dho-6604' });
    const [after] = await t.db().query<{ due_date: string; target_business_days: number }>('SELECT due_date, target_business_days FROM cases WHERE id = $1', [filed.id]);
    // 10 business days from Friday 29 May: 2, 4, 5, 8, 9, 10, 11, 12, 15, 16 June.
    expect(after).toEqual({ due_date: '2026-06-16', target_business_days: 10 });

    const tracking = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': filed.accessKey } });
    const body = tracking.json() as PublicCase;
    expect(body.dueDate).toBe('2026-06-16');
    expect(body.dueDateExplanation[0]).toBe('10 วันทำการ นับจากวันที่รับเรื่อง');
    expect(body.timeline.find((entry) => entry.type === 'assigned')?.message).toContain('16 มิถุนายน 2569');

    // Back to the hub (default policy): the deadline follows the holder again.
    await t.act('taphanhin.officer', filed.id, 'return', { reason: 'ไม่อยู่ในเขตรับผิดชอบ' });
    const [returned] = await t.db().query<{ due_date: string }>('SELECT due_date FROM cases WHERE id = $1', [filed.id]);
    expect(returned?.due_date).toBe('2026-06-23');
    t.setNow(undefined);
  });
});

describeEachApp('office hours', (t) => {
  it('counts a complaint received after the configured office hours from the next business day', async () => {
    // Tuesday 8 December 2026, 16:45 in Bangkok: after 16:30, but before a 17:00 closing.
    t.setNow(new Date('2026-12-08T16:45:00+07:00'));
    const late = await t.fileComplaint();
    const config = t.ctx().config;
    const usual = config.officeHours;
    config.officeHours = { start: '08:00', end: '17:00' };
    try {
      const inHours = await t.fileComplaint();
      // Received Wednesday 9 Dec vs Tuesday 8 Dec; 10 Dec, 31 Dec and 1 Jan are days off.
      expect([late.dueDate, inHours.dueDate]).toEqual(['2027-01-04', '2026-12-30']);
    } finally {
      config.officeHours = usual;
      t.setNow(undefined);
    }
  });
});
