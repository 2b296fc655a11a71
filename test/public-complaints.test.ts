/**
 * The citizen's API through the real stack: filing a complaint (receipt, deadline, identity
 * kept apart and encrypted, reference checks), following it with the access key, adding
 * information and rating the result. Runs on both engines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { z } from 'zod';
import type { PublicReceiptSchema, ErrorBody, PublicCase, CaseDetail as StaffCase, Identity } from '../src/shared/api/index.ts';

const TRACKING_CODE = /^RT-\d{2}-[0-9A-HJKMNP-TV-Z]{6}$/;
/** 24 Crockford symbols (5 bits each: 120 bits) in six groups of four. */
const ACCESS_KEY = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){5}$/;

/** A national ID with a valid check digit, and the same with the last digit changed. */
const VALID_NATIONAL_ID = '1103700123458';
const BAD_CHECKSUM_NATIONAL_ID = '1103700123459';

const NAME = 'สมหญิง รักษ์ถิ่น';
const PHONE = '0812345678';

type PublicReceipt = z.output<typeof PublicReceiptSchema>;

function fieldsOf(body: unknown): Array<string | undefined> {
  return (body as ErrorBody).error.details.map((detail) => detail.field);
}

async function count(t: TestApp, table: 'cases' | 'complainants' | 'case_contacts'): Promise<number> {
  const [row] = await t.db().query<{ n: number | string }>(`SELECT count(*)::int AS n FROM ${table}`);
  return Number(row?.n);
}

function file(t: TestApp, body: Record<string, unknown>) {
  return t.request({ method: 'POST', url: '/api/v1/public/complaints', body });
}

function track(t: TestApp, trackingCode: string, accessKey?: string) {
  return t.request({
    method: 'GET',
    url: `/api/v1/public/complaints/${encodeURIComponent(trackingCode)}`,
    headers: accessKey === undefined ? {} : { 'x-access-key': accessKey },
  });
}

function sendMessage(t: TestApp, trackingCode: string, accessKey: string, message: string) {
  return t.request({
    method: 'POST',
    url: `/api/v1/public/complaints/${trackingCode}/messages`,
    headers: { 'x-access-key': accessKey },
    body: { message },
  });
}

function sendFeedback(t: TestApp, trackingCode: string, accessKey: string, body: Record<string, unknown>) {
  return t.request({
    method: 'POST',
    url: `/api/v1/public/complaints/${trackingCode}/feedback`,
    headers: { 'x-access-key': accessKey },
    body,
  });
}

async function staffView(t: TestApp, caseId: string, as = 'taphanhin.officer'): Promise<StaffCase> {
  const response = await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as });
  expect(response.statusCode).toBe(200);
  return response.json() as StaffCase;
}

/** Hub screens and assigns to Taphan Hin DHO, whose officer accepts: the case is in_progress. */
async function bringToInProgress(t: TestApp, caseId: string): Promise<void> {
  await t.act('hub.intake', caseId, 'screen');
  await t.act('hub.intake', caseId, 'assign', { agencyCode: 'dho-6604' });
  await t.act('taphanhin.officer', caseId, 'accept');
}

async function fileResolvedCase(t: TestApp) {
  const receipt = await t.fileComplaint();
  await bringToInProgress(t, receipt.id);
  await t.act('taphanhin.officer', receipt.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
  return receipt;
}

describeEachApp('public complaints', (t) => {
  afterEach(() => {
    t.setNow(undefined);
  });

  describe('POST /api/v1/public/complaints', () => {
    it('refuses an anonymous complaint that carries an identity (400 complainant)', async () => {
      const response = await file(t, {
        description: 'มีการลักลอบทิ้งขยะริมคลองทุกคืน ส่งกลิ่นเหม็นมาก',
        anonymous: true,
        complainant: { name: NAME },
      });
      expect(response.statusCode).toBe(400);
      expect((response.json() as ErrorBody).error.code).toBe('validation_failed');
      expect(fieldsOf(response.json())).toContain('complainant');
    });

    it('refuses a national ID with a wrong check digit and writes nothing', async () => {
      const casesBefore = await count(t, 'cases');
      const complainantsBefore = await count(t, 'complainants');
      const response = await file(t, {
        description: 'ไฟถนนดับทั้งซอยมาสองสัปดาห์แล้ว',
        complainant: { name: NAME, nationalId: BAD_CHECKSUM_NATIONAL_ID, phone: PHONE },
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toContain('complainant.nationalId');
      expect(await count(t, 'cases')).toBe(casesBefore);
      expect(await count(t, 'complainants')).toBe(complainantsBefore);
    });

    it('refuses an unknown category (400 categoryCode)', async () => {
      const before = await count(t, 'cases');
      const response = await file(t, { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก', categoryCode: 'no-such-category' });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toContain('categoryCode');
      expect(await count(t, 'cases')).toBe(before);
    });

    it('refuses a district outside the given province (400 location.districtCode)', async () => {
      // 5001 is Mueang Chiang Mai, not in Phichit (66).
      const response = await file(t, {
        description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก',
        location: { provinceCode: '66', districtCode: '5001' },
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toContain('location.districtCode');
    });

    it('answers 201 with a tracking code, a one-time access key, the status, receipt time and deadline', async () => {
      const response = await file(t, { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อยมาก', categoryCode: 'road' });
      expect(response.statusCode).toBe(201);
      const receipt = response.json() as PublicReceipt;
      expect(receipt.trackingCode).toMatch(TRACKING_CODE);
      expect(receipt.accessKey).toMatch(ACCESS_KEY);
      expect(receipt.accessKey.replace(/-/g, '')).toHaveLength(24);
      expect(receipt.status).toBe('received');
      expect(Number.isNaN(Date.parse(receipt.receivedAt))).toBe(false);
      expect(receipt.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(receipt.dueDate > receipt.receivedAt.slice(0, 10)).toBe(true);

      const second = await t.fileComplaint();
      expect(second.trackingCode).not.toBe(receipt.trackingCode);
      expect(second.accessKey).not.toBe(receipt.accessKey);
    });

    it('sets the deadline 15 business days after the Bangkok day of receipt, skipping weekends and holidays', async () => {
      // Friday 29 May 2026: 1 June (Visakha Bucha substitution) and 3 June (Queen's birthday) are off.
      t.setNow(new Date('2026-05-29T10:00:00+07:00'));
      const may = await t.fileComplaint();
      const [mayRow] = await t.db().query<{ due_date: string }>('SELECT due_date::text AS due_date FROM cases WHERE id = $1', [may.id]);
      expect(mayRow?.due_date).toBe('2026-06-23');

      const response = await file(t, { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก', categoryCode: 'road' });
      const receipt = response.json() as PublicReceipt;
      expect(receipt.dueDate).toBe('2026-06-23');
      expect(receipt.receivedAt).toBe('2026-05-29T03:00:00.000Z');
      // พ.ศ. 2569
      expect(receipt.trackingCode.startsWith('RT-69-')).toBe(true);
    });

    it('counts from the Bangkok date, late at night and just after midnight', async () => {
      // Friday 20 Nov 2026 23:30 in Bangkok (16:30 UTC); 7 and 10 Dec 2026 are holidays.
      t.setNow(new Date('2026-11-20T23:30:00+07:00'));
      const late = (await file(t, { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก' })).json() as PublicReceipt;
      // After office hours: received Monday 23 Nov, day 1 is Tuesday.
      expect(late.dueDate).toBe('2026-12-16');

      // Friday 20 Nov 2026 00:30 in Bangkok is still Thursday in UTC: the Bangkok day counts.
      t.setNow(new Date('2026-11-20T00:30:00+07:00'));
      const early = (await file(t, { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก' })).json() as PublicReceipt;
      expect(early.dueDate).toBe('2026-12-15');

      // Received on a Saturday: counting starts on Monday, as for the Friday.
      t.setNow(new Date('2026-11-21T09:00:00+07:00'));
      const saturday = (await file(t, { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก' })).json() as PublicReceipt;
      expect(saturday.dueDate).toBe('2026-12-16');
    });

    it('takes the Buddhist-era year of the tracking code from the Bangkok date', async () => {
      // 1 Jan 2027 00:30 in Bangkok is still 31 Dec 2026 in UTC: พ.ศ. 2570.
      t.setNow(new Date('2027-01-01T00:30:00+07:00'));
      const receipt = await t.fileComplaint();
      expect(receipt.trackingCode.startsWith('RT-70-')).toBe(true);
    });

    it('stores only a hash of the access key', async () => {
      const receipt = await t.fileComplaint();
      const [row] = await t.db().query<Record<string, unknown>>('SELECT * FROM cases WHERE id = $1', [receipt.id]);
      expect(row).toBeDefined();
      expect(typeof row?.access_key_hash).toBe('string');
      expect(row?.access_key_hash).not.toBe(receipt.accessKey);
      const rowText = JSON.stringify(row);
      expect(rowText).not.toContain(receipt.accessKey);
      expect(rowText).not.toContain(receipt.accessKey.replace(/-/g, ''));
      const audit = await t.db().query<Record<string, unknown>>('SELECT * FROM audit_log WHERE entity_id = $1', [receipt.id]);
      expect(audit.length).toBeGreaterThan(0);
      expect(JSON.stringify(audit)).not.toContain(receipt.accessKey);
    });

    it('keeps the identity apart from the case, encrypted, with keyed hashes to find it', async () => {
      const receipt = await t.fileComplaint({
        description: 'เจ้าหน้าที่โรงพยาบาลพูดจาไม่สุภาพกับผู้ป่วยสูงอายุ',
        categoryCode: 'health-service',
        complainant: { name: NAME, phone: PHONE, nationalId: VALID_NATIONAL_ID },
      });
      const [row] = await t.db().query<Record<string, unknown>>('SELECT * FROM cases WHERE id = $1', [receipt.id]);
      expect(row?.complainant_id).toEqual(expect.any(String));
      const caseText = JSON.stringify(row);
      for (const secret of [NAME, PHONE, VALID_NATIONAL_ID]) expect(caseText).not.toContain(secret);

      const [complainant] = await t.db().query<{ identity_ciphertext: string; phone_hash: string | null; national_id_hash: string | null }>(
        'SELECT identity_ciphertext, phone_hash, national_id_hash FROM complainants WHERE id = $1',
        [row?.complainant_id],
      );
      expect(complainant).toBeDefined();
      expect(complainant?.identity_ciphertext.length).toBeGreaterThan(0);
      for (const secret of [NAME, 'สมหญิง', PHONE, VALID_NATIONAL_ID]) expect(complainant?.identity_ciphertext).not.toContain(secret);
      expect(complainant?.phone_hash).toEqual(expect.any(String));
      expect(complainant?.phone_hash).not.toContain(PHONE);
      expect(complainant?.national_id_hash).toEqual(expect.any(String));
      expect(complainant?.national_id_hash).not.toContain(VALID_NATIONAL_ID);

      // What was encrypted is the identity: the receiving hub may reveal it.
      const reveal = await t.request({ method: 'POST', url: `/api/v1/cases/${receipt.id}/identity`, as: 'hub.intake' });
      expect(reveal.statusCode).toBe(200);
      expect((reveal.json() as Identity).complainant).toMatchObject({
        name: NAME,
        phone: PHONE,
        nationalId: VALID_NATIONAL_ID,
      });
    });

    it('accepts an anonymous complaint and writes no complainant row', async () => {
      const before = await count(t, 'complainants');
      const receipt = await t.fileComplaint({ description: 'มีบ่อนการพนันเปิดในหมู่บ้านทุกคืน', anonymous: true });
      const [row] = await t.db().query<{ anonymous: boolean; complainant_id: string | null }>(
        'SELECT anonymous, complainant_id FROM cases WHERE id = $1',
        [receipt.id],
      );
      expect(row).toEqual({ anonymous: true, complainant_id: null });
      expect(await count(t, 'complainants')).toBe(before);
    });

    it('marks complaints in sensitive categories confidential, and others not', async () => {
      const drugs = await t.fileComplaint({ description: 'มีการซื้อขายยาเสพติดในซอยหลังตลาด', categoryCode: 'drugs' });
      const corruption = await t.fileComplaint({ description: 'เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต', categoryCode: 'corruption' });
      const road = await t.fileComplaint({ description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก', categoryCode: 'road' });
      const rows = await t.db().query<{ id: string; confidential: boolean; sensitive: boolean }>(
        'SELECT id, confidential, sensitive FROM cases WHERE id = ANY($1::uuid[])',
        [[drugs.id, corruption.id, road.id]],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(drugs.id)).toMatchObject({ confidential: true, sensitive: true });
      expect(byId.get(corruption.id)).toMatchObject({ confidential: true, sensitive: true });
      expect(byId.get(road.id)).toMatchObject({ confidential: false, sensitive: false });
    });

    it('fills in the district and province above a subdistrict given alone', async () => {
      // 660401 is Taphan Hin subdistrict, in Taphan Hin district (6604), Phichit (66).
      const receipt = await t.fileComplaint({ description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก', location: { subdistrictCode: '660401' } });
      const [row] = await t.db().query<{ province_code: string | null; district_code: string | null; subdistrict_code: string | null }>(
        'SELECT province_code, district_code, subdistrict_code FROM cases WHERE id = $1',
        [receipt.id],
      );
      expect(row).toEqual({ province_code: '66', district_code: '6604', subdistrict_code: '660401' });
    });
  });

  describe('GET /api/v1/public/complaints/{trackingCode}', () => {
    it('answers 400 without an X-Access-Key header', async () => {
      const receipt = await t.fileComplaint();
      const response = await track(t, receipt.trackingCode);
      expect(response.statusCode).toBe(400);
      const body = response.json() as ErrorBody;
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details.some((detail) => detail.field?.includes('x-access-key'))).toBe(true);
    });

    it('answers the same 404 for a wrong key, an unknown code and a malformed code', async () => {
      const receipt = await t.fileComplaint();
      const other = await t.fileComplaint();
      const wrongKey = await track(t, receipt.trackingCode, other.accessKey);
      const unknown = await track(t, 'RT-69-000000', receipt.accessKey);
      const malformed = await track(t, 'not-a-code', receipt.accessKey);
      expect(wrongKey.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(malformed.statusCode).toBe(404);
      expect(unknown.body).toBe(wrongKey.body);
      expect(malformed.body).toBe(wrongKey.body);
      expect(wrongKey.body).not.toContain(receipt.trackingCode);
    });

    it('shows the status, the holding agency and the public timeline with the right key', async () => {
      const receipt = await t.fileComplaint({ description: 'ถนนหน้าบ้านเป็นหลุมใหญ่มาก', categoryCode: 'road' });
      const response = await track(t, receipt.trackingCode, receipt.accessKey);
      expect(response.statusCode).toBe(200);
      const body = response.json() as PublicCase;
      expect(body).toMatchObject({
        trackingCode: receipt.trackingCode,
        status: 'received',
        categoryCode: 'road',
        agency: { code: 'hub-1111', name: 'ศูนย์บริการประชาชน 1111' },
      });
      expect(body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(body.timeline.map((entry) => entry.type)).toEqual(['received']);
    });

    it('shows public replies and never internal notes', async () => {
      const receipt = await t.fileComplaint();
      const note = 'บันทึกภายใน: ผู้ร้องเคยร้องเรื่องนี้มาแล้วสามครั้ง';
      const reply = 'เจ้าหน้าที่จะลงพื้นที่ตรวจสอบภายในสัปดาห์นี้';
      await t.act('hub.intake', receipt.id, 'note', { message: note });
      await t.act('hub.intake', receipt.id, 'reply', { message: reply });
      const response = await track(t, receipt.trackingCode, receipt.accessKey);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(note);
      expect(response.body).not.toContain('บันทึกภายใน');
      expect(response.body).toContain(reply);
      const body = response.json() as PublicCase;
      expect(body.timeline.map((entry) => entry.type)).toEqual(['received', 'reply']);
      expect(body.timeline[1]?.message).toBe(reply);
    });

    it('shows no identity of the complainant', async () => {
      const receipt = await t.fileComplaint({ complainant: { name: NAME, phone: PHONE, nationalId: VALID_NATIONAL_ID, email: 'somying@example.com' } });
      await bringToInProgress(t, receipt.id);
      const response = await track(t, receipt.trackingCode, receipt.accessKey);
      expect(response.statusCode).toBe(200);
      for (const secret of [NAME, 'สมหญิง', PHONE, VALID_NATIONAL_ID, 'somying@example.com']) expect(response.body).not.toContain(secret);
      expect((response.json() as PublicCase).agency.code).toBe('dho-6604');
    });

    it('accepts the tracking code typed in lower case or without dashes', async () => {
      const receipt = await t.fileComplaint();
      for (const typed of [receipt.trackingCode.toLowerCase(), receipt.trackingCode.replace(/-/g, ''), receipt.trackingCode.replace(/-/g, '').toLowerCase()]) {
        const response = await track(t, typed, receipt.accessKey);
        expect(response.statusCode, typed).toBe(200);
        expect((response.json() as PublicCase).trackingCode).toBe(receipt.trackingCode);
      }
      const lowerKey = await track(t, receipt.trackingCode, receipt.accessKey.toLowerCase());
      expect(lowerKey.statusCode).toBe(200);
    });
  });

  describe('POST /api/v1/public/complaints/{trackingCode}/messages', () => {
    it('answers 400 for an empty message and 404 for a wrong key', async () => {
      const receipt = await t.fileComplaint();
      const other = await t.fileComplaint();
      const empty = await sendMessage(t, receipt.trackingCode, receipt.accessKey, '   ');
      expect(empty.statusCode).toBe(400);
      expect(fieldsOf(empty.json())).toContain('message');
      const wrongKey = await sendMessage(t, receipt.trackingCode, other.accessKey, 'ขอสอบถามความคืบหน้า');
      expect(wrongKey.statusCode).toBe(404);
    });

    it('answers 409 on a rejected case and records nothing', async () => {
      const receipt = await t.fileComplaint();
      await t.act('hub.intake', receipt.id, 'reject', { reason: 'ไม่ใช่เรื่องร้องเรียน' });
      const contactsBefore = await count(t, 'case_contacts');
      const response = await sendMessage(t, receipt.trackingCode, receipt.accessKey, 'ขอให้พิจารณาใหม่');
      expect(response.statusCode).toBe(409);
      expect((response.json() as ErrorBody).error.code).toBe('invalid_transition');
      expect(await count(t, 'case_contacts')).toBe(contactsBefore);
    });

    it('answers a request for information: the case goes back to in_progress', async () => {
      const receipt = await t.fileComplaint();
      await bringToInProgress(t, receipt.id);
      await t.act('taphanhin.officer', receipt.id, 'request-info', { message: 'ขอทราบเลขที่บ้านที่ชัดเจน' });
      const response = await sendMessage(t, receipt.trackingCode, receipt.accessKey, 'บ้านเลขที่ 12 หมู่ 3');
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ trackingCode: receipt.trackingCode, status: 'in_progress' });
      const staff = await staffView(t, receipt.id);
      expect(staff.status).toBe('in_progress');
      expect(staff.timeline.map((event) => event.type)).toContain('info_received');
    });

    it('records a message outside awaiting_info as a follow-up contact on the case', async () => {
      const receipt = await t.fileComplaint();
      const contacts = () =>
        t.db().query<{ kind: string; channel: string }>('SELECT kind, channel FROM case_contacts WHERE case_id = $1 ORDER BY at, kind', [receipt.id]);
      expect((await contacts()).map((row) => row.kind)).toEqual(['initial']);
      const response = await sendMessage(t, receipt.trackingCode, receipt.accessKey, 'ขอสอบถามความคืบหน้า');
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ trackingCode: receipt.trackingCode, status: 'received' });
      const after = await contacts();
      expect(after).toHaveLength(2);
      expect(after.filter((row) => row.kind === 'follow_up')).toHaveLength(1);
      const [row] = await t.db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [receipt.id]);
      expect(row?.status).toBe('received');
      expect((await staffView(t, receipt.id, 'hub.intake')).contactCount).toBe(2);
    });
  });

  describe('POST /api/v1/public/complaints/{trackingCode}/feedback', () => {
    it('answers 400 naming rating for 0 and 6', async () => {
      const receipt = await fileResolvedCase(t);
      for (const rating of [0, 6, 3.5]) {
        const response = await sendFeedback(t, receipt.trackingCode, receipt.accessKey, { rating });
        expect(response.statusCode, String(rating)).toBe(400);
        expect(fieldsOf(response.json())).toContain('rating');
      }
      const [row] = await t.db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [receipt.id]);
      expect(row?.status).toBe('resolved');
    });

    it('answers 404 for a wrong key', async () => {
      const receipt = await fileResolvedCase(t);
      const other = await t.fileComplaint();
      const response = await sendFeedback(t, receipt.trackingCode, other.accessKey, { rating: 5 });
      expect(response.statusCode).toBe(404);
    });

    it('answers 409 not_resolved unless the case is resolved', async () => {
      const receipt = await t.fileComplaint();
      const received = await sendFeedback(t, receipt.trackingCode, receipt.accessKey, { rating: 5 });
      expect(received.statusCode).toBe(409);
      expect((received.json() as ErrorBody).error.code).toBe('not_resolved');
      await bringToInProgress(t, receipt.id);
      const inProgress = await sendFeedback(t, receipt.trackingCode, receipt.accessKey, { rating: 5 });
      expect(inProgress.statusCode).toBe(409);
      expect((inProgress.json() as ErrorBody).error.code).toBe('not_resolved');
      const feedback = await t.db().query('SELECT id FROM case_feedback WHERE case_id = $1', [receipt.id]);
      expect(feedback).toHaveLength(0);
    });

    it('closes a resolved case with the rating given', async () => {
      const receipt = await fileResolvedCase(t);
      const response = await sendFeedback(t, receipt.trackingCode, receipt.accessKey, { rating: 4, comment: 'ขอบคุณที่ซ่อมให้รวดเร็ว' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ trackingCode: receipt.trackingCode, status: 'closed' });
      const [row] = await t.db().query<{ status: string; satisfaction: number; closed_at: Date | null }>(
        'SELECT status, satisfaction, closed_at FROM cases WHERE id = $1',
        [receipt.id],
      );
      expect(row?.status).toBe('closed');
      expect(Number(row?.satisfaction)).toBe(4);
      expect(row?.closed_at).not.toBeNull();
      expect((await staffView(t, receipt.id)).satisfaction).toBe(4);

      const again = await sendFeedback(t, receipt.trackingCode, receipt.accessKey, { rating: 1 });
      expect(again.statusCode).toBe(409);
    });

    it('reopens a resolved case when the citizen asks', async () => {
      const receipt = await fileResolvedCase(t);
      const response = await sendFeedback(t, receipt.trackingCode, receipt.accessKey, { rating: 2, comment: 'ยังไม่ได้ซ่อมจริง', reopen: true });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ trackingCode: receipt.trackingCode, status: 'in_progress' });
      const staff = await staffView(t, receipt.id);
      expect(staff.status).toBe('in_progress');
      expect(staff.satisfaction).toBe(2);
      expect(staff.timeline.map((event) => event.type)).toContain('reopened');
      const tracking = (await track(t, receipt.trackingCode, receipt.accessKey)).json() as PublicCase;
      expect(tracking.status).toBe('in_progress');
      expect(tracking.timeline.map((entry) => entry.type)).toContain('reopened');
    });
  });
});

describeEachApp('answering a question asked during screening', (t) => {
  it('puts the case back in screening at the hub, where it can still be routed', async () => {
    const receipt = await t.fileComplaint();
    await t.act('hub.intake', receipt.id, 'screen');
    await t.act('hub.intake', receipt.id, 'request-info', { message: 'กรุณาระบุตำแหน่งที่เกิดเหตุ' });
    const answer = await t.request({
      method: 'POST',
      url: `/api/v1/public/complaints/${receipt.trackingCode}/messages`,
      headers: { 'x-access-key': receipt.accessKey },
      body: { message: 'หน้าตลาดสดเทศบาล ซอย 3' },
    });
    expect(answer.statusCode).toBe(201);
    expect(answer.json().status).toBe('screening');
    await t.act('hub.intake', receipt.id, 'assign', { agencyCode: 'dho-6604' });
  });
});
