/**
 * The SLA timers on both engines, driven by the application's own worker on a clock the test
 * moves a day at a time (as the recurring `sla.sweep` would run through those days): the
 * due-soon reminder to the holder's case officers, escalation of an overdue case to the
 * holder's supervisor and later to the CCEO above, the progress reminder — each an event on
 * the case and an in-app notification, once per deadline. And the set-wise recomputation
 * against the pure rule for random cases.
 *
 * Cases are taken in on Monday 7 September 2026 10:00 in Bangkok: due Monday 28 September
 * (15 business days), due soon from Wednesday 23 September, progress update due by
 * Wednesday 16 September (7 business days).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../src/shared/case-model.ts';
import { addCalendarDays, bangkokDate } from '../src/shared/business-days.ts';
import { enqueueJob } from '../src/server/platform/jobs.ts';
import { recomputeSlaStates } from '../src/server/sla/timer-queries.ts';
import { slaStateInSql, slaStateSql } from '../src/server/sla/sla-state-sql.ts';
import { SLA_STATES, slaStateOf, type SlaState } from '../src/server/sla/sla-state.ts';
import { fireTimer, sweepSla } from '../src/server/sla/sweep-jobs.ts';
import { hashPassword } from '../src/server/agencies/passwords.ts';
import { insertAgencies, insertUser } from '../src/server/agencies/queries.ts';
import { describeEachApp, TEST_PASSWORD, type TestApp } from './support/app.ts';
import { bangkok, useWorkerClock } from './support/worker-clock.ts';
import type { Receipt, NotificationList } from '../src/shared/api/index.ts';

/** What a staff intake answers. */

const USERS = ['moph.officer', 'moph.supervisor', 'pho66.officer'];
const UNKNOWN_ID = '5f0c2a8e-1b7d-4c3e-9a6f-2d8e4b1c7a90';

/** Every calendar day from `from` to `to`, both included. */
function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) days.push(day);
  return days;
}

describeEachApp('SLA timers', (t: TestApp) => {
  const { setClock, drain, now: currentClock } = useWorkerClock(t, { start: bangkok('2026-09-07'), signIn: USERS });
  /** The clock moves to each day in turn (10:00), and the worker runs what falls due then. */
  const liveThrough = async (from: string, to = from): Promise<void> => {
    for (const day of daysFrom(from, to)) {
      setClock(bangkok(day));
      await drain();
    }
  };
  /** Taken in by phone at `as`'s agency on 7 September and accepted there. */
  const caseHeldBy = async (as: string): Promise<string> => {
    setClock(bangkok('2026-09-07'));
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/cases',
      as,
      body: { description: 'ไฟส่องสว่างในซอยดับหลายต้น กลางคืนมืดมาก', categoryCode: 'lighting', channel: 'hotline' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json<Receipt>();
    await t.act(as, id, 'accept');
    return id;
  };
  const eventsOf = async (caseId: string, type: string) =>
    t.db().query<{ visibility: string; payload: Record<string, unknown> }>(
      'SELECT visibility, payload FROM case_events WHERE case_id = $1 AND type = $2 ORDER BY seq',
      [caseId, type],
    );
  /** Usernames notified in-app about the case with this kind, one entry per notification. */
  const notified = async (caseId: string, kind: string): Promise<string[]> =>
    (
      await t.db().query<{ username: string }>(
        'SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = $1 AND n.kind = $2 ORDER BY n.created_at, u.username',
        [caseId, kind],
      )
    ).map((row) => row.username);

  describe('timers that no longer apply', () => {
    it('do nothing for an unknown case, a moved deadline or a case that is no longer due; a bad payload is dead at once', async () => {
      expect(await fireTimer(t.ctx(), UNKNOWN_ID, 'due_soon', '2026-09-28')).toBe(false);
      const id = await caseHeldBy('moph.officer');
      setClock(bangkok('2026-09-23'));
      await sweepSla(t.ctx());
      // Fired for another due date than the case has now: stale, ignored.
      expect(await fireTimer(t.ctx(), id, 'due_soon', '2026-09-25')).toBe(false);
      await t.act('moph.officer', id, 'resolve', { result: 'fixed', message: 'เปลี่ยนหลอดไฟแล้ว' });
      // Enqueued by the sweep before the case was resolved: by the time it runs, nothing to remind.
      await drain();
      expect(await eventsOf(id, 'due_soon_reminder')).toEqual([]);
      expect(await notified(id, 'due_soon')).toEqual([]);

      await t.db().transaction((tx) => enqueueJob(tx, { type: 'sla.timer', payload: { caseId: id, kind: 'late', firesFor: '2026-09-28' } }));
      await drain();
      const [dead] = await t.db().query<{ status: string; last_error: string }>("SELECT status, last_error FROM jobs WHERE type = 'sla.timer' AND payload->>'kind' = 'late'");
      expect(dead?.status).toBe('dead');
      expect(dead?.last_error).toContain('kind');
    });
  });

  describe('due-soon reminder', () => {
    it("reminds the holder's case officers once per due date; an extension re-arms it for the new one", async () => {
      const id = await caseHeldBy('moph.officer');
      await liveThrough('2026-09-21', '2026-09-22');
      expect(await eventsOf(id, 'due_soon_reminder')).toEqual([]);

      await liveThrough('2026-09-23');
      expect(await eventsOf(id, 'due_soon_reminder')).toEqual([
        { visibility: 'internal', payload: { dueDate: '2026-09-28', firesFor: '2026-09-28', notified: { agencyCode: 'moph-complaint', roles: ['case_officer'] } } },
      ]);
      // The agency has a supervisor too: with a case officer there, only the officer is reminded.
      expect(await notified(id, 'due_soon')).toEqual(['moph.officer']);

      // Further sweeps, the same day and the next, add nothing.
      await sweepSla(t.ctx());
      await drain();
      await liveThrough('2026-09-24');
      expect(await eventsOf(id, 'due_soon_reminder')).toHaveLength(1);
      expect(await notified(id, 'due_soon')).toEqual(['moph.officer']);

      await t.act('moph.officer', id, 'extend', { businessDays: 5, reason: 'รอช่างไฟฟ้าจากการไฟฟ้าส่วนภูมิภาค' });
      await liveThrough('2026-09-25', '2026-09-29');
      expect(await eventsOf(id, 'due_soon_reminder')).toHaveLength(1);
      // Due 5 October now: due soon from 30 September.
      await liveThrough('2026-09-30');
      expect((await eventsOf(id, 'due_soon_reminder')).map((event) => event.payload.firesFor)).toEqual(['2026-09-28', '2026-10-05']);
      expect(await notified(id, 'due_soon')).toEqual(['moph.officer', 'moph.officer']);
    });
  });

  describe('escalation of overdue cases', () => {
    it("goes to the holder's supervisor the day after the due date, and cceo_escalation_business_days later to the CCEO above", async () => {
      const id = await caseHeldBy('moph.officer');
      await liveThrough('2026-09-23', '2026-09-28');
      expect(await eventsOf(id, 'escalated')).toEqual([]);

      await liveThrough('2026-09-29');
      expect(await eventsOf(id, 'escalated')).toEqual([
        {
          visibility: 'internal',
          payload: { dueDate: '2026-09-28', firesFor: '2026-09-28', level: 'supervisor', agencyCode: 'moph-complaint', notified: { agencyCode: 'moph-complaint', roles: ['supervisor'] } },
        },
      ]);
      expect(await notified(id, 'overdue')).toEqual(['moph.supervisor']);

      // The default policy waits 5 business days at the supervisor: 30 Sep, 1, 2, 5 and 6 October.
      await liveThrough('2026-09-30', '2026-10-05');
      expect(await eventsOf(id, 'escalated')).toHaveLength(1);
      await liveThrough('2026-10-06');
      expect((await eventsOf(id, 'escalated')).map((event) => [event.payload.level, event.payload.agencyCode])).toEqual([
        ['supervisor', 'moph-complaint'],
        ['cceo', 'moph'],
      ]);
      expect(await notified(id, 'escalated')).toEqual(['moph.cceo']);

      await liveThrough('2026-10-07', '2026-10-09');
      expect(await eventsOf(id, 'escalated')).toHaveLength(2);
    });

    it('reaches the nearest supervisor above an office that has none, and the nearest CCEO above, swept on the two days only', async () => {
      // pho-66 has a case officer and no supervisor: the supervisor of moph-complaint above it is told.
      const id = await caseHeldBy('pho66.officer');
      await liveThrough('2026-09-29');
      expect((await eventsOf(id, 'escalated')).map((event) => event.payload.level)).toEqual(['supervisor']);
      expect(await notified(id, 'overdue')).toEqual(['moph.supervisor']);
      await liveThrough('2026-10-06');
      expect((await eventsOf(id, 'escalated')).map((event) => [event.payload.level, event.payload.agencyCode, event.payload.notified])).toEqual([
        ['supervisor', 'moph-complaint', { agencyCode: 'moph-complaint', roles: ['supervisor'], fallback: true }],
        ['cceo', 'moph', { agencyCode: 'moph', roles: ['cceo'] }],
      ]);
      expect(await notified(id, 'escalated')).toEqual(['moph.cceo']);
    });
  });

  describe('progress reminder', () => {
    it('reminds the case officers when no public update was given within the interval; a public update re-arms it', async () => {
      const id = await caseHeldBy('moph.officer');
      await liveThrough('2026-09-14', '2026-09-15');
      expect(await eventsOf(id, 'progress_reminder')).toEqual([]);
      await liveThrough('2026-09-16');
      expect(await eventsOf(id, 'progress_reminder')).toEqual([
        { visibility: 'internal', payload: { dueDate: '2026-09-28', firesFor: '2026-09-16', notified: { agencyCode: 'moph-complaint', roles: ['case_officer'] } } },
      ]);
      expect(await notified(id, 'progress_reminder')).toEqual(['moph.officer']);

      // An internal note is no progress for the citizen; a public reply is.
      await t.act('moph.officer', id, 'note', { message: 'นัดช่างเข้าตรวจสอบสัปดาห์หน้า' });
      await liveThrough('2026-09-17');
      expect(await eventsOf(id, 'progress_reminder')).toHaveLength(1);
      await t.act('moph.officer', id, 'reply', { message: 'เจ้าหน้าที่จะเข้าตรวจสอบภายในสัปดาห์หน้า' });
      // Replied on 17 September: the next update is due by 28 September.
      await liveThrough('2026-09-18', '2026-09-27');
      expect(await eventsOf(id, 'progress_reminder')).toHaveLength(1);
      await liveThrough('2026-09-28');
      expect((await eventsOf(id, 'progress_reminder')).map((event) => event.payload.firesFor)).toEqual(['2026-09-16', '2026-09-28']);
      expect(await notified(id, 'progress_reminder')).toEqual(['moph.officer', 'moph.officer']);
    });
  });

  // Reminders reach the usual readers, or whom notifications/recipients.ts falls back to: never nobody.
  describe('where the usual readers are missing', () => {
    const SUPERVISOR_ONLY = 'hc660401.supervisor';
    beforeAll(async () => {
      const passwordHash = await hashPassword(TEST_PASSWORD);
      await t.db().transaction(async (tx) => {
        // โรงพยาบาลส่งเสริมสุขภาพตำบล under Taphan Hin: one user, its head.
        await insertAgencies(tx, [{ code: 'hc-660401', parentCode: 'dho-6604', kind: 'local', nameTh: 'โรงพยาบาลส่งเสริมสุขภาพตำบลตะพานหิน', nameEn: 'Taphan Hin Health Promoting Hospital', areaCodes: [] }]);
        await insertUser(tx, { username: SUPERVISOR_ONLY, displayName: SUPERVISOR_ONLY, role: 'supervisor', agencyCode: 'hc-660401', passwordHash });
      });
      await t.tokenFor(SUPERVISOR_ONLY);
      await t.tokenFor('moph.supervisor');
    });
    /** The user's in-app notifications about the case, as GET /api/v1/notifications gives them. */
    const inApp = async (as: string, caseId: string) => {
      const response = await t.request({ method: 'GET', url: '/api/v1/notifications?limit=100', as });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<NotificationList>().items.filter((item) => item.caseId === caseId);
    };

    it('an office whose only user is its supervisor: the supervisor gets the due-soon reminder in the app, saying why', async () => {
      const id = await caseHeldBy(SUPERVISOR_ONLY);
      await liveThrough('2026-09-22');
      expect((await inApp(SUPERVISOR_ONLY, id)).map((item) => item.kind)).not.toContain('due_soon');
      await liveThrough('2026-09-23');
      const reminders = (await inApp(SUPERVISOR_ONLY, id)).filter((item) => item.kind === 'due_soon');
      expect(reminders).toEqual([expect.objectContaining({ title: expect.stringContaining('ใกล้ครบกำหนด') })]);
      expect(reminders[0]?.body).toContain('แจ้งถึงท่านแทน เนื่องจากโรงพยาบาลส่งเสริมสุขภาพตำบลตะพานหินไม่มีผู้รับผิดชอบเรื่อง');
      expect((await eventsOf(id, 'due_soon_reminder')).map((event) => event.payload.notified)).toEqual([{ agencyCode: 'hc-660401', roles: ['supervisor'], fallback: true }]);
      // The progress reminder (due 16 September, after the first sweep) reached the supervisor too.
      expect(await notified(id, 'progress_reminder')).toEqual([SUPERVISOR_ONLY]);
    });

    it('an office with a case officer: the officer is reminded, not the supervisor', async () => {
      const id = await caseHeldBy('moph.officer');
      await liveThrough('2026-09-23');
      expect((await inApp('moph.officer', id)).map((item) => item.kind)).toContain('due_soon');
      expect((await inApp('moph.supervisor', id)).map((item) => item.kind)).not.toContain('due_soon');
    });
  });

  describe('once per deadline', () => {
    it('a second sweep enqueues nothing more for a timer that fired', async () => {
      const id = await caseHeldBy('moph.officer');
      setClock(bangkok('2026-09-23'));
      expect((await sweepSla(t.ctx())).timers).toBeGreaterThan(0);
      await drain();
      expect(await eventsOf(id, 'due_soon_reminder')).toHaveLength(1);
      const timerJobs = async () =>
        (await t.db().query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE type = 'sla.timer' AND payload->>'caseId' = $1", [id]))[0]?.n;
      const before = await timerJobs();
      await sweepSla(t.ctx());
      setClock(bangkok('2026-09-23', '15:00'));
      await sweepSla(t.ctx());
      expect(await timerJobs()).toBe(before);
      await drain();
      expect(await eventsOf(id, 'due_soon_reminder')).toHaveLength(1);
    });

    it('a timer run again (a worker died before recording it done) does not fire twice', async () => {
      const id = await caseHeldBy('moph.officer');
      await liveThrough('2026-09-29');
      expect(await eventsOf(id, 'escalated')).toHaveLength(1);
      // Delivery is at least once: the lease of a job whose worker vanished expires and it runs again.
      await t.db().query(
        "UPDATE jobs SET status = 'running', locked_by = 'vanished-worker', locked_at = $2, finished_at = NULL WHERE type = 'sla.timer' AND payload->>'caseId' = $1",
        [id, new Date(currentClock().getTime() - 3_600_000)],
      );
      await drain();
      expect(await eventsOf(id, 'escalated')).toHaveLength(1);
      expect(await notified(id, 'overdue')).toEqual(['moph.supervisor']);
      // The same straight through fireTimer.
      expect(await fireTimer(t.ctx(), id, 'overdue', '2026-09-28')).toBe(false);
      expect(await eventsOf(id, 'escalated')).toHaveLength(1);
    });
  });

  describe('recomputeSlaStates', () => {
    interface RandomCase {
      status: (typeof CASE_STATUSES)[number];
      dueOffset: number;
      dueSoonBefore: number;
      resolvedAt: number | null;
      closedAt: number | null;
      initial: SlaState;
    }
    const BASE = '2026-06-01';
    const BASE_MS = Date.parse(`${BASE}T00:00:00Z`);
    const DAY_MS = 86_400_000;
    // Instants near the due date, often right at Bangkok midnight (17:00 UTC), where a wrong
    // time zone would move the finishing day.
    const instantNear = (dueOffset: number) =>
      fc
        .tuple(fc.integer({ min: -4, max: 4 }), fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.constantFrom(16 * 60 + 59, 17 * 60, 17 * 60 + 1, 0, 1439)))
        .map(([days, minute]) => BASE_MS + (dueOffset + days) * DAY_MS + minute * 60_000);
    const randomCase: fc.Arbitrary<RandomCase> = fc
      .record({ status: fc.constantFrom(...CASE_STATUSES), dueOffset: fc.integer({ min: 0, max: 90 }), dueSoonBefore: fc.integer({ min: -1, max: 8 }), initial: fc.constantFrom(...SLA_STATES) })
      .chain((base) =>
        fc.record({
          status: fc.constant(base.status),
          dueOffset: fc.constant(base.dueOffset),
          dueSoonBefore: fc.constant(base.dueSoonBefore),
          initial: fc.constant(base.initial),
          resolvedAt: fc.option(instantNear(base.dueOffset), { nil: null }),
          closedAt: fc.option(instantNear(base.dueOffset), { nil: null }),
        }),
      );
    let batch = 0;

    /**
     * What lists and the detail compute when read (the expression) and what `?sla=` filters on
     * (a condition per state, and any set of states) say what the sweep stored and slaStateOf says.
     */
    const expectReadTimeStates = async (codes: string[], today: string, expected: Map<string, string>) => {
      const computed = await t.db().query<{ tracking_code: string; state: string }>(
        `SELECT c.tracking_code, ${slaStateSql('c', '$2')} AS state FROM cases c WHERE c.tracking_code = ANY($1::text[])`,
        [codes, today],
      );
      expect(new Map(computed.map((row) => [row.tracking_code, row.state])), today).toEqual(expected);
      const filtered = async (states: SlaState[]) =>
        (
          await t.db().query<{ tracking_code: string }>(
            // ($2 named even where the states need no date: a parameter must appear in the statement.)
            `SELECT c.tracking_code FROM cases c WHERE c.tracking_code = ANY($1::text[]) AND $2::date IS NOT NULL AND ${slaStateInSql('c', '$2', states)}`,
            [codes, today],
          )
        )
          .map((row) => row.tracking_code)
          .sort();
      const having = (states: SlaState[]) => codes.filter((code) => states.includes(expected.get(code) as SlaState)).sort();
      for (const state of SLA_STATES) expect(await filtered([state]), `${state} on ${today}`).toEqual(having([state]));
      for (const states of [[...SLA_STATES], ['on_track', 'due_soon'], ['overdue', 'missed', 'paused'], []] as SlaState[][]) {
        expect(await filtered(states), `${states.join(',')} on ${today}`).toEqual(having(states));
      }
    };

    it('gives every case the state slaStateOf gives it — stored by the sweep, computed when read and filtered on — for a few hundred random cases and days', async () => {
      const [root] = await t.db().query<{ id: string }>("SELECT id FROM agencies WHERE code = 'hub-1111'");
      await fc.assert(
        fc.asyncProperty(fc.array(randomCase, { minLength: 40, maxLength: 80 }), fc.array(fc.integer({ min: -5, max: 100 }), { minLength: 1, maxLength: 3 }), async (cases, todayOffsets) => {
          batch += 1;
          const rows = cases.map((c, index) => ({
            tracking_code: `PROP-${batch}-${index}`,
            status: c.status,
            due_date: addCalendarDays(BASE, c.dueOffset),
            due_soon_from: addCalendarDays(BASE, c.dueOffset - c.dueSoonBefore),
            resolved_at: c.resolvedAt === null ? null : new Date(c.resolvedAt).toISOString(),
            closed_at: c.closedAt === null ? null : new Date(c.closedAt).toISOString(),
            sla_state: c.initial,
          }));
          await t.db().query(
            `INSERT INTO cases (tracking_code, access_key_hash, channel, status, description, receiving_agency_id, holder_agency_id,
               received_at, due_date, due_soon_from, progress_due_on, resolved_at, closed_at, sla_state)
             SELECT r.tracking_code, 'not-a-key', 'web', r.status, 'property test', $2, $2, $3, r.due_date, r.due_soon_from, r.due_date,
               r.resolved_at, r.closed_at, r.sla_state
             FROM jsonb_to_recordset($1::jsonb) AS r(tracking_code text, status text, due_date date, due_soon_from date,
               resolved_at timestamptz, closed_at timestamptz, sla_state text)`,
            [JSON.stringify(rows), root?.id, new Date(BASE_MS)],
          );
          for (const offset of todayOffsets) {
            const today = addCalendarDays(BASE, offset);
            await recomputeSlaStates(t.db(), today);
            const stored = new Map(
              (
                await t.db().query<{ tracking_code: string; sla_state: string }>('SELECT tracking_code, sla_state FROM cases WHERE tracking_code = ANY($1::text[])', [
                  rows.map((row) => row.tracking_code),
                ])
              ).map((row) => [row.tracking_code, row.sla_state]),
            );
            for (const [index, c] of cases.entries()) {
              const finished = c.resolvedAt ?? c.closedAt;
              const expected = slaStateOf(
                { status: c.status, dueDate: addCalendarDays(BASE, c.dueOffset), dueSoonFrom: addCalendarDays(BASE, c.dueOffset - c.dueSoonBefore), finishedOn: finished === null ? null : bangkokDate(new Date(finished)) },
                today,
              );
              expect(stored.get(`PROP-${batch}-${index}`), `${JSON.stringify(c)} on ${today}`).toBe(expected);
            }
            // Only rows whose state differs are written: a second run the same day changes none.
            expect(await recomputeSlaStates(t.db(), today)).toBe(0);
            await expectReadTimeStates(rows.map((row) => row.tracking_code), today, stored);
          }
        }),
        { numRuns: 6, seed: 2569 },
      );
      const [inserted] = await t.db().query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE tracking_code LIKE 'PROP-%'");
      expect(inserted?.n).toBeGreaterThanOrEqual(240);
    });
  });
});
