/**
 * Bulk actions of the staff inbox: each case acted on alone through the single-case action
 * (scope, policy, state machine, audit), results in the order given; a case of another agency
 * is reported exactly like one that does not exist.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { BulkResponse, CaseDetail, ErrorBody } from '../src/shared/api/index.ts';

const NO_SUCH_CASE = '00000000-0000-4000-8000-000000000000';

const fields = (response: LightMyRequestResponse): string[] => [
  ...new Set((response.json() as ErrorBody).error.details.map((detail) => detail.field ?? '')),
];

async function fileCases(t: TestApp, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) ids.push((await t.fileComplaint()).id);
  return ids;
}

describeEachApp('bulk case actions', (t) => {
  const bulk = (action: string, body: unknown, as?: string) => t.request({ method: 'POST', url: `/api/v1/cases/bulk/${action}`, as, body });
  const statusOf = async (id: string) => (await t.db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [id]))[0]?.status;

  describe('POST /api/v1/cases/bulk/:action', () => {
    it('answers 401 without sign-in', async () => {
      expect((await bulk('close', { caseIds: [NO_SUCH_CASE], reason: 'ยุติเรื่อง' })).statusCode).toBe(401);
    });

    it('answers 400 naming the field for a bad action or body', async () => {
      const ids = Array.from({ length: 101 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
      for (const [action, body, field] of [
        ['merge', { caseIds: [NO_SUCH_CASE], reason: 'รวมเรื่อง' }, 'params.action'],
        ['close', { caseIds: [], reason: 'ยุติเรื่อง' }, 'caseIds'],
        ['close', { caseIds: ids, reason: 'ยุติเรื่อง' }, 'caseIds'],
        ['close', { caseIds: [NO_SUCH_CASE, NO_SUCH_CASE], reason: 'ยุติเรื่อง' }, 'caseIds'],
        ['close', { caseIds: ['not-a-uuid'], reason: 'ยุติเรื่อง' }, 'caseIds.0'],
        ['close', { caseIds: [NO_SUCH_CASE], reason: ' ab ' }, 'reason'],
        ['close', { caseIds: [NO_SUCH_CASE], reason: 'ก'.repeat(2001) }, 'reason'],
        ['close', { caseIds: [NO_SUCH_CASE], reason: 'ยุติเรื่อง', agencyCode: 'moph-complaint' }, 'agencyCode'],
        ['close', { caseIds: [NO_SUCH_CASE], reason: 'ยุติเรื่อง', note: 'x' }, 'note'],
        ['assign', { caseIds: [NO_SUCH_CASE], reason: 'ส่งให้หน่วยงาน' }, 'agencyCode'],
        ['assign', { caseIds: [NO_SUCH_CASE], reason: 'ส่งให้หน่วยงาน', agencyCode: 'no-such-agency' }, 'agencyCode'],
        ['forward', { caseIds: [NO_SUCH_CASE], reason: 'ส่งต่อ' }, 'agencyCode'],
      ] as const) {
        const response = await bulk(action, body, 'hub.intake');
        expect(response.statusCode, `${action} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
        expect(fields(response), `${action} ${JSON.stringify(body).slice(0, 80)}`).toEqual([field]);
      }
    });

    it('answers 403 to administrators, who do not work on cases', async () => {
      for (const admin of ['moph.admin', 'hub.admin']) {
        const response = await bulk('assign', { caseIds: [NO_SUCH_CASE], reason: 'ส่งให้หน่วยงาน', agencyCode: 'moph-complaint' }, admin);
        expect(response.statusCode, admin).toBe(403);
        expect(response.json().error.code).toBe('forbidden');
      }
    });

    it('assigns what it may and reports each failure in the order given, audited per case', async () => {
      const [first, second, third, done] = await fileCases(t, 4);
      await t.act('hub.intake', done!, 'reject', { reason: 'ไม่ใช่เรื่องร้องเรียน' });
      const caseIds = [first!, NO_SUCH_CASE, second!, done!, third!];
      const response = await bulk('assign', { caseIds, reason: '  เป็นเรื่องด้านสาธารณสุข  ', agencyCode: 'moph-complaint' }, 'hub.intake');
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as BulkResponse;
      expect(body).toMatchObject({ succeeded: 3, failed: 2 });
      expect(body.results.map((result) => result.id)).toEqual(caseIds);
      expect(body.results[0]).toEqual({ id: first, ok: true, status: 'assigned' });
      expect(body.results[1]).toEqual({ id: NO_SUCH_CASE, ok: false, error: { code: 'not_found', message: 'Case not found', messageTh: 'ไม่พบเรื่อง' } });
      expect(body.results[3]).toMatchObject({ id: done, ok: false, error: { code: 'invalid_transition' } });
      expect(body.results[4]).toEqual({ id: third, ok: true, status: 'assigned' });

      const handovers = await t.db().query<{ case_id: string; reason: string; code: string }>(
        'SELECT h.case_id, h.reason, a.code FROM case_handovers h JOIN agencies a ON a.id = h.to_agency_id WHERE h.case_id = ANY($1::uuid[])',
        [[first, second, third]],
      );
      expect(handovers).toHaveLength(3);
      expect(handovers.every((row) => row.reason === 'เป็นเรื่องด้านสาธารณสุข' && row.code === 'moph-complaint')).toBe(true);
      const audited = await t.db().query<{ entity_id: string }>("SELECT entity_id FROM audit_log WHERE action = 'case.assign' AND entity_id::text = ANY($1::text[])", [
        [first, second, third, done],
      ]);
      expect(audited.map((row) => row.entity_id).sort()).toEqual([first, second, third].sort());
      expect(await statusOf(done!)).toBe('rejected');
      expect((await verifyAuditChain(t.db())).ok).toBe(true);
    });

    it("reports another agency's case as not_found, exactly like a case that does not exist, and leaves it alone", async () => {
      const [theirs, ours] = await fileCases(t, 2);
      await t.act('hub.intake', theirs!, 'assign', { agencyCode: 'moph-complaint' });
      await t.act('hub.intake', ours!, 'assign', { agencyCode: 'rtp' });
      const response = await bulk('forward', { caseIds: [theirs, ours, NO_SUCH_CASE], reason: 'ส่งต่อให้กระทรวงมหาดไทย', agencyCode: 'moi' }, 'rtp.officer');
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as BulkResponse;
      expect(body).toMatchObject({ succeeded: 1, failed: 2 });
      expect(body.results[1]).toEqual({ id: ours, ok: true, status: 'assigned' });
      const [outside, missing] = [body.results[0], body.results[2]];
      expect(outside).toEqual({ id: theirs, ok: false, error: { code: 'not_found', message: 'Case not found', messageTh: 'ไม่พบเรื่อง' } });
      expect(missing && 'error' in missing ? missing.error : undefined).toEqual(outside && 'error' in outside ? outside.error : 'no error');
      const [holder] = await t.db().query<{ code: string }>('SELECT a.code FROM cases c JOIN agencies a ON a.id = c.holder_agency_id WHERE c.id = $1', [theirs]);
      expect(holder?.code).toBe('moph-complaint');
    });

    it('closes resolved cases with the reason as the closing reason (their citizens could still answer); a role without the right is refused per case', async () => {
      const [resolved, open, other] = await fileCases(t, 3);
      for (const id of [resolved!, open!, other!]) {
        await t.act('hub.intake', id, 'assign', { agencyCode: 'moph-complaint' });
        await t.act('moph.officer', id, 'accept');
      }
      for (const id of [resolved!, other!]) await t.act('moph.officer', id, 'resolve', { result: 'fixed', message: 'แก้ไขเรียบร้อยแล้ว' });

      const refused = await bulk('close', { caseIds: [other], reason: 'ผู้ร้องพอใจผลการดำเนินการ' }, 'moph.cceo');
      expect(refused.statusCode).toBe(200);
      expect((refused.json() as BulkResponse).results[0]).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await statusOf(other!)).toBe('resolved');

      const response = await bulk('close', { caseIds: [resolved, open, other], reason: 'ผู้ร้องพอใจผลการดำเนินการ' }, 'moph.officer');
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as BulkResponse;
      expect(body).toMatchObject({ succeeded: 2, failed: 1 });
      expect(body.results[0]).toEqual({ id: resolved, ok: true, status: 'closed' });
      expect(body.results[1]).toMatchObject({ id: open, ok: false, error: { code: 'invalid_transition', messageTh: expect.stringContaining('ยุติเรื่อง') as string } });
      expect(body.results[2]).toEqual({ id: other, ok: true, status: 'closed' });
      expect(await statusOf(open!)).toBe('in_progress');

      const detail = await t.request({ method: 'GET', url: `/api/v1/cases/${resolved}`, as: 'moph.officer' });
      const closed = (detail.json() as CaseDetail).timeline.find((event) => event.type === 'closed');
      expect(closed?.details).toMatchObject({ by: 'staff', reason: 'ผู้ร้องพอใจผลการดำเนินการ' });
    });
  });
});
