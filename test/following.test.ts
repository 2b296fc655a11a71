/**
 * ติดตามเรื่อง (following): an agency that sent a case on keeps reading it while another
 * agency holds it (as a past holder: no identity unless it received the complaint), finds it
 * under "sent on / following", and may press the holder (เร่งรัด) — nothing else. An agency
 * that never held the case does not find it; once the case comes back, its holder acts again.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseList, Receipt } from '../src/shared/api/index.ts';
import { describeEachApp } from './support/app.ts';
import { formData } from './support/multipart.ts';
import { bangkok, useWorkerClock } from './support/worker-clock.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describeEachApp(
  'following a case sent on',
  (t) => {
    let sent: Awaited<ReturnType<typeof t.fileComplaint>>;
    /** The file of the holder's internal note (บันทึกภายใน). */
    let noteFileId: string;

    afterAll(async () => {
      await rm(t.ctx().config.filesDir, { recursive: true, force: true });
    });

    const detail = async (as: string, id = sent.id) => {
      const response = await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as });
      return { statusCode: response.statusCode, body: response.statusCode === 200 ? response.json<CaseDetail>() : undefined };
    };
    /** An action whose answer is checked by the test (t.act throws on anything but 200). */
    const attempt = (as: string, action: string, body: Record<string, unknown>) =>
      t.request({ method: 'POST', url: `/api/v1/cases/${sent.id}/actions/${action}`, as, body });
    const following = async (as: string): Promise<string[]> => {
      const response = await t.request({ method: 'GET', url: '/api/v1/cases?following=true&limit=100', as });
      expect(response.statusCode).toBe(200);
      return response.json<CaseList>().items.map((item) => item.id);
    };

    beforeAll(async () => {
      sent = await t.fileComplaint({
        description: 'โรงพยาบาลส่งเสริมสุขภาพตำบลเก็บเงินค่ารักษาเกินอัตรา ติดต่อ 081-234-5678',
        complainant: { name: 'สมหญิง ตั้งใจ', phone: '0812345678' },
        location: { provinceCode: '66' },
      });
      // The hub sends it to the ministry's centre, which forwards it out of its own line, to the Damrongtham centre.
      expect((await t.act('hub.intake', sent.id, 'assign', { agencyCode: 'moph-complaint' })).statusCode).toBe(200);
      expect((await t.act('moph.officer', sent.id, 'forward', { agencyCode: 'dtc-p66', reason: 'เป็นเรื่องของจังหวัด' })).statusCode).toBe(200);
      expect((await t.act('dtc66.officer', sent.id, 'note', { message: 'บันทึกภายในของศูนย์ดำรงธรรม' })).statusCode).toBe(200);
      // The holder notes its site visit with a report: staff-only, as the note.
      const { body, contentType } = await formData({ message: 'ลงพื้นที่แล้ว รายงานแนบ' }, [{ fileName: 'รายงานภายใน.pdf', bytes: PDF }]);
      const noted = await t.request({ method: 'POST', url: `/api/v1/cases/${sent.id}/actions/note`, as: 'dtc66.officer', body, headers: { 'content-type': contentType } });
      expect(noted.statusCode, noted.body).toBe(200);
      const holderView = (await detail('dtc66.officer')).body;
      noteFileId = holderView?.attachments.find((file) => file.fileName === 'รายงานภายใน.pdf')?.id ?? expect.fail('no file on the note');
    });

    describe('reading', () => {
      it('the agency that forwarded it and those above it find it under following', async () => {
        for (const user of ['moph.officer', 'moph.supervisor', 'moph.cceo']) expect(await following(user), user).toContain(sent.id);
        // The holder holds it: it is its work, not a case it follows.
        expect(await following('dtc66.officer')).not.toContain(sent.id);
        // Never held by Phichit PHO's line.
        expect(await following('pho66.officer')).not.toContain(sent.id);
        // The ordinary list is the cases held in scope, as before.
        const held = await t.request({ method: 'GET', url: '/api/v1/cases?limit=100', as: 'moph.supervisor' });
        expect(held.json<CaseList>().items.map((item) => item.id)).not.toContain(sent.id);
      });

      it('a follower reads the case, its status and deadline, the public timeline, without the identity', async () => {
        const { statusCode, body } = await detail('moph.supervisor');
        expect(statusCode).toBe(200);
        expect(body?.status).toBe('assigned');
        expect(body?.holder.code).toBe('dtc-p66');
        expect(body?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(body?.complainant).toEqual({ present: true, visible: false });
        expect(body?.description).not.toContain('081-234-5678');
        expect([...(body?.permissions ?? [])].sort()).toEqual(['follow-up', 'view']);
        // The holder's internal note stays the holder's.
        expect(body?.timeline.map((event) => event.type)).not.toContain('note');
        expect(body?.timeline.every((event) => event.visibility === 'public' || event.type === 'followed_up')).toBe(true);
        const identity = await t.request({ method: 'POST', url: `/api/v1/cases/${sent.id}/identity`, as: 'moph.supervisor' });
        expect(identity.statusCode).toBe(403);
      });

      it("a follower neither lists nor opens the file of the holder's internal note (404); the holder does", async () => {
        const open = (as: string) => t.request({ method: 'GET', url: `/api/v1/cases/${sent.id}/attachments/${noteFileId}`, as });
        for (const user of ['moph.officer', 'moph.supervisor']) {
          const { statusCode, body } = await detail(user);
          expect(statusCode, user).toBe(200);
          expect(body?.attachments.map((file) => file.id), user).not.toContain(noteFileId);
          expect(body?.timeline.flatMap((event) => event.attachmentIds ?? []), user).not.toContain(noteFileId);
          expect((await open(user)).statusCode, user).toBe(404);
        }
        expect((await detail('dtc66.officer')).body?.attachments.map((file) => file.id)).toContain(noteFileId);
        const opened = await open('dtc66.officer');
        expect(opened.statusCode).toBe(200);
        expect(opened.rawPayload.equals(PDF)).toBe(true);
      });

      it('an agency that never held the case does not find it (404)', async () => {
        for (const user of ['pho66.officer', 'rtp.officer', 'taphanhin.officer']) {
          expect((await detail(user)).statusCode, user).toBe(404);
          expect((await attempt(user, 'follow-up', { message: 'ขอทราบความคืบหน้า' })).statusCode, user).toBe(404);
        }
      });
    });

    describe('POST /api/v1/cases/{id}/actions/follow-up', () => {
      it('400 without a message, or with one too long', async () => {
        expect((await attempt('moph.supervisor', 'follow-up', {})).statusCode).toBe(400);
        expect((await attempt('moph.supervisor', 'follow-up', { message: '   ' })).statusCode).toBe(400);
        expect((await attempt('moph.supervisor', 'follow-up', { message: 'ก'.repeat(2001) })).statusCode).toBe(400);
      });

      it('403 to the holder and to anything else a follower tries', async () => {
        expect((await attempt('dtc66.officer', 'follow-up', { message: 'ขอทราบความคืบหน้า' })).statusCode).toBe(403);
        const tries: Array<[string, string, Record<string, unknown>]> = [
          ['moph.supervisor', 'note', { message: 'บันทึก' }],
          ['moph.supervisor', 'close', {}],
          ['moph.supervisor', 'assign', { agencyCode: 'pho-66' }],
          ['moph.supervisor', 'forward', { agencyCode: 'pho-66' }],
          ['moph.officer', 'resolve', { result: 'fixed', message: 'แก้ไขแล้ว' }],
          ['moph.officer', 'contact', { channel: 'hotline' }],
          ['moph.officer', 'reply', { message: 'ตอบ' }],
          ['moph.cceo', 'note', { message: 'บันทึก' }],
        ];
        for (const [user, action, body] of tries) expect((await attempt(user, action, body)).statusCode, `${user} ${action}`).toBe(403);
      });

      it('presses the holder: an event in the timeline, the status unchanged, the holder told', async () => {
        expect((await detail('dtc66.officer')).body?.followUpCount).toBe(0);
        const response = await t.act('moph.supervisor', sent.id, 'follow-up', { message: '  ขอทราบความคืบหน้าภายในสัปดาห์นี้  ' });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ status: 'assigned' });

        for (const user of ['moph.supervisor', 'dtc66.officer']) {
          const event = (await detail(user)).body?.timeline.find((entry) => entry.type === 'followed_up');
          expect(event, user).toMatchObject({ visibility: 'internal', message: 'ขอทราบความคืบหน้าภายในสัปดาห์นี้', actor: { agencyCode: 'moph-complaint' } });
        }
        // Not the citizen's to read.
        const [internal] = await t.db().query<{ count: number }>(
          "SELECT count(*)::int AS count FROM case_events WHERE case_id = $1 AND type = 'followed_up' AND visibility = 'internal'",
          [sent.id],
        );
        expect(internal?.count).toBe(1);
        // Counted, for the holder and the follower alike.
        for (const user of ['moph.supervisor', 'dtc66.officer']) expect((await detail(user)).body?.followUpCount, user).toBe(1);

        const jobs = await t.db().query<{ payload: { kind: string; agencyId: string; roles: string[]; detail?: string } }>(
          "SELECT payload FROM jobs WHERE type = 'notify.staff' AND payload->>'caseId' = $1 AND payload->>'kind' = 'followed_up'",
          [sent.id],
        );
        const [dtc] = await t.db().query<{ id: string }>("SELECT id FROM agencies WHERE code = 'dtc-p66'");
        expect(jobs.map((job) => job.payload.agencyId)).toEqual([dtc?.id]);
        expect(jobs[0]?.payload.detail).toContain('ขอทราบความคืบหน้าภายในสัปดาห์นี้');
        expect(jobs[0]?.payload.detail).toContain('ศูนย์รับเรื่องร้องเรียน สป.สธ.');

        const [audit] = await t.db().query<{ count: number }>(
          "SELECT count(*)::int AS count FROM audit_log WHERE action = 'case.follow-up' AND entity_id = $1",
          [sent.id],
        );
        expect(audit?.count).toBe(1);
      });
    });

    describe('when the case comes back', () => {
      it('the agency it is returned to holds it again: it acts, and no longer follows it', async () => {
        expect((await t.act('dtc66.officer', sent.id, 'return', { reason: 'ไม่ใช่อำนาจหน้าที่ของศูนย์ดำรงธรรม' })).statusCode).toBe(200);
        const { body } = await detail('moph.officer');
        expect(body?.holder.code).toBe('moph-complaint');
        expect(body?.permissions).not.toContain('follow-up');
        expect(body?.permissions).toContain('note');
        expect(await following('moph.officer')).not.toContain(sent.id);
        expect((await attempt('moph.officer', 'follow-up', { message: 'ขอทราบความคืบหน้า' })).statusCode).toBe(403);
        // The agency that returned it sent nothing on: it does not follow the case.
        expect((await detail('dtc66.officer')).statusCode).toBe(404);
      });
    });
  },
  { config: () => ({ filesDir: mkdtempSync(path.join(tmpdir(), 'rongthuk-following-files-')) }) },
);

/** News of a case to those that follow it: resolved, returned or overdue where it is held. */
describeEachApp('following: the agencies that sent a case on hear of it', (t) => {
  const { setClock, drain } = useWorkerClock(t, { start: bangkok('2026-09-07'), signIn: ['moph.officer', 'dtc66.officer', 'rtp.officer'] });
  /** Taken in by phone at the MOPH centre on 7 September, accepted, and forwarded to the Damrongtham centre. */
  const forwardedToDtc = async (): Promise<string> => {
    setClock(bangkok('2026-09-07'));
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as: 'moph.officer',
      body: { description: 'ไฟส่องสว่างในซอยดับหลายต้น กลางคืนมืดมาก', categoryCode: 'lighting', channel: 'hotline' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json<Receipt>();
    expect((await t.act('moph.officer', id, 'accept')).statusCode).toBe(200);
    expect((await t.act('moph.officer', id, 'forward', { agencyCode: 'dtc-p66', reason: 'เป็นเรื่องของจังหวัด' })).statusCode).toBe(200);
    return id;
  };
  /** Usernames notified in-app about the case with this kind. */
  const notified = async (caseId: string, kind: string): Promise<string[]> =>
    (
      await t.db().query<{ username: string }>(
        'SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 AND n.kind = $2 ORDER BY u.username',
        [caseId, kind],
      )
    ).map((row) => row.username);
  const titleOf = async (caseId: string, kind: string) =>
    (await t.db().query<{ title: string }>('SELECT title FROM notifications WHERE case_id = $1 AND kind = $2 LIMIT 1', [caseId, kind]))[0]?.title;

  it('resolved: the officers and supervisor of the agency that forwarded it are told, not the holder', async () => {
    const id = await forwardedToDtc();
    expect((await t.act('dtc66.officer', id, 'accept')).statusCode).toBe(200);
    expect((await t.act('dtc66.officer', id, 'resolve', { result: 'fixed', message: 'ซ่อมไฟเรียบร้อยแล้ว' })).statusCode).toBe(200);
    await drain();
    const told = await notified(id, 'following_resolved');
    expect(told).toEqual(expect.arrayContaining(['moph.officer', 'moph.supervisor']));
    expect(told.every((user) => user.startsWith('moph.'))).toBe(true);
    expect(await titleOf(id, 'following_resolved')).toContain('เรื่องที่ท่านส่งต่อได้แจ้งผลการดำเนินการแล้ว');
    // Once: the job's idempotency key is the resolution's.
    const [jobs] = await t.db().query<{ count: number }>(
      "SELECT count(*)::int AS count FROM jobs WHERE type = 'notify.staff' AND payload->>'caseId' = $1 AND payload->>'kind' = 'following_resolved'",
      [id],
    );
    expect(jobs?.count).toBe(1);
  });

  it('returned: an agency still following it is told; the one it returns to hears as its holder', async () => {
    const id = await forwardedToDtc();
    // The Damrongtham centre sends it on to the police, who return it: back to the Damrongtham centre.
    expect((await t.act('dtc66.officer', id, 'forward', { agencyCode: 'rtp', reason: 'เป็นเรื่องของตำรวจ' })).statusCode).toBe(200);
    expect((await t.act('rtp.officer', id, 'return', { reason: 'ไม่ใช่อำนาจหน้าที่ของตำรวจ' })).statusCode).toBe(200);
    await drain();
    const told = await notified(id, 'following_returned');
    expect(told).toEqual(expect.arrayContaining(['moph.officer', 'moph.supervisor']));
    // The holder (dtc-p66) follows nothing: it holds it; the police returned it and follow nothing.
    expect(told.every((user) => user.startsWith('moph.'))).toBe(true);
    expect(await titleOf(id, 'following_returned')).toContain('เรื่องที่ท่านส่งต่อถูกส่งคืน');
  });

  it('overdue: the agency that forwarded it is told when the case is overdue where it is held', async () => {
    const id = await forwardedToDtc();
    expect((await t.act('dtc66.officer', id, 'accept')).statusCode).toBe(200);
    await drain();
    expect(await notified(id, 'following_overdue')).toEqual([]);
    for (const day of ['2026-10-20', '2026-11-02', '2026-11-16']) {
      setClock(bangkok(day));
      await drain();
    }
    const told = await notified(id, 'following_overdue');
    expect(told).toEqual(expect.arrayContaining(['moph.officer', 'moph.supervisor']));
    expect(told.every((user) => user.startsWith('moph.'))).toBe(true);
    expect(await notified(id, 'overdue')).not.toEqual([]);
  });
});
