import { expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import type { CaseList as List } from '../src/shared/api/index.ts';

describeEachApp('finding cases by a complainant (keyed hash)', (t) => {
  it('refuses roles that never see identities, and a malformed number names the field', async () => {
    const cceo = await t.request({ method: 'GET', url: '/api/v1/cases?phone=0812345678', as: 'moph.cceo' });
    expect(cceo.statusCode).toBe(403);
    const bad = await t.request({ method: 'GET', url: '/api/v1/cases?nationalId=1234567890123', as: 'hub.intake' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('query.nationalId');
  });

  it('finds a repeat caller’s cases by phone in any notation, and audits the look-up without the number', async () => {
    const first = await t.fileComplaint({ complainant: { name: 'ทดสอบ ค้นหา', phone: '089-111-2233' } });
    const second = await t.fileComplaint({ complainant: { phone: '+66 89 111 2233' } });
    const other = await t.fileComplaint({ complainant: { phone: '0899999999' } });
    const response = await t.request({ method: 'GET', url: `/api/v1/cases?phone=${encodeURIComponent('0891112233')}`, as: 'hub.intake' });
    expect(response.statusCode).toBe(200);
    const ids = (response.json() as List).items.map((item) => item.id).sort();
    expect(ids).toEqual([first.id, second.id].sort());
    expect(ids).not.toContain(other.id);
    const [audit] = await t.db().query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_log WHERE action = 'cases.search_by_complainant' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit?.details).toMatchObject({ by: ['phone'], found: 2 });
    expect([...(audit?.details.caseIds as string[])].sort()).toEqual([first.id, second.id].sort());
    expect(JSON.stringify(audit?.details)).not.toMatch(/891-?112-?233|0891112233/);
  });

  it('finds by national ID, but a confidential case only for the agency that received it', async () => {
    const nationalId = '1101700203450';
    const confidential = await t.fileComplaint({ complainant: { nationalId }, confidential: true });
    await t.act('hub.intake', confidential.id, 'assign', { agencyCode: 'dho-6604' });
    const byHub = await t.request({ method: 'GET', url: `/api/v1/cases?nationalId=${nationalId}`, as: 'hub.intake' });
    expect((byHub.json() as List).items.map((item) => item.id)).toEqual([confidential.id]);
    const byHolder = await t.request({ method: 'GET', url: `/api/v1/cases?nationalId=${nationalId}`, as: 'taphanhin.officer' });
    expect(byHolder.statusCode).toBe(200);
    expect((byHolder.json() as List).items).toEqual([]);
    // Without the identity filter the holder still has the case in its list.
    const plain = await t.request({ method: 'GET', url: '/api/v1/cases', as: 'taphanhin.officer' });
    expect((plain.json() as List).items.map((item) => item.id)).toContain(confidential.id);
  });

  it('does not find, for an agency above the holder, a case whose identity it may not see', async () => {
    const filed = await t.fileComplaint({ complainant: { phone: '0877777777' } });
    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'dho-6604' });
    expect((await t.request({ method: 'POST', url: `/api/v1/cases/${filed.id}/identity`, as: 'moph.officer' })).statusCode).toBe(403);
    const above = await t.request({ method: 'GET', url: '/api/v1/cases?phone=0877777777', as: 'moph.officer' });
    expect((above.json() as List).items).toEqual([]);
    const holder = await t.request({ method: 'GET', url: '/api/v1/cases?phone=0877777777', as: 'taphanhin.officer' });
    expect((holder.json() as List).items.map((item) => item.id)).toEqual([filed.id]);
  });
});
