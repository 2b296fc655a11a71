/**
 * A citizen who lost the access key (รหัสติดตาม) gets a new one, on both engines: mailed to
 * the contact given at filing on request (the old key works until the new one is first used),
 * or issued at the counter by staff who checked who the citizen is (the old key stops at once).
 * The mail goes through the application's own worker and notification channels, captured here.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notificationJobHandlers } from '../src/server/notifications/jobs.ts';
import { createWorker, type Worker } from '../src/server/platform/jobs.ts';
import { capturingChannels, type SentMessage } from './support/channels.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { z } from 'zod';
import type { AccessKeyRequestAnswerSchema, ErrorBody, CaseDetail, PublicCase, NewAccessKey } from '../src/shared/api/index.ts';

const PUBLIC_URL = 'https://rongthuk.example.go.th';
const EMAIL = 'kanda@example.com';
const KEY_IN_TEXT = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5})/;

type Filed = Awaited<ReturnType<TestApp['fileComplaint']>>;
type AccessKeyRequestAnswer = z.output<typeof AccessKeyRequestAnswerSchema>;

describeEachApp('access keys', (t: TestApp) => {
  const sent: SentMessage[] = [];
  let worker: Worker;

  beforeAll(async () => {
    for (const user of ['hub.intake', 'moph.officer', 'moph.supervisor', 'moph.cceo', 'pho50.officer', 'taphanhin.officer', 'pho66.officer']) await t.tokenFor(user);
    const handlers = notificationJobHandlers({ config: { smtpUrl: undefined, mailFrom: undefined, publicUrl: PUBLIC_URL }, channels: capturingChannels(sent) });
    worker = createWorker(t.ctx(), handlers);
  });
  beforeEach(async () => {
    await drain();
    sent.length = 0;
    t.setNow(undefined);
  });

  async function drain(): Promise<void> {
    for (let round = 0; round < 50; round++) if ((await worker.runOnce()) === 0) return;
  }

  const ask = (trackingCode: string, body?: unknown): Promise<LightMyRequestResponse> =>
    t.request({ method: 'POST', url: `/api/v1/public/complaints/${encodeURIComponent(trackingCode)}/access-key-requests`, ...(body === undefined ? {} : { body }) });
  const track = (filed: { trackingCode: string }, key: string) =>
    t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': key } });
  const reissue = (caseId: string, as: string | undefined, body: unknown = { identityCheck: 'ตรวจบัตรประชาชนตัวจริง ตรงกับข้อมูลผู้ร้อง' }) =>
    t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/access-key`, ...(as ? { as } : {}), body });
  const events = (caseId: string, type: string) =>
    t.db().query<{ actor_user_id: string | null; visibility: string; payload: Record<string, unknown> }>(
      'SELECT actor_user_id, visibility, payload FROM case_events WHERE case_id = $1 AND type = $2 ORDER BY seq',
      [caseId, type],
    );
  const audits = (caseId: string, action: string) =>
    t.db().query<{ actor_user_id: string | null; actor_label: string; details: Record<string, unknown> }>(
      'SELECT actor_user_id, actor_label, details FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY seq',
      [caseId, action],
    );
  const keyJobs = (caseId: string) => t.db().query<{ payload: Record<string, unknown> }>("SELECT payload FROM jobs WHERE type = 'notify.access-key' AND payload->>'caseId' = $1", [caseId]);

  /** The key in the last message the worker sent to `to`. */
  function mailedKey(to = EMAIL): string {
    const message = sent.filter((each) => each.to === to).at(-1);
    const key = message && KEY_IN_TEXT.exec(message.text)?.[1];
    if (!key) throw new Error(`no key was sent to ${to}`);
    return key;
  }

  /** A complaint held by the MOPH complaint centre, with the complainant's contact. */
  async function heldAtMoph(complainant: Record<string, unknown> | null = { name: 'กานดา ใจงาม', email: EMAIL }, extra: Record<string, unknown> = {}): Promise<Filed> {
    const filed = await t.fileComplaint({ ...(complainant ? { complainant } : {}), ...extra });
    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' });
    return filed;
  }

  describe('POST /api/v1/public/complaints/{trackingCode}/access-key-requests', () => {
    it('answers the same 202 for a case with an e-mail address, one without, an anonymous one, an unknown code and a malformed one; only the first gets a key', async () => {
      const withEmail = await heldAtMoph();
      const phoneOnly = await heldAtMoph({ name: 'สมปอง', phone: '0812345678' });
      const anonymous = await heldAtMoph(null, { anonymous: true });
      const answers = [];
      for (const code of [withEmail.trackingCode, phoneOnly.trackingCode, anonymous.trackingCode, 'RT-69-ZZZZZZ', 'not a code']) {
        const response = await ask(code);
        expect(response.statusCode, code).toBe(202);
        answers.push(response.body);
      }
      expect(new Set(answers).size).toBe(1);
      const answer = JSON.parse(answers[0] ?? '{}') as AccessKeyRequestAnswer;
      expect(answer.messageTh).toContain('เฉพาะเรื่องที่ให้อีเมลไว้เมื่อยื่นเรื่อง');
      expect(answer.messageTh).toContain('ติดต่อหน่วยงานที่รับเรื่อง');
      expect(answer.message).toContain('only where an e-mail address was given at filing');

      expect(await keyJobs(withEmail.id)).toHaveLength(1);
      for (const other of [phoneOnly, anonymous]) {
        expect(await keyJobs(other.id), other.trackingCode).toEqual([]);
        // Asked, and recorded as asked, with nothing sent.
        expect(await events(other.id, 'access_key_requested')).toMatchObject([{ actor_user_id: null, visibility: 'internal', payload: { channel: null } }]);
      }
      await drain();
      expect(sent.map((message) => message.to)).toEqual([EMAIL]);
      // A lower-case or spaced code reaches the same case.
      expect((await ask(` ${withEmail.trackingCode.toLowerCase()} `)).statusCode).toBe(202);
      expect(await events(withEmail.id, 'access_key_requested')).toHaveLength(2);
    });

    it('refuses a body with fields (400 naming the field) and writes nothing', async () => {
      const filed = await heldAtMoph();
      const response = await ask(filed.trackingCode, { email: 'attacker@example.com' });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.details.map((detail) => detail.field)).toContain('email');
      expect(await events(filed.id, 'access_key_requested')).toEqual([]);
    });

    it('mails a key that works beside the old one until it is first used; then the old one stops working', async () => {
      const filed = await heldAtMoph();
      expect((await ask(filed.trackingCode)).statusCode).toBe(202);
      await drain();
      const [message] = sent;
      expect(message).toMatchObject({ channel: 'email', to: EMAIL, subject: `รหัสติดตามใหม่: เรื่องเลขที่ ${filed.trackingCode}` });
      const key = mailedKey();
      expect(key).not.toBe(filed.accessKey);
      expect(message?.text).toContain(`${PUBLIC_URL}/track/${filed.trackingCode}#key=${key}`);
      expect(message?.text).toContain('รหัสเดิมจะใช้ไม่ได้อีก');
      // Nothing of the key in clear in the database: the job carries it sealed.
      const [job] = await keyJobs(filed.id);
      expect(JSON.stringify(job?.payload)).not.toContain(key);

      // Before the new key is used, the old one still works (the requester might not be the citizen).
      expect((await track(filed, filed.accessKey)).statusCode).toBe(200);
      expect(await events(filed.id, 'access_key_replaced')).toEqual([]);
      // The first use of the new key makes it the case's key.
      expect((await track(filed, key)).statusCode).toBe(200);
      expect((await track(filed, filed.accessKey)).statusCode).toBe(404);
      expect((await track(filed, key)).statusCode).toBe(200);
      expect(await events(filed.id, 'access_key_replaced')).toMatchObject([{ actor_user_id: null, visibility: 'internal', payload: { by: 'citizen' } }]);
      expect(await audits(filed.id, 'case.access_key_replaced')).toMatchObject([{ actor_label: 'citizen', details: { trackingCode: filed.trackingCode } }]);
      const [request] = await audits(filed.id, 'case.access_key_request');
      expect(request).toMatchObject({ actor_user_id: null, actor_label: 'public', details: { trackingCode: filed.trackingCode, sentBy: 'email' } });
      const allText = JSON.stringify([
        await t.db().query('SELECT details FROM audit_log WHERE entity_id = $1', [filed.id]),
        await t.db().query('SELECT payload FROM case_events WHERE case_id = $1', [filed.id]),
      ]);
      expect(allText).not.toContain(key);
      expect(allText).not.toContain(EMAIL);
    });

    it('makes the new key the case’s on any first use: a message or feedback with it works too', async () => {
      const filed = await heldAtMoph();
      await ask(filed.trackingCode);
      await drain();
      const key = mailedKey();
      const message = await t.request({
        method: 'POST',
        url: `/api/v1/public/complaints/${filed.trackingCode}/messages`,
        headers: { 'x-access-key': key },
        body: { message: 'ขอสอบถามความคืบหน้าครับ' },
      });
      expect(message.statusCode, message.body).toBe(201);
      expect((await track(filed, filed.accessKey)).statusCode).toBe(404);
      expect(await events(filed.id, 'access_key_replaced')).toHaveLength(1);
    });

    it('lets a newer request replace a mailed key not used yet, and does not send the replaced one', async () => {
      const filed = await heldAtMoph();
      await ask(filed.trackingCode);
      await drain();
      const first = mailedKey();
      await ask(filed.trackingCode);
      await drain();
      const second = mailedKey();
      expect(second).not.toBe(first);
      expect((await track(filed, first)).statusCode).toBe(404);
      expect((await track(filed, filed.accessKey)).statusCode).toBe(200);
      expect((await track(filed, second)).statusCode).toBe(200);
    });

    it(`acts on at most 3 requests a case in 24 hours, answering the rest alike; the next day it acts again`, async () => {
      const start = new Date('2026-09-07T10:00:00+07:00');
      t.setNow(start);
      const filed = await heldAtMoph();
      for (let i = 0; i < 5; i++) expect((await ask(filed.trackingCode)).statusCode).toBe(202);
      expect(await events(filed.id, 'access_key_requested')).toHaveLength(3);
      expect(await keyJobs(filed.id)).toHaveLength(3);
      await drain();
      // The third job's key is the one waiting: the two before it were replaced before they were sent.
      expect(sent).toHaveLength(1);

      t.setNow(new Date(start.getTime() + 24 * 60 * 60 * 1000 + 1000));
      expect((await ask(filed.trackingCode)).statusCode).toBe(202);
      expect(await events(filed.id, 'access_key_requested')).toHaveLength(4);
    });
  });

  describe('POST /api/v1/cases/{id}/access-key', () => {
    it('answers 401 without sign-in and 400 naming identityCheck without a note', async () => {
      const filed = await heldAtMoph();
      expect((await reissue(filed.id, undefined)).statusCode).toBe(401);
      for (const body of [{}, { identityCheck: ' ab ' }, { identityCheck: 'ตรวจบัตรแล้ว', extra: 1 }]) {
        const response = await reissue(filed.id, 'moph.officer', body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json<ErrorBody>().error.details.map((detail) => detail.field)).toEqual([Object.keys(body).includes('extra') ? 'extra' : 'identityCheck']);
      }
      expect((await track(filed, filed.accessKey)).statusCode).toBe(200);
    });

    it('answers 404 outside the agency subtree, as for no case at all, and 403 to a role that may not see the identity', async () => {
      const filed = await heldAtMoph();
      const outside = await reissue(filed.id, 'pho50.officer');
      expect(outside.statusCode).toBe(404);
      expect(outside.json()).toEqual((await reissue('5d0c8a4e-2b1f-4c3d-8e9f-0a1b2c3d4e5f', 'pho50.officer')).json());
      // The CCEO above sees the case but not who complained; the hub received it and may.
      const cceo = await reissue(filed.id, 'moph.cceo');
      expect(cceo.statusCode).toBe(403);
      expect(cceo.json<ErrorBody>().error.messageTh).toContain('สิทธิ์ดูข้อมูลผู้ร้อง');
      const permissions = async (as: string) => (await t.request({ method: 'GET', url: `/api/v1/cases/${filed.id}`, as })).json<CaseDetail>().permissions;
      expect(await permissions('moph.cceo')).not.toContain('reissue_access_key');
      expect(await permissions('moph.officer')).toContain('reissue_access_key');
      // Handed down to Taphan Hin: the MOPH complaint centre above it no longer sees who complained.
      await t.act('moph.officer', filed.id, 'forward', { agencyCode: 'dho-6604' });
      expect((await reissue(filed.id, 'moph.officer')).statusCode).toBe(403);
      expect((await reissue(filed.id, 'pho66.officer')).statusCode).toBe(403);
      expect((await track(filed, filed.accessKey)).statusCode).toBe(200);
      expect(await audits(filed.id, 'case.access_key_reissue')).toEqual([]);
    });

    it('issues a key once, the old one and a mailed one waiting stop at once; the note is kept and audited', async () => {
      const filed = await heldAtMoph();
      await ask(filed.trackingCode);
      await drain();
      const mailed = mailedKey();
      const note = 'ผู้ร้องมาที่เคาน์เตอร์ ตรวจบัตรประชาชน 1-1017-00203-45-0 ตรงกับข้อมูลผู้ร้อง';
      const response = await reissue(filed.id, 'moph.officer', { identityCheck: note });
      expect(response.statusCode, response.body).toBe(201);
      const issued = response.json<NewAccessKey>();
      expect(issued.trackingCode).toBe(filed.trackingCode);
      expect(issued.accessKey).toMatch(KEY_IN_TEXT);
      expect((await track(filed, filed.accessKey)).statusCode).toBe(404);
      expect((await track(filed, mailed)).statusCode).toBe(404);
      expect((await track(filed, issued.accessKey)).statusCode).toBe(200);

      const [event] = await events(filed.id, 'access_key_reissued');
      expect(event).toMatchObject({ visibility: 'internal', payload: { note } });
      expect(event?.actor_user_id).not.toBeNull();
      const [audit] = await audits(filed.id, 'case.access_key_reissue');
      expect(audit).toMatchObject({ actor_label: 'moph.officer', details: { trackingCode: filed.trackingCode, pendingKeyCleared: true } });
      // The audit log keeps forever: the ID number in the note is redacted there.
      expect(String(audit?.details.identityCheck)).not.toContain('1-1017-00203-45-0');
      expect(JSON.stringify(await t.db().query('SELECT details FROM audit_log WHERE entity_id = $1', [filed.id]))).not.toContain(issued.accessKey);
      // The staff timeline shows the note, redacted like every text there.
      const detail = (await t.request({ method: 'GET', url: `/api/v1/cases/${filed.id}`, as: 'moph.officer' })).json<CaseDetail>();
      expect(detail.timeline.at(-1)).toMatchObject({ type: 'access_key_reissued' });
      expect(detail.timeline.at(-1)?.message).not.toContain('1-1017-00203-45-0');
      // The citizen's timeline says nothing of it.
      const publicView = (await track(filed, issued.accessKey)).json<PublicCase>();
      expect(publicView.timeline.map((entry) => entry.type)).not.toContain('access_key_reissued');
      expect(publicView.timeline.map((entry) => entry.type)).not.toContain('access_key_requested');
      // The mailed key's job, if it ran again, would not send a key that no longer works.
      sent.length = 0;
      await t.db().query("UPDATE jobs SET status = 'pending', run_at = '-infinity' WHERE type = 'notify.access-key' AND payload->>'caseId' = $1", [filed.id]);
      await drain();
      expect(sent).toEqual([]);
    });

    it('lets the receiving agency issue one for a confidential case it took in, and not the holder', async () => {
      const filed = await heldAtMoph({ name: 'ผู้ร้องขอปกปิด', email: 'secret@example.com' }, { confidential: true });
      expect((await reissue(filed.id, 'moph.officer')).statusCode).toBe(403);
      expect((await reissue(filed.id, 'hub.intake')).statusCode).toBe(201);
    });
  });
});
