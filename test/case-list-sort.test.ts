/**
 * GET /api/v1/cases?sort=: newest (the default), oldest, due (earliest due date first), each
 * paged with its own keyset cursor; a cursor of one order is refused by another.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { CaseList as ListPage, ErrorBody } from '../src/shared/api/index.ts';

type Filed = Awaited<ReturnType<TestApp['fileComplaint']>> & { receivedAt: number; dueDate: string };

const SORTS = ['newest', 'oldest', 'due'] as const;
type Sort = (typeof SORTS)[number];

/** UUIDs compare as PostgreSQL compares them: byte by byte, which is their lowercase text order. */
const byId = (a: Filed, b: Filed) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The order each sort promises, computed here from what the cases were given. */
const EXPECTED: Record<Sort, (a: Filed, b: Filed) => number> = {
  newest: (a, b) => b.receivedAt - a.receivedAt || -byId(a, b),
  oldest: (a, b) => a.receivedAt - b.receivedAt || byId(a, b),
  due: (a, b) => a.dueDate.localeCompare(b.dueDate) || a.receivedAt - b.receivedAt || byId(a, b),
};

describeEachApp('case list sort', (t) => {
  const filed: Filed[] = [];

  async function list(query: string): Promise<ListPage> {
    const response = await t.request({ method: 'GET', url: `/api/v1/cases?q=qzsorting&${query}`, as: 'hub.supervisor' });
    expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
    return response.json<ListPage>();
  }

  async function allPages(query: string, limit: number): Promise<ListPage[]> {
    const pages: ListPage[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 20);
    return pages;
  }

  beforeAll(async () => {
    await t.tokenFor('hub.supervisor');
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 86_400_000;
    // Minutes after `base` and the due date each case gets: ties in both, and a due order
    // unlike the order received, so every sort is told apart from the others.
    const plan: Array<[minutes: number, due: string]> = [
      [0, '2099-03-10'],
      [5, '2099-03-01'],
      [5, '2099-03-05'],
      [5, '2099-03-01'],
      [9, '2099-03-20'],
      [12, '2099-03-05'],
      [12, '2099-03-01'],
      [30, '2099-02-27'],
    ];
    for (const [index, [minutes, due]] of plan.entries()) {
      const instant = new Date(base + minutes * 60_000);
      t.setNow(instant);
      try {
        const receipt = await t.fileComplaint({ description: `ไฟถนนดับทั้งซอยจุดที่ ${index + 1} qzsorting` });
        filed.push({ ...receipt, receivedAt: instant.getTime(), dueDate: due });
      } finally {
        t.setNow(undefined);
      }
    }
    // An officer's extension could set these; the order is what is tested here, so the dates are set directly.
    for (const item of filed) await t.db().query('UPDATE cases SET due_date = $1::date WHERE id = $2::uuid', [item.dueDate, item.id]);
  });

  describe('GET /api/v1/cases?sort=', () => {
    it('answers 400 naming query.sort for an unknown order', async () => {
      for (const sort of ['bogus', '', 'NEWEST', 'due,newest']) {
        const response = await t.request({ method: 'GET', url: `/api/v1/cases?sort=${encodeURIComponent(sort)}`, as: 'hub.supervisor' });
        expect(response.statusCode, sort).toBe(400);
        const error = response.json<ErrorBody>().error;
        expect(error.code).toBe('validation_failed');
        expect(error.details.map((detail) => detail.field)).toContain('query.sort');
      }
    });

    it.each(SORTS)('lists in the %s order', async (sort) => {
      const { items, nextCursor } = await list(`sort=${sort}&limit=100`);
      expect(nextCursor).toBeNull();
      expect(items.map((item) => item.id)).toEqual([...filed].sort(EXPECTED[sort]).map((item) => item.id));
      if (sort === 'due') {
        const dues = items.map((item) => item.dueDate);
        expect(dues).toEqual([...dues].sort());
      }
    });

    it('lists newest first without a sort', async () => {
      const plain = await list('limit=100');
      const newest = await list('sort=newest&limit=100');
      expect(plain.items.map((item) => item.id)).toEqual(newest.items.map((item) => item.id));
    });

    it.each(SORTS)('pages the %s order with no gaps and no repeats', async (sort) => {
      const whole = (await list(`sort=${sort}&limit=100`)).items.map((item) => item.id);
      for (const limit of [1, 2, 3]) {
        const pages = await allPages(`sort=${sort}`, limit);
        expect(pages.map((page) => page.items.length)).toEqual(Array.from({ length: Math.ceil(filed.length / limit) }, (_, index) => Math.min(limit, filed.length - index * limit)));
        expect(pages.at(-1)?.nextCursor).toBeNull();
        expect(pages.flatMap((page) => page.items.map((item) => item.id)), `limit ${limit}`).toEqual(whole);
      }
    });

    it('refuses a cursor of one order in another with 400 naming query.cursor', async () => {
      for (const from of SORTS) {
        const { nextCursor } = await list(`sort=${from}&limit=2`);
        expect(nextCursor).toEqual(expect.any(String));
        for (const to of SORTS.filter((other) => other !== from)) {
          const response = await t.request({ method: 'GET', url: `/api/v1/cases?q=qzsorting&sort=${to}&limit=2&cursor=${encodeURIComponent(nextCursor ?? '')}`, as: 'hub.supervisor' });
          expect(response.statusCode, `${from} → ${to}`).toBe(400);
          expect(response.json<ErrorBody>().error.details.map((detail) => detail.field)).toEqual(['query.cursor']);
        }
      }
    });

    it('saves a sort with a filter, and refuses a bad one naming it', async () => {
      const saved = await t.request({ method: 'POST', url: '/api/v1/saved-filters', as: 'hub.supervisor', body: { name: 'ครบกำหนดก่อน', query: { sort: 'due', status: 'received,screening' } } });
      expect(saved.statusCode, saved.body).toBe(201);
      const bad = await t.request({ method: 'POST', url: '/api/v1/saved-filters', as: 'hub.supervisor', body: { name: 'ผิด', query: { sort: 'alphabetical' } } });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('sort');
    });
  });
});
