/**
 * The periodic complaint report in Chromium: an officer of the Taphan Hin office drafts the
 * report of the current fiscal year (the figures counted, every channel with its zero), edits
 * its memo and submits it; the CCEO, on a phone, approves and publishes it; the agency's public
 * page lists it with its figures — small counts as "<5" — and no personal data.
 *
 * With SHOTS_DIR set, each page is also photographed there on a phone (390×844) and a desktop
 * (1280×900), for looking at.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations, type BrowserSuite } from './support/harness.ts';
import { staffApi as api } from './support/staff-api.ts';

const PHONE = 'โทรศัพท์ 0 5662 2353';
const LINE = 'LINE @taphanhin';
const COMPLAINANT = { name: 'สมชาย ใจดี', phone: '0812345678' };
const DESKTOP = { width: 1280, height: 900 };
const PHONE_SIZE = { width: 390, height: 844 };

/** A full-page photograph of the page as it is and at the other size, when SHOTS_DIR asks for them. */
async function photograph(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  const size = page.viewportSize() ?? DESKTOP;
  for (const [label, viewport] of [
    ['phone', PHONE_SIZE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: path.join(dir, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

/** Nothing wider than the screen: the page reads on a phone without scrolling sideways. */
const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describeInBrowser('complaint report', (suite: BrowserSuite) => {
  beforeAll(async () => {
    const { token } = api(suite);
    const channel = async (kind: string, labelTh: string, position: number) => {
      const [row] = await suite.db().query<{ id: string }>(
        'INSERT INTO agency_channels (agency_id, kind, label_th, position, active) SELECT id, $2, $3, $4, true FROM agencies WHERE code = $1 RETURNING id',
        ['dho-6604', kind, labelTh, position],
      );
      return row!.id;
    };
    const phone = await channel('hotline', PHONE, 1);
    await channel('line', LINE, 2);
    // A complaint taken by phone at the office, with the complainant's name and number.
    const response = await suite.app().inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${await token('taphanhin.intake')}` },
      payload: { channel: 'hotline', categoryCode: 'health-service', description: 'สถานีอนามัยปิดก่อนเวลาทำการหลายครั้ง', complainant: COMPLAINANT },
    });
    expect(response.statusCode, response.body).toBe(201);
    await suite.db().query('UPDATE cases SET agency_channel_id = $2 WHERE id = $1', [(response.json() as { id: string }).id, phone]);
  });

  it('is drafted and submitted by an officer, approved and published by the head, and listed on the public page without personal data', async () => {
    // The officer drafts the report of the current fiscal year.
    const officer = await suite.newPage(DESKTOP);
    await suite.signIn(officer, 'taphanhin.officer');
    await officer.getByRole('link', { name: 'รายงานเรื่องร้องเรียน' }).click();
    await officer.getByRole('heading', { level: 1, name: 'รายงานเรื่องร้องเรียน' }).waitFor();
    await officer.getByText('ยังไม่มีรายงาน').waitFor();
    await photograph(officer, 'report-list-empty');
    await officer.getByRole('link', { name: 'จัดทำรายงานใหม่' }).click();
    await officer.getByRole('heading', { level: 1, name: 'จัดทำรายงานใหม่' }).waitFor();
    await photograph(officer, 'report-new');
    await officer.getByRole('button', { name: 'สร้างร่างรายงาน' }).click();
    await officer.getByRole('heading', { level: 1, name: 'รายงานของสำนักงานสาธารณสุขอำเภอตะพานหิน' }).waitFor();
    expect(officer.url()).toMatch(/\/staff\/reports\/[0-9a-f-]{36}$/);
    const byChannel = officer.getByTestId('by-channel');
    expect(await byChannel.getByRole('row', { name: PHONE }).getByRole('cell').textContent()).toBe('1');
    expect(await byChannel.getByRole('row', { name: LINE }).getByRole('cell').textContent()).toBe('0');
    expect(await officer.getByLabel('ผลการวิเคราะห์').inputValue()).toContain('1 เรื่อง');
    expect(seriousViolations(await axeViolations(officer))).toEqual([]);

    await officer.getByLabel('ที่ (เลขที่หนังสือ)').fill('พจ 0033.301/125');
    // Unsaved texts are not submitted.
    expect(await officer.getByRole('button', { name: 'เสนอผู้บริหาร' }).isDisabled()).toBe(true);
    await officer.getByRole('button', { name: 'บันทึกข้อความ' }).click();
    await officer.getByRole('status').filter({ hasText: 'บันทึกแล้ว' }).waitFor();
    await photograph(officer, 'report-draft');
    await officer.getByRole('button', { name: 'เสนอผู้บริหาร' }).click();
    await officer.getByRole('status').filter({ hasText: 'เสนอผู้บริหารแล้ว' }).waitFor();
    expect(await officer.getByLabel('ผลการวิเคราะห์').count()).toBe(0);
    await officer.getByText('ขณะนี้คุณไม่มีขั้นตอนที่ต้องดำเนินการกับรายงานนี้').waitFor();

    // The CCEO, on a phone, finds it in the list, approves and publishes it.
    const head = await suite.newPage(PHONE_SIZE);
    await suite.signIn(head, 'moph.cceo');
    await head.goto('/staff/reports');
    const row = head.getByTestId('report-row').filter({ hasText: 'สำนักงานสาธารณสุขอำเภอตะพานหิน' });
    await row.waitFor();
    expect(await row.textContent()).toContain('เสนอผู้บริหารแล้ว');
    expect(await overflows(head)).toBe(false);
    await photograph(head, 'report-list');
    await row.getByRole('link').click();
    await head.getByText('พจ 0033.301/125').waitFor();
    expect(await overflows(head)).toBe(false);
    await photograph(head, 'report-submitted');
    await head.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await head.getByRole('status').filter({ hasText: 'อนุมัติแล้ว' }).waitFor();
    await head.getByRole('button', { name: 'เผยแพร่บนเว็บไซต์' }).click();
    await head.getByRole('status').filter({ hasText: 'เผยแพร่แล้ว' }).waitFor();
    await head.getByRole('button', { name: 'จัดทำฉบับแก้ไข' }).waitFor();
    expect(seriousViolations(await axeViolations(head))).toEqual([]);
    await photograph(head, 'report-published');

    // Anyone: from the agency's contact page to its published reports.
    const citizen = await suite.newPage(PHONE_SIZE);
    await citizen.goto('/agencies/dho-6604');
    await citizen.getByRole('link', { name: 'รายงานผลการดำเนินงานเรื่องร้องเรียนของหน่วยงานนี้' }).click();
    const published = citizen.getByTestId('published-report');
    await published.waitFor();
    expect(await published.count()).toBe(1);
    // One complaint by phone: too few to show exactly in a breakdown.
    expect(await published.getByTestId('by-channel').getByRole('row', { name: PHONE }).getByRole('cell').textContent()).toBe('<5');
    expect(await published.getByTestId('by-channel').getByRole('row', { name: LINE }).getByRole('cell').textContent()).toBe('0');
    const text = (await citizen.locator('main').textContent()) ?? '';
    for (const personal of [COMPLAINANT.name, COMPLAINANT.phone, 'พจ 0033.301/125', 'taphanhin.officer', 'moph.cceo']) expect(text).not.toContain(personal);
    expect(await published.getByRole('link', { name: 'CSV' }).getAttribute('href')).toMatch(/^\/api\/v1\/public\/agencies\/dho-6604\/reports\/[0-9a-f-]{36}\/figures\.csv$/);
    expect(await overflows(citizen)).toBe(false);
    expect(seriousViolations(await axeViolations(citizen))).toEqual([]);
    await photograph(citizen, 'public-reports');
  }, BROWSER_TEST_TIMEOUT);
});
