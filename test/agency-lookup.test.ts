/** GET /api/v1/agencies/:code — one agency with its branch, the root first (the admin tree's start). */
import { expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';

describeEachApp('agency lookup by code', (t) => {
  it('answers 400 naming params.code for a malformed code', async () => {
    for (const code of ['bad%20code', 'x'.repeat(65), '%E0%B8%81']) {
      const response = await t.request({ method: 'GET', url: `/api/v1/agencies/${code}` });
      expect(response.statusCode, code).toBe(400);
      expect(response.json().error.details[0].field).toBe('params.code');
    }
  });

  it('answers 404 for a code no agency has', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/agencies/no-such-agency' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('returns the agency as the list shows it, with its ancestors root first', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/agencies/dho-6604' });
    expect(response.statusCode).toBe(200);
    const listed = await t.request({ method: 'GET', url: '/api/v1/agencies?q=dho-6604' });
    const { ancestors, ...agency } = response.json();
    expect(agency).toEqual(listed.json().items[0]);
    expect(agency).toMatchObject({ code: 'dho-6604', parentCode: 'pho-66', kind: 'district', areaCodes: ['6604'], childCount: 0 });
    expect(ancestors).toEqual([
      { code: 'hub-1111', nameTh: 'ศูนย์บริการประชาชน 1111', nameEn: 'Government Complaint Center 1111' },
      { code: 'moph', nameTh: 'กระทรวงสาธารณสุข', nameEn: 'Ministry of Public Health' },
      { code: 'moph-complaint', nameTh: 'ศูนย์รับเรื่องร้องเรียน สป.สธ.', nameEn: 'MOPH Complaint Center' },
      { code: 'pho-66', nameTh: 'สำนักงานสาธารณสุขจังหวัดพิจิตร', nameEn: 'Phichit PHO' },
    ]);
  });

  it('gives the root no ancestors, and leaves out no column the list has', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/agencies/hub-1111' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ code: 'hub-1111', parentCode: null, childCount: 3, ancestors: [] });
    expect(Object.keys(response.json()).sort()).toEqual(['active', 'ancestors', 'areaCodes', 'childCount', 'code', 'kind', 'nameEn', 'nameTh', 'parentCode']);
  });
});
