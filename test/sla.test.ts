/**
 * The SLA engine through the API, on both engines: policies by category and agency (the most
 * specific wins), deadlines from them, extensions with a reason (a supervisor past the limit,
 * nobody past a statutory deadline), the clock paused while awaiting the citizen, SLA states
 * as the clock moves, and what the citizen's tracking page says about the due date.
 *
 * Dates: Monday 7 September 2026 10:00 in Bangkok is the usual receipt (no holiday until
 * 13 October), so 15 business days end on Monday 28 September and "due soon" (3 business days
 * before) starts on Wednesday 23 September.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepSla } from '../src/server/sla/sweep-jobs.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import { bangkok } from './support/worker-clock.ts';
import type { z } from 'zod';
import type { PolicyListSchema, ErrorBody as ApiError, SlaPolicy as Policy, CaseList, ScreeningPage, CaseDetail, PublicCase as PublicView, Receipt as Recorded } from '../src/shared/api/index.ts';

type PolicyList = z.output<typeof PolicyListSchema>;

const USERS = ['hub.admin', 'hub.supervisor', 'moph.admin', 'moph.officer', 'moph.supervisor', 'moph.cceo', 'pho66.officer', 'rtp.officer'];
const UNKNOWN_ID = '5f0c2a8e-1b7d-4c3e-9a6f-2d8e4b1c7a90';
const LEGAL_BASIS = 'พระราชบัญญัติทดสอบ พ.ศ. 2569';

/** An instant of a Bangkok calendar day (10:00 unless told: within office hours). */
function errorOf(response: LightMyRequestResponse): ApiError['error'] {
  return response.json<ApiError>().error;
}

function fields(response: LightMyRequestResponse): string[] {
  return errorOf(response).details.map((detail) => detail.field ?? '');
}

describeEachApp('SLA engine', (t: TestApp) => {
  // Signed in at the real time: the pinned clocks below are all earlier, so sessions stay valid.
  beforeAll(async () => {
    for (const user of USERS) await t.tokenFor(user);
  });
  afterEach(() => t.setNow(undefined));

  const putPolicy = (as: string | undefined, body: Record<string, unknown>) => t.request({ method: 'PUT', url: '/api/v1/sla-policies', as, body });
  const policies = async (): Promise<Policy[]> => (await t.request({ method: 'GET', url: '/api/v1/sla-policies', as: 'moph.officer' })).json<PolicyList>().items;
  const detail = async (id: string, as = 'moph.officer'): Promise<CaseDetail> => {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CaseDetail>();
  };
  const publicView = async (filed: { trackingCode: string; accessKey: string }): Promise<PublicView> => {
    const response = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': filed.accessKey } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PublicView>();
  };
  const listIds = async (query: string, as = 'moph.officer'): Promise<string[]> => {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases?${query}&limit=100`, as });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CaseList>().items.map((item) => item.id);
  };
  /** A complaint taken by phone at `as`'s agency (which receives and holds it), on `day`. */
  const record = async (as: string, categoryCode: string, day = '2026-09-07'): Promise<Recorded> => {
    t.setNow(bangkok(day));
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as,
      body: { description: 'ขอให้ตรวจสอบปัญหาในชุมชนโดยเร็ว มีผู้ได้รับผลกระทบหลายครัวเรือน', categoryCode, channel: 'hotline' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Recorded>();
  };
  /** Recorded and accepted by moph-complaint: in progress there. */
  const caseInProgress = async (categoryCode = 'road', day = '2026-09-07'): Promise<Recorded> => {
    const recorded = await record('moph.officer', categoryCode, day);
    await t.act('moph.officer', recorded.id, 'accept');
    return recorded;
  };
  const sweepOn = async (day: string): Promise<void> => {
    t.setNow(bangkok(day));
    await sweepSla(t.ctx());
  };

  describe('the default policy and the public tracking view', () => {
    it('400 without an access key, 404 with a wrong one', async () => {
      const filed = await t.fileComplaint();
      expect((await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}` })).statusCode).toBe(400);
      const wrong = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': 'AAAA-BBBB-CCCC-DDDD' } });
      expect(wrong.statusCode).toBe(404);
    });

    it('gives 15 business days from the day of receipt, shown in the Buddhist era with the reason', async () => {
      // Friday 29 May 2026; Monday 1 June (substitution for Visakha Bucha) and Wednesday 3 June are off.
      t.setNow(bangkok('2026-05-29'));
      const filed = await t.fileComplaint();
      const view = await publicView(filed);
      expect(view.dueDate).toBe('2026-06-23');
      expect(view.dueDateBuddhist).toBe('23 มิถุนายน 2569');
      expect(view.dueDateExplanation).toEqual(['15 วันทำการ นับจากวันที่รับเรื่อง']);
      const staff = await detail(filed.id, 'hub.supervisor');
      expect(staff.sla).toMatchObject({ state: 'on_track', dueDate: '2026-06-23', targetBusinessDays: 15, pausedBusinessDays: 0, extendedBusinessDays: 0 });
    });
  });

  describe('GET, PUT and DELETE /api/v1/sla-policies', () => {
    const valid = { categoryCode: 'noise', targetBusinessDays: 30 };

    // The blocks below count on the default policy alone for 'road'. Straight in SQL: the API
    // cannot remove a policy that cases refer to (see the happy path below).
    afterAll(async () => {
      await t.db().query('UPDATE cases SET sla_policy_id = NULL WHERE sla_policy_id IN (SELECT id FROM sla_policies WHERE category_code IS NOT NULL OR agency_id IS NOT NULL)');
      await t.db().query('DELETE FROM sla_policies WHERE category_code IS NOT NULL OR agency_id IS NOT NULL');
    });

    it('401 without a session', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/sla-policies' })).statusCode).toBe(401);
      expect((await putPolicy(undefined, valid)).statusCode).toBe(401);
      expect((await t.request({ method: 'DELETE', url: `/api/v1/sla-policies/${UNKNOWN_ID}` })).statusCode).toBe(401);
    });

    it('400 naming the field: unknown category or agency, bad numbers, a statutory deadline shorter than the target', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ categoryCode: 'no-such-category', targetBusinessDays: 20 }, 'categoryCode'],
        [{ agencyCode: 'no-such-agency', targetBusinessDays: 20 }, 'agencyCode'],
        [{ categoryCode: 'noise', targetBusinessDays: 0 }, 'targetBusinessDays'],
        [{ categoryCode: 'noise', targetBusinessDays: 366 }, 'targetBusinessDays'],
        [{ categoryCode: 'noise', targetBusinessDays: 2.5 }, 'targetBusinessDays'],
        [{ categoryCode: 'noise', targetBusinessDays: '20' }, 'targetBusinessDays'],
        [{ categoryCode: 'noise', targetBusinessDays: 20, dueSoonBusinessDays: -1 }, 'dueSoonBusinessDays'],
        [{ categoryCode: 'noise', targetBusinessDays: 5, dueSoonBusinessDays: 5 }, 'dueSoonBusinessDays'],
        [{ categoryCode: 'noise', targetBusinessDays: 20, extensionLimitBusinessDays: -3 }, 'extensionLimitBusinessDays'],
        [{ categoryCode: 'noise', targetBusinessDays: 20, statutoryBusinessDays: 19 }, 'statutoryBusinessDays'],
        [{ categoryCode: 'noise', targetBusinessDays: 20, colour: 'red' }, 'colour'],
        [{ categoryCode: 'noise' }, 'targetBusinessDays'],
      ];
      for (const [body, field] of cases) {
        const response = await putPolicy('hub.admin', body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(fields(response), JSON.stringify(body)).toContain(field);
      }
      expect((await t.request({ method: 'DELETE', url: '/api/v1/sla-policies/not-a-uuid', as: 'hub.admin' })).statusCode).toBe(400);
      const fallback = (await policies()).find((policy) => policy.categoryCode === null && policy.agencyCode === null);
      const removeDefault = await t.request({ method: 'DELETE', url: `/api/v1/sla-policies/${fallback?.id}`, as: 'hub.admin' });
      expect(removeDefault.statusCode).toBe(400);
      expect(fields(removeDefault)).toEqual(['id']);
      expect((await policies()).some((policy) => policy.id === fallback?.id)).toBe(true);
    });

    it('403 for an agency administrator outside its own subtree, and for staff who are not administrators', async () => {
      for (const agencyCode of ['moi', 'moph', null]) {
        const response = await putPolicy('moph.admin', { agencyCode, targetBusinessDays: 20 });
        expect(response.statusCode, String(agencyCode)).toBe(403);
      }
      expect((await putPolicy('moph.officer', { agencyCode: 'moph-complaint', targetBusinessDays: 20 })).statusCode).toBe(403);
      expect((await putPolicy('moph.supervisor', { agencyCode: 'moph-complaint', targetBusinessDays: 20 })).statusCode).toBe(403);
      const hubs = await putPolicy('hub.admin', { agencyCode: 'moi', targetBusinessDays: 25 });
      expect(hubs.statusCode).toBe(200);
      const id = hubs.json<Policy>().id;
      expect((await t.request({ method: 'DELETE', url: `/api/v1/sla-policies/${id}`, as: 'moph.admin' })).statusCode).toBe(403);
      expect((await t.request({ method: 'DELETE', url: `/api/v1/sla-policies/${id}`, as: 'hub.admin' })).statusCode).toBe(204);
    });

    it('404 for an unknown policy', async () => {
      expect((await t.request({ method: 'DELETE', url: `/api/v1/sla-policies/${UNKNOWN_ID}`, as: 'hub.admin' })).statusCode).toBe(404);
    });

    it('saves, lists, replaces and removes policies; new cases take the target of the most specific one', async () => {
      const saved = await putPolicy('hub.admin', { categoryCode: 'noise', targetBusinessDays: 30, legalBasis: LEGAL_BASIS, statutoryBusinessDays: 40 });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json<Policy>()).toMatchObject({
        categoryCode: 'noise',
        agencyCode: null,
        targetBusinessDays: 30,
        dueSoonBusinessDays: 3,
        progressIntervalBusinessDays: 7,
        statutoryBusinessDays: 40,
        legalBasis: LEGAL_BASIS,
        extensionLimitBusinessDays: 15,
        cceoEscalationBusinessDays: 5,
      });
      // moph.admin sits at moph-complaint: its own agency and those below are its to set.
      expect((await putPolicy('moph.admin', { agencyCode: 'moph-complaint', targetBusinessDays: 20 })).statusCode).toBe(200);
      const both = await putPolicy('moph.admin', { categoryCode: 'noise', agencyCode: 'moph-complaint', targetBusinessDays: 25 });
      expect(both.statusCode).toBe(200);
      // The same scope again replaces the policy in place.
      const replaced = await putPolicy('moph.admin', { categoryCode: 'noise', agencyCode: 'moph-complaint', targetBusinessDays: 35 });
      expect(replaced.json<Policy>()).toMatchObject({ id: both.json<Policy>().id, targetBusinessDays: 35 });
      expect((await putPolicy('moph.admin', { categoryCode: 'noise', agencyCode: 'moph-complaint', targetBusinessDays: 25 })).statusCode).toBe(200);
      const [audited] = await t.db().query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'sla_policy.save'");
      expect(audited?.n).toBeGreaterThanOrEqual(5);

      const listed = await policies();
      expect(listed.map((policy) => [policy.categoryCode, policy.agencyCode, policy.targetBusinessDays])).toEqual(
        expect.arrayContaining([
          [null, null, 15],
          ['noise', null, 30],
          [null, 'moph-complaint', 20],
          ['noise', 'moph-complaint', 25],
        ]),
      );

      // Received on Monday 7 September 2026: 15 → 28 Sep, 20 → 5 Oct, 25 → 12 Oct, 30 → 20 Oct.
      const targetOf = async (as: string, category: string) => {
        const recorded = await record(as, category);
        return [recorded.dueDate, (await detail(recorded.id, as)).sla.targetBusinessDays];
      };
      expect(await targetOf('moph.officer', 'noise')).toEqual(['2026-10-12', 25]); // category + agency
      expect(await targetOf('pho66.officer', 'noise')).toEqual(['2026-10-12', 25]); // … of an agency above
      expect(await targetOf('moph.officer', 'road')).toEqual(['2026-10-05', 20]); // agency
      expect(await targetOf('rtp.officer', 'noise')).toEqual(['2026-10-20', 30]); // category
      expect(await targetOf('rtp.officer', 'road')).toEqual(['2026-09-28', 15]); // default
      const tracking = await record('rtp.officer', 'noise');
      expect((await publicView(tracking)).dueDateExplanation[0]).toBe(`30 วันทำการ นับจากวันที่รับเรื่อง ตาม${LEGAL_BASIS}`);

      // The nearer agency wins over one further up.
      const nearer = await putPolicy('moph.admin', { agencyCode: 'pho-66', targetBusinessDays: 35 });
      expect(nearer.statusCode).toBe(200);
      expect(await targetOf('pho66.officer', 'road')).toEqual(['2026-10-28', 35]);

      // Not yet used by any case: removed at once.
      const unused = await putPolicy('moph.admin', { categoryCode: 'waste', agencyCode: 'pho-50', targetBusinessDays: 10 });
      expect((await t.request({ method: 'DELETE', url: `/api/v1/sla-policies/${unused.json<Policy>().id}`, as: 'moph.admin' })).statusCode).toBe(204);
      expect((await policies()).some((policy) => policy.id === unused.json<Policy>().id)).toBe(false);
    });

    it('removes a policy that cases already use: new cases fall back to the next one, those received keep their deadline', async () => {
      const inUse = (await policies()).find((policy) => policy.categoryCode === 'noise' && policy.agencyCode === 'moph-complaint');
      const kept = await record('moph.officer', 'noise');
      expect(kept.dueDate).toBe('2026-10-12');
      const remove = await t.request({ method: 'DELETE', url: `/api/v1/sla-policies/${inUse?.id}`, as: 'moph.admin' });
      expect(remove.statusCode, remove.body).toBe(204);
      expect((await policies()).some((policy) => policy.id === inUse?.id)).toBe(false);
      expect((await detail(kept.id)).sla).toMatchObject({ dueDate: '2026-10-12', targetBusinessDays: 25 });
      expect((await record('moph.officer', 'noise')).dueDate).not.toBe('2026-10-12');
    });

    it('ranks a policy for the agency above a policy for the category alone (category+agency > agency > category > default)', async () => {
      expect((await putPolicy('hub.admin', { categoryCode: 'waste', targetBusinessDays: 30 })).statusCode).toBe(200);
      expect((await putPolicy('hub.admin', { agencyCode: 'rtp', targetBusinessDays: 20 })).statusCode).toBe(200);
      const recorded = await record('rtp.officer', 'waste');
      expect([recorded.dueDate, (await detail(recorded.id, 'rtp.officer')).sla.targetBusinessDays]).toEqual(['2026-10-05', 20]);
    });
  });

  describe('POST /api/v1/cases/{id}/actions/extend', () => {
    let limited: Recorded;
    let statutory: Recorded;
    const extend = (as: string | undefined, id: string, body: Record<string, unknown>) => t.request({ method: 'POST', url: `/api/v1/cases/${id}/actions/extend`, as, body });
    const reason = 'ต้องรอผลตรวจสอบจากหน่วยงานภายนอก';

    beforeAll(async () => {
      // 'trees': officers may extend by 5 business days in all; 'canal': a law allows 20 at most.
      expect((await putPolicy('hub.admin', { categoryCode: 'trees', targetBusinessDays: 15, extensionLimitBusinessDays: 5 })).statusCode).toBe(200);
      expect((await putPolicy('hub.admin', { categoryCode: 'canal', targetBusinessDays: 15, statutoryBusinessDays: 20, legalBasis: LEGAL_BASIS })).statusCode).toBe(200);
      limited = await caseInProgress('trees');
      statutory = await caseInProgress('canal');
      t.setNow(undefined);
    });

    it('401 without a session', async () => {
      expect((await extend(undefined, limited.id, { businessDays: 3, reason })).statusCode).toBe(401);
    });

    it('400 naming the field, and the case unchanged', async () => {
      t.setNow(bangkok('2026-09-10'));
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ reason }, 'newDueDate'],
        [{ newDueDate: '2026-10-01', businessDays: 3, reason }, 'newDueDate'],
        [{ businessDays: 3 }, 'reason'],
        [{ businessDays: 3, reason: '   ' }, 'reason'],
        [{ businessDays: 0, reason }, 'businessDays'],
        [{ businessDays: 1.5, reason }, 'businessDays'],
        [{ newDueDate: '2026-09-25', reason }, 'newDueDate'], // earlier than the due date
        [{ newDueDate: '2026-09-28', reason }, 'newDueDate'], // the due date itself
        [{ newDueDate: '2026-10-03', reason }, 'newDueDate'], // a Saturday
        [{ newDueDate: '2026-10-13', reason }, 'newDueDate'], // วันนวมินทรมหาราช, a holiday
        [{ newDueDate: '2026-02-30', reason }, 'newDueDate'],
      ];
      for (const [body, field] of cases) {
        const response = await extend('moph.officer', limited.id, body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(fields(response), JSON.stringify(body)).toContain(field);
      }
      const unchanged = await detail(limited.id);
      expect(unchanged.dueDate).toBe('2026-09-28');
      expect(unchanged.timeline.some((event) => event.type === 'extended')).toBe(false);
    });

    it('403 for roles that may not extend, 404 outside the scope, 409 before the case is taken on', async () => {
      t.setNow(bangkok('2026-09-10'));
      for (const user of ['moph.cceo', 'hub.supervisor', 'hub.admin', 'moph.admin']) {
        expect((await extend(user, limited.id, { businessDays: 1, reason })).statusCode, user).toBe(403);
      }
      for (const user of ['rtp.officer', 'pho66.officer']) {
        expect((await extend(user, limited.id, { businessDays: 1, reason })).statusCode, user).toBe(404);
      }
      expect((await extend('moph.officer', UNKNOWN_ID, { businessDays: 1, reason })).statusCode).toBe(404);
      const received = await record('moph.officer', 'road', '2026-09-10');
      expect((await extend('moph.officer', received.id, { businessDays: 1, reason })).statusCode).toBe(409);
    });

    it('moves the due date with a reason the citizen sees; past the limit only a supervisor of the holder', async () => {
      t.setNow(bangkok('2026-09-14'));
      expect((await extend('moph.officer', limited.id, { businessDays: 3, reason })).statusCode).toBe(200);
      let view = await detail(limited.id);
      expect(view.sla).toMatchObject({ dueDate: '2026-10-01', extendedBusinessDays: 3, state: 'on_track' });
      expect(view.sla.explanation).toEqual(['15 วันทำการ นับจากวันที่รับเรื่อง', `ขยายเวลาเนื่องจาก ${reason}`]);
      const event = view.timeline.find((entry) => entry.type === 'extended');
      expect(event).toMatchObject({ visibility: 'public', details: { reason, previousDueDate: '2026-09-28', dueDate: '2026-10-01', businessDays: 3 } });

      let tracking = await publicView(limited);
      expect(tracking.dueDate).toBe('2026-10-01');
      expect(tracking.dueDateBuddhist).toBe('1 ตุลาคม 2569');
      expect(tracking.dueDateExplanation).toContain(`ขยายเวลาเนื่องจาก ${reason}`);
      expect(tracking.timeline.find((entry) => entry.type === 'extended')?.message).toBe(`ขยายระยะเวลาดำเนินการถึงวันที่ 1 ตุลาคม 2569 เนื่องจาก ${reason}`);

      // To a date: 2 more business days makes 5, the limit itself.
      expect((await extend('moph.officer', limited.id, { newDueDate: '2026-10-05', reason: 'รอความเห็นจากกรมที่ดิน' })).statusCode).toBe(200);
      expect((await detail(limited.id)).sla).toMatchObject({ dueDate: '2026-10-05', extendedBusinessDays: 5 });

      const beyond = await extend('moph.officer', limited.id, { businessDays: 1, reason: 'ผู้ร้องขอเลื่อนนัดตรวจพื้นที่' });
      expect(beyond.statusCode).toBe(403);
      expect((await detail(limited.id)).dueDate).toBe('2026-10-05');
      expect((await extend('moph.supervisor', limited.id, { businessDays: 1, reason: 'ผู้ร้องขอเลื่อนนัดตรวจพื้นที่' })).statusCode).toBe(200);
      view = await detail(limited.id);
      expect(view.sla).toMatchObject({ dueDate: '2026-10-06', dueDateBuddhist: '6 ตุลาคม 2569', extendedBusinessDays: 6 });
      tracking = await publicView(limited);
      expect(tracking.dueDateBuddhist).toBe('6 ตุลาคม 2569');
      expect(tracking.dueDateExplanation.slice(1)).toEqual([
        `ขยายเวลาเนื่องจาก ${reason}`,
        'ขยายเวลาเนื่องจาก รอความเห็นจากกรมที่ดิน',
        'ขยายเวลาเนื่องจาก ผู้ร้องขอเลื่อนนัดตรวจพื้นที่',
      ]);
    });

    it('never goes past a statutory deadline, not even for a supervisor', async () => {
      t.setNow(bangkok('2026-09-14'));
      expect((await publicView(statutory)).dueDateExplanation[0]).toBe(`15 วันทำการ นับจากวันที่รับเรื่อง ตาม${LEGAL_BASIS}`);
      // 20 business days from 7 September: 5 October.
      expect((await extend('moph.officer', statutory.id, { businessDays: 5, reason })).statusCode).toBe(200);
      expect((await detail(statutory.id)).dueDate).toBe('2026-10-05');
      const byDays = await extend('moph.supervisor', statutory.id, { businessDays: 1, reason });
      expect(byDays.statusCode).toBe(400);
      expect(fields(byDays)).toEqual(['businessDays']);
      const byDate = await extend('moph.supervisor', statutory.id, { newDueDate: '2026-10-06', reason });
      expect(byDate.statusCode).toBe(400);
      expect(fields(byDate)).toEqual(['newDueDate']);
      expect((await detail(statutory.id)).dueDate).toBe('2026-10-05');
    });
  });

  describe('the clock pauses while awaiting the citizen', () => {
    it('401 and 400 on the ?sla= filter', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/cases?sla=paused' })).statusCode).toBe(401);
      const bad = await t.request({ method: 'GET', url: '/api/v1/cases?sla=late', as: 'moph.officer' });
      expect(bad.statusCode).toBe(400);
      expect(fields(bad)[0]).toMatch(/^query\.sla/);
    });

    it('pauses on request-info and moves the deadline by the business days it stood still when the citizen answers', async () => {
      const paused = await caseInProgress();
      t.setNow(bangkok('2026-09-08'));
      await t.act('moph.officer', paused.id, 'request-info', { message: 'กรุณาส่งภาพถ่ายจุดเกิดเหตุเพิ่มเติม' });
      let view = await detail(paused.id);
      expect(view.status).toBe('awaiting_info');
      expect(view.sla.state).toBe('paused');
      expect(await listIds('sla=paused')).toContain(paused.id);
      expect(await listIds('sla=on_track,due_soon,overdue')).not.toContain(paused.id);
      expect((await publicView(paused)).dueDateExplanation).toContain('ขณะนี้หยุดนับเวลาไว้ระหว่างรอข้อมูลเพิ่มเติมจากผู้ร้อง');
      const leftWhenPaused = view.sla.businessDaysLeft;
      // A sweep leaves a paused case paused, even once its old due date has passed, and the
      // business days left stand still.
      await sweepOn('2026-09-30');
      expect((await detail(paused.id)).sla.state).toBe('paused');
      expect((await detail(paused.id)).sla.businessDaysLeft).toBe(leftWhenPaused);

      // Paused on Tuesday 8 September, answered on Monday 14 September: 4 business days.
      t.setNow(bangkok('2026-09-14'));
      const answer = await t.request({
        method: 'POST',
        url: `/api/v1/public/complaints/${paused.trackingCode}/messages`,
        headers: { 'x-access-key': paused.accessKey },
        body: { message: 'ส่งภาพถ่ายให้ทางอีเมลแล้วค่ะ' },
      });
      expect(answer.statusCode, answer.body).toBe(201);
      view = await detail(paused.id);
      expect(view.status).toBe('in_progress');
      expect(view.sla).toMatchObject({ state: 'on_track', dueDate: '2026-10-02', pausedBusinessDays: 4 });
      expect(view.sla.explanation).toContain('บวก 4 วันทำการที่หยุดนับระหว่างรอข้อมูลเพิ่มเติมจากผู้ร้อง');
      const resumed = view.timeline.filter((event) => event.type === 'sla_resumed');
      expect(resumed).toHaveLength(1);
      expect(resumed[0]).toMatchObject({ visibility: 'public', details: { pausedBusinessDays: 4, previousDueDate: '2026-09-28', dueDate: '2026-10-02' } });
      const [stored] = await t.db().query<{ due_soon_from: string; paused_at: Date | null }>('SELECT due_soon_from, paused_at FROM cases WHERE id = $1', [paused.id]);
      expect(stored).toEqual({ due_soon_from: '2026-09-29', paused_at: null });
      expect(await listIds('sla=paused')).not.toContain(paused.id);

      // Over a weekend: paused on Friday, answered on Monday — one business day more.
      t.setNow(bangkok('2026-09-18'));
      await t.act('moph.officer', paused.id, 'request-info', { message: 'ขอทราบเวลาที่เกิดเหตุ' });
      t.setNow(bangkok('2026-09-21'));
      await t.request({
        method: 'POST',
        url: `/api/v1/public/complaints/${paused.trackingCode}/messages`,
        headers: { 'x-access-key': paused.accessKey },
        body: { message: 'ประมาณสองทุ่มค่ะ' },
      });
      expect((await detail(paused.id)).sla).toMatchObject({ dueDate: '2026-10-05', pausedBusinessDays: 5 });
    });
  });

  describe('SLA states as the clock moves', () => {
    it('401 without a session, 404 for a case outside the scope', async () => {
      const held = await caseInProgress();
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${held.id}` })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: '/api/v1/cases?sla=overdue' })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${held.id}`, as: 'rtp.officer' })).statusCode).toBe(404);
      expect(await listIds('sla=on_track', 'rtp.officer')).not.toContain(held.id);
    });

    it('on track, due soon, overdue — in the detail, the list and its filters, with business days left', async () => {
      const watched = await caseInProgress();
      const days: Array<[string, string, number]> = [
        ['2026-09-22', 'on_track', 4],
        ['2026-09-23', 'due_soon', 3],
        ['2026-09-28', 'due_soon', 0],
        ['2026-09-29', 'overdue', -1],
        ['2026-10-02', 'overdue', -4],
      ];
      for (const [day, state, left] of days) {
        await sweepOn(day);
        const view = await detail(watched.id);
        expect([day, view.slaState, view.sla.state, view.sla.businessDaysLeft]).toEqual([day, state, state, left]);
        expect(await listIds(`sla=${state}`), day).toContain(watched.id);
        for (const other of ['on_track', 'due_soon', 'overdue', 'paused', 'met', 'missed'].filter((name) => name !== state)) {
          expect(await listIds(`sla=${other}`), `${day} ${other}`).not.toContain(watched.id);
        }
      }
      expect((await detail(watched.id)).overdue).toBe(true);
      expect(await listIds('overdue=true')).toContain(watched.id);
    });

    it('met when resolved by the due date, missed when after it — and a sweep keeps them so', async () => {
      const early = await caseInProgress();
      const late = await caseInProgress();
      t.setNow(bangkok('2026-09-28', '16:00'));
      await t.act('moph.officer', early.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
      t.setNow(bangkok('2026-09-29', '09:00'));
      await t.act('moph.officer', late.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
      expect((await detail(early.id)).sla.state).toBe('met');
      expect((await detail(late.id)).sla.state).toBe('missed');
      await sweepOn('2026-10-05');
      expect((await detail(early.id)).sla.state).toBe('met');
      expect((await detail(late.id)).sla.state).toBe('missed');
      expect(await listIds('sla=met')).toContain(early.id);
      expect(await listIds('sla=missed')).toContain(late.id);
    });

    it('stays met when a case resolved in time is closed after the due date', async () => {
      const resolvedInTime = await caseInProgress();
      t.setNow(bangkok('2026-09-25'));
      await t.act('moph.officer', resolvedInTime.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
      t.setNow(bangkok('2026-10-01'));
      await t.act('moph.officer', resolvedInTime.id, 'close', { reason: 'ผู้ร้องแจ้งว่าพอใจผลแล้ว' });
      // The sweep says 'met' (resolved_at counts); the close action must say the same at once.
      expect((await detail(resolvedInTime.id)).sla.state).toBe('met');
      await sweepOn('2026-10-01');
      expect((await detail(resolvedInTime.id)).sla.state).toBe('met');
    });

    it('is due soon again when the citizen reopens a case within the due-soon window', async () => {
      const reopened = await caseInProgress();
      t.setNow(bangkok('2026-09-21'));
      await t.act('moph.officer', reopened.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
      t.setNow(bangkok('2026-09-24'));
      const feedback = await t.request({
        method: 'POST',
        url: `/api/v1/public/complaints/${reopened.trackingCode}/feedback`,
        headers: { 'x-access-key': reopened.accessKey },
        body: { rating: 1, reopen: true, comment: 'ยังซ่อมไม่เสร็จ' },
      });
      expect(feedback.statusCode, feedback.body).toBe(201);
      // 24 September is within 3 business days of the 28th: what slaStateOf and the sweep say.
      expect((await detail(reopened.id)).sla.state).toBe('due_soon');
    });
  });

  // No sweep runs in these tests: the state must be right when it is read, whatever the sweep stored.
  describe('SLA state as it is read, without a sweep', () => {
    const listed = async (query: string, as = 'moph.officer') => {
      const response = await t.request({ method: 'GET', url: `/api/v1/cases?${query}&limit=100`, as });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<CaseList>().items;
    };
    const storedState = async (id: string) => (await t.db().query<{ sla_state: string }>('SELECT sla_state FROM cases WHERE id = $1', [id]))[0]?.sla_state;
    /** The case's state in the list filtered by each state, the list's badge, the detail and the screening queue. */
    const seenAs = async (id: string) => {
      const inFilters: string[] = [];
      for (const state of ['on_track', 'due_soon', 'overdue', 'paused', 'met', 'missed']) if ((await listIds(`sla=${state}`)).includes(id)) inFilters.push(state);
      const badge = (await listed('sort=newest')).find((item) => item.id === id)?.slaState;
      const view = await detail(id);
      return { inFilters, badge, slaState: view.slaState, sla: view.sla.state };
    };

    it('a letter received 15 business days before it is recorded is overdue at once: list, filter, detail and screening queue', async () => {
      // Opened on Monday 5 October; it arrived on Monday 7 September, so it was due on 28 September.
      t.setNow(bangkok('2026-10-05'));
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        as: 'moph.officer',
        body: {
          description: 'หนังสือร้องเรียนว่าถนนในหมู่บ้านเป็นหลุมลึก ส่งทางไปรษณีย์',
          categoryCode: 'road',
          channel: 'post',
          receivedAt: bangkok('2026-09-07').toISOString(),
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const letter = response.json<Recorded>();
      expect(letter.dueDate).toBe('2026-09-28');
      expect(await seenAs(letter.id)).toEqual({ inFilters: ['overdue'], badge: 'overdue', slaState: 'overdue', sla: 'overdue' });
      expect(await listIds('sla=on_track')).not.toContain(letter.id);
      const queue = await t.request({ method: 'GET', url: '/api/v1/screening?limit=100', as: 'moph.supervisor' });
      expect(queue.statusCode, queue.body).toBe(200);
      expect(queue.json<ScreeningPage>().items.find((item) => item.id === letter.id)?.slaState).toBe('overdue');
      // Stored so from the start, for the sweep's timers.
      expect(await storedState(letter.id)).toBe('overdue');
    });

    it('turns due soon and overdue as the clock moves, with the stored state left behind', async () => {
      const watched = await caseInProgress();
      expect(await storedState(watched.id)).toBe('on_track');
      t.setNow(bangkok('2026-09-22'));
      expect(await seenAs(watched.id)).toEqual({ inFilters: ['on_track'], badge: 'on_track', slaState: 'on_track', sla: 'on_track' });
      t.setNow(bangkok('2026-09-23'));
      expect(await seenAs(watched.id)).toEqual({ inFilters: ['due_soon'], badge: 'due_soon', slaState: 'due_soon', sla: 'due_soon' });
      t.setNow(bangkok('2026-09-29', '00:05'));
      expect(await seenAs(watched.id)).toEqual({ inFilters: ['overdue'], badge: 'overdue', slaState: 'overdue', sla: 'overdue' });
      expect(await listIds('sla=on_track,due_soon')).not.toContain(watched.id);
      expect(await listIds('sla=due_soon,overdue')).toContain(watched.id);
      // Nothing swept: the stored column still says what it said at intake.
      expect(await storedState(watched.id)).toBe('on_track');
    });
  });
});
