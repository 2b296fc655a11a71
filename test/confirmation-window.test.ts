/**
 * ระยะยืนยันผล, the citizen's confirmation window, through the real stack on both engines:
 * after a resolution the citizen has 7 business days (on the holiday calendar) to accept,
 * rate or ask for a reopening; then the application's own worker closes the case as the
 * system. Staff closing earlier must say why. What depends on the clock is right when read,
 * before any job has run.
 *
 * Cases are resolved on Monday 7 September 2026 in Bangkok: the window runs to Wednesday
 * 16 September (no days off in between).
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { closeUnconfirmedCase, sweepConfirmations } from '../src/server/cases/confirmation-jobs.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import { bangkok, useWorkerClock } from './support/worker-clock.ts';
import type { PublicCase as PublicView, CaseDetail as StaffView, ErrorBody } from '../src/shared/api/index.ts';

const USERS = ['hub.intake', 'hub.supervisor', 'moph.officer'];
const RESOLVED_ON = '2026-09-07';
const WINDOW_ENDS = '2026-09-16';

describeEachApp('confirmation window', (t: TestApp) => {
  const { setClock, drain } = useWorkerClock(t, { start: bangkok(RESOLVED_ON), signIn: USERS });

  /** Filed, assigned to the MOPH complaint centre, accepted and resolved there on `day`. */
  async function resolvedCase(day = RESOLVED_ON, overrides: Record<string, unknown> = {}) {
    setClock(bangkok(day, '09:00'));
    const filed = await t.fileComplaint({ complainant: { name: 'สมศรี มีสุข', email: 'somsri@example.com' }, ...overrides });
    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' });
    await t.act('moph.officer', filed.id, 'accept');
    setClock(bangkok(day, '10:00'));
    await t.act('moph.officer', filed.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });
    return filed;
  }

  const publicView = async (filed: { trackingCode: string; accessKey: string }): Promise<PublicView> => {
    const response = await t.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': filed.accessKey } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PublicView>();
  };
  const staffView = async (caseId: string, as = 'moph.officer'): Promise<StaffView> => {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<StaffView>();
  };
  const feedback = (filed: { trackingCode: string; accessKey: string }, body: Record<string, unknown>): Promise<LightMyRequestResponse> =>
    t.request({ method: 'POST', url: `/api/v1/public/complaints/${filed.trackingCode}/feedback`, headers: { 'x-access-key': filed.accessKey }, body });
  const close = (caseId: string, body: Record<string, unknown> = {}): Promise<LightMyRequestResponse> =>
    t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/actions/close`, as: 'moph.officer', body });
  const status = async (caseId: string): Promise<string> => {
    const [row] = await t.db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId]);
    return row?.status ?? '';
  };
  const closedEvents = (caseId: string) =>
    t.db().query<{ actor_user_id: string | null; actor_agency_id: string | null; payload: Record<string, unknown> }>(
      "SELECT actor_user_id, actor_agency_id, payload FROM case_events WHERE case_id = $1 AND type = 'closed' ORDER BY seq",
      [caseId],
    );

  it('tells the citizen and staff until when the citizen may answer: 7 business days after the resolution, in the Buddhist era', async () => {
    const filed = await resolvedCase();
    const window = { until: WINDOW_ENDS, untilBuddhist: '16 กันยายน 2569', open: true };
    expect((await publicView(filed)).confirmation).toEqual(window);
    const staff = await staffView(filed.id);
    expect(staff.confirmation).toEqual(window);
    expect(staff.closeRequiresReason).toBe(true);
    expect(staff.permissions).toContain('close');
    // The citizen's e-mail about the result says the same day.
    const [job] = await t.db().query<{ payload: { notice: { kind: string; respondBy?: string } } }>(
      "SELECT payload FROM jobs WHERE type = 'notify.citizen' AND payload->>'caseId' = $1 AND payload->'notice'->>'kind' = 'resolved'",
      [filed.id],
    );
    expect(job?.payload.notice.respondBy).toBe(WINDOW_ENDS);
  });

  it('counts the window on the holiday calendar: a day off inside it moves its end', async () => {
    // Tuesday 13 October 2026 (วันนวมินทรมหาราช) is off: resolved on Wednesday 7 October, the window ends Monday 19 October, not Friday 16.
    const filed = await resolvedCase('2026-10-07');
    expect((await publicView(filed)).confirmation?.until).toBe('2026-10-19');
  });

  it('resolve → the citizen rates within the window, on its last day → closed', async () => {
    const filed = await resolvedCase();
    setClock(bangkok(WINDOW_ENDS, '16:00'));
    const response = await feedback(filed, { rating: 5, comment: 'ขอบคุณครับ' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ trackingCode: filed.trackingCode, status: 'closed' });
    const view = await publicView(filed);
    expect(view.status).toBe('closed');
    expect(view.confirmation).toBeNull();
    // The job that comes later finds nothing to do.
    setClock(bangkok('2026-09-17'));
    await drain();
    expect(await closedEvents(filed.id)).toHaveLength(1);
  });

  it('resolve → no answer → after the window the job closes the case as the system, once, event and audit', async () => {
    const filed = await resolvedCase();
    // On the last day the sweep leaves it alone.
    setClock(bangkok(WINDOW_ENDS, '23:00'));
    await drain();
    expect(await status(filed.id)).toBe('resolved');

    // The day after: before any job has run the window reads as ended, and staff may close without a reason.
    setClock(bangkok('2026-09-17', '00:10'));
    expect((await publicView(filed)).confirmation).toEqual({ until: WINDOW_ENDS, untilBuddhist: '16 กันยายน 2569', open: false });
    expect((await staffView(filed.id)).closeRequiresReason).toBe(false);

    await drain();
    expect(await status(filed.id)).toBe('closed');
    const [closed, ...more] = await closedEvents(filed.id);
    expect(more).toEqual([]);
    expect(closed).toMatchObject({ actor_user_id: null, actor_agency_id: null, payload: { by: 'system', confirmationUntil: WINDOW_ENDS } });
    const [audit] = await t.db().query<{ actor_user_id: string | null; actor_label: string; details: Record<string, unknown> }>(
      "SELECT actor_user_id, actor_label, details FROM audit_log WHERE entity_id = $1 AND action = 'case.close'",
      [filed.id],
    );
    expect(audit).toMatchObject({ actor_user_id: null, actor_label: 'system', details: { by: 'system', from: 'resolved', to: 'closed', confirmationUntil: WINDOW_ENDS } });
    const view = await publicView(filed);
    expect(view.timeline.at(-1)).toMatchObject({ type: 'closed', message: expect.stringContaining('ยุติเรื่องโดยอัตโนมัติ') });
    expect((await staffView(filed.id)).timeline.at(-1)).toMatchObject({ type: 'closed', actor: { username: null }, message: expect.stringContaining('16 กันยายน 2569') });

    // Another sweep, and the same job run again: nothing more.
    setClock(bangkok('2026-09-18'));
    expect(await sweepConfirmations(t.ctx())).toBe(0);
    expect(await closeUnconfirmedCase(t.ctx(), filed.id, WINDOW_ENDS)).toBe(false);
    expect(await closedEvents(filed.id)).toHaveLength(1);
  });

  it('staff closing inside the window: 400 naming reason without one (nothing written), closed with one, the reason on both timelines', async () => {
    const filed = await resolvedCase();
    setClock(bangkok('2026-09-10'));
    const events = async () => (await t.db().query('SELECT id FROM case_events WHERE case_id = $1', [filed.id])).length;
    const before = await events();
    for (const body of [{}, { reason: '  ' }]) {
      const refused = await close(filed.id, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      const error = refused.json<ErrorBody>().error;
      expect(error.details.map((detail) => detail.field)).toEqual(['reason']);
    }
    const refused = (await close(filed.id)).json<ErrorBody>().error;
    expect(refused.details[0]?.message).toContain('2026-09-16');
    expect(refused.details[0]?.messageTh).toContain('ก่อนครบกำหนดให้ผู้ร้องยืนยันผล');
    expect(await status(filed.id)).toBe('resolved');
    expect(await events()).toBe(before);

    const reason = 'ผู้ร้องโทรแจ้งว่าพอใจผลแล้ว ไม่ประสงค์ประเมินทางเว็บ';
    const closed = await close(filed.id, { reason });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await status(filed.id)).toBe('closed');
    const staff = await staffView(filed.id);
    expect(staff.timeline.at(-1)).toMatchObject({ type: 'closed', message: reason, actor: { username: 'moph.officer' }, details: { by: 'staff', reason, confirmationUntil: WINDOW_ENDS } });
    expect((await publicView(filed)).timeline.at(-1)).toMatchObject({ type: 'closed', message: reason });
    // Closed, the citizen can no longer answer.
    expect((await feedback(filed, { rating: 3 })).statusCode).toBe(409);
  });

  it('staff close after the window needs no reason, even before the job has run', async () => {
    const filed = await resolvedCase();
    setClock(bangkok('2026-09-17'));
    const closed = await close(filed.id);
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await closedEvents(filed.id))[0]?.payload).toEqual({ by: 'staff' });
  });

  it('feedback after the window, before any job ran: 409 in Thai and English, accept or reopen alike, nothing written', async () => {
    const filed = await resolvedCase();
    setClock(bangkok('2026-09-17', '08:00'));
    for (const body of [{ rating: 5 }, { rating: 1, comment: 'ยังไม่ได้ซ่อม', reopen: true }]) {
      const response = await feedback(filed, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(409);
      const error = response.json<ErrorBody>().error;
      expect(error.code).toBe('confirmation_window_closed');
      expect(error.message).toContain('ended on 2026-09-16');
      expect(error.messageTh).toContain('พ้นกำหนดยืนยันผล');
      expect(error.messageTh).toContain('2569');
    }
    expect(await status(filed.id)).toBe('resolved');
    expect(await t.db().query('SELECT id FROM case_feedback WHERE case_id = $1', [filed.id])).toEqual([]);
  });

  it('a reopening ends the window, and resolving again starts a new one', async () => {
    const filed = await resolvedCase();
    setClock(bangkok('2026-09-10'));
    const reopened = await feedback(filed, { rating: 2, comment: 'ยังมีหลุมอีกจุดหนึ่ง', reopen: true });
    expect(reopened.statusCode, reopened.body).toBe(201);
    expect((await publicView(filed)).confirmation).toBeNull();
    expect((await staffView(filed.id)).closeRequiresReason).toBe(false);

    setClock(bangkok('2026-09-14'));
    await t.act('moph.officer', filed.id, 'resolve', { result: 'fixed', message: 'ซ่อมจุดที่เหลือแล้ว' });
    expect((await publicView(filed)).confirmation).toMatchObject({ until: '2026-09-23', open: true });
    // After the first window's end the second is still open: the job of the first does nothing.
    setClock(bangkok('2026-09-18'));
    expect(await closeUnconfirmedCase(t.ctx(), filed.id, WINDOW_ENDS)).toBe(false);
    await drain();
    expect(await status(filed.id)).toBe('resolved');
    expect((await feedback(filed, { rating: 4 })).statusCode).toBe(201);

    // A staff reopening of a closed case, resolved again: a new window from that day.
    await t.act('moph.officer', filed.id, 'reopen', { reason: 'ผู้ร้องแจ้งว่าหลุมกลับมาอีก' });
    setClock(bangkok('2026-09-21'));
    await t.act('moph.officer', filed.id, 'resolve', { result: 'fixed', message: 'ซ่อมใหม่แล้ว' });
    expect((await staffView(filed.id)).confirmation).toMatchObject({ until: '2026-09-30', open: true });
  });

  it('a merged case shows the surviving case’s window, and its complainant is told the day', async () => {
    setClock(bangkok(RESOLVED_ON, '08:00'));
    const duplicate = await t.fileComplaint({ complainant: { email: 'neighbour@example.com' }, description: 'ถนนหน้าบ้านเป็นหลุมใหญ่ รถล้มบ่อย แจ้งซ้ำอีกครั้ง' });
    const lead = await t.fileComplaint({ complainant: { email: 'lead@example.com' } });
    await t.act('hub.intake', lead.id, 'assign', { agencyCode: 'moph-complaint' });
    await t.act('moph.officer', lead.id, 'accept');
    await t.act('hub.supervisor', duplicate.id, 'merge', { intoCaseId: lead.id });
    await t.act('moph.officer', lead.id, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว' });

    const view = await publicView(duplicate);
    expect(view.status).toBe('merged');
    expect(view.confirmation).toBeNull();
    expect(view.survivingCase).toMatchObject({ status: 'resolved', confirmation: { until: WINDOW_ENDS, open: true } });
    // Only the surviving case's complainant answers for it; the merged one's feedback is refused as before.
    expect((await feedback(duplicate, { rating: 5 })).statusCode).toBe(409);
    const notices = await t.db().query<{ payload: { caseId: string; viaCaseId?: string; notice: { kind: string; respondBy?: string } } }>(
      "SELECT payload FROM jobs WHERE type = 'notify.citizen' AND payload->'notice'->>'kind' = 'resolved' AND payload->>'caseId' = ANY($1::text[])",
      [[duplicate.id, lead.id]],
    );
    expect(notices.map((job) => [job.payload.caseId, job.payload.notice.respondBy]).sort()).toEqual([
      [duplicate.id, WINDOW_ENDS],
      [lead.id, WINDOW_ENDS],
    ].sort());

    setClock(bangkok('2026-09-17'));
    await drain();
    expect((await publicView(duplicate)).survivingCase).toMatchObject({ status: 'closed', confirmation: null });
  });
});
