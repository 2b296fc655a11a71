/**
 * The exchange by files with an agency whose system has no API yet: a file partner's cases
 * exported as CSV (a clerk's spreadsheet: BOM, Thai, quoting, no formulas, no identity the
 * agreement withholds) and JSON (the messages signed), each message in one export only; its
 * status updates imported from CSV — every row checked first, errors by row and column, nothing
 * applied — then applied at the origin in the partner's name; and the hourly export to files.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../src/shared/csv.ts';
import { ExchangeExportFileSchema } from '../src/shared/api/exchange-messages.ts';
import type { CaseDetail, ErrorBody, InstanceJwks } from '../src/shared/api/index.ts';
import { recurringJobs } from '../src/server/app.ts';
import { FILE_EXPORT_JOB, writeScheduledExports } from '../src/server/exchange/file-export.ts';
import { verifyWithPartnerKeys } from '../src/server/exchange/signing.ts';
import { CSV_BODY_LIMIT_BYTES } from '../src/server/platform/csv-body.ts';
import { describeEachApp } from './support/app.ts';

const PARTNER = 'dtc-files';
const ED25519_KEY = { kty: 'OKP', crv: 'Ed25519', x: 'UF71-8JPOxI0zIjw5svwYoxRanfimctYjHUPUcY0hE0', kid: 'police-1' };

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'rongthuk-files-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const fields = (response: LightMyRequestResponse): string[] => (response.json() as ErrorBody).error.details.map((detail) => detail.field ?? '');

describeEachApp(
  'exchange by files',
  (t) => {
    const exportAs = (format: string, as = 'hub.admin', code = PARTNER) => t.request({ method: 'GET', url: `/api/v1/partners/${code}/export?format=${format}`, as });
    const importCsv = async (csv: string | Buffer, as = 'hub.admin', code = PARTNER) =>
      t.app().inject({ method: 'POST', url: `/api/v1/partners/${code}/import`, headers: { authorization: `Bearer ${await t.tokenFor(as)}`, 'content-type': 'text/csv' }, payload: csv });
    const statusOf = async (id: string) => ((await t.db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [id]))[0]?.status);
    const outbound = async () => t.db().query<{ type: string; state: string; jws: string | null }>("SELECT type, state, jws FROM exchange_messages WHERE direction = 'out' ORDER BY created_at, seq");
    /** A case filed at the hub and assigned to the agency the file partner serves. */
    const sendCase = async (body: Record<string, unknown>) => {
      const filed = await t.fileComplaint(body);
      await t.act('hub.intake', filed.id, 'screen', {});
      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dtc-p66' });
      return filed;
    };

    let first: Awaited<ReturnType<typeof sendCase>>;
    let second: Awaited<ReturnType<typeof sendCase>>;

    beforeAll(async () => {
      const file = await t.request({ method: 'POST', url: '/api/v1/partners', as: 'hub.admin', body: { code: PARTNER, name: 'ศูนย์ดำรงธรรมจังหวัดขอนแก่น', delivery: 'file', agencies: ['dtc-p66'] } });
      expect(file.statusCode, file.body).toBe(201);
      const api = await t.request({ method: 'POST', url: '/api/v1/partners', as: 'hub.admin', body: { code: 'police-api', name: 'ระบบของตำรวจ', baseUrl: 'https://police.example', jwks: { keys: [ED25519_KEY] }, agencies: ['rtp'] } });
      expect(api.statusCode, api.body).toBe(201);
      first = await sendCase({
        title: '=HYPERLINK("http://evil.example")',
        description: 'ไฟฟ้าส่องสว่างดับทั้งซอย, ชาวบ้านบอกว่า "มืดมาก" นายสมชาย ใจดี โทร 0812345678 แจ้ง',
        complainant: { name: 'สมชาย ใจดี', phone: '0812345678' },
      });
    });

    describe('GET /api/v1/partners/:code/export', () => {
      it('answers 401, 403 but to system administrators, 404 for no partner, 400 naming code for an API partner', async () => {
        expect((await t.request({ method: 'GET', url: `/api/v1/partners/${PARTNER}/export` })).statusCode).toBe(401);
        for (const username of ['hub.supervisor', 'moph.admin', 'dtc66.officer']) expect((await exportAs('csv', username)).statusCode, username).toBe(403);
        expect((await exportAs('csv', 'hub.admin', 'no-such-partner')).statusCode).toBe(404);
        const api = await exportAs('csv', 'hub.admin', 'police-api');
        expect(api.statusCode).toBe(400);
        expect(fields(api)).toEqual(['code']);
        expect(fields(await exportAs('xlsx'))).toEqual(['query.format']);
        // Nothing of that was taken.
        expect((await outbound()).map((message) => message.state)).toEqual(['queued']);
      });

      it('writes the transfer as CSV for a spreadsheet: BOM, Thai as is, quoted, no formula, no identity the agreement withholds', async () => {
        const response = await exportAs('csv');
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${PARTNER}-\\d{8}T\\d{6}Z\\.csv"$`));
        expect(response.headers['x-rongthuk-rows']).toBe('1');
        expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        expect(response.body).toContain('\r\n');
        const [header, row, ...rest] = parseCsvRecords(response.body);
        expect(rest).toEqual([]);
        expect(header?.fields).toEqual([
          'message_id', 'type', 'seq', 'reference', 'tracking_code', 'agency_code', 'created_at', 'title', 'description', 'category',
          'province_code', 'district_code', 'subdistrict_code', 'origin_due_date', 'confidential', 'reason', 'message', 'result', 'due_date',
          'rating', 'comment', 'accepted', 'files',
        ]);
        const cells = Object.fromEntries((header?.fields ?? []).map((name, index) => [name, row?.fields[index]]));
        expect(cells).toMatchObject({ type: 'transfer', seq: '1', reference: first.id, tracking_code: first.trackingCode, agency_code: 'dtc-p66', category: 'road', confidential: 'false' });
        // A formula is text in a spreadsheet; the quote and comma survive the quoting.
        expect(cells.title).toBe(`'=HYPERLINK("http://evil.example")`);
        expect(response.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
        // Redacted text (the agreement's default): Thai kept, the name and phone taken out.
        expect(cells.description).toMatch(/^ไฟฟ้าส่องสว่างดับทั้งซอย, ชาวบ้านบอกว่า "มืดมาก"/);
        expect(response.body).not.toContain('สมชาย');
        expect(response.body).not.toContain('0812345678');
      });

      it('takes each message once: it is exported, and the next export is only the header', async () => {
        expect(await outbound()).toEqual([{ type: 'case.transfer', state: 'exported', jws: expect.stringMatching(/^ey/) }]);
        const again = await exportAs('csv');
        expect(again.statusCode).toBe(200);
        expect(again.headers['x-rongthuk-rows']).toBe('0');
        expect(parseCsvRecords(again.body)).toHaveLength(1);
        const json = await exportAs('json');
        expect(ExchangeExportFileSchema.parse(json.json())).toMatchObject({ instance: t.ctx().config.instanceCode, partner: { code: PARTNER }, messages: [], jws: [], more: false });
        const audits = await t.db().query<{ actor_label: string; details: unknown }>("SELECT actor_label, details FROM audit_log WHERE action = 'exchange.export' ORDER BY seq");
        expect(audits).toEqual([
          { actor_label: 'hub.admin', details: { partner: PARTNER, cases: 1, messages: 1, format: 'csv' } },
          { actor_label: 'hub.admin', details: { partner: PARTNER, cases: 0, messages: 0, format: 'csv' } },
          { actor_label: 'hub.admin', details: { partner: PARTNER, cases: 0, messages: 0, format: 'json' } },
        ]);
      });

      it('writes JSON: the protocol messages, each signed with our key', async () => {
        second = await sendCase({ description: 'ท่อระบายน้ำอุดตัน น้ำท่วมขังหน้าบ้านทุกครั้งที่ฝนตก' });
        const response = await exportAs('json');
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        const file = ExchangeExportFileSchema.parse(response.json());
        expect(file.messages).toHaveLength(1);
        const [message] = file.messages;
        expect(message).toMatchObject({ protocol: 'rongthuk-exchange/1', from: t.ctx().config.instanceCode, to: PARTNER, type: 'case.transfer', seq: 1, senderRef: second.id, sentAt: file.exportedAt });
        expect(message?.type === 'case.transfer' && message.body).toMatchObject({ agencyCode: 'dtc-p66', trackingCode: second.trackingCode, complainant: null });
        const jwks = (await t.request({ method: 'GET', url: '/api/v1/exchange/jwks' })).json() as InstanceJwks;
        const verified = await verifyWithPartnerKeys(file.jws[0] ?? '', { jwksUrl: null, jwks });
        expect(verified.ok && JSON.parse(verified.payload)).toEqual(message);
      });
    });

    describe('POST /api/v1/partners/:code/import', () => {
      it('answers 401, 403, 404, 400 for an API partner, and 415 for CSV where JSON is taken', async () => {
        expect((await t.app().inject({ method: 'POST', url: `/api/v1/partners/${PARTNER}/import`, headers: { 'content-type': 'text/csv' }, payload: 'reference,type\n' })).statusCode).toBe(401);
        expect((await importCsv('reference,type\n', 'hub.supervisor')).statusCode).toBe(403);
        expect((await importCsv('reference,type\n', 'hub.admin', 'no-such-partner')).statusCode).toBe(404);
        expect(fields(await importCsv('reference,type\n', 'hub.admin', 'police-api'))).toEqual(['code']);
        const elsewhere = await t.app().inject({ method: 'POST', url: '/api/v1/partners', headers: { authorization: `Bearer ${await t.tokenFor('hub.admin')}`, 'content-type': 'text/csv' }, payload: 'a,b\n' });
        expect(elsewhere.statusCode).toBe(415);
      });

      it('checks the header and every row first: each problem by row and column, nothing applied', async () => {
        expect(fields(await importCsv('reference,kind\n'))).toEqual(['columns.kind', 'columns.type']);
        const other = await t.fileComplaint({ description: 'เรื่องที่ไม่ได้ส่งให้ศูนย์ดำรงธรรม รอการคัดกรอง' });
        const csv = [
          'reference,type,message,reason,result,due_date,at',
          `${first.trackingCode},accepted,,,,,`,
          `${first.id},resolved,ซ่อมไฟแล้ว,,done,,`,
          `RT-69-ZZZZZZ,replied,ตอบแล้ว,,,,`,
          `${other.id},progress,กำลังดำเนินการ,,,,`,
          `${first.id},replied,,,,,`,
          `${first.id},extended,,ต้องรอวัสดุ,,31/12/2568,`,
          `${first.id},approved,,,,,`,
          `${first.id},accepted,ข้อความเกิน,,,,`,
          `${first.id},progress,ตรวจพื้นที่แล้ว,,,,2099-01-01`,
        ].join('\r\n');
        const response = await importCsv(csv);
        expect(response.statusCode, response.body).toBe(400);
        expect(fields(response)).toEqual([
          'rows.2.result',
          'rows.3.reference',
          'rows.4.reference',
          'rows.5.message',
          'rows.6.due_date',
          'rows.7.type',
          'rows.8.message',
          'rows.9.at',
        ]);
        const details = (response.json() as ErrorBody).error.details;
        expect(details[0]?.message).toMatch(/fixed/);
        expect(details.every((detail) => /[\u0E00-\u0E7F]/.test(detail.messageTh ?? ''))).toBe(true);
        expect(await statusOf(first.id)).toBe('assigned');
        expect(await t.db().query("SELECT 1 FROM exchange_messages WHERE direction = 'in'")).toEqual([]);
        expect(await t.db().query("SELECT 1 FROM audit_log WHERE action = 'exchange.import'")).toEqual([]);
      });

      it('refuses a file that is not UTF-8, naming the cells', async () => {
        // A spreadsheet saving in the Thai code page (TIS-620): "รับเรื่อง" is bytes that are not UTF-8.
        const tis620 = Buffer.concat([Buffer.from(`reference,type,message\r\n${first.id},progress,`), Buffer.from([0xc3, 0xd1, 0xba, 0xe0, 0xc3, 0xd7, 0xe8, 0xcd, 0xa7]), Buffer.from('\r\n')]);
        const response = await importCsv(tis620);
        expect(response.statusCode).toBe(400);
        expect(fields(response)).toEqual(['rows.1.message']);
        expect(fields(await importCsv(`reference,type,message\r\n${first.id},progress,a\u0000b\r\n`))).toEqual(['rows.1.message']);
      });

      it('answers 413 for a file over its own limit, and says that limit', async () => {
        const response = await importCsv(`reference,type,message\r\n${'x'.repeat(CSV_BODY_LIMIT_BYTES)}\r\n`);
        expect(response.statusCode).toBe(413);
        expect(response.json<ErrorBody>().error).toMatchObject({ code: 'payload_too_large', message: `Request body over ${CSV_BODY_LIMIT_BYTES} bytes` });
      });

      it('applies the fixed file in order, in the partner’s name: accepted, then resolved at the origin', async () => {
        const csv = ['reference,type,message,result', `${first.trackingCode},accepted,,`, `${first.id},resolved,เปลี่ยนหลอดไฟครบทั้งซอยแล้ว,fixed`].join('\n');
        const response = await importCsv(csv);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toEqual({ rows: 2, applied: 2 });
        expect(await statusOf(first.id)).toBe('resolved');
        const detail = (await t.request({ method: 'GET', url: `/api/v1/cases/${first.id}`, as: 'hub.supervisor' })).json() as CaseDetail;
        const steps = detail.timeline.filter((event) => event.type === 'accepted' || event.type === 'resolved');
        expect(steps.map((event) => [event.type, event.details.partner])).toEqual([
          ['accepted', { code: PARTNER, name: 'ศูนย์ดำรงธรรมจังหวัดขอนแก่น' }],
          ['resolved', { code: PARTNER, name: 'ศูนย์ดำรงธรรมจังหวัดขอนแก่น' }],
        ]);
        const trail = await t.request({ method: 'GET', url: `/api/v1/cases/${first.id}/exchange`, as: 'hub.supervisor' });
        expect((trail.json() as { messages: Array<{ direction: string; type: string; seq: number; state: string }> }).messages.filter((message) => message.direction === 'in')).toEqual([
          expect.objectContaining({ type: 'case.accepted', seq: 1, state: 'applied' }),
          expect.objectContaining({ type: 'case.resolved', seq: 2, state: 'applied' }),
        ]);
        expect(await t.db().query("SELECT jws FROM exchange_messages WHERE direction = 'in'")).toEqual([{ jws: null }, { jws: null }]);
        const audits = await t.db().query<{ details: unknown }>("SELECT details FROM audit_log WHERE action = 'exchange.import'");
        expect(audits).toEqual([{ details: { partner: PARTNER, rows: 2, applied: 2 } }]);
      });

      it('closes the round: the citizen’s rating goes to the partner in the next export', async () => {
        const rated = await t.request({ method: 'POST', url: `/api/v1/public/complaints/${first.trackingCode}/feedback`, headers: { 'x-access-key': first.accessKey }, body: { rating: 4, reopen: false } });
        expect(rated.statusCode, rated.body).toBe(201);
        const [header, row] = parseCsvRecords((await exportAs('csv')).body);
        const cells = Object.fromEntries((header?.fields ?? []).map((name, index) => [name, row?.fields[index]]));
        expect(cells).toMatchObject({ type: 'rated', reference: first.id, tracking_code: first.trackingCode, agency_code: 'dtc-p66', rating: '4', accepted: 'true' });
      });
    });

    describe('the hourly export', () => {
      it('writes the waiting messages of each file partner to a JSON and a CSV file, and nothing when none wait', async () => {
        // The agreement now lets the complainant's contact go: the CSV gets the complainant's columns.
        const changed = await t.request({ method: 'PATCH', url: `/api/v1/partners/${PARTNER}`, as: 'hub.admin', body: { identity: 'contact' } });
        expect(changed.statusCode, changed.body).toBe(200);
        const third = await sendCase({ description: 'ถนนลูกรังเป็นหลุมบ่อ รถสัญจรลำบากมาก', complainant: { name: 'สมหญิง รักดี', phone: '0899999999' } });
        const exported = await writeScheduledExports(t.ctx());
        expect(exported).toBeGreaterThanOrEqual(1);
        const folder = path.join(t.ctx().config.dataDir, 'exchange', PARTNER);
        const names = (await readdir(folder)).sort();
        expect(names).toHaveLength(2);
        expect(names[0]).toMatch(/^\d{8}T\d{6}Z\.csv$/);
        expect(names[1]).toBe(names[0]?.replace('.csv', '.json'));
        const json = ExchangeExportFileSchema.parse(JSON.parse(await readFile(path.join(folder, names[1] ?? ''), 'utf8')));
        expect(json.messages.map((message) => message.senderRef)).toContain(third.id);
        const csv = await readFile(path.join(folder, names[0] ?? ''), 'utf8');
        expect(csv.startsWith('\uFEFF')).toBe(true);
        expect(csv).toContain(third.trackingCode);
        const [header, row] = parseCsvRecords(csv);
        const cells = Object.fromEntries((header?.fields ?? []).map((name, index) => [name, row?.fields[index]]));
        expect(cells).toMatchObject({ complainant_name: 'สมหญิง รักดี', complainant_phone: '0899999999', complainant_email: '' });
        expect(await writeScheduledExports(t.ctx())).toBe(0);
        expect(recurringJobs()).toContainEqual({ type: FILE_EXPORT_JOB, everySeconds: 3600 });
        expect(await readdir(folder)).toHaveLength(2);
        const audits = await t.db().query<{ actor_label: string }>("SELECT actor_label FROM audit_log WHERE action = 'exchange.export' AND actor_label = 'system'");
        expect(audits).toHaveLength(2);
      });
    });
  },
  { config: () => ({ dataDir: path.join(dataDir, String(Math.random()).slice(2)) }) },
);
