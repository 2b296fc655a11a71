/**
 * The police route, inside one system: a police matter goes from the hub to the Office of the
 * Inspector General (สำนักงานจเรตำรวจ), which forwards it to the police of the area — the
 * Metropolitan Police Bureau (กองบัญชาการตำรวจนครบาล) or a provincial region (ตำรวจภูธรภาค) —
 * and follows it there (ติดตามเรื่อง): it reads the case and presses the unit (เร่งรัด), nothing
 * more. The unit's result reaches the Inspector General, the hub and the citizen.
 */
import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { CaseDetail, CaseList, NotificationList, PublicCase } from '../src/shared/api/index.ts';
import { describeEachApp, seedPoliceOffices } from './support/app.ts';
import { bangkok, useWorkerClock } from './support/worker-clock.ts';

describeEachApp('the police route: the hub, the Inspector General, the police of the area', (t) => {
  beforeAll(() => seedPoliceOffices(t.db()));
  const { setClock, drain } = useWorkerClock(t, { start: bangkok('2026-09-07') });
  /** The app's and the worker's clock: the route on a morning, the resolution that afternoon (within a session). */
  let clock = bangkok('2026-09-07');
  beforeEach(() => setClock(clock));

  /** Motorbike racing in Taphan Hin (Phichit: Police Region 6), through the public portal. */
  let phichit: Awaited<ReturnType<typeof t.fileComplaint>>;
  /** Bag snatching in Bangkok (the Metropolitan Police Bureau). */
  let bangkokCase: Awaited<ReturnType<typeof t.fileComplaint>>;

  const detail = async (as: string, id = phichit.id) => {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases/${id}`, as });
    return { statusCode: response.statusCode, body: response.statusCode === 200 ? response.json<CaseDetail>() : undefined };
  };
  const attempt = (as: string, action: string, body: Record<string, unknown> = {}) =>
    t.request({ method: 'POST', url: `/api/v1/cases/${phichit.id}/actions/${action}`, as, body });
  const listed = async (as: string, query = ''): Promise<string[]> => {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases?limit=100${query}`, as });
    expect(response.statusCode).toBe(200);
    return response.json<CaseList>().items.map((item) => item.id);
  };

  beforeAll(async () => {
    setClock(clock);
    phichit = await t.fileComplaint({
      description: 'กลุ่มวัยรุ่นแข่งรถจักรยานยนต์บนถนนสายหลักทุกคืนวันเสาร์ เสียงดังและเคยเกิดอุบัติเหตุแล้ว',
      categoryCode: 'traffic',
      location: { provinceCode: '66', districtCode: '6604' },
      complainant: { name: 'ประสิทธิ์ รักสงบ', phone: '0877778888' },
    });
    bangkokCase = await t.fileComplaint({
      description: 'มีคนขับรถจักรยานยนต์วิ่งราวกระเป๋าในซอยเปลี่ยวตอนค่ำหลายครั้ง ขอให้เพิ่มสายตรวจ',
      categoryCode: 'safety',
      location: { provinceCode: '10' },
    });
  });

  it('the hub sends police matters to the Inspector General, which holds them; the units do not see them yet', async () => {
    for (const filed of [phichit, bangkokCase]) {
      expect((await t.act('hub.intake', filed.id, 'screen')).statusCode).toBe(200);
      expect((await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'rtp-inspector', reason: 'เป็นเรื่องของตำรวจ' })).statusCode).toBe(200);
    }
    expect(await listed('rtpig.officer')).toEqual(expect.arrayContaining([phichit.id, bangkokCase.id]));
    const { body } = await detail('rtpig.officer');
    expect(body?.holder.code).toBe('rtp-inspector');
    expect(body?.permissions).toContain('forward');
    expect(body?.permissions).not.toContain('follow-up');
    for (const user of ['rtpregion6.officer', 'rtpmpb.officer']) expect((await detail(user)).statusCode, user).toBe(404);
  });

  it('the Inspector General forwards each to the police of its area, with a reason; each unit holds only its own', async () => {
    const forwarded = await t.act('rtpig.officer', phichit.id, 'forward', { agencyCode: 'rtp-region-6', reason: 'เหตุเกิดในจังหวัดพิจิตร พื้นที่ตำรวจภูธรภาค 6' });
    expect(forwarded.json()).toMatchObject({ status: 'assigned' });
    expect((await t.act('rtpig.officer', bangkokCase.id, 'forward', { agencyCode: 'rtp-mpb', reason: 'เหตุเกิดในกรุงเทพมหานคร' })).statusCode).toBe(200);

    const { body } = await detail('rtpregion6.officer');
    expect(body?.holder.code).toBe('rtp-region-6');
    expect(body?.timeline.find((event) => event.type === 'forwarded')).toMatchObject({
      message: 'เหตุเกิดในจังหวัดพิจิตร พื้นที่ตำรวจภูธรภาค 6',
      actor: { agencyCode: 'rtp-inspector' },
    });
    expect(await listed('rtpregion6.officer')).toEqual([phichit.id]);
    expect(await listed('rtpmpb.officer')).toEqual([bangkokCase.id]);
    expect((await detail('rtpmpb.officer')).statusCode).toBe(404);
  });

  it('the Inspector General finds both under following, no longer among the cases it holds', async () => {
    for (const user of ['rtpig.officer', 'rtpig.supervisor']) {
      expect((await listed(user, '&following=true')).sort(), user).toEqual([phichit.id, bangkokCase.id].sort());
      expect(await listed(user), user).toEqual([]);
    }
    // The units hold them: their work, not cases they follow.
    expect(await listed('rtpregion6.officer', '&following=true')).toEqual([]);
  });

  it('the Inspector General reads the case without the identity, and may only press the region (403 otherwise)', async () => {
    const { statusCode, body } = await detail('rtpig.officer');
    expect(statusCode).toBe(200);
    expect(body?.status).toBe('assigned');
    expect(body?.complainant).toEqual({ present: true, visible: false });
    expect([...(body?.permissions ?? [])].sort()).toEqual(['follow-up', 'view']);

    const tries: Array<[string, Record<string, unknown>]> = [
      ['accept', {}],
      ['note', { message: 'บันทึก' }],
      ['forward', { agencyCode: 'rtp-mpb', reason: 'ส่งใหม่' }],
      ['return', { reason: 'ไม่ใช่เรื่องของภาค' }],
      ['reply', { message: 'ตอบผู้ร้อง' }],
      ['resolve', { result: 'fixed', message: 'แก้ไขแล้ว' }],
    ];
    for (const [action, body] of tries) expect((await attempt('rtpig.officer', action, body)).statusCode, action).toBe(403);

    expect((await attempt('rtpig.officer', 'follow-up', { message: 'ขอทราบผลการตั้งจุดตรวจภายในสัปดาห์นี้' })).statusCode).toBe(200);
    const pressed = (await detail('rtpregion6.officer')).body?.timeline.find((event) => event.type === 'followed_up');
    expect(pressed).toMatchObject({ visibility: 'internal', message: 'ขอทราบผลการตั้งจุดตรวจภายในสัปดาห์นี้', actor: { agencyCode: 'rtp-inspector' } });
  });

  it('the region accepts and resolves: the Inspector General is told, and the hub reads the result', async () => {
    clock = bangkok('2026-09-07', '15:00');
    setClock(clock);
    expect((await t.act('rtpregion6.officer', phichit.id, 'accept')).statusCode).toBe(200);
    const result = 'สถานีตำรวจภูธรตะพานหินตั้งจุดตรวจคืนวันเสาร์แล้ว ไม่พบการแข่งรถอีก';
    expect((await t.act('rtpregion6.officer', phichit.id, 'resolve', { result: 'fixed', message: result })).statusCode).toBe(200);
    await drain();

    for (const user of ['rtpig.officer', 'rtpig.supervisor']) {
      const response = await t.request({ method: 'GET', url: '/api/v1/notifications', as: user });
      expect(response.statusCode, response.body).toBe(200);
      const notices = response.json<NotificationList>().items.filter((item) => item.caseId === phichit.id);
      expect(notices.map((item) => item.kind), user).toEqual(['following_resolved']);
      expect(notices[0]?.title, user).toContain('เรื่องที่ท่านส่งต่อได้แจ้งผลการดำเนินการแล้ว');
    }
    expect(await listed('rtpig.officer', '&following=true&status=resolved')).toEqual([phichit.id]);

    // The hub holds every agency in its scope: it reads the result in its own list and case.
    expect(await listed('hub.supervisor', '&status=resolved')).toContain(phichit.id);
    const { body } = await detail('hub.supervisor');
    expect(body).toMatchObject({ status: 'resolved', result: 'fixed', holder: { code: 'rtp-region-6' } });
    expect(body?.timeline.find((event) => event.type === 'resolved')).toMatchObject({ message: result, actor: { agencyCode: 'rtp-region-6' } });
  });

  it('the citizen tracks it to the police of the area and reads the result, not what passed between the police', async () => {
    const response = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${phichit.trackingCode}`, headers: { 'x-access-key': phichit.accessKey } });
    expect(response.statusCode).toBe(200);
    const tracked = response.json<PublicCase>();
    expect(tracked).toMatchObject({ status: 'resolved', agency: { code: 'rtp-region-6', name: 'ตำรวจภูธรภาค 6' }, confirmation: { open: true } });
    const entries = tracked.timeline.map((entry) => `${entry.type}: ${entry.message ?? ''}`);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^assigned: ส่งเรื่องให้ สำนักงานจเรตำรวจ/),
        expect.stringMatching(/^forwarded: ส่งเรื่องให้ ตำรวจภูธรภาค 6/),
        'resolved: สถานีตำรวจภูธรตะพานหินตั้งจุดตรวจคืนวันเสาร์แล้ว ไม่พบการแข่งรถอีก',
      ]),
    );
    expect(tracked.timeline.map((entry) => entry.type)).not.toContain('followed_up');
  });
});
