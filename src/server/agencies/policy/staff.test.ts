/**
 * Which work each role does: its pages (sent to the web app with the signed-in user) and the
 * predicates the server enforces. The expected table is written out, not derived from staff.ts.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/case-model.ts';
import { canAdminister, canRecordIntake, canScreenCases, canViewCases, canViewDashboard, canWorkOnReports, pagesOf } from './staff.ts';

/** Each role's pages: its first page (where it lands), then the others in menu order. */
const PAGES: Record<Role, string[]> = {
  intake_officer: ['screening', 'inbox', 'intake', 'reports'],
  case_officer: ['inbox', 'intake', 'reports'],
  supervisor: ['inbox', 'screening', 'intake', 'dashboard', 'reports'],
  cceo: ['dashboard', 'inbox', 'reports'],
  agency_admin: ['admin'],
  system_admin: ['admin'],
};

describe('pagesOf', () => {
  it('covers every role', () => {
    expect(Object.keys(PAGES).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES)('gives %s its pages, its first page first', (role) => {
    expect(pagesOf({ role })).toEqual(PAGES[role]);
  });
});

describe('the work of each role', () => {
  it.each<[Role, boolean, boolean, boolean, boolean]>([
    // role, views cases, screens, records intake, administers
    ['intake_officer', true, true, true, false],
    ['case_officer', true, false, true, false],
    ['supervisor', true, true, true, false],
    ['cceo', true, false, false, false],
    ['agency_admin', false, false, false, true],
    ['system_admin', false, false, false, true],
  ])('%s: canViewCases %s, canScreenCases %s, canRecordIntake %s, canAdminister %s', (role, cases, screening, intake, admin) => {
    expect(canViewCases({ role })).toBe(cases);
    expect(canScreenCases({ role })).toBe(screening);
    expect(canRecordIntake({ role })).toBe(intake);
    expect(canAdminister({ role })).toBe(admin);
  });

  it.each(ROLES)('offers %s exactly the pages whose work the server lets it do', (role) => {
    const pages = pagesOf({ role });
    expect(pages.includes('inbox')).toBe(canViewCases({ role }));
    expect(pages.includes('screening')).toBe(canScreenCases({ role }));
    expect(pages.includes('intake')).toBe(canRecordIntake({ role }));
    expect(pages.includes('admin')).toBe(canAdminister({ role }));
    expect(pages.includes('dashboard')).toBe(canViewDashboard({ role }));
    expect(pages.includes('reports')).toBe(canWorkOnReports({ role }));
  });
});
