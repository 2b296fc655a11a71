import { describe, expect, it } from 'vitest';
import { publicCount, publicFigures, shapeFigures, type FigureCounts } from './figures.ts';
import { integrityKindOf } from './integrity.ts';

const NONE: FigureCounts = {
  channels: [],
  byChannel: [],
  byCategory: [],
  byResult: [],
  byStatusAtEnd: [],
  bySlaState: [],
  satisfaction: { responses: 0, total: 0 },
};

const CHANNELS: FigureCounts['channels'] = [
  { id: 'c-phone', kind: 'hotline', labelTh: 'โทรศัพท์ 0 5662 2353' },
  { id: 'c-box', kind: 'suggestion_box', labelTh: 'ตู้รับความคิดเห็นหน้าอาคาร' },
  { id: 'c-line', kind: 'line', labelTh: 'LINE @taphanhin' },
];

describe('report figures', () => {
  it('gives a row for every channel the agency offers even with no case, and nothing else, for a year without complaints', () => {
    const figures = shapeFigures({ ...NONE, channels: CHANNELS });
    expect(figures.received).toBe(0);
    expect(figures.byChannel).toEqual(CHANNELS.map(({ id, kind, labelTh }) => ({ channelId: id, kind, labelTh, count: 0 })));
    expect(figures.byCategory).toEqual([]);
    expect(figures.integrity).toEqual({ corruption: 0, misconduct: 0, service: 0 });
    expect(figures.sla).toEqual({ met: 0, missed: 0, openWithinTime: 0, openOverdue: 0 });
    expect(figures.satisfaction).toEqual({ responses: 0, average: null });
  });

  it('counts cases under the channel they named, and those that named none (or another agency\'s) under a row per kind', () => {
    const figures = shapeFigures({
      ...NONE,
      channels: CHANNELS,
      byChannel: [
        { channelId: 'c-phone', kind: 'hotline', count: 3 },
        { channelId: null, kind: 'web', count: 2 },
        { channelId: 'someone-elses', kind: 'web', count: 1 },
        { channelId: null, kind: 'hotline', count: 1 },
      ],
      byStatusAtEnd: [{ status: 'closed', count: 7 }],
    });
    expect(figures.byChannel.map((row) => [row.labelTh, row.count])).toEqual([
      ['โทรศัพท์ 0 5662 2353', 3],
      ['ตู้รับความคิดเห็นหน้าอาคาร', 0],
      ['LINE @taphanhin', 0],
      ['เว็บไซต์', 3],
      ['โทรศัพท์', 1],
    ]);
    expect(figures.received).toBe(7);
  });

  it('orders categories by count, names the uncategorised, and counts corruption and misconduct apart from service', () => {
    const figures = shapeFigures({
      ...NONE,
      byCategory: [
        { code: 'road', nameTh: 'ถนนชำรุด', count: 2 },
        { code: 'corruption', nameTh: 'การทุจริตและประพฤติมิชอบ', count: 1 },
        { code: null, nameTh: null, count: 4 },
        { code: 'official-conduct', nameTh: 'การปฏิบัติหน้าที่ของเจ้าหน้าที่', count: 2 },
      ],
    });
    expect(figures.byCategory.map((row) => [row.nameTh, row.count])).toEqual([
      ['ไม่ระบุประเภท', 4],
      ['ถนนชำรุด', 2],
      ['การปฏิบัติหน้าที่ของเจ้าหน้าที่', 2],
      ['การทุจริตและประพฤติมิชอบ', 1],
    ]);
    expect(figures.integrity).toEqual({ corruption: 1, misconduct: 2, service: 6 });
  });

  it('lists results and statuses in the vocabulary order with their Thai labels, leaving out zeros', () => {
    const figures = shapeFigures({
      ...NONE,
      byResult: [
        { result: null, count: 2 },
        { result: 'explained', count: 1 },
        { result: 'fixed', count: 3 },
      ],
      byStatusAtEnd: [
        { status: 'in_progress', count: 2 },
        { status: 'closed', count: 4 },
      ],
    });
    expect(figures.byResult).toEqual([
      { result: 'fixed', labelTh: 'แก้ไขปัญหาแล้ว', count: 3 },
      { result: 'explained', labelTh: 'ชี้แจงข้อเท็จจริงแล้ว', count: 1 },
      { result: null, labelTh: 'ยังไม่มีผลการดำเนินการ', count: 2 },
    ]);
    expect(figures.byStatusAtEnd.map((row) => row.status)).toEqual(['in_progress', 'closed']);
  });

  it('sorts SLA states into met, missed, open within time and open overdue; averages satisfaction to two places', () => {
    const figures = shapeFigures({
      ...NONE,
      bySlaState: [
        { state: 'met', count: 4 },
        { state: 'missed', count: 1 },
        { state: 'paused', count: 1 },
        { state: 'due_soon', count: 1 },
        { state: 'on_track', count: 2 },
        { state: 'overdue', count: 3 },
      ],
      satisfaction: { responses: 3, total: 13 },
    });
    expect(figures.sla).toEqual({ met: 4, missed: 1, openWithinTime: 4, openOverdue: 3 });
    expect(figures.satisfaction).toEqual({ responses: 3, average: 4.33 });
  });
});

describe('public figures', () => {
  it('shows 1 to 4 as "<5" in every breakdown, 0 and 5 on as they are, the total exact', () => {
    expect([0, 1, 4, 5, 12].map(publicCount)).toEqual([0, '<5', '<5', 5, 12]);
    const figures = shapeFigures({
      ...NONE,
      channels: CHANNELS,
      byChannel: [{ channelId: 'c-phone', kind: 'hotline', count: 6 }, { channelId: 'c-box', kind: 'suggestion_box', count: 1 }],
      byCategory: [{ code: 'corruption', nameTh: 'การทุจริตและประพฤติมิชอบ', count: 1 }, { code: 'road', nameTh: 'ถนนชำรุด', count: 6 }],
      byStatusAtEnd: [{ status: 'closed', count: 7 }],
      satisfaction: { responses: 2, total: 3 },
    });
    const open = publicFigures(figures);
    expect(open.received).toBe(7);
    expect(open.byChannel).toEqual([
      { kind: 'hotline', labelTh: 'โทรศัพท์ 0 5662 2353', count: 6 },
      { kind: 'suggestion_box', labelTh: 'ตู้รับความคิดเห็นหน้าอาคาร', count: '<5' },
      { kind: 'line', labelTh: 'LINE @taphanhin', count: 0 },
    ]);
    expect(open.byCategory.map((row) => row.count)).toEqual([6, '<5']);
    expect(open.integrity).toEqual({ corruption: '<5', misconduct: 0, service: 6 });
    // Two ratings: their average would tell each of them.
    expect(open.satisfaction).toEqual({ responses: '<5', average: null });
  });
});

describe('integrity kinds', () => {
  it('takes corruption, conduct of officials and harassment to be about integrity, every other category and none about service', () => {
    expect(['corruption', 'official-conduct', 'sexual-harassment', 'road', 'health-service', null].map(integrityKindOf)).toEqual(['corruption', 'misconduct', 'misconduct', 'service', 'service', 'service']);
  });
});
