/**
 * GET /api/v1/cases: filters, Thai full-text search, keyset pages and redacted summaries.
 * Cases of one suite share a database, so each test checks the cases it filed (and that
 * every item returned matches the filter) rather than the whole list.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_SEED } from '../src/server/seed/categories.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { CaseList as ListPage, ErrorBody } from '../src/shared/api/index.ts';

type Filed = Awaited<ReturnType<TestApp['fileComplaint']>>;

const USERS = ['hub.intake', 'hub.supervisor', 'moph.officer', 'pho66.officer', 'taphanhin.officer', 'pho50.officer', 'rtp.officer'];

/** A national ID with a valid check digit: sum of digit[i] × (13 − i) over the first 12. */
function validNationalId(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return `${first12}${(11 - (sum % 11)) % 10}`;
}

/** Codes of a category and every category below it, from the seed. */
function categorySubtree(code: string): string[] {
  const below = CATEGORY_SEED.filter((category) => category.parentCode === code).flatMap((category) => categorySubtree(category.code));
  return [code, ...below];
}

describeEachApp('case list', (t) => {
  // Sign in at the real time, so tests that pin the clock keep valid sessions.
  beforeAll(async () => {
    for (const user of USERS) await t.tokenFor(user);
  });

  async function list(query: string, as = 'hub.supervisor'): Promise<ListPage> {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases?${query}`, as });
    expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
    return response.json<ListPage>();
  }

  /** The ids among `filed` that the list returns, in the order filed. */
  async function found(query: string, filed: Filed[], as = 'hub.supervisor'): Promise<string[]> {
    const { items } = await list(`${query}&limit=100`, as);
    const returned = new Set(items.map((item) => item.id));
    return filed.filter((item) => returned.has(item.id)).map((item) => item.id);
  }

  async function fileAt(instant: Date, overrides: Record<string, unknown> = {}): Promise<Filed> {
    t.setNow(instant);
    try {
      return await t.fileComplaint(overrides);
    } finally {
      t.setNow(undefined);
    }
  }

  const fieldsOf = (response: LightMyRequestResponse) => response.json<ErrorBody>().error.details.map((detail) => detail.field ?? '');

  describe('GET /api/v1/cases', () => {
    it('answers 401 without sign-in', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/cases' });
      expect(response.statusCode).toBe(401);
    });

    it.each([
      ['status=bogus', 'status'],
      ['status=received,bogus', 'status'],
      ['status=', 'status'],
      ['channel=fax', 'channel'],
      ['provinceCode=6', 'provinceCode'],
      ['overdue=yes', 'overdue'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['from=2026-13-45', 'from'],
      ['to=yesterday', 'to'],
      ['colour=red', ''],
    ])('answers 400 to %s', async (query, field) => {
      const response = await t.request({ method: 'GET', url: `/api/v1/cases?${query}`, as: 'hub.supervisor' });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('validation_failed');
      if (field) expect(fieldsOf(response).join(' ')).toContain(field);
    });

    it('answers 400 naming the field for an unknown agency, a cursor not from a page, from after to, and a q without words', async () => {
      for (const [query, field] of [
        ['agencyCode=no-such-agency', 'agencyCode'],
        ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
        ['from=2026-10-05&to=2026-10-01', 'to'],
        [`q=${encodeURIComponent('!!! ???')}`, 'q'],
      ] as const) {
        const response = await t.request({ method: 'GET', url: `/api/v1/cases?${query}`, as: 'hub.supervisor' });
        expect(response.statusCode, query).toBe(400);
        expect(fieldsOf(response).join(' '), query).toContain(field);
      }
    });

    it('answers { items: [], nextCursor: null } when nothing matches', async () => {
      expect(await list('q=qzxnothingmatchesthis')).toEqual({ items: [], nextCursor: null });
      expect(await list('q=qzxnothingmatchesthis', 'rtp.officer')).toEqual({ items: [], nextCursor: null });
    });

    it('filters by status, a comma-separated list', async () => {
      const received = await t.fileComplaint();
      const screening = await t.fileComplaint();
      await t.act('hub.intake', screening.id, 'screen');
      const assigned = await t.fileComplaint();
      await t.act('hub.intake', assigned.id, 'assign', { agencyCode: 'moph-complaint' });
      const rejected = await t.fileComplaint();
      await t.act('hub.intake', rejected.id, 'reject', { reason: 'ไม่ใช่เรื่องร้องทุกข์' });
      const all = [received, screening, assigned, rejected];

      expect(await found('status=received,screening', all)).toEqual([received.id, screening.id]);
      expect(await found('status=assigned', all)).toEqual([assigned.id]);
      expect(await found('status=rejected,assigned', all)).toEqual([assigned.id, rejected.id]);
      const { items } = await list('status=received,screening&limit=100');
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(['received', 'screening']).toContain(item.status);
    });

    it('filters by category, a parent category including the categories below it', async () => {
      const road = await t.fileComplaint({ categoryCode: 'road' });
      const lighting = await t.fileComplaint({ description: 'เสาไฟข้างทางดับหลายต้นติดต่อกัน', categoryCode: 'lighting' });
      const flood = await t.fileComplaint({ description: 'ระบายน้ำไม่ทันหลังฝนตกหนัก ถนนจมน้ำ', categoryCode: 'flood' });
      const none = await t.fileComplaint({ categoryCode: undefined, description: 'ขอสอบถามขั้นตอนการขอใบอนุญาต' });
      const all = [road, lighting, flood, none];

      expect(await found('categoryCode=infrastructure', all)).toEqual([road.id, lighting.id]);
      expect(await found('categoryCode=road', all)).toEqual([road.id]);
      expect(await found('categoryCode=environment', all)).toEqual([flood.id]);
      const infrastructure = categorySubtree('infrastructure');
      expect(infrastructure).toContain('road');
      for (const item of (await list('categoryCode=infrastructure&limit=100')).items) expect(infrastructure).toContain(item.categoryCode);
    });

    it('filters by holding agency, the agency and every agency below it, within the user’s scope', async () => {
      const atDistrict = await t.fileComplaint();
      await t.act('hub.intake', atDistrict.id, 'assign', { agencyCode: 'dho-6604' });
      const atChiangMai = await t.fileComplaint();
      await t.act('hub.intake', atChiangMai.id, 'assign', { agencyCode: 'pho-50' });
      const atPolice = await t.fileComplaint();
      await t.act('hub.intake', atPolice.id, 'assign', { agencyCode: 'rtp' });
      const atHub = await t.fileComplaint();
      const all = [atDistrict, atChiangMai, atPolice, atHub];

      expect(await found('agencyCode=pho-66', all)).toEqual([atDistrict.id]);
      expect(await found('agencyCode=moph-complaint', all)).toEqual([atDistrict.id, atChiangMai.id]);
      expect(await found('agencyCode=dho-6604', all)).toEqual([atDistrict.id]);
      expect(await found('agencyCode=hub-1111', all)).toEqual(all.map((item) => item.id));
      for (const item of (await list('agencyCode=moph-complaint&limit=100')).items) {
        expect(['moph-complaint', 'pho-66', 'dho-6604', 'pho-50']).toContain(item.holder.code);
      }
      // The filter narrows the scope; it never widens it.
      expect(await found('agencyCode=rtp', all, 'moph.officer')).toEqual([]);
      expect(await found('agencyCode=hub-1111', all, 'moph.officer')).toEqual([atDistrict.id, atChiangMai.id]);
    });

    it('filters by channel', async () => {
      const web = await t.fileComplaint();
      const app = await t.fileComplaint({ channel: 'mobile_app' });
      const phone = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        as: 'hub.intake',
        body: { description: 'ผู้ร้องโทรแจ้งว่ามีการลักลอบทิ้งขยะริมทาง', categoryCode: 'waste', channel: 'hotline' },
      });
      expect(phone.statusCode).toBe(201);
      const hotline = { ...phone.json<Filed>() };
      const all = [web, app, hotline];

      expect(await found('channel=hotline', all)).toEqual([hotline.id]);
      expect(await found('channel=mobile_app', all)).toEqual([app.id]);
      expect(await found('channel=web', all)).toEqual([web.id]);
      for (const item of (await list('channel=hotline&limit=100')).items) expect(item.channel).toBe('hotline');
    });

    it('filters by province', async () => {
      const phichit = await t.fileComplaint({ location: { provinceCode: '66' } });
      const chiangMai = await t.fileComplaint({ location: { provinceCode: '50' } });
      const nowhere = await t.fileComplaint();
      const all = [phichit, chiangMai, nowhere];

      expect(await found('provinceCode=66', all)).toEqual([phichit.id]);
      expect(await found('provinceCode=50', all)).toEqual([chiangMai.id]);
      for (const item of (await list('provinceCode=66&limit=100')).items) expect(item.provinceCode).toBe('66');
    });

    it('filters overdue cases once the clock passes their due date; resolved cases are never overdue', async () => {
      // Noon in Bangkok, 75 days back: far enough for the due date to be over by day 45.
      const start = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 75 * 86_400_000 + 5 * 3600_000);
      const later = new Date(start.getTime() + 45 * 86_400_000);
      const open = await fileAt(start);
      const resolved = await fileAt(start);
      t.setNow(start);
      try {
        await t.act('hub.intake', resolved.id, 'assign', { agencyCode: 'moph-complaint' });
        await t.act('moph.officer', resolved.id, 'accept');
        await t.act('moph.officer', resolved.id, 'resolve', { result: 'fixed', message: 'แก้ไขแล้ว' });
      } finally {
        t.setNow(undefined);
      }
      const fresh = await fileAt(later);
      const all = [open, resolved, fresh];

      t.setNow(start);
      try {
        expect(await found('overdue=true', [open, resolved])).toEqual([]);
        expect(await found('overdue=false', [open, resolved])).toEqual([open.id, resolved.id]);
      } finally {
        t.setNow(undefined);
      }

      t.setNow(later);
      try {
        const { items } = await list('limit=100');
        const openItem = items.find((item) => item.id === open.id);
        expect(String(openItem?.dueDate) < later.toISOString().slice(0, 10)).toBe(true);
        expect(openItem?.overdue).toBe(true);
        expect(items.find((item) => item.id === resolved.id)?.overdue).toBe(false);
        expect(items.find((item) => item.id === fresh.id)?.overdue).toBe(false);

        expect(await found('overdue=true', all)).toEqual([open.id]);
        expect(await found('overdue=false', all)).toEqual([resolved.id, fresh.id]);
        for (const item of (await list('overdue=true&limit=100')).items) expect(item.overdue).toBe(true);
        for (const item of (await list('overdue=false&limit=100')).items) expect(item.overdue).toBe(false);
      } finally {
        t.setNow(undefined);
      }
    });

    it('filters by received date, from and to being whole days in Bangkok', async () => {
      const lateOnFirst = await fileAt(new Date('2026-10-01T16:30:00Z')); // 23:30 on 1 October in Bangkok
      const earlyOnSecond = await fileAt(new Date('2026-10-01T17:30:00Z')); // 00:30 on 2 October in Bangkok
      const third = await fileAt(new Date('2026-10-03T05:00:00Z'));
      const all = [lateOnFirst, earlyOnSecond, third];

      expect(await found('from=2026-10-02&to=2026-10-02', all)).toEqual([earlyOnSecond.id]);
      expect(await found('from=2026-10-01&to=2026-10-01', all)).toEqual([lateOnFirst.id]);
      expect(await found('from=2026-10-02', all)).toEqual([earlyOnSecond.id, third.id]);
      expect(await found('to=2026-10-02', all)).toEqual([lateOnFirst.id, earlyOnSecond.id]);
      expect(await found('from=2026-10-01&to=2026-10-03', all)).toEqual(all.map((item) => item.id));
      expect(await found(`from=${encodeURIComponent('2026-10-01T17:00:00Z')}`, all)).toEqual([earlyOnSecond.id, third.id]);
      for (const item of (await list('from=2026-10-02&to=2026-10-02&limit=100')).items) {
        const ms = new Date(item.receivedAt).getTime();
        expect(ms).toBeGreaterThanOrEqual(Date.parse('2026-10-01T17:00:00Z'));
        expect(ms).toBeLessThan(Date.parse('2026-10-02T17:00:00Z'));
      }
    });

    it('finds cases by Thai words (segmented), wherever they stand in the text, and by tracking code', async () => {
      const flood = await t.fileComplaint({ description: 'น้ำท่วมขังหน้าบ้านมาสามวันแล้ว ไม่มีใครมาสูบน้ำออก', categoryCode: 'flood' });
      const waste = await t.fileComplaint({ description: 'ขยะล้นถังหน้าตลาดส่งกลิ่นเหม็นมาก', categoryCode: 'waste' });
      const lighting = await t.fileComplaint({ description: 'ไฟถนนดับทั้งซอยมืดมากตอนกลางคืน', categoryCode: 'lighting' });
      const all = [flood, waste, lighting];

      const search = (q: string) => list(`q=${encodeURIComponent(q)}&limit=100`);
      expect((await search('น้ำท่วม')).items.map((item) => item.id)).toEqual([flood.id]);
      // A word in the middle of a run of Thai text without spaces.
      expect((await search('ตลาด')).items.map((item) => item.id)).toEqual([waste.id]);
      expect((await search('กลิ่นเหม็น')).items.map((item) => item.id)).toEqual([waste.id]);
      expect(await found(`q=${encodeURIComponent('ไฟถนน')}`, all)).toEqual([lighting.id]);
      // Every word must be there.
      expect(await found(`q=${encodeURIComponent('ขยะ ซอย')}`, all)).toEqual([]);

      expect((await search(waste.trackingCode)).items.map((item) => item.id)).toEqual([waste.id]);
      expect((await search(waste.trackingCode.toLowerCase())).items.map((item) => item.id)).toEqual([waste.id]);
      // Scope applies to search too.
      expect((await list(`q=${encodeURIComponent(waste.trackingCode)}`, 'rtp.officer')).items).toEqual([]);
    });

    it('pages with a keyset cursor: 3, 3, 1, newest first, no duplicates, no gaps', async () => {
      const base = Date.now() - 3 * 86_400_000;
      const filed: Filed[] = [];
      // Three of the seven share one instant, so the cursor must break ties.
      const offsets = [0, 1, 2, 2, 2, 3, 4];
      for (const [index, minutes] of offsets.entries()) {
        filed.push(await fileAt(new Date(base + minutes * 60_000), { description: `ถนนชำรุดจุดที่ ${index + 1} qzpaging` }));
      }

      const pages: ListPage[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`q=qzpaging&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        pages.push(page);
        cursor = page.nextCursor;
      } while (cursor && pages.length < 5);

      expect(pages.map((page) => page.items.length)).toEqual([3, 3, 1]);
      expect(pages[0]?.nextCursor).toEqual(expect.any(String));
      expect(pages[1]?.nextCursor).toEqual(expect.any(String));
      expect(pages[2]?.nextCursor).toBeNull();

      const items = pages.flatMap((page) => page.items);
      const ids = items.map((item) => item.id);
      expect(new Set(ids).size).toBe(7);
      expect([...ids].sort()).toEqual(filed.map((item) => item.id).sort());
      const times = items.map((item) => Date.parse(item.receivedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      // Distinct instants come newest first: the last filed first, the first filed last.
      expect(ids[0]).toBe(filed[6]?.id);
      expect(ids[1]).toBe(filed[5]?.id);
      expect(ids[5]).toBe(filed[1]?.id);
      expect(ids[6]).toBe(filed[0]?.id);

      // Exactly one page's worth: no cursor to an empty page.
      const whole = await list('q=qzpaging&limit=7');
      expect(whole.items).toHaveLength(7);
      expect(whole.nextCursor).toBeNull();
      expect(whole.items.map((item) => item.id)).toEqual(ids);
    });

    it('shows free text redacted: no phone, e-mail or national ID in the list', async () => {
      const nationalId = validNationalId('110370012345');
      const grouped = `${nationalId.slice(0, 1)}-${nationalId.slice(1, 5)}-${nationalId.slice(5, 10)}-${nationalId.slice(10, 12)}-${nationalId.slice(12)}`;
      const filed = await t.fileComplaint({
        title: 'ติดต่อกลับ 089-765-4321',
        description: `ผู้ร้องเลขประจำตัว ${grouped} โทร 081-234-5678 อีเมล somchai.j@example.com แจ้งว่าบ้านเลขที่ 45 หมู่ 3 มีร้านขายยาเถื่อน`,
        categoryCode: 'health-service',
      });
      const response = await t.request({ method: 'GET', url: '/api/v1/cases?limit=100', as: 'hub.supervisor' });
      expect(response.statusCode).toBe(200);
      const item = response.json<ListPage>().items.find((entry) => entry.id === filed.id);
      expect(item).toBeDefined();
      const json = JSON.stringify(item);
      for (const secret of [nationalId, grouped, '081-234-5678', '0812345678', '089-765-4321', 'somchai.j@example.com']) {
        expect(json).not.toContain(secret);
        expect(response.body).not.toContain(secret);
      }
      expect(item?.summary).toContain('[เลขประจำตัวประชาชน]');
      expect(item?.summary).toContain('[หมายเลขโทรศัพท์]');
      expect(item?.summary).toContain('[อีเมล]');
      expect(item?.summary).toContain('บ้านเลขที่ 45 หมู่ 3');
      expect(item?.title).toBe('ติดต่อกลับ [หมายเลขโทรศัพท์]');
    });
  });
});
