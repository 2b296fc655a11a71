/**
 * ไฟล์แนบ through the real stack: multipart filings, messages and staff intake with files
 * (content-typed, images stripped of metadata), limits named by field, nothing left behind by
 * a failed filing, and downloads for staff in scope (audited) and for the citizen with the key.
 * Runs on both engines, each app with its own temporary file store.
 */
import { mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFileStore } from '../src/server/attachments/storage.ts';
import { largestRequestBytes, uploadBudgetBytes } from '../src/server/attachments/uploads.ts';
import { formData, type FilePart } from './support/multipart.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import { flatPng } from './support/png.ts';
import type { z } from 'zod';
import type { PublicReceiptSchema, Attachment as AttachmentView, ErrorBody, CaseDetail as StaffCase, PublicCase, Receipt } from '../src/shared/api/index.ts';

const MAX_FILE_BYTES = 200 * 1024;
const MAX_FILES = 3;
const UNKNOWN_ID = '5d0c8a4e-2b1f-4c3d-8e9f-0a1b2c3d4e5f';
const COMPLAINT = {
  description: 'เจ้าหน้าที่สาธารณสุขอำเภอพูดจาไม่สุภาพกับผู้ป่วยสูงอายุ มีภาพถ่ายประกอบ',
  categoryCode: 'official-conduct',
  location: { provinceCode: '66' },
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

/** What filing answers the citizen. */
type PublicReceipt = z.output<typeof PublicReceiptSchema>;
/** What a staff intake answers. */

/** A JPEG as a phone writes it: camera make and a GPS position in its EXIF. */
function phonePhoto(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Secret 9', Copyright: 'สมหญิง' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '16/1 4/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '100/1 23/1 1200/100' },
    })
    .toBuffer();
}

async function postMultipart(
  t: TestApp,
  url: string,
  payload: unknown,
  files: FilePart[],
  options: { as?: string; headers?: Record<string, string>; payloadText?: string } = {},
): Promise<LightMyRequestResponse> {
  const { body, contentType } = await formData(payload, files, options.payloadText);
  return t.request({ method: 'POST', url, body, headers: { 'content-type': contentType, ...options.headers }, ...(options.as ? { as: options.as } : {}) });
}

function fieldsOf(response: LightMyRequestResponse): Array<string | undefined> {
  return response.json<ErrorBody>().error.details.map((detail) => detail.field);
}

/** Every regular file under the app's store directory. */
async function storedFiles(t: TestApp): Promise<string[]> {
  const root = t.ctx().config.filesDir;
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function count(t: TestApp, table: 'cases' | 'case_attachments'): Promise<number> {
  const [row] = await t.db().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return Number(row?.n);
}

const BOUNDARY = 'rongthuk-test-boundary';
const FILE_PART_HEAD = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
);

/** A multipart body of one file part of `totalBytes`, made only as it is read; `produced` says how much was. */
function endlessUpload(totalBytes: number) {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= totalBytes) {
        this.push(null);
        return;
      }
      const next = produced === 0 ? FILE_PART_HEAD : chunk;
      produced += next.length;
      this.push(next);
    },
  });
  return { stream, contentType: `multipart/form-data; boundary=${BOUNDARY}`, produced: () => produced };
}

/** A multipart body that sends the start of a file part, then waits until `end` (and ends the body unfinished). */
function stalledUpload() {
  let started = () => {};
  const read = new Promise<void>((resolve) => {
    started = resolve;
  });
  let sent = false;
  const stream = new Readable({
    read() {
      if (sent) return;
      sent = true;
      this.push(FILE_PART_HEAD);
      started();
    },
  });
  return { stream, read, contentType: `multipart/form-data; boundary=${BOUNDARY}`, end: () => stream.push(null) };
}

describeEachApp(
  'attachments',
  (t) => {
    afterAll(async () => {
      await rm(t.ctx().config.filesDir, { recursive: true, force: true });
    });

    const fileWithFiles = (files: FilePart[], payload: unknown = COMPLAINT) => postMultipart(t, '/api/v1/public/complaints', payload, files);
    const track = (trackingCode: string, accessKey: string) =>
      t.request({ method: 'GET', url: `/api/v1/public/complaints/${trackingCode}`, headers: { 'x-access-key': accessKey } });
    const citizenDownload = (trackingCode: string, attachmentId: string, accessKey: string) =>
      t.request({ method: 'GET', url: `/api/v1/public/complaints/${trackingCode}/attachments/${attachmentId}`, headers: { 'x-access-key': accessKey } });
    const staffDownload = (caseId: string, attachmentId: string, as?: string) =>
      t.request({ method: 'GET', url: `/api/v1/cases/${caseId}/attachments/${attachmentId}`, ...(as ? { as } : {}) });

    describe('filing with files', () => {
      let receipt: PublicReceipt;
      let caseId: string;
      let original: Buffer;
      let attachments: AttachmentView[];

      beforeAll(async () => {
        original = await phonePhoto();
        const response = await fileWithFiles([
          { fileName: 'IMG_0042.JPG', bytes: original, type: 'image/jpeg' },
          { fileName: 'ใบรับรองแพทย์.pdf', bytes: PDF, type: 'application/pdf' },
        ]);
        expect(response.statusCode, response.body).toBe(201);
        receipt = response.json();
        const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
        caseId = row?.id ?? '';
        await t.act('hub.intake', caseId, 'assign', { agencyCode: 'dho-6604' });
        const detail = await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as: 'taphanhin.officer' });
        expect(detail.statusCode).toBe(200);
        attachments = detail.json<StaffCase>().attachments;
      });

      it('lists the files on the case, named by the detected type', () => {
        expect(attachments).toEqual([
          expect.objectContaining({ fileName: 'IMG_0042.jpg', mediaType: 'image/jpeg', uploadedBy: 'citizen' }),
          { id: expect.any(String), fileName: 'ใบรับรองแพทย์.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length, uploadedBy: 'citizen', uploadedAt: expect.any(String), visible: true, seenByCitizen: true },
        ]);
      });

      it('stores and serves the photo without EXIF or GPS', async () => {
        expect((await sharp(original).metadata()).exif).toBeDefined();
        const photo = attachments[0] ?? expect.fail('no photo');
        const response = await staffDownload(caseId, photo.id, 'taphanhin.officer');
        expect(response.statusCode).toBe(200);
        const served = response.rawPayload;
        const metadata = await sharp(served).metadata();
        expect(metadata).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
        expect(metadata.exif).toBeUndefined();
        expect(served.includes('PhoneCo')).toBe(false);
        const [row] = await t.db().query<{ storageKey: string; sizeBytes: number }>(
          'SELECT storage_key AS "storageKey", size_bytes AS "sizeBytes" FROM case_attachments WHERE id = $1',
          [photo.id],
        );
        const stored = await new LocalFileStore(t.ctx().config.filesDir).read(row?.storageKey ?? '');
        expect(stored.equals(served)).toBe(true);
        expect(row?.sizeBytes).toBe(served.length);
      });

      it('serves an image inline and a PDF as a download, with headers that keep a browser from running it', async () => {
        const [photo, pdf] = attachments;
        const image = await staffDownload(caseId, photo?.id ?? '', 'taphanhin.officer');
        expect(image.headers).toMatchObject({
          'content-type': 'image/jpeg',
          'x-content-type-options': 'nosniff',
          'content-security-policy': "sandbox; default-src 'none'",
          'cache-control': 'private, no-store',
        });
        expect(image.headers['content-disposition']).toMatch(/^inline; filename="IMG_0042.jpg"; filename\*=UTF-8''IMG_0042\.jpg$/);
        const document = await staffDownload(caseId, pdf?.id ?? '', 'taphanhin.officer');
        expect(document.headers['content-type']).toBe('application/pdf');
        expect(document.headers['content-disposition']).toBe(
          `attachment; filename="${'_'.repeat('ใบรับรองแพทย์'.length)}.pdf"; filename*=UTF-8''${encodeURIComponent('ใบรับรองแพทย์.pdf')}`,
        );
        expect(document.rawPayload.equals(PDF)).toBe(true);
      });

      it('answers 401 without sign-in and 400 to a malformed id', async () => {
        const photoId = attachments[0]?.id ?? '';
        expect((await staffDownload(caseId, photoId)).statusCode).toBe(401);
        expect((await staffDownload(caseId, 'not-a-uuid', 'taphanhin.officer')).statusCode).toBe(400);
        expect((await staffDownload('not-a-uuid', photoId, 'taphanhin.officer')).statusCode).toBe(400);
      });

      it('lets the holding agency and the line above it download, audited; another agency gets 404 as for nothing', async () => {
        const photoId = attachments[0]?.id ?? '';
        const auditBefore = await t.db().query('SELECT seq FROM audit_log WHERE action = $1 AND entity_id = $2', ['attachment.view', caseId]);
        expect((await staffDownload(caseId, photoId, 'pho66.officer')).statusCode).toBe(200);
        const audited = await t.db().query<{ actor_label: string; details: { attachmentId: string } }>(
          'SELECT actor_label, details FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY seq',
          ['attachment.view', caseId],
        );
        expect(audited.length).toBe(auditBefore.length + 1);
        expect(audited.at(-1)).toMatchObject({ actor_label: 'pho66.officer', details: { attachmentId: photoId } });

        for (const outsider of ['rtp.officer', 'pho50.officer', 'dtc66.officer']) {
          const response = await staffDownload(caseId, photoId, outsider);
          expect(response.statusCode, outsider).toBe(404);
          expect(response.json()).toEqual((await staffDownload(UNKNOWN_ID, photoId, outsider)).json());
        }
        expect((await staffDownload(caseId, UNKNOWN_ID, 'taphanhin.officer')).statusCode).toBe(404);
        const after = await t.db().query('SELECT seq FROM audit_log WHERE action = $1 AND entity_id = $2', ['attachment.view', caseId]);
        expect(after.length).toBe(audited.length);
      });

      it('gives the citizen their files with the right key, and 404 with a wrong one', async () => {
        const publicCase = (await track(receipt.trackingCode, receipt.accessKey)).json<PublicCase>();
        expect(publicCase.attachments.map((item) => item.id)).toEqual(attachments.map((item) => item.id));
        const photoId = attachments[0]?.id ?? '';
        const ok = await citizenDownload(receipt.trackingCode, photoId, receipt.accessKey);
        expect(ok.statusCode).toBe(200);
        expect(ok.headers['content-type']).toBe('image/jpeg');
        expect((await sharp(ok.rawPayload).metadata()).exif).toBeUndefined();
        const wrong = await citizenDownload(receipt.trackingCode, photoId, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
        expect(wrong.statusCode).toBe(404);
        expect(wrong.body).not.toContain('PhoneCo');
        expect((await citizenDownload(receipt.trackingCode, photoId, '')).statusCode).toBe(400);
      });

      it('does not let one complaint reach the files of another', async () => {
        const other = await t.fileComplaint();
        const response = await citizenDownload(other.trackingCode, attachments[0]?.id ?? '', other.accessKey);
        expect(response.statusCode).toBe(404);
      });

      it('tells the receipt event how many files came with it', async () => {
        const [event] = await t.db().query<{ payload: { files?: number } }>("SELECT payload FROM case_events WHERE case_id = $1 AND type = 'received'", [caseId]);
        expect(event?.payload.files).toBe(2);
      });

      it('takes a message with a file, the citizen sees it and staff too', async () => {
        const response = await postMultipart(
          t,
          `/api/v1/public/complaints/${receipt.trackingCode}/messages`,
          { message: 'ส่งภาพเพิ่มเติมครับ' },
          [{ fileName: 'more.png', bytes: await sharp({ create: { width: 8, height: 8, channels: 4, background: '#f00f' } }).png().toBuffer() }],
          { headers: { 'x-access-key': receipt.accessKey } },
        );
        expect(response.statusCode, response.body).toBe(201);
        const publicCase = (await track(receipt.trackingCode, receipt.accessKey)).json<PublicCase>();
        expect(publicCase.attachments.at(-1)).toMatchObject({ fileName: 'more.png', mediaType: 'image/png', uploadedBy: 'citizen' });
        const [row] = await t.db().query<{ type: string }>(
          'SELECT e.type FROM case_attachments a JOIN case_events e ON e.case_id = a.case_id AND e.seq = a.event_seq WHERE a.id = $1',
          [publicCase.attachments.at(-1)?.id],
        );
        expect(row?.type).toBe('citizen_message');
      });

      it('stores nothing for a message with a wrong key', async () => {
        const before = await storedFiles(t);
        const response = await postMultipart(t, `/api/v1/public/complaints/${receipt.trackingCode}/messages`, { message: 'ไม่ใช่เจ้าของเรื่อง' }, [{ bytes: PDF }], {
          headers: { 'x-access-key': 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' },
        });
        expect(response.statusCode).toBe(404);
        expect(await storedFiles(t)).toEqual(before);
      });
    });

    describe('refusals', () => {
      it('refuses HTML named photo.jpg, naming files[0] and what it found', async () => {
        const response = await fileWithFiles([{ fileName: 'photo.jpg', bytes: HTML, type: 'image/jpeg' }]);
        expect(response.statusCode).toBe(400);
        expect(response.json<ErrorBody>().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'files[0]', message: expect.stringContaining('not a recognised file type') }] });
      });

      it('names the file that is wrong among several', async () => {
        const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).gif().toBuffer();
        const response = await fileWithFiles([{ bytes: PDF }, { bytes: gif, fileName: 'x.png', type: 'image/png' }]);
        expect(response.statusCode).toBe(400);
        expect(response.json<ErrorBody>().error.details).toEqual([{ field: 'files[1]', message: expect.stringContaining('image/gif'), messageTh: expect.stringContaining('image/gif') }]);
      });

      it('refuses an image of too many pixels (a decompression bomb) naming it, in Thai too', async () => {
        const response = await fileWithFiles([{ bytes: PDF }, { fileName: 'scan.png', bytes: flatPng(7000, 6000) }]);
        expect(response.statusCode).toBe(400);
        expect(response.json<ErrorBody>().error.details).toEqual([
          { field: 'files[1]', message: expect.stringContaining('megapixels'), messageTh: expect.stringContaining('ล้านพิกเซล') },
        ]);
      });

      it('answers 413 naming the file over the limit', async () => {
        const big = Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES, 0x20)]);
        const response = await fileWithFiles([{ bytes: PDF }, { bytes: big, fileName: 'big.pdf' }]);
        expect(response.statusCode).toBe(413);
        expect(response.json<ErrorBody>().error.code).toBe('payload_too_large');
        expect(fieldsOf(response)).toEqual(['files[1]']);
      });

      it('refuses more files than allowed', async () => {
        const response = await fileWithFiles(Array.from({ length: MAX_FILES + 1 }, () => ({ bytes: PDF })));
        expect(response.statusCode).toBe(400);
        expect(fieldsOf(response)).toEqual(['files']);
      });

      it('refuses an image it cannot decode', async () => {
        const photo = await phonePhoto();
        const broken = Buffer.concat([photo.subarray(0, 64), Buffer.alloc(300, 0x11)]);
        const response = await fileWithFiles([{ fileName: 'broken.jpg', bytes: broken }]);
        expect(response.statusCode).toBe(400);
        expect(fieldsOf(response)).toEqual(['files[0]']);
      });

      it('refuses a missing or non-JSON payload, naming payload', async () => {
        const missing = await postMultipart(t, '/api/v1/public/complaints', undefined, [{ bytes: PDF }]);
        expect(missing.statusCode).toBe(400);
        expect(fieldsOf(missing)).toEqual(['payload']);
        const notJson = await postMultipart(t, '/api/v1/public/complaints', undefined, [], { payloadText: '{description: oops' });
        expect(notJson.statusCode).toBe(400);
        expect(fieldsOf(notJson)).toEqual(['payload']);
      });

      it('checks the payload with the JSON schema, unchanged', async () => {
        const response = await fileWithFiles([{ bytes: PDF }], { description: 'สั้น', unknown: true });
        expect(response.statusCode).toBe(400);
        expect(fieldsOf(response)).toEqual(expect.arrayContaining(['description', 'unknown']));
      });

      it('refuses multipart on an endpoint that takes JSON only', async () => {
        const response = await postMultipart(t, `/api/v1/public/complaints/RT-69-AAAAAA/feedback`, { rating: 5 }, [], { headers: { 'x-access-key': 'x' } });
        expect(response.statusCode).toBe(415);
      });

      it('refuses a compressed upload (Content-Encoding) with 415 and files nothing', async () => {
        const before = await count(t, 'cases');
        const { body, contentType } = await formData({ description: 'ไฟฟ้าดับทั้งหมู่บ้านตั้งแต่เมื่อวาน' }, [{ bytes: await phonePhoto(), type: 'image/jpeg', fileName: 'a.jpg' }]);
        const response = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: gzipSync(body), headers: { 'content-type': contentType, 'content-encoding': 'gzip' } });
        expect(response.statusCode).toBe(415);
        expect(await count(t, 'cases')).toBe(before);
      });

      it('leaves no case, no row and no file behind when the filing fails', async () => {
        const [casesBefore, rowsBefore, filesBefore] = [await count(t, 'cases'), await count(t, 'case_attachments'), await storedFiles(t)];
        const response = await fileWithFiles([{ bytes: await phonePhoto() }, { bytes: PDF }], { ...COMPLAINT, categoryCode: 'no-such-category' });
        expect(response.statusCode).toBe(400);
        expect(fieldsOf(response)).toEqual(['categoryCode']);
        expect(await count(t, 'cases')).toBe(casesBefore);
        expect(await count(t, 'case_attachments')).toBe(rowsBefore);
        expect(await storedFiles(t)).toEqual(filesBefore);
      });
    });

    describe('files of a confidential or sensitive case', () => {
      let caseId: string;
      let photoId: string;
      let trackingCode: string;
      let accessKey: string;

      beforeAll(async () => {
        // ปกปิดตัวตน: the complainant asked that the handling agencies not know who they are.
        const response = await fileWithFiles([{ fileName: 'หน้าตาผู้ร้อง.jpg', bytes: await phonePhoto() }], {
          ...COMPLAINT,
          confidential: true,
          complainant: { name: 'สมหญิง ใจดี', phone: '0898765432' },
        });
        expect(response.statusCode, response.body).toBe(201);
        ({ trackingCode, accessKey } = response.json<PublicReceipt>());
        const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [trackingCode]);
        caseId = row?.id ?? '';
        await t.act('hub.intake', caseId, 'assign', { agencyCode: 'dho-6604' });
        photoId = (await detailFor(caseId, 'hub.intake')).attachments[0]?.id ?? '';
      });

      const detailFor = async (id: string, as: string) => {
        const response = await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as });
        expect(response.statusCode, response.body).toBe(200);
        return response.json<StaffCase>();
      };
      const downloadsOf = async (id: string) =>
        (await t.db().query('SELECT seq FROM audit_log WHERE action = $1 AND entity_id = $2', ['attachment.view', id])).length;

      it('are shown, with their names, to who may see the complainant: the receiving hub, audited on download', async () => {
        const detail = await detailFor(caseId, 'hub.intake');
        expect(detail.complainant.visible).toBe(true);
        expect(detail.attachments).toEqual([expect.objectContaining({ id: photoId, fileName: 'หน้าตาผู้ร้อง.jpg', visible: true })]);
        const before = await downloadsOf(caseId);
        expect((await staffDownload(caseId, photoId, 'hub.intake')).statusCode).toBe(200);
        expect(await downloadsOf(caseId)).toBe(before + 1);
      });

      it('are a nameless placeholder to those who may view the case but not the complainant, and cannot be downloaded', async () => {
        for (const username of ['taphanhin.officer', 'pho66.officer']) {
          const detail = await detailFor(caseId, username);
          expect(detail.complainant.visible, username).toBe(false);
          expect(detail.attachments, username).toEqual([
            { id: photoId, fileName: 'attachment-1.jpg', mediaType: 'image/jpeg', sizeBytes: expect.any(Number), uploadedBy: 'citizen', uploadedAt: expect.any(String), visible: false, seenByCitizen: true },
          ]);
          const before = await downloadsOf(caseId);
          const response = await staffDownload(caseId, photoId, username);
          expect(response.statusCode, username).toBe(403);
          expect(response.json<ErrorBody>().error).toMatchObject({ code: 'identity_protected', messageTh: expect.stringContaining('ผู้ร้อง') });
          expect(response.headers['content-type']).toMatch(/^application\/json/);
          expect(await downloadsOf(caseId)).toBe(before);
        }
      });

      it('stay the citizen’s own: they see and download them with the key', async () => {
        const publicCase = (await track(trackingCode, accessKey)).json<PublicCase>();
        expect(publicCase.attachments).toEqual([expect.objectContaining({ id: photoId, fileName: 'หน้าตาผู้ร้อง.jpg', visible: true })]);
        expect((await citizenDownload(trackingCode, photoId, accessKey)).statusCode).toBe(200);
      });

      it('of a sensitive case that is not confidential open to the holder who may see the complainant, not to the line above', async () => {
        const response = await fileWithFiles([{ fileName: 'letter.pdf', bytes: PDF }]);
        const receipt = response.json<PublicReceipt>();
        const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
        const id = row?.id ?? '';
        await t.act('hub.intake', id, 'assign', { agencyCode: 'dho-6604' });
        const fileId = (await detailFor(id, 'taphanhin.officer')).attachments[0]?.id ?? '';
        // Before: an ordinary case's files open to the line above too.
        expect((await staffDownload(id, fileId, 'pho66.officer')).statusCode).toBe(200);
        await t.db().query('UPDATE cases SET sensitive = true WHERE id = $1', [id]);
        expect((await detailFor(id, 'taphanhin.officer')).attachments[0]?.visible).toBe(true);
        expect((await staffDownload(id, fileId, 'taphanhin.officer')).statusCode).toBe(200);
        expect((await detailFor(id, 'pho66.officer')).attachments[0]).toMatchObject({ fileName: 'attachment-1.pdf', visible: false });
        expect((await staffDownload(id, fileId, 'pho66.officer')).statusCode).toBe(403);
      });

      it('of a case filed under no category that names a bribe: sensitive and confidential by its words, the files are the identity’s', async () => {
        const response = await fileWithFiles([{ fileName: 'สลิปโอนเงิน.jpg', bytes: await phonePhoto() }], {
          description: 'เจ้าหน้าที่อำเภอเรียกรับเงินห้าพันบาทเพื่อออกใบอนุญาต มีภาพสลิปโอนเงินแนบมา',
          location: { provinceCode: '66' },
          complainant: { name: 'สมปอง รักดี', phone: '0898765433' },
        });
        expect(response.statusCode, response.body).toBe(201);
        const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [response.json<PublicReceipt>().trackingCode]);
        const id = row?.id ?? '';
        await t.act('hub.intake', id, 'assign', { agencyCode: 'dho-6604' });
        const atHub = await detailFor(id, 'hub.intake');
        expect(atHub.attachments[0]).toMatchObject({ fileName: 'สลิปโอนเงิน.jpg', visible: true });
        const fileId = atHub.attachments[0]?.id ?? '';
        for (const username of ['taphanhin.officer', 'pho66.officer']) {
          const detail = await detailFor(id, username);
          expect(detail.complainant.visible, username).toBe(false);
          expect(detail.attachments[0], username).toMatchObject({ fileName: 'attachment-1.jpg', visible: false });
          expect((await staffDownload(id, fileId, username)).statusCode, username).toBe(403);
        }
      });
    });

    describe('file names with personal data', () => {
      // A valid national ID (check digit 0) and a mobile number, as people name their scans.
      const ID_CARD = 'บัตรประชาชน 1101700203450.jpg';
      const PHONE_NAMED = '0812345678.pdf';
      let caseId: string;
      let receipt: PublicReceipt;
      let attachments: AttachmentView[];

      beforeAll(async () => {
        const response = await fileWithFiles([
          { fileName: ID_CARD, bytes: await phonePhoto() },
          { fileName: PHONE_NAMED, bytes: PDF },
        ]);
        expect(response.statusCode, response.body).toBe(201);
        receipt = response.json();
        const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
        caseId = row?.id ?? '';
        attachments = (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as: 'hub.intake' })).json<StaffCase>().attachments;
      });

      it('are redacted in the staff view', () => {
        expect(attachments.map((item) => [item.fileName, item.visible])).toEqual([
          ['บัตรประชาชน [เลขประจำตัวประชาชน].jpg', true],
          ['[หมายเลขโทรศัพท์].pdf', true],
        ]);
      });

      it('are redacted in the staff download and in the audit record of it', async () => {
        for (const attachment of attachments) {
          const response = await staffDownload(caseId, attachment.id, 'hub.intake');
          expect(response.statusCode).toBe(200);
          const disposition = decodeURIComponent(String(response.headers['content-disposition']));
          expect(disposition).toContain(attachment.fileName);
          expect(disposition).not.toMatch(/1101700203450|0812345678/);
        }
        const audited = await t.db().query<{ details: { fileName: string } }>('SELECT details FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY seq', [
          'attachment.view',
          caseId,
        ]);
        expect(audited.map((row) => row.details.fileName)).toEqual(attachments.map((item) => item.fileName));
        const [raw] = await t.db().query<{ text: string }>("SELECT string_agg(details::text, ' ') AS text FROM audit_log WHERE entity_id = $1", [caseId]);
        expect(raw?.text).not.toMatch(/1101700203450|0812345678/);
      });

      it('keep their names in the citizen’s own view and download', async () => {
        const publicCase = (await track(receipt.trackingCode, receipt.accessKey)).json<PublicCase>();
        expect(publicCase.attachments.map((item) => item.fileName)).toEqual([ID_CARD, PHONE_NAMED]);
        const download = await citizenDownload(receipt.trackingCode, attachments[1]?.id ?? '', receipt.accessKey);
        expect(decodeURIComponent(String(download.headers['content-disposition']))).toContain(PHONE_NAMED);
      });
    });

    describe('reading uploads', () => {
      it('refuses an anonymous multipart staff intake with 401 before reading the body', async () => {
        const declared = 64 * 1024 * 1024;
        const upload = endlessUpload(declared);
        const response = await t.app().inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: { 'content-type': upload.contentType, 'content-length': String(declared) },
          payload: upload.stream,
        });
        upload.stream.destroy();
        expect(response.statusCode, response.body).toBe(401);
        expect(response.json<ErrorBody>().error.code).toBe('unauthenticated');
        // Before the fix the file part was read up to the file limit, then refused.
        expect(upload.produced()).toBeLessThan(MAX_FILE_BYTES / 2);
      });

      it('refuses a multipart staff intake with a token that signs nobody in, with 401', async () => {
        const { body, contentType } = await formData({ ...COMPLAINT, channel: 'post' }, [{ bytes: PDF }]);
        const intake = await t.app().inject({ method: 'POST', url: '/api/v1/cases', headers: { 'content-type': contentType, authorization: 'Bearer not-a-session' }, payload: body });
        expect(intake.statusCode).toBe(401);
      });

      it('takes only so many uploads at once: beyond the budget 503 with Retry-After in Thai, and room again when they end', async () => {
        const config = t.ctx().config;
        const largest = largestRequestBytes(config, undefined);
        const atOnce = Math.floor(uploadBudgetBytes(config) / largest);
        expect(atOnce).toBe(4);
        const token = await t.tokenFor('taphanhin.intake');
        // Uploads that send their first bytes and then wait, as a slow client does.
        // From several addresses: one address holds at most half of the budget (connections.test.ts).
        const stalled = Array.from({ length: atOnce }, () => stalledUpload());
        const pending = stalled.map((upload, index) =>
          t.app().inject({
            method: 'POST',
            url: '/api/v1/cases',
            remoteAddress: `10.0.0.${index + 1}`,
            headers: { 'content-type': upload.contentType, 'content-length': String(largest), authorization: `Bearer ${token}` },
            payload: upload.stream,
          }),
        );
        await Promise.all(stalled.map((upload) => upload.read));

        const refused = await postMultipart(t, '/api/v1/cases', { ...COMPLAINT, channel: 'post' }, [{ fileName: 'letter.pdf', bytes: PDF }], { as: 'taphanhin.intake' });
        expect(refused.statusCode, refused.body).toBe(503);
        expect(refused.headers['retry-after']).toBe('5');
        expect(refused.json<ErrorBody>().error).toMatchObject({ code: 'uploads_busy', messageTh: expect.stringContaining('กรุณาลองใหม่') });
        // A JSON request does not wait for the budget.
        expect((await t.request({ method: 'POST', url: '/api/v1/cases', as: 'taphanhin.intake', body: { ...COMPLAINT, channel: 'post' } })).statusCode).toBe(201);

        // The slow clients give up; what they held is given back.
        for (const upload of stalled) upload.end();
        for (const response of await Promise.all(pending)) expect(response.statusCode).toBe(400);
        const accepted = await postMultipart(t, '/api/v1/cases', { ...COMPLAINT, channel: 'post' }, [{ fileName: 'letter.pdf', bytes: PDF }], { as: 'taphanhin.intake' });
        expect(accepted.statusCode, accepted.body).toBe(201);
      });

      it('counts a small upload by its Content-Length, not at the largest size', () => {
        const config = t.ctx().config;
        expect(largestRequestBytes(config, '1000')).toBe(1000);
        expect(largestRequestBytes(config, 'lots')).toBe(largestRequestBytes(config, undefined));
        expect(largestRequestBytes(config, String(10 ** 12))).toBe(MAX_FILES * MAX_FILE_BYTES + 256 * 1024);
      });
    });

    describe('staff intake and JSON', () => {
      it('still takes JSON filings, with no attachments', async () => {
        const receipt = await t.fileComplaint();
        const publicCase = (await track(receipt.trackingCode, receipt.accessKey)).json<PublicCase>();
        expect(publicCase.attachments).toEqual([]);
        const message = await t.request({
          method: 'POST',
          url: `/api/v1/public/complaints/${receipt.trackingCode}/messages`,
          headers: { 'x-access-key': receipt.accessKey },
          body: { message: 'ข้อมูลเพิ่มเติม' },
        });
        expect(message.statusCode).toBe(201);
      });

      it('records a scanned letter with a staff intake; the citizen does not see staff uploads', async () => {
        const response = await postMultipart(t, '/api/v1/cases', { ...COMPLAINT, channel: 'post' }, [{ fileName: 'letter.pdf', bytes: PDF }], { as: 'taphanhin.intake' });
        expect(response.statusCode, response.body).toBe(201);
        const receipt = response.json<Receipt>();
        const detail = (await t.request({ method: 'GET', url: `/api/v1/cases/${receipt.id}`, as: 'taphanhin.intake' })).json<StaffCase>();
        expect(detail.attachments).toEqual([expect.objectContaining({ fileName: 'letter.pdf', uploadedBy: 'staff' })]);
        const [row] = await t.db().query<{ username: string }>(
          'SELECT u.username FROM case_attachments a JOIN users u ON u.id = a.uploaded_by_user_id WHERE a.case_id = $1',
          [receipt.id],
        );
        expect(row?.username).toBe('taphanhin.intake');
        const publicCase = (await track(receipt.trackingCode, receipt.accessKey)).json<PublicCase>();
        expect(publicCase.attachments).toEqual([]);
        const download = await citizenDownload(receipt.trackingCode, detail.attachments[0]?.id ?? '', receipt.accessKey);
        expect(download.statusCode).toBe(404);
      });

      it('answers 401 to a multipart staff intake without sign-in', async () => {
        const response = await postMultipart(t, '/api/v1/cases', { ...COMPLAINT, channel: 'post' }, [{ bytes: PDF }]);
        expect(response.statusCode).toBe(401);
      });

      it('describes the multipart option in the OpenAPI document', async () => {
        // The OpenAPI document is generated from the routes, not a response of the contract: only the part read here.
        const doc = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, { post?: { description?: string } }> }>();
        for (const route of ['/api/v1/public/complaints', '/api/v1/cases', '/api/v1/public/complaints/{trackingCode}/messages']) {
          expect(doc.paths[route]?.post?.description, route).toContain('multipart/form-data');
        }
      });
    });
  },
  { config: () => ({ filesDir: mkdtempSync(path.join(tmpdir(), 'rongthuk-files-')), maxFileBytes: MAX_FILE_BYTES, maxFiles: MAX_FILES }) },
);
