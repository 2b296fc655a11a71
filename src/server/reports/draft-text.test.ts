import { describe, expect, it } from 'vitest';
import type { ReportFigures } from '../../shared/api/reports.ts';
import { proposeTexts } from './draft-text.ts';

const EMPTY: ReportFigures = {
  received: 0,
  byChannel: [
    { channelId: 'c1', kind: 'hotline', labelTh: 'โทรศัพท์ 0 5662 2353', count: 0 },
    { channelId: 'c2', kind: 'suggestion_box', labelTh: 'ตู้รับความคิดเห็น', count: 0 },
  ],
  byCategory: [],
  byResult: [],
  byStatusAtEnd: [],
  integrity: { corruption: 0, misconduct: 0, service: 0 },
  sla: { met: 0, missed: 0, openWithinTime: 0, openOverdue: 0 },
  satisfaction: { responses: 0, average: null },
};
/** Figures of `count` cases all of one category, with their SLA and ratings. */
function oneCategory(category: { code: string; nameTh: string }, count: number, sla: ReportFigures['sla'], satisfaction: ReportFigures['satisfaction']): ReportFigures {
  const corruption = category.code === 'corruption' ? count : 0;
  return { ...EMPTY, received: count, byCategory: [{ ...category, count }], integrity: { corruption, misconduct: 0, service: count - corruption }, sla, satisfaction };
}
const facts = (figures: ReportFigures) => ({ agencyNameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน', periodTh: 'ปีงบประมาณ พ.ศ. 2569', figures });

describe('the proposed draft', () => {
  it('for a year without complaints: names the channels, says none came, gives the likely reasons and recommends publicising the channels and confidentiality', () => {
    const texts = proposeTexts(facts(EMPTY));
    expect(texts.background).toContain('ตามที่สำนักงานสาธารณสุขอำเภอตะพานหินได้จัดให้มีช่องทางการรับเรื่องร้องเรียนร้องทุกข์ ได้แก่ โทรศัพท์ 0 5662 2353 ตู้รับความคิดเห็น');
    expect(texts.background).toContain('ปีงบประมาณ พ.ศ. 2569');
    expect(texts.analysis).toBe('ในปีงบประมาณ พ.ศ. 2569 สำนักงานสาธารณสุขอำเภอตะพานหินไม่ได้รับเรื่องร้องเรียนผ่านช่องทางใด');
    expect(texts.problems).toMatch(/^1\. ประชาชนอาจยังไม่ทราบช่องทางการร้องเรียน/);
    expect(texts.problems).toContain('2. ผู้ที่ประสงค์จะร้องเรียนอาจมีความกังวล');
    expect(texts.recommendations).toContain('ประชาสัมพันธ์ช่องทางการร้องเรียน');
    expect(texts.recommendations).toContain('การรักษาความลับ');
  });

  it('with complaints: the totals, integrity apart, the largest categories, late cases and low satisfaction', () => {
    const figures: ReportFigures = {
      ...EMPTY,
      received: 40,
      byChannel: [{ ...EMPTY.byChannel[0]!, count: 28 }, { ...EMPTY.byChannel[1]!, count: 12 }],
      byCategory: [
        { code: 'health-service', nameTh: 'การให้บริการด้านสุขภาพ', count: 24 },
        { code: 'corruption', nameTh: 'การทุจริตและประพฤติมิชอบ', count: 12 },
        { code: 'road', nameTh: 'ถนนชำรุด', count: 4 },
      ],
      integrity: { corruption: 12, misconduct: 0, service: 28 },
      sla: { met: 20, missed: 8, openWithinTime: 8, openOverdue: 4 },
      satisfaction: { responses: 16, average: 2.75 },
    };
    const texts = proposeTexts(facts(figures));
    expect(texts.analysis).toContain('ได้รับเรื่องร้องเรียนทั้งสิ้น 40 เรื่อง แยกเป็นเรื่องร้องเรียนเกี่ยวกับการทุจริตและประพฤติมิชอบ 12 เรื่อง และเรื่องร้องเรียนทั่วไปเกี่ยวกับการให้บริการ 28 เรื่อง');
    expect(texts.analysis).toContain('ประเภทเรื่องที่ได้รับมากที่สุด ได้แก่ การให้บริการด้านสุขภาพ 24 เรื่อง การทุจริตและประพฤติมิชอบ 12 เรื่อง ถนนชำรุด น้อยกว่า 5 เรื่อง');
    expect(texts.analysis).toContain('ช่องทางที่ได้รับเรื่องมากที่สุด คือ โทรศัพท์ 0 5662 2353 28 เรื่อง');
    expect(texts.analysis).toContain('แล้วเสร็จภายในกำหนด 20 เรื่อง (ร้อยละ 71.4)');
    expect(texts.analysis).toContain('คะแนนเฉลี่ย 2.75 จาก 5 คะแนน');
    expect(texts.problems).toContain('1. มีเรื่องที่ดำเนินการเกินกรอบเวลาที่กำหนด 12 เรื่อง (ร้อยละ 30)');
    expect(texts.problems).toContain('2. ผู้ร้องมีความพึงพอใจต่อการดำเนินการในระดับต่ำ');
    expect(texts.problems).toContain('3. มีเรื่องร้องเรียนเกี่ยวกับการทุจริตและประพฤติมิชอบ 12 เรื่อง');
    expect(texts.recommendations).toMatch(/^1\. ประสานหน่วยงานที่เกี่ยวข้องเพื่อป้องกันและแก้ไขปัญหาด้านการให้บริการด้านสุขภาพ/);
    expect(texts.recommendations).toContain('ติดตามเร่งรัดเรื่องที่ใกล้ครบกำหนดและเกินกำหนด');
    expect(texts.recommendations).toContain('ทบทวนคุณภาพการดำเนินการ');
  });

  it('writes small counts of a breakdown as the public figures show them, with no percentage or average that would give them away', () => {
    const corruption = { code: 'corruption', nameTh: 'การทุจริตและประพฤติมิชอบ' };
    const texts = proposeTexts(facts(oneCategory(corruption, 3, { met: 1, missed: 2, openWithinTime: 0, openOverdue: 0 }, { responses: 1, average: 1 })));
    expect(texts.analysis).toContain('ได้รับเรื่องร้องเรียนทั้งสิ้น 3 เรื่อง แยกเป็นเรื่องร้องเรียนเกี่ยวกับการทุจริตและประพฤติมิชอบ น้อยกว่า 5 เรื่อง และเรื่องร้องเรียนทั่วไปเกี่ยวกับการให้บริการ 0 เรื่อง');
    expect(texts.analysis).toContain('แล้วเสร็จภายในกำหนด น้อยกว่า 5 เรื่อง และเกินกำหนด น้อยกว่า 5 เรื่อง');
    expect(texts.analysis).toContain('ผู้ร้องประเมินความพึงพอใจน้อยกว่า 5 ราย');
    expect(texts.analysis).not.toMatch(/ร้อยละ|คะแนนเฉลี่ย/);
    expect(texts.problems).toContain('1. มีเรื่องที่ดำเนินการเกินกรอบเวลาที่กำหนด น้อยกว่า 5 เรื่อง\n');
    expect(texts.problems).not.toContain('พึงพอใจ');
  });

  it('finds no notable problem where all was on time and people were satisfied', () => {
    const texts = proposeTexts(facts(oneCategory({ code: 'road', nameTh: 'ถนนชำรุด' }, 2, { met: 2, missed: 0, openWithinTime: 0, openOverdue: 0 }, { responses: 2, average: 4.5 })));
    expect(texts.problems).toBe('ไม่พบปัญหาและอุปสรรคที่สำคัญในการดำเนินงาน');
    expect(texts.recommendations).not.toContain('เร่งรัด');
  });
});
