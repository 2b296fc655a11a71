/**
 * The holiday calendar API: reading it, the rights to change it (national: system admins;
 * local: admins of the agency or above), duplicates, audit, and deadlines following the
 * calendar of the receiving agency — local days included, office hours too.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { Holiday, HolidayList, ErrorBody, Receipt } from '../src/shared/api/index.ts';

/** What a staff intake answers. */

/** The fields named in an error, each once. */
const fields = (response: LightMyRequestResponse): string[] => [
  ...new Set((response.json() as ErrorBody).error.details.map((detail) => detail.field ?? '')),
];

async function calendar(t: TestApp, query: string, as = 'pho50.officer'): Promise<Holiday[]> {
  const response = await t.request({ method: 'GET', url: `/api/v1/holidays?${query}`, as });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as HolidayList).items;
}

async function auditOf(t: TestApp, holidayId: string): Promise<Array<{ action: string; actor_label: string; details: Record<string, unknown> }>> {
  return t.db().query('SELECT action, actor_label, details FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq', ['holiday', holidayId]);
}

describeEachApp('holiday calendar', (t) => {
  const add = (body: Record<string, unknown>, as?: string) => t.request({ method: 'POST', url: '/api/v1/holidays', as, body });
  const remove = (id: string, as?: string) => t.request({ method: 'DELETE', url: `/api/v1/holidays/${id}`, as });

  describe('GET /api/v1/holidays', () => {
    it('answers 401 without sign-in', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/holidays?year=2026' })).statusCode).toBe(401);
    });

    it('answers 400 naming the field for a bad year or an unknown parameter', async () => {
      for (const year of ['abc', '1800', '2026.5']) {
        const response = await t.request({ method: 'GET', url: `/api/v1/holidays?year=${year}`, as: 'hub.intake' });
        expect(response.statusCode, year).toBe(400);
        expect(fields(response)).toEqual(['query.year']);
      }
      const unknown = await t.request({ method: 'GET', url: '/api/v1/holidays?month=6', as: 'hub.intake' });
      expect(unknown.statusCode).toBe(400);
      expect(fields(unknown)).toEqual(['query.month']);
    });

    it('answers 404 for an unknown agency', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/holidays?year=2026&agencyCode=no-such-agency', as: 'hub.intake' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    });

    it('gives any signed-in user the seeded national calendar, with the Visakha Bucha substitution day 2026-06-01', async () => {
      const days = await calendar(t, 'year=2026', 'rtp.officer');
      const byDate = new Map(days.map((day) => [day.date, day]));
      expect(byDate.get('2026-05-31')?.name).toBe('วันวิสาขบูชา');
      expect(byDate.get('2026-06-01')).toMatchObject({ name: 'ชดเชยวันวิสาขบูชา', agencyCode: null });
      expect(byDate.has('2026-01-01')).toBe(true);
      expect(days.every((day) => day.date.startsWith('2026-') && day.agencyCode === null)).toBe(true);
      expect(days.map((day) => day.date)).toEqual([...days.map((day) => day.date)].sort());
      // An empty agencyCode is the national calendar too.
      expect(await calendar(t, 'year=2026&agencyCode=')).toEqual(days);
    });

    it('defaults to the current year in Bangkok', async () => {
      // 1 Jan 2027 00:30 in Bangkok is still 2026 in UTC. The user signs in on that clock
      // (sessions expire by it); no other test of this file uses this account.
      t.setNow(new Date('2027-01-01T00:30:00+07:00'));
      try {
        const response = await t.request({ method: 'GET', url: '/api/v1/holidays', as: 'dtc66.officer' });
        expect(response.statusCode).toBe(200);
        const body = response.json() as HolidayList;
        expect(body).toMatchObject({ year: 2027, agencyCode: null });
        expect(body.items.every((day) => day.date.startsWith('2027-'))).toBe(true);
      } finally {
        t.setNow(undefined);
      }
    });
  });

  describe('POST /api/v1/holidays', () => {
    const localDay = { date: '2026-09-15', name: 'วันหยุดท้องถิ่นจังหวัดพิจิตร', agencyCode: 'pho-66' };

    it('answers 401 without sign-in', async () => {
      expect((await add(localDay)).statusCode).toBe(401);
    });

    it('answers 400 naming the field: a date that does not exist or is malformed, a missing or non-Thai name, an unknown field', async () => {
      for (const date of ['2026-02-30', '2026-6-1', '15/09/2026', '1800-01-01', '']) {
        const response = await add({ ...localDay, date }, 'hub.admin');
        expect(response.statusCode, date).toBe(400);
        expect(fields(response), date).toEqual(['date']);
      }
      const { name: _name, ...withoutName } = localDay;
      expect(fields(await add(withoutName, 'hub.admin'))).toEqual(['name']);
      expect(fields(await add({ ...localDay, name: 'Local holiday' }, 'hub.admin'))).toEqual(['name']);
      expect(fields(await add({ ...localDay, name: '   ' }, 'hub.admin'))).toEqual(['name']);
      expect(fields(await add({ ...localDay, kind: 'local' }, 'hub.admin'))).toEqual(['kind']);
    });

    it('answers 403 to anyone but a system admin for a national day', async () => {
      for (const user of ['moph.admin', 'hub.supervisor', 'hub.intake', 'moph.cceo']) {
        const response = await add({ date: '2026-09-16', name: 'วันหยุดพิเศษ' }, user);
        expect(response.statusCode, user).toBe(403);
        expect(response.json().error.code).toBe('forbidden');
      }
    });

    it('answers 403 for a local day to all but admins of that agency or one above it', async () => {
      // Case roles of the agency itself.
      for (const user of ['pho66.officer', 'moph.supervisor', 'moph.cceo']) expect((await add(localDay, user)).statusCode, user).toBe(403);
      // moph.admin administers moph-complaint: not its parent moph, not the Interior ministry's branch.
      for (const agencyCode of ['moph', 'moi', 'dtc-p66', 'hub-1111']) {
        expect((await add({ ...localDay, agencyCode }, 'moph.admin')).statusCode, agencyCode).toBe(403);
      }
      expect(await calendar(t, 'year=2026&agencyCode=dho-6604')).not.toContainEqual(expect.objectContaining({ date: localDay.date }));
    });

    it('answers 404 for an unknown agency', async () => {
      for (const user of ['hub.admin', 'moph.admin']) {
        const response = await add({ ...localDay, agencyCode: 'no-such-agency' }, user);
        expect(response.statusCode, user).toBe(404);
      }
    });

    it('adds a local day for an agency below the admin’s, audited, applying to it and below only', async () => {
      const response = await add(localDay, 'moph.admin');
      expect(response.statusCode, response.body).toBe(201);
      const holiday = response.json() as Holiday;
      expect(holiday).toMatchObject({ date: '2026-09-15', name: localDay.name, agencyCode: 'pho-66' });
      expect(holiday.id).toMatch(/^[0-9a-f-]{36}$/);

      expect(await calendar(t, 'year=2026&agencyCode=pho-66')).toContainEqual(holiday);
      expect(await calendar(t, 'year=2026&agencyCode=dho-6604')).toContainEqual(holiday);
      for (const query of ['year=2026', 'year=2026&agencyCode=pho-50', 'year=2026&agencyCode=moph-complaint', 'year=2027&agencyCode=dho-6604']) {
        expect(await calendar(t, query), query).not.toContainEqual(expect.objectContaining({ id: holiday.id }));
      }

      const audit = await auditOf(t, holiday.id);
      expect(audit).toEqual([{ action: 'calendar.add', actor_label: 'moph.admin', details: { date: '2026-09-15', name: localDay.name, agencyCode: 'pho-66' } }]);
    });

    it('lets a system admin add a national day, and answers 409 for a day already off', async () => {
      const response = await add({ date: '2026-09-18', name: 'วันหยุดราชการเป็นกรณีพิเศษ' }, 'hub.admin');
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ date: '2026-09-18', agencyCode: null });
      expect(await calendar(t, 'year=2026&agencyCode=pho-50')).toContainEqual(expect.objectContaining({ date: '2026-09-18', agencyCode: null }));

      const duplicates = [
        [{ date: '2026-09-18', name: 'ซ้ำ' }, 'hub.admin'],
        [{ date: '2026-06-01', name: 'ชดเชยวันวิสาขบูชา' }, 'hub.admin'],
        // A local day on a national day adds nothing.
        [{ date: '2026-06-01', name: 'ซ้ำ', agencyCode: 'pho-66' }, 'moph.admin'],
        [{ date: '2026-09-15', name: 'ซ้ำ', agencyCode: 'pho-66' }, 'hub.admin'],
      ] as const;
      for (const [body, user] of duplicates) {
        const duplicate = await add(body, user);
        expect(duplicate.statusCode, JSON.stringify(body)).toBe(409);
        expect(duplicate.json().error.code).toBe('holiday_exists');
        expect(fields(duplicate)).toEqual(['date']);
      }
      // The same date is a separate local day for an agency outside pho-66's subtree.
      expect((await add({ date: '2026-09-15', name: 'วันหยุดท้องถิ่นเชียงใหม่', agencyCode: 'pho-50' }, 'moph.admin')).statusCode).toBe(201);
    });
  });

  describe('DELETE /api/v1/holidays/{id}', () => {
    it('answers 401, 400 for a malformed id, 404 for an unknown one', async () => {
      const [national] = await calendar(t, 'year=2026');
      expect((await remove(national?.id ?? '')).statusCode).toBe(401);
      const malformed = await remove('not-a-uuid', 'hub.admin');
      expect(malformed.statusCode).toBe(400);
      expect(fields(malformed)).toEqual(['params.id']);
      expect((await remove('00000000-0000-4000-8000-000000000000', 'hub.admin')).statusCode).toBe(404);
    });

    it('answers 403 without the right to that calendar, and removes nothing', async () => {
      const national = (await calendar(t, 'year=2026')).find((day) => day.date === '2026-06-01');
      const local = (await add({ date: '2026-10-02', name: 'วันหยุดท้องถิ่นตะพานหิน', agencyCode: 'dho-6604' }, 'hub.admin')).json() as Holiday;
      expect((await remove(national?.id ?? '', 'moph.admin')).statusCode).toBe(403);
      for (const user of ['taphanhin.officer', 'pho66.officer', 'moph.supervisor']) expect((await remove(local.id, user)).statusCode, user).toBe(403);
      expect(await calendar(t, 'year=2026&agencyCode=dho-6604')).toEqual(expect.arrayContaining([national, local]));
    });

    it('removes a local day for an admin above it, audited; a second removal is 404', async () => {
      const local = (await add({ date: '2026-10-05', name: 'วันหยุดท้องถิ่นตะพานหิน', agencyCode: 'dho-6604' }, 'hub.admin')).json() as Holiday;
      const response = await remove(local.id, 'moph.admin');
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      expect(await calendar(t, 'year=2026&agencyCode=dho-6604')).not.toContainEqual(expect.objectContaining({ id: local.id }));
      expect((await auditOf(t, local.id)).map((record) => [record.action, record.actor_label])).toEqual([
        ['calendar.add', 'hub.admin'],
        ['calendar.remove', 'moph.admin'],
      ]);
      expect((await remove(local.id, 'moph.admin')).statusCode).toBe(404);
    });

    it('lets a system admin remove a national day', async () => {
      const added = (await add({ date: '2026-10-09', name: 'วันหยุดพิเศษ' }, 'hub.admin')).json() as Holiday;
      expect((await remove(added.id, 'hub.admin')).statusCode).toBe(204);
      expect(await calendar(t, 'year=2026')).not.toContainEqual(expect.objectContaining({ id: added.id }));
    });
  });

  describe('deadlines', () => {
    async function dueDateOf(user: string, receivedAt: string): Promise<string> {
      t.setNow(new Date('2026-08-03T20:00:00+07:00'));
      try {
        const response = await t.request({
          method: 'POST',
          url: '/api/v1/cases',
          as: user,
          body: { description: 'ผู้ร้องโทรแจ้งว่าสถานีอนามัยปิดก่อนเวลาราชการ', categoryCode: 'health-service', channel: 'hotline', receivedAt },
        });
        expect(response.statusCode, response.body).toBe(201);
        return (response.json() as Receipt).dueDate;
      } finally {
        t.setNow(undefined);
      }
    }

    it('a local day of pho-66 moves the deadline of a case received by dho-6604 below it, not one received by pho-50', async () => {
      // Monday 3 Aug 2026, 10:00: 15 business days, 12 Aug (Mother's Day) off → Tuesday 25 Aug.
      const monday = '2026-08-03T10:00:00+07:00';
      expect(await dueDateOf('taphanhin.intake', monday)).toBe('2026-08-25');
      expect(await dueDateOf('pho50.officer', monday)).toBe('2026-08-25');

      expect((await add({ date: '2026-08-05', name: 'วันหยุดท้องถิ่นจังหวัดพิจิตร', agencyCode: 'pho-66' }, 'moph.admin')).statusCode).toBe(201);
      expect(await dueDateOf('taphanhin.intake', monday)).toBe('2026-08-26');
      expect(await dueDateOf('pho50.officer', monday)).toBe('2026-08-25');
    });

    it('a complaint received after office hours counts from the next business day', async () => {
      // Monday 17:00 counts as received Tuesday: one business day later than Monday 10:00 (pho-50 has no local day then).
      expect(await dueDateOf('pho50.officer', '2026-08-03T16:29:00+07:00')).toBe('2026-08-25');
      expect(await dueDateOf('pho50.officer', '2026-08-03T17:00:00+07:00')).toBe('2026-08-26');
    });
  });

  it('keeps the audit chain intact through every change', async () => {
    expect(await verifyAuditChain(t.db())).toMatchObject({ ok: true });
  });

  it('documents the calendar endpoints under the admin tag in the OpenAPI document', async () => {
    // The OpenAPI document is generated from the routes, not a response of the contract: only the part read here.
    const document = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    expect(document.paths['/api/v1/holidays']?.get?.tags).toEqual(['admin']);
    expect(document.paths['/api/v1/holidays']?.post?.tags).toEqual(['admin']);
    expect(document.paths['/api/v1/holidays/{id}']?.delete?.tags).toEqual(['admin']);
  });
});
