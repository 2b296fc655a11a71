/**
 * The authorization policy as a matrix: role × permission × relation × receivedHere ×
 * confidential. The expected table is written out here, not derived from case.ts, so a
 * change to the rules has to change this file too.
 */
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, ROLES, type Role } from '../../../shared/case-model.ts';
import { actionsAllowedIn, transition } from '../../cases/state-machine.ts';
import { can, canExportCases, canExtendDeadline, canSearchByIdentity, permissionsFor, type CaseFacts, type CasePermission, type CaseRelation } from './case.ts';
import { canRecordIntake, canViewCases } from './staff.ts';

const PERMISSIONS: readonly CasePermission[] = ['view', 'view_identity', 'reissue_access_key', ...CASE_ACTIONS];
const RELATIONS: readonly CaseRelation[] = ['holder', 'subtree', 'follower', 'outside'];

/** Everything a supervisor holding the case may do: every staff action but the follower's เร่งรัด. */
const ALL_ACTIONS: readonly CasePermission[] = CASE_ACTIONS.filter((action) => action !== 'follow-up');

/** What each role may do by relation, apart from view_identity (tabled below). */
const ACTIONS_TABLE: Array<[Role, CaseRelation, CasePermission[]]> = [
  ['intake_officer', 'holder', ['view', 'screen', 'assign', 'reject', 'merge', 'note', 'reply', 'request-info', 'contact']],
  ['intake_officer', 'subtree', ['view', 'contact']],
  ['intake_officer', 'follower', ['view', 'follow-up']],
  ['intake_officer', 'outside', []],
  ['case_officer', 'holder', ['view', 'accept', 'reject', 'return', 'forward', 'note', 'reply', 'request-info', 'resolve', 'close', 'reopen', 'merge', 'contact', 'extend']],
  ['case_officer', 'subtree', ['view', 'note', 'contact']],
  ['case_officer', 'follower', ['view', 'follow-up']],
  ['case_officer', 'outside', []],
  ['supervisor', 'holder', ['view', ...ALL_ACTIONS]],
  ['supervisor', 'subtree', ['view', 'note', 'contact', 'merge']],
  ['supervisor', 'follower', ['view', 'follow-up']],
  ['supervisor', 'outside', []],
  ['cceo', 'holder', ['view', 'note']],
  ['cceo', 'subtree', ['view', 'note']],
  ['cceo', 'follower', ['view', 'follow-up']],
  ['cceo', 'outside', []],
  ['agency_admin', 'holder', []],
  ['agency_admin', 'subtree', []],
  ['agency_admin', 'follower', []],
  ['agency_admin', 'outside', []],
  ['system_admin', 'holder', []],
  ['system_admin', 'subtree', []],
  ['system_admin', 'follower', []],
  ['system_admin', 'outside', []],
];

/** view_identity for [plain, received here, confidential, received here and confidential]. */
type IdentityRow = [Role, CaseRelation, { plain: boolean; receivedHere: boolean; confidential: boolean; receivedHereConfidential: boolean }];
const IDENTITY_TABLE: IdentityRow[] = [
  ['intake_officer', 'holder', { plain: true, receivedHere: true, confidential: false, receivedHereConfidential: true }],
  ['intake_officer', 'subtree', { plain: false, receivedHere: true, confidential: false, receivedHereConfidential: true }],
  ['intake_officer', 'follower', { plain: false, receivedHere: true, confidential: false, receivedHereConfidential: true }],
  ['intake_officer', 'outside', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['case_officer', 'holder', { plain: true, receivedHere: true, confidential: false, receivedHereConfidential: true }],
  ['case_officer', 'subtree', { plain: false, receivedHere: true, confidential: false, receivedHereConfidential: true }],
  ['case_officer', 'follower', { plain: false, receivedHere: true, confidential: false, receivedHereConfidential: true }],
  ['case_officer', 'outside', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['supervisor', 'holder', { plain: true, receivedHere: true, confidential: false, receivedHereConfidential: true }],
  ['supervisor', 'subtree', { plain: false, receivedHere: true, confidential: false, receivedHereConfidential: true }],
  ['supervisor', 'follower', { plain: false, receivedHere: true, confidential: false, receivedHereConfidential: true }],
  ['supervisor', 'outside', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['cceo', 'holder', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['cceo', 'subtree', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['cceo', 'follower', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['cceo', 'outside', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['agency_admin', 'holder', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['agency_admin', 'subtree', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['agency_admin', 'follower', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['agency_admin', 'outside', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['system_admin', 'holder', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['system_admin', 'subtree', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['system_admin', 'follower', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
  ['system_admin', 'outside', { plain: false, receivedHere: false, confidential: false, receivedHereConfidential: false }],
];

function expectedActions(role: Role, relation: CaseRelation): CasePermission[] {
  const row = ACTIONS_TABLE.find(([r, rel]) => r === role && rel === relation);
  if (!row) throw new Error(`no expected row for ${role} / ${relation}`);
  return row[2];
}

function expectedIdentity(role: Role, relation: CaseRelation, receivedHere: boolean, confidential: boolean): boolean {
  const row = IDENTITY_TABLE.find(([r, rel]) => r === role && rel === relation);
  if (!row) throw new Error(`no identity row for ${role} / ${relation}`);
  const cell = row[2];
  if (receivedHere) return confidential ? cell.receivedHereConfidential : cell.receivedHere;
  return confidential ? cell.confidential : cell.plain;
}

function expectedPermissions(role: Role, facts: CaseFacts): CasePermission[] {
  const base = expectedActions(role, facts.relation);
  // A new access key is issued by those who may see, and so check, who the complainant is.
  return expectedIdentity(role, facts.relation, facts.receivedHere, facts.confidential) ? [...base, 'view_identity', 'reissue_access_key'] : base;
}

const FACTS: CaseFacts[] = RELATIONS.flatMap((relation) =>
  [false, true].flatMap((receivedHere) => [false, true].map((confidential) => ({ relation, receivedHere, confidential }))),
);

const COMBINATIONS = ROLES.flatMap((role) =>
  FACTS.flatMap((facts) =>
    PERMISSIONS.map((permission) => ({
      role,
      permission,
      ...facts,
      expected: expectedPermissions(role, facts).includes(permission),
    })),
  ),
);

describe('the expected matrix', () => {
  it('covers every role and relation in both tables', () => {
    expect(ACTIONS_TABLE.map(([role, relation]) => `${role}/${relation}`).sort()).toEqual(
      ROLES.flatMap((role) => RELATIONS.map((relation) => `${role}/${relation}`)).sort(),
    );
    expect(IDENTITY_TABLE.map(([role, relation]) => `${role}/${relation}`).sort()).toEqual(
      ROLES.flatMap((role) => RELATIONS.map((relation) => `${role}/${relation}`)).sort(),
    );
    expect(COMBINATIONS).toHaveLength(6 * 19 * 4 * 2 * 2);
  });
});

describe('can', () => {
  it.each(COMBINATIONS)(
    '$role $permission on a $relation case (receivedHere=$receivedHere, confidential=$confidential) → $expected',
    ({ role, permission, relation, receivedHere, confidential, expected }) => {
      expect(can({ role }, permission, { relation, receivedHere, confidential })).toBe(expected);
    },
  );
});

describe('key rules, spelled out', () => {
  it.each(ROLES)('%s can do nothing at all with a case outside its scope', (role) => {
    for (const facts of FACTS.filter((f) => f.relation === 'outside')) {
      for (const permission of PERMISSIONS) expect(can({ role }, permission, facts)).toBe(false);
      expect(permissionsFor({ role }, facts)).toEqual([]);
    }
  });

  it.each(ROLES.filter((role) => !role.endsWith('admin')))('%s may view any case in scope', (role) => {
    for (const facts of FACTS.filter((f) => f.relation !== 'outside')) expect(can({ role }, 'view', facts)).toBe(true);
  });

  it('only intake officers, case officers and supervisors ever see an identity', () => {
    for (const role of ['cceo', 'agency_admin', 'system_admin'] as const) {
      for (const facts of FACTS) expect(can({ role }, 'view_identity', facts)).toBe(false);
    }
  });

  it('the receiving agency always sees the identity, even of a confidential case', () => {
    for (const role of ['intake_officer', 'case_officer', 'supervisor'] as const) {
      for (const relation of ['holder', 'subtree', 'follower'] as const) {
        expect(can({ role }, 'view_identity', { relation, receivedHere: true, confidential: true })).toBe(true);
      }
    }
  });

  it('a confidential complainant is hidden from every agency that did not receive the case', () => {
    for (const role of ROLES) {
      for (const relation of RELATIONS) {
        expect(can({ role }, 'view_identity', { relation, receivedHere: false, confidential: true })).toBe(false);
      }
    }
  });

  it('otherwise only the holder sees the identity, not the agencies above it (data minimisation)', () => {
    const plainSubtree: CaseFacts = { relation: 'subtree', receivedHere: false, confidential: false };
    expect(can({ role: 'case_officer' }, 'view_identity', { ...plainSubtree, relation: 'holder' })).toBe(true);
    expect(can({ role: 'case_officer' }, 'view_identity', plainSubtree)).toBe(false);
    expect(can({ role: 'intake_officer' }, 'view_identity', plainSubtree)).toBe(false);
    expect(can({ role: 'supervisor' }, 'view_identity', plainSubtree)).toBe(false);
    expect(can({ role: 'supervisor' }, 'view_identity', { ...plainSubtree, relation: 'follower' })).toBe(false);
  });

  it('a follower reads the case and presses the holder (เร่งรัด), and does nothing else', () => {
    for (const role of ['intake_officer', 'case_officer', 'supervisor', 'cceo'] as const) {
      for (const facts of FACTS.filter((f) => f.relation === 'follower')) {
        const actions = permissionsFor({ role }, facts).filter((permission) => (CASE_ACTIONS as readonly string[]).includes(permission));
        expect(actions).toEqual(['follow-up']);
      }
    }
  });

  it('only a follower presses the holder: the holder and the agencies above it act themselves', () => {
    for (const role of ROLES) {
      for (const facts of FACTS.filter((f) => f.relation !== 'follower')) expect(can({ role }, 'follow-up', facts)).toBe(false);
    }
  });

  it('a case held in a partner system: the agencies above its holder here press it (เร่งรัด) as followers do, and the holder here acts as ever', () => {
    const inPartner = { relation: 'subtree' as const, receivedHere: false, confidential: false, heldByPartner: true };
    for (const role of ['intake_officer', 'case_officer', 'supervisor', 'cceo'] as const) {
      expect(can({ role }, 'follow-up', inPartner), role).toBe(true);
      expect(permissionsFor({ role }, inPartner)).toEqual(permissionsFor({ role }, { ...inPartner, heldByPartner: false }).concat('follow-up'));
      expect(can({ role }, 'follow-up', { ...inPartner, relation: 'holder' }), role).toBe(false);
    }
    for (const role of ['agency_admin', 'system_admin'] as const) expect(can({ role }, 'follow-up', inPartner)).toBe(false);
  });

  it('agency and system administrators do not see cases at all (they manage agencies and users)', () => {
    for (const role of ['agency_admin', 'system_admin'] as const) {
      for (const facts of FACTS) expect(permissionsFor({ role }, facts)).toEqual([]);
      expect(canViewCases({ role })).toBe(false);
    }
    for (const role of ['intake_officer', 'case_officer', 'supervisor', 'cceo'] as const) expect(canViewCases({ role })).toBe(true);
  });
});

describe('permissionsFor', () => {
  const cases = ROLES.flatMap((role) => FACTS.map((facts) => ({ role, ...facts })));

  it.each(cases)('$role on a $relation case (receivedHere=$receivedHere, confidential=$confidential)', ({ role, ...facts }) => {
    const given = permissionsFor({ role }, facts);
    expect(new Set(given).size).toBe(given.length);
    expect([...given].sort()).toEqual(PERMISSIONS.filter((permission) => can({ role }, permission, facts)).sort());
    expect([...given].sort()).toEqual([...expectedPermissions(role, facts)].sort());
  });
});

describe('role-only decisions', () => {
  it.each<[Role, boolean, boolean, boolean]>([
    // role, records intake, exports case lists, looks cases up by a complainant
    ['intake_officer', true, false, true],
    ['case_officer', true, false, true],
    ['supervisor', true, true, true],
    ['cceo', false, true, false],
    ['agency_admin', false, false, false],
    ['system_admin', false, false, false],
  ])('%s: canRecordIntake %s, canExportCases %s, canSearchByIdentity %s', (role, intake, exportCases, searchByIdentity) => {
    expect(canRecordIntake({ role })).toBe(intake);
    expect(canExportCases({ role })).toBe(exportCases);
    expect(canSearchByIdentity({ role })).toBe(searchByIdentity);
  });
});

describe('canExtendDeadline', () => {
  const limit = { limitBusinessDays: 15 };
  it.each(ROLES)('%s extends up to the limit', (role) => {
    expect(canExtendDeadline({ role }, { ...limit, totalBusinessDays: 15 })).toBe(true);
  });
  it.each<[Role, boolean]>([
    ['intake_officer', false],
    ['case_officer', false],
    ['supervisor', true],
    ['cceo', false],
    ['agency_admin', false],
    ['system_admin', false],
  ])('%s past the limit: %s', (role, allowed) => {
    expect(canExtendDeadline({ role }, { ...limit, totalBusinessDays: 16 })).toBe(allowed);
  });
});

describe('policy and state machine together', () => {
  // Staff intake (POST /api/v1/cases) stores the case as `received`, held and received by the
  // recording officer's own agency. Whoever may record it must be able to take it further
  // (screen, assign or reject it), or the case is stuck at รับเรื่องแล้ว for good.
  it.each(ROLES.filter((role) => canRecordIntake({ role })))('%s can route a case it has just recorded at its own agency', (role) => {
    const ownIntake: CaseFacts = { relation: 'holder', receivedHere: true, confidential: false };
    const routing = actionsAllowedIn('received').filter(
      (action) => ['screen', 'assign', 'reject'].includes(action) && can({ role }, action, ownIntake) && transition('received', action).ok,
    );
    expect(routing, `${role} records intake but may not screen, assign or reject what it recorded`).not.toEqual([]);
  });
});
