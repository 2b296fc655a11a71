/**
 * The periodic complaint report (รายงานผลการดำเนินงานเรื่องร้องเรียน) through the real API on both
 * engines: the figures of a fixture agency and fiscal year equal a hand count of cases filed at
 * intake and worked through the case API (channels named and not, categories, results, the
 * status at the end of the year, SLA, ratings), zero rows for the channels nobody used; the
 * workflow and who may take each step; a frozen approved report and its new version; the audit
 * records; the public listing of published reports only, without personal data.
 *
 * The clock moves: cases come in and are worked during FY2569 (1 Oct 2025 – 30 Sep 2026), one
 * more arrives on its last days and is taken on after it, and the report is made in October.
 * Each phase signs its users in on its own clock.
 */
import type { LightMyRequestResponse } from 'fastify';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, PublicReportList, Receipt, Report, ReportList } from '../src/shared/api/index.ts';
import { describeEachApp, TEST_PASSWORD, type TestApp } from './support/app.ts';

const FY2569 = { kind: 'fiscal_year', fiscalYear: 2569 } as const;
const PHONE = 'โทรศัพท์ 0 5662 2353';
const BOX = 'ตู้รับความคิดเห็นหน้าอาคาร';
const LINE = 'LINE @taphanhin';

/** Requests signed in on the current clock: a phase's sessions are its own. */
function signedIn(t: TestApp) {
  let tokens = new Map<string, string>();
  const token = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const response = await t.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    expect(response.statusCode, response.body).toBe(200);
    const fresh = (response.json() as { token: string }).token;
    tokens.set(username, fresh);
    return fresh;
  };
  const call = async (method: string, url: string, as?: string, body?: unknown): Promise<LightMyRequestResponse> =>
    t.request({ method, url, body, headers: as ? { authorization: `Bearer ${await token(as)}` } : {} });
  return {
    /** Moves the clock and starts new sessions on it. */
    at(instant: string) {
      t.setNow(new Date(instant));
      tokens = new Map();
    },
    call,
    async act(as: string, caseId: string, action: string, body: Record<string, unknown> = {}) {
      const response = await call('POST', `/api/v1/cases/${caseId}/actions/${action}`, as, body);
      expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
    },
    async intake(as: string, body: Record<string, unknown>): Promise<Receipt> {
      const response = await call('POST', '/api/v1/cases', as, { description: 'ร้องเรียนการให้บริการของเจ้าหน้าที่ที่สถานีอนามัย', ...body });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as Receipt;
    },
  };
}

const fields = (response: LightMyRequestResponse): string[] => (response.json() as ErrorBody).error.details.map((detail) => detail.field ?? '');

describeEachApp('complaint reports', (t) => {
  const s = signedIn(t);
  const channelIds: Record<string, string> = {};
  const trackingCodes: string[] = [];
  let reportId = '';

  async function addChannel(agencyCode: string, kind: string, labelTh: string, position: number, active = true): Promise<string> {
    const [row] = await t.db().query<{ id: string }>(
      `INSERT INTO agency_channels (agency_id, kind, label_th, position, active) SELECT id, $2, $3, $4, $5 FROM agencies WHERE code = $1 RETURNING id`,
      [agencyCode, kind, labelTh, position, active],
    );
    return row!.id;
  }

  /** Which of the agency's channels took the case (staff intake names it once the channels API lands; set here directly). */
  async function nameChannel(caseId: string, channelId: string): Promise<void> {
    await t.db().query('UPDATE cases SET agency_channel_id = $2 WHERE id = $1', [caseId, channelId]);
  }

  async function rate(receipt: Receipt, rating: number): Promise<void> {
    const response = await t.request({ method: 'POST', url: `/api/v1/public/complaints/${receipt.trackingCode}/feedback`, headers: { 'x-access-key': receipt.accessKey }, body: { rating } });
    expect(response.statusCode, response.body).toBe(201);
  }

  beforeAll(async () => {
    channelIds.phone = await addChannel('dho-6604', 'hotline', PHONE, 1);
    channelIds.box = await addChannel('dho-6604', 'suggestion_box', BOX, 2);
    channelIds.line = await addChannel('dho-6604', 'line', LINE, 3);
    await addChannel('dho-6604', 'facebook', 'เพจที่เลิกใช้แล้ว', 4, false);
    await addChannel('pho-50', 'web', 'เว็บไซต์ สสจ.เชียงใหม่', 1);

    // During the year: five cases of Taphan Hin, one of the year before, one of another office.
    s.at('2026-06-01T10:00:00+07:00');
    const intake = 'taphanhin.intake';
    const officer = 'taphanhin.officer';
    const met = await s.intake(intake, { channel: 'hotline', categoryCode: 'health-service', receivedAt: '2026-05-25T09:00:00+07:00', complainant: { name: 'สมชาย ใจดี', phone: '0812345678' } });
    await nameChannel(met.id, channelIds.phone!);
    await s.act(officer, met.id, 'accept');
    await s.act(officer, met.id, 'resolve', { result: 'fixed', message: 'ปรับปรุงการให้บริการแล้ว' });
    await rate(met, 5);
    const missed = await s.intake(intake, { channel: 'hotline', categoryCode: 'health-service', receivedAt: '2025-12-10T09:00:00+07:00' });
    await nameChannel(missed.id, channelIds.phone!);
    await s.act(officer, missed.id, 'accept');
    await s.act(officer, missed.id, 'resolve', { result: 'explained', message: 'ชี้แจงข้อเท็จจริงให้ผู้ร้องทราบแล้ว' });
    await rate(missed, 2);
    const corruption = await s.intake(intake, { channel: 'suggestion_box', categoryCode: 'corruption', receivedAt: '2026-01-15T09:00:00+07:00' });
    await nameChannel(corruption.id, channelIds.box!);
    await s.act(officer, corruption.id, 'accept');
    // Through the web, naming none of the office's channels; never taken on.
    const conduct = await s.intake(intake, { channel: 'web', categoryCode: 'official-conduct', receivedAt: '2026-02-01T09:00:00+07:00' });
    const lastYear = await s.intake(intake, { channel: 'hotline', categoryCode: 'road', receivedAt: '2025-09-20T09:00:00+07:00' });
    await nameChannel(lastYear.id, channelIds.phone!);
    const elsewhere = await s.intake('pho66.officer', { channel: 'counter', categoryCode: 'road', receivedAt: '2026-03-01T09:00:00+07:00' });

    // On the year's last days, at the counter, taken on after the year ended.
    s.at('2026-10-02T10:00:00+07:00');
    const late = await s.intake(intake, { channel: 'counter', categoryCode: 'road', receivedAt: '2026-09-29T10:00:00+07:00' });
    await s.act(officer, late.id, 'accept');
    trackingCodes.push(...[met, missed, corruption, conduct, lastYear, elsewhere, late].map((receipt) => receipt.trackingCode));

    s.at('2026-10-05T10:00:00+07:00');
  });

  describe('POST /api/v1/reports', () => {
    it('answers 401 without sign-in, 400 naming the field for a bad period', async () => {
      expect((await s.call('POST', '/api/v1/reports', undefined, { period: FY2569 })).statusCode).toBe(401);
      const quarter = await s.call('POST', '/api/v1/reports', 'taphanhin.officer', { period: { kind: 'quarter', fiscalYear: 2569, quarter: 5 } });
      expect(quarter.statusCode).toBe(400);
      expect(fields(quarter)).toEqual(['period.quarter']);
      const backwards = await s.call('POST', '/api/v1/reports', 'taphanhin.officer', { period: { kind: 'custom', from: '2026-03-01', to: '2026-02-01' } });
      expect(backwards.statusCode).toBe(400);
      expect(fields(backwards)).toEqual(['period.to']);
      expect((backwards.json() as ErrorBody).error.details[0]?.messageTh).toBe('วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น');
      const future = await s.call('POST', '/api/v1/reports', 'taphanhin.officer', { period: { kind: 'fiscal_year', fiscalYear: 2571 } });
      expect(future.statusCode).toBe(400);
      expect(fields(future)).toEqual(['period']);
    });

    it('answers 404 for an agency outside your subtree, 403 for a role that prepares no report', async () => {
      expect((await s.call('POST', '/api/v1/reports', 'taphanhin.officer', { agencyCode: 'pho-66', period: FY2569 })).statusCode).toBe(404);
      expect((await s.call('POST', '/api/v1/reports', 'moph.admin', { agencyCode: 'dho-6604', period: FY2569 })).statusCode).toBe(403);
    });

    it('counts the figures of the cases the office received in the year, as counted by hand, zero rows for channels nobody used', async () => {
      const response = await s.call('POST', '/api/v1/reports', 'taphanhin.officer', { period: FY2569 });
      expect(response.statusCode, response.body).toBe(201);
      const report = response.json() as Report;
      reportId = report.id;
      expect(report).toMatchObject({
        agency: { code: 'dho-6604' },
        period: { kind: 'fiscal_year', fiscalYear: 2569, from: '2025-10-01', to: '2026-09-30', labelTh: 'ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)' },
        version: 1,
        state: 'draft',
        actions: ['edit', 'submit'],
      });
      const { figures } = report;
      expect(figures.received).toBe(5);
      expect(figures.byChannel).toEqual([
        { channelId: channelIds.phone, kind: 'hotline', labelTh: PHONE, count: 2 },
        { channelId: channelIds.box, kind: 'suggestion_box', labelTh: BOX, count: 1 },
        { channelId: channelIds.line, kind: 'line', labelTh: LINE, count: 0 },
        { channelId: null, kind: 'web', labelTh: 'เว็บไซต์', count: 1 },
        { channelId: null, kind: 'counter', labelTh: 'ยื่นด้วยตนเอง', count: 1 },
      ]);
      expect(figures.byCategory.map((row) => [row.code, row.count])).toEqual([
        ['health-service', 2],
        ['corruption', 1],
        ['official-conduct', 1],
        ['road', 1],
      ]);
      expect(figures.integrity).toEqual({ corruption: 1, misconduct: 1, service: 3 });
      expect(figures.byResult.map((row) => [row.result, row.count])).toEqual([
        ['fixed', 1],
        ['explained', 1],
        [null, 3],
      ]);
      // Rated and so closed; taken on; never taken on, or taken on only after the year ended.
      expect(figures.byStatusAtEnd.map((row) => [row.status, row.count])).toEqual([
        ['received', 2],
        ['in_progress', 1],
        ['closed', 2],
      ]);
      expect(figures.sla).toEqual({ met: 1, missed: 1, openWithinTime: 1, openOverdue: 2 });
      expect(figures.satisfaction).toEqual({ responses: 2, average: 3.5 });
      expect(report.texts.analysis).toContain('ได้รับเรื่องร้องเรียนทั้งสิ้น 5 เรื่อง');
      // The memo is published: small counts of a breakdown are written as the public figures show them.
      expect(report.texts.analysis).toContain('ช่องทางที่ได้รับเรื่องมากที่สุด คือ โทรศัพท์ 0 5662 2353 น้อยกว่า 5 เรื่อง');
      expect(report.texts.background).toContain(`ได้แก่ ${PHONE} ${BOX} ${LINE}`);
    });

    it('refuses a second report of the same agency and period', async () => {
      const again = await s.call('POST', '/api/v1/reports', 'taphanhin.officer', { agencyCode: 'dho-6604', period: FY2569 });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('report_exists');
    });

    it('drafts a year without complaints: every channel at zero, and the reasons and recommendations of such a year', async () => {
      const response = await s.call('POST', '/api/v1/reports', 'pho50.officer', { period: FY2569 });
      expect(response.statusCode, response.body).toBe(201);
      const report = response.json() as Report;
      expect(report.figures.received).toBe(0);
      expect(report.figures.byChannel).toEqual([{ channelId: expect.any(String), kind: 'web', labelTh: 'เว็บไซต์ สสจ.เชียงใหม่', count: 0 }]);
      expect(report.texts.analysis).toContain('ไม่ได้รับเรื่องร้องเรียนผ่านช่องทางใด');
      expect(report.texts.recommendations).toContain('ประชาสัมพันธ์ช่องทางการร้องเรียน');
    });
  });

  describe('reading reports', () => {
    it('shows a report to its agency and those above, no one else', async () => {
      expect((await s.call('GET', `/api/v1/reports/${reportId}`, 'pho66.officer')).statusCode).toBe(200);
      for (const outsider of ['pho50.officer', 'rtp.officer']) expect((await s.call('GET', `/api/v1/reports/${reportId}`, outsider)).statusCode, outsider).toBe(404);
      const list = (await s.call('GET', '/api/v1/reports', 'moph.cceo')).json() as ReportList;
      expect(list.items.map((item) => item.agency.code).sort()).toEqual(['dho-6604', 'pho-50']);
      const own = (await s.call('GET', '/api/v1/reports', 'taphanhin.officer')).json() as ReportList;
      expect(own.items.map((item) => item.id)).toEqual([reportId]);
      expect((await s.call('GET', '/api/v1/reports?agencyCode=pho-50', 'taphanhin.officer')).statusCode).toBe(404);
    });

    it('gives the figures as CSV', async () => {
      const response = await s.call('GET', `/api/v1/reports/${reportId}/figures.csv`, 'taphanhin.officer');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.body).toContain(`ช่องทาง,${PHONE},2\r\n`);
      expect(response.body).toContain(`ช่องทาง,${LINE},0\r\n`);
      expect((await s.call('GET', `/api/v1/reports/${reportId}/figures.csv`, 'pho50.officer')).statusCode).toBe(404);
    });

    it('gives the figures as a spreadsheet', async () => {
      const response = await s.call('GET', `/api/v1/reports/${reportId}/figures.xlsx`, 'taphanhin.officer');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe('สำนักงานสาธารณสุขอำเภอตะพานหิน ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)');
      const rows = sheet.getSheetValues().slice(3).map((row) => (row as unknown[]).slice(1));
      expect(rows).toContainEqual(['ช่องทาง', PHONE, 2]);
      expect(rows).toContainEqual(['ช่องทาง', LINE, 0]);
      expect(rows[0]).toEqual(['รวม', 'เรื่องร้องเรียนที่ได้รับทั้งหมด', 5]);
      expect((await s.call('GET', `/api/v1/reports/${reportId}/figures.pdf`, 'taphanhin.officer')).statusCode).toBe(400);
    });
  });

  describe('the workflow', () => {
    const step = (as: string, path: string, body?: unknown) => s.call('POST', `/api/v1/reports/${reportId}/${path}`, as, body);

    it('takes a draft through submission, sending back, approval and publication, each step by its role', async () => {
      const edited = await s.call('PATCH', `/api/v1/reports/${reportId}`, 'taphanhin.officer', { documentNumber: 'พจ 0033.301/125', addressee: 'สาธารณสุขอำเภอตะพานหิน' });
      expect(edited.statusCode, edited.body).toBe(200);
      expect((edited.json() as Report).texts.documentNumber).toBe('พจ 0033.301/125');
      // Nothing to approve before submission; the head cannot yet.
      expect((await step('moph.cceo', 'approve')).statusCode).toBe(409);

      expect((await step('taphanhin.officer', 'submit')).json()).toMatchObject({ state: 'submitted', actions: [] });
      expect((await s.call('PATCH', `/api/v1/reports/${reportId}`, 'taphanhin.officer', { analysis: 'แก้หลังเสนอ' })).statusCode).toBe(409);
      // A case officer is no head; an administrator neither.
      expect((await step('taphanhin.officer', 'approve')).statusCode).toBe(403);
      expect((await step('moph.admin', 'approve')).statusCode).toBe(403);
      expect((await step('moph.supervisor', 'send-back', {})).statusCode).toBe(400);

      const sentBack = await step('moph.supervisor', 'send-back', { comment: 'โปรดเพิ่มข้อเสนอแนะเรื่องการประชาสัมพันธ์ช่องทาง' });
      expect(sentBack.json()).toMatchObject({ state: 'sent_back', reviewComment: 'โปรดเพิ่มข้อเสนอแนะเรื่องการประชาสัมพันธ์ช่องทาง' });
      await s.call('PATCH', `/api/v1/reports/${reportId}`, 'taphanhin.officer', { recommendations: 'ประชาสัมพันธ์ช่องทางการร้องเรียนให้ทั่วถึง' });
      expect((await step('taphanhin.officer', 'submit')).statusCode).toBe(200);

      const approved = await step('moph.cceo', 'approve');
      expect(approved.json()).toMatchObject({ state: 'approved', reviewComment: null });
      expect((await step('moph.cceo', 'approve')).statusCode).toBe(409);
      expect((await s.call('PATCH', `/api/v1/reports/${reportId}`, 'taphanhin.officer', { analysis: 'แก้หลังอนุมัติ' })).statusCode).toBe(409);
      expect((await step('taphanhin.officer', 'publish')).json()).toMatchObject({ state: 'published', actions: ['revise'] });
    });

    it('keeps an approved report frozen: a case found later changes only a new version, which says what changed', async () => {
      await s.intake('taphanhin.intake', { channel: 'hotline', categoryCode: 'road', receivedAt: '2026-09-30T15:00:00+07:00' });
      const frozen = (await s.call('GET', `/api/v1/reports/${reportId}`, 'taphanhin.officer')).json() as Report;
      expect(frozen.figures.received).toBe(5);

      expect((await step('taphanhin.officer', 'revise', {})).statusCode).toBe(400);
      const revised = await step('taphanhin.officer', 'revise', { changeNote: 'เพิ่มเรื่องที่รับทางโทรศัพท์เมื่อ 30 ก.ย. 2569 ซึ่งบันทึกล่าช้า' });
      expect(revised.statusCode, revised.body).toBe(201);
      const version2 = revised.json() as Report;
      expect(version2).toMatchObject({ version: 2, state: 'draft', changeNote: 'เพิ่มเรื่องที่รับทางโทรศัพท์เมื่อ 30 ก.ย. 2569 ซึ่งบันทึกล่าช้า' });
      expect(version2.figures.received).toBe(6);
      expect(version2.texts.recommendations).toBe('ประชาสัมพันธ์ช่องทางการร้องเรียนให้ทั่วถึง');
      // Only the latest version takes another.
      expect((await step('taphanhin.officer', 'revise', { changeNote: 'อีกครั้ง' })).statusCode).toBe(409);
    });

    it('audits every step with the agency, the period and the version', async () => {
      const rows = await t.db().query<{ action: string; actor_label: string; details: Record<string, unknown> }>(
        "SELECT action, actor_label, details FROM audit_log WHERE entity_type = 'complaint_report' AND entity_id = $1 ORDER BY seq",
        [reportId],
      );
      expect(rows.map((row) => `${row.action} ${row.actor_label}`)).toEqual([
        'report.create taphanhin.officer',
        'report.update taphanhin.officer',
        'report.submit taphanhin.officer',
        'report.send_back moph.supervisor',
        'report.update taphanhin.officer',
        'report.submit taphanhin.officer',
        'report.approve moph.cceo',
        'report.publish taphanhin.officer',
      ]);
      expect(rows[1]?.details).toEqual({ agencyCode: 'dho-6604', from: '2025-10-01', to: '2026-09-30', version: 1, fields: ['documentNumber', 'addressee'] });
      expect(rows[3]?.details).toMatchObject({ comment: 'โปรดเพิ่มข้อเสนอแนะเรื่องการประชาสัมพันธ์ช่องทาง' });
      const [revision] = await t.db().query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'report.create' AND details->>'version' = '2'");
      expect(revision?.details).toMatchObject({ agencyCode: 'dho-6604', version: 2, changeNote: expect.stringContaining('บันทึกล่าช้า') });
    });
  });

  describe('GET /api/v1/reports/:id/memo.pdf', () => {
    it('prints the memo in Sarabun with Thai digits, its text readable back, its pages turned into images', async () => {
      const response = await s.call('GET', `/api/v1/reports/${reportId}/memo.pdf`, 'taphanhin.officer');
      expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const dir = mkdtempSync(path.join(tmpdir(), 'rongthuk-memo-'));
      try {
        const file = path.join(dir, 'memo.pdf');
        writeFileSync(file, response.rawPayload);
        // Every glyph is Sarabun's: no fallback font set any character.
        const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim() !== '');
        expect(fonts.length).toBeGreaterThan(0);
        expect(fonts.filter((line) => !/\+Sarabun-(Regular|Bold)\s/.test(line))).toEqual([]);
        // The text comes back as written: tone marks above vowels are one cluster with their consonant.
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        for (const expected of ['บันทึกข้อความ', 'ส่วนราชการ สำนักงานสาธารณสุขอำเภอตะพานหิน', 'พจ ๐๐๓๓.๓๐๑/๑๒๕', '๑. ความเป็นมา', '๖. ข้อเสนอแนะ', 'ผู้จัดทำรายงาน', 'ผู้อนุมัติ', PHONE.replace(/[0-9]/g, (digit) => '๐๑๒๓๔๕๖๗๘๙'[Number(digit)]!)]) {
          expect(text, expected).toContain(expected);
        }
        expect(text).not.toMatch(/[0-9]/);
        // Pages numbered from the second, at the top: "- ๒ -" (the first carries none).
        // (pdftotext drops the spaces of so short a line)
        const firstLineOf = (page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' }).trim().split('\n')[0]?.replace(/\s/g, '');
        expect(firstLineOf(1)).toBe('บันทึกข้อความ');
        expect(firstLineOf(2)).toBe('-๒-');
        execFileSync('pdftoppm', ['-r', '50', '-png', file, path.join(dir, 'page')]);
        const pages = readdirSync(dir).filter((name) => name.endsWith('.png')).sort();
        expect(pages.length).toBeGreaterThanOrEqual(2);
        const { data, info } = await sharp(path.join(dir, pages[0]!)).greyscale().raw().toBuffer({ resolveWithObject: true });
        // A4 portrait, with ink on it.
        expect(info.height / info.width).toBeCloseTo(297 / 210, 1);
        const dark = data.filter((value) => value < 128).length;
        expect(dark / data.length).toBeGreaterThan(0.01);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('GET /api/v1/public/agencies/:code/reports', () => {
    it('lists the published reports for anyone, small counts hidden, and no personal data', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/public/agencies/dho-6604/reports' });
      expect(response.statusCode).toBe(200);
      const list = response.json() as PublicReportList;
      expect(list.agency.code).toBe('dho-6604');
      // Version 2 is a draft: the published version 1 stands.
      expect(list.items.map((item) => [item.id, item.version])).toEqual([[reportId, 1]]);
      const [published] = list.items;
      expect(published?.figures.received).toBe(5);
      expect(published?.figures.byChannel.map((row) => row.count)).toEqual(['<5', '<5', 0, '<5', '<5']);
      expect(published?.figures.satisfaction).toEqual({ responses: '<5', average: null });
      const text = response.body;
      for (const secret of [...trackingCodes, 'สมชาย', '0812345678', 'สถานีอนามัย', 'taphanhin.', 'moph.', 'พจ 0033', channelIds.phone!]) expect(text, secret).not.toContain(secret);
    });

    it('gives the published figures as open-data files, small counts hidden; no file of an unpublished report', async () => {
      const csv = await t.request({ method: 'GET', url: `/api/v1/public/agencies/dho-6604/reports/${reportId}/figures.csv` });
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain('รวม,เรื่องร้องเรียนที่ได้รับทั้งหมด,5\r\n');
      expect(csv.body).toContain(`ช่องทาง,${PHONE},<5\r\n`);
      expect(csv.body).toContain(`ช่องทาง,${LINE},0\r\n`);
      const xlsx = await t.request({ method: 'GET', url: `/api/v1/public/agencies/dho-6604/reports/${reportId}/figures.xlsx` });
      expect(xlsx.statusCode).toBe(200);
      const list = (await s.call('GET', '/api/v1/reports', 'pho50.officer')).json() as ReportList;
      const draft = list.items[0]!.id;
      expect((await t.request({ method: 'GET', url: `/api/v1/public/agencies/pho-50/reports/${draft}/figures.csv` })).statusCode).toBe(404);
      // A published report is found only under its own agency.
      expect((await t.request({ method: 'GET', url: `/api/v1/public/agencies/pho-50/reports/${reportId}/figures.csv` })).statusCode).toBe(404);
    });

    it('lists nothing for an agency whose report is not published, and 404 for an unknown agency', async () => {
      expect(((await t.request({ method: 'GET', url: '/api/v1/public/agencies/pho-50/reports' })).json() as PublicReportList).items).toEqual([]);
      expect((await t.request({ method: 'GET', url: '/api/v1/public/agencies/no-such/reports' })).statusCode).toBe(404);
    });
  });
});
