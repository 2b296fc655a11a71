/**
 * ข้อตกลงการเปิดเผยข้อมูล (the sharing agreement) between real instances: what the police's
 * system receives of a case the hub sends it, read where it cannot hide — the JWS payload and
 * the envelope stored at the receiver, as whole strings, files included. The agreement is
 * changed between tests through the hub's partner registry.
 */
import { expect, it } from 'vitest';
import { ExchangeMessageSchema, type TransferBody } from '../src/shared/api/exchange-messages.ts';
import { atPolice, describeEachEngine, sendToPolice, staffView, storedMessages, useLinkedPair, type Agreement, type SentCase } from './support/exchange-instances.ts';
import { flatPng } from './support/png.ts';

const NAME = 'สมชาย ใจดี';
const PHONE = '0812345678';
const EMAIL = 'somchai.j@example.com';
/** A national ID with a valid check digit. */
const NATIONAL_ID = '1103700123458';
const ADDRESS = 'บ้านเลขที่ 99/1 หมู่บ้านสุขสันต์ธานี';
const COMPLAINANT = { name: NAME, phone: PHONE, email: EMAIL, nationalId: NATIONAL_ID, address: ADDRESS };

/** Every way the complainant's identity is written below: none may reach a partner that gets no identity. */
const IDENTITY_VALUES = [NAME, 'สมชาย', 'ใจดี', PHONE, '081-234-5678', '๐๘๑-๒๓๔-๕๖๗๘', EMAIL, NATIONAL_ID, '1-1037-00123-45-8', ADDRESS, 'สุขสันต์ธานี'];

/** A complaint that names its complainant everywhere: title, text, identity and a file's name. */
const TELLING_COMPLAINT = {
  title: `เรื่องร้องเรียนของ ${NAME}`,
  description: `ข้าพเจ้า ${NAME} เลขประจำตัว 1-1037-00123-45-8 โทร 081-234-5678 หรือ ๐๘๑-๒๓๔-๕๖๗๘ อีเมล ${EMAIL} แจ้งว่ามีการแข่งรถในซอยทุกคืน`,
  complainant: COMPLAINANT,
};
const TELLING_FILE = { fileName: `${NAME} บัตรประชาชน.png`, bytes: flatPng(8, 8), type: 'image/png' };

describeEachEngine('exchange: the sharing agreement', (kind) => {
  const pair = useLinkedPair(kind);

  async function agree(agreement: Required<Agreement>): Promise<void> {
    const response = await pair.hub().request({ method: 'PATCH', url: '/api/v1/partners/police', as: 'hub.admin', body: agreement });
    expect(response.statusCode, response.body).toBe(200);
  }

  /** What the police received of the case: the transfer's payload and envelope as stored there, and its body. */
  async function received(sent: SentCase): Promise<{ text: string; body: TransferBody }> {
    const transfers = (await storedMessages(pair.police(), sent.remoteId)).filter((message) => message.direction === 'in' && message.type === 'case.transfer');
    expect(transfers).toHaveLength(1);
    const [transfer] = transfers;
    if (!transfer?.payload) throw new Error('the transfer was stored without its JWS');
    const parsed = ExchangeMessageSchema.parse(JSON.parse(transfer.payload));
    if (parsed.type !== 'case.transfer') throw new Error(`a ${parsed.type} where the transfer was`);
    return { text: `${transfer.payload}\n${transfer.envelope}`, body: parsed.body };
  }

  function expectNoIdentity(text: string, values: readonly string[] = IDENTITY_VALUES): void {
    for (const value of values) expect(text, value).not.toContain(value);
  }

  it('identity none: no name, phone, national ID or e-mail in any field or file name, attachments and all', async () => {
    await agree({ identity: 'none', text: 'full', attachments: true });
    const sent = await sendToPolice(pair, TELLING_COMPLAINT, { files: [TELLING_FILE], assign: { reason: `ผู้ร้อง ${NAME} โทร 081-234-5678 ขอให้ตำรวจตรวจสอบ` } });
    const { text, body } = await received(sent);
    expectNoIdentity(text);
    expect(body.reason).toContain('ขอให้ตำรวจตรวจสอบ');
    // Where no identity may go the text is redacted whatever the agreement says of text.
    expect(body).toMatchObject({ complainant: null, textRedacted: true });
    expect(body.files).toEqual([expect.objectContaining({ fileName: 'ไฟล์แนบ-1.png', mediaType: 'image/png' })]);
    expect(body.description).toContain('แข่งรถ');

    // What the police made of it holds nothing of the identity either: the case, its file, its staff view.
    const [row] = await pair.police().ctx.db.query<{ complainant_id: string | null; anonymous: boolean; title: string | null; description: string }>(
      'SELECT complainant_id, anonymous, title, description FROM cases WHERE id = $1',
      [sent.remoteId],
    );
    expect(row).toMatchObject({ complainant_id: null, anonymous: true });
    const files = await pair.police().ctx.db.query<{ file_name: string }>('SELECT file_name FROM case_attachments WHERE case_id = $1', [sent.remoteId]);
    expect(files).toEqual([{ file_name: 'ไฟล์แนบ-1.png' }]);
    expectNoIdentity(JSON.stringify({ row, files, view: await staffView(pair.police(), sent.remoteId, 'rtp.officer') }));

    // The hub's sent_to_partner event says what left.
    const hubView = await staffView(pair.hub(), sent.filed.id, 'hub.supervisor');
    expect(hubView.timeline.find((event) => event.type === 'sent_to_partner')?.details).toMatchObject({ identityShared: 'none', textRedacted: true, files: 1 });
  });

  it('identity none: what the citizen writes later reaches the partner without their identity too', async () => {
    await agree({ identity: 'none', text: 'redacted', attachments: false });
    const sent = await sendToPolice(pair, TELLING_COMPLAINT);
    await atPolice(pair, sent, ['accept'], ['request-info', { message: 'ขอทราบช่วงเวลาที่เกิดเหตุ' }]);
    const citizen = { 'x-access-key': sent.filed.accessKey };
    const answer = await pair.hub().request({
      method: 'POST',
      url: `/api/v1/public/complaints/${sent.filed.trackingCode}/messages`,
      headers: citizen,
      body: { message: `ผม ${NAME} เลขประจำตัว ${NATIONAL_ID} ติดต่อ 081-234-5678 หรือ ${EMAIL} เกิดเหตุทุกคืนวันศุกร์` },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    await pair.hub().deliver();
    await atPolice(pair, sent, ['resolve', { result: 'fixed', message: 'ตั้งจุดตรวจแล้ว' }]);
    const feedback = await pair.hub().request({
      method: 'POST',
      url: `/api/v1/public/complaints/${sent.filed.trackingCode}/feedback`,
      headers: citizen,
      body: { rating: 2, comment: `${NAME} ยังเห็นแข่งรถอยู่ โทรกลับ 081-234-5678`, reopen: true },
    });
    expect(feedback.statusCode, feedback.body).toBe(201);
    await pair.hub().deliver();

    const inbound = (await storedMessages(pair.police(), sent.remoteId)).filter((message) => message.direction === 'in');
    expect(inbound.map((message) => message.type)).toEqual(['case.transfer', 'case.info_added', 'case.rated']);
    for (const message of inbound) expectNoIdentity(`${message.type}\n${message.payload ?? ''}\n${message.envelope}`);
  });

  it('identity contact with text full: name, phone and e-mail go, the text as written, never the national ID or address', async () => {
    await agree({ identity: 'contact', text: 'full', attachments: false });
    const description = `${NAME} โทร 081-234-5678 แจ้งว่ามีการแข่งรถในซอยทุกคืน`;
    const sent = await sendToPolice(pair, { description, complainant: COMPLAINANT }, { files: [TELLING_FILE] });
    const { text, body } = await received(sent);
    expect(body.complainant).toEqual({ name: NAME, phone: expect.stringMatching(/^\+?66812345678$|^0812345678$/), email: EMAIL });
    expect(body).toMatchObject({ description, textRedacted: false, files: [] });
    expectNoIdentity(text, [NATIONAL_ID, ADDRESS, 'สุขสันต์ธานี']);
    const view = await staffView(pair.police(), sent.remoteId, 'rtp.officer');
    expect(view.complainant).toEqual({ present: true, visible: true });
  });

  it('identity contact with text redacted: the contact goes, the free text is redacted', async () => {
    await agree({ identity: 'contact', text: 'redacted', attachments: false });
    const sent = await sendToPolice(pair, { description: `ติดต่อกลับที่ 081-234-5678 หรือ ${EMAIL} มีการแข่งรถในซอยทุกคืน`, complainant: COMPLAINANT });
    const { body } = await received(sent);
    expect(body.complainant).toMatchObject({ name: NAME, email: EMAIL });
    expect(body.textRedacted).toBe(true);
    expect(body.description).not.toContain('081-234-5678');
    expect(body.description).not.toContain(EMAIL);
    expect(body.description).toContain('[หมายเลขโทรศัพท์]');
  });

  it('a confidential case sends no identity unless the agreement is full and the person assigning confirms it', async () => {
    const confidential = { ...TELLING_COMPLAINT, confidential: true };
    for (const [agreement, shareIdentity] of [
      [{ identity: 'full', text: 'full', attachments: false }, undefined],
      [{ identity: 'contact', text: 'full', attachments: false }, true],
    ] as const) {
      await agree(agreement);
      const sent = await sendToPolice(pair, confidential, { assign: shareIdentity ? { shareIdentity } : {} });
      const { text, body } = await received(sent);
      expectNoIdentity(text);
      expect(body, `${agreement.identity} ${String(shareIdentity)}`).toMatchObject({ complainant: null, confidential: true, textRedacted: true });
    }

    await agree({ identity: 'full', text: 'full', attachments: false });
    const sent = await sendToPolice(pair, confidential, { assign: { shareIdentity: true } });
    const { body } = await received(sent);
    expect(body).toMatchObject({ confidential: true, textRedacted: false, complainant: { name: NAME, email: EMAIL, nationalId: NATIONAL_ID, address: ADDRESS } });
    const [row] = await pair.police().ctx.db.query<{ confidential: boolean }>('SELECT confidential FROM cases WHERE id = $1', [sent.remoteId]);
    expect(row?.confidential).toBe(true);
    const hubView = await staffView(pair.hub(), sent.filed.id, 'hub.supervisor');
    expect(hubView.timeline.find((event) => event.type === 'sent_to_partner')?.details).toMatchObject({ identityShared: 'full', textRedacted: false });
  });

  it('an anonymous complaint goes with its free text redacted even under a full agreement', async () => {
    await agree({ identity: 'full', text: 'full', attachments: true });
    const description = `ไม่ประสงค์ออกนาม ติดต่อ 081-234-5678 อีเมล ${EMAIL} เลขประจำตัว 1-1037-00123-45-8 มีการแข่งรถในซอยทุกคืน`;
    const sent = await sendToPolice(pair, { description, anonymous: true }, { assign: { shareIdentity: true } });
    const { text, body } = await received(sent);
    expectNoIdentity(text, ['081-234-5678', EMAIL, '1-1037-00123-45-8']);
    expect(body).toMatchObject({ complainant: null, anonymous: true, textRedacted: true });
  });
});
