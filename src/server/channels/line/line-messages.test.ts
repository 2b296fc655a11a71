import { describe, expect, it } from 'vitest';
import { lineMessagesOf } from './line-messages.ts';

describe('replies as LINE messages', () => {
  it('gives quick replies, the location and photo buttons, and labels of at most 20 characters', () => {
    const [message] = lineMessagesOf([{ text: 'ส่งตำแหน่ง', askLocation: true, askPhoto: true, quickReplies: [{ label: 'ตัวเลือกที่ยาวเกินยี่สิบตัวอักษรแน่นอน', text: 'ข้าม' }] }]);
    const items = (message as { quickReply: { items: Array<{ action: { type: string; label: string; text?: string } }> } }).quickReply.items;
    expect(items.map((item) => item.action.type)).toEqual(['location', 'camera', 'cameraRoll', 'message']);
    expect(items[3]?.action.label.length).toBe(20);
    expect(items[3]?.action.text).toBe('ข้าม');
  });

  it('draws a receipt as a Flex card linking to the tracking page', () => {
    const [message] = lineMessagesOf([
      { text: 'รับเรื่องแล้ว RT-69-ABC123', receipt: { trackingCode: 'RT-69-ABC123', accessKey: 'AAAA-BBBB', trackingUrl: 'https://rongthuk.test/track/RT-69-ABC123', dueDateTh: '1 ม.ค. 2570', agencyNameTh: 'สสอ.ตะพานหิน' } },
    ]);
    expect(message).toMatchObject({ type: 'flex', altText: 'รับเรื่องแล้ว RT-69-ABC123' });
    expect(JSON.stringify(message)).toContain('"uri":"https://rongthuk.test/track/RT-69-ABC123"');
  });

  it('sends at most five messages, the rest joined in the fifth', () => {
    const messages = lineMessagesOf(Array.from({ length: 7 }, (_, index) => ({ text: `ข้อความ ${index + 1}` })));
    expect(messages).toHaveLength(5);
    expect((messages[4] as { text: string }).text).toBe('ข้อความ 5\n\nข้อความ 6\n\nข้อความ 7');
  });
});
