/**
 * Photographs every page a reviewer of the console and the citizen portal should look at, in
 * realistic states of the demo installation, in Thai, on a phone (390×844) and a desktop
 * (1366×768): the inbox, a case with a reply and a note that carry files, the close form asking
 * for a reason, a new access key, staff intake with a field error, the tracking page in and after
 * the confirmation window, the receipt, the lost-key page, each role's first page, the
 * holidays page, and the exchange with a partner system (the registry with a field error, the
 * message log with a dead message, a case's exchange section and timeline, the tracking page
 * naming the partner, the confirmation to share a confidential case's complainant), an agency's
 * complaint channels (administration with a field error, the citizen's contact pages). Not for the
 * README (see screenshots.ts): for looking at, page by page.
 *
 *   node --import tsx scripts/screenshots-review.ts [OUT_DIR]     (default /tmp/shots-review)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { deliverMessage } from '../src/server/exchange/delivery.ts';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { startDemoWebApp } from '../test/support/demo-web-app.ts';
import { startFakePartner } from '../test/support/fake-partner.ts';
import { flatPng } from '../test/support/png.ts';

const outDir = path.resolve(process.argv[2] ?? '/tmp/shots-review');
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 768 } } as const;
type Viewport = keyof typeof VIEWPORTS;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const workDir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-review-'));
const demo = await startDemoWebApp(workDir);
const { ctx, baseUrl } = demo;
const browser = await launchChromium();
const taken: string[] = [];

async function newContext(viewport: Viewport): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, viewport: VIEWPORTS[viewport], deviceScaleFactor: 1, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
}

/** A signed-in context of `username`: its cookie serves both the pages and the API calls that set cases up. */
async function signedIn(username: string, viewport: Viewport): Promise<BrowserContext> {
  const context = await newContext(viewport);
  const login = await context.request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  if (!login.ok()) throw new Error(`sign-in of ${username} failed: ${login.status()} ${await login.text()}`);
  return context;
}

async function shot(page: Page, name: string, viewport: Viewport, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Fonts and lazy chunks settle before the picture.
  await page.evaluate('document.fonts.ready');
  const file = path.join(outDir, `${name}-${viewport}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  taken.push(path.basename(file));
  // A long page also in slices of two screens, legible when looked at one by one.
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  const slice = VIEWPORTS[viewport].height * 2;
  if (options.fullPage && height > slice * 1.2) {
    for (let top = 0, part = 1; top < height; top += slice, part += 1) {
      const clip = { x: 0, y: top, width: VIEWPORTS[viewport].width, height: Math.min(slice, height - top) };
      await page.screenshot({ path: path.join(outDir, `${name}-${viewport}-part${part}.png`), fullPage: true, clip });
    }
  }
}

/** Calls the API as the context's user; throws with the answer when it is not a 2xx. */
async function call(context: BrowserContext, method: 'POST' | 'PATCH', url: string, body: unknown, file?: { name: string; mimeType: string; buffer: Buffer }) {
  const response = file
    ? await context.request.fetch(url, { method, headers: { origin: baseUrl }, multipart: { payload: JSON.stringify(body), files: file } })
    : await context.request.fetch(url, { method, headers: { origin: baseUrl }, data: body });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}

async function fileComplaint(body: Record<string, unknown>): Promise<{ id: string; trackingCode: string; accessKey: string }> {
  const response = await demo.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: body });
  if (response.statusCode !== 201) throw new Error(`filing failed: ${response.body}`);
  const receipt = response.json() as { trackingCode: string; accessKey: string };
  const [row] = await ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
  if (!row) throw new Error('filed case not found');
  return { id: row.id, ...receipt };
}

try {
  mkdirSync(outDir, { recursive: true });
  const admin = await signedIn('admin', 'desktop');
  const hub = await signedIn('hub.intake', 'desktop');
  const moph = await signedIn('moph.officer', 'desktop');

  // The roles the demo has no account of: a supervisor of the MOPH centre and an agency admin.
  for (const user of [
    { username: 'moph.supervisor', displayName: 'สุภาพร หัวหน้างาน', role: 'supervisor', agencyCode: 'moph-complaint' },
    { username: 'moph.admin', displayName: 'อนุชา ดูแลระบบ', role: 'agency_admin', agencyCode: 'moph' },
  ]) {
    await call(admin, 'POST', '/api/v1/users', { ...user, password: DEMO_PASSWORD });
  }

  // A working inbox for the MOPH centre: cases received over the last weeks, accepted there.
  const subjects = [
    'รอคิวตรวจที่โรงพยาบาลชุมชนนานกว่าห้าชั่วโมง ผู้ป่วยสูงอายุเป็นลมหน้าห้องตรวจ',
    'คลินิกเอกชนเรียกเก็บค่าบริการเกินจริง ไม่มีใบเสร็จ',
    'ร้านขายยาขายยาอันตรายโดยไม่มีเภสัชกรประจำร้าน',
    'เจ้าหน้าที่ รพ.สต. พูดจาไม่สุภาพกับผู้ป่วย',
    'รถพยาบาลมาช้ากว่าหนึ่งชั่วโมงหลังโทรแจ้งเหตุ',
    'น้ำดื่มในโรงพยาบาลมีตะกอน ขอให้ตรวจคุณภาพ',
    'ไม่ได้รับวัคซีนตามนัด ทั้งที่ลงทะเบียนไว้แล้ว',
    'ขอให้ตรวจสอบการเผาขยะติดเชื้อหลังคลินิก ควันเข้าบ้านเรือน',
    'ห้องน้ำผู้ป่วยนอกสกปรก ไม่มีสบู่ล้างมือ',
    'บัตรทองใช้สิทธิ์ไม่ได้ที่โรงพยาบาลประจำอำเภอ',
  ];
  for (const [index, description] of subjects.entries()) {
    const filed = await fileComplaint({ description, channel: 'web', categoryCode: 'health-service', location: { provinceCode: '66', districtCode: '6604' } });
    await ctx.db.query("UPDATE cases SET received_at = received_at - make_interval(days => $2) WHERE id = $1", [filed.id, index * 2]);
    await call(hub, 'POST', `/api/v1/cases/${filed.id}/actions/assign`, { agencyCode: 'moph-complaint' });
    if (index % 3 !== 0) await call(moph, 'POST', `/api/v1/cases/${filed.id}/actions/accept`, {});
  }

  // The case of the review: filed on the web with an e-mail, a reply and a note with files, resolved.
  const kanda = await fileComplaint({
    description: 'ท่อระบายน้ำหน้าโรงเรียนบ้านหนองโสนอุดตัน น้ำเอ่อท่วมถนนทุกครั้งที่ฝนตก เด็กนักเรียนต้องเดินลุยน้ำ',
    title: 'ท่อระบายน้ำอุดตันหน้าโรงเรียน',
    categoryCode: 'health-service',
    location: { provinceCode: '66', districtCode: '6604', address: 'หน้าโรงเรียนบ้านหนองโสน' },
    complainant: { name: 'กานดา ใจงาม', email: 'kanda@example.com' },
  });
  await call(hub, 'POST', `/api/v1/cases/${kanda.id}/actions/assign`, { agencyCode: 'moph-complaint' });
  await call(moph, 'POST', `/api/v1/cases/${kanda.id}/actions/accept`, {});
  await call(moph, 'POST', `/api/v1/cases/${kanda.id}/actions/reply`, { message: 'ได้ประสานเทศบาลให้ลอกท่อแล้ว แนบหนังสือประสานงานมาพร้อมนี้' }, {
    name: 'หนังสือประสานเทศบาล.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await call(moph, 'POST', `/api/v1/cases/${kanda.id}/actions/note`, { message: 'ภาพถ่ายหลังลอกท่อ ใช้ภายในหน่วยงาน' }, {
    name: 'ภาพหลังลอกท่อ.png',
    mimeType: 'image/png',
    buffer: flatPng(640, 480),
  });
  await call(moph, 'POST', `/api/v1/cases/${kanda.id}/actions/resolve`, { result: 'fixed', message: 'ลอกท่อระบายน้ำเรียบร้อยแล้ว น้ำไม่ท่วมขังแล้ว' });

  for (const viewport of ['desktop', 'phone'] as const) {
    // The inbox of a case officer: the first screen, the whole page, and (phone) the filters open.
    const officer = await signedIn('moph.officer', viewport);
    const page = await officer.newPage();
    await page.goto('/staff');
    await page.locator('table.case-table tbody tr').first().waitFor();
    await shot(page, '01-inbox-first-screen', viewport);
    await shot(page, '02-inbox-full', viewport, { fullPage: true });
    const toggle = page.getByRole('button', { name: /^ตัวกรอง/ });
    if (await toggle.isVisible()) await toggle.click();
    await page.getByLabel('ค้นหา', { exact: true }).waitFor({ state: 'visible' });
    await shot(page, '03-inbox-filters-open', viewport);
    await shot(page, '03-inbox-filters-open-full', viewport, { fullPage: true });
    await page.getByRole('searchbox', { name: 'หน่วยงาน' }).fill('ตะพานหิน');
    await page.getByRole('button', { name: /สำนักงานสาธารณสุขอำเภอตะพานหิน/ }).waitFor();
    await page.getByRole('searchbox', { name: 'หน่วยงาน' }).scrollIntoViewIfNeeded();
    await shot(page, '03-inbox-agency-picker', viewport);
    // A filter behind the button in use (from a bookmark): on a desktop the panel shows it.
    await page.goto('/staff/inbox?channel=web&overdue=false');
    await page.locator('table.case-table tbody tr').first().waitFor();
    await shot(page, '03-inbox-hidden-filter-in-use', viewport);

    // The case: reply and note with files on the timeline, the close form asking for a reason.
    await page.goto(`/staff/cases/${kanda.id}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('.staff-timeline__item[data-event-type="note"]').waitFor();
    await shot(page, '04-case', viewport);
    await shot(page, '05-case-full', viewport, { fullPage: true });
    await page.locator('.staff-timeline').scrollIntoViewIfNeeded();
    await shot(page, '06-case-timeline', viewport);
    await page.getByRole('button', { name: 'ยุติเรื่อง', exact: true }).click();
    const close = page.locator('form[data-action="close"]');
    await close.getByRole('button', { name: 'ยุติเรื่อง' }).click();
    await page.locator('[data-field="reason"] .field__error').waitFor();
    await page.locator('#action-form-close').scrollIntoViewIfNeeded();
    await shot(page, '07-case-close-form', viewport);
    await page.getByRole('button', { name: 'ยกเลิก' }).click();
    await page.getByRole('button', { name: 'ออกรหัสติดตามใหม่' }).click();
    await page.getByLabel(/วิธีตรวจสอบตัวตนผู้ร้อง/).scrollIntoViewIfNeeded();
    await shot(page, '08-case-new-key-form', viewport);
    await officer.close();

    // The citizen: the tracking page while the window is open (with the reply's file).
    const citizen = await newContext(viewport);
    const track = await citizen.newPage();
    await track.goto(`/track/${kanda.trackingCode}#key=${kanda.accessKey}`);
    await track.getByTestId('confirmation-until').waitFor();
    await shot(track, '10-track-window-open', viewport);
    await shot(track, '11-track-window-open-full', viewport, { fullPage: true });
    await citizen.close();
  }

  // The window ends (before the job closes the case): the tracking page says so.
  await ctx.db.query("UPDATE cases SET confirmation_until = (now() AT TIME ZONE 'Asia/Bangkok')::date - 1 WHERE id = $1", [kanda.id]);
  for (const viewport of ['desktop', 'phone'] as const) {
    const citizen = await newContext(viewport);
    const track = await citizen.newPage();
    await track.goto(`/track/${kanda.trackingCode}#key=${kanda.accessKey}`);
    await track.getByTestId('confirmation-ended').waitFor();
    await shot(track, '12-track-window-ended-full', viewport, { fullPage: true });
    await citizen.close();
  }

  // A new key issued at the counter (after the citizen's pictures: it ends the old key).
  for (const viewport of ['desktop', 'phone'] as const) {
    const officer = await signedIn('moph.officer', viewport);
    const page = await officer.newPage();
    await page.goto(`/staff/cases/${kanda.id}`);
    await page.getByRole('button', { name: 'ออกรหัสติดตามใหม่' }).click();
    await page.getByLabel(/วิธีตรวจสอบตัวตนผู้ร้อง/).fill('ตรวจบัตรประชาชนตัวจริง ชื่อตรงกับข้อมูลผู้ร้อง');
    await page.getByRole('button', { name: 'ออกรหัสใหม่' }).click();
    await page.getByTestId('new-access-key').waitFor();
    await shot(page, '09-case-new-key-issued', viewport);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate("document.body.classList.add('printing-access-key')");
    await shot(page, '09-case-new-key-print', viewport, { fullPage: true });
    await officer.close();
  }

  // Staff intake of a letter: postal address and national ID, with a field error showing.
  for (const viewport of ['desktop', 'phone'] as const) {
    const intake = await signedIn('hub.intake', viewport);
    const page = await intake.newPage();
    await page.goto('/staff/intake');
    await page.getByLabel(/ช่องทางที่รับเรื่อง/).selectOption('post');
    await page.getByLabel(/เล่าเรื่องที่ต้องการร้องเรียน/).fill('หนังสือร้องเรียนเรื่องถนนในหมู่บ้านชำรุด เป็นหลุมลึก ขอให้ซ่อมแซม');
    await page.getByLabel('ชื่อ-นามสกุล').fill('สมหมาย ส่งจดหมาย');
    await page.getByLabel('เลขประจำตัวประชาชน').fill('1-1017-00203-45-1');
    await page.getByLabel('ที่อยู่ทางไปรษณีย์ของผู้ร้อง').fill('12 หมู่ 3 ต.ตะพานหิน อ.ตะพานหิน จ.พิจิตร 66110');
    await page.getByRole('button', { name: 'บันทึกรับเรื่อง' }).click();
    await page.locator('[data-field="complainant.nationalId"] .field__error').waitFor();
    await shot(page, '13-intake-error', viewport);
    await page.locator('[data-field="complainant.nationalId"]').scrollIntoViewIfNeeded();
    await shot(page, '14-intake-error-at-field', viewport);
    await shot(page, '15-intake-full', viewport, { fullPage: true });
    await intake.close();
  }

  // The citizen files on the web and gets the receipt; then the lost-key page.
  for (const viewport of ['phone', 'desktop'] as const) {
    const citizen = await newContext(viewport);
    const page = await citizen.newPage();
    await page.goto('/file');
    await page.getByLabel(/เล่าเรื่องที่ต้องการร้องเรียน/).fill('โรงพยาบาลส่งเสริมสุขภาพตำบลปิดก่อนเวลาทุกวัน ผู้ป่วยสูงอายุมารอแล้วไม่ได้รับบริการ');
    await page.getByLabel('จังหวัด').selectOption({ label: 'พิจิตร' });
    await page.getByLabel('อีเมล').fill('somying@example.com');
    await page.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }).click();
    await page.getByTestId('tracking-code').waitFor();
    await shot(page, '16-receipt', viewport);
    await shot(page, '16-receipt-full', viewport, { fullPage: true });
    const trackingCode = (await page.getByTestId('tracking-code').textContent())?.trim() ?? '';
    await page.goto('/track');
    await page.getByLabel('เลขที่เรื่อง').fill(trackingCode);
    await page.getByRole('link', { name: 'ลืมรหัสติดตาม / ขอรหัสใหม่' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shot(page, '17-new-key', viewport);
    await page.getByRole('button', { name: 'ขอรหัสติดตามใหม่' }).click();
    await page.getByTestId('new-key-answer').waitFor();
    await shot(page, '18-new-key-answer', viewport, { fullPage: true });
    await citizen.close();
  }

  // The executive's dashboard of the MOPH centre: the first screen, the whole page, and the map.
  for (const viewport of ['desktop', 'phone'] as const) {
    const context = await signedIn('moph.supervisor', viewport);
    const page = await context.newPage();
    await page.goto('/staff/dashboard');
    await page.getByTestId('province-map').locator('path').first().waitFor();
    await shot(page, '10-dashboard', viewport);
    await shot(page, '11-dashboard-full', viewport, { fullPage: true });
    await page.getByTestId('province-map').scrollIntoViewIfNeeded();
    await shot(page, '12-dashboard-map', viewport);
    await page.goto('/staff/dashboard?period=fy2560');
    await page.getByText('ไม่มีเรื่องร้องเรียนในช่วงเวลานี้').waitFor();
    await shot(page, '13-dashboard-empty-period', viewport);
    await context.close();
  }

  // Each role's first page after signing in through the form.
  const roles = [
    ['intake', 'hub.intake'],
    ['case-officer', 'moph.officer'],
    ['supervisor', 'moph.supervisor'],
    ['cceo', 'interior.cceo'],
    ['agency-admin', 'moph.admin'],
    ['system-admin', 'admin'],
  ] as const;
  for (const viewport of ['desktop', 'phone'] as const) {
    for (const [role, username] of roles) {
      const context = await newContext(viewport);
      const page = await context.newPage();
      await page.goto('/staff');
      await page.getByLabel(/ชื่อผู้ใช้/).fill(username);
      await page.getByLabel(/รหัสผ่าน/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /เข้าสู่ระบบ/ }).click();
      await page.getByRole('button', { name: /ออกจากระบบ/ }).waitFor();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await shot(page, `20-landing-${role}`, viewport);
      await context.close();
    }
  }

  // The holidays page with its Buddhist-era date field, empty and with an error.
  for (const viewport of ['desktop', 'phone'] as const) {
    const context = await signedIn('admin', viewport);
    const page = await context.newPage();
    await page.goto('/admin/holidays');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shot(page, '21-holidays-full', viewport, { fullPage: true });
    await page.getByRole('button', { name: 'เพิ่มวันหยุด' }).click();
    await page.getByLabel(/^วันที่/).fill('31/2/2569');
    await page.locator('form').getByRole('button', { name: 'เพิ่มวันหยุด' }).click();
    await page.locator('[data-field="date"] .field__error').waitFor();
    await shot(page, '22-holidays-date-error', viewport);
    await page.getByLabel(/^วันที่/).fill('13/4/2570');
    await page.getByLabel(/^ชื่อวันหยุด/).fill('วันสงกรานต์');
    await page.getByLabel(/^ชื่อวันหยุด/).press('Tab');
    await shot(page, '23-holidays-date-typed', viewport);
    await context.close();
  }
  // The users page's new-account form (the roles offered are the server's grantableRoles) and
  // the agency tree (from the root for who administers every agency), as each administrator.
  for (const viewport of ['desktop', 'phone'] as const) {
    for (const [role, username] of [['agency-admin', 'moph.admin'], ['system-admin', 'admin']] as const) {
      const context = await signedIn(username, viewport);
      const page = await context.newPage();
      await page.goto('/admin/users');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('button', { name: 'เพิ่มผู้ใช้' }).first().click();
      await page.getByRole('heading', { name: 'เพิ่มผู้ใช้ใหม่' }).waitFor();
      await shot(page, `24-users-new-${role}`, viewport, { fullPage: true });
      await page.goto('/admin/agencies');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('main li, main tr').first().waitFor();
      await shot(page, `25-agencies-${role}`, viewport);
      await context.close();
    }
  }

  // ช่องทางรับเรื่องร้องเรียน: the Taphan Hin office's channels as its agency admin manages them
  // (the server refusing a number that cannot be dialled), and the citizen's contact pages.
  for (const viewport of ['desktop', 'phone'] as const) {
    const context = await signedIn('moph.admin', viewport);
    const page = await context.newPage();
    await page.goto('/admin/channels');
    await page.getByRole('searchbox', { name: 'หน่วยงาน', exact: true }).fill('สาธารณสุขอำเภอตะพานหิน');
    await page.getByRole('button', { name: /สำนักงานสาธารณสุขอำเภอตะพานหิน/ }).click();
    await page.getByRole('rowheader', { name: /โทรศัพท์ 0 5662 2353/ }).waitFor();
    await shot(page, '36-channels-admin', viewport, { fullPage: true });
    await page.getByRole('button', { name: 'เพิ่มช่องทาง' }).click();
    const form = page.locator('.admin-panel');
    await form.getByRole('textbox', { name: 'ชื่อช่องทาง (ภาษาไทย)' }).fill('โทรศัพท์มือถืองานคุ้มครองผู้บริโภค');
    await form.getByRole('textbox', { name: 'หมายเลขโทรศัพท์' }).fill('08 1234 567');
    await form.getByRole('button', { name: 'เพิ่มช่องทาง' }).click();
    await form.locator('[data-field="phone"] .field__error').waitFor();
    await form.locator('[data-field="phone"]').scrollIntoViewIfNeeded();
    await shot(page, '37-channels-admin-field-error', viewport);
    await context.close();

    const citizen = await newContext(viewport);
    const contact = await citizen.newPage();
    await contact.goto('/agencies');
    await contact.getByRole('searchbox', { name: 'หน่วยงาน' }).fill('ตะพานหิน');
    await contact.getByRole('button', { name: /สำนักงานสาธารณสุขอำเภอตะพานหิน/ }).waitFor();
    await shot(contact, '38-agency-finder', viewport);
    await contact.getByRole('button', { name: /สำนักงานสาธารณสุขอำเภอตะพานหิน/ }).click();
    await contact.getByRole('heading', { level: 2, name: 'โทรศัพท์ 0 5662 2353' }).waitFor();
    await shot(contact, '39-agency-contact', viewport, { fullPage: true });
    await contact.goto('/agencies/rtp');
    await contact.getByText('หน่วยงานนี้ยังไม่ได้ระบุช่องทางรับเรื่องร้องเรียน').waitFor();
    await shot(contact, '40-agency-contact-none', viewport);
    await citizen.close();
  }

  // The exchange between systems: the BMA's own complaint system is a partner (played by
  // test/support/fake-partner.ts, which answers deliveries and signs its messages), the
  // Damrongdhama centres' a partner reached by files. A flooding case goes there, is accepted
  // and moved on; what the citizen added next could not be delivered (dead).
  const traffy = await startFakePartner('bma-traffy', 'กรุงเทพมหานคร (Traffy Fondue)', 'TF-69');
  try {
    await call(admin, 'POST', '/api/v1/partners', { code: traffy.code, name: traffy.name, baseUrl: traffy.url, jwks: traffy.jwks, agencies: ['bma'], identity: 'contact' });
    await call(admin, 'POST', '/api/v1/partners', { code: 'damrongdhama', name: 'ศูนย์ดำรงธรรม กระทรวงมหาดไทย', delivery: 'file', agencies: ['moi-damrongtham'] });
    const deliverQueued = async (caseId: string, finalAttempt: boolean) => {
      const queued = await ctx.db.query<{ id: string }>("SELECT id FROM exchange_messages WHERE case_id = $1 AND direction = 'out' AND state = 'queued' ORDER BY seq", [caseId]);
      for (const { id } of queued) await deliverMessage(ctx, id, { finalAttempt }).catch(() => undefined);
    };
    const flood = await fileComplaint({
      description: 'น้ำท่วมขังซอยลาดพร้าว 101 แยก 3 สูงประมาณ 30 เซนติเมตร ทุกครั้งที่ฝนตกหนัก ท่อระบายน้ำอุดตัน รถเล็กผ่านไม่ได้',
      categoryCode: 'flood',
      location: { provinceCode: '10' },
      complainant: { name: 'ประภา น้ำใจ', phone: '0891234567' },
    });
    await call(hub, 'POST', `/api/v1/cases/${flood.id}/actions/screen`, {});
    await call(hub, 'POST', `/api/v1/cases/${flood.id}/actions/assign`, { agencyCode: 'bma', reason: 'พื้นที่กรุงเทพมหานคร ส่งระบบของกรุงเทพมหานคร' });
    await deliverQueued(flood.id, false);
    const [link] = await ctx.db.query<{ ref: string }>('SELECT remote_reference AS ref FROM case_links WHERE case_id = $1', [flood.id]);
    const thread = { origin: ctx.config.instanceCode, ref: flood.id };
    const messages = [
      ['case.accepted', {}],
      ['case.progress', { message: 'ส่งต่อสำนักงานเขตวังทองหลางแล้ว' }],
      ['case.replied', { message: 'สำนักงานเขตวังทองหลางนัดลอกท่อระบายน้ำในซอยภายในสัปดาห์นี้' }],
    ] as const;
    for (const [index, [type, body]] of messages.entries()) {
      const answer = await traffy.send(demo.app, { to: ctx.config.instanceCode, thread, seq: index + 1, senderRef: link?.ref ?? 'unknown', type, body });
      if (answer.statusCode !== 200) throw new Error(`${type} from the partner: ${answer.statusCode} ${answer.body}`);
    }
    const added = await demo.app.inject({ method: 'POST', url: `/api/v1/public/complaints/${flood.trackingCode}/messages`, headers: { 'x-access-key': flood.accessKey }, payload: { message: 'เมื่อคืนฝนตกหนัก น้ำท่วมขังอีกแล้ว ขอให้เร่งลอกท่อ' } });
    if (added.statusCode !== 201) throw new Error(`the citizen's message: ${added.body}`);
    traffy.failWith(503);
    await deliverQueued(flood.id, true);

    // A confidential case about to be handed over: the confirmation to share its complainant.
    const secret = await fileComplaint({ description: 'มีการลักลอบทิ้งขยะติดเชื้อริมคลองลาดพร้าวทุกคืน ขอไม่เปิดเผยชื่อผู้แจ้ง', categoryCode: 'waste', location: { provinceCode: '10' }, confidential: true, complainant: { name: 'ผู้แจ้ง ขอปกปิด', phone: '0811111111' } });
    await call(hub, 'POST', `/api/v1/cases/${secret.id}/actions/screen`, {});

    for (const viewport of ['desktop', 'phone'] as const) {
      const context = await signedIn('admin', viewport);
      const page = await context.newPage();
      await page.goto('/admin/partners');
      await page.locator('tr[data-partner="bma-traffy"] .badge--message-dead').waitFor();
      await shot(page, '30-partners', viewport, { fullPage: true });
      await page.getByRole('button', { name: 'ลงทะเบียนระบบ' }).click();
      const form = page.locator('.admin-panel');
      await form.getByRole('textbox', { name: 'รหัสระบบ' }).fill('bma-district');
      await form.getByRole('textbox', { name: 'ชื่อระบบ' }).fill('สำนักงานเขตวังทองหลาง');
      await form.getByRole('textbox', { name: /Base URL/ }).fill('https://district.bangkok.example');
      await form.getByRole('textbox', { name: 'ที่อยู่ JWKS' }).fill('https://district.bangkok.example/api/v1/exchange/jwks');
      await form.getByRole('searchbox', { name: 'หน่วยงานที่ระบบนี้ดูแล' }).fill('bma');
      await form.getByRole('button', { name: 'กรุงเทพมหานคร bma', exact: true }).click();
      await form.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
      await form.locator('[data-field="agencies"] .field__error').waitFor();
      await shot(page, '31-partner-form-error', viewport);
      await shot(page, '31-partner-form-error-full', viewport, { fullPage: true });
      await page.goto('/admin/exchange');
      await page.locator('tbody tr').first().waitFor();
      await shot(page, '32-exchange-log', viewport, { fullPage: true });
      await context.close();

      const intake = await signedIn('hub.intake', viewport);
      const casePage = await intake.newPage();
      await casePage.goto(`/staff/cases/${flood.id}`);
      await casePage.getByTestId('case-exchange').waitFor();
      await shot(casePage, '33-case-exchange-full', viewport, { fullPage: true });
      await casePage.getByTestId('case-exchange').scrollIntoViewIfNeeded();
      await shot(casePage, '33-case-exchange-section', viewport);
      await casePage.locator('.staff-timeline [data-event-type="partner_progress"]').scrollIntoViewIfNeeded();
      await shot(casePage, '33-case-exchange-timeline', viewport);
      await casePage.goto(`/staff/cases/${secret.id}`);
      await casePage.getByRole('group', { name: 'เลือกการดำเนินการ' }).getByRole('button', { name: 'ส่งเรื่องให้หน่วยงาน', exact: true }).click();
      await casePage.getByText('ยืนยันส่งข้อมูลผู้ร้องให้ระบบคู่ความร่วมมือ').scrollIntoViewIfNeeded();
      await shot(casePage, '35-assign-confidential', viewport);
      await intake.close();

      const citizen = await newContext(viewport);
      const track = await citizen.newPage();
      await track.goto(`/track/${flood.trackingCode}#key=${flood.accessKey}`);
      await track.getByTestId('timeline-partner').first().waitFor();
      await shot(track, '34-track-partner-full', viewport, { fullPage: true });
      await track.getByTestId('timeline').scrollIntoViewIfNeeded();
      await shot(track, '34-track-partner-timeline', viewport);
      await citizen.close();
    }
  } finally {
    await traffy.close();
  }
  console.log(`${taken.length} screenshots in ${outDir}`);
} finally {
  await browser.close();
  await demo.close();
  rmSync(workDir, { recursive: true, force: true });
}

