/**
 * E-mail intake against a real IMAP server (dovecot, started by the test): a new complaint
 * becomes a case of the agency that owns the mailbox and is acknowledged in its thread; replies
 * join their case by In-Reply-To or by the tracking code; automatic messages create nothing; an
 * attachment goes through the web's file checks; a message that cannot be taken in is kept for a
 * person and does not stop the messages after it.
 */
import { ImapFlow } from 'imapflow';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runEmailChannelCommand } from '../src/server/channels/email/email-cli.ts';
import { findMailboxOfAgency, type MailboxRow } from '../src/server/channels/email/mailbox-queries.ts';
import { DEFAULT_POLL_LIMITS, pollMailbox } from '../src/server/channels/email/poll-mailboxes.ts';
import { heldContext } from '../src/server/channels/email/take-email.ts';
import { readIdentity } from '../src/server/cases/identity.ts';
import { messageIdFor, type NotificationChannels, type OutboundMessage } from '../src/server/notifications/channels.ts';
import { notificationJobHandlers } from '../src/server/notifications/jobs.ts';
import { createWorker, type Worker } from '../src/server/platform/jobs.ts';
import { describeEachApp, type TestApp, openTestInstallation } from './support/app.ts';
import { expectCasesUnderChannel } from './support/channel-counts.ts';
import { findDovecot, startDovecot, type Dovecot } from './support/dovecot.ts';
import { flatPng } from './support/png.ts';

const MAILBOX = { user: 'complaints@taphanhin.test', password: 'imap-secret-1' };
const MAIL_FROM = 'ร้องทุกข์ <no-reply@rongthuk.test>';
const PUBLIC_URL = 'https://rongthuk.test';
const CITIZEN = 'somchai@example.test';

interface Part {
  contentType: string;
  fileName?: string;
  body: Buffer;
}

/** An RFC 5322 message as a mail program sends it: headers, then text (UTF-8, base64) and any files. */
function rawMessage(options: { from?: string; subject: string; text: string; messageId: string; headers?: Record<string, string>; files?: Part[] }): Buffer {
  const headers = [
    ...(options.from === undefined ? [] : [`From: ${options.from}`]),
    `To: ${MAILBOX.user}`,
    `Subject: =?UTF-8?B?${Buffer.from(options.subject).toString('base64')}?=`,
    `Message-ID: ${options.messageId}`,
    'Date: Mon, 07 Dec 2026 09:00:00 +0700',
    'MIME-Version: 1.0',
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ];
  const text = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', Buffer.from(options.text).toString('base64')].join('\r\n');
  if (!options.files?.length) return Buffer.from([...headers, text].join('\r\n') + '\r\n');
  const boundary = 'rongthuk-test-boundary';
  const parts = [
    text,
    ...options.files.map((file) =>
      [`Content-Type: ${file.contentType}`, `Content-Disposition: attachment; filename="${file.fileName ?? 'file'}"`, 'Content-Transfer-Encoding: base64', '', file.body.toString('base64')].join('\r\n'),
    ),
  ];
  return Buffer.from([...headers, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts.flatMap((part) => [`--${boundary}`, part]), `--${boundary}--`, ''].join('\r\n'));
}

const dovecotBinary = findDovecot();

if (!dovecotBinary) {
  describe.skip('e-mail intake (dovecot is not installed: apt-get install dovecot-imapd)', () => {
    it('polls a real IMAP server', () => {});
  });
} else {
  describeEachApp('e-mail intake', (t: TestApp) => {
    let dovecot: Dovecot;
    let mailbox: MailboxRow;
    let worker: Worker;
    const sent: OutboundMessage[] = [];
    let sequence = 0;

    const channels: NotificationChannels = {
      email: { kind: 'email', send: async (message) => void sent.push(message) },
      line: { kind: 'line', send: async () => {} },
      sms: { kind: 'sms', send: async () => {} },
      close: () => {},
    };
    const silent = { info: () => {}, warn: () => {} };

    async function deliver(...messages: Buffer[]): Promise<void> {
      const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: MAILBOX.user, pass: MAILBOX.password }, logger: false });
      await client.connect();
      for (const message of messages) await client.append('INBOX', message);
      await client.logout();
    }

    async function seenUids(): Promise<number[]> {
      const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: MAILBOX.user, pass: MAILBOX.password }, logger: false });
      await client.connect();
      const lock = await client.getMailboxLock('INBOX');
      try {
        return ((await client.search({ seen: true }, { uid: true })) || []).sort((a, b) => a - b);
      } finally {
        lock.release();
        await client.logout();
      }
    }

    const newId = () => `<msg-${t.kind}-${(sequence += 1)}@mail.example.test>`;
    const poll = () => pollMailbox(t.ctx(), mailbox);

    async function drain(): Promise<void> {
      while ((await worker.runOnce()) > 0);
    }

    async function caseOf(caseId: string) {
      const [row] = await t.db().query<{ tracking_code: string; channel: string; receiving_agency: string; agency_channel_id: string; complainant_id: string; title: string; description: string }>(
        `SELECT c.tracking_code, c.channel, a.code AS receiving_agency, c.agency_channel_id, c.complainant_id, c.title, c.description
         FROM cases c JOIN agencies a ON a.id = c.receiving_agency_id WHERE c.id = $1`,
        [caseId],
      );
      if (!row) throw new Error(`no case ${caseId}`);
      return row;
    }

    /** `rongthuk channel email …` against this suite's database (kept open after). */
    async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
      const out: string[] = [];
      const err: string[] = [];
      const open = openTestInstallation(t);
      const code = await runEmailChannelCommand(args, t.ctx().config, { out: (line) => out.push(line), err: (line) => err.push(line) }, open);
      return { code, out, err };
    }

    beforeAll(async () => {
      dovecot = await startDovecot(dovecotBinary, [MAILBOX]);
      const connected = await cli(['--agency', 'dho-6604', '--imap', dovecot.urlOf(MAILBOX)]);
      expect(connected, connected.err.join('\n')).toMatchObject({ code: 0, out: [`connected imap://complaints%40taphanhin.test@127.0.0.1:${dovecot.port}/INBOX for dho-6604: citizens write to ${MAILBOX.user}`] });
      const [agency] = await t.db().query<{ id: string }>("SELECT id FROM agencies WHERE code = 'dho-6604'");
      const found = await findMailboxOfAgency(t.db(), agency?.id ?? '');
      if (!found) throw new Error('the mailbox was not connected');
      mailbox = found;
      worker = createWorker(t.ctx(), notificationJobHandlers({ config: { smtpUrl: 'smtp://127.0.0.1:1', mailFrom: MAIL_FROM, publicUrl: PUBLIC_URL }, channels, logger: silent }));
    }, 60_000);
    afterAll(async () => {
      await dovecot?.stop();
    });
    beforeEach(async () => {
      await drain();
      sent.length = 0;
    });

    it('lists the mailbox among the agency’s channels as kind email, its URL sealed (no password in the row)', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/agencies/dho-6604/channels' });
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toContainEqual(expect.objectContaining({ kind: 'email', email: MAILBOX.user }));
      const rows = await t.db().query<{ imap_url_ciphertext: string }>('SELECT imap_url_ciphertext FROM email_mailboxes');
      expect(rows.map((row) => row.imap_url_ciphertext).join()).not.toContain(MAILBOX.password);
    });

    it('makes a new complaint a case of the mailbox’s agency, marks it read, acknowledges it in the thread, and takes it once', async () => {
      const messageId = newId();
      await deliver(rawMessage({ from: `สมชาย ใจดี <${CITIZEN}>`, subject: 'ถนนชำรุดหน้าโรงเรียน', text: 'ถนนหน้าโรงเรียนบ้านวังหว้าเป็นหลุมลึก รถจักรยานยนต์ล้มทุกวัน ขอให้ซ่อมด่วน', messageId }));
      const result = await poll();
      expect(result.error).toBeNull();
      expect(result.taken.map((taken) => taken.outcome)).toEqual(['case']);
      const caseId = result.taken[0]?.caseId ?? '';
      const record = await caseOf(caseId);
      expect(record).toMatchObject({ channel: 'email', receiving_agency: 'dho-6604', agency_channel_id: mailbox.agencyChannelId, title: 'ถนนชำรุดหน้าโรงเรียน' });
      expect(record.description).toContain('หลุมลึก');
      expect(await readIdentity(t.db(), t.ctx().protector, record.complainant_id)).toMatchObject({ email: CITIZEN, name: 'สมชาย ใจดี' });
      const contacts = await t.db().query<{ channel: string; kind: string }>('SELECT channel, kind FROM case_contacts WHERE case_id = $1', [caseId]);
      expect(contacts).toEqual([{ channel: 'email', kind: 'initial' }]);
      expect((await seenUids()).length).toBeGreaterThan(0);

      await drain();
      expect(sent).toHaveLength(1);
      const ack = sent[0];
      expect(ack).toMatchObject({ to: CITIZEN, inReplyTo: messageId, references: [messageId], replyTo: MAILBOX.user });
      expect(ack?.subject).toContain(record.tracking_code);
      expect(ack?.text).toContain(`${PUBLIC_URL}/track/${record.tracking_code}#key=`);

      // Polled again: nothing new, nothing twice.
      expect((await poll()).taken).toEqual([]);
      const cases = await t.db().query<{ count: number }>("SELECT count(*)::int AS count FROM cases WHERE channel = 'email' AND id = $1", [caseId]);
      expect(cases[0]?.count).toBe(1);
    });

    it('adds a reply to its case as the citizen’s message: by In-Reply-To to the acknowledgement, or by the tracking code in the subject', async () => {
      await deliver(rawMessage({ from: CITIZEN, subject: 'ไฟฟ้าส่องสว่างดับทั้งซอย', text: 'ไฟฟ้าส่องสว่างในซอยเทศบาล 5 ดับมาหนึ่งสัปดาห์แล้ว มืดมากตอนกลางคืน', messageId: newId() }));
      const caseId = (await poll()).taken[0]?.caseId ?? '';
      const { tracking_code: trackingCode } = await caseOf(caseId);
      await drain();
      sent.length = 0;
      const ackId = messageIdFor(`rongthuk.email-ack.${caseId}`, MAIL_FROM);

      await deliver(
        rawMessage({
          from: CITIZEN,
          subject: 'ข้อมูลเพิ่มเติม',
          text: 'เสาไฟต้นที่สามหน้าบ้านเลขที่ 12 ดับก่อน\n\nOn Mon, 7 Dec 2026 at 09:00, ร้องทุกข์ wrote:\n> รับเรื่องร้องเรียนแล้ว',
          messageId: newId(),
          headers: { 'In-Reply-To': ackId, References: ackId },
        }),
        rawMessage({ from: CITIZEN, subject: `Re: รับเรื่องร้องเรียนแล้ว: เรื่องเลขที่ ${trackingCode}`, text: 'ขอบคุณครับ ช่างมาดูแล้วแต่ยังไม่ได้ซ่อม', messageId: newId() }),
      );
      const result = await poll();
      expect(result.taken.map((taken) => [taken.outcome, taken.caseId])).toEqual([
        ['message', caseId],
        ['message', caseId],
      ]);
      const events = await t.db().query<{ type: string; payload: { message: string } }>("SELECT type, payload FROM case_events WHERE case_id = $1 AND type = 'citizen_message' ORDER BY seq", [caseId]);
      expect(events.map((event) => event.payload.message)).toEqual(['เสาไฟต้นที่สามหน้าบ้านเลขที่ 12 ดับก่อน', 'ขอบคุณครับ ช่างมาดูแล้วแต่ยังไม่ได้ซ่อม']);
      const contacts = await t.db().query<{ channel: string; kind: string }>('SELECT channel, kind FROM case_contacts WHERE case_id = $1 ORDER BY at, kind', [caseId]);
      expect(contacts.filter((contact) => contact.kind === 'follow_up')).toEqual([
        { channel: 'email', kind: 'follow_up' },
        { channel: 'email', kind: 'follow_up' },
      ]);
      // A reply creates no case and sends no acknowledgement.
      await drain();
      expect(sent).toEqual([]);

      // Someone else naming the code adds nothing to this case: theirs is a complaint of its own.
      await deliver(rawMessage({ from: 'other@example.test', subject: `เรื่อง ${trackingCode} ด้วย`, text: 'ซอยข้างเคียงไฟก็ดับเหมือนกัน ช่วยดูด้วยครับ', messageId: newId() }));
      const stranger = await poll();
      expect(stranger.taken[0]?.outcome).toBe('case');
      expect(stranger.taken[0]?.caseId).not.toBe(caseId);
    });

    it('shows the e-mail cases under their channel in the case list filter, the case page, the export and the dashboard counts of cases and contacts', async () => {
      const counted = await expectCasesUnderChannel(t, 'email', 'moph.cceo', 'taphanhin.officer');
      // Every e-mail that reached a case counts as a contact: the filings and the replies.
      expect(counted.contacts).toBeGreaterThan(counted.cases);
    });

    it('ignores auto-replies and bounces: no case, no acknowledgement', async () => {
      const before = await t.db().query<{ count: number }>('SELECT count(*)::int AS count FROM cases');
      await deliver(
        rawMessage({ from: CITIZEN, subject: 'Out of office', text: 'ผมลาพักร้อนถึงวันที่ 15 ธันวาคม จะติดต่อกลับเมื่อกลับมา', messageId: newId(), headers: { 'Auto-Submitted': 'auto-replied' } }),
        rawMessage({ from: 'lists@example.test', subject: 'จดหมายข่าวประจำเดือน', text: 'ข่าวประจำเดือนธันวาคม กิจกรรมต่าง ๆ ของชุมชน', messageId: newId(), headers: { Precedence: 'bulk' } }),
        Buffer.from(
          [
            'From: Mail Delivery System <MAILER-DAEMON@mail.example.test>',
            'Return-Path: <>',
            `To: ${MAILBOX.user}`,
            'Subject: Undelivered Mail Returned to Sender',
            `Message-ID: ${newId()}`,
            'MIME-Version: 1.0',
            'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
            '',
            '--b',
            'Content-Type: text/plain',
            '',
            'The message could not be delivered.',
            '--b',
            'Content-Type: message/delivery-status',
            '',
            'Status: 5.1.1',
            '--b--',
            '',
          ].join('\r\n'),
        ),
      );
      const result = await poll();
      expect(result.taken.map((taken) => [taken.outcome, taken.reason])).toEqual([
        ['ignored', 'auto_submitted'],
        ['ignored', 'precedence'],
        ['ignored', 'delivery_report'],
      ]);
      const after = await t.db().query<{ count: number }>('SELECT count(*)::int AS count FROM cases');
      expect(after[0]?.count).toBe(before[0]?.count);
      await drain();
      expect(sent).toEqual([]);
    });

    it('keeps an attachment through the web’s file checks, and names one the checks refuse', async () => {
      await deliver(
        rawMessage({
          from: CITIZEN,
          subject: 'ขยะล้นถังหน้าตลาด',
          text: 'ขยะล้นถังหน้าตลาดสดตะพานหินมาสามวัน ส่งรูปมาด้วยครับ',
          messageId: newId(),
          files: [
            { contentType: 'image/png', fileName: 'ขยะ.png', body: flatPng(40, 30) },
            { contentType: 'application/octet-stream', fileName: 'setup.exe', body: Buffer.from('MZ this is not a picture') },
          ],
        }),
      );
      const result = await poll();
      expect(result.taken[0]?.outcome).toBe('case');
      const caseId = result.taken[0]?.caseId ?? '';
      const files = await t.db().query<{ file_name: string; media_type: string; uploaded_by: string }>('SELECT file_name, media_type, uploaded_by FROM case_attachments WHERE case_id = $1', [caseId]);
      expect(files).toEqual([{ file_name: 'ขยะ.png', media_type: 'image/png', uploaded_by: 'citizen' }]);
      expect((await caseOf(caseId)).description).toContain('setup.exe');
    });

    it('keeps a message it cannot take in for a person, encrypted, and goes on with the next', async () => {
      const unreadable = rawMessage({ subject: 'ไม่มีผู้ส่ง', text: 'ข้อความที่ไม่มีหัวจดหมายผู้ส่ง ระบบตอบกลับไม่ได้', messageId: newId() });
      await deliver(unreadable, rawMessage({ from: CITIZEN, subject: 'น้ำประปาไม่ไหล', text: 'น้ำประปาหมู่ 4 ไม่ไหลมาสองวันแล้ว ขอให้ช่วยตรวจสอบ', messageId: newId() }));
      const result = await poll();
      expect(result.taken.map((taken) => [taken.outcome, taken.reason])).toEqual([
        ['held', 'no_sender'],
        ['case', undefined],
      ]);
      const held = await t.db().query<{ id: string; reason: string; raw_ciphertext: string }>('SELECT id, reason, raw_ciphertext FROM email_held_messages');
      expect(held).toHaveLength(1);
      const [row] = held;
      expect(row?.raw_ciphertext).not.toContain('ไม่มีผู้ส่ง');
      const { raw } = t.ctx().protector.decryptJson<{ raw: string }>(row?.raw_ciphertext ?? '', heldContext(row?.id ?? ''));
      expect(Buffer.from(raw, 'base64').equals(unreadable)).toBe(true);
      const audit = await t.db().query<{ details: { reason: string } }>("SELECT details FROM audit_log WHERE action = 'email_message.hold'");
      expect(audit.map((entry) => entry.details.reason)).toEqual(['no_sender']);
      // Both are marked read: the mailbox is not held up by the one kept for a person.
      expect((await poll()).taken).toEqual([]);

      // Listed for the agency's administrators, read as received (audited), then marked dealt with.
      const list = '/api/v1/agencies/dho-6604/email/held';
      expect((await t.request({ method: 'GET', url: list })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: list, as: 'taphanhin.officer' })).statusCode).toBe(403);
      const listed = await t.request({ method: 'GET', url: list, as: 'moph.admin' });
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toMatchObject({ agency: { code: 'dho-6604' }, address: MAILBOX.user, items: [{ id: row?.id, reason: 'no_sender', sizeBytes: unreadable.length }] });
      const read = await t.request({ method: 'GET', url: `${list}/${row?.id}`, as: 'moph.admin' });
      expect(read.statusCode).toBe(200);
      expect(read.headers['content-type']).toContain('message/rfc822');
      expect(read.rawPayload.equals(unreadable)).toBe(true);
      const reads = await t.db().query<{ actor_label: string }>("SELECT actor_label FROM audit_log WHERE action = 'email_message.read'");
      expect(reads.map((entry) => entry.actor_label)).toEqual(['moph.admin']);
      const dealt = await t.request({ method: 'POST', url: `${list}/${row?.id}/dealt-with`, as: 'moph.admin' });
      expect(dealt.statusCode).toBe(200);
      expect((await t.request({ method: 'GET', url: list, as: 'moph.admin' })).json().items).toEqual([]);
    });

    it('`rongthuk channel email`: refuses a URL without its password or an unknown agency, writing nothing; polls; lists and writes out a kept message', async () => {
      const noPassword = await cli(['--agency', 'dho-6604', '--imap', `imap://someone@127.0.0.1:${dovecot.port}/`]);
      expect(noPassword.code).toBe(1);
      expect(noPassword.err.join('\n')).toMatch(/--imap: the URL must carry the mailbox user and password/);
      expect((await cli(['--agency', 'nowhere', '--imap', dovecot.urlOf(MAILBOX)])).code).toBe(1);
      expect((await cli(['--agency', 'dho-6604'])).code).toBe(2);
      const mailboxes = await t.db().query<{ count: number }>('SELECT count(*)::int AS count FROM email_mailboxes');
      expect(mailboxes[0]?.count).toBe(1);

      const unreadable = rawMessage({ subject: 'ไม่มีผู้ส่งอีกฉบับ', text: 'อีกข้อความหนึ่งที่ไม่มีผู้ส่ง', messageId: newId() });
      await deliver(unreadable);
      expect(await cli(['poll'])).toMatchObject({ code: 0, out: ['dho-6604: held 1'] });
      const listed = await cli(['held', '--agency', 'dho-6604']);
      expect(listed.code).toBe(0);
      const [line] = listed.out;
      expect(line).toMatch(/ no_sender$/);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'rt-email-cli-'));
      try {
        const file = path.join(dir, 'kept.eml');
        expect((await cli(['held', '--agency', 'dho-6604', '--id', line?.split(' ')[0] ?? '', '--out', file])).code).toBe(0);
        expect((await readFile(file)).equals(unreadable)).toBe(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('is disconnected when an administrator removes its channel, and connected again by the command', async () => {
      const url = `${dovecot.urlOf(MAILBOX)}Elsewhere`;
      expect((await cli(['--agency', 'pho-50', '--imap', url, '--address', 'complaints@pho50.test'])).code).toBe(0);
      const channels = (await t.request({ method: 'GET', url: '/api/v1/agencies/pho-50/channels' })).json().items as Array<{ id: string; kind: string }>;
      const channel = channels.find((item) => item.kind === 'email');
      const removed = await t.request({ method: 'DELETE', url: `/api/v1/agencies/pho-50/channels/${channel?.id}`, as: 'hub.admin' });
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json()).toEqual({ outcome: 'deleted' });
      const [row] = await t.db().query<{ agency_channel_id: string | null }>("SELECT m.agency_channel_id FROM email_mailboxes m JOIN agencies a ON a.id = m.agency_id WHERE a.code = 'pho-50'");
      expect(row?.agency_channel_id).toBeNull();
      expect((await cli(['poll'])).out.join('\n')).not.toContain('pho-50');
      expect(await cli(['--agency', 'pho-50', '--imap', url, '--address', 'complaints@pho50.test'])).toMatchObject({ code: 0, out: [expect.stringMatching(/^reconnected /)] });
      const again = (await t.request({ method: 'GET', url: '/api/v1/agencies/pho-50/channels' })).json().items as Array<{ kind: string; email: string }>;
      expect(again).toContainEqual(expect.objectContaining({ kind: 'email', email: 'complaints@pho50.test' }));
      // Taken out again so that the polls of the other tests read only Taphan Hin's mailbox.
      await t.db().query("UPDATE email_mailboxes SET active = false WHERE agency_id = (SELECT id FROM agencies WHERE code = 'pho-50')");
    });

    it('cuts a server that never answers at the mailbox’s deadline, so the worker goes on', async () => {
      const sockets: net.Socket[] = [];
      const silentServer = net.createServer((socket) => void sockets.push(socket));
      await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
      const { port } = silentServer.address() as net.AddressInfo;
      try {
        const hung = { ...mailbox, imapUrlCiphertext: t.ctx().protector.encryptJson({ url: `imap://u:p@127.0.0.1:${port}/` }, `email-mailbox:${mailbox.id}`) };
        const started = Date.now();
        const result = await pollMailbox(t.ctx(), hung, { ...DEFAULT_POLL_LIMITS, mailboxDeadlineMs: 1000 });
        expect(Date.now() - started).toBeLessThan(5000);
        expect(result.taken).toEqual([]);
        expect(result.error).not.toBeNull();
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silentServer.close(resolve));
      }
    });

    it('records a refused login on the mailbox as a short code, taking nothing', async () => {
      const result = await pollMailbox(t.ctx(), { ...mailbox, imapUrlCiphertext: t.ctx().protector.encryptJson({ url: dovecot.urlOf({ ...MAILBOX, password: 'wrong' }) }, `email-mailbox:${mailbox.id}`) });
      expect(result).toMatchObject({ taken: [], error: 'authentication_failed' });
      const [row] = await t.db().query<{ poll_error: string }>('SELECT poll_error FROM email_mailboxes WHERE id = $1', [mailbox.id]);
      expect(row?.poll_error).toBe('authentication_failed');
    });
  });
}
