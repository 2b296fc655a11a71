import { describe, expect, it } from 'vitest';
import { converse, isExpired, IDLE_LIMIT_MS, MAX_PHOTOS, type ChatInput, type ChatState, type ConversationFacts } from './conversation.ts';

const TAPHAN_HIN = { provinceCode: '66', districtCode: '6604', labelTh: 'อ.ตะพานหิน จ.พิจิตร' };
const facts: ConversationFacts = {
  suggestCategory: (text) => (text.includes('ถนน') ? { code: 'road', nameTh: 'ถนนชำรุด' } : undefined),
  placeAt: (lat) => (lat > 16 && lat < 17 ? TAPHAN_HIN : undefined),
  placeNamed: (text) => (text.includes('ตะพานหิน') ? TAPHAN_HIN : undefined),
  openCase: undefined,
};
const text = (value: string): ChatInput => ({ kind: 'text', text: value });

/** Plays the inputs from `state` and returns every turn. */
function play(inputs: ChatInput[], state: ChatState = { step: 'idle' }, given: ConversationFacts = facts) {
  const turns = [];
  for (const input of inputs) {
    const turn = converse(state, input, given);
    turns.push(turn);
    state = turn.state;
  }
  return turns;
}

describe('the chat conversation', () => {
  it('files a complaint step by step, with the suggested category, a shared location, photos and contact details', () => {
    const turns = play([
      text('แจ้งเรื่องร้องเรียน'),
      text('ถนนหน้าตลาดเป็นหลุมใหญ่ รถล้มบ่อย'),
      text('ใช่'),
      { kind: 'location', lat: 16.21, lon: 100.45, address: 'ตลาดตะพานหิน' },
      { kind: 'image', ref: 'm1' },
      { kind: 'image', ref: 'm2' },
      text('เสร็จแล้ว'),
      text('ให้ชื่อและเบอร์โทร'),
      text('สมชาย ใจดี'),
      text('081-234-5678'),
      text('ปกปิด'),
      text('ยืนยัน'),
    ]);
    expect(turns[1]?.replies[0]?.text).toContain('ถนนชำรุด');
    expect(turns[3]?.replies[0]?.text).toContain('ตะพานหิน');
    expect(turns[11]?.action).toEqual({
      kind: 'file',
      draft: {
        description: 'ถนนหน้าตลาดเป็นหลุมใหญ่ รถล้มบ่อย',
        category: { code: 'road', nameTh: 'ถนนชำรุด' },
        place: { ...TAPHAN_HIN, lat: 16.21, lon: 100.45, address: 'ตลาดตะพานหิน' },
        photos: ['m1', 'm2'],
        anonymous: false,
        name: 'สมชาย ใจดี',
        phone: '0812345678',
        confidential: true,
      },
    });
    expect(turns[11]?.state).toEqual({ step: 'idle' });
  });

  it('takes a first message as the description, a typed place, and an anonymous filing without photos', () => {
    const turns = play([text('น้ำประปาไม่ไหลมาสามวันแล้ว'), text('ตะพานหิน พิจิตร'), text('ไม่มีรูป'), text('ไม่ประสงค์ออกนาม'), text('ยืนยัน')]);
    expect(turns[0]?.state.step).toBe('location');
    expect(turns[4]?.action).toMatchObject({ kind: 'file', draft: { place: TAPHAN_HIN, photos: [], anonymous: true, confidential: false } });
  });

  it('cancels at every step, and says so', () => {
    const inputs = [text('แจ้งเรื่อง'), text('ถนนหน้าตลาดเป็นหลุมใหญ่ รถล้มบ่อย'), text('ใช่'), text('ตะพานหิน'), text('เสร็จแล้ว'), text('ให้ชื่อและเบอร์โทร'), text('สมชาย'), text('ข้าม'), text('ปกปิด')];
    for (let steps = 1; steps <= inputs.length; steps += 1) {
      const before = play(inputs.slice(0, steps)).at(-1)?.state ?? { step: 'idle' };
      expect(before.step).not.toBe('idle');
      const turn = converse(before, text('ยกเลิก'), facts);
      expect(turn.state).toEqual({ step: 'idle' });
      expect(turn.replies[0]?.text).toContain('ยกเลิกแล้ว');
      expect(turn.action).toBeUndefined();
    }
  });

  it('asks whether a message is about an open case, and adds it to that case when it is', () => {
    const withOpen = { ...facts, openCase: 'RT-69-ABC123' };
    const [asked, same] = play([text('ยังไม่มีใครมาซ่อมเลยครับ'), text('เรื่องเดิม')], { step: 'idle' }, withOpen);
    expect(asked?.replies[0]?.text).toContain('RT-69-ABC123');
    expect(same?.action).toEqual({ kind: 'add_info', trackingCode: 'RT-69-ABC123', text: 'ยังไม่มีใครมาซ่อมเลยครับ' });
    const [, fresh] = play([text('ไฟฟ้าดับทั้งซอยตั้งแต่เมื่อวาน'), text('เรื่องใหม่')], { step: 'idle' }, withOpen);
    expect(fresh?.state).toMatchObject({ step: 'location', draft: { description: 'ไฟฟ้าดับทั้งซอยตั้งแต่เมื่อวาน' } });
  });

  it('lists cases on "ติดตาม", tells the status of a tracking code, and takes information after one', () => {
    expect(converse({ step: 'idle' }, text('ติดตาม'), facts).action).toEqual({ kind: 'list' });
    expect(converse({ step: 'idle' }, text('rt-69-abc123'), facts).action).toEqual({ kind: 'status', trackingCode: 'RT-69-ABC123' });
    expect(converse({ step: 'idle' }, text('RT-69-ABC123 มีคนมาดูแล้วแต่ยังไม่ซ่อม'), facts).action).toEqual({ kind: 'add_info', trackingCode: 'RT-69-ABC123', text: 'มีคนมาดูแล้วแต่ยังไม่ซ่อม' });
    const [asked, photo] = play([text('เพิ่มข้อมูล RT-69-ABC123'), { kind: 'image', ref: 'm9' }]);
    expect(asked?.state).toEqual({ step: 'add_info', trackingCode: 'RT-69-ABC123' });
    expect(photo?.action).toEqual({ kind: 'add_info', trackingCode: 'RT-69-ABC123', photo: 'm9' });
  });

  it('takes a rating, then whether the result is accepted', () => {
    const turns = play([text('ประเมิน RT-69-ABC123'), text('๔'), text('ขอให้พิจารณาใหม่')]);
    expect(turns[1]?.state).toEqual({ step: 'reopen', trackingCode: 'RT-69-ABC123', rating: 4 });
    expect(turns[2]?.action).toEqual({ kind: 'rate', trackingCode: 'RT-69-ABC123', rating: 4, reopen: true });
    expect(converse({ step: 'rating', trackingCode: 'RT-69-ABC123' }, text('ดีมาก'), facts).state.step).toBe('rating');
  });

  it('refuses what does not fit a step and stays on it', () => {
    expect(converse({ step: 'describe' }, text('หลุม'), facts).state).toEqual({ step: 'describe' });
    const draft = { description: 'ถนนเป็นหลุม', photos: [] };
    expect(converse({ step: 'location', draft }, { kind: 'location', lat: 1, lon: 1 }, facts).state.step).toBe('location');
    expect(converse({ step: 'phone', draft }, text('12'), facts).state.step).toBe('phone');
    const refused = converse({ step: 'photos', draft }, { kind: 'image_refused', reasonTh: 'ไฟล์ว่างเปล่า' }, facts);
    expect(refused.state.step).toBe('photos');
    expect(refused.replies[0]?.text).toContain('ไฟล์ว่างเปล่า');
    const full = { ...draft, photos: Array.from({ length: MAX_PHOTOS }, (_, index) => `m${index}`) };
    expect(converse({ step: 'photos', draft: full }, { kind: 'image', ref: 'extra' }, facts).state).toMatchObject({ step: 'identity', draft: { photos: full.photos } });
  });

  it('drops a conversation idle for more than a day', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    expect(isExpired(new Date(now.getTime() - IDLE_LIMIT_MS + 1000), now)).toBe(false);
    expect(isExpired(new Date(now.getTime() - IDLE_LIMIT_MS - 1000), now)).toBe(true);
  });
});
