/**
 * The whole life of a complaint in Chromium, each person in their own browser: a citizen
 * files with a photo on a phone → the hub's intake officer screens it and sends it to the
 * ministry's complaint centre → its officer accepts, replies and resolves → the citizen sees
 * the reply, rates the result and the case closes. An officer of another agency cannot open it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT, describeInBrowser } from './support/harness.ts';

/** Opens an action's form on the case page, fills it with `fill`, submits and waits for the new status. */
async function act(page: Page, action: string, fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {}): Promise<void> {
  await page.getByRole('group', { name: 'เลือกการดำเนินการ' }).getByRole('button', { name: action, exact: true }).click();
  const form = page.locator('form[data-action]');
  await fill(form);
  await form.getByRole('button', { name: action, exact: true }).click();
  await page.getByRole('status').filter({ hasText: `บันทึกแล้ว: ${action}` }).waitFor();
}

describeInBrowser('a complaint from filing to closing', (suite) => {
  it('goes from the citizen to the hub, to the agency and back, each in the browser', async () => {
    // 1. The citizen files on a phone, with a photo.
    const photo = path.join(suite.workDir(), 'flood.jpg');
    writeFileSync(photo, await sharp({ create: { width: 80, height: 60, channels: 3, background: { r: 30, g: 90, b: 160 } } }).jpeg().toBuffer());
    const citizen = await suite.newPage();
    await citizen.goto('/file');
    await citizen.getByLabel(/เล่าเรื่องที่ต้องการร้องเรียน/).fill('โรงพยาบาลส่งเสริมสุขภาพตำบลปิดก่อนเวลาทุกวัน ผู้ป่วยสูงอายุมารอแล้วไม่ได้รับบริการ');
    await citizen.getByLabel('จังหวัด').selectOption({ label: 'พิจิตร' });
    await citizen.getByLabel('ไฟล์แนบ').setInputFiles(photo);
    await citizen.getByLabel('อีเมล').fill('somying@example.com');
    await citizen.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }).click();
    const trackingCode = (await citizen.getByTestId('tracking-code').textContent())?.trim() ?? '';
    expect(trackingCode).toMatch(/^RT-/);
    const accessKey = (await citizen.getByTestId('access-key').textContent())?.trim() ?? '';
    await citizen.getByRole('link', { name: 'ไปที่หน้าติดตามเรื่อง' }).click();
    await citizen.getByTestId('case-status').waitFor();
    const [row] = await suite.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [trackingCode]);
    const caseId = row?.id ?? '';
    expect(caseId).not.toBe('');

    // 2. The hub's intake officer finds it in the inbox by its code, screens it and assigns it.
    const hub = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(hub, 'hub.intake');
    // An intake officer starts on the screening queue; the inbox is a menu item away.
    await hub.getByRole('heading', { level: 1, name: 'คัดกรองเรื่อง' }).waitFor();
    await hub.getByRole('link', { name: 'เรื่องของหน่วยงาน' }).click();
    await hub.getByLabel('ค้นหา', { exact: true }).fill(trackingCode);
    await hub.getByRole('button', { name: 'กรอง', exact: true }).click();
    await hub.getByRole('link', { name: trackingCode }).click();
    await hub.getByRole('heading', { level: 1 }).filter({ hasText: trackingCode }).waitFor();
    // The photo is listed, not loaded: opening it is a deliberate, audited act.
    const viewsOfFiles = async () => (await suite.db().query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'attachment.view'", [caseId]))[0]?.n;
    await hub.locator('.attachments__name', { hasText: 'flood.jpg' }).waitFor();
    expect(await hub.locator('ul.attachments img').count()).toBe(0);
    expect(await viewsOfFiles()).toBe(0);
    await hub.getByRole('button', { name: 'เปิดดู flood.jpg' }).click();
    const photoShown = hub.getByRole('dialog').getByRole('img', { name: 'flood.jpg' });
    await expect.poll(() => photoShown.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(80);
    expect(await viewsOfFiles()).toBe(1);
    await hub.getByRole('button', { name: 'ปิดภาพ' }).click();
    await act(hub, 'กลั่นกรอง');
    await act(hub, 'ส่งเรื่องให้หน่วยงาน', async (form) => {
      await form.getByLabel('ค้นหาหน่วยงาน').fill('moph-complaint');
      await form.getByRole('radio', { name: /moph-complaint/ }).check();
    });

    // 3. The ministry's complaint centre accepts, notes, replies and resolves.
    const officer = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(officer, 'moph.officer');
    await officer.goto(`/staff/cases/${caseId}`);
    await officer.getByRole('heading', { level: 1 }).filter({ hasText: trackingCode }).waitFor();
    await act(officer, 'รับเรื่อง');
    await act(officer, 'บันทึกภายใน', (form) => form.locator('textarea').first().fill('โทรถาม ผอ.รพ.สต. แล้ว ยอมรับว่าปิดก่อนเวลาเพราะขาดคน'));
    await act(officer, 'ตอบผู้ร้อง', (form) => form.locator('textarea').first().fill('หน่วยงานได้ประสาน รพ.สต. ให้เปิดบริการตามเวลาแล้ว'));
    await act(officer, 'แจ้งผลการดำเนินการ', async (form) => {
      await form.getByLabel(/ผลการดำเนินการ/).selectOption({ label: 'แก้ไขปัญหาแล้ว' });
      await form.locator('textarea').first().fill('จัดเจ้าหน้าที่เพิ่ม รพ.สต. เปิด 08.30–16.30 น. ทุกวันทำการแล้ว');
    });

    // 4. An officer of another agency cannot open it, as if it did not exist.
    const outsider = await suite.newPage({ width: 1280, height: 800 });
    await suite.signIn(outsider, 'rtp.officer');
    await outsider.goto(`/staff/cases/${caseId}`);
    await outsider.getByText('ไม่พบเรื่องนี้ หรือเรื่องนี้อยู่นอกหน่วยงานของคุณ').waitFor();
    expect(await outsider.locator('body').textContent()).not.toContain(trackingCode);

    // 5. The citizen sees the reply and the result (not the internal note), rates it, and it closes.
    // The tracking link again (the page keeps the key for this visit only: a reload would ask for it).
    await citizen.goto('about:blank');
    await citizen.goto(`/track/${encodeURIComponent(trackingCode)}#key=${encodeURIComponent(accessKey)}`);
    await citizen.getByTestId('timeline').waitFor();
    await expect.poll(() => citizen.getByTestId('case-status').textContent()).toContain('ดำเนินการแล้ว');
    const timeline = (await citizen.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).toContain('หน่วยงานได้ประสาน รพ.สต. ให้เปิดบริการตามเวลาแล้ว');
    expect(timeline).toContain('จัดเจ้าหน้าที่เพิ่ม');
    expect(timeline).not.toContain('ขาดคน');
    await citizen.getByRole('heading', { name: 'ยืนยันผลการดำเนินการ' }).waitFor();
    await citizen.getByRole('radio', { name: '5 พอใจมาก' }).check();
    await citizen.getByLabel('ความคิดเห็น').fill('ขอบคุณที่แก้ไขรวดเร็ว');
    await citizen.getByRole('button', { name: 'ยืนยันผลและปิดเรื่อง' }).click();
    await expect.poll(() => citizen.getByTestId('case-status').textContent()).toContain('ยุติเรื่องแล้ว');
    await citizen.getByRole('heading', { name: 'ยืนยันผลการดำเนินการ' }).waitFor({ state: 'detached' });

    const [closed] = await suite.db().query<{ status: string; satisfaction: number }>('SELECT status, satisfaction FROM cases WHERE id = $1', [caseId]);
    expect(closed).toEqual({ status: 'closed', satisfaction: 5 });
    // The officer sees the rating on the case.
    await officer.reload();
    await officer.getByText('ผู้ร้องประเมินความพึงพอใจ').first().waitFor();
  }, BROWSER_TEST_TIMEOUT * 2);
});
