import { expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import type { z } from 'zod';
import type { AgencyListSchema, CategoryListSchema } from '../src/shared/api/index.ts';

type Agencies = z.output<typeof AgencyListSchema>;
type CategoryList = z.output<typeof CategoryListSchema>;

describeEachApp('agencies and categories', (t) => {
  it('answers 400 naming the field for an unknown parent or a bad limit', async () => {
    const unknown = await t.request({ method: 'GET', url: '/api/v1/agencies?parent=no-such-agency' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('query.parent');
    const limit = await t.request({ method: 'GET', url: '/api/v1/agencies?limit=0' });
    expect(limit.statusCode).toBe(400);
    expect(limit.json().error.details[0].field).toBe('query.limit');
    const within = await t.request({ method: 'GET', url: '/api/v1/agencies?within=no-such-agency' });
    expect(within.json().error.details[0].field).toBe('query.within');
  });

  it('lists the children of an agency, and finds agencies by a Thai name fragment', async () => {
    const children = await t.request({ method: 'GET', url: '/api/v1/agencies?parent=moph-complaint' });
    expect(children.statusCode).toBe(200);
    expect((children.json() as Agencies).items.map((agency) => agency.code)).toEqual(['pho-50', 'pho-66']);
    const byName = await t.request({ method: 'GET', url: `/api/v1/agencies?q=${encodeURIComponent('ตะพานหิน')}` });
    const found = (byName.json() as Agencies).items;
    expect(found.map((agency) => agency.code)).toEqual(['dho-6604']);
    expect(found[0]).toMatchObject({ parentCode: 'pho-66', nameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน', childCount: 0 });
    const none = await t.request({ method: 'GET', url: `/api/v1/agencies?q=${encodeURIComponent('ไม่มีหน่วยงานนี้')}` });
    expect(none.json()).toEqual({ items: [], nextCursor: null });
  });

  it('keeps to a subtree with within (the dashboard picks a child agency among its own)', async () => {
    const subtree = await t.request({ method: 'GET', url: '/api/v1/agencies?within=pho-66' });
    expect((subtree.json() as Agencies).items.map((agency) => agency.code)).toEqual(['dho-6604', 'pho-66']);
    const searched = await t.request({ method: 'GET', url: `/api/v1/agencies?within=moph&q=${encodeURIComponent('พิจิตร')}` });
    expect((searched.json() as Agencies).items.map((agency) => agency.code)).toEqual(['pho-66']);
  });

  it('pages through agencies by code with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json(): unknown } = await t.request({ method: 'GET', url: `/api/v1/agencies?limit=4${cursor ? `&cursor=${cursor}` : ''}` });
      const body = page.json() as Agencies;
      expect(body.items.length).toBeLessThanOrEqual(4);
      seen.push(...body.items.map((agency) => agency.code));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(9);
  });

  it('lists the categories with the sensitive ones marked and their data aliases', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/categories' });
    expect(response.statusCode).toBe(200);
    const items = (response.json() as CategoryList).items;
    const byCode = new Map(items.map((item) => [item.code, item]));
    for (const code of ['road', 'flood', 'waste', 'lighting', 'health-service', 'official-conduct', 'drugs', 'corruption']) expect(byCode.has(code), code).toBe(true);
    expect(byCode.get('drugs')?.sensitive).toBe(true);
    expect(byCode.get('corruption')?.sensitive).toBe(true);
    expect(byCode.get('road')).toMatchObject({ sensitive: false, aliases: ['ถนน'], parentCode: 'infrastructure' });
  });
});
