/**
 * Notifications through the real stack: jobs enqueued in a transaction, run by the worker,
 * e-mailed through an SMTP server started in-process, and the staff notification API.
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
  status: string;
  attempts: number;
  run_at: Date;
  last_error: string | null;
}

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

  async function jobsOf(type: string): Promise<JobRow[]> {
    return t.db().query<JobRow>('SELECT status, attempts, run_at, last_error FROM jobs WHERE type = $1 ORDER BY created_at', [type]);
  }

  /** A complaint screened at the hub, assigned to Taphan Hin and accepted there, with an internal note. */
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
    it('e-mails acceptance in Thai: the tracking link and due date, never the access key, the note or the identity', async () => {
      const filed = await acceptedCase({ name: 'สมหญิง รักถิ่น', phone: '081-234-5678', email: 'Somying@Example.com' });
      await t.db().transaction((tx) => notifyCitizen(tx, { caseId: filed.id, kind: 'accepted', key: 3 }));
      expect(smtp.received).toHaveLength(0);
      expect(await drain()).toBe(1);

      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
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
      expect((await jobsOf('notify.citizen')).map((job) => job.status)).toEqual(['done']);
    });

    it('sends a reply, a request for information, an extension and the result, each with its text', async () => {
      const filed = await acceptedCase({ email: 'citizen@example.com' });
      await t.act('taphanhin.officer', filed.id, 'reply', { message: 'จะส่งเจ้าหน้าที่ไปตรวจสอบภายในสัปดาห์นี้' });
      await t.act('taphanhin.officer', filed.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
      await t.db().transaction(async (tx) => {
        await notifyCitizen(tx, { caseId: filed.id, kind: 'reply', key: 6, message: 'จะส่งเจ้าหน้าที่ไปตรวจสอบภายในสัปดาห์นี้' });
        await notifyCitizen(tx, { caseId: filed.id, kind: 'info_requested', key: 7, message: 'ขอภาพถ่ายจุดที่เกิดเหตุเพิ่มเติม' });
        await notifyCitizen(tx, { caseId: filed.id, kind: 'extended', key: 8, newDueDate: '2026-07-03', reason: 'ต้องรองบประมาณซ่อมจากจังหวัด' });
        await notifyCitizen(tx, { caseId: filed.id, kind: 'resolved', key: 9, message: 'ซ่อมถนนเรียบร้อยแล้ว' });
      });
      expect(await drain()).toBe(4);

      const bySubject = (prefix: string) => smtp.received.find((mail) => mail.subject.startsWith(prefix));
      expect(smtp.received).toHaveLength(4);
      expect(bySubject('หน่วยงานตอบเรื่องเลขที่')?.text).toContain('จะส่งเจ้าหน้าที่ไปตรวจสอบภายในสัปดาห์นี้');
      expect(bySubject('ขอข้อมูลเพิ่มเติม')?.text).toContain('ขอภาพถ่ายจุดที่เกิดเหตุเพิ่มเติม');
      const extended = bySubject('ขยายเวลาดำเนินการ')?.text;
      expect(extended).toContain('ภายในวันที่ 3 กรกฎาคม 2569');
      expect(extended).toContain('เหตุผล: ต้องรองบประมาณซ่อมจากจังหวัด');
      const resolved = bySubject('แจ้งผลการดำเนินการ')?.text;
      expect(resolved).toContain('ผลการดำเนินการ: แก้ไขปัญหาแล้ว');
      expect(resolved).toContain('ซ่อมถนนเรียบร้อยแล้ว');
      for (const mail of smtp.received) {
        expect(mail.to).toEqual(['citizen@example.com']);
        expect(mail.subject).toContain(filed.trackingCode);
        expect(mail.text).toContain(`${PUBLIC_URL}/track/${filed.trackingCode}`);
        expect(mail.raw).not.toContain(filed.accessKey);
        expect(mail.text).not.toContain(INTERNAL_NOTE);
      }
    });

    it('writes the English variant', async () => {
      const filed = await acceptedCase({ email: 'visitor@example.com' });
      await t.db().transaction((tx) => notifyCitizen(tx, { caseId: filed.id, kind: 'accepted', key: 3, locale: 'en' }));
      await drain();
      expect(smtp.received[0]?.subject).toBe(`Complaint ${filed.trackingCode} accepted`);
      expect(smtp.received[0]?.text).toContain('Taphan Hin');
      expect(smtp.received[0]?.text).toContain(`${PUBLIC_URL}/track/${filed.trackingCode}`);
    });

    it('sends once for one event however often the use case enqueues it, and only after its transaction commits', async () => {
      const filed = await acceptedCase({ email: 'once@example.com' });
      for (let i = 0; i < 3; i++) {
        await t.db().transaction((tx) => notifyCitizen(tx, { caseId: filed.id, kind: 'accepted', key: 3 }));
      }
      await expect(
        t.db().transaction(async (tx) => {
          await notifyCitizen(tx, { caseId: filed.id, kind: 'reply', key: 99, message: 'ข้อความที่ไม่ได้บันทึก' });
          throw new Error('the use case failed');
        }),
      ).rejects.toThrow('the use case failed');
      expect(await drain()).toBe(1);
      expect(smtp.received.map((mail) => mail.subject)).toEqual([`รับเรื่องแล้ว: เรื่องเลขที่ ${filed.trackingCode}`]);
    });

    it('sends nothing for an anonymous complaint or a complainant without an e-mail address', async () => {
      const anonymous = await acceptedCase(undefined, { anonymous: true });
      const phoneOnly = await acceptedCase({ name: 'ผู้ร้อง', phone: '0891234567' });
      await t.db().transaction(async (tx) => {
        await notifyCitizen(tx, { caseId: anonymous.id, kind: 'accepted', key: 3 });
        await notifyCitizen(tx, { caseId: phoneOnly.id, kind: 'accepted', key: 3 });
      });
      expect(await drain()).toBe(2);
      expect(smtp.received).toHaveLength(0);
      expect((await jobsOf('notify.citizen')).map((job) => job.status)).toEqual(['done', 'done']);
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
      await t.db().transaction((tx) => notifyCitizen(tx, { caseId: filed.id, kind: 'accepted', key: 3 }));
      smtp.rejecting = true;

      expect(await drain()).toBe(1);
      let [job] = await jobsOf('notify.citizen');
      expect(job).toMatchObject({ status: 'pending', attempts: 1 });
      expect(job?.run_at.getTime()).toBeGreaterThan(clock.getTime());
      expect(job?.last_error).toMatch(/451|unavailable/i);
      expect(await drain()).toBe(0); // not due yet

      advance(5);
      expect(await drain()).toBe(1);
      [job] = await jobsOf('notify.citizen');
      expect(job).toMatchObject({ status: 'pending', attempts: 2 });
      expect(smtp.received).toHaveLength(0);

      smtp.rejecting = false;
      advance(10);
      expect(await drain()).toBe(1);
      [job] = await jobsOf('notify.citizen');
      expect(job).toMatchObject({ status: 'done', attempts: 3 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.to).toEqual(['retry@example.com']);
    });

    it('retries when nothing listens on the SMTP port, and sends once a server is there', async () => {
      const port = await closedPort();
      const unreachable = createWorker(
        t.ctx(),
        notificationJobHandlers({ config: { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: MAIL_FROM, publicUrl: PUBLIC_URL }, logger: silent }),
        { now: () => clock },
      );
      const filed = await acceptedCase({ email: 'down@example.com' });
      await t.db().transaction((tx) => notifyCitizen(tx, { caseId: filed.id, kind: 'accepted', key: 3 }));
      expect(await drain(unreachable)).toBe(1);
      const [job] = await jobsOf('notify.citizen');
      expect(job).toMatchObject({ status: 'pending', attempts: 1 });
      expect(job?.last_error).toMatch(/ECONNREFUSED|connect/i);

      advance(5);
      expect(await drain()).toBe(1);
      expect(smtp.received.map((mail) => mail.to)).toEqual([['down@example.com']]);
      expect((await jobsOf('notify.citizen'))[0]).toMatchObject({ status: 'done', attempts: 2 });
    });

    it('logs e-mail as skipped when no SMTP server is configured, and finishes the job', async () => {
      const logged: string[] = [];
      const unconfigured = createWorker(
        t.ctx(),
        notificationJobHandlers({
          config: { smtpUrl: undefined, mailFrom: undefined, publicUrl: PUBLIC_URL },
          logger: { info: (_details, message) => logged.push(message), warn: () => {} },
        }),
        { now: () => clock },
      );
      const filed = await acceptedCase({ email: 'nobody@example.com' });
      await t.db().transaction((tx) => notifyCitizen(tx, { caseId: filed.id, kind: 'accepted', key: 3 }));
      expect(await drain(unconfigured)).toBe(1);
      expect(logged).toEqual(['email is not configured: message skipped']);
      expect((await jobsOf('notify.citizen'))[0]?.status).toBe('done');
      expect(smtp.received).toHaveLength(0);
    });
  });

  describe('to staff', () => {
    beforeAll(async () => {
      await t.db().query("UPDATE users SET email = 'taphanhin.officer@dho.example.go.th' WHERE username = 'taphanhin.officer'");
    });

    async function notificationsOf(username: string) {
      return t.db().query<{ kind: string; title: string; body: string; emailed_at: Date | null }>(
        'SELECT n.kind, n.title, n.body, n.emailed_at FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 ORDER BY n.created_at',
        [username],
      );
    }

    it('tells the users of the agency with those roles in the app, and e-mails those with an address', async () => {
      await t.db().query('DELETE FROM notifications');
      const filed = await acceptedCase({ email: 'c@example.com', phone: '0812345678' }, { description: 'ท่อระบายน้ำอุดตัน ติดต่อ 081-999-8888' });
      await t.db().transaction((tx) =>
        notifyStaff(tx, { caseId: filed.id, kind: 'assigned', agencyId: agencyIds['dho-6604'] ?? '', roles: ['case_officer', 'intake_officer'], key: 2 }),
      );
      expect(await drain()).toBe(1);

      const officer = await notificationsOf('taphanhin.officer');
      const intake = await notificationsOf('taphanhin.intake');
      expect(officer).toHaveLength(1);
      expect(intake).toHaveLength(1);
      expect(officer[0]?.title).toBe(`เรื่องใหม่ถึงหน่วยงานของท่าน: ${filed.trackingCode}`);
      expect(officer[0]?.body).toContain('[หมายเลขโทรศัพท์]');
      expect(officer[0]?.emailed_at).not.toBeNull();
      expect(await notificationsOf('pho66.officer')).toHaveLength(0);
      expect(await notificationsOf('moph.officer')).toHaveLength(0);

      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail?.to).toEqual(['taphanhin.officer@dho.example.go.th']);
      expect(mail?.subject).toBe(`เรื่องใหม่ถึงหน่วยงานของท่าน: ${filed.trackingCode}`);
      expect(mail?.text).toContain(`${PUBLIC_URL}/staff/cases/${filed.id}`);
      expect(mail?.raw).not.toContain('081-999-8888');
      expect(mail?.raw).not.toContain(filed.accessKey);
    });

    it('does not notify or e-mail twice when the job runs again', async () => {
      await t.db().query('DELETE FROM notifications');
      const filed = await acceptedCase(undefined);
      const options = { caseId: filed.id, kind: 'overdue' as const, agencyId: agencyIds['dho-6604'] ?? '', roles: ['case_officer' as const], key: '2026-06-12' };
      await t.db().transaction((tx) => notifyStaff(tx, options));
      await t.db().transaction((tx) => notifyStaff(tx, options));
      await drain();
      // The same payload again under another job key, as after a lost job result.
      const [job] = await t.db().query<{ payload: unknown }>("SELECT payload FROM jobs WHERE type = 'notify.staff'");
      await t.db().transaction((tx) => enqueueJob(tx, { type: 'notify.staff', payload: job?.payload, idempotencyKey: 'replayed' }));
      expect(await drain()).toBe(1);

      expect(await notificationsOf('taphanhin.officer')).toHaveLength(1);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.subject).toContain('เกินกำหนดแล้ว');
    });

    it('keeps the in-app notification when the e-mail fails, and e-mails it on the retry', async () => {
      await t.db().query('DELETE FROM notifications');
      const filed = await acceptedCase(undefined);
      await t.db().transaction((tx) =>
        notifyStaff(tx, { caseId: filed.id, kind: 'due_soon', agencyId: agencyIds['dho-6604'] ?? '', roles: ['case_officer'], key: 1 }),
      );
      smtp.rejecting = true;
      await drain();
      expect(await notificationsOf('taphanhin.officer')).toMatchObject([{ kind: 'due_soon', emailed_at: null }]);
      expect((await jobsOf('notify.staff'))[0]).toMatchObject({ status: 'pending', attempts: 1 });

      smtp.rejecting = false;
      advance(5);
      await drain();
      expect(smtp.received).toHaveLength(1);
      expect((await notificationsOf('taphanhin.officer'))[0]?.emailed_at).not.toBeNull();
      expect((await jobsOf('notify.staff'))[0]?.status).toBe('done');
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
      await t.db().query('DELETE FROM notifications');
      const filed = await acceptedCase(undefined);
      for (let key = 1; key <= 5; key++) {
        advance(1);
        await t.db().transaction((tx) =>
          notifyStaff(tx, { caseId: filed.id, kind: 'progress_reminder', agencyId: agencyIds['dho-6604'] ?? '', roles: ['case_officer'], key }),
        );
        t.setNow(clock);
        await drain();
      }
      t.setNow(undefined);
      const rows = await t.db().query<{ id: string }>(
        "SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'taphanhin.officer' ORDER BY n.created_at DESC",
      );
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
      const page1 = first.json() as { items: Array<{ id: string; kind: string; title: string; caseId: string; readAt: null }>; nextCursor: string; unreadCount: number };
      expect(page1.items.map((item) => item.id)).toEqual(officerIds.slice(0, 2));
      expect(page1.items[0]).toMatchObject({ kind: 'progress_reminder', readAt: null });
      expect(page1.unreadCount).toBe(5);
      const seen = [...page1.items.map((item) => item.id)];
      let cursor: string | null = page1.nextCursor;
      while (cursor) {
        const page = (await request({ method: 'GET', url: `/api/v1/notifications?limit=2&cursor=${cursor}`, as: 'taphanhin.officer' })).json() as {
          items: Array<{ id: string }>;
          nextCursor: string | null;
        };
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(officerIds);

      const other = (await request({ method: 'GET', url: '/api/v1/notifications', as: 'pho66.officer' })).json() as { items: unknown[]; unreadCount: number };
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

      const unread = (await request({ method: 'GET', url: '/api/v1/notifications?unread=true', as: 'taphanhin.officer' })).json() as {
        items: Array<{ id: string }>;
        unreadCount: number;
      };
      expect(unread.items.map((item) => item.id)).toEqual(officerIds.filter((id) => id !== second));
      expect(unread.unreadCount).toBe(4);
      const all = (await request({ method: 'GET', url: '/api/v1/notifications', as: 'taphanhin.officer' })).json() as {
        items: Array<{ id: string; readAt: string | null }>;
      };
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
