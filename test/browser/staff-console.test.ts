/**
 * The staff console in Chromium: the inbox (filters, Thai search, a bookmarkable address,
 * saved filters, a bulk close with per-case results), the case page (identity hidden until an
 * audited reveal, internal notes apart from public replies, field errors) and intake by phone
 * ending on the receipt.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations } from './support/harness.ts';
import { staffApi as api, type Filed } from './support/staff-api.ts';
import { TEST_PASSWORD } from '../support/app.ts';

/** The element that has the focus, as "TAG: text". */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => `${document.activeElement?.tagName ?? ''}: ${document.activeElement?.textContent?.trim() ?? ''}`);
}

/** The tracking codes of the inbox's rows. */
async function rowCodes(page: Page): Promise<string[]> {
  await page.locator('table.case-table, .staff-empty').first().waitFor();
  return page.locator('table.case-table tbody th').allTextContents();
}

describeInBrowser('staff console', (suite) => {
  let crocodile: Filed;
  let streetLight: Filed;
  let resolved: Filed;
  let screening: Filed;
  let identified: Filed;

  beforeAll(async () => {
    const { file, act } = api(suite);
    crocodile = await file({ description: 'พบจระเข้ในคลองหลังตลาดสด ชาวบ้านไม่กล้าลงเรือไปทำงาน' });
    streetLight = await file({ description: 'ไฟถนนดับทั้งซอย มืดมากตอนกลางคืน เกรงจะเกิดอันตราย' });
    await act('hub.supervisor', streetLight.id, 'reject', { reason: 'ไม่ใช่เรื่องร้องเรียน ทดสอบตัวกรอง' });
    resolved = await file({ description: 'ท่อระบายน้ำอุดตันหน้าโรงเรียน น้ำเอ่อท่วมถนนทุกครั้งที่ฝนตก' });
    await act('hub.supervisor', resolved.id, 'accept');
    await act('hub.supervisor', resolved.id, 'resolve', { result: 'fixed', message: 'ลอกท่อระบายน้ำเรียบร้อยแล้ว' });
    screening = await file({ description: 'เสียงเพลงดังจากร้านอาหารจนถึงตีสองทุกคืน นอนไม่หลับ' });
    identified = await file({
      description: 'ถูกเรียกเก็บเงินเกินอัตราที่จุดบริการ ติดต่อกลับได้ที่ 081-234-5678',
      complainant: { name: 'สมหญิง ทดสอบตัวตน', phone: '081-234-5678' },
    });
  });

  /** A desktop-sized page signed in as `username`, on the page of the case. */
  const openCase = async (username: string, filed: Filed): Promise<Page> => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, username);
    await page.goto(`/staff/cases/${filed.id}`);
    await page.getByRole('heading', { level: 1, name: `เรื่อง ${filed.trackingCode}` }).waitFor();
    return page;
  };

  it('shows each role the menu items its role may use (the rules the server enforces)', async () => {
    const menu = async (username: string) => {
      const page = await suite.newPage({ width: 1280, height: 800 });
      await suite.signIn(page, username);
      await page.getByRole('link', { name: 'เรื่องของหน่วยงาน' }).waitFor();
      return { screening: await page.getByRole('link', { name: 'คัดกรองเรื่อง' }).count(), intake: await page.getByRole('link', { name: 'บันทึกรับเรื่อง' }).count() };
    };
    expect(await menu('hub.intake')).toEqual({ screening: 1, intake: 1 });
    expect(await menu('moph.officer')).toEqual({ screening: 0, intake: 1 });
    expect(await menu('moph.cceo')).toEqual({ screening: 0, intake: 0 });
  }, BROWSER_TEST_TIMEOUT);

  it('narrows the inbox by filters and Thai search, and keeps them in a bookmarkable address', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.supervisor');
    await page.getByRole('heading', { level: 1, name: 'เรื่องของหน่วยงาน' }).waitFor();
    const all = await rowCodes(page);
    expect(all).toEqual(expect.arrayContaining([crocodile.trackingCode, streetLight.trackingCode]));

    await page.getByLabel('ค้นหา', { exact: true }).fill('จระเข้');
    await page.getByRole('button', { name: 'กรอง', exact: true }).click();
    await expect.poll(() => rowCodes(page)).toEqual([crocodile.trackingCode]);
    expect(decodeURIComponent(page.url())).toContain('q=จระเข้');

    // The address alone brings the same view back.
    const bookmarked = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(bookmarked, 'hub.supervisor');
    await bookmarked.goto(page.url());
    await expect.poll(() => rowCodes(bookmarked)).toEqual([crocodile.trackingCode]);
    expect(await bookmarked.getByLabel('ค้นหา', { exact: true }).inputValue()).toBe('จระเข้');

    await page.getByRole('button', { name: 'ล้างตัวกรอง' }).click();
    await page.getByRole('button', { name: /^ตัวกรอง/ }).click();
    await page.getByText(/^สถานะและกำหนดเวลา/).click();
    await page.getByRole('checkbox', { name: 'ไม่รับไว้พิจารณา' }).check();
    await page.getByRole('button', { name: 'กรอง', exact: true }).click();
    await expect.poll(() => rowCodes(page)).toContain(streetLight.trackingCode);
    expect(await rowCodes(page)).not.toContain(crocodile.trackingCode);
    expect(page.url()).toContain('status=rejected');

    await page.getByLabel('ค้นหา', { exact: true }).fill('ยีราฟสีม่วงบินได้');
    await page.getByRole('button', { name: 'กรอง', exact: true }).click();
    await page.getByText('ไม่มีเรื่องที่ตรงกับตัวกรองนี้').waitFor();
    expect(seriousViolations(await axeViolations(page))).toEqual([]);
  }, BROWSER_TEST_TIMEOUT);

  it('saves a filter, applies it again, refuses its name twice and deletes it', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.supervisor');
    await page.getByLabel('ค้นหา', { exact: true }).fill('จระเข้');
    await page.getByRole('button', { name: 'กรอง', exact: true }).click();
    await expect.poll(() => rowCodes(page)).toEqual([crocodile.trackingCode]);

    // The saved filters wait behind the filters' button with the filters seldom used.
    await page.getByRole('button', { name: /^ตัวกรอง/ }).click();
    await page.getByLabel(/ชื่อตัวกรอง/).fill('จระเข้ในคลอง');
    await page.getByRole('button', { name: 'บันทึกตัวกรองนี้' }).click();
    await page.getByText('บันทึกตัวกรอง “จระเข้ในคลอง” แล้ว').waitFor();

    // The same name again: the server's error shows on the name field.
    await page.getByLabel(/ชื่อตัวกรอง/).fill('จระเข้ในคลอง');
    await page.getByRole('button', { name: 'บันทึกตัวกรองนี้' }).click();
    await page.locator('[data-field="name"] .field__error').waitFor();
    expect(await page.locator('[data-field="name"] .field__error').textContent()).toContain('มีตัวกรองชื่อ “จระเข้ในคลอง” อยู่แล้ว');

    await page.getByRole('button', { name: 'ล้างตัวกรอง' }).click();
    await expect.poll(() => rowCodes(page)).toContain(streetLight.trackingCode);
    await page.getByRole('button', { name: 'ใช้ตัวกรอง จระเข้ในคลอง' }).click();
    await expect.poll(() => rowCodes(page)).toEqual([crocodile.trackingCode]);
    expect(await page.getByLabel('ค้นหา', { exact: true }).inputValue()).toBe('จระเข้');

    await page.getByRole('button', { name: 'ลบตัวกรอง จระเข้ในคลอง' }).click();
    await page.locator('.saved-filters__confirm').getByRole('button', { name: 'ลบ' }).click();
    await page.getByText('ลบตัวกรอง “จระเข้ในคลอง” แล้ว').waitFor();
    await page.getByText('ยังไม่มีตัวกรองที่บันทึกไว้').waitFor();
  }, BROWSER_TEST_TIMEOUT);

  it('closes cases in bulk and says which one failed and why', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.supervisor');
    await rowCodes(page);
    await page.getByRole('checkbox', { name: `เลือกเรื่อง ${resolved.trackingCode}` }).check();
    await page.getByRole('checkbox', { name: `เลือกเรื่อง ${screening.trackingCode}` }).check();
    await page.getByText('เลือกไว้ 2 เรื่อง').waitFor();
    await page.getByLabel('การดำเนินการ').selectOption('close');

    // Too short a reason is refused before anything is sent.
    await page.getByLabel(/^เหตุผล/).fill('ok');
    await page.getByRole('button', { name: 'ดำเนินการ 2 เรื่อง' }).click();
    await page.locator('[data-field="reason"] .field__error').getByText('ข้อความสั้นเกินไป (อย่างน้อย 3 ตัวอักษร)').waitFor();

    await page.getByLabel(/^เหตุผล/).fill('ปิดเรื่องที่ดำเนินการเสร็จแล้ว');
    await page.getByRole('button', { name: 'ดำเนินการ 2 เรื่อง' }).click();
    const outcome = page.getByTestId('bulk-outcome');
    await outcome.getByText('สำเร็จ 1 เรื่อง ไม่สำเร็จ 1 เรื่อง').waitFor();
    const ok = outcome.locator('.bulk-outcome__item--ok');
    const failed = outcome.locator('.bulk-outcome__item--failed');
    expect(await ok.textContent()).toContain(resolved.trackingCode);
    expect(await ok.textContent()).toContain('ยุติเรื่องแล้ว');
    expect(await failed.textContent()).toContain(screening.trackingCode);
    expect(await failed.textContent()).toMatch(/ไม่สำเร็จ/);
    // The list was loaded again: the closed case now says so.
    await expect.poll(() => page.locator(`tr[data-case-id="${resolved.id}"]`).textContent()).toContain('ยุติเรื่องแล้ว');
  }, BROWSER_TEST_TIMEOUT);

  it('hides the complainant and personal data until "show identity", which warns that the view is audited', async () => {
    const page = await openCase('hub.intake', identified);
    const body = () => page.locator('main').textContent();
    expect(await body()).not.toContain('สมหญิง');
    expect(await body()).not.toContain('081-234-5678');
    expect(await page.getByTestId('case-description').textContent()).toContain('ถูกเรียกเก็บเงินเกินอัตรา');

    await page.getByRole('button', { name: 'เปิดดูข้อมูลผู้ร้อง' }).click();
    await page.getByText(/ถูกบันทึกในประวัติการใช้งาน/).waitFor();
    expect(await body()).not.toContain('สมหญิง');
    await page.getByRole('button', { name: 'ยืนยันเปิดดูข้อมูลผู้ร้อง' }).click();
    const identity = page.getByTestId('identity');
    await identity.getByText('สมหญิง ทดสอบตัวตน').waitFor();
    expect(await identity.textContent()).toContain('081-234-5678');
    await identity.getByRole('button', { name: 'ซ่อนข้อมูลผู้ร้อง' }).click();
    await expect.poll(() => focused(page)).toBe('BUTTON: เปิดดูข้อมูลผู้ร้อง');
    const [audit] = await suite.db().query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action LIKE '%identity%'", [identified.id]);
    expect(audit?.n).toBe(1);
  }, BROWSER_TEST_TIMEOUT);

  it('shows an internal note apart from a public reply, and field errors on the action forms', async () => {
    const page = await openCase('hub.intake', crocodile);

    // Bad input: a reason of two characters for a rejection is refused on its field.
    await page.getByRole('button', { name: 'ไม่รับเรื่อง' }).click();
    await page.getByLabel(/^เหตุผล/).fill('no');
    await page.locator('form[data-action="reject"]').getByRole('button', { name: 'ไม่รับเรื่อง' }).click();
    await page.locator('[data-field="reason"] .field__error').getByText('ข้อความสั้นเกินไป (อย่างน้อย 3 ตัวอักษร)').waitFor();
    await page.getByRole('button', { name: 'ยกเลิก' }).click();

    await page.getByRole('button', { name: 'บันทึกภายใน' }).click();
    await page.getByLabel(/^ข้อความ/).fill('ประสานสำนักงานเขตให้ส่งเจ้าหน้าที่จับจระเข้');
    await page.locator('form[data-action="note"]').getByRole('button', { name: 'บันทึกภายใน' }).click();
    await page.getByTestId('case-announcement').getByText(/บันทึกแล้ว: บันทึกภายใน/).waitFor();
    // The form is gone: the focus is back on the actions, not lost on the page.
    expect(await focused(page)).toBe('H2: ดำเนินการ');

    await page.getByRole('button', { name: 'ตอบผู้ร้อง' }).click();
    await page.getByLabel(/^ข้อความ/).fill('ได้แจ้งหน่วยงานที่เกี่ยวข้องแล้ว จะแจ้งความคืบหน้าให้ทราบ');
    await page.locator('form[data-action="reply"]').getByRole('button', { name: 'ตอบผู้ร้อง' }).click();
    await page.getByTestId('case-announcement').getByText(/บันทึกแล้ว: ตอบผู้ร้อง/).waitFor();

    const note = page.locator('.staff-timeline__item', { hasText: 'ประสานสำนักงานเขต' });
    const reply = page.locator('.staff-timeline__item', { hasText: 'ได้แจ้งหน่วยงานที่เกี่ยวข้องแล้ว' });
    await note.waitFor();
    expect(await note.getAttribute('data-visibility')).toBe('internal');
    expect(await note.textContent()).toContain('ภายในหน่วยงาน');
    expect(await reply.getAttribute('data-visibility')).toBe('public');
    expect(await reply.textContent()).toContain('ผู้ร้องเห็น');
    // Apart in style as well as in words.
    const styleOf = (locator: typeof note) => locator.evaluate((element) => getComputedStyle(element).borderTopStyle);
    expect(await styleOf(note)).not.toBe(await styleOf(reply));
    expect(seriousViolations(await axeViolations(page))).toEqual([]);
  }, BROWSER_TEST_TIMEOUT);

  it('starts the due order on the open statuses, shown ticked in the form', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.supervisor');
    await rowCodes(page);
    await page.getByLabel('เรียงตาม').selectOption('due');
    const received = page.getByRole('checkbox', { name: 'รับเรื่องแล้ว' });
    await received.waitFor();
    expect(await received.isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'ไม่รับไว้พิจารณา' }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'กรอง', exact: true }).click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain('status=received,screening,assigned,in_progress,awaiting_info');
    await expect.poll(() => rowCodes(page)).toContain(crocodile.trackingCode);
    expect(await rowCodes(page)).not.toContain(streetLight.trackingCode);
  }, BROWSER_TEST_TIMEOUT);

  it('moves the focus to the heading of a page opened inside the console and names the tab after it', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.supervisor');
    const inbox = page.getByRole('heading', { level: 1, name: 'เรื่องของหน่วยงาน' });
    await inbox.waitFor();
    await expect.poll(() => page.title()).toBe('เรื่องของหน่วยงาน — ร้องทุกข์');
    // /staff leads to the first page, whose heading takes the focus — without a control's frame
    // round it (no pointer was used, so the browser would draw one): a heading is not a control.
    await page.goto('/staff');
    await expect.poll(() => focused(page)).toBe('H1: เรื่องของหน่วยงาน');
    expect(await inbox.evaluate((heading) => getComputedStyle(heading).outlineStyle)).toBe('none');

    await page.getByRole('link', { name: crocodile.trackingCode }).click();
    await page.getByRole('heading', { level: 1, name: `เรื่อง ${crocodile.trackingCode}` }).waitFor();
    await expect.poll(() => focused(page)).toBe(`H1: เรื่อง ${crocodile.trackingCode}`);
    expect(await page.title()).toBe(`เรื่อง ${crocodile.trackingCode} — ร้องทุกข์`);
    // The deadline's explanation is Thai from the server, marked so in either language.
    expect(await page.locator('details.explanation ul').getAttribute('lang')).toBe('th');

    await page.getByRole('link', { name: 'คัดกรองเรื่อง' }).click();
    await expect.poll(() => focused(page)).toBe('H1: คัดกรองเรื่อง');
    expect(await page.title()).toBe('คัดกรองเรื่อง — ร้องทุกข์');
    await page.goBack();
    await expect.poll(() => focused(page)).toBe(`H1: เรื่อง ${crocodile.trackingCode}`);

    // A page loaded afresh leaves the focus where the browser puts it.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `เรื่อง ${crocodile.trackingCode}` }).waitFor();
    expect(await focused(page)).toMatch(/^BODY/);
  }, BROWSER_TEST_TIMEOUT);

  it('lists attachments without loading them, and says why a file may not be opened', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.intake');
    const now = new Date().toISOString();
    const attachment = (id: string, fileName: string, mediaType: string, extra: Record<string, unknown> = {}) => ({ id, fileName, mediaType, sizeBytes: 48_213, uploadedBy: 'citizen', uploadedAt: now, ...extra });
    const shown = '7a1c2b3d-0000-4000-8000-000000000001';
    const withheld = '7a1c2b3d-0000-4000-8000-000000000002';
    // The case as the server will send it once attachments carry `visible`: one photo open to this user, one not, and a PDF.
    await page.route(`**/api/v1/cases/${crocodile.id}`, async (route) => {
      const response = await route.fetch();
      // The raw body, rewritten below before the page sees it: not read as the contract's case.
      const detail = (await response.json()) as Record<string, unknown>;
      detail.attachments = [
        attachment(shown, 'หน้าบ้าน.jpg', 'image/jpeg'),
        attachment(withheld, 'บัตรประชาชน.png', 'image/png', { visible: false }),
        attachment('7a1c2b3d-0000-4000-8000-000000000003', 'หนังสือ.pdf', 'application/pdf', { visible: true }),
      ];
      await route.fulfill({ response, json: detail });
    });
    const downloads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/attachments/')) downloads.push(request.url());
    });
    await page.goto(`/staff/cases/${crocodile.id}`);
    const list = page.locator('ul.attachments');
    await list.getByText('หน้าบ้าน.jpg').waitFor();
    expect(await list.textContent()).toContain('รูปภาพ JPEG · 47 KB');
    expect(await list.locator('img').count()).toBe(0);
    const withheldItem = list.locator(`[data-attachment-id="${withheld}"]`);
    expect(await withheldItem.textContent()).toContain('เปิดดูไม่ได้: เรื่องนี้ปกปิดตัวตนหรือเป็นเรื่องอ่อนไหว');
    expect(await withheldItem.getByRole('button').count()).toBe(0);
    await page.getByRole('link', { name: 'เปิดดู หนังสือ.pdf' }).waitFor();
    expect(downloads).toEqual([]);

    // Only the deliberate act loads the images, and only those the user may open.
    await page.getByRole('button', { name: 'แสดงภาพ (1)' }).click();
    await expect.poll(() => downloads.length).toBe(1);
    expect(downloads[0]).toContain(shown);
    expect(await list.locator('img').count()).toBe(1);
  }, BROWSER_TEST_TIMEOUT);

  it('shows the sign-in page when the session has ended, instead of a load error', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'moph.cceo');
    await page.goto('/staff/inbox'); // the CCEO lands on the dashboard
    await page.getByRole('heading', { level: 1, name: 'เรื่องของหน่วยงาน' }).waitFor();
    // The inbox's first loads finish first: one still in flight when the session ends would
    // take the page to the sign-in before the filter is pressed (seen on a loaded machine).
    await page.waitForLoadState('networkidle');
    await suite.db().query("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'moph.cceo')");

    await page.getByLabel('ค้นหา', { exact: true }).fill('ถนน');
    await page.getByRole('button', { name: 'กรอง', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'เข้าสู่ระบบสำหรับเจ้าหน้าที่' }).waitFor();
    expect(await page.getByText('โหลดข้อมูลไม่สำเร็จ').count()).toBe(0);
    // Signing in again comes back to the same view.
    await page.getByLabel('ชื่อผู้ใช้').fill('moph.cceo');
    await page.getByLabel('รหัสผ่าน').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByRole('heading', { level: 1, name: 'เรื่องของหน่วยงาน' }).waitFor();
    expect(await page.getByLabel('ค้นหา', { exact: true }).inputValue()).toBe('ถนน');
  }, BROWSER_TEST_TIMEOUT);

  it('records a complaint taken by phone and ends on a receipt with a tracking code', async () => {
    const page = await suite.newPage();
    await suite.signIn(page, 'hub.intake');
    await page.getByRole('link', { name: 'บันทึกรับเรื่อง' }).click();
    await page.getByRole('heading', { level: 1, name: 'บันทึกรับเรื่อง' }).waitFor();
    expect(await page.getByLabel(/ช่องทางที่รับเรื่อง/).inputValue()).toBe('hotline');

    // A time that is not one is refused on the time field, not on the date, and the summary leads there.
    await page.getByLabel(/^วันที่รับเรื่อง/).fill('6/12/2569');
    await page.getByLabel(/^เวลาที่รับเรื่อง/).fill('25.00');
    await page.getByLabel(/เล่าเรื่องที่ต้องการร้องเรียน/).fill('ผู้โทรแจ้งว่าน้ำประปาไม่ไหลมาสามวันแล้วทั้งหมู่บ้าน');
    await page.getByRole('button', { name: 'บันทึกรับเรื่อง' }).click();
    await page.locator('[data-field="receivedTime"] .field__error').waitFor();
    expect(await page.getByLabel(/^เวลาที่รับเรื่อง/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-field="receivedAt"] .field__error').count()).toBe(0);
    await page.locator('.error-summary').getByRole('link', { name: /^เวลาที่รับเรื่อง/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-field]')?.getAttribute('data-field'))).toBe('receivedTime');

    // A time in the future is refused on its field (the date typed in the Buddhist era).
    await page.getByLabel(/^วันที่รับเรื่อง/).fill('1/1/2642');
    await page.getByLabel(/^เวลาที่รับเรื่อง/).fill('10.00');
    await page.getByRole('button', { name: 'บันทึกรับเรื่อง' }).click();
    await page.locator('[data-field="receivedAt"] .field__error').getByText('วันและเวลาที่รับเรื่องต้องไม่เป็นอนาคต').waitFor();

    await page.getByLabel(/^วันที่รับเรื่อง/).fill('');
    await page.getByLabel(/^เวลาที่รับเรื่อง/).fill('');
    await page.getByLabel('ชื่อ-นามสกุล').fill('ประเสริฐ โทรมา');
    await page.getByLabel('หมายเลขโทรศัพท์').fill('089-111-2222');
    await page.getByRole('button', { name: 'บันทึกรับเรื่อง' }).click();
    await page.getByRole('heading', { level: 1, name: 'รับเรื่องแล้ว' }).waitFor();
    const trackingCode = (await page.getByTestId('tracking-code').textContent())?.trim() ?? '';
    expect(trackingCode).toMatch(/^RT-\d{2}-[0-9A-Z]{6}$/);
    expect(await page.locator('.receipt').textContent()).toContain('สายด่วน 1111');
    const [row] = await suite.db().query<{ channel: string }>('SELECT channel FROM cases WHERE tracking_code = $1', [trackingCode]);
    expect(row?.channel).toBe('hotline');
    await page.getByRole('button', { name: 'พิมพ์ใบรับเรื่อง' }).waitFor();
  }, BROWSER_TEST_TIMEOUT);
});
