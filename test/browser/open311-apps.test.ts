/**
 * The Open311 apps page in Chromium: a system administrator registers an app, is shown its
 * api_key once — a key that files at once — revokes it, and the page has no serious
 * accessibility problems on a phone.
 */
import { expect, it } from 'vitest';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations } from './support/harness.ts';

describeInBrowser('administration: Open311 apps', (suite) => {
  it('registers an app, shows its key once, and revokes it', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.admin');
    await page.goto('/admin/open311');
    await page.getByRole('heading', { level: 1, name: 'แอปพลิเคชันภายนอก (Open311)' }).waitFor();
    await page.getByText('ยังไม่มีแอปที่ลงทะเบียน').waitFor();

    await page.getByRole('button', { name: 'ลงทะเบียนแอป' }).click();
    await page.getByLabel('ชื่อแอป').fill('แอปเมืองพิจิตร');
    await page.locator('form').getByRole('button', { name: 'ลงทะเบียนแอป' }).click();
    const key = (await page.locator('[data-api-key]').textContent()) ?? '';
    expect(key).toMatch(/^o311_/);
    const row = page.locator('tr[data-app="แอปเมืองพิจิตร"]');
    await expect.poll(() => row.textContent()).toContain(key.slice(0, 11));
    expect(await row.textContent()).not.toContain(key);

    const file = () =>
      fetch(`${suite.baseUrl()}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: key, service_code: 'road', address_string: 'ตลาดตะพานหิน', description: 'ไฟถนนหน้าตลาดดับมาหนึ่งสัปดาห์แล้ว' }),
      });
    expect((await file()).status).toBe(200);

    await page.getByRole('button', { name: 'เก็บรหัสเรียบร้อยแล้ว' }).click();
    expect(await page.locator('[data-api-key]').count()).toBe(0);
    await row.getByRole('button', { name: /ยกเลิกรหัส/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'ยกเลิกรหัส' }).click();
    await page.getByText('ยกเลิกรหัส api_key ของ "แอปเมืองพิจิตร" แล้ว').waitFor();
    await expect.poll(() => row.textContent()).toContain('ยกเลิกเมื่อ');
    expect((await file()).status).toBe(403);
  }, BROWSER_TEST_TIMEOUT);

  it('has no serious accessibility problems, on a phone', async () => {
    const page = await suite.newPage();
    await suite.signIn(page, 'hub.admin');
    await page.goto('/admin/open311');
    await page.locator('h1').waitFor();
    await page.waitForLoadState('networkidle');
    await page.locator('.loading').waitFor({ state: 'detached' });
    expect(seriousViolations(await axeViolations(page))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }, BROWSER_TEST_TIMEOUT);
});
