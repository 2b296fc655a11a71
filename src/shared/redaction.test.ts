import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { REDACTION_PLACEHOLDERS, findPersonalData, redactPersonalData } from './redaction.ts';
import type { PersonalDataKind } from './redaction.ts';

const ID = REDACTION_PLACEHOLDERS.national_id;
const PHONE = REDACTION_PLACEHOLDERS.phone;
const EMAIL = REDACTION_PLACEHOLDERS.email;
const BANK = REDACTION_PLACEHOLDERS.bank_account;
const NAME = REDACTION_PLACEHOLDERS.person_name;

/** Valid national IDs, check digits computed with the published algorithm. */
const VALID_IDS = ['1234567890121', '1103702488992', '3100600123450', '5600100987651'];

function withCheckDigit(prefix12: string): string {
  const sum = [...prefix12].reduce((acc, d, i) => acc + Number(d) * (13 - i), 0);
  return prefix12 + String((11 - (sum % 11)) % 10);
}

/** Kinds and values found, for compact assertions. */
const found = (text: string): Array<[PersonalDataKind, string]> =>
  findPersonalData(text).map((s) => [s.kind, s.value]);

describe('REDACTION_PLACEHOLDERS', () => {
  it('gives a Thai placeholder for every kind', () => {
    expect(REDACTION_PLACEHOLDERS).toEqual({
      national_id: '[เลขประจำตัวประชาชน]',
      phone: '[หมายเลขโทรศัพท์]',
      email: '[อีเมล]',
      bank_account: '[เลขบัญชีธนาคาร]',
      person_name: '[ชื่อบุคคล]',
    });
  });
});

describe('redactPersonalData on realistic complaint text', () => {
  const cases: Array<[string, string]> = [
    // phones
    ['ติดต่อกลับที่ 081-234-5678 ครับ', `ติดต่อกลับที่ ${PHONE} ครับ`],
    ['เบอร์ 0812345678 ค่ะ', `เบอร์ ${PHONE} ค่ะ`],
    ['รบกวนโทรกลับ 06 1234 5678 ช่วงเย็น', `รบกวนโทรกลับ ${PHONE} ช่วงเย็น`],
    ['โทร.02-123-4567 ในเวลาราชการ', `โทร.${PHONE} ในเวลาราชการ`],
    ['สำนักงานเขต โทร 02 123 4567 ต่อ 12', `สำนักงานเขต โทร ${PHONE} ต่อ 12`],
    ['ติดต่อ 053-123-456 (สำนักงานจังหวัด)', `ติดต่อ ${PHONE} (สำนักงานจังหวัด)`],
    ['ลูกชายอยู่ต่างประเทศ โทร +66 81 234 5678 ได้', `ลูกชายอยู่ต่างประเทศ โทร ${PHONE} ได้`],
    ['สายตรง +662 123 4567', `สายตรง ${PHONE}`],
    ['เบอร์ (+66) 81-234-5678', `เบอร์ ${PHONE}`],
    ['หมายเลข 66 81 234 5678 ครับ', `หมายเลข ${PHONE} ครับ`],
    ['โทร ๐๘๑-๒๓๔-๕๖๗๘ นะคะ', `โทร ${PHONE} นะคะ`],
    ['โทรมา08-1234-5678ค่ะ', `โทรมา${PHONE}ค่ะ`],
    ['ผู้ร้องโทร 0812345678 หรือ 0898765432 ก็ได้', `ผู้ร้องโทร ${PHONE} หรือ ${PHONE} ก็ได้`],
    ['โทร 081-234-5678/089-876-5432', `โทร ${PHONE}/${PHONE}`],
    ['เปิด 08.30-16.30 น. โทร 02 123 4567', `เปิด 08.30-16.30 น. โทร ${PHONE}`],
    // national IDs
    ['เลขบัตร ๑๒๓๔๕๖๗๘๙๐๑๒๑ ค่ะ', `เลขบัตร ${ID} ค่ะ`],
    ['เลขประจำตัวประชาชน 1-2345-67890-12-1 ของผู้ร้อง', `เลขประจำตัวประชาชน ${ID} ของผู้ร้อง`],
    ['บัตรประชาชนเลขที่ 1 1037 02488 99 2', `บัตรประชาชนเลขที่ ${ID}`],
    ['ผมชื่อสมชาย เลขบัตร3100600123450ครับ', `ผมชื่อสมชาย เลขบัตร${ID}ครับ`],
    ['บุคคลไม่มีสถานะทางทะเบียน เลข 0-1000-00012-34-2', `บุคคลไม่มีสถานะทางทะเบียน เลข ${ID}`],
    // e-mail
    ['อีเมล somchai.k@example.co.th ครับ', `อีเมล ${EMAIL} ครับ`],
    ['ส่งเอกสารมาที่อีเมลsomchai@example.comได้เลย', `ส่งเอกสารมาที่อีเมล${EMAIL}ได้เลย`],
    ['ตอบกลับทาง 0812345678@gmail.com', `ตอบกลับทาง ${EMAIL}`],
    // phones written with dots
    ['โทร 081.234.5678 ได้ทั้งวัน', `โทร ${PHONE} ได้ทั้งวัน`],
    ['สำนักงาน 02.123.4567 เปิด 08.30-16.30 น.', `สำนักงาน ${PHONE} เปิด 08.30-16.30 น.`],
    // bank accounts, only with a bank or account cue before them
    ['โอนเข้าบัญชีกสิกร 123-4-56789-0 แล้ว', `โอนเข้าบัญชีกสิกร ${BANK} แล้ว`],
    ['เลขบัญชี 123-456789-0 ธนาคารกรุงไทย', `เลขบัญชี ${BANK} ธนาคารกรุงไทย`],
    ['SCB 4071234567 ชื่อบัญชีผู้ร้อง', `SCB ${BANK} ชื่อบัญชีผู้ร้อง`],
    ['ธ.ก.ส. สาขาบางปลาม้า 020123456789', `ธ.ก.ส. สาขาบางปลาม้า ${BANK}`],
    ['บัญชีออมทรัพย์ 0812345678 โทร 0898765432', `บัญชีออมทรัพย์ ${BANK} โทร ${PHONE}`],
    ['เลขที่หนังสือ 1234567890 ลงวันที่ 1 มี.ค.', 'เลขที่หนังสือ 1234567890 ลงวันที่ 1 มี.ค.'],
    ['ชาวกรุงเทพ โทร 0812345678', `ชาวกรุงเทพ โทร ${PHONE}`],
    // names after titles
    ['นายสมชาย ใจดี แจ้งว่า ถนนชำรุด', `นาย${NAME} แจ้งว่า ถนนชำรุด`],
    ['นางสาวสุดา มีสุข อยู่บ้านเลขที่ 12', `นางสาว${NAME} อยู่บ้านเลขที่ 12`],
    ['น.ส. วรรณา แจ้งเรื่อง', `น.ส. ${NAME} แจ้งเรื่อง`],
    ['ด.ช.ภูมิ ศรีสุข ถูกสุนัขกัด', `ด.ช.${NAME} ถูกสุนัขกัด`],
    ['ผู้ร้องคือนายประยูรแจ้งว่าน้ำท่วม', `ผู้ร้องคือนาย${NAME}แจ้งว่าน้ำท่วม`],
    ['Mr. John Smith called', `Mr. ${NAME} called`],
    ['นายอำเภอไม่ออกมาดู นายกเทศมนตรีก็เงียบ', 'นายอำเภอไม่ออกมาดู นายกเทศมนตรีก็เงียบ'],
    ['นายก อบต. ไม่ตอบ นางพยาบาลใจดี', 'นายก อบต. ไม่ตอบ นางพยาบาลใจดี'],
    ['ทนายความของผู้ร้อง', 'ทนายความของผู้ร้อง'],
    ['นายบุญมี ขายที่ดินให้นายทุนแล้วถูกโกง', `นาย${NAME} ขายที่ดินให้นายทุนแล้วถูกโกง`],
    ['นายกมล สุขใจ ร้องเรียน', `นาย${NAME} ร้องเรียน`],
    ['นางสาวอัมพรได้รับหนังสือ', `นางสาว${NAME}ได้รับหนังสือ`],
    ['นายสว่าง แสงดี ร้องเรียน', `นาย${NAME} ร้องเรียน`],
    ['เด็กหญิงอรอุมา หายจากบ้านตั้งแต่วันที่ 3', `เด็กหญิง${NAME} หายจากบ้านตั้งแต่วันที่ 3`],
    ['บัญชีพร้อมเพย์ 0923456789 ของผู้ขาย', `บัญชีพร้อมเพย์ ${PHONE} ของผู้ขาย`],
    ['เลขบัญชี 123-4-56789-0', `เลขบัญชี ${BANK}`],
    // several at once
    [
      'เลขบัตร 1103702488992 เบอร์ 0812345678 อีเมล a.b@c.go.th',
      `เลขบัตร ${ID} เบอร์ ${PHONE} อีเมล ${EMAIL}`,
    ],
    // amounts, dates, addresses, document numbers: left alone
    ['ค่าปรับ 1,500 บาท', 'ค่าปรับ 1,500 บาท'],
    ['ได้รับหนังสือเมื่อวันที่ 12/05/2567', 'ได้รับหนังสือเมื่อวันที่ 12/05/2567'],
    ['บ้านเลขที่ 99/123 หมู่ 4 ตำบลบางพลี', 'บ้านเลขที่ 99/123 หมู่ 4 ตำบลบางพลี'],
    ['เมื่อเวลา 08.30-16.30 น. ของวันที่ 02-05-2567', 'เมื่อเวลา 08.30-16.30 น. ของวันที่ 02-05-2567'],
    ['หนังสือที่ มท 0808.2/ว 1234 ลงวันที่ ๒ พ.ค. ๒๕๖๗', 'หนังสือที่ มท 0808.2/ว 1234 ลงวันที่ ๒ พ.ค. ๒๕๖๗'],
    ['รหัสไปรษณีย์ 10200 เขตพระนคร', 'รหัสไปรษณีย์ 10200 เขตพระนคร'],
    ['ค่าไฟเดือนนี้ 2,500.00 บาท แพงกว่าเดิม 3 เท่า', 'ค่าไฟเดือนนี้ 2,500.00 บาท แพงกว่าเดิม 3 เท่า'],
    ['ปี 2567 มีเรื่องร้องเรียน 1,234 เรื่อง', 'ปี 2567 มีเรื่องร้องเรียน 1,234 เรื่อง'],
    ['เลขติดตามเรื่อง RT-69-7K3M9Q', 'เลขติดตามเรื่อง RT-69-7K3M9Q'],
    // near misses: wrong check digit, too long, part of a longer number
    ['เลขบัตร 1234567890122 ไม่ถูกต้อง', 'เลขบัตร 1234567890122 ไม่ถูกต้อง'],
    ['โทร 081-234-56789 (เกินหนึ่งหลัก)', 'โทร 081-234-56789 (เกินหนึ่งหลัก)'],
    ['เลขอ้างอิง 908123456789 ของธนาคาร', 'เลขอ้างอิง 908123456789 ของธนาคาร'],
    ['เลขที่คำสั่ง 0812345678-1', 'เลขที่คำสั่ง 0812345678-1'],
    ['เลขอ้างอิง 12345678901210', 'เลขอ้างอิง 12345678901210'],
  ];

  it.each(cases)('%s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it('is idempotent on every example', () => {
    for (const [input] of cases) {
      const once = redactPersonalData(input);
      expect(redactPersonalData(once)).toBe(once);
    }
  });
});

describe('findPersonalData', () => {
  it('reports kind, offsets and the value as written', () => {
    const text = 'เลขบัตร ๑๒๓๔๕๖๗๘๙๐๑๒๑ โทร 081-234-5678';
    const spans = findPersonalData(text);
    expect(spans).toEqual([
      { kind: 'national_id', start: 8, end: 21, value: '๑๒๓๔๕๖๗๘๙๐๑๒๑' },
      { kind: 'phone', start: 26, end: 38, value: '081-234-5678' },
    ]);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.value);
  });

  it('lets a national ID win over a phone number inside it', () => {
    // 1 081 234 5678 12 is a valid ID whose middle also reads as a mobile number.
    expect(withCheckDigit('108123456781')).toBe('1081234567812');
    expect(found('เลข 1 081 234 5678 12 ครับ')).toEqual([['national_id', '1 081 234 5678 12']]);
  });

  it('lets an e-mail address win over the digits in it', () => {
    expect(found('ส่งที่ 0812345678@gmail.com')).toEqual([['email', '0812345678@gmail.com']]);
  });

  it('hides every reading when candidates overlap without one containing the other', () => {
    // A mobile-number reading (09 00 16 30 02) overlaps a landline (02 123 4567):
    // keeping only one would leak digits of the other, so both are covered.
    expect(found('ช่วง 09 00 16 30 02 123 4567')).toEqual([['phone', '09 00 16 30 02 123 4567']]);
  });

  it('does not accept national IDs starting with 9 (reserved)', () => {
    expect(found(`เลข ${withCheckDigit('912345678901')}`)).toEqual([]);
  });

  it('finds nothing in text without personal data', () => {
    expect(findPersonalData('')).toEqual([]);
    expect(findPersonalData('ถนนชำรุดหน้าบ้าน ขอให้ซ่อมด่วน')).toEqual([]);
  });

  it('ignores a trailing full stop after an e-mail address', () => {
    expect(found('ติดต่อ somchai@example.com.')).toEqual([['email', 'somchai@example.com']]);
  });

  it('finds valid IDs in any grouping, with Arabic or Thai digits', () => {
    const thai = '๐๑๒๓๔๕๖๗๘๙';
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 });
    const separators = fc.array(fc.constantFrom('', ' ', '-', ' - '), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), digits, separators, fc.boolean(), (first, rest, seps, useThai) => {
        const id = withCheckDigit(`${first}${rest.join('')}`);
        let written = '';
        for (let i = 0; i < 13; i++) {
          const d = id[i] ?? '';
          written += (useThai ? thai[Number(d)] : d) + (i < 12 ? (seps[i] ?? '') : '');
        }
        const spans = findPersonalData(`เลขบัตรประชาชน ${written} ค่ะ`);
        return spans.length === 1 && spans[0]?.kind === 'national_id' && spans[0].value === written;
      }),
    );
  });
});

describe('properties', () => {
  /** Text made of the characters detectors care about, so collisions are frequent. */
  const noisyText = fc
    .array(
      fc.constantFrom(
        ...'0123456789๐๑๒๓๔๕๖๗๘๙',
        ' ',
        '-',
        '.',
        '+',
        '(',
        ')',
        '@',
        '/',
        'a',
        'Z',
        'ก',
        'ค่ะ',
        '66',
        '08',
        '02',
        '.com',
        ...VALID_IDS,
        '081-234-5678',
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it('redaction is idempotent', () => {
    fc.assert(
      fc.property(noisyText, (text) => {
        const once = redactPersonalData(text);
        return redactPersonalData(once) === once;
      }),
      { numRuns: 2000 },
    );
  });

  it('spans are sorted, non-overlapping, non-empty and match the text', () => {
    fc.assert(
      fc.property(noisyText, (text) => {
        let previousEnd = 0;
        for (const span of findPersonalData(text)) {
          if (span.start < previousEnd || span.end <= span.start) return false;
          if (text.slice(span.start, span.end) !== span.value) return false;
          previousEnd = span.end;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
