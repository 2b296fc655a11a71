/**
 * A case from filing to closing through the staff actions, and what each step leaves behind:
 * the projection in `cases`, one append-only event per change, hand-overs, contacts, audit.
 * Also staff intake (POST /api/v1/cases).
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { ErrorBody as ApiError, CaseDetail, PublicCase, Receipt } from '../src/shared/api/index.ts';

/** What a staff intake answers. */

interface CaseRow {
  status: string;
  holder: string;
  receiving: string;
  result: string | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  merged_into_case_id: string | null;
}

type Filed = Awaited<ReturnType<TestApp['fileComplaint']>>;

const USERS = [
  'hub.intake',
  'hub.supervisor',
  'hub.admin',
  'moph.officer',
  'moph.supervisor',
  'moph.cceo',
  'moph.admin',
  'pho66.officer',
  'taphanhin.officer',
  'taphanhin.intake',
  'pho50.officer',
  'rtp.officer',
];

const UNKNOWN_ID = '0b9d3c52-6f0e-4e58-9b7a-1f2d3c4b5a69';

function errorOf(response: LightMyRequestResponse): ApiError['error'] {
  return response.json<ApiError>().error;
}

function fields(response: LightMyRequestResponse): string[] {
  return errorOf(response).details.map((detail) => detail.field ?? '');
}

describeEachApp('case lifecycle', (t) => {
  // Sign everyone in at the real time, so tests that pin the clock keep valid sessions.
  beforeAll(async () => {
    for (const user of USERS) await t.tokenFor(user);
  });

  const action = (as: string | undefined, caseId: string, name: string, body?: unknown) =>
    t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/actions/${name}`, ...(as ? { as } : {}), ...(body === undefined ? {} : { body }) });

  async function detail(as: string, caseId: string): Promise<CaseDetail> {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as });
    expect(response.statusCode).toBe(200);
    return response.json<CaseDetail>();
  }

  async function row(caseId: string): Promise<CaseRow> {
    const [found] = await t.db().query<CaseRow>(
      `SELECT c.status, h.code AS holder, r.code AS receiving, c.result, c.resolved_at, c.closed_at, c.merged_into_case_id
       FROM cases c JOIN agencies h ON h.id = c.holder_agency_id JOIN agencies r ON r.id = c.receiving_agency_id
       WHERE c.id = $1`,
      [caseId],
    );
    if (!found) throw new Error(`no case ${caseId}`);
    return found;
  }

  async function eventCount(caseId: string): Promise<number> {
    const [found] = await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [caseId]);
    return found?.n ?? -1;
  }

  async function agencyId(code: string): Promise<string> {
    const [found] = await t.db().query<{ id: string }>('SELECT id FROM agencies WHERE code = $1', [code]);
    if (!found) throw new Error(`no agency ${code}`);
    return found.id;
  }

  async function userId(username: string): Promise<string> {
    const [found] = await t.db().query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    if (!found) throw new Error(`no user ${username}`);
    return found.id;
  }

  /** A filed complaint handed by the hub to `agencyCode`. */
  async function assignedTo(agencyCode: string, overrides: Record<string, unknown> = {}): Promise<Filed> {
    const filed = await t.fileComplaint(overrides);
    await t.act('hub.intake', filed.id, 'assign', { agencyCode });
    return filed;
  }

  /** A case being worked on at the MOPH complaint centre. */
  async function inProgressAtMoph(): Promise<Filed> {
    const filed = await assignedTo('moph-complaint');
    await t.act('moph.officer', filed.id, 'accept');
    return filed;
  }

  async function closedAtMoph(): Promise<Filed> {
    const filed = await inProgressAtMoph();
    await t.act('moph.officer', filed.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
    // Closed at once, inside the citizen's confirmation window: with the reason that takes.
    await t.act('moph.officer', filed.id, 'close', { reason: 'ผู้ร้องแจ้งทางโทรศัพท์ว่าพอใจผลแล้ว' });
    return filed;
  }

  describe('POST /api/v1/cases/{id}/actions/{action}', () => {
    it('answers 401 without sign-in and changes nothing', async () => {
      const filed = await t.fileComplaint();
      const response = await action(undefined, filed.id, 'screen', {});
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('unauthenticated');
      expect((await row(filed.id)).status).toBe('received');
    });

    it('answers 400 to a malformed case id', async () => {
      const response = await action('hub.intake', 'not-a-uuid', 'screen', {});
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('validation_failed');
    });

    it('answers 400 naming the field to an invalid body', async () => {
      const filed = await t.fileComplaint();
      const noAgency = await action('hub.intake', filed.id, 'assign', {});
      expect(noAgency.statusCode).toBe(400);
      expect(fields(noAgency)).toContain('agencyCode');

      const extra = await action('hub.intake', filed.id, 'screen', { note: 'ok', colour: 'red' });
      expect(extra.statusCode).toBe(400);

      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' });
      await t.act('moph.officer', filed.id, 'accept');
      const badResult = await action('moph.officer', filed.id, 'resolve', { result: 'done', message: 'เสร็จแล้ว' });
      expect(badResult.statusCode).toBe(400);
      expect(fields(badResult)).toContain('result');
      const noMessage = await action('moph.officer', filed.id, 'resolve', { result: 'fixed' });
      expect(noMessage.statusCode).toBe(400);
      expect(fields(noMessage)).toContain('message');
      const shortReason = await action('moph.officer', filed.id, 'return', { reason: 'no' });
      expect(shortReason.statusCode).toBe(400);
      expect(fields(shortReason)).toContain('reason');
      expect((await row(filed.id)).status).toBe('in_progress');
    });

    it('answers 400 on field agencyCode for an unknown agency or the agency already holding the case', async () => {
      const filed = await t.fileComplaint();
      const unknown = await action('hub.intake', filed.id, 'assign', { agencyCode: 'no-such-agency' });
      expect(unknown.statusCode).toBe(400);
      expect(fields(unknown)).toEqual(['agencyCode']);
      const same = await action('hub.intake', filed.id, 'assign', { agencyCode: 'hub-1111' });
      expect(same.statusCode).toBe(400);
      expect(fields(same)).toEqual(['agencyCode']);
      const current = await row(filed.id);
      expect(current).toMatchObject({ status: 'received', holder: 'hub-1111' });
      // received and triaged, from filing; nothing from the refused assigns.
      expect(await eventCount(filed.id)).toBe(2);
    });

    it('answers 403 to a role that may not take the action, and changes nothing', async () => {
      const filed = await assignedTo('moph-complaint');
      for (const [user, name] of [
        ['moph.cceo', 'accept'],
        ['moph.admin', 'accept'],
        ['hub.admin', 'note'],
        ['hub.intake', 'accept'],
      ] as const) {
        const response = await action(user, filed.id, name, name === 'note' ? { message: 'บันทึก' } : {});
        expect(response.statusCode, `${user} ${name}`).toBe(403);
        expect(errorOf(response).code).toBe('forbidden');
      }
      expect(await row(filed.id)).toMatchObject({ status: 'assigned', holder: 'moph-complaint' });
      expect(await eventCount(filed.id)).toBe(3);
    });

    it('answers 404 to an unknown case id', async () => {
      const response = await action('hub.intake', UNKNOWN_ID, 'screen', {});
      expect(response.statusCode).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
    });

    it('takes a case from received to closed across three agencies, one event per change', async () => {
      const filed = await t.fileComplaint({ description: 'ถนนในหมู่บ้านชำรุดเป็นหลุมลึก น้ำขังทุกครั้งที่ฝนตก', location: { provinceCode: '66' } });
      const steps: Array<[string, string, Record<string, unknown> | undefined, string]> = [
        ['hub.intake', 'screen', { note: 'เรื่องถนน ส่ง สธ. ตามเขตรับผิดชอบ' }, 'screening'],
        ['hub.intake', 'assign', { agencyCode: 'moph-complaint', reason: 'ตามเขตรับผิดชอบ' }, 'assigned'],
        ['moph.officer', 'accept', undefined, 'in_progress'],
        ['moph.officer', 'forward', { agencyCode: 'dho-6604' }, 'assigned'],
        ['taphanhin.officer', 'accept', undefined, 'in_progress'],
        ['taphanhin.officer', 'request-info', { message: 'ขอทราบบ้านเลขที่ใกล้จุดที่ชำรุด' }, 'awaiting_info'],
      ];
      for (const [user, name, body, status] of steps) {
        const response = await t.act(user, filed.id, name, body);
        expect(response.json(), `${user} ${name}`).toEqual({ id: filed.id, status });
      }

      const answer = await t.request({
        method: 'POST',
        url: `/api/v1/public/complaints/${filed.trackingCode}/messages`,
        headers: { 'x-access-key': filed.accessKey },
        body: { message: 'หน้าบ้านเลขที่ 45 หมู่ 3 ครับ' },
      });
      expect(answer.statusCode).toBe(201);
      expect(answer.json()).toEqual({ trackingCode: filed.trackingCode, status: 'in_progress' });

      expect((await t.act('taphanhin.officer', filed.id, 'reply', { message: 'เจ้าหน้าที่จะลงพื้นที่ตรวจสอบ' })).json()).toEqual({ id: filed.id, status: 'in_progress' });
      expect((await t.act('taphanhin.officer', filed.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนแล้ว' })).json()).toEqual({ id: filed.id, status: 'resolved' });
      const afterResolve = await row(filed.id);
      expect(afterResolve.result).toBe('fixed');
      expect(afterResolve.resolved_at).toBeInstanceOf(Date);
      expect(afterResolve.closed_at).toBeNull();
      expect((await t.act('taphanhin.officer', filed.id, 'close', { reason: 'ผู้ร้องยืนยันผลทางโทรศัพท์' })).json()).toEqual({ id: filed.id, status: 'closed' });

      const final = await row(filed.id);
      expect(final).toMatchObject({ status: 'closed', holder: 'dho-6604', receiving: 'hub-1111', result: 'fixed', merged_into_case_id: null });
      expect(final.closed_at).toBeInstanceOf(Date);

      const view = await detail('hub.intake', filed.id);
      expect(view.status).toBe('closed');
      expect(view.holder.code).toBe('dho-6604');
      expect(view.timeline.map((event) => [event.seq, event.type, event.statusBefore, event.statusAfter, event.actor.username, event.actor.agencyCode])).toEqual([
        [1, 'received', null, 'received', null, 'hub-1111'],
        // Triage at intake: the test network has no routing rules, so a person screens it.
        [2, 'triaged', 'received', 'received', null, 'hub-1111'],
        [3, 'screened', 'received', 'screening', 'hub.intake', 'hub-1111'],
        [4, 'assigned', 'screening', 'assigned', 'hub.intake', 'hub-1111'],
        [5, 'accepted', 'assigned', 'in_progress', 'moph.officer', 'moph-complaint'],
        [6, 'forwarded', 'in_progress', 'assigned', 'moph.officer', 'moph-complaint'],
        [7, 'accepted', 'assigned', 'in_progress', 'taphanhin.officer', 'dho-6604'],
        [8, 'info_requested', 'in_progress', 'awaiting_info', 'taphanhin.officer', 'dho-6604'],
        [9, 'info_received', 'awaiting_info', 'in_progress', null, null],
        // The clock resumes: the deadline's change is an event of its own.
        [10, 'sla_resumed', 'in_progress', 'in_progress', null, null],
        [11, 'reply', 'in_progress', 'in_progress', 'taphanhin.officer', 'dho-6604'],
        [12, 'resolved', 'in_progress', 'resolved', 'taphanhin.officer', 'dho-6604'],
        [13, 'closed', 'resolved', 'closed', 'taphanhin.officer', 'dho-6604'],
      ]);
      expect(view.timeline[1]).toMatchObject({ visibility: 'internal', details: { modelVersion: expect.any(String), decision: 'screening', possibleDuplicates: 0 } });
      expect(view.timeline[1]?.details.reasons).toContain('no_rule');
      expect(view.timeline[3]?.details).toMatchObject({ agencyCode: 'moph-complaint', reason: 'ตามเขตรับผิดชอบ' });
      expect(view.timeline[5]?.details).toMatchObject({ agencyCode: 'dho-6604' });
      expect(view.timeline[8]?.message).toBe('หน้าบ้านเลขที่ 45 หมู่ 3 ครับ');
      expect(view.timeline[11]?.details).toMatchObject({ result: 'fixed', message: 'ซ่อมถนนแล้ว' });

      const seqs = await t.db().query<{ seq: number }>('SELECT seq FROM case_events WHERE case_id = $1 ORDER BY seq', [filed.id]);
      expect(seqs.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);

      const handovers = await t.db().query<{ kind: string; from_code: string; to_code: string; by: string; reason: string | null }>(
        `SELECT h.kind, f.code AS from_code, t.code AS to_code, u.username AS by, h.reason
         FROM case_handovers h JOIN agencies f ON f.id = h.from_agency_id JOIN agencies t ON t.id = h.to_agency_id
         LEFT JOIN users u ON u.id = h.by_user_id
         WHERE h.case_id = $1 ORDER BY h.at, h.kind`,
        [filed.id],
      );
      expect(handovers).toEqual([
        { kind: 'assign', from_code: 'hub-1111', to_code: 'moph-complaint', by: 'hub.intake', reason: 'ตามเขตรับผิดชอบ' },
        { kind: 'forward', from_code: 'moph-complaint', to_code: 'dho-6604', by: 'moph.officer', reason: null },
      ]);

      const audit = await t.db().query<{ action: string }>("SELECT action FROM audit_log WHERE entity_type = 'case' AND entity_id = $1 ORDER BY seq", [filed.id]);
      expect(audit.map((record) => record.action)).toEqual([
        'case.create',
        'case.screen',
        'case.assign',
        'case.accept',
        'case.forward',
        'case.accept',
        'case.request-info',
        'case.citizen_message',
        'case.reply',
        'case.resolve',
        'case.close',
      ]);

      // The citizen sees public events only: no screening note.
      const tracking = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': filed.accessKey } });
      expect(tracking.statusCode).toBe(200);
      const publicTypes = tracking.json<PublicCase>().timeline.map((event) => event.type);
      expect(publicTypes).not.toContain('screened');
      expect(publicTypes).not.toContain('triaged');
      expect(publicTypes).toContain('closed');
      expect(tracking.body).not.toContain('เรื่องถนน ส่ง สธ.');
    });

    it('keeps the full timeline in order for every user who can see the case', async () => {
      const filed = await assignedTo('dho-6604');
      await t.act('taphanhin.officer', filed.id, 'accept');
      await t.act('taphanhin.officer', filed.id, 'note', { message: 'นัดลงพื้นที่วันพรุ่งนี้' });
      for (const user of ['hub.intake', 'moph.officer', 'pho66.officer', 'taphanhin.officer']) {
        const view = await detail(user, filed.id);
        expect(view.timeline.map((event) => event.type), user).toEqual(['received', 'triaged', 'assigned', 'accepted', 'note']);
      }
    });
  });

  describe('illegal transitions', () => {
    it('answers 409 invalid_transition with a message to accept a case already in progress, and writes nothing', async () => {
      const filed = await inProgressAtMoph();
      const response = await action('moph.officer', filed.id, 'accept', {});
      expect(response.statusCode).toBe(409);
      const error = errorOf(response);
      expect(error.code).toBe('invalid_transition');
      expect(error.message).toMatch(/accept/);
      expect(error.message).toMatch(/in_progress/);
      expect(error.messageTh).toContain('อยู่ระหว่างดำเนินการ');
      expect((await row(filed.id)).status).toBe('in_progress');
      expect(await eventCount(filed.id)).toBe(4);
    });

    it('lets the receiving agency accept a case it recorded itself, straight from intake', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        as: 'taphanhin.officer',
        body: { channel: 'counter', description: 'ผู้ร้องมาแจ้งที่สำนักงานว่าน้ำประปาไม่ไหลมาสามวันแล้ว' },
      });
      expect(response.statusCode).toBe(201);
      const id = (response.json() as Receipt).id;
      expect((await action('taphanhin.officer', id, 'accept', {})).statusCode).toBe(200);
      expect((await row(id)).status).toBe('in_progress');
    });

    it('answers 409 to close on an in_progress case', async () => {
      const filed = await inProgressAtMoph();
      const response = await action('moph.officer', filed.id, 'close', {});
      expect(response.statusCode).toBe(409);
      expect(errorOf(response).code).toBe('invalid_transition');
      expect(errorOf(response).message).toMatch(/in_progress/);
      expect((await row(filed.id)).status).toBe('in_progress');
      expect(await eventCount(filed.id)).toBe(4);
    });

    it('answers 409 to resolve on a closed case', async () => {
      const filed = await closedAtMoph();
      const before = await eventCount(filed.id);
      const response = await action('moph.officer', filed.id, 'resolve', { result: 'explained', message: 'อีกครั้ง' });
      expect(response.statusCode).toBe(409);
      expect(errorOf(response).code).toBe('invalid_transition');
      expect(await eventCount(filed.id)).toBe(before);
      expect((await row(filed.id)).result).toBe('fixed');
    });

    it('answers 409 to screen twice and to assign a case already assigned', async () => {
      const filed = await t.fileComplaint();
      await t.act('hub.intake', filed.id, 'screen');
      expect((await action('hub.intake', filed.id, 'screen', {})).statusCode).toBe(409);
      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' });
      const again = await action('moph.supervisor', filed.id, 'assign', { agencyCode: 'rtp' });
      expect(again.statusCode).toBe(409);
      expect(errorOf(again).code).toBe('invalid_transition');
      expect((await row(filed.id)).holder).toBe('moph-complaint');
    });

    it('answers 409 when the citizen writes to a rejected case', async () => {
      const filed = await t.fileComplaint();
      await t.act('hub.intake', filed.id, 'reject', { reason: 'ไม่ใช่เรื่องร้องทุกข์' });
      const response = await t.request({
        method: 'POST',
        url: `/api/v1/public/complaints/${filed.trackingCode}/messages`,
        headers: { 'x-access-key': filed.accessKey },
        body: { message: 'ขอให้พิจารณาอีกครั้ง' },
      });
      expect(response.statusCode).toBe(409);
      expect(errorOf(response).code).toBe('invalid_transition');
    });
  });

  describe('return (ส่งคืน)', () => {
    it('sends an assigned case back to the hub that assigned it, in screening', async () => {
      const filed = await assignedTo('moph-complaint');
      const response = await t.act('moph.officer', filed.id, 'return', { reason: 'ไม่อยู่ในอำนาจหน้าที่ของหน่วยงาน' });
      expect(response.json()).toEqual({ id: filed.id, status: 'screening' });
      expect(await row(filed.id)).toMatchObject({ status: 'screening', holder: 'hub-1111' });
      const [handover] = await t.db().query<{ from_agency_id: string; to_agency_id: string; reason: string }>(
        "SELECT from_agency_id, to_agency_id, reason FROM case_handovers WHERE case_id = $1 AND kind = 'return'",
        [filed.id],
      );
      expect(handover).toEqual({ from_agency_id: await agencyId('moph-complaint'), to_agency_id: await agencyId('hub-1111'), reason: 'ไม่อยู่ในอำนาจหน้าที่ของหน่วยงาน' });
      const view = await detail('hub.intake', filed.id);
      expect(view.timeline.at(-1)).toMatchObject({ type: 'returned', statusBefore: 'assigned', statusAfter: 'screening', visibility: 'internal' });
      // Back at the hub, the intake officer can route it again.
      await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'rtp' });
      expect((await row(filed.id)).holder).toBe('rtp');
    });

    it('sends a forwarded case back to the agency that forwarded it, not to the hub', async () => {
      const filed = await inProgressAtMoph();
      await t.act('moph.officer', filed.id, 'forward', { agencyCode: 'dho-6604' });
      await t.act('taphanhin.officer', filed.id, 'accept');
      await t.act('taphanhin.officer', filed.id, 'return', { reason: 'ผู้ร้องอยู่นอกเขตอำเภอ' });
      expect(await row(filed.id)).toMatchObject({ status: 'screening', holder: 'moph-complaint' });
      // Out of its hands, Taphan Hin can no longer act on it.
      expect((await action('taphanhin.officer', filed.id, 'note', { message: 'ทดสอบ' })).statusCode).toBe(404);
    });

    it('sends the case back to whoever handed it over most recently', async () => {
      const start = Date.now() + 60_000;
      let minute = 0;
      const step = async (user: string, name: string, body?: Record<string, unknown>) => {
        minute += 1;
        t.setNow(new Date(start + minute * 60_000));
        await t.act(user, filed.id, name, body);
      };
      const filed = await t.fileComplaint();
      try {
        await step('hub.intake', 'assign', { agencyCode: 'dho-6604' });
        await step('taphanhin.officer', 'return', { reason: 'ขอให้ส่งผ่านจังหวัด' });
        expect((await row(filed.id)).holder).toBe('hub-1111');
        await step('hub.intake', 'assign', { agencyCode: 'pho-66' });
        await step('pho66.officer', 'forward', { agencyCode: 'dho-6604' });
        await step('taphanhin.officer', 'return', { reason: 'อยู่นอกเขตอำเภอ' });
      } finally {
        t.setNow(undefined);
      }
      expect(await row(filed.id)).toMatchObject({ status: 'screening', holder: 'pho-66' });
    });

    it('answers 409 to return a case still in screening', async () => {
      const filed = await t.fileComplaint();
      await t.act('hub.intake', filed.id, 'screen');
      const response = await action('hub.supervisor', filed.id, 'return', { reason: 'ไม่ใช่ของเรา' });
      expect(response.statusCode).toBe(409);
    });
  });

  describe('reject (ไม่รับเรื่อง)', () => {
    it('answers 400 without a reason', async () => {
      const filed = await t.fileComplaint();
      const response = await action('hub.intake', filed.id, 'reject', {});
      expect(response.statusCode).toBe(400);
      expect(fields(response)).toContain('reason');
    });

    it('answers 409 once the case has been assigned', async () => {
      const filed = await assignedTo('moph-complaint');
      const response = await action('moph.supervisor', filed.id, 'reject', { reason: 'ไม่ใช่เรื่องร้องทุกข์' });
      expect(response.statusCode).toBe(409);
      expect((await row(filed.id)).status).toBe('assigned');
    });

    it('rejects a received case with its reason, and the case is final', async () => {
      const filed = await t.fileComplaint();
      expect((await t.act('hub.intake', filed.id, 'reject', { reason: 'เป็นข้อพิพาททางแพ่งระหว่างเอกชน' })).json()).toEqual({ id: filed.id, status: 'rejected' });
      const current = await row(filed.id);
      expect(current.status).toBe('rejected');
      expect(current.closed_at).toBeInstanceOf(Date);
      const view = await detail('hub.intake', filed.id);
      expect(view.timeline.at(-1)).toMatchObject({ type: 'rejected', statusBefore: 'received', statusAfter: 'rejected', message: 'เป็นข้อพิพาททางแพ่งระหว่างเอกชน' });
      expect((await action('hub.intake', filed.id, 'assign', { agencyCode: 'rtp' })).statusCode).toBe(409);
      expect((await action('hub.supervisor', filed.id, 'reopen', { reason: 'ผู้ร้องขอให้พิจารณาใหม่' })).statusCode).toBe(409);
    });
  });

  describe('merge (รวมเรื่อง)', () => {
    it('answers 400 on intoCaseId to a malformed id and to merging a case into itself', async () => {
      const filed = await t.fileComplaint();
      const malformed = await action('hub.intake', filed.id, 'merge', { intoCaseId: 'RT-69-ABCDEF' });
      expect(malformed.statusCode).toBe(400);
      expect(fields(malformed)).toContain('intoCaseId');
      const itself = await action('hub.intake', filed.id, 'merge', { intoCaseId: filed.id });
      expect(itself.statusCode).toBe(400);
      expect(fields(itself)).toEqual(['intoCaseId']);
      expect(await row(filed.id)).toMatchObject({ status: 'received', merged_into_case_id: null });
    });

    it('answers 409 to merging into a closed case', async () => {
      const closed = await closedAtMoph();
      const duplicate = await t.fileComplaint();
      const before = await eventCount(closed.id);
      const response = await action('hub.intake', duplicate.id, 'merge', { intoCaseId: closed.id });
      expect(response.statusCode).toBe(409);
      expect(errorOf(response).message.length).toBeGreaterThan(0);
      expect(await row(duplicate.id)).toMatchObject({ status: 'received', merged_into_case_id: null });
      expect(await eventCount(closed.id)).toBe(before);
    });

    it('answers 400 on intoCaseId, the same as for a missing case, when the target is outside the scope', async () => {
      const mine = await assignedTo('moph-complaint');
      const police = await assignedTo('rtp');
      const outside = await action('moph.officer', mine.id, 'merge', { intoCaseId: police.id });
      expect(outside.statusCode).toBe(400);
      expect(fields(outside)).toEqual(['intoCaseId']);
      const missing = await action('moph.officer', mine.id, 'merge', { intoCaseId: UNKNOWN_ID });
      expect(missing.statusCode).toBe(400);
      expect(outside.json()).toEqual(missing.json());
      expect(await row(mine.id)).toMatchObject({ status: 'assigned', merged_into_case_id: null });
      expect(await eventCount(police.id)).toBe(3);
    });

    it('merges a duplicate into the surviving case, which records a merged_in event', async () => {
      const survivor = await t.fileComplaint({ description: 'ไฟถนนดับทั้งซอยมืดมากตอนกลางคืน', categoryCode: 'lighting' });
      const duplicate = await t.fileComplaint({ description: 'ไฟฟ้าส่องสว่างในซอยดับหลายดวง', categoryCode: 'lighting' });
      await t.act('hub.intake', survivor.id, 'screen');
      expect((await t.act('hub.intake', duplicate.id, 'merge', { intoCaseId: survivor.id })).json()).toEqual({ id: duplicate.id, status: 'merged' });

      expect(await row(duplicate.id)).toMatchObject({ status: 'merged', merged_into_case_id: survivor.id });
      expect((await row(survivor.id)).status).toBe('screening');

      const merged = await detail('hub.intake', duplicate.id);
      expect(merged.status).toBe('merged');
      expect(merged.mergedInto).toEqual({ id: survivor.id, trackingCode: survivor.trackingCode });
      expect(merged.timeline.at(-1)).toMatchObject({ type: 'merged', statusBefore: 'received', statusAfter: 'merged', details: { intoCaseId: survivor.id } });

      const target = await detail('hub.intake', survivor.id);
      expect(target.timeline.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
      expect(target.timeline.at(-1)).toMatchObject({
        type: 'merged_in',
        statusBefore: 'screening',
        statusAfter: 'screening',
        actor: { username: 'hub.intake' },
        details: { fromCaseId: duplicate.id, fromTrackingCode: duplicate.trackingCode },
      });

      // A merged case is final.
      expect((await action('hub.intake', duplicate.id, 'merge', { intoCaseId: survivor.id })).statusCode).toBe(409);
      expect((await action('hub.intake', duplicate.id, 'assign', { agencyCode: 'rtp' })).statusCode).toBe(409);
    });
  });

  describe('reopen (เปิดเรื่องใหม่)', () => {
    it('answers 409 to reopen a case in progress', async () => {
      const filed = await inProgressAtMoph();
      const response = await action('moph.officer', filed.id, 'reopen', { reason: 'ผู้ร้องไม่พอใจ' });
      expect(response.statusCode).toBe(409);
    });

    it('reopens a closed case: back in progress, result and dates cleared', async () => {
      const filed = await closedAtMoph();
      expect((await t.act('moph.officer', filed.id, 'reopen', { reason: 'ถนนกลับมาเป็นหลุมอีกครั้ง' })).json()).toEqual({ id: filed.id, status: 'in_progress' });
      expect(await row(filed.id)).toMatchObject({ status: 'in_progress', result: null, resolved_at: null, closed_at: null });
      const view = await detail('moph.officer', filed.id);
      expect(view).toMatchObject({ status: 'in_progress', result: null, resolvedAt: null, closedAt: null });
      expect(view.timeline.at(-1)).toMatchObject({ type: 'reopened', statusBefore: 'closed', statusAfter: 'in_progress', message: 'ถนนกลับมาเป็นหลุมอีกครั้ง' });
      // And it can be resolved again.
      await t.act('moph.officer', filed.id, 'resolve', { result: 'partially_fixed', message: 'ปะผิวถนนชั่วคราว' });
      expect((await row(filed.id)).result).toBe('partially_fixed');
    });
  });

  describe('contact (บันทึกการติดต่อ)', () => {
    it('answers 400 without a channel or with an unknown one', async () => {
      const filed = await t.fileComplaint();
      expect(fields(await action('hub.intake', filed.id, 'contact', { message: 'โทรมาสอบถาม' }))).toContain('channel');
      expect((await action('hub.intake', filed.id, 'contact', { channel: 'fax' })).statusCode).toBe(400);
    });

    it('records a follow-up contact without changing the status, and contactCount grows', async () => {
      const filed = await inProgressAtMoph();
      const before = await detail('moph.officer', filed.id);
      expect(before.contactCount).toBe(1);

      expect((await t.act('moph.officer', filed.id, 'contact', { channel: 'hotline', message: 'ผู้ร้องโทรมาถามความคืบหน้า' })).json()).toEqual({
        id: filed.id,
        status: 'in_progress',
      });
      const contacts = await t.db().query<{ kind: string; channel: string; recorded_by_user_id: string | null }>(
        'SELECT kind, channel, recorded_by_user_id FROM case_contacts WHERE case_id = $1 ORDER BY at, kind',
        [filed.id],
      );
      expect(contacts).toEqual([
        { kind: 'initial', channel: 'web', recorded_by_user_id: null },
        { kind: 'follow_up', channel: 'hotline', recorded_by_user_id: await userId('moph.officer') },
      ]);
      const after = await detail('moph.officer', filed.id);
      expect(after.contactCount).toBe(2);
      expect(after.status).toBe('in_progress');
      expect(after.timeline.at(-1)).toMatchObject({ type: 'contact', statusBefore: 'in_progress', statusAfter: 'in_progress', details: { channel: 'hotline' } });

      // A contact about a closed case is still counted on that case.
      await t.act('moph.officer', filed.id, 'resolve', { result: 'explained', message: 'ชี้แจงแล้ว' });
      await t.act('moph.officer', filed.id, 'close', { reason: 'ผู้ร้องแจ้งว่าพอใจผลแล้ว' });
      await t.act('moph.officer', filed.id, 'contact', { channel: 'counter' });
      expect((await detail('moph.officer', filed.id)).contactCount).toBe(3);
      expect((await row(filed.id)).status).toBe('closed');
    });
  });

  describe('case_events', () => {
    it('are append-only: UPDATE and DELETE raise an error and change nothing', async () => {
      const filed = await t.fileComplaint();
      await t.act('hub.intake', filed.id, 'screen');
      await expect(t.db().query("UPDATE case_events SET type = 'tampered' WHERE case_id = $1", [filed.id])).rejects.toThrow(/append-only/);
      await expect(t.db().query('DELETE FROM case_events WHERE case_id = $1', [filed.id])).rejects.toThrow(/append-only/);
      const events = await t.db().query<{ type: string }>('SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq', [filed.id]);
      expect(events.map((event) => event.type)).toEqual(['received', 'triaged', 'screened']);
    });
  });

  describe('POST /api/v1/cases (staff intake)', () => {
    const intake = (as: string | undefined, body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/cases', ...(as ? { as } : {}), body });
    const phoneCall = { description: 'ผู้ร้องโทรแจ้งว่าโรงพยาบาลส่งเสริมสุขภาพตำบลปิดก่อนเวลา', categoryCode: 'health-service', channel: 'hotline' };

    it('answers 401 without sign-in', async () => {
      const response = await intake(undefined, phoneCall);
      expect(response.statusCode).toBe(401);
    });

    it('answers 400 on channel when it is missing or not a channel', async () => {
      const { channel: _channel, ...withoutChannel } = phoneCall;
      const missing = await intake('taphanhin.intake', withoutChannel);
      expect(missing.statusCode).toBe(400);
      expect(fields(missing)).toContain('channel');
      const unknown = await intake('taphanhin.intake', { ...phoneCall, channel: 'carrier_pigeon' });
      expect(unknown.statusCode).toBe(400);
      expect(fields(unknown)).toContain('channel');
    });

    it('answers 400 on receivedAt when it is in the future or over a year back', async () => {
      const future = await intake('taphanhin.intake', { ...phoneCall, receivedAt: new Date(Date.now() + 2 * 3600_000).toISOString() });
      expect(future.statusCode).toBe(400);
      expect(fields(future)).toEqual(['receivedAt']);
      const ancient = await intake('taphanhin.intake', { ...phoneCall, receivedAt: new Date(Date.now() - 400 * 86_400_000).toISOString() });
      expect(ancient.statusCode).toBe(400);
      expect(fields(ancient)).toEqual(['receivedAt']);
      const garbage = await intake('taphanhin.intake', { ...phoneCall, receivedAt: 'yesterday' });
      expect(garbage.statusCode).toBe(400);
      expect(fields(garbage)).toContain('receivedAt');
    });

    it('answers 400 on categoryCode for an unknown category', async () => {
      const response = await intake('taphanhin.intake', { ...phoneCall, categoryCode: 'no-such-category' });
      expect(response.statusCode).toBe(400);
      expect(fields(response)).toEqual(['categoryCode']);
    });

    it('answers 403 to an agency admin and a system admin, and creates nothing', async () => {
      const [before] = await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      for (const user of ['moph.admin', 'hub.admin']) {
        const response = await intake(user, phoneCall);
        expect(response.statusCode, user).toBe(403);
        expect(errorOf(response).code).toBe('forbidden');
      }
      const [after] = await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
      expect(after?.n).toBe(before?.n);
    });

    it("records a phone complaint held and received by the officer's agency", async () => {
      const response = await intake('taphanhin.intake', phoneCall);
      expect(response.statusCode).toBe(201);
      const receipt = response.json<Receipt>();
      expect(receipt.status).toBe('received');
      expect(receipt.trackingCode).toMatch(/^RT-\d{2}-[0-9A-Z]{6}$/);
      expect(receipt.accessKey.length).toBeGreaterThanOrEqual(16);
      expect(Math.abs(new Date(receipt.receivedAt).getTime() - Date.now())).toBeLessThan(60_000);
      expect(receipt.dueDate > receipt.receivedAt.slice(0, 10)).toBe(true);

      const [stored] = await t.db().query<{ id: string; channel: string; created_by: string }>(
        'SELECT c.id, c.channel, u.username AS created_by FROM cases c JOIN users u ON u.id = c.created_by_user_id WHERE c.tracking_code = $1',
        [receipt.trackingCode],
      );
      expect(stored).toEqual({ id: receipt.id, channel: 'hotline', created_by: 'taphanhin.intake' });
      expect(await row(receipt.id)).toMatchObject({ status: 'received', holder: 'dho-6604', receiving: 'dho-6604' });

      const view = await detail('taphanhin.intake', receipt.id);
      expect(view.timeline).toHaveLength(2);
      expect(view.timeline[0]).toMatchObject({ type: 'received', actor: { username: 'taphanhin.intake', agencyCode: 'dho-6604' }, statusAfter: 'received' });
      expect(view.timeline[1]).toMatchObject({ type: 'triaged', visibility: 'internal', actor: { username: null, agencyCode: 'dho-6604' }, statusBefore: 'received', statusAfter: 'received' });
      // Outside Taphan Hin's line, nobody else below the hub sees it.
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${receipt.id}`, as: 'pho50.officer' })).statusCode).toBe(404);

      const byOfficer = await intake('moph.officer', { ...phoneCall, channel: 'counter' });
      expect(byOfficer.statusCode).toBe(201);
      expect(await row(byOfficer.json<Receipt>().id)).toMatchObject({ holder: 'moph-complaint', receiving: 'moph-complaint' });
    });

    it('accepts an earlier receivedAt and counts the deadline from that day (15 business days, holidays skipped)', async () => {
      t.setNow(new Date('2026-03-20T03:00:00Z'));
      let response: LightMyRequestResponse;
      try {
        // Monday 2 March 2026 in Bangkok; Tuesday 3 March is Makha Bucha, a public holiday.
        response = await intake('taphanhin.intake', { ...phoneCall, channel: 'post', receivedAt: '2026-03-02T09:00:00+07:00' });
      } finally {
        t.setNow(undefined);
      }
      expect(response.statusCode).toBe(201);
      const receipt = response.json<Receipt>();
      expect(new Date(receipt.receivedAt).toISOString()).toBe('2026-03-02T02:00:00.000Z');
      expect(receipt.dueDate).toBe('2026-03-24');
      const [stored] = await t.db().query<{ received_at: Date; due_date: string }>('SELECT received_at, due_date FROM cases WHERE id = $1', [receipt.id]);
      expect(stored?.received_at.toISOString()).toBe('2026-03-02T02:00:00.000Z');
      expect(stored?.due_date).toBe('2026-03-24');
      const [contact] = await t.db().query<{ at: Date; kind: string; channel: string }>('SELECT at, kind, channel FROM case_contacts WHERE case_id = $1', [receipt.id]);
      expect(contact).toEqual({ at: new Date('2026-03-02T02:00:00.000Z'), kind: 'initial', channel: 'post' });
    });
  });
});
