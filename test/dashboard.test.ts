/**
 * The executive's dashboard: cases filed and worked through the real commands (hand-overs,
 * a return, pauses, an extension, a reopening, a merge, a rejection), then the dashboard
 * compared with a recount made here from the cases, contacts, ratings and events; `rollups
 * verify` agrees, finds a corrupted counter, and `rebuild` mends it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../src/shared/api/dashboard.ts';
import { AGE_BUCKETS } from '../src/shared/api/dashboard.ts';
import { bangkokDate, businessDaysBetween } from '../src/shared/business-days.ts';
import { OPEN_STATUSES, type CaseStatus } from '../src/shared/case-model.ts';
import { backfillRollups, rebuildRollups, recountRollupsIfNeeded, verifyRollups } from '../src/server/dashboard/rollups.ts';
import { percentileOf } from '../src/server/dashboard/figures.ts';
import { describeEachApp, onBangkokDay, type TestApp } from './support/app.ts';

const USERS = ['hub.intake', 'hub.supervisor', 'moph.officer', 'moph.cceo', 'moph.supervisor', 'taphanhin.officer', 'taphanhin.intake', 'pho50.officer', 'rtp.officer'];


interface Recount {
  cases: number;
  contacts: number;
  byChannel: Record<string, number>;
  byCategory: Record<string, number>;
  byProvince: Record<string, number>;
  byDistrict: Record<string, number>;
  byAgency: Record<string, number>;
  met: number;
  missed: number;
  median: number | null;
  p90: number | null;
  extensions: number;
  pauses: number;
  reopened: number;
  ratings: number[];
  open: number;
  byStatus: Record<string, number>;
  byAge: number[];
  overdue: number;
}

/** The dashboard's drill-down filters, as its query names them. */
interface Filters {
  province?: string | undefined;
  category?: string | undefined;
  channel?: string | undefined;
}

/**
 * The figures counted straight from the tables, for the subtree of `agencyCode` (and the cases of
 * one province, category or channel when the filter names it: a contact counts under the channel
 * it came through), the days from..to and `today`; districts of `districtsOf`.
 */
async function recount(t: TestApp, agencyCode: string, from: string, to: string, today: string, filters: Filters, districtsOf = '10'): Promise<Recount> {
  const db = t.db();
  const inSubtree = await db.query<{
    id: string;
    channel: string;
    category_code: string | null;
    province_code: string | null;
    district_code: string | null;
    status: CaseStatus;
    received_at: Date;
    resolved_at: Date | null;
    due_date: string;
    child_code: string;
  }>(
    // child_code: the agency's child whose subtree holds the case (the agency itself for its own).
    `SELECT c.id, c.channel, c.category_code, c.province_code, c.district_code, c.status, c.received_at, c.resolved_at, c.due_date::text AS due_date,
            COALESCE((SELECT x.code FROM agencies x WHERE x.id::text = NULLIF(split_part(substr(h.path, length(s.path) + 1), '/', 1), '')), s.code) AS child_code
     FROM cases c JOIN agencies h ON h.id = c.holder_agency_id CROSS JOIN (SELECT path, code FROM agencies WHERE code = $1) s
     WHERE h.path LIKE s.path || '%' AND ($2::text IS NULL OR c.province_code = $2) AND ($3::text IS NULL OR c.category_code = $3)`,
    [agencyCode, filters.province ?? null, filters.category ?? null],
  );
  const contacts = await db.query<{ at: Date }>('SELECT at FROM case_contacts WHERE case_id = ANY($1::uuid[]) AND ($2::text IS NULL OR channel = $2)', [
    inSubtree.map((row) => row.id),
    filters.channel ?? null,
  ]);
  // A contact counts under the channel it came through, a case under its own.
  const cases = inSubtree.filter((row) => filters.channel === undefined || row.channel === filters.channel);
  const ids = cases.map((row) => row.id);
  const inPeriod = (instant: Date) => bangkokDate(instant) >= from && bangkokDate(instant) <= to;
  const ratings = await db.query<{ at: Date; rating: number }>('SELECT at, rating FROM case_feedback WHERE case_id = ANY($1::uuid[])', [ids]);
  const events = await db.query<{ at: Date; type: string }>('SELECT at, type FROM case_events WHERE case_id = ANY($1::uuid[])', [ids]);
  const holidays = new Set((await db.query<{ day: string }>('SELECT day::text AS day FROM holidays WHERE agency_id IS NULL')).map((row) => row.day));
  const received = cases.filter((row) => inPeriod(row.received_at));
  const tally = (keys: string[]) => keys.reduce<Record<string, number>>((counts, key) => ({ ...counts, [key]: (counts[key] ?? 0) + 1 }), {});
  const resolved = cases.filter((row) => row.resolved_at && inPeriod(row.resolved_at));
  const days = new Map<number, number>();
  for (const row of resolved) {
    const n = businessDaysBetween(bangkokDate(row.received_at), bangkokDate(row.resolved_at ?? new Date()), holidays);
    days.set(n, (days.get(n) ?? 0) + 1);
  }
  const open = cases.filter((row) => OPEN_STATUSES.includes(row.status));
  const eventsOf = (type: string) => events.filter((event) => event.type === type && inPeriod(event.at)).length;
  return {
    cases: received.length,
    contacts: contacts.filter((row) => inPeriod(row.at)).length,
    byChannel: tally(received.map((row) => row.channel)),
    byCategory: tally(received.map((row) => row.category_code ?? '')),
    byProvince: tally(received.map((row) => row.province_code ?? '')),
    byDistrict: tally(received.flatMap((row) => (row.district_code?.startsWith(districtsOf) ? [row.district_code] : []))),
    byAgency: tally(received.map((row) => row.child_code)),
    met: resolved.filter((row) => bangkokDate(row.resolved_at ?? new Date()) <= row.due_date).length,
    missed: resolved.filter((row) => bangkokDate(row.resolved_at ?? new Date()) > row.due_date).length,
    median: percentileOf(days, 0.5),
    p90: percentileOf(days, 0.9),
    extensions: eventsOf('extended'),
    pauses: eventsOf('info_requested'),
    reopened: eventsOf('reopened'),
    ratings: [1, 2, 3, 4, 5].map((rating) => ratings.filter((row) => row.rating === rating && inPeriod(row.at)).length),
    open: open.length,
    byStatus: tally(open.map((row) => row.status)),
    byAge: AGE_BUCKETS.map((bucket) =>
      open.filter((row) => {
        const age = businessDaysBetween(bangkokDate(row.received_at), today, holidays);
        return age >= bucket.fromDays && (bucket.toDays === null || age <= bucket.toDays);
      }).length,
    ),
    overdue: open.filter((row) => row.status !== 'awaiting_info' && row.due_date < today).length,
  };
}

/** What the dashboard says of the period before, in the shape of the recount's figures of received cases and contacts. */
function previousSummary(dashboard: Dashboard): Pick<Recount, 'cases' | 'contacts' | 'byChannel' | 'byCategory' | 'byProvince' | 'byDistrict' | 'byAgency'> {
  const byKey = (items: Dashboard['received']['byChannel']) => Object.fromEntries(items.filter((item) => item.cases.previous > 0).map((item) => [item.key ?? '', item.cases.previous]));
  const { received } = dashboard;
  return {
    cases: received.cases.previous,
    contacts: received.contacts.previous,
    byChannel: byKey(received.byChannel),
    byCategory: byKey(received.byCategory),
    byProvince: byKey(received.byProvince),
    byDistrict: byKey(received.byDistrict),
    byAgency: byKey(received.byAgency),
  };
}

/** What the dashboard says, in the recount's shape. */
function summary(dashboard: Dashboard): Recount {
  const byKey = (items: Dashboard['received']['byChannel']) => Object.fromEntries(items.filter((item) => item.cases.current > 0).map((item) => [item.key ?? '', item.cases.current]));
  return {
    cases: dashboard.received.cases.current,
    contacts: dashboard.received.contacts.current,
    byChannel: byKey(dashboard.received.byChannel),
    byCategory: byKey(dashboard.received.byCategory),
    byProvince: byKey(dashboard.received.byProvince),
    byDistrict: byKey(dashboard.received.byDistrict),
    byAgency: byKey(dashboard.received.byAgency),
    met: dashboard.sla.met,
    missed: dashboard.sla.missed,
    median: dashboard.sla.medianBusinessDays,
    p90: dashboard.sla.p90BusinessDays,
    extensions: dashboard.extensions,
    pauses: dashboard.pauses,
    reopened: dashboard.satisfaction.reopened,
    ratings: dashboard.satisfaction.distribution,
    open: dashboard.backlog.open,
    byStatus: Object.fromEntries(dashboard.backlog.byStatus.filter((row) => row.count > 0).map((row) => [row.status, row.count])),
    byAge: dashboard.backlog.byAge.map((row) => row.count),
    overdue: dashboard.overdue.count,
  };
}

describeEachApp('executive dashboard', (t) => {
  beforeAll(async () => {
    for (const user of USERS) await t.tokenFor(user);
  });

  const dashboard = (as: string | undefined, query: string) => t.request({ method: 'GET', url: `/api/v1/dashboard?${query}`, ...(as ? { as } : {}) });
  const citizen = (filed: { trackingCode: string; accessKey: string }, what: 'messages' | 'feedback', body: Record<string, unknown>) =>
    t.request({ method: 'POST', url: `/api/v1/public/complaints/${filed.trackingCode}/${what}`, headers: { 'x-access-key': filed.accessKey }, body });
  const on = <T>(day: string, work: () => Promise<T>) => onBangkokDay(t, day, work);

  beforeAll(async () => {
    // Last fiscal year: one case, for the trend.
    await on('2025-09-15', () => t.fileComplaint({ description: 'ไฟทางดับทั้งซอยมาหลายสัปดาห์แล้ว', categoryCode: 'lighting', location: { provinceCode: '66' } }));

    // Handed over twice, paused and answered, extended, resolved, rated and accepted.
    const road = await on('2026-01-05', () => t.fileComplaint({ description: 'ถนนหน้าโรงเรียนเป็นหลุมลึก เด็กล้มบ่อย', location: { provinceCode: '66', districtCode: '6604' } }));
    await on('2026-01-05', async () => {
      await t.act('hub.intake', road.id, 'assign', { agencyCode: 'moph-complaint' });
      await t.act('moph.officer', road.id, 'accept');
      await t.act('moph.officer', road.id, 'forward', { agencyCode: 'dho-6604' });
    });
    await on('2026-01-06', async () => {
      await t.act('taphanhin.officer', road.id, 'accept');
      await t.act('taphanhin.officer', road.id, 'request-info', { message: 'ขอทราบตำแหน่งที่ชัดเจน' });
    });
    await on('2026-01-08', () => citizen(road, 'messages', { message: 'หน้าโรงเรียนบ้านหนองพระ' }));
    // The same road, filed again: merged into the first.
    const again = await on('2026-01-08', () => t.fileComplaint({ description: 'ถนนหน้าโรงเรียนบ้านหนองพระเป็นหลุม', location: { provinceCode: '66' } }));
    await on('2026-01-09', () => t.act('hub.intake', again.id, 'merge', { intoCaseId: road.id }));
    await on('2026-01-12', () => t.act('taphanhin.officer', road.id, 'extend', { businessDays: 5, reason: 'รอผู้รับจ้างซ่อมถนน' }));
    await on('2026-01-20', () => t.act('taphanhin.officer', road.id, 'resolve', { result: 'fixed', message: 'ซ่อมแล้ว' }));
    expect((await on('2026-01-21', () => citizen(road, 'feedback', { rating: 4, reopen: false }))).statusCode).toBe(201);

    // Taken by phone at the district office, resolved late, reopened by the citizen, resolved again.
    const phone = await on('2026-01-07', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        as: 'taphanhin.intake',
        body: { description: 'ผู้ร้องโทรแจ้งว่า รพ.สต. ปิดก่อนเวลา', categoryCode: 'health-service', channel: 'hotline', location: { provinceCode: '66', districtCode: '6601' } },
      });
      expect(response.statusCode).toBe(201);
      const { id, trackingCode, accessKey } = response.json<{ id: string; trackingCode: string; accessKey: string }>();
      return { id, trackingCode, accessKey };
    });
    await on('2026-01-08', () => t.act('taphanhin.officer', phone.id, 'accept'));
    await on('2026-02-16', () => t.act('taphanhin.officer', phone.id, 'resolve', { result: 'explained', message: 'ชี้แจงแล้ว' }));
    expect((await on('2026-02-17', () => citizen(phone, 'feedback', { rating: 2, reopen: true, comment: 'ยังปิดก่อนเวลาอยู่' }))).statusCode).toBe(201);
    await on('2026-02-19', () => t.act('taphanhin.officer', phone.id, 'resolve', { result: 'fixed', message: 'กำชับเจ้าหน้าที่แล้ว' }));

    // Sent to Chiang Mai, returned, rejected at the hub.
    const wrong = await on('2026-02-02', () => t.fileComplaint({ description: 'ทางเท้าแตกหักหน้าตลาด', categoryCode: 'sidewalk', location: { provinceCode: '50' } }));
    await on('2026-02-02', () => t.act('hub.intake', wrong.id, 'assign', { agencyCode: 'pho-50' }));
    await on('2026-02-03', () => t.act('pho50.officer', wrong.id, 'return', { reason: 'ไม่ใช่เรื่องสาธารณสุข' }));
    await on('2026-02-04', () => t.act('hub.intake', wrong.id, 'reject', { reason: 'ไม่ใช่เรื่องร้องทุกข์' }));

    // Left open: overdue by March; one held by Chiang Mai awaiting the citizen; one for the police.
    const late = await on('2026-01-12', () => t.fileComplaint({ description: 'สะพานไม้ผุ เดินข้ามไม่ได้', categoryCode: 'bridge', location: { provinceCode: '66', districtCode: '6604' } }));
    await on('2026-01-12', () => t.act('hub.intake', late.id, 'assign', { agencyCode: 'pho-66' }));
    const waiting = await on('2026-02-23', () => t.fileComplaint({ description: 'น้ำประปาขุ่นมาสามวัน', location: { provinceCode: '50' } }));
    await on('2026-02-23', async () => {
      await t.act('hub.intake', waiting.id, 'assign', { agencyCode: 'pho-50' });
      await t.act('pho50.officer', waiting.id, 'accept');
      await t.act('pho50.officer', waiting.id, 'request-info', { message: 'ขอทราบที่อยู่' });
    });
    const police = await on('2026-02-24', () => t.fileComplaint({ description: 'มีการแข่งรถบนถนนตอนกลางคืน', location: { provinceCode: '66' } }));
    await on('2026-02-24', () => t.act('hub.intake', police.id, 'assign', { agencyCode: 'rtp' }));
  }, 120_000);

  describe('GET /api/v1/dashboard', () => {
    it('answers 401 without sign-in, 400 for a period that is none, 403 to an officer, 404 for an agency outside the subtree', async () => {
      expect((await dashboard(undefined, 'period=fy2569')).statusCode).toBe(401);
      const bad = await dashboard('moph.cceo', 'period=2569&from=2026-01-01');
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { details: Array<{ field: string }> } }>().error.details.map((detail) => detail.field).sort()).toEqual(['query.from', 'query.period']);
      expect((await dashboard('moph.cceo', 'period=custom&from=2026-03-01&to=2026-02-01')).statusCode).toBe(400);
      const empty = await dashboard('moph.cceo', 'period=fy2569&category=');
      expect(empty.statusCode).toBe(400);
      expect(empty.json<{ error: { details: Array<{ field: string }> } }>().error.details.map((detail) => detail.field)).toEqual(['query.category']);
      expect((await dashboard('taphanhin.officer', 'period=fy2569')).statusCode).toBe(403);
      expect((await dashboard('moph.cceo', 'period=fy2569&agency=rtp')).statusCode).toBe(404);
    });

    it.each([
      ['hub.supervisor', 'hub-1111', 'period=fy2569', '2025-10-01', '2026-09-30'],
      ['moph.cceo', 'moph', 'period=fy2569', '2025-10-01', '2026-09-30'],
      ['moph.cceo', 'pho-66', 'period=q2-2569&agency=pho-66', '2026-01-01', '2026-03-31'],
      ['moph.supervisor', 'moph-complaint', 'period=2569-01', '2026-01-01', '2026-01-31'],
      ['hub.supervisor', 'hub-1111', 'period=custom&from=2026-02-01&to=2026-02-28', '2026-02-01', '2026-02-28'],
      // Months whole and cut: days at both edges of whole January, and days only.
      ['hub.supervisor', 'hub-1111', 'period=custom&from=2025-12-15&to=2026-02-17', '2025-12-15', '2026-02-17'],
      ['moph.cceo', 'moph', 'period=custom&from=2026-01-07&to=2026-02-16', '2026-01-07', '2026-02-16'],
      // One province, with its districts.
      ['moph.cceo', 'moph', 'period=fy2569&province=66', '2025-10-01', '2026-09-30'],
      // Drilled down by one category or channel, whole months and cut; by two filters at once.
      ['hub.supervisor', 'hub-1111', 'period=fy2569&category=road', '2025-10-01', '2026-09-30'],
      ['moph.cceo', 'moph', 'period=custom&from=2026-01-07&to=2026-02-16&category=road', '2026-01-07', '2026-02-16'],
      ['hub.supervisor', 'hub-1111', 'period=custom&from=2025-12-15&to=2026-02-17&channel=hotline', '2025-12-15', '2026-02-17'],
      ['hub.supervisor', 'hub-1111', 'period=q2-2569&channel=web', '2026-01-01', '2026-03-31'],
      ['hub.supervisor', 'hub-1111', 'period=custom&from=2026-01-02&to=2026-01-30&province=66', '2026-01-02', '2026-01-30'],
      ['moph.cceo', 'moph', 'period=fy2569&province=66&category=road', '2025-10-01', '2026-09-30'],
    ])('%s over %s (%s) equals a recount from the cases', async (user, agencyCode, query, from, to) => {
      const today = '2026-03-02';
      const response = await on(today, () => dashboard(user, query));
      expect(response.statusCode).toBe(200);
      const answer = response.json<Dashboard>();
      expect(answer.period).toMatchObject({ from, to });
      expect(answer.agency.code).toBe(agencyCode);
      const params = new URLSearchParams(query);
      const filters = { province: params.get('province') ?? undefined, category: params.get('category') ?? undefined, channel: params.get('channel') ?? undefined };
      expect(answer.received.districtsOf).toBe(filters.province ?? '10');
      expect(summary(answer)).toEqual(await recount(t, agencyCode, from, to, today, filters, answer.received.districtsOf));
      const before = await recount(t, agencyCode, answer.period.previousFrom, answer.period.previousTo, today, filters, answer.received.districtsOf);
      expect(previousSummary(answer)).toEqual({
        cases: before.cases,
        contacts: before.contacts,
        byChannel: before.byChannel,
        byCategory: before.byCategory,
        byProvince: before.byProvince,
        byDistrict: before.byDistrict,
        byAgency: before.byAgency,
      });
      expect(answer.overdue.cases.length).toBe(Math.min(answer.overdue.count, 20));
      // The series adds up to the period's figures.
      const sum = (points: Dashboard['received']['series']['current'], field: 'cases' | 'contacts') => points.reduce((total, point) => total + (point[field] ?? 0), 0);
      expect(sum(answer.received.series.current, 'cases')).toBe(answer.received.cases.current);
      expect(sum(answer.received.series.current, 'contacts')).toBe(answer.received.contacts.current);
      expect(sum(answer.received.series.previous, 'cases')).toBe(answer.received.cases.previous);
    });

    it('names the districts of a province and draws a long period by month, a short one by day', async () => {
      const year = (await on('2026-03-02', () => dashboard('moph.cceo', 'period=fy2569&province=66'))).json<Dashboard>();
      expect(year.received.byDistrict.map((item) => [item.key, item.nameTh, item.cases.current])).toEqual([
        ['6604', 'ตะพานหิน', 2],
        ['6601', 'เมืองพิจิตร', 1],
      ]);
      expect(year.received.series.grain).toBe('month');
      expect(year.received.series.current.map((point) => point.slot)).toHaveLength(12);
      expect(year.received.series.current.filter((point) => (point.cases ?? 0) > 0).map((point) => point.slot)).toEqual(['2026-01-01']);
      // Read on 2 March 2026: the months not begun yet have no figure rather than a zero.
      expect(year.received.series.current.filter((point) => point.cases === null).map((point) => point.slot)).toEqual(
        ['2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01'],
      );
      const month = (await on('2026-03-02', () => dashboard('moph.cceo', 'period=2569-01'))).json<Dashboard>();
      expect(month.received.series.grain).toBe('day');
      expect(month.received.series.current.map((point) => point.slot)).toEqual(Array.from({ length: 31 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`));
    });

    it('shows the trend, the child agencies and the drill-down by channel', async () => {
      const answer = (await on('2026-03-02', () => dashboard('hub.supervisor', 'period=fy2569'))).json<Dashboard>();
      expect(answer.received.cases).toEqual({ current: 7, previous: 1 });
      expect(answer.received.byAgency.map((item) => item.key).sort()).toEqual(['hub-1111', 'moph', 'rtp']);
      expect(answer.sla).toMatchObject({ met: 1, missed: 1 });
      expect(answer.satisfaction).toMatchObject({ responses: 2, average: 3, reopened: 1 });
      const hotline = (await on('2026-03-02', () => dashboard('hub.supervisor', 'period=fy2569&channel=hotline'))).json<Dashboard>();
      expect(hotline.received.cases.current).toBe(1);
      expect(hotline.received.byChannel.map((item) => item.key)).toEqual(['hotline']);
    });

    it('exports the same figures as CSV', async () => {
      const response = await on('2026-03-02', () => t.request({ method: 'GET', url: '/api/v1/dashboard.csv?period=fy2569', as: 'moph.cceo' }));
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      const answer = (await on('2026-03-02', () => dashboard('moph.cceo', 'period=fy2569'))).json<Dashboard>();
      const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('section,item,nameTh,current,previous');
      expect(lines).toContain('sla,met,,1,');
      expect(lines.find((line) => line.startsWith('received,cases,'))).toBe(`received,cases,,${answer.received.cases.current},${answer.received.cases.previous}`);
    });
  });

  describe('rongthuk rollups verify | rebuild', () => {
    it('agrees with the cases, finds a corrupted counter, and a rebuild mends it', async () => {
      const ctx = t.ctx();
      expect(await ctx.db.transaction((tx) => verifyRollups(tx))).toEqual([]);
      await t.db().query(`UPDATE dashboard_daily SET count = count + 2 WHERE ctid = (SELECT ctid FROM dashboard_daily WHERE metric = 'received' LIMIT 1)`);
      await t.db().query(`DELETE FROM dashboard_open WHERE ctid = (SELECT ctid FROM dashboard_open WHERE count > 0 LIMIT 1)`);
      await t.db().query(`UPDATE dashboard_scope_monthly SET count = count - 1 WHERE ctid = (SELECT ctid FROM dashboard_scope_monthly WHERE dimension = 'total' LIMIT 1)`);
      await t.db().query(`UPDATE dashboard_scope_open SET count = count + 1 WHERE ctid = (SELECT ctid FROM dashboard_scope_open WHERE filter_dimension = 'channel' LIMIT 1)`);
      const found = await ctx.db.transaction((tx) => verifyRollups(tx));
      expect(found.map((difference) => difference.table).sort()).toEqual(['dashboard_daily', 'dashboard_open', 'dashboard_scope_monthly', 'dashboard_scope_open']);
      expect(found.find((difference) => difference.table === 'dashboard_daily')).toMatchObject({ actual: expect.any(Number) });
      const rebuilt = await ctx.db.transaction((tx) => rebuildRollups(tx));
      expect(rebuilt).toMatchObject({ cases: 8, corrected: 4 });
      expect(await ctx.db.transaction((tx) => verifyRollups(tx))).toEqual([]);
    });

    it('sums the scope counters from the holders\' at the first start after migration 0026, counting no case again', async () => {
      const ctx = t.ctx();
      // As migration 0026 leaves an installation: the per-holder counters kept, the scope ones new and empty.
      for (const table of ['dashboard_scope_daily', 'dashboard_scope_monthly', 'dashboard_scope_open']) await t.db().query(`DELETE FROM ${table}`);
      await t.db().query('UPDATE dashboard_rollup_state SET scopes_derived = false');
      expect((await ctx.db.transaction((tx) => verifyRollups(tx))).map((difference) => difference.table)).toContain('dashboard_scope_open');
      expect(await recountRollupsIfNeeded(ctx.db, false)).toBe(0);
      expect(await ctx.db.transaction((tx) => verifyRollups(tx))).toEqual([]);
      const [state] = await t.db().query<{ scopes_derived: boolean }>('SELECT scopes_derived FROM dashboard_rollup_state');
      expect(state?.scopes_derived).toBe(true);
    });

    it('counts at start the cases of an installation from before the rollups, once', async () => {
      const ctx = t.ctx();
      // As after migration 0018, 0020 or 0021 on an installation with cases: nothing counted.
      for (const table of ['dashboard_case_facts', 'dashboard_daily', 'dashboard_monthly', 'dashboard_scope_daily', 'dashboard_scope_monthly', 'dashboard_open', 'dashboard_scope_open']) {
        await t.db().query(`DELETE FROM ${table}`);
      }
      await t.db().query('UPDATE dashboard_rollup_state SET recount_needed = true');
      expect((await ctx.db.transaction((tx) => verifyRollups(tx))).length).toBeGreaterThan(0);
      // A start counts them, and says so; the next start reads one row and counts nothing.
      expect(await recountRollupsIfNeeded(ctx.db, false)).toBe(8);
      expect(await ctx.db.transaction((tx) => verifyRollups(tx))).toEqual([]);
      expect(await recountRollupsIfNeeded(ctx.db, false)).toBe(0);
      expect(await backfillRollups(ctx.db)).toBe(0);
    });
  });
});
