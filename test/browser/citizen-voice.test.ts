/**
 * The citizen's voice after a resolution and the way back to a lost key, in Chromium: the
 * tracking page offers accepting, rating and reopening only while the confirmation window is
 * open and says until when; the staff close form asks for a reason while it is; a citizen asks
 * for a new key with the tracking code; counter staff issue one after checking identity.
 */
import { beforeAll, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/app.ts';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations, type BrowserSuite } from './support/harness.ts';
import type { Filed } from './support/staff-api.ts';
import type { z } from 'zod';
import type { PublicReceiptSchema, LoginResponse } from '../../src/shared/api/index.ts';

type PublicReceipt = z.output<typeof PublicReceiptSchema>;

/** Cases set up through the API (the browser is for what is tested). */
function setUp(suite: BrowserSuite) {
  let token: string | undefined;
  const officer = async () => {
    token ??= (
      (await suite.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'moph.officer', password: TEST_PASSWORD } })).json() as LoginResponse
    ).token;
    return token;
  };
  const hubToken = async () =>
    ((await suite.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hub.intake', password: TEST_PASSWORD } })).json() as LoginResponse).token;
  return {
    /** Filed with an e-mail address and held by the MOPH complaint centre, accepted there. */
    async inProgress(description: string): Promise<Filed> {
      const filed = await suite.app().inject({
        method: 'POST',
        url: '/api/v1/public/complaints',
        payload: { description, complainant: { name: 'กานดา ใจงาม', email: 'kanda@example.com' } },
      });
      const { trackingCode, accessKey } = filed.json() as PublicReceipt;
      const [row] = await suite.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [trackingCode]);
      const id = row?.id ?? '';
      const hub = await hubToken();
      await suite.app().inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/assign`, headers: { authorization: `Bearer ${hub}` }, payload: { agencyCode: 'moph-complaint' } });
      await suite.app().inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/accept`, headers: { authorization: `Bearer ${await officer()}` }, payload: {} });
      return { id, trackingCode, accessKey };
    },
    async resolve(filed: Filed): Promise<void> {
      const response = await suite.app().inject({
        method: 'POST',
        url: `/api/v1/cases/${filed.id}/actions/resolve`,
        headers: { authorization: `Bearer ${await officer()}` },
        payload: { result: 'fixed', message: 'ลอกท่อระบายน้ำเรียบร้อยแล้ว' },
      });
      if (response.statusCode !== 200) throw new Error(`resolve failed: ${response.body}`);
    },
    status: async (filed: Filed) => (await suite.app().inject({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': filed.accessKey } })).statusCode,
  };
}

describeInBrowser('the citizen’s voice and lost keys', (suite) => {
  let cases: ReturnType<typeof setUp>;
  beforeAll(() => {
    cases = setUp(suite);
  });

  it('offers accepting, rating and reopening with the last day in the Buddhist era, and only while the window is open', async () => {
    const filed = await cases.inProgress('ท่อระบายน้ำอุดตันหน้าโรงเรียน น้ำเอ่อท่วมถนนทุกครั้งที่ฝนตก');
    await cases.resolve(filed);
    const [row] = await suite.db().query<{ confirmation_until: string }>('SELECT confirmation_until FROM cases WHERE id = $1', [filed.id]);
    const buddhistYear = String(Number(row?.confirmation_until.slice(0, 4)) + 543);

    const page = await suite.newPage();
    await page.goto(`/track/${filed.trackingCode}#key=${filed.accessKey}`);
    const until = page.getByTestId('confirmation-until');
    await until.waitFor();
    expect(await until.textContent()).toMatch(new RegExp(`ได้ถึงวันที่ \\d{1,2} \\S+ ${buddhistYear}`));
    expect(await until.textContent()).toContain('เรื่องจะยุติโดยอัตโนมัติ');
    await page.getByRole('button', { name: 'ยืนยันผลและปิดเรื่อง' }).waitFor();
    await page.getByRole('button', { name: 'ไม่พอใจ ขอให้พิจารณาใหม่' }).waitFor();
    // The answer asked of the citizen comes right after the status, before the timeline.
    expect(await page.locator('.track > section').evaluateAll((sections) => sections.map((section) => section.getAttribute('aria-labelledby')).slice(0, 3))).toEqual([
      'track-status',
      'track-feedback',
      'track-timeline',
    ]);
    // The file field speaks the page's language, whatever the browser's ("Choose Files").
    const files = page.locator('[data-field="files"]');
    expect(await files.locator('label.file-picker__button').textContent()).toBe('เลือกไฟล์');
    expect(await files.getByText('ยังไม่ได้เลือกไฟล์').isVisible()).toBe(true);
    await page.getByLabel(/^ไฟล์แนบ/).setInputFiles({ name: 'ภาพถนน.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await files.getByText('เลือกไว้ 1 ไฟล์').waitFor();
    await page.locator('.file-list').getByText('ภาพถนน.pdf').waitFor();
    expect(seriousViolations(await axeViolations(page))).toEqual([]);

    // The window's last day passes (the job that closes the case has not run): no answers offered.
    await suite.db().query("UPDATE cases SET confirmation_until = (now() AT TIME ZONE 'Asia/Bangkok')::date - 1 WHERE id = $1", [filed.id]);
    await page.goto('/');
    await page.goto(`/track/${filed.trackingCode}#key=${filed.accessKey}`);
    const ended = page.getByTestId('confirmation-ended');
    await ended.waitFor();
    expect(await ended.textContent()).toContain('พ้นกำหนดยืนยันผลแล้ว');
    expect(await page.getByRole('button', { name: 'ยืนยันผลและปิดเรื่อง' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'ไม่พอใจ ขอให้พิจารณาใหม่' }).count()).toBe(0);
    // Nothing more to send to a case that closes: a new problem is a new complaint.
    expect(await page.getByRole('heading', { name: 'ส่งข้อมูลเพิ่มเติม' }).count()).toBe(0);
    await ended.getByRole('link', { name: 'ยื่นเรื่องร้องเรียนใหม่' }).waitFor();
  }, BROWSER_TEST_TIMEOUT);

  it('asks staff for a reason to close while the citizen may still answer, and closes with it', async () => {
    const filed = await cases.inProgress('ไฟถนนดับหน้าตลาด มืดมากตอนกลางคืน ขอให้ซ่อมด่วน');
    await cases.resolve(filed);
    const page = await suite.newPage({ width: 1366, height: 768 });
    await suite.signIn(page, 'moph.officer');
    await page.goto(`/staff/cases/${filed.id}`);
    // The case page says until when the citizen may answer, in the Buddhist era.
    expect(await page.getByTestId('confirmation-window').textContent()).toMatch(/ได้ถึงวันที่ \d{1,2} \S+ 25\d\d/);
    // The result is given: the deadline says met, not how many days are left.
    expect(await page.locator('.facts').first().textContent()).not.toContain('เหลือ');
    await page.getByRole('button', { name: 'ยุติเรื่อง', exact: true }).click();
    const early = page.getByTestId('close-early');
    await early.waitFor();
    expect(await early.textContent()).toMatch(/ผู้ร้องยังยืนยันผล.*ได้ถึงวันที่ .*25\d\d/);
    const form = page.locator('form[data-action="close"]');
    await form.getByRole('button', { name: 'ยุติเรื่อง' }).click();
    await page.locator('[data-field="reason"] .field__error').getByText('กรุณากรอกข้อมูลนี้').waitFor();
    await form.getByLabel(/^เหตุผล/).fill('ผู้ร้องโทรแจ้งว่าพอใจผลแล้ว');
    await form.getByRole('button', { name: 'ยุติเรื่อง' }).click();
    await expect.poll(() => page.getByTestId('case-announcement').textContent()).toContain('ยุติเรื่องแล้ว');
    const [row] = await suite.db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [filed.id]);
    expect(row?.status).toBe('closed');
  }, BROWSER_TEST_TIMEOUT);

  it('lets a citizen who lost the key ask for a new one with the tracking code, and says plainly where it goes', async () => {
    const filed = await cases.inProgress('ขยะไม่ได้เก็บมาสองสัปดาห์ ส่งกลิ่นเหม็นทั้งซอย');
    const page = await suite.newPage();
    await page.goto('/track');
    await page.getByLabel('เลขที่เรื่อง').fill(filed.trackingCode.toLowerCase());
    await page.getByRole('link', { name: 'ลืมรหัสติดตาม / ขอรหัสใหม่' }).click();
    await page.getByRole('heading', { level: 1, name: 'ลืมรหัสติดตาม / ขอรหัสใหม่' }).waitFor();
    // The code typed on the tracking form came along.
    expect(await page.getByLabel('เลขที่เรื่อง').inputValue()).toBe(filed.trackingCode);
    expect(seriousViolations(await axeViolations(page))).toEqual([]);
    await page.getByRole('button', { name: 'ขอรหัสติดตามใหม่' }).click();
    const answer = page.getByTestId('new-key-answer');
    await answer.waitFor();
    expect(await answer.textContent()).toContain('เฉพาะเรื่องที่ให้อีเมลไว้เมื่อยื่นเรื่องเท่านั้น');
    const [row] = await suite.db().query<{ pending: string | null }>('SELECT pending_access_key_hash AS pending FROM cases WHERE id = $1', [filed.id]);
    expect(row?.pending).not.toBeNull();
    // The old key still works: a stranger with the code cannot lock the citizen out.
    expect(await cases.status(filed)).toBe(200);

    // An unknown code gets the same answer.
    await page.getByLabel('เลขที่เรื่อง').fill('RT-69-ZZZZZZ');
    const first = await answer.textContent();
    await page.getByRole('button', { name: 'ขอรหัสติดตามใหม่' }).click();
    await expect.poll(() => answer.textContent()).toBe(first);
  }, BROWSER_TEST_TIMEOUT);

  it('lets counter staff issue a new key with the identity-check note, shown once with a print option; the old key stops working', async () => {
    const filed = await cases.inProgress('น้ำประปาไม่ไหลมาสามวันแล้ว ทั้งหมู่บ้าน');
    const page = await suite.newPage({ width: 1366, height: 768 });
    await suite.signIn(page, 'moph.officer');
    await page.goto(`/staff/cases/${filed.id}`);
    await page.getByRole('button', { name: 'ออกรหัสติดตามใหม่' }).click();
    await page.getByRole('button', { name: 'ออกรหัสใหม่' }).click();
    await page.locator('[data-field="identityCheck"] .field__error').getByText('กรุณากรอกข้อมูลนี้').waitFor();
    expect(await cases.status(filed)).toBe(200);
    await page.getByLabel(/วิธีตรวจสอบตัวตนผู้ร้อง/).fill('ตรวจบัตรประชาชนตัวจริง ตรงกับข้อมูลผู้ร้อง');
    await page.getByRole('button', { name: 'ออกรหัสใหม่' }).click();

    const issued = page.getByTestId('new-access-key');
    await issued.waitFor();
    const key = (await issued.getByTestId('access-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect(await issued.getByTestId('tracking-code').textContent()).toContain(filed.trackingCode);
    expect(await cases.status(filed)).toBe(404);
    expect(await cases.status({ ...filed, accessKey: key })).toBe(200);
    expect(seriousViolations(await axeViolations(page))).toEqual([]);

    // Printing prints the slip alone.
    await page.evaluate(() => {
      (window as unknown as { printedWith: string[] }).printedWith = [];
      window.print = () => (window as unknown as { printedWith: string[] }).printedWith.push(document.body.className);
    });
    await page.getByRole('button', { name: 'พิมพ์ใบรับเรื่องพร้อมรหัสใหม่' }).click();
    expect(await page.evaluate(() => (window as unknown as { printedWith: string[] }).printedWith)).toEqual(['printing-access-key']);

    // Shown once: gone when done, and not shown again on reload.
    await page.getByRole('button', { name: 'เสร็จแล้ว ซ่อนรหัส' }).click();
    expect(await page.getByText(key).count()).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: 'ออกรหัสติดตามใหม่' }).waitFor();
    expect(await page.getByText(key).count()).toBe(0);
  }, BROWSER_TEST_TIMEOUT);

  it('does not offer a new key to a role that may not see who complained', async () => {
    const filed = await cases.inProgress('ถนนทรุดตัวเป็นแอ่งใหญ่ รถติดหล่มทุกวัน');
    const page = await suite.newPage({ width: 1366, height: 768 });
    await suite.signIn(page, 'moph.cceo');
    await page.goto(`/staff/cases/${filed.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'ออกรหัสติดตามใหม่' }).count()).toBe(0);
  }, BROWSER_TEST_TIMEOUT);
});
