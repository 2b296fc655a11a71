/**
 * ไฟล์แนบ of staff: a reply, a request for information or an internal note with files, through
 * the one multipart contract. Files of a reply or a request reach the citizen (tracking page,
 * download with the key); files of an internal note never do (public view, download, e-mail,
 * export). The access rules of case files still hold, and a refused file stores nothing.
 * Runs on both engines, each app with its own temporary file store.
 */
import { mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formData, type FilePart } from './support/multipart.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import { flatPng } from './support/png.ts';
import type { StaffAttachment as StaffAttachmentView, CaseDetail as StaffDetail, PublicCase as PublicView, ErrorBody } from '../src/shared/api/index.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

/** POST `payload` and `files` as multipart/form-data, the way the web app's FormData sends them. */
async function sendWithFiles(t: TestApp, url: string, as: string | undefined, payload: unknown, files: FilePart[]): Promise<LightMyRequestResponse> {
  const { body, contentType } = await formData(payload, files);
  return t.request({ method: 'POST', url, body, headers: { 'content-type': contentType }, ...(as ? { as } : {}) });
}

describeEachApp(
  'staff attachments on replies, requests for information and internal notes',
  (t) => {
    afterAll(async () => {
      await rm(t.ctx().config.filesDir, { recursive: true, force: true });
    });

    /** `as` null: nobody signed in. */
    const act = (caseId: string, action: string, payload: unknown, files: FilePart[], as: string | null = 'taphanhin.officer') =>
      sendWithFiles(t, `/api/v1/cases/${caseId}/actions/${action}`, as ?? undefined, payload, files);
    const staffView = async (caseId: string, as = 'taphanhin.officer') => {
      const response = await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<StaffDetail>();
    };
    const publicView = async (filed: { trackingCode: string; accessKey: string }) => {
      const response = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': filed.accessKey } });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<PublicView>();
    };
    const citizenDownload = (filed: { trackingCode: string; accessKey: string }, attachmentId: string) =>
      t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}/attachments/${attachmentId}`, headers: { 'x-access-key': filed.accessKey } });
    const staffDownload = (caseId: string, attachmentId: string, as: string) => t.request({ method: 'GET', url: `/api/v1/cases/${caseId}/attachments/${attachmentId}`, as });
    const storedFiles = async () => {
      const entries = await readdir(t.ctx().config.filesDir, { recursive: true, withFileTypes: true }).catch(() => []);
      return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
    };
    const counts = async (caseId: string) => {
      const [row] = await t.db().query<{ events: number; files: number }>(
        'SELECT (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events, (SELECT count(*)::int FROM case_attachments WHERE case_id = $1) AS files',
        [caseId],
      );
      return row;
    };
    /** A case at Taphan Hin DHO, accepted: the officer there may reply, ask and note. */
    const caseAtDistrict = async (overrides: Record<string, unknown> = {}) => {
      const filed = await t.fileComplaint({ complainant: { name: 'สมศรี ผู้ร้อง', email: 'somsri@example.test' }, ...overrides });
      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dho-6604' });
      await t.act('taphanhin.officer', filed.id, 'accept');
      return filed;
    };

    describe('a reply with files', () => {
      let filed: Awaited<ReturnType<typeof caseAtDistrict>>;
      let reply: StaffDetail['timeline'][number];
      let files: StaffAttachmentView[];

      beforeAll(async () => {
        filed = await caseAtDistrict();
        const response = await act(filed.id, 'reply', { message: 'แนบหนังสือชี้แจงและภาพถนนที่ซ่อมแล้ว' }, [
          { fileName: 'หนังสือชี้แจง.pdf', bytes: PDF, type: 'application/pdf' },
          { fileName: 'ถนน.png', bytes: flatPng(16, 16), type: 'image/png' },
        ]);
        expect(response.statusCode, response.body).toBe(200);
        const view = await staffView(filed.id);
        reply = view.timeline.find((event) => event.type === 'reply') ?? expect.fail('no reply event');
        files = view.attachments.filter((attachment) => reply.attachmentIds.includes(attachment.id));
      });

      it('lists the files for staff, on the reply entry of the timeline, as uploaded by staff', () => {
        expect(files.map((file) => [file.fileName, file.mediaType, file.uploadedBy, file.visible, file.seenByCitizen])).toEqual([
          ['หนังสือชี้แจง.pdf', 'application/pdf', 'staff', true, true],
          ['ถนน.png', 'image/png', 'staff', true, true],
        ]);
        expect(reply.details.files).toBe(2);
      });

      it('shows them to the citizen with the reply, and lets the citizen download them with the key', async () => {
        const view = await publicView(filed);
        const entry = view.timeline.find((item) => item.type === 'reply');
        expect(entry?.attachmentIds).toEqual(reply.attachmentIds);
        expect(view.attachments.map((file) => [file.fileName, file.uploadedBy])).toEqual([
          ['หนังสือชี้แจง.pdf', 'staff'],
          ['ถนน.png', 'staff'],
        ]);
        const download = await citizenDownload(filed, reply.attachmentIds[0] ?? '');
        expect(download.statusCode).toBe(200);
        expect(download.rawPayload.equals(PDF)).toBe(true);
      });

      it('keeps the access rules: another agency gets 404, staff downloads are audited', async () => {
        const id = reply.attachmentIds[1] ?? '';
        expect((await staffDownload(filed.id, id, 'rtp.officer')).statusCode).toBe(404);
        const before = await t.db().query('SELECT seq FROM audit_log WHERE action = $1 AND entity_id = $2', ['attachment.view', filed.id]);
        expect((await staffDownload(filed.id, id, 'pho66.officer')).statusCode).toBe(200);
        const after = await t.db().query<{ actor_label: string }>('SELECT actor_label FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY seq', ['attachment.view', filed.id]);
        expect(after.length).toBe(before.length + 1);
        expect(after.at(-1)?.actor_label).toBe('pho66.officer');
      });

      it('audits the reply with the number of files', async () => {
        const [audit] = await t.db().query<{ details: { files?: number } }>("SELECT details FROM audit_log WHERE action = 'case.reply' AND entity_id = $1", [filed.id]);
        expect(audit?.details.files).toBe(2);
      });
    });

    it('shows the files of a request for information to the citizen', async () => {
      const filed = await caseAtDistrict();
      const response = await act(filed.id, 'request-info', { message: 'กรุณากรอกแบบฟอร์มที่แนบมาแล้วส่งกลับ' }, [{ fileName: 'แบบฟอร์ม.pdf', bytes: PDF }]);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ status: 'awaiting_info' });
      const view = await publicView(filed);
      const request = view.timeline.find((item) => item.type === 'info_requested');
      expect(request?.attachmentIds).toHaveLength(1);
      expect(view.attachments).toEqual([expect.objectContaining({ id: request?.attachmentIds?.[0], fileName: 'แบบฟอร์ม.pdf', uploadedBy: 'staff' })]);
      expect((await citizenDownload(filed, request?.attachmentIds?.[0] ?? '')).statusCode).toBe(200);
    });

    describe('an internal note with a file', () => {
      let filed: Awaited<ReturnType<typeof caseAtDistrict>>;
      let noteFileId: string;
      const NOTE_FILE = 'บันทึกการลงพื้นที่.pdf';

      beforeAll(async () => {
        filed = await caseAtDistrict();
        // A reply first, so the citizen has something of staff's to see.
        expect((await act(filed.id, 'reply', { message: 'รับทราบแล้ว' }, [{ fileName: 'ตอบ.pdf', bytes: PDF }])).statusCode).toBe(200);
        const jobsBefore = await citizenJobs(filed.id);
        const response = await act(filed.id, 'note', { message: 'ลงพื้นที่ตรวจสอบแล้ว รายงานแนบ' }, [{ fileName: NOTE_FILE, bytes: PDF }]);
        expect(response.statusCode, response.body).toBe(200);
        // The note enqueued nothing for the citizen.
        expect(await citizenJobs(filed.id)).toEqual(jobsBefore);
        const view = await staffView(filed.id);
        const note = view.timeline.find((event) => event.type === 'note') ?? expect.fail('no note');
        noteFileId = note.attachmentIds[0] ?? expect.fail('no file on the note');
        expect(view.attachments.find((file) => file.id === noteFileId)).toMatchObject({ fileName: NOTE_FILE, uploadedBy: 'staff', visible: true });
      });

      it('tells staff that the citizen does not see it (and sees the reply’s)', async () => {
        const view = await staffView(filed.id);
        expect(view.attachments.map((file) => [file.fileName, file.seenByCitizen])).toEqual([
          ['ตอบ.pdf', true],
          [NOTE_FILE, false],
        ]);
      });

      const citizenJobs = async (caseId: string) =>
        (await t.db().query<{ payload: unknown }>("SELECT payload FROM jobs WHERE type = 'notify.citizen' AND payload->>'caseId' = $1 ORDER BY id", [caseId])).map((row) => JSON.stringify(row.payload));

      it('never reaches the public view: not in the files, not on any timeline entry', async () => {
        const view = await publicView(filed);
        expect(view.attachments.map((file) => file.fileName)).toEqual(['ตอบ.pdf']);
        expect(view.timeline.flatMap((item) => item.attachmentIds ?? [])).not.toContain(noteFileId);
        expect(JSON.stringify(view)).not.toContain(NOTE_FILE);
      });

      it('cannot be downloaded with the access key (as if it did not exist)', async () => {
        const response = await citizenDownload(filed, noteFileId);
        expect(response.statusCode).toBe(404);
        expect(response.body).not.toContain('%PDF');
      });

      it('is in no e-mail to the citizen', async () => {
        for (const job of await citizenJobs(filed.id)) expect(job).not.toContain(NOTE_FILE);
      });

      it('is not in the exported list', async () => {
        const response = await t.request({ method: 'GET', url: `/api/v1/cases/export?q=${filed.trackingCode}`, as: 'moph.supervisor' });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.body).toContain(filed.trackingCode);
        expect(response.body).not.toContain(NOTE_FILE);
      });
    });

    describe('refusals', () => {
      it('stores neither the event nor any file when one file of a reply is refused', async () => {
        const filed = await caseAtDistrict();
        const before = { counts: await counts(filed.id), stored: await storedFiles() };
        const response = await act(filed.id, 'reply', { message: 'แนบเอกสาร' }, [
          { fileName: 'ok.pdf', bytes: PDF },
          { fileName: 'photo.jpg', bytes: HTML, type: 'image/jpeg' },
        ]);
        expect(response.statusCode).toBe(400);
        expect(response.json<ErrorBody>().error.details.map((detail) => detail.field)).toEqual(['files[1]']);
        expect(await counts(filed.id)).toEqual(before.counts);
        expect(await storedFiles()).toEqual(before.stored);
      });

      it('removes the stored files when the action itself is refused (a reply to a closed case)', async () => {
        const filed = await caseAtDistrict();
        await t.act('taphanhin.officer', filed.id, 'resolve', { result: 'fixed', message: 'ซ่อมแล้ว' });
        await t.act('taphanhin.officer', filed.id, 'close', { reason: 'ผู้ร้องแจ้งทางโทรศัพท์ว่าพอใจผลแล้ว' });
        const before = { counts: await counts(filed.id), stored: await storedFiles() };
        const response = await act(filed.id, 'reply', { message: 'ข้อความหลังปิดเรื่อง' }, [{ fileName: 'late.pdf', bytes: PDF }]);
        expect(response.statusCode).toBe(409);
        expect(await counts(filed.id)).toEqual(before.counts);
        expect(await storedFiles()).toEqual(before.stored);
      });

      it('reads no file for a case outside the user’s scope (404) or an action the role may not take (403)', async () => {
        const filed = await caseAtDistrict();
        const before = await storedFiles();
        expect((await act(filed.id, 'reply', { message: 'ไม่ใช่หน่วยงานของเรา' }, [{ fileName: 'x.pdf', bytes: PDF }], 'rtp.officer')).statusCode).toBe(404);
        // ผู้บริหาร (CCEO) may write notes but not reply.
        expect((await act(filed.id, 'reply', { message: 'ผู้บริหารตอบเอง' }, [{ fileName: 'x.pdf', bytes: PDF }], 'moph.cceo')).statusCode).toBe(403);
        expect(await storedFiles()).toEqual(before);
        expect((await act(filed.id, 'reply', { message: 'ไม่ได้เข้าสู่ระบบ' }, [{ fileName: 'x.pdf', bytes: PDF }], null)).statusCode).toBe(401);
      });

      it('takes files only on a note, a reply or a request for information', async () => {
        const filed = await caseAtDistrict();
        const response = await act(filed.id, 'extend', { businessDays: 2, reason: 'รอผลตรวจจากห้องปฏิบัติการ' }, [{ fileName: 'x.pdf', bytes: PDF }]);
        expect(response.statusCode).toBe(415);
      });

      it('still takes a reply as JSON, with no files', async () => {
        const filed = await caseAtDistrict();
        await t.act('taphanhin.officer', filed.id, 'reply', { message: 'ตอบโดยไม่มีไฟล์' });
        const reply = (await staffView(filed.id)).timeline.find((event) => event.type === 'reply');
        expect(reply?.attachmentIds).toEqual([]);
        expect(reply?.details).not.toHaveProperty('files');
      });
    });

    describe('on a confidential case', () => {
      it('are the identity’s like every file of the case: a placeholder above the receiving agency, the citizen still sees a reply’s', async () => {
        const filed = await t.fileComplaint({ confidential: true, complainant: { name: 'ผู้ร้อง ปกปิด', phone: '0811111111' } });
        // The receiving hub replies while it holds the case, then hands it to the district.
        const response = await act(filed.id, 'reply', { message: 'แนบภาพหน้างาน' }, [{ fileName: 'หน้างาน.png', bytes: flatPng(8, 8) }], 'hub.intake');
        expect(response.statusCode, response.body).toBe(200);
        await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dho-6604' });
        const officer = await staffView(filed.id, 'taphanhin.officer');
        expect(officer.attachments).toEqual([expect.objectContaining({ fileName: 'attachment-1.png', uploadedBy: 'staff', visible: false })]);
        expect((await staffDownload(filed.id, officer.attachments[0]?.id ?? '', 'taphanhin.officer')).statusCode).toBe(403);
        const citizen = await publicView(filed);
        expect(citizen.attachments.map((file) => file.fileName)).toEqual(['หน้างาน.png']);
      });
    });

    it('describes the multipart option of the three actions in the OpenAPI document', async () => {
      // The OpenAPI document is generated from the routes, not a response of the contract: only the part read here.
      const document = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, { post?: { description?: string } }> }>();
      for (const action of ['note', 'reply', 'request-info']) {
        expect(document.paths[`/api/v1/cases/{id}/actions/${action}`]?.post?.description, action).toContain('multipart/form-data');
      }
      expect(document.paths['/api/v1/cases/{id}/actions/note']?.post?.description).toContain('never on the tracking page');
    });
  },
  { config: () => ({ filesDir: mkdtempSync(path.join(tmpdir(), 'rongthuk-staff-files-')), maxFileBytes: 200 * 1024, maxFiles: 3 }) },
);
