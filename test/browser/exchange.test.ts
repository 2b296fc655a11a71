/**
 * The exchange between complaint systems in Chromium: a system administrator registers a
 * partner system (and sees the server's field error, and removes one), the case page shows a
 * case's exchange with the partner that holds it and what that system did, the citizen's page
 * names that system, the message log lists a dead message and sends it again, and a confidential
 * case's hand-over carries the confirmation to share its complainant. The partner is played by
 * test/support/fake-partner.ts: it answers our deliveries and signs its own messages.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deliverMessage } from '../../src/server/exchange/delivery.ts';
import { startFakePartner, type FakePartner } from '../support/fake-partner.ts';
import { axeViolations, BROWSER_TEST_TIMEOUT, describeInBrowser, seriousViolations } from './support/harness.ts';
import { staffApi, type Filed } from './support/staff-api.ts';

const POLICE_NAME = 'สำนักงานตำรวจแห่งชาติ';

describeInBrowser('the exchange between systems', (suite) => {
  const api = staffApi(suite);
  let police: FakePartner;

  beforeAll(async () => {
    police = await startFakePartner('police', POLICE_NAME);
    const registered = await suite.app().inject({
      method: 'POST',
      url: '/api/v1/partners',
      headers: { authorization: `Bearer ${await api.token('hub.admin')}` },
      payload: { code: police.code, name: police.name, baseUrl: police.url, jwks: police.jwks, agencies: ['rtp'], identity: 'contact' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
  });

  afterAll(async () => {
    await police?.close();
  });

  /** Delivers the case's queued messages now (the harness runs no worker), as the job would on its last attempt or not. */
  const deliverQueued = async (caseId: string, finalAttempt = false) => {
    const queued = await suite.db().query<{ id: string }>("SELECT id FROM exchange_messages WHERE case_id = $1 AND direction = 'out' AND state = 'queued' ORDER BY seq", [caseId]);
    for (const { id } of queued) await deliverMessage(suite.ctx(), id, { finalAttempt }).catch(() => {});
  };

  /** A case the hub sent to the police, whose system accepted it and moved it on; what the citizen added next died on the way. */
  const sentToPolice = async (): Promise<Filed> => {
    const filed = await api.file({ description: 'มีการแข่งรถจักรยานยนต์ในซอยหลังตลาดทุกคืนวันศุกร์ เสียงดังและอันตรายต่อคนเดินถนน', categoryCode: 'road', complainant: { name: 'สมชาย ใจดี', phone: '0812345678' } });
    await api.act('hub.intake', filed.id, 'screen');
    await api.act('hub.intake', filed.id, 'assign', { agencyCode: 'rtp', reason: 'เป็นเรื่องของตำรวจ' });
    await deliverQueued(filed.id);
    // The partner's reference of the case, from its answer to the transfer.
    const [link] = await suite.db().query<{ ref: string }>('SELECT remote_reference AS ref FROM case_links WHERE case_id = $1', [filed.id]);
    const thread = { origin: suite.ctx().config.instanceCode, ref: filed.id };
    const common = { to: suite.ctx().config.instanceCode, thread, senderRef: link?.ref ?? 'unknown' };
    for (const [seq, type, body] of [
      [1, 'case.accepted', {}],
      [2, 'case.progress', { message: 'ส่งต่อสถานีตำรวจภูธรตะพานหินให้ตรวจสอบพื้นที่แล้ว' }],
    ] as const) {
      const answer = await police.send(suite.app(), { ...common, seq, type, body });
      expect(answer.statusCode, answer.body).toBe(200);
    }
    const added = await suite.app().inject({
      method: 'POST',
      url: `/api/v1/public/complaints/${filed.trackingCode}/messages`,
      headers: { 'x-access-key': filed.accessKey },
      payload: { message: 'คืนวันเสาร์ที่ผ่านมายังมีการแข่งรถอยู่ เริ่มประมาณสี่ทุ่ม' },
    });
    expect(added.statusCode, added.body).toBe(201);
    police.failWith(503);
    await deliverQueued(filed.id, true);
    police.failWith(null);
    return filed;
  };

  it('registers a partner system, shows the server’s field error and removes one that never exchanged', async () => {
    const page = await suite.newPage({ width: 1280, height: 900 });
    await suite.signIn(page, 'hub.admin');
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'เมนูผู้ดูแลระบบ' }).getByRole('link', { name: 'ระบบคู่ความร่วมมือ' }).click();
    await page.getByRole('heading', { level: 1, name: 'ระบบคู่ความร่วมมือ' }).waitFor();
    await page.locator('tr[data-partner="police"]').getByText('สำนักงานตำรวจแห่งชาติ rtp').waitFor();

    await page.getByRole('button', { name: 'ลงทะเบียนระบบ' }).click();
    const form = page.locator('.admin-panel');
    // The minimum necessary is chosen already.
    expect(await form.getByRole('radio', { name: /^ไม่ส่ง/ }).isChecked()).toBe(true);
    expect(await form.getByRole('radio', { name: /^ปิดข้อมูลส่วนบุคคล/ }).isChecked()).toBe(true);
    // Nothing goes before the required fields are there.
    await form.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
    await form.locator('[data-field="code"] .field__error').waitFor();
    await form.locator('[data-field="agencies"] .field__error', { hasText: 'อย่างน้อยหนึ่งหน่วยงาน' }).waitFor();

    const fill = async (code: string, name: string) => {
      await form.getByRole('textbox', { name: 'รหัสระบบ' }).fill(code);
      await form.getByRole('textbox', { name: 'ชื่อระบบ' }).fill(name);
      await form.getByRole('textbox', { name: /Base URL/ }).fill('https://complaint.damrongdhama.example');
      await form.getByRole('textbox', { name: 'ที่อยู่ JWKS' }).fill('https://complaint.damrongdhama.example/api/v1/exchange/jwks');
    };
    const addAgency = async (search: string, name: string) => {
      await form.getByRole('searchbox', { name: 'หน่วยงานที่ระบบนี้ดูแล' }).fill(search);
      await form.getByRole('button', { name, exact: true }).click();
    };
    // The police system serves rtp already: the server refuses, on the agencies field.
    await fill('damrongdhama', 'ศูนย์ดำรงธรรม กระทรวงมหาดไทย');
    await addAgency('ศูนย์ดำรงธรรมจังหวัดพิจิตร', 'ศูนย์ดำรงธรรมจังหวัดพิจิตร dtc-p66');
    await addAgency('rtp', 'สำนักงานตำรวจแห่งชาติ rtp');
    await form.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
    const agenciesError = form.locator('[data-field="agencies"] .field__error');
    await agenciesError.filter({ hasText: 'มีระบบคู่ความร่วมมืออื่นรับผิดชอบอยู่แล้ว' }).waitFor();
    expect(await agenciesError.textContent()).toContain('rtp (police)');
    await page.locator('.error-summary').getByRole('link', { name: /หน่วยงานที่ระบบนี้ดูแล/ }).waitFor();
    expect(seriousViolations(await axeViolations(page))).toEqual([]);

    // Without the police, with the complainant's contact: registered.
    await form.getByRole('button', { name: 'เอาออก สำนักงานตำรวจแห่งชาติ' }).click();
    await form.getByRole('radio', { name: /^ชื่อและช่องทางติดต่อ/ }).check();
    await form.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'ลงทะเบียน ศูนย์ดำรงธรรม กระทรวงมหาดไทย แล้ว' }).waitFor();
    const row = page.locator('tr[data-partner="damrongdhama"]');
    await row.getByText('ศูนย์ดำรงธรรมจังหวัดพิจิตร').waitFor();
    await row.getByText('ผู้ร้อง: ชื่อและช่องทางติดต่อ').waitFor();
    await row.getByText('ยังไม่มีข้อความ').waitFor();

    // It never exchanged a message: removed, and the page says so.
    await row.getByRole('button', { name: /^ลบ/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'ลบ' }).click();
    await page.getByRole('status').filter({ hasText: 'ลบ ศูนย์ดำรงธรรม กระทรวงมหาดไทย ออกจากทะเบียนแล้ว' }).waitFor();
    expect(await page.locator('tr[data-partner="damrongdhama"]').count()).toBe(0);
  }, BROWSER_TEST_TIMEOUT);

  it('shows a case’s exchange on its page, what the partner did on the timeline and on the citizen’s page', async () => {
    const filed = await sentToPolice();
    const page = await suite.newPage({ width: 1280, height: 900 });
    await suite.signIn(page, 'hub.supervisor');
    await page.goto(`/staff/cases/${filed.id}`);
    const section = page.getByTestId('case-exchange');
    await section.getByText(`ส่งไปยังระบบของ ${POLICE_NAME}`).waitFor();
    await section.getByText('PT-69-0001').waitFor();
    await section.getByText('police-ref-1').waitFor();
    // Our transfer and the citizen's information went out (the information died), the partner's two came in.
    await section.locator('li[data-message-type="case.transfer"][data-state="delivered"]').waitFor();
    await section.locator('li[data-message-type="case.info_added"]').getByText('ส่งไม่สำเร็จ หยุดลองแล้ว').waitFor();
    await section.locator('li[data-message-type="case.info_added"]').getByText(/HTTP 503/).waitFor();
    expect(await section.locator('li[data-message-type="case.progress"][data-state="applied"]').count()).toBe(1);

    const timeline = page.locator('.staff-timeline');
    await timeline.locator('[data-event-type="sent_to_partner"]').getByText(`ส่งถึง สำนักงานตำรวจแห่งชาติ ผ่านระบบของ ${POLICE_NAME}`).waitFor();
    // The sharing agreement (contact) on a case that is not confidential: name and contact went.
    await timeline.locator('[data-event-type="sent_to_partner"]').getByText(/ส่งชื่อและช่องทางติดต่อผู้ร้อง/).waitFor();
    await timeline.locator('[data-event-type="accepted"]').getByText(`โดยระบบของ ${POLICE_NAME}`).waitFor();
    await timeline.locator('[data-event-type="partner_progress"]').getByText('ส่งต่อสถานีตำรวจภูธรตะพานหินให้ตรวจสอบพื้นที่แล้ว').waitFor();
    expect(seriousViolations(await axeViolations(page))).toEqual([]);

    // The citizen reads which system acted.
    const citizen = await suite.newPage();
    await citizen.goto(`/track/${filed.trackingCode}#key=${filed.accessKey}`);
    const progress = citizen.getByTestId('timeline').locator('.timeline__item--partner_progress');
    await progress.getByText('ความคืบหน้า').waitFor();
    await progress.getByText(`ดำเนินการโดย ${POLICE_NAME}`).waitFor();
    await citizen.getByTestId('timeline').locator('.timeline__item--accepted').getByText(`ดำเนินการโดย ${POLICE_NAME}`).waitFor();

    // A case with no partner shows no exchange section.
    const plain = await api.file({ description: 'ไฟถนนหน้าหมู่บ้านดับมาสองสัปดาห์แล้ว กลางคืนมืดมาก', categoryCode: 'road' });
    const trail = page.waitForResponse((response) => response.url().endsWith(`/api/v1/cases/${plain.id}/exchange`));
    await page.goto(`/staff/cases/${plain.id}`);
    expect((await trail).status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: plain.trackingCode }).waitFor();
    await page.getByRole('heading', { name: 'ความเคลื่อนไหว' }).waitFor();
    expect(await page.getByTestId('case-exchange').count()).toBe(0);
  }, BROWSER_TEST_TIMEOUT);

  it('lists a dead message in the log and sends it again; a partner with messages is deactivated, not removed', async () => {
    const filed = await sentToPolice();
    const page = await suite.newPage({ width: 1366, height: 900 });
    await suite.signIn(page, 'hub.admin');

    // The registry counts it as dead, and links to the partner's log.
    await page.goto('/admin/partners');
    const row = page.locator('tr[data-partner="police"]');
    await row.locator('.badge--message-dead').waitFor();
    await row.getByRole('link', { name: /ดูบันทึก/ }).click();
    await page.getByRole('heading', { level: 1, name: 'บันทึกการแลกเปลี่ยน' }).waitFor();
    expect(await page.getByLabel('ระบบคู่ความร่วมมือ', { exact: true }).inputValue()).toBe('police');

    await page.getByLabel('สถานะ', { exact: true }).selectOption({ label: 'ส่งไม่สำเร็จ หยุดลองแล้ว' });
    await page.getByRole('button', { name: 'แสดงผล' }).click();
    const [dead] = await suite.db().query<{ id: string }>("SELECT id FROM exchange_messages WHERE case_id = $1 AND state = 'dead'", [filed.id]);
    const message = page.locator(`tr[data-message="${dead?.id}"]`);
    await message.getByRole('rowheader', { name: /^ข้อมูลเพิ่มเติมจากผู้ร้อง case\.info_added/ }).waitFor();
    await message.getByText(/HTTP 503/).waitFor();
    // The dead message was listed before the filter applied too: wait for the filtered list to replace the whole one.
    await expect.poll(() => page.locator('tbody tr').filter({ hasNot: page.locator('.badge--message-dead') }).count()).toBe(0);
    expect(seriousViolations(await axeViolations(page))).toEqual([]);

    await message.getByRole('button', { name: /^ส่งอีกครั้ง/ }).click();
    await page.getByRole('status').filter({ hasText: `ตั้งให้ส่ง “ข้อมูลเพิ่มเติมจากผู้ร้อง” ถึงระบบของ ${POLICE_NAME} อีกครั้งแล้ว` }).waitFor();
    await message.getByText('รอส่ง').waitFor();
    expect(await message.getByRole('button', { name: /ส่งอีกครั้ง/ }).count()).toBe(0);
    const [after] = await suite.db().query<{ state: string }>('SELECT state FROM exchange_messages WHERE id = $1', [dead?.id]);
    expect(after?.state).toBe('queued');

    // On a phone the log and the registry are cards: nothing scrolls sideways, a message's state
    // comes before when it was sent, and each is still a table's row to a screen reader.
    const phone = await suite.newPage({ width: 390, height: 844 });
    await suite.signIn(phone, 'hub.admin');
    for (const [path, selector] of [['/admin/exchange?partner=police', `tr[data-message="${dead?.id}"]`], ['/admin/partners', 'tr[data-partner="police"]']] as const) {
      await phone.goto(path);
      await phone.locator(selector).waitFor();
      await phone.waitForLoadState('networkidle');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      expect(await phone.locator('.table-scroll').evaluate((region) => region.scrollWidth <= region.clientWidth), path).toBe(true);
      expect(seriousViolations(await axeViolations(phone)), path).toEqual([]);
    }
    await phone.locator('tr[data-partner="police"]').getByRole('rowheader', { name: /^สำนักงานตำรวจแห่งชาติ police/ }).waitFor();
    await phone.goto('/admin/exchange?partner=police');
    const card = phone.locator(`tr[data-message="${dead?.id}"]`);
    await card.getByRole('rowheader', { name: /^ข้อมูลเพิ่มเติมจากผู้ร้อง case\.info_added/ }).waitFor();
    const top = async (locator: typeof card) => (await locator.boundingBox())?.y ?? Number.NaN;
    expect(await top(card.getByText('รอส่ง'))).toBeLessThan(await top(card.locator('time')));

    // Removing the police keeps it (messages name it): deactivated, and the page says which happened.
    await page.goto('/admin/partners');
    await row.getByRole('button', { name: /^ลบ/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'ลบ' }).click();
    await page.getByRole('status').filter({ hasText: `ปิดใช้งาน ${POLICE_NAME} แล้ว แต่ไม่ได้ลบออกจากทะเบียน` }).waitFor();
    await row.getByText('ปิดใช้งาน', { exact: true }).waitFor();
    await suite.app().inject({ method: 'PATCH', url: '/api/v1/partners/police', headers: { authorization: `Bearer ${await api.token('hub.admin')}` }, payload: { active: true } });
  }, BROWSER_TEST_TIMEOUT);

  it('offers the confirmation to share the complainant only when handing over a confidential case', async () => {
    const secret = await api.file({ description: 'มีการค้ายาเสพติดในหอพักหลังมหาวิทยาลัย ขอไม่เปิดเผยชื่อผู้แจ้ง', categoryCode: 'road', confidential: true, complainant: { name: 'ผู้แจ้ง ลับ', phone: '0899999999' } });
    const plain = await api.file({ description: 'มีการตั้งวงพนันในซอยข้างบ้านทุกคืน ส่งเสียงดังรบกวน', categoryCode: 'road' });
    for (const filed of [secret, plain]) await api.act('hub.intake', filed.id, 'screen');
    const page = await suite.newPage({ width: 1280, height: 900 });
    await suite.signIn(page, 'hub.intake');

    await page.goto(`/staff/cases/${plain.id}`);
    await page.getByRole('group', { name: 'เลือกการดำเนินการ' }).getByRole('button', { name: 'ส่งเรื่องให้หน่วยงาน', exact: true }).click();
    await page.locator('form[data-action="assign"]').waitFor();
    expect(await page.getByLabel('ยืนยันส่งข้อมูลผู้ร้องให้ระบบคู่ความร่วมมือ').count()).toBe(0);

    await page.goto(`/staff/cases/${secret.id}`);
    await page.getByRole('group', { name: 'เลือกการดำเนินการ' }).getByRole('button', { name: 'ส่งเรื่องให้หน่วยงาน', exact: true }).click();
    const form = page.locator('form[data-action="assign"]');
    await form.getByLabel('ค้นหาหน่วยงาน').fill('rtp');
    await form.getByRole('radio', { name: /สำนักงานตำรวจแห่งชาติ/ }).check();
    await form.getByLabel('ยืนยันส่งข้อมูลผู้ร้องให้ระบบคู่ความร่วมมือ').check();
    const sent = page.waitForRequest((request) => request.url().endsWith(`/api/v1/cases/${secret.id}/actions/assign`));
    await form.getByRole('button', { name: 'ส่งเรื่องให้หน่วยงาน', exact: true }).click();
    expect((await sent).postDataJSON()).toMatchObject({ agencyCode: 'rtp', shareIdentity: true });
    await page.getByRole('status').filter({ hasText: 'บันทึกแล้ว: ส่งเรื่องให้หน่วยงาน' }).waitFor();
    // The agreement is `contact`, not `full`: a confidential case's complainant still does not go.
    await page.locator('.staff-timeline [data-event-type="sent_to_partner"]').getByText(/ไม่ได้ส่งข้อมูลผู้ร้อง/).waitFor();
    await page.getByTestId('case-exchange').getByText(`ส่งไปยังระบบของ ${POLICE_NAME}`).waitFor();
  }, BROWSER_TEST_TIMEOUT);
});
