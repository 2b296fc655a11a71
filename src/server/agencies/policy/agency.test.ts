/**
 * Who may change a holiday calendar, as a matrix of role × where the calendar belongs relative
 * to the user's agency. The expected table is written out, not derived from agency.ts.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/case-model.ts';
import { canManageCalendar } from './agency.ts';

/** The user's agency is moph-complaint: '/hub/moph/mc/'. */
const USER_PATH = '/hub/moph/mc/';

const SCOPES = {
  national: null,
  own: '/hub/moph/mc/',
  below: '/hub/moph/mc/pho66/',
  'two below': '/hub/moph/mc/pho66/dho6604/',
  above: '/hub/moph/',
  root: '/hub/',
  sibling: '/hub/moi/',
  // A path that merely starts with the same characters is another branch.
  'look-alike': '/hub/moph/mc2/',
} as const satisfies Record<string, string | null>;
type ScopeName = keyof typeof SCOPES;

const ALLOWED: Record<Role, readonly ScopeName[]> = {
  intake_officer: [],
  case_officer: [],
  supervisor: [],
  cceo: [],
  agency_admin: ['own', 'below', 'two below'],
  system_admin: ['national', 'own', 'below', 'two below', 'above', 'root', 'sibling', 'look-alike'],
};

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
