import { expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';

// PDPA data minimisation: administrators manage agencies and users, not complaints.
describeEachApp('administrators and cases', (t) => {
  it('gives agency and system administrators no case list, no case and no identity (403)', async () => {
    const filed = await t.fileComplaint({ complainant: { phone: '0811112222' } });
    await t.act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' });
    for (const admin of ['hub.admin', 'moph.admin']) {
      const list = await t.request({ method: 'GET', url: '/api/v1/cases', as: admin });
      expect(list.statusCode, admin).toBe(403);
      expect(list.json().error.code).toBe('forbidden');
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${filed.id}`, as: admin })).statusCode, admin).toBe(403);
      expect((await t.request({ method: 'POST', url: `/api/v1/cases/${filed.id}/identity`, as: admin })).statusCode, admin).toBe(403);
    }
    // The CCEO above the holder does see it.
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${filed.id}`, as: 'moph.cceo' })).statusCode).toBe(200);
  });
});
