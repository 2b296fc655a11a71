import { describe, expect, it } from 'vitest';
import type { ReportFigures, ReportTexts } from '../../shared/api/reports.ts';
import { memoHtml, type MemoInput } from './memo-html.ts';

const figures: ReportFigures = {
  received: 12,
  byChannel: [
    { channelId: 'a', kind: 'hotline', labelTh: 'โทรศัพท์ 0 5662 2353', count: 12 },
    { channelId: 'b', kind: 'line', labelTh: 'LINE <official>', count: 0 },
  ],
  byCategory: [{ code: 'road', nameTh: 'ถนนชำรุด', count: 12 }],
  byResult: [{ result: 'fixed', labelTh: 'แก้ไขปัญหาแล้ว', count: 12 }],
  byStatusAtEnd: [{ status: 'closed', labelTh: 'ยุติเรื่องแล้ว', count: 12 }],
  integrity: { corruption: 0, misconduct: 0, service: 12 },
  sla: { met: 10, missed: 2, openWithinTime: 0, openOverdue: 0 },
  satisfaction: { responses: 6, average: 4.5 },
};
const texts: ReportTexts = {
  documentNumber: 'พจ 0033.301/125',
  addressee: 'สาธารณสุขอำเภอตะพานหิน',
  background: 'ความเป็นมา บรรทัดที่ 1\nบรรทัดที่ 2',
  analysis: 'วิเคราะห์ & "สรุป"',
  problems: '',
  recommendations: 'ข้อเสนอ',
  preparedByName: 'นางสาวน้ำฝน ใจดี',
  preparedByPosition: 'นักวิชาการสาธารณสุขปฏิบัติการ',
  approverName: '',
  approverPosition: '',
};
const input: MemoInput = { agencyNameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน', periodTh: 'ปีงบประมาณ พ.ศ. 2569', dateTh: '5 ตุลาคม 2569', figures, texts, version: 1, changeNote: null, fontFaces: '' };
const bodyOf = (html: string) => html.slice(html.indexOf('<body>'));

describe('the memo', () => {
  it('has the heading, ส่วนราชการ, ที่, วันที่, เรื่อง, เรียน, the six numbered sections, the request and both signature blocks, in order', () => {
    const body = bodyOf(memoHtml(input));
    const order = ['บันทึกข้อความ', 'ส่วนราชการ', 'ที่', 'วันที่', 'เรื่อง', 'เรียน', '๑. ความเป็นมา', '๒. ช่องทาง', '๓. ผลการดำเนินงาน', '๔. ผลการวิเคราะห์', '๕. ปัญหาและอุปสรรค', '๖. ข้อเสนอแนะ', 'จึงเรียนมาเพื่อโปรดพิจารณา', 'ผู้จัดทำรายงาน', 'ความเห็นของผู้บังคับบัญชา', 'ผู้อนุมัติ'];
    const positions = order.map((text) => body.indexOf(text));
    expect(positions.every((position) => position >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(body).toContain('รายงานผลการดำเนินงานเรื่องร้องเรียน ปีงบประมาณ พ.ศ. ๒๕๖๙');
    expect(body).toContain('( นางสาวน้ำฝน ใจดี )');
  });

  it('writes Thai digits in the text and never in the markup; Arabic digits on request', () => {
    const body = bodyOf(memoHtml(input));
    expect(body).toContain('พจ ๐๐๓๓.๓๐๑/๑๒๕');
    expect(body).toContain('โทรศัพท์ ๐ ๕๖๖๒ ๒๓๕๓');
    expect(body).toContain('<td class="num">๑๒</td>');
    expect(body).toContain('<h2>');
    expect(body.replace(/<[^>]*>/g, '')).not.toMatch(/[0-9]/);
    const arabic = bodyOf(memoHtml({ ...input, thaiNumerals: false }));
    expect(arabic).toContain('พจ 0033.301/125');
  });

  it('escapes every text, marks empty lines to fill in with dots, and says what a new version changed', () => {
    const html = memoHtml({ ...input, version: 2, changeNote: 'จำนวนเรื่อง <ทางโทรศัพท์>' });
    expect(html).toContain('LINE &lt;official&gt;');
    expect(html).toContain('วิเคราะห์ &amp; &quot;สรุป&quot;');
    expect(html).not.toContain('<official>');
    expect(html).toContain('รายงานฉบับนี้เป็นฉบับแก้ไขครั้งที่ ๑ โดยแก้ไข จำนวนเรื่อง &lt;ทางโทรศัพท์&gt;');
    expect(html).toContain(`( ${'.'.repeat(40)} )`);
  });
});
