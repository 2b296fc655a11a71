/**
 * Takes the README's screenshots of the citizen portal and the staff console: builds the web
 * app, starts it with the demo data in a temporary directory, and photographs pages in
 * Debian's Chromium into docs/screenshots/.
 *
 *   node --import tsx scripts/screenshots.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { startDemoWebApp } from '../test/support/demo-web-app.ts';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs', 'screenshots');
const workDir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-screenshots-'));
const demo = await startDemoWebApp(workDir);
const { app, baseUrl: base } = demo;
const browser = await launchChromium();
try {
  mkdirSync(outDir, { recursive: true });
  const filed = await app.inject({
    method: 'POST',
    url: '/api/v1/public/complaints',
    payload: { description: 'ไฟส่องสว่างในซอยประชาร่วมใจดับทั้งซอยมาหนึ่งสัปดาห์แล้ว กลางคืนมืดมาก มีคนถูกวิ่งราวกระเป๋า', categoryCode: 'lighting', location: { provinceCode: '10', districtCode: '1038' } },
  });
  const receipt = filed.json() as { trackingCode: string; accessKey: string };

  const phone = await browser.newContext({ baseURL: base, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'th-TH' });
  const citizen = await phone.newPage();
  await citizen.goto('/file');
  await citizen.getByRole('radio').nth(1).waitFor();
  await citizen.screenshot({ path: path.join(outDir, 'portal-file.png') });
  await citizen.goto(`/track/${receipt.trackingCode}#key=${receipt.accessKey}`);
  await citizen.getByTestId('case-status').waitFor();
  await citizen.screenshot({ path: path.join(outDir, 'portal-track.png') });

  const desktop = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 }, locale: 'th-TH' });
  const login = await desktop.request.post('/api/v1/auth/login', { data: { username: 'hub.intake', password: DEMO_PASSWORD } });
  if (!login.ok()) throw new Error(`demo sign-in failed: ${login.status()}`);
  const staff = await desktop.newPage();
  await staff.goto('/staff/inbox');
  await staff.locator('table tbody tr').first().waitFor();
  await staff.screenshot({ path: path.join(outDir, 'console-inbox.png'), fullPage: true });
  await staff.locator('table tbody tr a').first().click();
  await staff.getByRole('heading', { level: 1 }).waitFor();
  await staff.waitForLoadState('networkidle');
  await staff.screenshot({ path: path.join(outDir, 'console-case.png') });
  console.log(`screenshots in ${path.relative(root, outDir)}/`);
} finally {
  await browser.close();
  await demo.close();
  rmSync(workDir, { recursive: true, force: true });
}
