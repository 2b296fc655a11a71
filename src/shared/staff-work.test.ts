import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './case-model.ts';
import { canAdminister, canRecordIntake, canScreenCases, canViewCases, homePageOf, pagesOf } from './staff-work.ts';

describe('pages by role', () => {
  it('sends each role to its own first page', () => {
    const homes = Object.fromEntries(ROLES.map((role) => [role, homePageOf({ role })]));
    expect(homes).toEqual({
      intake_officer: 'screening',
      case_officer: 'inbox',
      supervisor: 'inbox',
      cceo: 'inbox',
      agency_admin: 'admin',
      system_admin: 'admin',
    });
  });

  it('lists the pages in menu order, the first page among them', () => {
    expect(pagesOf({ role: 'intake_officer' })).toEqual(['inbox', 'screening', 'intake']);
    expect(pagesOf({ role: 'cceo' })).toEqual(['inbox']);
    for (const role of ROLES) expect(pagesOf({ role }), role).toContain(homePageOf({ role }));
  });

  it('gives the predicates the server enforces from the same table', () => {
    const who = (predicate: (actor: { role: Role }) => boolean) => ROLES.filter((role) => predicate({ role }));
    expect(who(canViewCases)).toEqual(['intake_officer', 'case_officer', 'supervisor', 'cceo']);
    expect(who(canScreenCases)).toEqual(['intake_officer', 'supervisor']);
    expect(who(canRecordIntake)).toEqual(['intake_officer', 'case_officer', 'supervisor']);
    expect(who(canAdminister)).toEqual(['agency_admin', 'system_admin']);
  });
});
