/**
 * An agency's channels in Chromium: an agency administrator adds the Taphan Hin office's phone
 * line (the server's field error first), staff intake there offers it, and a citizen finds the
 * office from the home page and sees how to reach it — or that an agency lists none.
 */
import { expect, it } from 'vitest';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations } from './support/harness.ts';

describeInBrowser('agency channels', (suite) => {
  it('lets an agency administrator add a channel, showing the server’s field error first', async () => {
    const page = await suite.newPage({ width: 1280, height: 900 });
    await suite.signIn(page, 'moph.admin');
    await page.goto('/admin/channels');
    await page.getByRole('heading', { level: 1, name: 'ช่องทางรับเรื่องร้องเรียน' }).waitFor();
    // Their own agency first; then the Taphan Hin office below it.
    await page.getByText('เลือกแล้ว: ศูนย์รับเรื่องร้องเรียน สป.สธ. (moph-complaint)').waitFor();
    await page.getByRole('searchbox', { name: 'หน่วยงาน', exact: true }).fill('ตะพานหิน');
    await page.getByRole('button', { name: /สำนักงานสาธารณสุขอำเภอตะพานหิน/ }).click();
    await page.getByText('หน่วยงานนี้ยังไม่มีช่องทางรับเรื่องร้องเรียน').waitFor();

    await page.getByRole('button', { name: 'เพิ่มช่องทาง' }).click();
    const form = page.locator('.admin-panel');
    // Checked before sending: the Thai name and the number a telephone channel needs.
    await form.getByRole('button', { name: 'เพิ่มช่องทาง' }).click();
    await form.locator('[data-field="labelTh"] .field__error').waitFor();
    await form.locator('[data-field="phone"] .field__error').waitFor();
    await form.getByRole('textbox', { name: 'ชื่อช่องทาง (ภาษาไทย)' }).fill('โทรศัพท์ 0 5662 2353');
    await form.getByRole('textbox', { name: 'หมายเลขโทรศัพท์' }).fill('5662 2353');
    await form.getByRole('button', { name: 'เพิ่มช่องทาง' }).click();
    // The server's refusal, on its field, in Thai.
    await form.locator('[data-field="phone"] .field__error', { hasText: 'หมายเลขโทรศัพท์' }).waitFor();
    expect(seriousViolations(await axeViolations(page)), '/admin/channels with errors').toEqual([]);
    await form.getByRole('textbox', { name: 'หมายเลขโทรศัพท์' }).fill('0 5662 2353');
    await form.getByRole('textbox', { name: 'เวลาทำการ' }).fill('จันทร์–ศุกร์ 08.30–16.30 น.');
    await form.getByRole('button', { name: 'เพิ่มช่องทาง' }).click();
    await page.getByText('เพิ่มช่องทาง โทรศัพท์ 0 5662 2353 แล้ว').waitFor();
    await page.getByRole('rowheader', { name: /โทรศัพท์ 0 5662 2353/ }).waitFor();
    const [stored] = await suite.db().query<{ phone: string }>(`SELECT phone FROM agency_channels ch JOIN agencies a ON a.id = ch.agency_id WHERE a.code = 'dho-6604'`);
    expect(stored).toEqual({ phone: '0 5662 2353' });

    // Staff intake at the office offers it, and choosing it keeps the kind.
    const intake = await suite.newPage({ width: 1280, height: 900 });
    await suite.signIn(intake, 'taphanhin.intake');
    await intake.goto('/staff/intake');
    const select = intake.getByRole('combobox', { name: 'ช่องทางของหน่วยงาน' });
    await select.selectOption({ label: 'โทรศัพท์ 0 5662 2353' });
    expect(await intake.getByRole('combobox', { name: 'ช่องทางที่รับเรื่อง' }).inputValue()).toBe('hotline');
  }, BROWSER_TEST_TIMEOUT);

  it('leads a citizen from the home page to how to reach an agency, and says when it lists none', async () => {
    const ctx = suite.ctx();
    const [agency] = await ctx.db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = 'pho-66'`);
    await ctx.db.query(
      `INSERT INTO agency_channels (agency_id, kind, label_th, line_id, position) VALUES ($1, 'line', 'LINE สสจ.พิจิตร', '@phichitpho', 1)`,
      [agency?.id],
    );
    await ctx.db.query(
      `INSERT INTO agency_channels (agency_id, kind, label_th, phone, opening_hours, position) VALUES ($1, 'hotline', 'โทรศัพท์ 0 5661 1071', '0 5661 1071', 'จันทร์–ศุกร์ 08.30–16.30 น.', 0)`,
      [agency?.id],
    );
    await ctx.db.query(`INSERT INTO agency_channels (agency_id, kind, label_th, location, active) VALUES ($1, 'counter', 'เคาน์เตอร์เดิม', 'ชั้น 2', false)`, [agency?.id]);

    const page = await suite.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: /ติดต่อหน่วยงาน/ }).click();
    await page.getByRole('heading', { level: 1, name: 'ติดต่อหน่วยงาน' }).waitFor();
    await page.getByRole('searchbox', { name: 'หน่วยงาน' }).fill('สาธารณสุขจังหวัดพิจิตร');
    await page.getByRole('button', { name: /สำนักงานสาธารณสุขจังหวัดพิจิตร/ }).click();
    await page.waitForURL(/\/agencies\/pho-66$/);
    await page.getByText('สำนักงานสาธารณสุขจังหวัดพิจิตร').first().waitFor();
    // In order, the inactive counter left out; the number dials, LINE opens a chat.
    await page.getByRole('heading', { level: 2, name: 'โทรศัพท์ 0 5661 1071' }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['โทรศัพท์ 0 5661 1071', 'LINE สสจ.พิจิตร']);
    expect(await page.getByRole('link', { name: '0 5661 1071' }).getAttribute('href')).toBe('tel:056611071');
    expect(await page.getByRole('link', { name: '@phichitpho' }).getAttribute('href')).toBe('https://line.me/R/ti/p/%40phichitpho');
    await page.getByText('จันทร์–ศุกร์ 08.30–16.30 น.').waitFor();
    expect(await page.getByText('เคาน์เตอร์เดิม').count()).toBe(0);
    // Nothing scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(seriousViolations(await axeViolations(page)), '/agencies/pho-66').toEqual([]);

    await page.goto('/agencies/rtp');
    await page.getByText('หน่วยงานนี้ยังไม่ได้ระบุช่องทางรับเรื่องร้องเรียน').waitFor();
    await page.goto('/agencies/no-such-agency');
    await page.getByText('ไม่พบหน่วยงานนี้ กรุณาค้นหาอีกครั้ง').waitFor();
  }, BROWSER_TEST_TIMEOUT);
});
