/**
 * LINE into the same cases: the Taphan Hin office's official account files a complaint from a
 * whole conversation (greeting to Flex receipt, with a shared location and a photo), lists the
 * citizen's cases, pushes the office's news back through LINE, and takes the rating; a webhook
 * not signed with the channel secret is refused and stores nothing, and an event LINE delivers
 * again creates nothing twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runChannelCommand } from '../src/server/channels/channel-cli.ts';
import { connectLineAccount } from '../src/server/channels/line/line-account.ts';
import { dropIdleLineConversations } from '../src/server/channels/line/line-idle-sweep.ts';
import { notificationJobHandlers } from '../src/server/notifications/jobs.ts';
import { createWorker } from '../src/server/platform/jobs.ts';
import { describeEachApp, openTestInstallation } from './support/app.ts';
import { expectCasesUnderChannel } from './support/channel-counts.ts';
import { lineEvent, lineText, postLineWebhook, startFakeLine, type FakeLine } from './support/fake-line.ts';
import { flatPng } from './support/png.ts';

const SECRET = 'line-channel-secret-taphanhin';
const CITIZEN = 'U4af4980629aaaaaaaaaaaaaaaaaaaaaa';
const silent = { info: () => {}, warn: () => {} };
/** A point in Taphan Hin district (6604), Phichit. */
const TAPHAN_HIN = { latitude: 16.19743, longitude: 100.31475 };

describeEachApp('LINE official account', (t) => {
  let line: FakeLine;

  beforeAll(async () => {
    line = await startFakeLine();
    const connected = await connectLineAccount(t.ctx(), { agencyCode: 'dho-6604', channelSecret: SECRET, accessToken: 'token-taphanhin', apiBase: line.url, actor: { userId: null, label: 'cli' } });
    expect(connected).toMatchObject({ created: true, lineId: '@taphanhin' });
  });
  afterAll(async () => {
    await line.close();
  });

  /** Sends one event and returns the texts of the reply it got. */
  async function say(event: Record<string, unknown>): Promise<string[]> {
    const before = line.replies().length;
    const response = await postLineWebhook(t.app(), 'dho-6604', SECRET, [event]);
    expect(response.statusCode, response.body).toBe(200);
    const replies = line.replies().slice(before);
    return replies.flatMap((reply) => reply.messages.map((message) => String(message.text ?? message.altText ?? '')));
  }
  const count = async (sql: string) => Number((await t.db().query<{ n: number }>(sql))[0]?.n);

  it('refuses a webhook with a wrong or missing signature, storing nothing', async () => {
    const event = lineText(CITIZEN, 'แจ้งเรื่องร้องเรียน');
    for (const signature of ['bm90IHRoZSBzaWduYXR1cmU=', null]) {
      const response = await postLineWebhook(t.app(), 'dho-6604', SECRET, [event], { signature });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'bad_signature' } });
    }
    expect(await count('SELECT count(*)::int AS n FROM chat_deliveries')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM chat_users')).toBe(0);
    expect(line.replies()).toHaveLength(0);
    // LINE's check of the URL: no events, signed.
    expect((await postLineWebhook(t.app(), 'dho-6604', SECRET, [])).statusCode).toBe(200);
    expect((await postLineWebhook(t.app(), 'pho-50', SECRET, [])).statusCode).toBe(404);
  });

  it('files a complaint from greeting to receipt, with a location and a photo, once however often LINE delivers it', async () => {
    expect((await say(lineEvent(CITIZEN, { type: 'follow' })))[0]).toContain('สวัสดี');
    expect((await say(lineText(CITIZEN, 'แจ้งเรื่องร้องเรียน')))[0]).toContain('เล่าเรื่อง');
    let asked = await say(lineText(CITIZEN, 'ถนนหน้าตลาดตะพานหินเป็นหลุมใหญ่ รถจักรยานยนต์ล้มบ่อยมาก'));
    // The classifier suggests a category when it is sure enough; the citizen confirms it.
    if (asked[0]?.includes('ประเภท')) asked = await say(lineText(CITIZEN, 'ใช่'));
    expect(asked.join('\n')).toContain('ส่งตำแหน่ง');
    expect((await say(lineEvent(CITIZEN, { type: 'message', message: { type: 'location', id: 'loc1', ...TAPHAN_HIN, address: 'ตลาดตะพานหิน' } })))[0]).toContain('ตะพานหิน');
    line.setContent('img-1', flatPng(40, 30));
    expect((await say(lineEvent(CITIZEN, { type: 'message', message: { type: 'image', id: 'img-1', contentProvider: { type: 'line' } } })))[0]).toContain('รูปที่ 1');
    line.setContent('img-2', Buffer.from('not an image at all'));
    expect((await say(lineEvent(CITIZEN, { type: 'message', message: { type: 'image', id: 'img-2', contentProvider: { type: 'line' } } })))[0]).toContain('รับรูปนี้ไม่ได้');
    expect((await say(lineText(CITIZEN, 'เสร็จแล้ว')))[0]).toContain('ไม่ประสงค์ออกนาม');
    // A postback says what a quick reply would.
    expect((await say(lineEvent(CITIZEN, { type: 'postback', postback: { data: 'ให้ชื่อและเบอร์โทร' } })))[0]).toContain('ชื่อ');
    await say(lineText(CITIZEN, 'สมชาย ใจดี'));
    await say(lineText(CITIZEN, '081-234-5678'));
    expect((await say(lineText(CITIZEN, 'ไม่ต้องปกปิด')))[0]).toContain('ยืนยัน');

    const confirm = lineText(CITIZEN, 'ยืนยัน');
    const before = line.replies().length;
    expect((await postLineWebhook(t.app(), 'dho-6604', SECRET, [confirm])).statusCode).toBe(200);
    // LINE delivers the same event again (it got no answer in time): nothing more happens.
    expect((await postLineWebhook(t.app(), 'dho-6604', SECRET, [{ ...confirm, deliveryContext: { isRedelivery: true } }])).statusCode).toBe(200);
    const [receipt] = line.replies().slice(before);
    expect(line.replies()).toHaveLength(before + 1);
    const flex = receipt?.messages[0] as { type: string; altText: string; contents: unknown };
    expect(flex.type).toBe('flex');
    const code = /RT-\d{2}-[0-9A-Z]{6}/.exec(flex.altText)?.[0] ?? '';
    expect(JSON.stringify(flex.contents)).toContain(code);
    expect(JSON.stringify(flex.contents)).toContain(`/track/${code}`);

    const cases = await t.db().query<{ id: string; channel: string; agency: string; agency_channel_id: string | null; district_code: string; anonymous: boolean }>(
      `SELECT c.id, c.channel, a.code AS agency, c.agency_channel_id, c.district_code, c.anonymous FROM cases c JOIN agencies a ON a.id = c.receiving_agency_id WHERE c.tracking_code = $1`,
      [code],
    );
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ channel: 'line', agency: 'dho-6604', district_code: '6604', anonymous: false });
    expect(cases[0]?.agency_channel_id).not.toBeNull();
    expect(await count(`SELECT count(*)::int AS n FROM case_attachments WHERE case_id = '${cases[0]?.id}'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM case_contacts WHERE case_id = '${cases[0]?.id}' AND channel = 'line'`)).toBe(1);
    // The LINE user id is stored only encrypted.
    const stored = JSON.stringify(await t.db().query('SELECT * FROM chat_users'));
    expect(stored).not.toContain(CITIZEN);
  });

  it('lists the citizen\'s cases on "ติดตาม", pushes the office\'s news through LINE, and takes the rating', async () => {
    const listed = (await say(lineText(CITIZEN, 'ติดตาม')))[0] ?? '';
    const code = /RT-\d{2}-[0-9A-Z]{6}/.exec(listed)?.[0] ?? '';
    expect(listed).toContain(code);
    expect((await say(lineText(CITIZEN, code)))[0]).toContain('สถานะ');
    // Another citizen sees nothing of it.
    expect((await say(lineText('Uother000000000000000000000000000', code)))[0]).toContain('ไม่พบเรื่อง');

    const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [code]);
    const id = row?.id ?? '';
    // The office's own account took it in: the office holds it and accepts it.
    await t.act('taphanhin.officer', id, 'accept');
    const worker = createWorker(t.ctx(), notificationJobHandlers({ config: { smtpUrl: undefined, mailFrom: undefined, publicUrl: 'https://rongthuk.test' }, logger: silent }));
    while ((await worker.runOnce()) > 0);
    const pushes = line.pushes();
    expect(pushes).toHaveLength(1);
    expect(pushes[0]?.body.to).toBe(CITIZEN);
    expect(String(pushes[0]?.body.messages[0]?.text)).toContain(code);
    expect(pushes[0]?.retryKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);

    // Something the citizen adds is a contact on the case, not a new case.
    expect((await say(lineText(CITIZEN, 'ยังมีหลุมอีกจุดหน้าโรงเรียนด้วยครับ')))[0]).toContain(code);
    expect((await say(lineText(CITIZEN, 'เรื่องเดิม')))[0]).toContain('ได้รับข้อมูลเพิ่มเติม');
    expect(await count(`SELECT count(*)::int AS n FROM case_contacts WHERE case_id = '${id}' AND channel = 'line'`)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM cases WHERE channel = 'line'`)).toBe(1);

    await t.act('taphanhin.officer', id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
    while ((await worker.runOnce()) > 0);
    expect(line.pushes()).toHaveLength(2);
    expect((await say(lineText(CITIZEN, `ประเมิน ${code}`)))[0]).toContain('พึงพอใจ');
    await say(lineText(CITIZEN, '5'));
    expect((await say(lineText(CITIZEN, 'พอใจ ปิดเรื่อง')))[0]).toContain('ปิดเรื่องแล้ว');
    const [closed] = await t.db().query<{ status: string; satisfaction: number }>('SELECT status, satisfaction FROM cases WHERE id = $1', [id]);
    expect(closed).toEqual({ status: 'closed', satisfaction: 5 });
  });

  it('shows the LINE case under its channel in the case list filter, the case page, the export and the dashboard counts', async () => {
    // Counted apart: one case, and its two LINE contacts (the filing and the information added).
    expect(await expectCasesUnderChannel(t, 'line', 'moph.cceo', 'taphanhin.officer')).toEqual({ cases: 1, contacts: 2 });
    expect((await t.request({ method: 'GET', url: '/api/v1/cases?channel=facebook', as: 'moph.cceo' })).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('cancels at any step, and drops a conversation idle for a day with a message', async () => {
    const someone = 'Ucancel00000000000000000000000000';
    await say(lineText(someone, 'แจ้งเรื่องร้องเรียน'));
    expect((await say(lineText(someone, 'ยกเลิก')))[0]).toContain('ยกเลิกแล้ว');
    await say(lineText(someone, 'แจ้งเรื่องร้องเรียน'));
    t.setNow(new Date(Date.now() + 25 * 60 * 60 * 1000));
    try {
      const replies = await say(lineText(someone, 'ติดตาม'));
      expect(replies[0]).toContain('เกิน 1 วัน');
    } finally {
      t.setNow(undefined);
    }
    // The sweep does not wait for the person: it pushes the same message and drops the conversation, once.
    await say(lineText(someone, 'แจ้งเรื่องร้องเรียน'));
    const pushed = line.pushes().length;
    t.setNow(new Date(Date.now() + 25 * 60 * 60 * 1000));
    try {
      expect(await dropIdleLineConversations(t.ctx())).toBe(1);
      expect(await dropIdleLineConversations(t.ctx())).toBe(0);
      const replies = await say(lineText(someone, 'ติดตาม'));
      expect(replies.join('\n')).not.toContain('เกิน 1 วัน');
    } finally {
      t.setNow(undefined);
    }
    expect(line.pushes().slice(pushed).map((push) => push.body.messages[0]?.text)).toEqual([expect.stringContaining('เกิน 1 วัน')]);
  });

  it('rongthuk channel line replaces the secret and token; usage and refusals say which flag', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const open = openTestInstallation(t);
    const run = (args: string[]) => runChannelCommand(args, t.ctx().config, { out: (line) => out.push(line), err: (line) => err.push(line) }, open);
    expect(await run(['line', '--agency', 'dho-6604', '--secret', 'only-a-secret'])).toBe(2);
    expect(err.join('\n')).toContain('--token: required');
    expect(await run(['line', '--agency', 'nowhere', '--secret', 's', '--token', 't', '--api-base', line.url])).toBe(1);
    expect(await run(['line', '--agency', 'dho-6604', '--secret', 's', '--token', 't', '--api-base', 'ftp://x'])).toBe(1);
    expect(await run(['line', '--agency', 'dho-6604', '--secret', 'rotated-secret', '--token', 'rotated-token', '--api-base', line.url])).toBe(0);
    expect(out.at(-1)).toBe('updated LINE account @taphanhin of agency dho-6604; webhook: /api/v1/channels/line/dho-6604/webhook');
    expect((await postLineWebhook(t.app(), 'dho-6604', SECRET, [lineText(CITIZEN, 'สวัสดี')])).statusCode).toBe(401);
    expect((await postLineWebhook(t.app(), 'dho-6604', 'rotated-secret', [lineText(CITIZEN, 'สวัสดี')])).statusCode).toBe(200);
    expect(line.calls.at(-1)?.authorization).toBe('Bearer rotated-token');
    // The audit says who connected which account; the secrets are never in it, nor stored in clear.
    const audits = JSON.stringify(await t.db().query("SELECT details FROM audit_log WHERE action = 'chat_account.configure'"));
    const stored = JSON.stringify(await t.db().query('SELECT * FROM chat_accounts'));
    for (const secret of [SECRET, 'rotated-secret', 'rotated-token', 'token-taphanhin']) {
      expect(audits).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    expect(audits).toContain('"created":false');
    await connectLineAccount(t.ctx(), { agencyCode: 'dho-6604', channelSecret: SECRET, accessToken: 'token-taphanhin', apiBase: line.url, actor: { userId: null, label: 'cli' } });
  });

  it("lets the agency's administrators connect the account, keeping the API address the operator set", async () => {
    const url = '/api/v1/agencies/dho-6604/chat-accounts/line';
    const body = { channelSecret: 'admin-set-secret', accessToken: 'admin-set-token' };
    expect((await t.request({ method: 'PUT', url, body })).statusCode).toBe(401);
    expect((await t.request({ method: 'PUT', url, body, as: 'taphanhin.officer' })).statusCode).toBe(403);
    expect((await t.request({ method: 'PUT', url: '/api/v1/agencies/nowhere/chat-accounts/line', body, as: 'hub.admin' })).statusCode).toBe(404);
    const missing = await t.request({ method: 'PUT', url, body: { channelSecret: 'admin-set-secret' }, as: 'moph.admin' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { details: [{ field: 'accessToken' }] } });
    const connected = await t.request({ method: 'PUT', url, body, as: 'moph.admin' });
    expect(connected.statusCode, connected.body).toBe(200);
    expect(connected.json()).toMatchObject({ created: false, name: '@taphanhin', webhookPath: '/api/v1/channels/line/dho-6604/webhook' });
    expect(connected.body).not.toContain('admin-set');
    expect((await postLineWebhook(t.app(), 'dho-6604', 'admin-set-secret', [lineText(CITIZEN, 'สวัสดี')])).statusCode).toBe(200);
    expect(line.calls.at(-1)?.authorization).toBe('Bearer admin-set-token');
    await connectLineAccount(t.ctx(), { agencyCode: 'dho-6604', channelSecret: SECRET, accessToken: 'token-taphanhin', apiBase: line.url, actor: { userId: null, label: 'cli' } });
  });
});
