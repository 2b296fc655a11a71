/**
 * The administration in Chromium, as an administrator uses it: the agency tree, creating a
 * user who then signs in, adding a day off shown in the Buddhist era, the server's refusal
 * of an automatic rule for a sensitive category shown on its field, and accessibility.
 */
import { expect, it } from 'vitest';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations } from './support/harness.ts';

const THAI_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];

describeInBrowser('administration', (suite) => {
  it('expands the agency tree to show the children of an agency', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.admin');
    await page.goto('/admin/agencies');
    await page.getByRole('heading', { level: 1, name: 'หน่วยงาน' }).waitFor();
    // The root opens by itself; a ministry below it is closed until asked.
    const ministry = page.getByRole('button', { name: 'กระทรวงสาธารณสุข', exact: true });
    await ministry.waitFor();
    expect(await ministry.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.getByText('ศูนย์รับเรื่องร้องเรียน สป.สธ.').count()).toBe(0);
    await ministry.click();
    expect(await ministry.getAttribute('aria-expanded')).toBe('true');
    const department = page.getByRole('button', { name: 'ศูนย์รับเรื่องร้องเรียน สป.สธ.', exact: true });
    await department.waitFor();
    await department.press('Enter');
    await page.getByText('สำนักงานสาธารณสุขจังหวัดพิจิตร').waitFor();
    // Kind and area codes are shown with each agency.
    const province = page.locator('.agency-node__row', { hasText: 'สำนักงานสาธารณสุขจังหวัดพิจิตร' });
    await expect.poll(() => province.textContent()).toContain('pho-66');
    await expect.poll(() => province.textContent()).toContain('จังหวัด');
    await expect.poll(() => province.textContent()).toMatch(/พื้นที่: 66/);
    // Closing hides the children again.
    await ministry.click();
    expect(await ministry.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.getByText('ศูนย์รับเรื่องร้องเรียน สป.สธ.').count()).toBe(0);
  }, BROWSER_TEST_TIMEOUT);

  it('starts an agency administrator’s tree at their own agency, found in one request', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'moph.admin');
    // Counted when answered: the test build runs StrictMode's double effects, whose first request is aborted.
    const lookups: string[] = [];
    page.on('requestfinished', (request) => {
      if (/\/api\/v1\/agencies\/[^/?]+$/.test(new URL(request.url()).pathname)) lookups.push(request.url());
    });
    await page.goto('/admin/agencies');
    // Their agency is the root of what they see, open; the ministry above it is not shown.
    const own = page.getByRole('button', { name: 'ศูนย์รับเรื่องร้องเรียน สป.สธ.', exact: true });
    await own.waitFor();
    await expect.poll(() => own.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'สำนักงานสาธารณสุขจังหวัดพิจิตร', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'กระทรวงสาธารณสุข', exact: true }).count()).toBe(0);
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toContain('/api/v1/agencies/moph-complaint');
  }, BROWSER_TEST_TIMEOUT);

  it('lets an administrator create a user who can then sign in', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.admin');
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'เพิ่มผู้ใช้' }).click();
    const form = page.locator('.admin-panel');
    // Required fields are checked before anything is sent.
    await form.getByRole('button', { name: 'สร้างบัญชี' }).click();
    await page.locator('.error-summary').waitFor();
    await form.locator('[data-field="password"] .field__error').waitFor();

    const username = `new.officer.${suite.kind}`;
    await form.getByRole('textbox', { name: 'ชื่อผู้ใช้', exact: true }).fill(username);
    await form.getByRole('textbox', { name: 'ชื่อที่แสดง', exact: true }).fill('สมชาย ทดสอบ');
    await form.getByRole('textbox', { name: 'อีเมล', exact: true }).fill('somchai@example.go.th');
    await form.getByRole('combobox', { name: 'บทบาท' }).selectOption({ label: 'ผู้รับผิดชอบเรื่อง' });
    await form.getByRole('searchbox', { name: 'หน่วยงาน', exact: true }).fill('พิจิตร');
    await form.getByRole('button', { name: /สำนักงานสาธารณสุขจังหวัดพิจิตร/ }).click();
    await form.getByText('เลือกแล้ว: สำนักงานสาธารณสุขจังหวัดพิจิตร (pho-66)').waitFor();
    await form.getByLabel('รหัสผ่าน').fill('short');
    await form.getByRole('button', { name: 'สร้างบัญชี' }).click();
    await form.locator('[data-field="password"] .field__error', { hasText: '12' }).waitFor();
    await form.getByLabel('รหัสผ่าน').fill('a-long-enough-password');
    await form.getByRole('button', { name: 'สร้างบัญชี' }).click();
    await page.getByText(`สร้างบัญชี ${username} แล้ว`).waitFor();
    await page.getByRole('row', { name: new RegExp(username.replace(/\./g, '\\.')) }).waitFor();

    const newcomer = await suite.newPage();
    await newcomer.goto('/staff');
    await newcomer.getByLabel(/ชื่อผู้ใช้/).fill(username);
    await newcomer.getByLabel(/รหัสผ่าน/).fill('a-long-enough-password');
    await newcomer.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await newcomer.getByRole('button', { name: 'ออกจากระบบ' }).waitFor();
    await expect.poll(() => newcomer.locator('.who').textContent()).toContain('สมชาย ทดสอบ');
    // A case officer is no administrator: an address of the administration leads back to their own first page.
    await newcomer.goto('/admin/users');
    await newcomer.getByRole('heading', { level: 1, name: 'เรื่องของหน่วยงาน' }).waitFor();
    expect(newcomer.url()).toMatch(/\/staff\/inbox$/);
    expect(await newcomer.getByRole('link', { name: 'ผู้ดูแลระบบ' }).count()).toBe(0);
  }, BROWSER_TEST_TIMEOUT);

  it('adds a holiday and lists it with its Buddhist-era date', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.admin');
    await page.goto('/admin/holidays');
    await page.getByRole('heading', { level: 1, name: 'วันหยุดราชการ' }).waitFor();
    const year = new Date().getFullYear() + 1;
    const date = `${year}-11-25`;
    const buddhist = `25 ${THAI_MONTHS[10]} ${year + 543}`;

    await page.getByRole('button', { name: 'เพิ่มวันหยุด' }).click();
    const form = page.locator('.admin-panel');
    // Typed as a Thai office writes it: day/month/Buddhist year.
    await form.getByLabel('วันที่').fill(`25/11/${year + 543}`);
    // The date is read back in the Buddhist era before it is saved.
    await form.getByText(buddhist).waitFor();
    // The reading back describes the field: a screen reader says it with the field.
    const description = await form.getByLabel('วันที่').evaluate((input) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toContain(buddhist);
    await form.getByLabel('ชื่อวันหยุด').fill('Founding day');
    await form.getByRole('button', { name: 'เพิ่มวันหยุด' }).click();
    await form.locator('[data-field="name"] .field__error').waitFor();
    await form.getByLabel('ชื่อวันหยุด').fill('วันหยุดพิเศษเพื่อการทดสอบ');
    await form.getByRole('button', { name: 'เพิ่มวันหยุด' }).click();

    await page.getByText(`เพิ่ม “วันหยุดพิเศษเพื่อการทดสอบ” วันที่ ${buddhist} แล้ว`).waitFor();
    // The list moved to that year and shows the day in the Buddhist era.
    const row = page.getByRole('row', { name: new RegExp(`${buddhist}.*วันหยุดพิเศษเพื่อการทดสอบ`) });
    await row.waitFor();
    expect(await row.locator('time').getAttribute('datetime')).toBe(date);
    await expect.poll(() => page.getByRole('combobox', { name: 'ปี' }).inputValue()).toBe(String(year));
    const [stored] = await suite.db().query<{ name: string }>("SELECT name FROM holidays WHERE day = $1 AND agency_id IS NULL", [date]);
    expect(stored?.name).toBe('วันหยุดพิเศษเพื่อการทดสอบ');
  }, BROWSER_TEST_TIMEOUT);

  it('takes the first click on the button after a wrong date: the date\'s error does not move the button away under the pointer', async () => {
    const page = await suite.newPage({ width: 1366, height: 768 });
    await suite.signIn(page, 'hub.admin');
    await page.goto('/admin/holidays');
    await page.getByRole('heading', { level: 1, name: 'วันหยุดราชการ' }).waitFor();
    await page.getByRole('button', { name: 'เพิ่มวันหยุด' }).click();
    const form = page.locator('.admin-panel');
    await form.getByLabel('ชื่อวันหยุด').fill('วันหยุดพิเศษที่พิมพ์วันผิด');
    // A day that does not exist, typed last: the focus is still in the date field when the person clicks.
    await form.getByLabel('วันที่').fill(`31/02/${new Date().getFullYear() + 544}`);
    await form.getByRole('button', { name: 'เพิ่มวันหยุด' }).click();
    // One click was enough: the form was sent to its checks, which say so at the top.
    await form.locator('.error-summary').waitFor({ timeout: 5_000 });
    await form.locator('[data-field="date"] .field__error').waitFor();
  }, BROWSER_TEST_TIMEOUT);

  it('shows the server’s refusal of an automatic rule for a sensitive category on the automatic field', async () => {
    const page = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(page, 'hub.admin');
    await page.goto('/admin/routing-rules');
    await page.getByRole('heading', { level: 1, name: 'กฎการส่งต่อเรื่อง' }).waitFor();
    await page.getByRole('button', { name: 'เพิ่มกฎ' }).click();
    const form = page.locator('.admin-panel');
    await expect.poll(() => form.getByRole('combobox', { name: 'ประเภทเรื่อง' }).locator('option').count()).toBeGreaterThan(1);
    await form.getByRole('combobox', { name: 'ประเภทเรื่อง' }).selectOption('drugs');
    await form.getByRole('searchbox', { name: 'หน่วยงาน', exact: true }).fill('rtp');
    await form.getByRole('button', { name: /สำนักงานตำรวจแห่งชาติ/ }).click();
    const automatic = form.getByRole('checkbox', { name: 'ส่งต่ออัตโนมัติ' });
    expect(await automatic.isChecked()).toBe(true);
    await form.getByRole('button', { name: 'บันทึก' }).click();

    const fieldError = form.locator('[data-field="automatic"] .field__error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('เรื่องอ่อนไหว');
    expect(await automatic.getAttribute('aria-invalid')).toBe('true');
    await page.locator('.error-summary').getByRole('link', { name: /ส่งต่ออัตโนมัติ/ }).waitFor();
    const [count] = await suite.db().query<{ n: number }>("SELECT count(*)::int AS n FROM routing_rules WHERE category_code = 'drugs' AND automatic");
    expect(count?.n).toBe(0);

    // Unticked, the same rule is saved and listed as screened by a person.
    await automatic.uncheck();
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await page.getByText('บันทึกเรียบร้อยแล้ว').waitFor();
    await page.getByRole('row', { name: /ยาเสพติด.*เจ้าหน้าที่พิจารณา/ }).first().waitFor();
  }, BROWSER_TEST_TIMEOUT);

  it('has no serious accessibility problems on the administration pages, on a phone', async () => {
    const page = await suite.newPage();
    await suite.signIn(page, 'hub.admin');
    for (const path of ['/admin', '/admin/agencies', '/admin/users', '/admin/categories', '/admin/sla-policies', '/admin/holidays', '/admin/routing-rules']) {
      await page.goto(path);
      await page.locator('h1').waitFor();
      // Every list of the page has arrived (the agency tree opens its root by itself).
      await page.waitForLoadState('networkidle');
      await page.locator('.loading').waitFor({ state: 'detached' });
      expect(seriousViolations(await axeViolations(page)), path).toEqual([]);
      // Nothing but the tables' own regions scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
  }, BROWSER_TEST_TIMEOUT);
});
