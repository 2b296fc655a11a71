/**
 * The channel administration pages in Chromium: an agency administrator replaces the LINE
 * credentials of the Taphan Hin office (the operator pointed its account at the LINE API —
 * here a fake — from the command line), is given the webhook address, and the page shows the
 * account connected with no secret in it; an e-mail the mailbox kept for a person is listed,
 * downloaded as received and marked dealt with, leaving the empty state; and both pages fit a
 * phone without serious accessibility problems.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findAgencyRefByCode } from '../../src/server/agencies/queries.ts';
import { connectMailbox } from '../../src/server/channels/email/mailboxes.ts';
import { findMailboxOfAgency } from '../../src/server/channels/email/mailbox-queries.ts';
import { holdMessage } from '../../src/server/channels/email/take-email.ts';
import { connectLineAccount } from '../../src/server/channels/line/line-account.ts';
import { lineText, postLineWebhook, startFakeLine, type FakeLine } from '../support/fake-line.ts';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations } from './support/harness.ts';

const NEW_SECRET = 'page-set-channel-secret';
const NEW_TOKEN = 'page-set-access-token-0123';
const HELD_MAIL = Buffer.from('To: complaints@taphanhin.test\r\nSubject: =?UTF-8?B?4LiW4LiZ4LiZ4LiK4Liz4Lij4Li44LiU?=\r\nMessage-ID: <held-1@example.test>\r\n\r\nroad broken\r\n');

describeInBrowser('administration: chat accounts and held e-mails', (suite) => {
  let line: FakeLine;

  beforeAll(async () => {
    line = await startFakeLine();
    const ctx = suite.ctx();
    const cli = { userId: null, label: 'cli' };
    await connectLineAccount(ctx, { agencyCode: 'dho-6604', channelSecret: 'operator-channel-secret', accessToken: 'operator-access-token', apiBase: line.url, actor: cli });
    await connectMailbox(ctx, cli, { agencyCode: 'dho-6604', imapUrl: 'imaps://complaints%40taphanhin.test:imap-secret-1@127.0.0.1:1/INBOX' });
    const agency = await findAgencyRefByCode(ctx.db, 'dho-6604');
    const mailbox = agency && (await findMailboxOfAgency(ctx.db, agency.id));
    if (!mailbox) throw new Error('the mailbox was not connected');
    await holdMessage(ctx, mailbox, { uidValidity: 1, uid: 7, raw: HELD_MAIL, sizeBytes: HELD_MAIL.length }, 'no_sender');
  });
  afterAll(async () => {
    await line.close();
  });

  /** The agency administrator of the health ministry's subtree on an administration page, its heading shown. */
  const openAsAdmin = async (path: string, heading: string, size: { width: number; height: number } = { width: 1280, height: 900 }) => {
    const page = await suite.newPage(size);
    await suite.signIn(page, 'moph.admin');
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    return page;
  };

  const chooseTaphanHin = async (page: Awaited<ReturnType<typeof suite.newPage>>) => {
    await page.getByRole('searchbox', { name: 'หน่วยงาน', exact: true }).fill('ตะพานหิน');
    await page.getByRole('button', { name: /สำนักงานสาธารณสุขอำเภอตะพานหิน/ }).click();
  };

  it('connects a LINE account, gives its webhook address, and shows it connected without a secret', async () => {
    const page = await openAsAdmin('/admin/chat-accounts', 'บัญชีแชต (LINE / Facebook)');
    // Their own agency has neither account.
    await expect.poll(() => page.locator('[data-state="not-connected"]').count()).toBe(2);

    await chooseTaphanHin(page);
    const lineCard = page.locator('section[data-provider="line"]');
    await lineCard.getByText('@taphanhin').waitFor();
    await lineCard.getByRole('button', { name: 'เปลี่ยนข้อมูลรับรอง LINE' }).click();
    const secret = page.getByLabel(/^Channel secret/);
    const token = page.getByLabel(/^Channel access token/);
    expect(await secret.getAttribute('type')).toBe('password');
    expect(await token.getAttribute('type')).toBe('password');
    const save = page.getByRole('button', { name: 'บันทึกและเชื่อมต่อ' });
    await save.click();
    await expect.poll(() => page.locator('.field__error').allTextContents()).toEqual(['กรุณากรอกข้อมูลนี้', 'กรุณากรอกข้อมูลนี้']);
    await secret.fill('short');
    await token.fill(NEW_TOKEN);
    await save.click();
    await expect.poll(() => page.locator('.field__error').allTextContents()).toEqual(['ข้อความสั้นเกินไป (อย่างน้อย 8 ตัวอักษร)']);
    await secret.fill(NEW_SECRET);
    await save.click();

    await page.getByRole('heading', { name: 'เชื่อมต่อ @taphanhin แล้ว: ขั้นตอนถัดไป' }).waitFor();
    const webhook = `${suite.baseUrl()}/api/v1/channels/line/dho-6604/webhook`;
    expect(await page.locator('.admin-panel [data-webhook-url]').textContent()).toBe(webhook);
    await page.getByText('LINE Official Account Manager', { exact: false }).first().waitFor();
    expect(line.calls.at(-1)?.authorization).toBe(`Bearer ${NEW_TOKEN}`);
    expect((await postLineWebhook(suite.app(), 'dho-6604', NEW_SECRET, [lineText('Ucitizen0001', 'สวัสดี')])).statusCode).toBe(200);

    await page.getByRole('button', { name: 'ตั้งค่าเรียบร้อยแล้ว' }).click();
    await lineCard.locator('[data-state="connected"]').waitFor();
    expect(await lineCard.locator('[data-webhook-url]').textContent()).toBe(webhook);
    const html = await page.content();
    for (const text of [NEW_SECRET, NEW_TOKEN, 'operator-channel-secret', 'operator-access-token']) expect(html).not.toContain(text);
    expect(await page.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value).filter((value) => value.length > 0))).toEqual([]);
  }, BROWSER_TEST_TIMEOUT);

  it('lists a held e-mail, downloads it as received and marks it dealt with', async () => {
    const page = await openAsAdmin('/admin/held-emails', 'อีเมลที่รอเจ้าหน้าที่ตรวจสอบ');
    // Their own agency has no mailbox.
    await page.getByText('หน่วยงานนี้ยังไม่ได้เชื่อมต่อกล่องอีเมล', { exact: false }).waitFor();

    await chooseTaphanHin(page);
    await page.getByText('กล่องอีเมล: complaints@taphanhin.test').waitFor();
    const row = page.locator('tr[data-held]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('ไม่พบที่อยู่ผู้ส่ง');
    expect(await row.locator('th').textContent()).toMatch(/25\d\d/);

    const link = row.getByRole('link', { name: /ดาวน์โหลด/ });
    const href = (await link.getAttribute('href')) ?? '';
    const response = await page.context().request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('message/rfc822');
    expect(Buffer.from(await response.body()).equals(HELD_MAIL)).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('email-7.eml');
    const reads = await suite.db().query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'email_message.read'`);
    expect(reads[0]?.n).toBe(2);

    await row.getByRole('button', { name: /ดำเนินการแล้ว/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'ดำเนินการแล้ว' }).click();
    await page.getByText('ไม่มีอีเมลที่รอตรวจสอบ').waitFor();
    await page.getByText(/บันทึกว่าอีเมลที่ได้รับเมื่อ .* ดำเนินการแล้ว/).waitFor();
    const left = await suite.db().query<{ n: number }>('SELECT count(*)::int AS n FROM email_held_messages WHERE dealt_with_at IS NULL');
    expect(left[0]?.n).toBe(0);
  }, BROWSER_TEST_TIMEOUT);

  it('fits a phone, without serious accessibility problems', async () => {
    const page = await openAsAdmin('/admin/chat-accounts', 'บัญชีแชต (LINE / Facebook)', { width: 390, height: 844 });
    await chooseTaphanHin(page);
    await page.locator('section[data-provider="line"] [data-state="connected"]').waitFor();
    expect(seriousViolations(await axeViolations(page))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }, BROWSER_TEST_TIMEOUT);
});
