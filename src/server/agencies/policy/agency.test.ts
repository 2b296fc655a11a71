/**
 * Who may change a holiday calendar, as a matrix of role × where the calendar belongs relative
 * to the user's agency. The expected table (agency-paths.fixture.ts) is written out, not derived from agency.ts.
 */
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../shared/case-model.ts';
import { administersEveryAgency, canManageCalendar, canManageOpen311Apps, canManagePartners } from './agency.ts';
import { ADMINISTERED as ALLOWED, AGENCY_PATHS as SCOPES, USER_PATH, type AgencyScope as ScopeName } from './agency-paths.fixture.ts';

describe('canManageCalendar', () => {
  it('covers every role', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...ROLES].sort());
  });

  for (const role of ROLES) {
    for (const [scope, agencyPath] of Object.entries(SCOPES) as Array<[ScopeName, string | null]>) {
      const expected = ALLOWED[role].includes(scope);
      it(`${role} ${expected ? 'may' : 'may not'} change the ${scope} calendar`, () => {
        expect(canManageCalendar({ role, agencyPath: USER_PATH }, { agencyPath })).toBe(expected);
      });
    }
  }

  it('lets an agency admin at the root change every local calendar but not the national one', () => {
    const root = { role: 'agency_admin' as const, agencyPath: '/hub/' };
    expect(canManageCalendar(root, { agencyPath: '/hub/moi/dtc66/' })).toBe(true);
    expect(canManageCalendar(root, { agencyPath: null })).toBe(false);
  });
});

describe('administersEveryAgency', () => {
  it('holds for the system administrators only', () => {
    expect(ROLES.filter((role) => administersEveryAgency({ role }))).toEqual(['system_admin']);
  });
});

describe('canManagePartners', () => {
  // Written out, not derived: the registry decides what leaves for other systems.
  const EXPECTED: Record<(typeof ROLES)[number], boolean> = {
    intake_officer: false,
    case_officer: false,
    supervisor: false,
    cceo: false,
    agency_admin: false,
    system_admin: true,
  };

  it('covers every role', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
  });

  for (const role of ROLES) {
    it(`${role} ${EXPECTED[role] ? 'may' : 'may not'} manage partners`, () => {
      expect(canManagePartners({ role })).toBe(EXPECTED[role]);
    });
  }
});

describe('canManageOpen311Apps', () => {
  it('is for system administrators alone: an app files into the whole tree', () => {
    expect(ROLES.filter((role) => canManageOpen311Apps({ role }))).toEqual(['system_admin']);
  });
});
