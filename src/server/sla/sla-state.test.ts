import { describe, expect, it } from 'vitest';
import { explainDeadlineTh, slaStateOf } from './sla-state.ts';

const open = { status: 'in_progress' as const, dueDate: '2026-06-23', dueSoonFrom: '2026-06-18', finishedOn: null };

describe('slaStateOf', () => {
  it('is on track before the due-soon day, due soon from it, overdue after the due date', () => {
    expect(slaStateOf(open, '2026-06-17')).toBe('on_track');
    expect(slaStateOf(open, '2026-06-18')).toBe('due_soon');
    expect(slaStateOf(open, '2026-06-23')).toBe('due_soon');
    expect(slaStateOf(open, '2026-06-24')).toBe('overdue');
  });

  it('is paused while awaiting the citizen, whatever the date', () => {
    expect(slaStateOf({ ...open, status: 'awaiting_info' }, '2027-01-01')).toBe('paused');
  });

  it('is met or missed once finished, by the day it finished', () => {
    expect(slaStateOf({ ...open, status: 'resolved', finishedOn: '2026-06-23' }, '2026-07-30')).toBe('met');
    expect(slaStateOf({ ...open, status: 'closed', finishedOn: '2026-06-24' }, '2026-06-24')).toBe('missed');
    expect(slaStateOf({ ...open, status: 'rejected', finishedOn: null }, '2026-06-01')).toBe('missed');
  });
});

describe('explainDeadlineTh', () => {
  it('says the rule, the pauses and each extension in plain Thai', () => {
    expect(
      explainDeadlineTh({ targetBusinessDays: 15, extendedBusinessDays: 10, pausedBusinessDays: 2, extensionReasons: ['ต้องตรวจสอบพื้นที่ร่วมกับหลายหน่วยงาน'], paused: false, legalBasis: null }),
    ).toEqual(['15 วันทำการ นับจากวันที่รับเรื่อง', 'บวก 2 วันทำการที่หยุดนับระหว่างรอข้อมูลเพิ่มเติมจากผู้ร้อง', 'ขยายเวลาเนื่องจาก ต้องตรวจสอบพื้นที่ร่วมกับหลายหน่วยงาน']);
    expect(explainDeadlineTh({ targetBusinessDays: 30, extendedBusinessDays: 0, pausedBusinessDays: 0, extensionReasons: [], paused: true, legalBasis: 'พ.ร.บ.ข้อมูลข่าวสารของราชการ' })).toEqual([
      '30 วันทำการ นับจากวันที่รับเรื่อง ตามพ.ร.บ.ข้อมูลข่าวสารของราชการ',
      'ขณะนี้หยุดนับเวลาไว้ระหว่างรอข้อมูลเพิ่มเติมจากผู้ร้อง',
    ]);
  });
});
