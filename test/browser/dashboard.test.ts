/**
 * The executive's dashboard in Chromium: the CCEO lands on it after sign-in, picks a period and
 * a child agency (the figures change, the address keeps the view), sees the map of Thailand
 * shaded by province, and downloads the CSV; an officer has no dashboard.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations } from './support/harness.ts';
import { staffApi as api } from './support/staff-api.ts';

/** The figure of a headline tile ("เรื่องที่รับ" …), as shown. */
const stat = (page: Page, key: string) => page.getByTestId(`stat-${key}`).locator('.dashboard-stat__value').textContent();

describeInBrowser('executive dashboard', (suite) => {
  beforeAll(async () => {
    const { file, act } = api(suite);
    // Three complaints for the ministry (กระทรวงสาธารณสุข): one kept at its complaint centre,
    // one handed to Phichit's district office (ตะพานหิน), one to the Chiang Mai office.
    const kept = await file({ description: 'รอคิวตรวจที่โรงพยาบาลนานเกินห้าชั่วโมง', location: { provinceCode: '66' } });
    const taphanHin = await file({ description: 'สถานีอนามัยปิดก่อนเวลาทำการหลายครั้ง', location: { provinceCode: '66', districtCode: '6604' } });
    const chiangMai = await file({ description: 'เจ้าหน้าที่พูดจาไม่สุภาพกับผู้สูงอายุ', location: { provinceCode: '50' } });
    for (const filed of [kept, taphanHin, chiangMai]) await act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' });
    for (const [filed, agencyCode] of [
      [taphanHin, 'dho-6604'],
      [chiangMai, 'pho-50'],
    ] as const) {
      await act('moph.officer', filed.id, 'accept');
      await act('moph.officer', filed.id, 'forward', { agencyCode });
    }
  });

  it('is where the CCEO lands: period and child agency change the figures, the map shows, the CSV downloads', async () => {
    const page = await suite.newPage({ width: 1366, height: 900 });
    await suite.signIn(page, 'moph.cceo');
    await page.getByRole('heading', { level: 1, name: 'แดชบอร์ดผู้บริหาร' }).waitFor();
    expect(page.url()).toMatch(/\/staff\/dashboard$/);
    await expect.poll(() => stat(page, 'cases')).toBe('3');

    // The map: every province drawn, Phichit (66) and Chiang Mai (50) shaded, the rest not.
    const map = page.getByTestId('province-map');
    await map.locator('path').first().waitFor();
    expect(await map.locator('path').count()).toBe(77);
    expect(await map.locator('path[data-area="66"]').getAttribute('class')).toMatch(/--5$/);
    expect(await map.locator('path[data-area="50"]').getAttribute('class')).not.toMatch(/--0$/);
    expect(await map.locator('path[data-area="10"]').getAttribute('class')).toMatch(/--0$/);
    expect(await map.locator('svg').getAttribute('aria-label')).toContain('พิจิตร: 2 เรื่อง');
    expect(await page.getByTestId('by-province').textContent()).toContain('เชียงใหม่');
    // The trend, month by month over the fiscal year: drawn by Chart.js on a canvas, its figures
    // also in a table for screen readers.
    const trend = page.getByTestId('trend-chart');
    expect(await trend.locator('tbody tr').count()).toBe(12);
    const inked = () =>
      trend.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted += 1;
        return painted;
      });
    await expect.poll(inked).toBeGreaterThan(1000);
    expect(seriousViolations(await axeViolations(page))).toEqual([]);

    // One province by district: Phichit's twelve districts, Taphan Hin shaded.
    await page.getByLabel('จังหวัด', { exact: true }).selectOption('66');
    await page.getByRole('button', { name: 'แสดงผล' }).click();
    const districts = page.getByTestId('district-map');
    await districts.locator('path').first().waitFor();
    expect(await districts.locator('path').count()).toBe(12);
    expect(await districts.locator('path[data-area="6604"]').getAttribute('class')).not.toMatch(/--0$/);
    expect(await districts.locator('path[data-area="6601"]').getAttribute('class')).toMatch(/--0$/);
    expect(await page.getByTestId('by-district').textContent()).toContain('ตะพานหิน');
    await page.goto('/staff/dashboard');
    await expect.poll(() => stat(page, 'cases')).toBe('3');

    // The fiscal year before: nothing was received then.
    const year = await page.getByLabel('ปีงบประมาณ (พ.ศ.)').inputValue();
    await page.getByLabel('ปีงบประมาณ (พ.ศ.)').selectOption(String(Number(year) - 1));
    await page.getByRole('button', { name: 'แสดงผล' }).click();
    await page.getByText('ไม่มีเรื่องร้องเรียนในช่วงเวลานี้').waitFor();
    expect(page.url()).toContain(`period=fy${Number(year) - 1}`);

    // This month, for the Phichit office's subtree (the search offers only the ministry's agencies).
    await page.getByLabel('ช่วงเวลา', { exact: true }).selectOption('month');
    const now = new Date();
    await page.getByLabel('เดือน', { exact: true }).selectOption(String(Number(new Intl.DateTimeFormat('en-GB', { month: 'numeric', timeZone: 'Asia/Bangkok' }).format(now))));
    await page.getByLabel('ปี (พ.ศ.)').selectOption(String(Number(new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'Asia/Bangkok' }).format(now)) + 543));
    await page.getByLabel(/หน่วยงานในสังกัด/).fill('พิจิตร');
    const results = page.getByRole('list', { name: 'หน่วยงานที่พบ' });
    await results.getByRole('button').first().waitFor();
    expect(await results.textContent()).not.toContain('ศูนย์ดำรงธรรม'); // Phichit's, but the Interior's
    await results.getByRole('button', { name: /สำนักงานสาธารณสุขจังหวัดพิจิตร/ }).click();
    await page.getByRole('button', { name: 'แสดงผล' }).click();
    await expect.poll(() => page.url()).toContain('agency=pho-66');
    await expect.poll(() => stat(page, 'cases')).toBe('1');
    expect(await page.locator('.dashboard > .lead').textContent()).toContain('สำนักงานสาธารณสุขจังหวัดพิจิตร');

    // The address alone brings the same view back.
    const shared = await suite.newPage({ width: 1366, height: 900 });
    await suite.signIn(shared, 'moph.cceo');
    await shared.goto(page.url());
    await expect.poll(() => stat(shared, 'cases')).toBe('1');

    // The CSV of the same view.
    const link = page.getByRole('link', { name: 'ดาวน์โหลด CSV' });
    expect(await link.getAttribute('href')).toContain('agency=pho-66');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^rongthuk-dashboard-pho-66-.*\.csv$/);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(5);
    expect(csv).toContain('pho-66');
  }, BROWSER_TEST_TIMEOUT);

  it('offers an officer no dashboard, and says so at its address', async () => {
    const page = await suite.newPage({ width: 1366, height: 900 });
    await suite.signIn(page, 'moph.officer');
    await page.getByRole('heading', { level: 1, name: 'เรื่องของหน่วยงาน' }).waitFor();
    expect(await page.getByRole('link', { name: 'แดชบอร์ดผู้บริหาร' }).count()).toBe(0);
    await page.goto('/staff/dashboard');
    await page.getByRole('heading', { level: 1, name: 'หน้านี้ไม่ใช่งานของบทบาทคุณ' }).waitFor();
  }, BROWSER_TEST_TIMEOUT);
});
