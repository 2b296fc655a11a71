/**
 * Facebook Messenger into the same cases: the page webhook answers Facebook's check with the
 * verify token the agency chose, refuses a body not signed with the app secret, and files a
 * complaint through the same conversation as LINE, answering through the Send API; the case is
 * listed, exported and counted under its channel.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runChannelCommand } from '../src/server/channels/channel-cli.ts';
import { connectFacebookPage } from '../src/server/channels/facebook/facebook-account.ts';
import { describeEachApp, openTestInstallation } from './support/app.ts';
import { expectCasesUnderChannel } from './support/channel-counts.ts';
import { facebookText, postFacebookWebhook, startFakeFacebook, type FakeFacebook } from './support/fake-facebook.ts';

const APP_SECRET = 'meta-app-secret';
const VERIFY_TOKEN = 'ตะพานหิน-verify-2569';
const PSID = '24681357902468135';

describeEachApp('Facebook page', (t) => {
  let facebook: FakeFacebook;

  beforeAll(async () => {
    facebook = await startFakeFacebook();
    const page = await connectFacebookPage(t.ctx(), { agencyCode: 'dho-6604', appSecret: APP_SECRET, pageToken: 'page-token', verifyToken: VERIFY_TOKEN, apiBase: facebook.url, actor: { userId: null, label: 'cli' } });
    expect(page).toMatchObject({ created: true, pageName: 'สสอ.ตะพานหิน' });
  });
  afterAll(async () => {
    await facebook.close();
  });

  const verify = (token: string, mode = 'subscribe') =>
    t.app().inject({ method: 'GET', url: `/api/v1/channels/facebook/dho-6604/webhook?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444` });

  it("answers Facebook's verification challenge with the page's verify token only", async () => {
    const ok = await verify(VERIFY_TOKEN);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    expect((await verify('wrong')).statusCode).toBe(403);
    expect((await verify(VERIFY_TOKEN, 'unsubscribe')).statusCode).toBe(403);
    expect((await t.app().inject({ method: 'GET', url: '/api/v1/channels/facebook/dho-6604/webhook' })).statusCode).toBe(400);
  });

  it('refuses a body not signed with the app secret, storing nothing', async () => {
    for (const signature of ['sha256=' + '0'.repeat(64), null]) {
      const response = await postFacebookWebhook(t.app(), 'dho-6604', APP_SECRET, [facebookText(PSID, 'แจ้งเรื่องร้องเรียน')], { signature });
      expect(response.statusCode).toBe(401);
    }
    expect(Number((await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM chat_deliveries'))[0]?.n)).toBe(0);
    expect(facebook.sent).toHaveLength(0);
  });

  it('files a complaint through the same conversation and answers through the Send API', async () => {
    const say = async (text: string) => {
      const before = facebook.sent.length;
      const response = await postFacebookWebhook(t.app(), 'dho-6604', APP_SECRET, [facebookText(PSID, text)]);
      expect(response.statusCode, response.body).toBe(200);
      return facebook.sent.slice(before).map((sent) => sent.message.text);
    };
    expect((await say('แจ้งเรื่องร้องเรียน'))[0]).toContain('เล่าเรื่อง');
    let asked = await say('ไฟฟ้าส่องสว่างในซอยหลังตลาดดับมาหนึ่งสัปดาห์แล้ว มืดมากตอนกลางคืน');
    if (asked[0]?.includes('ประเภท')) asked = await say('ใช่');
    expect((await say('ตะพานหิน พิจิตร'))[0]).toContain('อ.ตะพานหิน จ.พิจิตร');
    await say('ไม่มีรูป');
    expect((await say('ไม่ประสงค์ออกนาม'))[0]).toContain('ยืนยัน');
    const receipt = (await say('ยืนยัน'))[0] ?? '';
    const code = /RT-\d{2}-[0-9A-Z]{6}/.exec(receipt)?.[0] ?? '';
    expect(receipt).toContain('รหัสเข้าถึง');
    expect(facebook.sent.every((sent) => sent.recipient.id === PSID && sent.accessToken === 'page-token')).toBe(true);
    const cases = await t.db().query<{ channel: string; agency: string; anonymous: boolean; district_code: string }>(
      'SELECT c.channel, a.code AS agency, c.anonymous, c.district_code FROM cases c JOIN agencies a ON a.id = c.receiving_agency_id WHERE c.tracking_code = $1',
      [code],
    );
    expect(cases).toEqual([{ channel: 'facebook', agency: 'dho-6604', anonymous: true, district_code: '6604' }]);
    expect((await say('ติดตาม'))[0]).toContain(code);
    await expectCasesUnderChannel(t, 'facebook', 'moph.cceo', 'taphanhin.officer');
  });

  it('rongthuk channel facebook takes --secret and --token as for LINE (or the Meta app\'s names), and makes a verify token when none is given', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const open = openTestInstallation(t);
    const run = (args: string[]) => runChannelCommand(args, t.ctx().config, { out: (line) => out.push(line), err: (line) => err.push(line) }, open);
    expect(await run(['facebook', '--agency', 'dho-6604', '--secret', 'x'])).toBe(2);
    expect(err.join('\n')).toContain('--token: required');
    expect(await run(['facebook', '--agency', 'dho-6604', '--secret', 'a', '--app-secret', 'b', '--token', 't'])).toBe(2);
    expect(err.join('\n')).toContain('--app-secret and --secret');

    expect(await run(['facebook', '--agency', 'dho-6604', '--secret', 'rotated-app-secret', '--token', 'rotated-page-token', '--api-base', facebook.url])).toBe(0);
    const made = /verify token \(paste it into the app's webhook settings\): (\S+)$/.exec(out.at(-1) ?? '')?.[1] ?? '';
    expect(made.length).toBeGreaterThanOrEqual(20);
    expect(out.at(-1)).toMatch(/^updated Facebook page สสอ\.ตะพานหิน of agency dho-6604; webhook: \/api\/v1\/channels\/facebook\/dho-6604\/webhook; /);
    expect((await verify(made)).body).toBe('1158201444');
    expect((await verify(VERIFY_TOKEN)).statusCode).toBe(403);
    expect((await postFacebookWebhook(t.app(), 'dho-6604', 'rotated-app-secret', [facebookText(PSID, 'ติดตาม')])).statusCode).toBe(200);

    // The Meta app's names, with the verify token chosen: back as the other tests had it.
    expect(await run(['facebook', '--agency', 'dho-6604', '--app-secret', APP_SECRET, '--page-token', 'page-token', '--verify-token', VERIFY_TOKEN, '--api-base', facebook.url])).toBe(0);
    expect(out.at(-1)).not.toContain('verify token');
    expect((await verify(VERIFY_TOKEN)).body).toBe('1158201444');
    const stored = JSON.stringify(await t.db().query('SELECT * FROM chat_accounts'));
    for (const secret of ['rotated-app-secret', 'rotated-page-token', made, APP_SECRET]) expect(stored).not.toContain(secret);
  });
});
