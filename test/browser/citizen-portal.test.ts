/**
 * The citizen portal in Chromium, as a citizen on a phone uses it: filing with a photo,
 * the receipt, tracking, field errors, Thai and English, accessibility, and complaint text
 * that tries to be HTML.
 */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations } from './support/harness.ts';
import type { z } from 'zod';
import type { PublicReceiptSchema, LoginResponse, PublicCase } from '../../src/shared/api/index.ts';

type PublicReceipt = z.output<typeof PublicReceiptSchema>;

/** A JPEG photo carrying GPS coordinates in its EXIF, as phones write them. */
async function photoWithGps(file: string): Promise<string> {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Phone 9' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '13/1 45/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '100/1 30/1 0/1' } })
    .toBuffer();
  writeFileSync(file, bytes);
  return file;
}

describeInBrowser('citizen portal', (suite) => {
  it('files a complaint with a photo and gets a receipt with the code, the key and a QR code', async () => {
    const page = await suite.newPage();
    const photo = await photoWithGps(path.join(suite.workDir(), 'pothole.jpg'));
    await page.goto('/');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('th');
    await page.getByRole('link', { name: 'ยื่นเรื่องร้องเรียน' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'ยื่นเรื่องร้องเรียน' }).waitFor();
    // Moving to another page says so: the title follows, the focus is on the new heading.
    await expect.poll(() => page.title()).toBe('ยื่นเรื่องร้องเรียน — ร้องทุกข์');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    await page.getByLabel('ค้นหาประเภทเรื่อง').fill('ถนน');
    await page.getByRole('radio', { name: 'ถนนชำรุด' }).check();
    await page.getByLabel(/เล่าเรื่องที่ต้องการร้องเรียน/).fill('ถนนหน้าโรงเรียนเป็นหลุมลึก รถจักรยานยนต์ล้มทุกวัน ขอให้ซ่อมด่วน');
    await page.getByLabel('จังหวัด').selectOption({ label: 'พิจิตร' });
    await page.getByLabel('อำเภอ/เขต').selectOption({ label: 'ตะพานหิน' });
    await expect.poll(() => page.getByLabel('ตำบล/แขวง').locator('option').count()).toBeGreaterThan(1);
    await page.getByLabel('ไฟล์แนบ').setInputFiles(photo);
    await page.getByText('pothole.jpg').waitFor();
    await page.getByLabel('ชื่อ-นามสกุล').fill('สมหญิง ใจดี');
    await page.getByLabel('หมายเลขโทรศัพท์').fill('081-234-5678');
    await page.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }).click();

    await page.getByRole('heading', { level: 1, name: 'ใบรับเรื่อง' }).waitFor();
    const trackingCode = (await page.getByTestId('tracking-code').textContent())?.trim() ?? '';
    const accessKey = (await page.getByTestId('access-key').textContent())?.trim() ?? '';
    expect(trackingCode).toMatch(/^RT-\d{2}-[0-9A-Z]{6}$/);
    expect(accessKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    // The QR code is an image of the tracking address (the key in its fragment).
    const qr = page.getByRole('img', { name: 'คิวอาร์โค้ดสำหรับเปิดหน้าติดตามเรื่อง' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    // The due date is in the Buddhist era.
    const buddhistYear = String(new Date().getFullYear() + 543);
    await expect.poll(() => page.locator('.receipt').textContent()).toContain(buddhistYear);
    // On the phone each fact stands under its name, with space before the next one.
    const gaps = await page.locator('.receipt__facts').evaluate((facts) =>
      [...facts.querySelectorAll('dd')].slice(0, -1).map((value) => (value.nextElementSibling?.getBoundingClientRect().top ?? 0) - value.getBoundingClientRect().bottom),
    );
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(5);

    const [row] = await suite.db().query<{ id: string; files: number }>(
      'SELECT c.id, (SELECT count(*)::int FROM case_attachments a WHERE a.case_id = c.id) AS files FROM cases c WHERE c.tracking_code = $1',
      [trackingCode],
    );
    expect(row?.files).toBe(1);
    // What is kept of the photo has lost its EXIF, GPS included.
    const publicCase = await suite.app().inject({ method: 'GET', url: `/api/v1/public/complaints/${trackingCode}`, headers: { 'x-access-key': accessKey } });
    const [attachment] = (publicCase.json() as PublicCase).attachments;
    expect(attachment?.fileName).toBe('pothole.jpg');
    const download = await suite.app().inject({ method: 'GET', url: `/api/v1/public/complaints/${trackingCode}/attachments/${attachment?.id}`, headers: { 'x-access-key': accessKey } });
    expect(download.statusCode).toBe(200);
    const kept = await sharp(download.rawPayload).metadata();
    expect(kept.format).toBe('jpeg');
    expect(kept.exif).toBeUndefined();
    expect((await sharp(await readFile(photo)).metadata()).exif).toBeDefined();

    // Reloading keeps the receipt in this tab (the key is shown once); "done" removes it.
    await page.reload();
    await page.getByTestId('access-key').waitFor();
    await page.getByRole('button', { name: 'ลบข้อมูลเรื่องนี้ออกจากเครื่องนี้' }).click();
    await page.getByRole('heading', { level: 1, name: 'ร้องทุกข์ ร้องเรียน เสนอแนะ' }).waitFor();
    await page.goBack();
    await page.getByText('ไม่พบใบรับเรื่องในหน้านี้', { exact: false }).waitFor();

    // Following the receipt's link opens the case, and the key leaves the address bar.
    await page.goto(`/track/${trackingCode}#key=${accessKey}`);
    await page.getByTestId('case-status').waitFor();
    expect(page.url()).not.toContain('key=');
    await expect.poll(() => page.getByTestId('case-status').textContent()).toMatch(/รับเรื่องแล้ว|อยู่ระหว่างกลั่นกรอง|ส่งเรื่องให้หน่วยงานแล้ว/);
    // The photo is listed with the entry it came with, and among the files.
    await page.getByTestId('timeline').getByRole('button', { name: 'pothole.jpg' }).waitFor();
    await page.getByRole('region', { name: 'ไฟล์แนบ' }).getByRole('button', { name: 'pothole.jpg' }).waitFor();
  }, BROWSER_TEST_TIMEOUT);

  it('shows field errors for bad input and sends nothing until they are fixed', async () => {
    const page = await suite.newPage();
    const [before] = await suite.db().query<{ count: number }>('SELECT count(*)::int AS count FROM cases');
    await page.goto('/file');
    await page.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'ยังดำเนินการไม่ได้' });
    await summary.waitFor();
    await expect.poll(() => summary.textContent()).toContain('กรุณากรอกข้อมูลนี้');
    const description = page.getByLabel(/เล่าเรื่องที่ต้องการร้องเรียน/);
    expect(await description.getAttribute('aria-invalid')).toBe('true');

    await description.fill('สั้นไป');
    await page.getByLabel('หมายเลขโทรศัพท์').fill('โทรหาฉันสิ');
    await page.getByLabel('อีเมล').fill('not-an-address');
    await page.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }).click();
    await page.getByText('ข้อความสั้นเกินไป (อย่างน้อย 10 ตัวอักษร)').first().waitFor();
    await page.getByText('รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง').first().waitFor();
    await page.getByText('รูปแบบอีเมลไม่ถูกต้อง').first().waitFor();

    // A web page renamed .jpg passes the browser's look at the name, but not the server's at the bytes.
    const fake = path.join(suite.workDir(), 'not-a-photo.jpg');
    writeFileSync(fake, '<!doctype html><html><body><script>alert(1)</script></body></html>');
    await description.fill('มีคนทิ้งขยะริมคลองทุกคืน กลิ่นเหม็นมาก');
    await page.getByLabel('หมายเลขโทรศัพท์').fill('');
    await page.getByLabel('อีเมล').fill('');
    await page.getByLabel('ไฟล์แนบ').setInputFiles(fake);
    await page.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }).click();
    const fileError = page.locator('[data-field="files[0]"] .field__error');
    await fileError.waitFor();
    expect(await fileError.textContent()).toMatch(/text\/html|type|ประเภท/i);

    const [after] = await suite.db().query<{ count: number }>('SELECT count(*)::int AS count FROM cases');
    expect(after?.count).toBe(before?.count);
  }, BROWSER_TEST_TIMEOUT);

  it('shows complaint text, replies and file names that look like HTML as text, to the citizen and to staff, and runs none of it', async () => {
    const markup = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
    const payload = `${markup} ท่อระบายน้ำอุดตันหน้าตลาด โทร 081-234-5678`;
    // Filed with a file whose name is markup too (multipart: JSON in payload, the file in files).
    const form = new FormData();
    form.append('payload', JSON.stringify({ description: payload, complainant: { name: `${markup} สมชาย` } }));
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer();
    form.append('files', new Blob([new Uint8Array(png)], { type: 'image/png' }), '<img src=x onerror=window.__pwned=5>.png');
    const multipart = new Request('http://rongthuk.test/', { method: 'POST', body: form });
    const response = await suite.app().inject({
      method: 'POST',
      url: '/api/v1/public/complaints',
      headers: { 'content-type': multipart.headers.get('content-type') ?? '' },
      payload: Buffer.from(await multipart.arrayBuffer()),
    });
    expect(response.statusCode).toBe(201);
    const receipt = response.json() as PublicReceipt;
    const [row] = await suite.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
    const caseId = row?.id ?? '';
    // A reply carrying markup too, shown on the public timeline.
    const login = await suite.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hub.intake', password: 'test-password-1' } });
    const token = (login.json() as LoginResponse).token;
    const reply = await suite.app().inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/actions/reply`,
      headers: { authorization: `Bearer ${token}` },
      payload: { message: '<b onmouseover="window.__pwned = 3">ได้รับเรื่องแล้ว</b><script>window.__pwned = 4</script>' },
    });
    expect(reply.statusCode).toBe(200);
    const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

    // The citizen's page: the reply and the file name as text.
    const page = await suite.newPage();
    await page.goto(`/track/${receipt.trackingCode}#key=${receipt.accessKey}`);
    await page.getByTestId('timeline').waitFor();
    await page.getByText('<script>window.__pwned = 4</script>', { exact: false }).waitFor();
    await page.getByText('<img src=x onerror=window.__pwned=5>.png', { exact: false }).first().waitFor();
    expect(await page.locator('main script, main img[src="x"], .timeline b').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();

    // The staff console: the inbox summary, the case's (redacted) text, the file name, then the
    // revealed original text and name.
    const staff = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(staff, 'hub.intake');
    await staff.getByRole('link', { name: receipt.trackingCode }).waitFor();
    await staff.goto(`/staff/cases/${caseId}`);
    await staff.getByText('ท่อระบายน้ำอุดตันหน้าตลาด', { exact: false }).first().waitFor();
    await staff.getByRole('button', { name: 'เปิดดูข้อมูลผู้ร้อง' }).click();
    await staff.getByRole('button', { name: 'ยืนยันเปิดดูข้อมูลผู้ร้อง' }).click();
    await staff.getByText('081-234-5678', { exact: false }).first().waitFor();
    await expect.poll(() => staff.getByText(`${markup} สมชาย`, { exact: false }).count()).toBeGreaterThan(0);
    expect(await staff.locator('main script, main img[src="x"]').count()).toBe(0);
    expect(await pwned(staff)).toBeUndefined();
  }, BROWSER_TEST_TIMEOUT);

  it('opens a case whose key is typed in, and again after a wrong key', async () => {
    const response = await suite.app().inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { description: 'สุนัขจรจัดไล่กัดเด็กนักเรียนหน้าโรงเรียนทุกเช้า' } });
    const receipt = response.json() as PublicReceipt;
    const page = await suite.newPage();
    // The case's address without its key, as typed from a paper receipt.
    await page.goto(`/track/${receipt.trackingCode}`);
    await page.getByLabel('รหัสติดตาม').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    await page.getByRole('button', { name: 'ดูความคืบหน้า' }).click();
    await page.getByText('ไม่พบเรื่อง หรือรหัสติดตามไม่ถูกต้อง').waitFor();
    await page.getByLabel('รหัสติดตาม').fill(receipt.accessKey.toLowerCase());
    await page.getByRole('button', { name: 'ดูความคืบหน้า' }).click();
    await page.getByTestId('case-status').waitFor();
    // The key was kept in memory only: nothing of it in the tab's storage.
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).not.toContain(receipt.accessKey);
    // "Done" forgets it: going back to the case asks for the key again.
    await page.getByRole('button', { name: 'ลบข้อมูลเรื่องนี้ออกจากเครื่องนี้' }).click();
    await page.getByRole('heading', { level: 1, name: 'ร้องทุกข์ ร้องเรียน เสนอแนะ' }).waitFor();
    await page.goBack();
    await page.getByLabel('รหัสติดตาม').waitFor();
    expect(await page.getByTestId('case-status').count()).toBe(0);
  }, BROWSER_TEST_TIMEOUT);

  it('tells a wrong access key apart from a missing one, without saying which case exists', async () => {
    const page = await suite.newPage();
    await page.goto('/track');
    await page.getByRole('button', { name: 'ดูความคืบหน้า' }).click();
    await page.locator('[data-field="trackingCode"] .field__error').waitFor();
    await page.locator('[data-field="accessKey"] .field__error').waitFor();
    await page.getByLabel('เลขที่เรื่อง').fill('RT-69-AAAAAA');
    await page.getByLabel('รหัสติดตาม').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
    await page.getByRole('button', { name: 'ดูความคืบหน้า' }).click();
    await page.getByText('ไม่พบเรื่อง หรือรหัสติดตามไม่ถูกต้อง').waitFor();
  }, BROWSER_TEST_TIMEOUT);

  it('switches to English and keeps the choice', async () => {
    const page = await suite.newPage();
    await page.goto('/file');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'File a complaint' }).waitFor();
    // Switching language is not a change of page: the focus stays on the switch.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('lang'))).toBe('th');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'File a complaint' }).waitFor();
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await page.getByRole('heading', { level: 1, name: 'ยื่นเรื่องร้องเรียน' }).waitFor();
  }, BROWSER_TEST_TIMEOUT);

  it('draws Thai in the shipped Sarabun font', async () => {
    const page = await suite.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('16px Sarabun', 'ร้องทุกข์'))).toBe(true);
    const family = await page.getByRole('heading', { level: 1 }).evaluate((element) => getComputedStyle(element).fontFamily);
    expect(family).toMatch(/^"?Sarabun/);
  }, BROWSER_TEST_TIMEOUT);

  it('has no serious or critical accessibility violations on the citizen pages', async () => {
    const response = await suite.app().inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { description: 'ไฟฟ้าส่องสว่างในซอยดับทั้งซอยมาหนึ่งสัปดาห์แล้ว' } });
    const receipt = response.json() as PublicReceipt;
    const page = await suite.newPage();
    const pages: Array<[string, string]> = [
      ['/', 'h1'],
      ['/file', 'h1'],
      ['/track', 'h1'],
      [`/track/${receipt.trackingCode}#key=${receipt.accessKey}`, '[data-testid="case-status"]'],
    ];
    for (const [url, ready] of pages) {
      await page.goto(url);
      await page.locator(ready).first().waitFor();
      expect(seriousViolations(await axeViolations(page)), url).toEqual([]);
    }
    // The receipt page, as the filing leaves it.
    await page.evaluate((stored) => sessionStorage.setItem('rongthuk.receipt', stored), JSON.stringify({ receipt, keptAt: Date.now() }));
    await page.goto('/receipt');
    await page.getByTestId('tracking-code').waitFor();
    expect(seriousViolations(await axeViolations(page)), '/receipt').toEqual([]);
    // The form with its errors showing.
    await page.goto('/file');
    await page.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(seriousViolations(await axeViolations(page)), '/file with errors').toEqual([]);
  }, BROWSER_TEST_TIMEOUT);
});
