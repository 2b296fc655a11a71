/**
 * The standing cross-agency suite (STYLE.md practice 10): a case held by the Taphan Hin
 * district health office does not exist for users of any agency outside its line, on every
 * staff endpoint; agencies above it see it, and what they may do is decided by the policy.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACTIONS, type CaseAction } from '../src/shared/case-model.ts';
import { describeEachApp } from './support/app.ts';
import type { CaseList, CaseDetail, ErrorBody } from '../src/shared/api/index.ts';

const OUTSIDERS = ['pho50.officer', 'dtc66.officer', 'rtp.officer'] as const;
const UNKNOWN_ID = '5d0c8a4e-2b1f-4c3d-8e9f-0a1b2c3d4e5f';

/** A body each action accepts, so that validation passes and scope decides. */
function validBody(action: CaseAction, otherCaseId: string): Record<string, unknown> {
  switch (action) {
    case 'assign':
    case 'forward':
      return { agencyCode: 'pho-50' };
    case 'return':
    case 'reopen':
    case 'reject':
      return { reason: 'เหตุผลประกอบการทดสอบ' };
    case 'note':
    case 'reply':
    case 'request-info':
    case 'follow-up':
      return { message: 'ข้อความทดสอบ' };
    case 'resolve':
      return { result: 'fixed', message: 'ข้อความทดสอบ' };
    case 'merge':
      return { intoCaseId: otherCaseId };
    case 'contact':
      return { channel: 'hotline' };
    case 'extend':
      return { businessDays: 5, reason: 'ต้องประสานหลายหน่วยงาน' };
    case 'screen':
    case 'accept':
    case 'close':
      return {};
  }
}

interface Endpoint {
  label: string;
  method: 'GET' | 'POST';
  url: (caseId: string) => string;
  body?: Record<string, unknown>;
}

function endpoints(otherCaseId: string): Endpoint[] {
  return [
    { label: 'GET case', method: 'GET', url: (id) => `/api/v1/cases/${id}` },
    { label: 'POST identity', method: 'POST', url: (id) => `/api/v1/cases/${id}/identity` },
    { label: 'POST access-key', method: 'POST', url: (id) => `/api/v1/cases/${id}/access-key`, body: { identityCheck: 'ตรวจบัตรประชาชนแล้ว' } },
    ...CASE_ACTIONS.map((action) => ({
      label: `POST ${action}`,
      method: 'POST' as const,
      url: (id: string) => `/api/v1/cases/${id}/actions/${action}`,
      body: validBody(action, otherCaseId),
    })),
  ];
}

describeEachApp('cross-agency access', (t) => {
  let held: Awaited<ReturnType<typeof t.fileComplaint>>;
  /** A case each outsider holds, a legitimate merge target for them. */
  const ownCases = new Map<string, string>();

  const call = (endpoint: Endpoint, caseId: string, as?: string): Promise<LightMyRequestResponse> =>
    t.request({ method: endpoint.method, url: endpoint.url(caseId), ...(as ? { as } : {}), ...(endpoint.body ? { body: endpoint.body } : {}) });

  const ids = async (as: string, query = 'limit=100'): Promise<string[]> => {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases?${query}`, as });
    expect(response.statusCode).toBe(200);
    return response.json<CaseList>().items.map((item) => item.id);
  };

  async function snapshot(caseId: string) {
    const [state] = await t.db().query<{ status: string; holder: string; events: number; contacts: number }>(
      `SELECT c.status, h.code AS holder,
              (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS events,
              (SELECT count(*)::int FROM case_contacts k WHERE k.case_id = c.id) AS contacts
       FROM cases c JOIN agencies h ON h.id = c.holder_agency_id WHERE c.id = $1`,
      [caseId],
    );
    return state;
  }

  beforeAll(async () => {
    held = await t.fileComplaint({
      description: 'เจ้าหน้าที่สาธารณสุขอำเภอพูดจาไม่สุภาพกับผู้ป่วยสูงอายุ ติดต่อ 081-234-5678',
      categoryCode: 'official-conduct',
      complainant: { name: 'สมชาย ใจดี', phone: '0812345678' },
      location: { provinceCode: '66' },
    });
    await t.act('hub.intake', held.id, 'assign', { agencyCode: 'dho-6604' });
    const homes: Record<(typeof OUTSIDERS)[number], string> = { 'pho50.officer': 'pho-50', 'dtc66.officer': 'dtc-p66', 'rtp.officer': 'rtp' };
    for (const user of OUTSIDERS) {
      const own = await t.fileComplaint({ description: `เรื่องของหน่วยงาน ${homes[user]} สำหรับทดสอบสิทธิ์` });
      await t.act('hub.intake', own.id, 'assign', { agencyCode: homes[user] });
      await t.act(user, own.id, 'accept');
      ownCases.set(user, own.id);
    }
  });

  describe('every staff endpoint', () => {
    it('answers 401 without sign-in', async () => {
      for (const endpoint of endpoints(UNKNOWN_ID)) {
        const response = await call(endpoint, held.id);
        expect(response.statusCode, endpoint.label).toBe(401);
      }
    });

    it('answers 400 to a malformed case id', async () => {
      for (const endpoint of endpoints(UNKNOWN_ID)) {
        for (const bad of ['not-a-uuid', '123', held.trackingCode]) {
          const response = await call(endpoint, bad, 'hub.intake');
          expect(response.statusCode, `${endpoint.label} ${bad}`).toBe(400);
          expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
        }
      }
    });

    it('answers 404 to an unknown case id', async () => {
      for (const endpoint of endpoints(UNKNOWN_ID)) {
        const response = await call(endpoint, UNKNOWN_ID, 'hub.supervisor');
        expect(response.statusCode, endpoint.label).toBe(404);
        expect(response.json<ErrorBody>().error.code).toBe('not_found');
      }
    });

    for (const outsider of OUTSIDERS) {
      it(`answers 404 to ${outsider}, exactly as for a case that does not exist, and changes nothing`, async () => {
        const before = await snapshot(held.id);
        const auditBefore = await t.db().query('SELECT seq FROM audit_log WHERE entity_id = $1', [held.id]);
        for (const endpoint of endpoints(ownCases.get(outsider) ?? UNKNOWN_ID)) {
          const response = await call(endpoint, held.id, outsider);
          expect(response.statusCode, `${outsider} ${endpoint.label}`).toBe(404);
          const unknown = await call(endpoint, UNKNOWN_ID, outsider);
          expect(response.json(), `${outsider} ${endpoint.label}`).toEqual(unknown.json());
          expect(response.body).not.toContain(held.trackingCode);
        }
        expect(await snapshot(held.id)).toEqual(before);
        const auditAfter = await t.db().query('SELECT seq FROM audit_log WHERE entity_id = $1', [held.id]);
        expect(auditAfter).toHaveLength(auditBefore.length);
      });
    }

    it('keeps the outsiders’ own cases workable (the 404s above are about scope, not broken bodies)', async () => {
      for (const outsider of OUTSIDERS) {
        const own = ownCases.get(outsider) ?? '';
        expect((await t.request({ method: 'GET', url: `/api/v1/cases/${own}`, as: outsider })).statusCode, outsider).toBe(200);
        await t.act(outsider, own, 'note', { message: 'บันทึกภายในของหน่วยงานเอง' });
      }
    });
  });

  describe('GET /api/v1/cases (list)', () => {
    for (const outsider of OUTSIDERS) {
      it(`never lists the case for ${outsider}, whatever the filters`, async () => {
        const queries = ['limit=100', 'agencyCode=dho-6604', 'agencyCode=hub-1111&limit=100', `q=${held.trackingCode}`, 'provinceCode=66&limit=100', 'categoryCode=governance&limit=100'];
        for (const query of queries) {
          expect(await ids(outsider, query), `${outsider} ${query}`).not.toContain(held.id);
        }
        expect(await ids(outsider)).toContain(ownCases.get(outsider));
      });
    }

    it('lists the case for the holder, the agencies above it and the hub', async () => {
      for (const user of ['taphanhin.officer', 'pho66.officer', 'moph.officer', 'moph.supervisor', 'moph.cceo', 'hub.intake', 'hub.supervisor']) {
        expect(await ids(user), user).toContain(held.id);
        expect(await ids(user, `q=${held.trackingCode}`), user).toEqual([held.id]);
      }
    });

    it("does not show cases of a sibling agency's line to an agency above only one of them", async () => {
      const listed = await ids('pho66.officer');
      expect(listed).toContain(held.id);
      expect(listed).not.toContain(ownCases.get('pho50.officer'));
      expect(listed).not.toContain(ownCases.get('dtc66.officer'));
    });
  });

  describe('agencies above the holder', () => {
    it('let moph.officer (ancestor) and hub.intake (root) read the case and its timeline', async () => {
      for (const user of ['moph.officer', 'pho66.officer', 'hub.intake', 'taphanhin.officer']) {
        const response = await t.request({ method: 'GET', url: `/api/v1/cases/${held.id}`, as: user });
        expect(response.statusCode, user).toBe(200);
        const body = response.json<CaseDetail>();
        expect(body.id).toBe(held.id);
        expect(body.holder.code).toBe('dho-6604');
        expect(body.timeline.length).toBeGreaterThanOrEqual(2);
      }
    });

    it('give a case officer above the holder 403, not 404, for accept and resolve', async () => {
      const before = await snapshot(held.id);
      for (const user of ['moph.officer', 'pho66.officer']) {
        const accept = await t.request({ method: 'POST', url: `/api/v1/cases/${held.id}/actions/accept`, as: user, body: {} });
        expect(accept.statusCode, `${user} accept`).toBe(403);
        expect(accept.json<ErrorBody>().error.code).toBe('forbidden');
        const resolve = await t.request({
          method: 'POST',
          url: `/api/v1/cases/${held.id}/actions/resolve`,
          as: user,
          body: { result: 'fixed', message: 'แก้ไขแล้ว' },
        });
        expect(resolve.statusCode, `${user} resolve`).toBe(403);
        const forward = await t.request({ method: 'POST', url: `/api/v1/cases/${held.id}/actions/forward`, as: user, body: { agencyCode: 'pho-50' } });
        expect(forward.statusCode, `${user} forward`).toBe(403);
      }
      expect(await snapshot(held.id)).toEqual(before);
    });

    it('send the policy with the case: a case officer above may note, not accept', async () => {
      const above = await t.request({ method: 'GET', url: `/api/v1/cases/${held.id}`, as: 'moph.officer' });
      const permissions = above.json<CaseDetail>().permissions;
      expect(permissions).toContain('view');
      expect(permissions).toContain('note');
      expect(permissions).not.toContain('accept');
      expect(permissions).not.toContain('resolve');
      const holder = await t.request({ method: 'GET', url: `/api/v1/cases/${held.id}`, as: 'taphanhin.officer' });
      expect(holder.json<CaseDetail>().permissions).toContain('accept');
    });

    it('let a case officer above add an internal note, and the holder accept', async () => {
      await t.act('moph.officer', held.id, 'note', { message: 'ขอให้อำเภอรายงานผลภายในสัปดาห์' });
      await t.act('taphanhin.officer', held.id, 'accept');
      const state = await snapshot(held.id);
      expect(state).toMatchObject({ status: 'in_progress', holder: 'dho-6604' });
    });

    it('do not reveal, through a merged case, a case outside the viewer’s scope', async () => {
      // The hub merges a Taphan Hin case into a police case: both are in the hub's scope only.
      const duplicate = await t.fileComplaint({ description: 'เรื่องซ้ำกับที่แจ้งตำรวจไว้แล้ว เรื่องเสียงดังยามวิกาล' });
      await t.act('hub.intake', duplicate.id, 'assign', { agencyCode: 'dho-6604' });
      const police = await t.fileComplaint({ description: 'เสียงดังยามวิกาลจากร้านเหล้าริมถนน' });
      await t.act('hub.intake', police.id, 'assign', { agencyCode: 'rtp' });
      await t.act('hub.supervisor', duplicate.id, 'merge', { intoCaseId: police.id });

      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${police.id}`, as: 'taphanhin.officer' })).statusCode).toBe(404);
      const view = await t.request({ method: 'GET', url: `/api/v1/cases/${duplicate.id}`, as: 'taphanhin.officer' });
      expect(view.statusCode).toBe(200);
      expect(view.json<CaseDetail>().status).toBe('merged');
      expect(view.body).not.toContain(police.id);
      expect(view.body).not.toContain(police.trackingCode);
      // The hub, which reaches both, is shown the surviving case.
      const hub = await t.request({ method: 'GET', url: `/api/v1/cases/${duplicate.id}`, as: 'hub.intake' });
      expect(hub.json<CaseDetail>().mergedInto).toEqual({ id: police.id, trackingCode: police.trackingCode });
    });

    it('let the hub see the case and reveal its identity, as the receiving agency', async () => {
      const identity = await t.request({ method: 'POST', url: `/api/v1/cases/${held.id}/identity`, as: 'hub.intake' });
      expect(identity.statusCode).toBe(200);
    });
  });
});
