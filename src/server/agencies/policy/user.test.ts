/**
 * Who administers which accounts. The expected tables are written out, not derived from
 * user.ts, so a change to the rules has to change this file too.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/case-model.ts';
import { ADMINISTERED, AGENCY_PATHS, USER_PATH } from './agency-paths.fixture.ts';
import { canAdministerUsersOf, canManageRole, canManageUsers, grantableRoles, selfLockout, userListSubtree, type AccountChanges, type SelfLockout } from './user.ts';


describe('canManageUsers', () => {
  it.each<[Role, boolean]>([
    ['intake_officer', false],
    ['case_officer', false],
    ['supervisor', false],
    ['cceo', false],
    ['agency_admin', true],
    ['system_admin', true],
  ])('%s → %s', (role, expected) => {
    expect(canManageUsers({ role })).toBe(expected);
  });
});

// Every account belongs to an agency: the agencies a role administers are those whose accounts it administers.
describe('canAdministerUsersOf', () => {
  for (const role of ROLES) {
    for (const [scope, agencyPath] of Object.entries(AGENCY_PATHS)) {
      if (agencyPath === null) continue;
      const expected = ADMINISTERED[role].includes(scope as keyof typeof AGENCY_PATHS);
      it(`${role} ${expected ? 'may' : 'may not'} administer the accounts of the ${scope} agency`, () => {
        expect(canAdministerUsersOf({ role, agencyPath: USER_PATH }, agencyPath)).toBe(expected);
      });
    }
  }
});

describe('userListSubtree', () => {
  it('lists every agency for a system administrator, the own subtree for an agency administrator', () => {
    expect(userListSubtree({ role: 'system_admin', agencyPath: USER_PATH })).toBeNull();
    expect(userListSubtree({ role: 'agency_admin', agencyPath: USER_PATH })).toBe(USER_PATH);
  });
});

describe('canManageRole', () => {
  /** The roles each administrator may grant, and whose accounts it may change. */
  const MANAGED: Array<[Role, Role[]]> = [
    ['agency_admin', ['intake_officer', 'case_officer', 'supervisor', 'cceo', 'agency_admin']],
    ['system_admin', ['intake_officer', 'case_officer', 'supervisor', 'cceo', 'agency_admin', 'system_admin']],
  ];

  for (const [actor, managed] of MANAGED) {
    for (const role of ROLES) {
      const expected = managed.includes(role);
      it(`${actor} ${expected ? 'may' : 'may not'} grant ${role} or change an account that has it`, () => {
        expect(canManageRole({ role: actor }, role)).toBe(expected);
      });
    }
  }
});

describe('selfLockout', () => {
  const self = { id: 'u1', role: 'agency_admin' as const };
  const other = { id: 'u2', role: 'agency_admin' as const };

  it.each<[string, AccountChanges, SelfLockout | undefined]>([
    ['deactivating', { active: false }, 'active'],
    ['deactivating and changing the role', { active: false, role: 'case_officer' }, 'active'],
    ['changing the role', { role: 'case_officer' }, 'role'],
    ['keeping the role as it is', { role: 'agency_admin' }, undefined],
    ['activating', { active: true }, undefined],
    ['changing nothing that matters', {}, undefined],
  ])('of one’s own account: %s → %s', (_what, changes, expected) => {
    expect(selfLockout({ id: self.id }, self, changes)).toBe(expected);
  });

  it('never refuses a change of someone else’s account', () => {
    expect(selfLockout({ id: self.id }, other, { active: false, role: 'case_officer' })).toBeUndefined();
  });
});

describe('grantableRoles', () => {
  const AGENCY_ROLES: Role[] = ['intake_officer', 'case_officer', 'supervisor', 'cceo', 'agency_admin'];
  it.each<[Role, Role[]]>([
    ['intake_officer', []],
    ['case_officer', []],
    ['supervisor', []],
    ['cceo', []],
    ['agency_admin', AGENCY_ROLES],
    ['system_admin', [...AGENCY_ROLES, 'system_admin']],
  ])('%s grants %j', (role, expected) => {
    expect(grantableRoles({ role })).toEqual(expected);
  });
});
