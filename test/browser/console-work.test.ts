/**
 * The console as each role meets it, in Chromium: every role lands on its own first page and
 * is offered only the pages it may use (no refusal on any of them); the inbox fits a 1366-pixel
 * screen and, on a phone, shows the first case before the filters; the agency picker and the
 * Buddhist-era date field filter the list; files on a reply and on an internal note (the citizen
 * sees only the reply's); a letter's complainant recorded with a postal address and national ID;
 * names on the staff timeline; a case sent on, followed and pressed (เร่งรัด) from the inbox's
 * "sent on / following" view; the receipt's tracking code on one line; the plain "remove from
 * this device" button.
 */
import type { Locator, Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations } from './support/harness.ts';
import { staffApi as api, type Filed } from './support/staff-api.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Every answer of the API with status 401 or 403 while `page` is open: a page must not call what its user may not. */
function refusalsOf(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (response: Response) => {
    if (response.url().includes('/api/') && (response.status() === 403 || response.status() === 401) && !response.url().endsWith('/auth/me')) {
      refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
    }
  });
  return refused;
}

/** How many lines of text each element of `locator` takes on screen. */
function linesOf(locator: Locator): Promise<number[]> {
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    }),
  );
}

/** The names of the links in the menu. */
async function menu(page: Page): Promise<string[]> {
  return (await page.locator('.site-nav a').allTextContents()).map((text) => text.trim());
}

describeInBrowser('console work by role, layout, files and dates', (suite) => {
  let atHub: Filed;
  let atDistrict: Filed;

  beforeAll(async () => {
    const { file, act } = api(suite);
    await suite.db().query("UPDATE users SET display_name = 'สมศรี รับเรื่อง' WHERE username = 'hub.intake'");
    atHub = await file({ description: 'น้ำประปาไม่ไหลมาสามวันแล้วทั้งหมู่บ้าน ขอให้เร่งแก้ไขด่วน', complainant: { name: 'ผู้ร้อง ทดสอบไฟล์' } });
    atDistrict = await file({ description: 'ขยะไม่ได้เก็บมาสองสัปดาห์ ส่งกลิ่นเหม็นทั้งซอย' });
    await act('hub.intake', atDistrict.id, 'assign', { agencyCode: 'dho-6604' });
  });

  describe('each role’s own pages', () => {
    const roles = [
      { username: 'hub.intake', home: /\/staff\/screening$/, heading: 'คัดกรองเรื่อง', menu: ['เรื่องของหน่วยงาน', 'คัดกรองเรื่อง', 'บันทึกรับเรื่อง', 'รายงานเรื่องร้องเรียน'] },
      { username: 'moph.officer', home: /\/staff\/inbox$/, heading: 'เรื่องของหน่วยงาน', menu: ['เรื่องของหน่วยงาน', 'บันทึกรับเรื่อง', 'รายงานเรื่องร้องเรียน'] },
      { username: 'hub.supervisor', home: /\/staff\/inbox$/, heading: 'เรื่องของหน่วยงาน', menu: ['เรื่องของหน่วยงาน', 'คัดกรองเรื่อง', 'บันทึกรับเรื่อง', 'แดชบอร์ดผู้บริหาร', 'รายงานเรื่องร้องเรียน'] },
      { username: 'moph.cceo', home: /\/staff\/dashboard$/, heading: 'แดชบอร์ดผู้บริหาร', menu: ['เรื่องของหน่วยงาน', 'แดชบอร์ดผู้บริหาร', 'รายงานเรื่องร้องเรียน'] },
      { username: 'hub.admin', home: /\/admin\/?$/, heading: 'ผู้ดูแลระบบ', menu: [] },
      { username: 'moph.admin', home: /\/admin\/?$/, heading: 'ผู้ดูแลระบบ', menu: [] },
    ];

    for (const role of roles) {
      it(`${role.username} lands on ${role.heading}, is offered only its pages, and no page refuses it anything`, async () => {
        const page = await suite.newPage({ width: 1366, height: 768 });
        const refused = refusalsOf(page);
        await suite.signIn(page, role.username);
        await page.getByRole('heading', { level: 1, name: role.heading, exact: true }).waitFor();
        expect(page.url()).toMatch(role.home);
        expect(await menu(page)).toEqual(role.menu);
        // Every page the menu offers opens without a refusal.
        for (const name of role.menu) {
          await page.locator('.site-nav').getByRole('link', { name, exact: true }).click();
          await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
          await page.waitForLoadState('networkidle');
        }
        // An administrator's pages: each one of the administration's menu opens without a refusal too.
        for (const link of await page.locator('.admin-menu a').all()) {
          await link.click();
          await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await page.waitForLoadState('networkidle');
        }
        // /staff itself leads to the same first page.
        await page.goto('/staff');
        await page.getByRole('heading', { level: 1, name: role.heading, exact: true }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(page.url()).toMatch(role.home);
        expect(refused).toEqual([]);
        expect(await page.locator('.staff-error, .admin-alert--error').count()).toBe(0);
      }, BROWSER_TEST_TIMEOUT);
    }

    it('keeps an old bookmark of the inbox (/staff?q=…) working', async () => {
      const page = await suite.newPage({ width: 1366, height: 768 });
      await suite.signIn(page, 'hub.supervisor');
      await page.goto(`/staff?q=${atHub.trackingCode}`);
      await page.locator('table.case-table tbody th').first().waitFor();
      expect(page.url()).toContain(`/staff/inbox?q=${atHub.trackingCode}`);
      expect(await page.locator('table.case-table tbody th').allTextContents()).toEqual([atHub.trackingCode]);
    }, BROWSER_TEST_TIMEOUT);
  });

  describe('the inbox', () => {
    it('fits a 1366-pixel screen: no sideways scrolling, the deadline column in view', async () => {
      const page = await suite.newPage({ width: 1366, height: 768 });
      await suite.signIn(page, 'hub.supervisor');
      await page.locator('table.case-table tbody tr').first().waitFor();
      const layout = await page.evaluate(() => {
        const table = document.querySelector('table.case-table')?.getBoundingClientRect();
        const due = [...document.querySelectorAll('table.case-table thead th')].find((th) => th.textContent?.trim() === 'ครบกำหนด')?.getBoundingClientRect();
        return { viewport: window.innerWidth, page: document.documentElement.scrollWidth, tableRight: table?.right ?? Infinity, dueLeft: due?.left ?? Infinity, dueRight: due?.right ?? Infinity };
      });
      expect(layout.page).toBeLessThanOrEqual(layout.viewport);
      expect(layout.tableRight).toBeLessThanOrEqual(layout.viewport);
      expect(layout.dueLeft).toBeGreaterThanOrEqual(0);
      expect(layout.dueRight).toBeLessThanOrEqual(layout.viewport);
      // The deadline of the first case is on screen, not scrolled out of its region.
      const firstDue = await page.locator('table.case-table tbody tr').first().locator('td.case-table__due').boundingBox();
      expect(firstDue && firstDue.x + firstDue.width).toBeLessThanOrEqual(layout.viewport);
      // The first cases are on the first screen: the filters used most in one row, the rest behind the button.
      const rows = page.locator('table.case-table tbody tr');
      for (const index of [0, 1]) {
        const box = await rows.nth(index).boundingBox();
        expect(box && box.y, `row ${index + 1}`).toBeGreaterThan(0);
        expect(box && box.y + box.height, `row ${index + 1}`).toBeLessThanOrEqual(768);
      }
      expect(await page.getByLabel('ค้นหา', { exact: true }).isVisible()).toBe(true);
      const toggle = page.getByRole('button', { name: /^ตัวกรอง/ });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByLabel('ประเภทเรื่อง').isVisible()).toBe(false);
      await toggle.click();
      await page.getByLabel('ประเภทเรื่อง').waitFor({ state: 'visible' });
      await page.getByLabel(/ชื่อตัวกรอง/).waitFor({ state: 'visible' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }, BROWSER_TEST_TIMEOUT);

    it('on a wide screen opens the filters behind the button by itself when one of them is in use', async () => {
      const page = await suite.newPage({ width: 1366, height: 768 });
      await suite.signIn(page, 'hub.supervisor');
      await page.goto('/staff/inbox?q=ขยะ&overdue=false');
      await page.locator('table.case-table tbody tr').first().waitFor();
      // The search and the overdue choice are in the row: nothing to open for them.
      expect(await page.getByRole('button', { name: /^ตัวกรอง/ }).getAttribute('aria-expanded')).toBe('false');
      await page.goto('/staff/inbox?channel=web');
      await page.locator('table.case-table tbody tr').first().waitFor();
      const toggle = page.getByRole('button', { name: /^ตัวกรอง/ });
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await toggle.textContent()).toContain('ใช้อยู่ 1');
      expect(await page.getByLabel('ช่องทาง', { exact: true }).inputValue()).toBe('web');
    }, BROWSER_TEST_TIMEOUT);

    it('on a phone shows the first case on the first screen, the filters behind a button that counts them', async () => {
      const page = await suite.newPage({ width: 390, height: 844 });
      await suite.signIn(page, 'hub.supervisor');
      await page.goto('/staff/inbox?status=received,assigned&channel=web');
      const row = page.locator('table.case-table tbody tr').first();
      await row.waitFor();
      const box = await row.boundingBox();
      expect(box).not.toBeNull();
      expect(box && box.y).toBeGreaterThanOrEqual(0);
      expect(box && box.y + box.height).toBeLessThanOrEqual(844);
      const toggle = page.getByRole('button', { name: /^ตัวกรอง/ });
      expect(await toggle.textContent()).toContain('ใช้อยู่ 2');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByLabel('ค้นหา', { exact: true }).isVisible()).toBe(false);
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await page.getByLabel('ค้นหา', { exact: true }).waitFor({ state: 'visible' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }, BROWSER_TEST_TIMEOUT);

    it('filters by an agency found by its Thai name, and by dates typed in the Buddhist era', async () => {
      const page = await suite.newPage({ width: 1366, height: 768 });
      await suite.signIn(page, 'hub.supervisor');
      await page.locator('table.case-table tbody tr').first().waitFor();
      await page.getByRole('button', { name: /^ตัวกรอง/ }).click();
      await page.getByRole('searchbox', { name: 'หน่วยงาน' }).fill('ตะพานหิน');
      const match = page.getByRole('button', { name: /สำนักงานสาธารณสุขอำเภอตะพานหิน/ });
      await match.waitFor();
      // A match is a row of the list, not the browser's grey button (the picker brings its own styles).
      expect(await match.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(255, 255, 255)');
      await match.click();
      await page.getByText('เลือกแล้ว: สำนักงานสาธารณสุขอำเภอตะพานหิน (dho-6604)').waitFor();
      await page.getByRole('button', { name: 'กรอง', exact: true }).click();
      await expect.poll(() => page.url()).toContain('agencyCode=dho-6604');
      await expect.poll(() => page.locator('table.case-table tbody th').allTextContents()).toEqual([atDistrict.trackingCode]);

      // A Gregorian year in Thai, and a day that does not exist, are refused on the field.
      const from = page.getByLabel(/^รับเรื่องตั้งแต่วันที่/);
      await from.fill('1/1/2026');
      await page.getByRole('button', { name: 'กรอง', exact: true }).click();
      await page.locator('[data-field="from"] .field__error').getByText('ให้ใส่ปีเป็นพุทธศักราช (พ.ศ.) เช่น 2569').waitFor();
      await from.fill('31/2/2569');
      await page.getByRole('button', { name: 'กรอง', exact: true }).click();
      await page.locator('[data-field="from"] .field__error').getByText('ไม่มีวันที่นี้ในปฏิทิน', { exact: false }).waitFor();

      // Today in the Buddhist era: the list keeps the case; the address has the ISO date.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());
      const [year, month, day] = today.split('-').map(Number) as [number, number, number];
      await from.fill(`${day}/${month}/${year + 543}`);
      await page.getByRole('button', { name: 'กรอง', exact: true }).click();
      await expect.poll(() => page.url()).toContain(`from=${today}`);
      await expect.poll(() => page.locator('table.case-table tbody th').allTextContents()).toEqual([atDistrict.trackingCode]);

      // The address alone shows the agency's name and the date in the Buddhist era again.
      const again = await suite.newPage({ width: 1366, height: 768 });
      await suite.signIn(again, 'hub.supervisor');
      await again.goto(page.url());
      await again.getByText('เลือกแล้ว: สำนักงานสาธารณสุขอำเภอตะพานหิน (dho-6604)').waitFor();
      expect(await again.getByLabel(/^รับเรื่องตั้งแต่วันที่/).inputValue()).toBe(`${day}/${month}/${year + 543}`);
      expect(seriousViolations(await axeViolations(again))).toEqual([]);
      // Another agency picked, not yet applied: the picker names it (the look-up of the applied one does not overwrite it).
      const picker = again.getByRole('searchbox', { name: 'หน่วยงาน' });
      await picker.fill('เชียงใหม่');
      await again.getByRole('button', { name: /สำนักงานสาธารณสุขจังหวัดเชียงใหม่/ }).click();
      const chosen = 'เลือกแล้ว: สำนักงานสาธารณสุขจังหวัดเชียงใหม่ (pho-50)';
      await again.getByText(chosen).waitFor();
      // A search's round trip later, any look-up started by the choice has come back.
      await picker.fill('ตะพานหิน');
      await again.getByRole('button', { name: /สำนักงานสาธารณสุขอำเภอตะพานหิน/ }).waitFor();
      expect(await again.getByText(chosen).count()).toBe(1);
    }, BROWSER_TEST_TIMEOUT);

    it('reads a date typed in the other era again when the language is switched to that era', async () => {
      const page = await suite.newPage({ width: 1366, height: 768 });
      await suite.signIn(page, 'hub.supervisor');
      await page.locator('table.case-table tbody tr').first().waitFor();
      await page.getByRole('button', { name: /^ตัวกรอง/ }).click();
      // A Gregorian year typed in Thai is no date there; in English it is.
      await page.getByLabel(/^รับเรื่องตั้งแต่วันที่/).fill('1/1/2026');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Filter', exact: true }).click();
      await expect.poll(() => page.url()).toContain('from=2026-01-01');
      expect(await page.locator('[data-field="from"] .field__error').count()).toBe(0);
    }, BROWSER_TEST_TIMEOUT);
  });

  it('attaches a file to a reply and to an internal note: both on the timeline, with names; the citizen sees only the reply’s', async () => {
    const page = await suite.newPage({ width: 1366, height: 768 });
    await suite.signIn(page, 'hub.intake');
    await page.goto(`/staff/cases/${atHub.id}`);
    await page.getByRole('heading', { level: 1, name: `เรื่อง ${atHub.trackingCode}` }).waitFor();

    await page.getByRole('button', { name: 'ตอบผู้ร้อง' }).click();
    const reply = page.locator('form[data-action="reply"]');
    await reply.getByLabel(/^ข้อความ/).fill('ส่งหนังสือชี้แจงมาพร้อมนี้');
    // The field says what is accepted, and that the citizen will see the files.
    const hint = await reply.locator('[data-field="files"] .field__hint').textContent();
    expect(hint).toContain('PDF');
    expect(hint).toContain('10 MB');
    expect(hint).toContain('ผู้ร้องเห็นไฟล์เหล่านี้');
    await reply.getByLabel(/^ไฟล์แนบ/).setInputFiles({ name: 'หนังสือชี้แจง.pdf', mimeType: 'application/pdf', buffer: PDF });
    await reply.getByText('หนังสือชี้แจง.pdf').waitFor();
    await reply.getByRole('button', { name: 'ตอบผู้ร้อง' }).click();
    await page.getByTestId('case-announcement').getByText(/บันทึกแล้ว: ตอบผู้ร้อง/).waitFor();

    await page.getByRole('button', { name: 'บันทึกภายใน' }).click();
    const note = page.locator('form[data-action="note"]');
    await note.getByLabel(/^ข้อความ/).fill('รายงานการลงพื้นที่ ใช้ภายใน');
    expect(await note.locator('[data-field="files"] .field__hint').textContent()).toContain('ผู้ร้องไม่เห็นไฟล์เหล่านี้');
    await note.getByLabel(/^ไฟล์แนบ/).setInputFiles({ name: 'รายงานภายใน.pdf', mimeType: 'application/pdf', buffer: PDF });
    await note.getByRole('button', { name: 'บันทึกภายใน' }).click();
    await page.getByTestId('case-announcement').getByText(/บันทึกแล้ว: บันทึกภายใน/).waitFor();

    const replyEntry = page.locator('.staff-timeline__item[data-event-type="reply"]');
    const noteEntry = page.locator('.staff-timeline__item[data-event-type="note"]');
    await replyEntry.getByRole('link', { name: 'หนังสือชี้แจง.pdf' }).waitFor();
    await noteEntry.getByRole('link', { name: 'รายงานภายใน.pdf' }).waitFor();
    // Who acted, by name and agency, not by username and code.
    expect(await replyEntry.textContent()).toContain('โดย สมศรี รับเรื่อง (ศูนย์บริการประชาชน 1111)');
    expect(await page.locator('.staff-timeline').textContent()).not.toContain('hub.intake');
    // The case's file list says which file the citizen sees, in the timeline's words.
    const listed = (name: string) => page.locator('.attachments__item').filter({ hasText: name }).locator('.visibility').textContent();
    expect(await listed('หนังสือชี้แจง.pdf')).toBe('ผู้ร้องเห็น');
    expect(await listed('รายงานภายใน.pdf')).toBe('ภายในหน่วยงาน');
    // The classifier's category by its name, never its code in brackets.
    expect(await page.locator('.triage').textContent()).not.toMatch(/\([a-z][a-z-]*\)/);
    expect(seriousViolations(await axeViolations(page))).toEqual([]);

    const citizen = await suite.newPage();
    await citizen.goto(`/track/${atHub.trackingCode}#key=${atHub.accessKey}`);
    await citizen.getByTestId('case-status').waitFor();
    const timeline = citizen.getByTestId('timeline');
    await timeline.getByRole('button', { name: 'หนังสือชี้แจง.pdf' }).waitFor();
    expect(await citizen.locator('main').textContent()).not.toContain('รายงานภายใน.pdf');
    expect(await citizen.locator('main').textContent()).not.toContain('สมศรี');
  }, BROWSER_TEST_TIMEOUT);

  it('lists a case the agency sent on under “เรื่องที่ส่งต่อ / ติดตาม”, and offers its follower only เร่งรัด, which reaches the timeline', async () => {
    const { file, act } = api(suite);
    const sentOn = await file({ description: 'ไฟส่องสว่างหน้าโรงพยาบาลดับมาสองสัปดาห์ ผู้ป่วยเดินลำบากตอนกลางคืน' });
    await act('hub.intake', sentOn.id, 'assign', { agencyCode: 'moph-complaint' });
    await act('moph.officer', sentOn.id, 'accept', {});
    await act('moph.officer', sentOn.id, 'forward', { agencyCode: 'dtc-p66', reason: 'อยู่ในอำนาจหน้าที่ของศูนย์ดำรงธรรมจังหวัด' });

    const page = await suite.newPage({ width: 390, height: 844 });
    const refused = refusalsOf(page);
    await suite.signIn(page, 'moph.officer');
    await page.goto('/staff/inbox');
    const following = page.getByRole('button', { name: 'เรื่องที่ส่งต่อ / ติดตาม' });
    await following.click();
    await page.waitForURL(/following=true/);
    expect(await following.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'เรื่องที่ถืออยู่' }).getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('link', { name: sentOn.trackingCode }).click();
    await page.getByRole('heading', { level: 1, name: `เรื่อง ${sentOn.trackingCode}` }).waitFor();

    // The follower's only action: press the holder for progress.
    const actions = page.locator('form[data-action]');
    await page.getByRole('button', { name: 'เร่งรัด' }).click();
    const followUp = page.locator('form[data-action="follow-up"]');
    await followUp.getByLabel(/^ข้อความ/).fill('ขอทราบความคืบหน้าภายในสัปดาห์นี้');
    await followUp.getByRole('button', { name: 'เร่งรัด' }).click();
    await page.getByTestId('case-announcement').getByText(/บันทึกแล้ว: เร่งรัด/).waitFor();
    await page.locator('.staff-timeline__item[data-event-type="followed_up"]').getByText('ขอทราบความคืบหน้าภายในสัปดาห์นี้').waitFor();
    expect(await page.getByRole('button', { name: 'บันทึกภายใน' }).count()).toBe(0);
    expect(await actions.count()).toBe(0);
    expect(refused).toEqual([]);
  }, BROWSER_TEST_TIMEOUT);

  it('says on the staff timeline where a hand-over sent the case, and keeps dates and statuses whole on a phone', async () => {
    const page = await suite.newPage({ width: 390, height: 844 });
    await suite.signIn(page, 'hub.intake');
    await page.goto(`/staff/cases/${atDistrict.id}`);
    const assigned = page.locator('.staff-timeline__item[data-event-type="assigned"]');
    await assigned.waitFor();
    expect(await assigned.locator('.staff-timeline__target').textContent()).toBe('ส่งถึง: สำนักงานสาธารณสุขอำเภอตะพานหิน');
    // Neither "6 / ธ.ค. 2569" nor "อยู่ระหว่างดำเนิน / การ": a date and a status keep to one line.
    const lines = (selector: string) => linesOf(page.locator(selector));
    expect(new Set(await lines('.staff-timeline time'))).toEqual(new Set([1]));
    expect(new Set(await lines('.staff-timeline .muted .nowrap'))).toEqual(new Set([1]));
  }, BROWSER_TEST_TIMEOUT);

  it('records a letter’s complainant with a postal address and a national ID checked before sending', async () => {
    const page = await suite.newPage();
    await suite.signIn(page, 'hub.intake');
    await page.goto('/staff/intake');
    await page.getByRole('heading', { level: 1, name: 'บันทึกรับเรื่อง' }).waitFor();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/cases') posts.push(request.url());
    });
    await page.getByLabel(/ช่องทางที่รับเรื่อง/).selectOption('post');
    // The officer records someone else's complaint: no "this device's position", the complainant in the third person.
    expect(await page.getByRole('button', { name: 'ใช้ตำแหน่งปัจจุบันของเครื่อง' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'ผู้ร้องขอให้ปกปิดข้อมูลเป็นความลับ' }).waitFor();
    await page.getByLabel(/เล่าเรื่องที่ต้องการร้องเรียน/).fill('หนังสือร้องเรียนเรื่องถนนในหมู่บ้านชำรุด ขอให้ซ่อมแซม');
    await page.getByLabel('ชื่อ-นามสกุล').fill('สมหมาย ส่งจดหมาย');
    await page.getByLabel('เลขประจำตัวประชาชน').fill('1-1017-00203-45-1');
    await page.getByLabel('ที่อยู่ทางไปรษณีย์ของผู้ร้อง').fill('12 หมู่ 3 ต.ตะพานหิน อ.ตะพานหิน จ.พิจิตร 66110');
    await page.getByRole('button', { name: 'บันทึกรับเรื่อง' }).click();
    await page.locator('[data-field="complainant.nationalId"] .field__error').getByText('เลขประจำตัวประชาชนไม่ถูกต้อง', { exact: false }).waitFor();
    expect(posts).toEqual([]);

    await page.getByLabel('เลขประจำตัวประชาชน').fill('1-1017-00203-45-0');
    await page.getByRole('button', { name: 'บันทึกรับเรื่อง' }).click();
    await page.getByRole('heading', { level: 1, name: 'รับเรื่องแล้ว' }).waitFor();
    const trackingCode = (await page.getByTestId('tracking-code').textContent())?.trim() ?? '';
    const [row] = await suite.db().query<{ id: string; channel: string }>('SELECT id, channel FROM cases WHERE tracking_code = $1', [trackingCode]);
    expect(row?.channel).toBe('post');
    const identity = await suite.app().inject({ method: 'POST', url: `/api/v1/cases/${row?.id}/identity`, headers: { authorization: `Bearer ${await api(suite).token('hub.intake')}` } });
    expect(identity.json()).toMatchObject({ complainant: { name: 'สมหมาย ส่งจดหมาย', nationalId: '1101700203450', address: '12 หมู่ 3 ต.ตะพานหิน อ.ตะพานหิน จ.พิจิตร 66110' } });
  }, BROWSER_TEST_TIMEOUT);

  it('shows the server’s field errors of a letter’s complainant on their fields', async () => {
    const page = await suite.newPage();
    await suite.signIn(page, 'hub.intake');
    await page.goto('/staff/intake');
    await page.getByLabel(/เล่าเรื่องที่ต้องการร้องเรียน/).fill('หนังสือร้องเรียนเรื่องไฟฟ้าดับบ่อยในหมู่บ้าน');
    await page.getByLabel('เลขประจำตัวประชาชน').fill('1101700203450');
    // The server is the last word: an answer naming complainant.address shows on that field.
    await page.route('**/api/v1/cases', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'validation_failed', message: 'bad', messageTh: 'ข้อมูลที่ส่งมาไม่ถูกต้อง', details: [{ field: 'complainant.address', message: 'too long', messageTh: 'ที่อยู่ยาวเกินไป' }] } }),
      }),
    );
    await page.getByRole('button', { name: 'บันทึกรับเรื่อง' }).click();
    await page.locator('[data-field="complainant.address"] .field__error').getByText('ที่อยู่ยาวเกินไป').waitFor();
  }, BROWSER_TEST_TIMEOUT);

  describe('the citizen’s receipt and tracking page', () => {
    const receiptPage = async (width: number) => {
      const page = await suite.newPage({ width, height: 844 });
      await page.goto('/');
      const receipt = { trackingCode: atDistrict.trackingCode, accessKey: atDistrict.accessKey, status: 'received', receivedAt: new Date().toISOString(), dueDate: '2026-12-25' };
      await page.evaluate((kept) => sessionStorage.setItem('rongthuk.receipt', JSON.stringify({ receipt: kept, keptAt: Date.now() })), receipt);
      await page.goto('/receipt');
      await page.getByTestId('tracking-code').waitFor();
      return page;
    };

    it('never breaks the tracking code across lines on a phone', async () => {
      for (const width of [390, 320]) {
        const page = await receiptPage(width);
        expect(await linesOf(page.getByTestId('tracking-code')), `${width} px`).toEqual([1]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width} px`).toBe(true);
        // The access key too, on a common phone (on a smaller one it breaks at a hyphen, never inside a group).
        if (width === 390) expect(await linesOf(page.getByTestId('access-key')), 'the key at 390 px').toEqual([1]);
      }
    }, BROWSER_TEST_TIMEOUT);

    it('says plainly what the remove button does, on the receipt and on the tracking page', async () => {
      const page = await receiptPage(390);
      const button = page.getByRole('button', { name: 'ลบข้อมูลเรื่องนี้ออกจากเครื่องนี้' });
      await button.waitFor();
      const describedBy = await button.getAttribute('aria-describedby');
      expect(await page.locator(`#${describedBy}`).textContent()).toContain('เลขที่เรื่องและรหัสติดตาม');
      await page.goto(`/track/${atDistrict.trackingCode}#key=${atDistrict.accessKey}`);
      await page.getByTestId('case-status').waitFor();
      await page.getByRole('button', { name: 'ลบข้อมูลเรื่องนี้ออกจากเครื่องนี้' }).waitFor();
      expect(await page.getByText('ก่อนกด ให้จดหรือพิมพ์ใบรับเรื่อง', { exact: false }).count()).toBe(1);
    }, BROWSER_TEST_TIMEOUT);
  });
});
