/**
 * Notifications through the real stack: staff actions enqueue them in their transaction, the
 * worker runs them, they are e-mailed through an SMTP server started in-process, and staff
 * read them through the notification API. The application notifies by itself (acceptance,
 * reply, request for information, extension and result to the citizen; assignment and
 * forwarding to the receiving agency), so the tests look at what a case's actions caused,
 * by case and recipient, and enqueue notices of their own only under keys the application
 * does not use.
 */
import type { AddressInfo } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerSessionHook } from '../src/server/agencies/sessions.ts';
import { AppError } from '../src/server/platform/errors.ts';
import { createWorker, enqueueJob, type Worker } from '../src/server/platform/jobs.ts';
import type { NotificationLogger } from '../src/server/notifications/channels.ts';
import { notificationJobHandlers } from '../src/server/notifications/jobs.ts';
import { notifyCitizen, notifyStaff } from '../src/server/notifications/notify.ts';
import { registerNotificationRoutes } from '../src/server/notifications/routes.ts';
import { toBuddhistEraDate } from '../src/shared/business-days.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { NotificationList } from '../src/shared/api/index.ts';

const PUBLIC_URL = 'https://rongthuk.example.go.th';
const MAIL_FROM = 'ร้องทุกข์ (ทดสอบ) <no-reply@rongthuk.test>';
const SMTP_USER = 'rongthuk';
const SMTP_PASSWORD = 'smtp-secret';
const INTERNAL_NOTE = 'บันทึกภายใน: ผู้ร้องรายนี้เคยร้องเรื่องเดียวกันมาแล้วสามครั้ง';
const silent: NotificationLogger = { info: () => {}, warn: () => {} };

interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  raw: string;
  authUser: string | undefined;
}

/** An SMTP server on 127.0.0.1 that keeps what it receives, or refuses it while `rejecting`. */
class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  rejecting = false;
  private readonly server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (this.rejecting) {
          callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            this.received.push({
              to: addresses(mail.to),
              from: mail.from?.text ?? '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              raw: raw.toString('utf8'),
              authUser: typeof session.user === 'string' ? session.user : undefined,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
  }

  get url(): string {
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((object) => object.value.map((entry) => entry.address ?? ''));
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = Fastify();
  await probe.listen({ port: 0, host: '127.0.0.1' });
  const { port } = probe.server.address() as AddressInfo;
  await probe.close();
  return port;
}

interface JobRow {
  id: string;
  status: string;
  attempts: number;
  run_at: Date;
  last_error: string | null;
  payload: { caseId: string; kind?: string; agencyId?: string; notice?: { kind: string } };
}

const OFFICER_EMAIL = 'taphanhin.officer@dho.example.go.th';

describeEachApp('notifications', (t: TestApp) => {
  const smtp = new TestSmtpServer();
  let clock = new Date();
  let worker: Worker;
  let agencyIds: Record<string, string>;

  /** Runs the worker until no job is due at the test clock. */
  async function drain(on: Worker = worker): Promise<number> {
    let total = 0;
    for (let ran = await on.runOnce(); ran > 0; ran = await on.runOnce()) total += ran;
    return total;
  }

  function advance(minutes: number): void {
    clock = new Date(clock.getTime() + minutes * 60_000);
  }

  /** The jobs of one type about one case, oldest first. */
  async function jobsOf(type: 'notify.citizen' | 'notify.staff', caseId: string): Promise<JobRow[]> {
    return t.db().query<JobRow>(
      "SELECT id, status, attempts, run_at, last_error, payload FROM jobs WHERE type = $1 AND payload->>'caseId' = $2 ORDER BY created_at, id",
      [type, caseId],
    );
  }

  /** The kinds of the citizen notices the case's actions enqueued, in order. */
  async function citizenNoticesOf(caseId: string): Promise<string[]> {
    return (await jobsOf('notify.citizen', caseId)).map((job) => job.payload.notice?.kind ?? '');
  }

  /** The seq of the case's event of this type (the key the application notifies under). */
  async function seqOf(caseId: string, type: string): Promise<number> {
    const rows = await t.db().query<{ seq: number }>('SELECT seq FROM case_events WHERE case_id = $1 AND type = $2', [caseId, type]);
    expect(rows).toHaveLength(1);
    return rows[0]?.seq ?? 0;
  }

  function mailsTo(address: string): ReceivedMail[] {
    return smtp.received.filter((mail) => mail.to.includes(address));
  }

  /**
   * A complaint screened at the hub, assigned to Taphan Hin and accepted there, with an
   * internal note. The assignment enqueued a notice to Taphan Hin, the acceptance one to the
   * citizen; neither has run yet.
   */
  async function acceptedCase(complainant: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) {
    const filed = await t.fileComplaint({ ...(complainant ? { complainant } : {}), ...extra });
    await t.act('hub.intake', filed.id, 'screen');
    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dho-6604' });
    await t.act('taphanhin.officer', filed.id, 'accept');
    await t.act('taphanhin.officer', filed.id, 'note', { message: INTERNAL_NOTE });
    const [row] = await t.db().query<{ due_date: string }>('SELECT due_date FROM cases WHERE id = $1', [filed.id]);
    return { ...filed, dueDate: row?.due_date ?? '' };
  }

  beforeAll(async () => {
    await smtp.start();
    const handlers = notificationJobHandlers({ config: { smtpUrl: smtp.url, mailFrom: MAIL_FROM, publicUrl: PUBLIC_URL }, logger: silent });
    worker = createWorker(t.ctx(), handlers, { now: () => clock });
    const rows = await t.db().query<{ code: string; id: string }>('SELECT code, id FROM agencies');
    agencyIds = Object.fromEntries(rows.map((row) => [row.code, row.id]));
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    await drain();
    smtp.received.length = 0;
    smtp.rejecting = false;
    await t.db().query("DELETE FROM jobs WHERE type LIKE 'notify.%'");
  });

  describe('to the citizen', () => {
    it('on acceptance e-mails the citizen in Thai: the tracking link and due date, never the access key, the note or the identity', async () => {
      const filed = await acceptedCase({ name: 'สมหญิง รักถิ่น', phone: '081-234-5678', email: 'Somying@Example.com' });
      // The accept action enqueued the notice in its transaction; the e-mail goes out when the worker runs it.
      expect(await jobsOf('notify.citizen', filed.id)).toMatchObject([{ status: 'pending', attempts: 0, payload: { notice: { kind: 'accepted' } } }]);
      expect(smtp.received).toHaveLength(0);
      await drain();

      const mails = mailsTo('somying@example.com');
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail?.to).toEqual(['somying@example.com']);
      expect(mail?.from).toContain('no-reply@rongthuk.test');
      expect(mail?.authUser).toBe(SMTP_USER);
      expect(mail?.subject).toBe(`รับเรื่องแล้ว: เรื่องเลขที่ ${filed.trackingCode}`);
      expect(mail?.text).toContain('สำนักงานสาธารณสุขอำเภอตะพานหิน รับเรื่องร้องเรียนเลขที่');
      expect(mail?.text).toContain(`ภายในวันที่ ${toBuddhistEraDate(filed.dueDate)}`);
      expect(mail?.text).toContain(`${PUBLIC_URL}/track/${filed.trackingCode}`);
      for (const secret of [filed.accessKey, INTERNAL_NOTE, 'สมหญิง', '081-234-5678', '0812345678']) {
        expect(mail?.raw).not.toContain(secret);
        expect(mail?.text).not.toContain(secret);
      }
      expect((await jobsOf('notify.citizen', filed.id)).map((job) => job.status)).toEqual(['done']);
    });

    it('on a reply, a request for information, an extension and the result e-mails the citizen each with its text, and nothing for internal work', async () => {
      const filed = await acceptedCase({ email: 'citizen@example.com' });
      await t.act('taphanhin.officer', filed.id, 'reply', { message: 'จะส่งเจ้าหน้าที่ไปตรวจสอบภายในสัปดาห์นี้' });
      await t.act('taphanhin.officer', filed.id, 'request-info', { message: 'ขอภาพถ่ายจุดที่เกิดเหตุเพิ่มเติม' });
      await t.act('taphanhin.officer', filed.id, 'extend', { businessDays: 5, reason: 'ต้องรองบประมาณซ่อมจากจังหวัด' });
      await t.act('taphanhin.officer', filed.id, 'note', { message: INTERNAL_NOTE });
      await t.act('taphanhin.officer', filed.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
      const [row] = await t.db().query<{ due_date: string }>('SELECT due_date FROM cases WHERE id = $1', [filed.id]);
      const extendedTo = row?.due_date ?? '';
      expect(extendedTo > filed.dueDate).toBe(true);
      // One notice per public step, in order; the internal notes (and the screening) told the citizen nothing.
      expect(await citizenNoticesOf(filed.id)).toEqual(['accepted', 'reply', 'info_requested', 'extended', 'resolved']);
      await drain();

      const mails = mailsTo('citizen@example.com');
      const bySubject = (prefix: string) => mails.filter((mail) => mail.subject.startsWith(prefix));
      expect(mails).toHaveLength(5);
      expect(bySubject('รับเรื่องแล้ว')).toHaveLength(1);
      expect(bySubject('หน่วยงานตอบเรื่องเลขที่')[0]?.text).toContain('จะส่งเจ้าหน้าที่ไปตรวจสอบภายในสัปดาห์นี้');
      expect(bySubject('ขอข้อมูลเพิ่มเติม')[0]?.text).toContain('ขอภาพถ่ายจุดที่เกิดเหตุเพิ่มเติม');
      const extended = bySubject('ขยายเวลาดำเนินการ');
      expect(extended).toHaveLength(1);
      expect(extended[0]?.text).toContain(`ภายในวันที่ ${toBuddhistEraDate(extendedTo)}`);
      expect(extended[0]?.text).toContain('เหตุผล: ต้องรองบประมาณซ่อมจากจังหวัด');
      const resolved = bySubject('แจ้งผลการดำเนินการ');
      expect(resolved).toHaveLength(1);
      expect(resolved[0]?.text).toContain('ผลการดำเนินการ: แก้ไขปัญหาแล้ว');
      expect(resolved[0]?.text).toContain('ซ่อมถนนเรียบร้อยแล้ว');
      // Until when the citizen may answer (the confirmation window), in the Buddhist era.
      const [window] = await t.db().query<{ confirmation_until: string }>('SELECT confirmation_until FROM cases WHERE id = $1', [filed.id]);
      expect(resolved[0]?.text).toContain(`ขอให้พิจารณาใหม่ได้ที่หน้าติดตามเรื่อง ภายในวันที่ ${toBuddhistEraDate(window?.confirmation_until ?? '')}`);
      for (const mail of mails) {
        expect(mail.to).toEqual(['citizen@example.com']);
        expect(mail.subject).toContain(filed.trackingCode);
        expect(mail.text).toContain(`${PUBLIC_URL}/track/${filed.trackingCode}`);
        expect(mail.raw).not.toContain(filed.accessKey);
        expect(mail.text).not.toContain(INTERNAL_NOTE);
      }
    });

    it('writes in English to a complainant who chose English when filing, with no locale on the notice', async () => {
      const filed = await acceptedCase({ name: 'John Smith', email: 'john@example.com', language: 'en' });
      await drain();
      const mails = mailsTo('john@example.com');
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toBe(`Complaint ${filed.trackingCode} accepted`);
      expect(mails[0]?.text).not.toMatch(/รับเรื่องแล้ว/);
    });

    it('writes the English variant', async () => {
      const filed = await acceptedCase({ email: 'visitor@example.com' });
      await drain();
      expect(mailsTo('visitor@example.com').map((mail) => mail.subject)).toEqual([`รับเรื่องแล้ว: เรื่องเลขที่ ${filed.trackingCode}`]);
      smtp.received.length = 0;
      // Under a key of its own: the application's acceptance notice (keyed by the event's seq) is already there.
      await t.db().transaction((tx) => notifyCitizen(tx, { caseId: filed.id, kind: 'accepted', key: 'test:english-variant', locale: 'en' }));
      expect(await drain()).toBe(1);
      const mails = mailsTo('visitor@example.com');
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toBe(`Complaint ${filed.trackingCode} accepted`);
      expect(mails[0]?.text).toContain('Taphan Hin');
      expect(mails[0]?.text).toContain(`${PUBLIC_URL}/track/${filed.trackingCode}`);
    });

    it('sends once for one event however often it is enqueued, and only after its transaction commits', async () => {
      const filed = await acceptedCase({ email: 'once@example.com' });
      // Enqueued again under the key the accept action used (its event's seq): still one job.
      const accepted = await seqOf(filed.id, 'accepted');
      for (let i = 0; i < 3; i++) {
        await t.db().transaction((tx) => notifyCitizen(tx, { caseId: filed.id, kind: 'accepted', key: accepted }));
      }
      expect(await citizenNoticesOf(filed.id)).toEqual(['accepted']);
      await expect(
        t.db().transaction(async (tx) => {
          await notifyCitizen(tx, { caseId: filed.id, kind: 'reply', key: 'test:rolled-back', message: 'ข้อความที่ไม่ได้บันทึก' });
          throw new Error('the use case failed');
        }),
      ).rejects.toThrow('the use case failed');
      expect(await citizenNoticesOf(filed.id)).toEqual(['accepted']);
      await drain();
      expect(mailsTo('once@example.com').map((mail) => mail.subject)).toEqual([`รับเรื่องแล้ว: เรื่องเลขที่ ${filed.trackingCode}`]);
    });

    it('does not notify of an action that was refused', async () => {
      const filed = await acceptedCase({ email: 'refused@example.com' });
      // Accepting twice is refused by the state machine: no second acceptance notice.
      const again = await t.request({ method: 'POST', url: `/api/v1/cases/${filed.id}/actions/accept`, as: 'taphanhin.officer', body: {} });
      expect(again.statusCode).toBe(409);
      expect(await citizenNoticesOf(filed.id)).toEqual(['accepted']);
    });

    it('sends nothing for an anonymous complaint or a complainant without an e-mail address', async () => {
      const anonymous = await acceptedCase(undefined, { anonymous: true });
      const phoneOnly = await acceptedCase({ name: 'ผู้ร้อง', phone: '0891234567' });
      // The acceptance notices were enqueued all the same; the job finds nobody to write to.
      expect(await citizenNoticesOf(anonymous.id)).toEqual(['accepted']);
      expect(await citizenNoticesOf(phoneOnly.id)).toEqual(['accepted']);
      await drain();
      expect(smtp.received.filter((mail) => mail.subject.startsWith('รับเรื่องแล้ว'))).toHaveLength(0);
      expect((await jobsOf('notify.citizen', anonymous.id)).map((job) => job.status)).toEqual(['done']);
      expect((await jobsOf('notify.citizen', phoneOnly.id)).map((job) => job.status)).toEqual(['done']);
    });

    it('e-mails a requested access key to the address given at filing, in Thai or in English as chosen, with the tracking link; the key works', async () => {
      const thai = await acceptedCase({ name: 'กานดา', email: 'key@example.com' });
      const english = await acceptedCase({ name: 'Jane', email: 'key-en@example.com', language: 'en' });
      await drain();
      smtp.received.length = 0;
      for (const filed of [thai, english]) {
        const asked = await t.request({ method: 'POST', url: `/api/v1/public/complaints/${filed.trackingCode}/access-key-requests` });
        expect(asked.statusCode).toBe(202);
      }
      await drain();
      const [thaiMail] = mailsTo('key@example.com');
      const [englishMail] = mailsTo('key-en@example.com');
      expect(thaiMail?.subject).toBe(`รหัสติดตามใหม่: เรื่องเลขที่ ${thai.trackingCode}`);
      expect(englishMail?.subject).toBe(`New access key for complaint ${english.trackingCode}`);
      expect(englishMail?.text).toContain('your old key stops working');
      for (const [mail, filed] of [[thaiMail, thai], [englishMail, english]] as const) {
        expect(mail?.to).toHaveLength(1);
        const key = /#key=([0-9A-Z-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
        expect(mail?.text).toContain(`${PUBLIC_URL}/track/${filed.trackingCode}#key=${key}`);
        expect(mail?.raw).not.toContain(filed.accessKey);
        expect(mail?.text).not.toContain(INTERNAL_NOTE);
        const followed = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': key } });
        expect(followed.statusCode).toBe(200);
      }
    });

    it('logs a requested key as skipped without the key, the address or the code when no SMTP server is configured', async () => {
      const lines: string[] = [];
      const unconfigured = createWorker(
        t.ctx(),
        notificationJobHandlers({
          config: { smtpUrl: undefined, mailFrom: undefined, publicUrl: PUBLIC_URL },
          logger: { info: (details, message) => lines.push(JSON.stringify({ details, message })), warn: (details, message) => lines.push(JSON.stringify({ details, message })) },
        }),
        { now: () => clock },
      );
      const filed = await acceptedCase({ email: 'nolog@example.com' });
      await t.request({ method: 'POST', url: `/api/v1/public/complaints/${filed.trackingCode}/access-key-requests` });
      await drain(unconfigured);
      const [job] = await t.db().query<{ id: string; status: string }>("SELECT id, status FROM jobs WHERE type = 'notify.access-key' AND payload->>'caseId' = $1", [filed.id]);
      expect(job?.status).toBe('done');
      expect(lines.some((line) => line.includes(`rongthuk.notify-access-key.${job?.id}`))).toBe(true);
      for (const line of lines) {
        expect(line).not.toContain('nolog@example.com');
        expect(line).not.toMatch(/[0-9A-Z]{4}(-[0-9A-Z]{4}){5}/);
      }
    });

    it('refuses a notice without its text', async () => {
      const filed = await acceptedCase({ email: 'x@example.com' });
      await expect(
        t.db().transaction((tx) => notifyCitizen(tx, { caseId: filed.id, kind: 'reply', key: 1, message: '  ' })),
      ).rejects.toThrow();
    });
  });

  describe('when the mail server fails', () => {
    it('retries a refused message with backoff until the server takes it: late, not lost', async () => {
      const filed = await acceptedCase({ email: 'retry@example.com' });
      smtp.rejecting = true;

      await drain();
      let [job] = await jobsOf('notify.citizen', filed.id);
      expect(job).toMatchObject({ status: 'pending', attempts: 1 });
      expect(job?.run_at.getTime()).toBeGreaterThan(clock.getTime());
      expect(job?.last_error).toMatch(/451|unavailable/i);
      expect(await drain()).toBe(0); // not due yet

      advance(5);
      await drain();
      [job] = await jobsOf('notify.citizen', filed.id);
      expect(job).toMatchObject({ status: 'pending', attempts: 2 });
      expect(mailsTo('retry@example.com')).toHaveLength(0);

      smtp.rejecting = false;
      advance(10);
      await drain();
      [job] = await jobsOf('notify.citizen', filed.id);
      expect(job).toMatchObject({ status: 'done', attempts: 3 });
      expect(mailsTo('retry@example.com').map((mail) => mail.subject)).toEqual([`รับเรื่องแล้ว: เรื่องเลขที่ ${filed.trackingCode}`]);
    });

    it('retries when nothing listens on the SMTP port, and sends once a server is there', async () => {
      const port = await closedPort();
      const unreachable = createWorker(
        t.ctx(),
        notificationJobHandlers({ config: { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: MAIL_FROM, publicUrl: PUBLIC_URL }, logger: silent }),
        { now: () => clock },
      );
      const filed = await acceptedCase({ email: 'down@example.com' });
      await drain(unreachable);
      const [job] = await jobsOf('notify.citizen', filed.id);
      expect(job).toMatchObject({ status: 'pending', attempts: 1 });
      expect(job?.last_error).toMatch(/ECONNREFUSED|connect/i);

      advance(5);
      await drain();
      expect(mailsTo('down@example.com').map((mail) => mail.subject)).toEqual([`รับเรื่องแล้ว: เรื่องเลขที่ ${filed.trackingCode}`]);
      expect(await jobsOf('notify.citizen', filed.id)).toMatchObject([{ status: 'done', attempts: 2 }]);
    });

    it('logs e-mail as skipped when no SMTP server is configured, and finishes the job', async () => {
      const logged: Array<{ message: string; reference: unknown }> = [];
      const unconfigured = createWorker(
        t.ctx(),
        notificationJobHandlers({
          config: { smtpUrl: undefined, mailFrom: undefined, publicUrl: PUBLIC_URL },
          logger: { info: (details, message) => logged.push({ message, reference: (details as { reference?: unknown }).reference }), warn: () => {} },
        }),
        { now: () => clock },
      );
      const filed = await acceptedCase({ email: 'nobody@example.com' });
      await drain(unconfigured);
      const [job] = await jobsOf('notify.citizen', filed.id);
      expect(job?.status).toBe('done');
      expect(logged.filter((entry) => String(entry.reference).startsWith('rongthuk.notify-citizen.'))).toEqual([
        { message: 'email is not configured: message skipped', reference: `rongthuk.notify-citizen.${job?.id}` },
      ]);
      expect(smtp.received).toHaveLength(0);
    });
  });

  describe('to staff', () => {
    beforeAll(async () => {
      await t.db().query('UPDATE users SET email = $1 WHERE username = $2', [OFFICER_EMAIL, 'taphanhin.officer']);
    });

    async function notificationsOf(username: string, caseId: string) {
      return t.db().query<{ kind: string; title: string; body: string; emailed_at: Date | null }>(
        'SELECT n.kind, n.title, n.body, n.emailed_at FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.case_id = $2 ORDER BY n.created_at, n.id',
        [username, caseId],
      );
    }

    it('on a return tells the screeners of the agency it goes back to, with the reason', async () => {
      const filed = await t.fileComplaint();
      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dho-6604' });
      await t.act('taphanhin.officer', filed.id, 'return', { reason: 'ไม่อยู่ในเขตรับผิดชอบของ สสอ.' });
      await drain();
      const [notice] = await notificationsOf('hub.intake', filed.id);
      expect(notice?.kind).toBe('assigned');
      expect(notice?.body).toContain('ไม่อยู่ในเขตรับผิดชอบของ สสอ.');
      expect(await notificationsOf('hub.admin', filed.id)).toEqual([]);
    });

    it('on assignment tells the receiving agency’s case officers in the app, and e-mails those with an address', async () => {
      const filed = await acceptedCase({ email: 'c@example.com', phone: '0812345678' }, { description: 'ท่อระบายน้ำอุดตัน ติดต่อ 081-999-8888' });
      // The assign action enqueued it, for the agency it assigned to.
      expect(await jobsOf('notify.staff', filed.id)).toMatchObject([
        { status: 'pending', payload: { kind: 'assigned', agencyId: agencyIds['dho-6604'], roles: ['case_officer', 'supervisor'] } },
      ]);
      await drain();

      const officer = await notificationsOf('taphanhin.officer', filed.id);
      expect(officer).toHaveLength(1);
      expect(officer[0]?.kind).toBe('assigned');
      expect(officer[0]?.title).toBe(`เรื่องใหม่ถึงหน่วยงานของท่าน: ${filed.trackingCode}`);
      expect(officer[0]?.body).toContain('[หมายเลขโทรศัพท์]');
      expect(officer[0]?.body).not.toContain('081-999-8888');
      expect(officer[0]?.emailed_at).not.toBeNull();
      // Not the intake officer of the same agency (another role), nor the agencies above or the hub that assigned it.
      for (const other of ['taphanhin.intake', 'pho66.officer', 'moph.officer', 'moph.supervisor', 'hub.intake', 'hub.supervisor']) {
        expect(await notificationsOf(other, filed.id), other).toHaveLength(0);
      }

      const mails = mailsTo(OFFICER_EMAIL);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail?.to).toEqual([OFFICER_EMAIL]);
      expect(mail?.subject).toBe(`เรื่องใหม่ถึงหน่วยงานของท่าน: ${filed.trackingCode}`);
      expect(mail?.text).toContain(`${PUBLIC_URL}/staff/cases/${filed.id}`);
      expect(mail?.raw).not.toContain('081-999-8888');
      expect(mail?.raw).not.toContain(filed.accessKey);
      // The citizen's acceptance e-mail is a message of its own, to the citizen only.
      expect(mailsTo('c@example.com').map((citizenMail) => citizenMail.to)).toEqual([['c@example.com']]);
    });

    it('on assignment and forwarding tells the case officers and supervisors of each receiving agency, nobody else', async () => {
      const filed = await t.fileComplaint();
      await t.act('hub.intake', filed.id, 'screen');
      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' });
      await drain();
      expect(await notificationsOf('moph.officer', filed.id)).toMatchObject([{ kind: 'assigned' }]);
      expect(await notificationsOf('moph.supervisor', filed.id)).toMatchObject([{ kind: 'assigned' }]);
      for (const other of ['moph.admin', 'moph.cceo', 'hub.intake', 'hub.supervisor', 'pho66.officer', 'taphanhin.officer']) {
        expect(await notificationsOf(other, filed.id), other).toHaveLength(0);
      }

      await t.act('moph.officer', filed.id, 'forward', { agencyCode: 'dho-6604' });
      expect((await jobsOf('notify.staff', filed.id)).map((job) => job.payload.agencyId)).toEqual([agencyIds['moph-complaint'], agencyIds['dho-6604']]);
      await drain();
      expect(await notificationsOf('taphanhin.officer', filed.id)).toMatchObject([{ kind: 'assigned', title: `เรื่องใหม่ถึงหน่วยงานของท่าน: ${filed.trackingCode}` }]);
      expect(await notificationsOf('taphanhin.intake', filed.id)).toHaveLength(0);
      expect(await notificationsOf('pho66.officer', filed.id)).toHaveLength(0);
      // Those told of the first assignment are not told again.
      expect(await notificationsOf('moph.officer', filed.id)).toHaveLength(1);
      expect(await notificationsOf('moph.supervisor', filed.id)).toHaveLength(1);
      expect(mailsTo(OFFICER_EMAIL).map((mail) => mail.subject)).toEqual([`เรื่องใหม่ถึงหน่วยงานของท่าน: ${filed.trackingCode}`]);
    });

    it('does not notify or e-mail twice when the notice is enqueued again or its job runs again', async () => {
      const filed = await acceptedCase(undefined);
      // Enqueued again under the key the assign action used (its event's seq): still one job.
      const assigned = await seqOf(filed.id, 'assigned');
      await t.db().transaction((tx) =>
        notifyStaff(tx, { caseId: filed.id, kind: 'assigned', agencyId: agencyIds['dho-6604'] ?? '', roles: ['case_officer', 'supervisor'], key: assigned }),
      );
      const jobs = await jobsOf('notify.staff', filed.id);
      expect(jobs).toHaveLength(1);
      await drain();
      // The same payload again under another job key, as after a lost job result.
      await t.db().transaction((tx) => enqueueJob(tx, { type: 'notify.staff', payload: jobs[0]?.payload, idempotencyKey: 'test:replayed' }));
      expect(await drain()).toBe(1);

      expect(await notificationsOf('taphanhin.officer', filed.id)).toHaveLength(1);
      expect(mailsTo(OFFICER_EMAIL)).toHaveLength(1);
      expect(mailsTo(OFFICER_EMAIL)[0]?.subject).toBe(`เรื่องใหม่ถึงหน่วยงานของท่าน: ${filed.trackingCode}`);
    });

    it('keeps the in-app notification when the e-mail fails, and e-mails it on the retry', async () => {
      const filed = await acceptedCase(undefined);
      smtp.rejecting = true;
      await drain();
      expect(await notificationsOf('taphanhin.officer', filed.id)).toMatchObject([{ kind: 'assigned', emailed_at: null }]);
      expect(await jobsOf('notify.staff', filed.id)).toMatchObject([{ status: 'pending', attempts: 1 }]);
      expect(mailsTo(OFFICER_EMAIL)).toHaveLength(0);

      smtp.rejecting = false;
      advance(5);
      await drain();
      expect(mailsTo(OFFICER_EMAIL)).toHaveLength(1);
      expect((await notificationsOf('taphanhin.officer', filed.id))[0]?.emailed_at).not.toBeNull();
      expect(await jobsOf('notify.staff', filed.id)).toMatchObject([{ status: 'done', attempts: 2 }]);
    });

    it('notifies of a kind the timers send (overdue) once per key, to the roles given', async () => {
      const filed = await acceptedCase(undefined);
      await drain();
      smtp.received.length = 0;
      const options = { caseId: filed.id, kind: 'overdue' as const, agencyId: agencyIds['dho-6604'] ?? '', roles: ['case_officer' as const, 'intake_officer' as const], key: 'test:2026-06-12' };
      await t.db().transaction((tx) => notifyStaff(tx, options));
      await t.db().transaction((tx) => notifyStaff(tx, options));
      advance(1);
      expect(await drain()).toBe(1);
      expect(await notificationsOf('taphanhin.officer', filed.id)).toMatchObject([{ kind: 'assigned' }, { kind: 'overdue' }]);
      expect(await notificationsOf('taphanhin.intake', filed.id)).toMatchObject([{ kind: 'overdue' }]);
      expect(smtp.received.map((mail) => mail.to)).toEqual([[OFFICER_EMAIL]]);
      expect(smtp.received[0]?.subject).toContain('เกินกำหนดแล้ว');
    });
  });

  describe('GET /api/v1/notifications and POST /api/v1/notifications/{id}/read', () => {
    let api: FastifyInstance;
    const officerIds: string[] = [];

    /** The routes on the app when http.ts registers them; until then on an app of their own. */
    async function request(options: { method: 'GET' | 'POST'; url: string; as?: string }) {
      const headers = options.as ? { authorization: `Bearer ${await t.tokenFor(options.as)}` } : {};
      return api.inject({ method: options.method, url: options.url, headers });
    }

    beforeAll(async () => {
      api = t.app().hasRoute({ method: 'GET', url: '/api/v1/notifications' }) ? t.app() : await standaloneApp(t);
      await drain();
      await t.db().query('DELETE FROM notifications');
      // The assignment tells the officer first; then five reminders, a minute apart.
      const filed = await acceptedCase(undefined);
      await drain();
      for (let key = 1; key <= 5; key++) {
        advance(1);
        await t.db().transaction((tx) =>
          notifyStaff(tx, { caseId: filed.id, kind: 'progress_reminder', agencyId: agencyIds['dho-6604'] ?? '', roles: ['case_officer'], key: `test:reminder-${key}` }),
        );
        t.setNow(clock);
        await drain();
      }
      t.setNow(undefined);
      const rows = await t.db().query<{ id: string; kind: string }>(
        "SELECT n.id, n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'taphanhin.officer' ORDER BY n.created_at DESC, n.id DESC",
      );
      expect(rows.map((row) => row.kind)).toEqual([...Array<string>(5).fill('progress_reminder'), 'assigned']);
      officerIds.push(...rows.map((row) => row.id));
    });
    afterAll(async () => {
      if (api !== t.app()) await api.close();
    });

    it('401 without a session', async () => {
      expect((await request({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
      expect((await request({ method: 'POST', url: `/api/v1/notifications/${officerIds[0]}/read` })).statusCode).toBe(401);
    });

    it('400 for a bad query, cursor or id', async () => {
      for (const url of ['/api/v1/notifications?limit=0', '/api/v1/notifications?unread=yes', '/api/v1/notifications?cursor=garbage', '/api/v1/notifications?other=1']) {
        const response = await request({ method: 'GET', url, as: 'taphanhin.officer' });
        expect(response.statusCode, url).toBe(400);
        expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
      }
      expect((await request({ method: 'POST', url: '/api/v1/notifications/not-a-uuid/read', as: 'taphanhin.officer' })).statusCode).toBe(400);
    });

    it('lists only your own, newest first, in keyset pages', async () => {
      const first = await request({ method: 'GET', url: '/api/v1/notifications?limit=2', as: 'taphanhin.officer' });
      expect(first.statusCode).toBe(200);
      const page1 = first.json() as NotificationList;
      expect(page1.items.map((item) => item.id)).toEqual(officerIds.slice(0, 2));
      expect(page1.items[0]).toMatchObject({ kind: 'progress_reminder', readAt: null });
      expect(page1.unreadCount).toBe(6);
      const seen = [...page1.items.map((item) => item.id)];
      let cursor: string | null = page1.nextCursor;
      while (cursor) {
        const page = (await request({ method: 'GET', url: `/api/v1/notifications?limit=2&cursor=${cursor}`, as: 'taphanhin.officer' })).json() as NotificationList;
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(officerIds);

      const other = (await request({ method: 'GET', url: '/api/v1/notifications', as: 'pho66.officer' })).json() as NotificationList;
      expect(other).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    });

    it('marks your own read (204, again 204); another user’s or an unknown one is 404', async () => {
      const [newest, second] = officerIds;
      expect((await request({ method: 'POST', url: `/api/v1/notifications/${second}/read`, as: 'pho66.officer' })).statusCode).toBe(404);
      expect((await request({ method: 'POST', url: '/api/v1/notifications/00000000-0000-4000-8000-000000000000/read', as: 'taphanhin.officer' })).statusCode).toBe(404);

      const read = await request({ method: 'POST', url: `/api/v1/notifications/${second}/read`, as: 'taphanhin.officer' });
      expect(read.statusCode).toBe(204);
      expect(read.body).toBe('');
      expect((await request({ method: 'POST', url: `/api/v1/notifications/${second}/read`, as: 'taphanhin.officer' })).statusCode).toBe(204);

      const unread = (await request({ method: 'GET', url: '/api/v1/notifications?unread=true', as: 'taphanhin.officer' })).json() as NotificationList;
      expect(unread.items.map((item) => item.id)).toEqual(officerIds.filter((id) => id !== second));
      expect(unread.unreadCount).toBe(5);
      const all = (await request({ method: 'GET', url: '/api/v1/notifications', as: 'taphanhin.officer' })).json() as NotificationList;
      expect(all.items.find((item) => item.id === second)?.readAt).not.toBeNull();
      expect(all.items.find((item) => item.id === newest)?.readAt).toBeNull();
    });
  });
});

/**
 * The notification routes on an app of their own, with the session hook and the error shape
 * of platform/http.ts, for as long as http.ts does not register them.
 */
async function standaloneApp(t: TestApp): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AppError) {
      void reply.code(error.status).send({ error: { code: error.code, message: error.message, messageTh: error.messageTh, details: error.details } });
      return;
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    void reply.code(status).send({ error: { code: status === 400 ? 'validation_failed' : 'internal_error', message: (error as Error).message } });
  });
  await app.register(fastifyCookie);
  registerSessionHook(app, t.ctx());
  registerNotificationRoutes(app, t.ctx());
  await app.ready();
  return app;
}

