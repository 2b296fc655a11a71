/**
 * Case rules: every decision about who may do what to a case, as pure functions. Scoping
 * (which cases a user can see at all) is enforced in SQL by findCaseInScope and scope.ts; this
 * module decides, for a case already in scope, which actions a role may take.
 */
import { CASE_ACTIONS, type CaseAction, type Role } from '../../../shared/case-model.ts';
import { canViewCases, type Actor } from './staff.ts';

/** Where the case stands relative to the user's agency. */
export type CaseRelation =
  | 'holder' // the user's agency holds the case now
  | 'subtree' // an agency below the user's holds it
  // ติดตามเรื่อง: the user's agency (or one below it) sent the case on, and it is held
  // elsewhere now: it reads the case and presses the holder (follow-up), nothing more.
  | 'follower'
  | 'outside'; // anywhere else: the case does not exist for this user

export interface CaseFacts {
  relation: CaseRelation;
  /** The user's agency received the case (took the complaint in). */
  receivedHere: boolean;
  /** ปกปิดตัวตน: the complainant asked that handling agencies not see who they are. */
  confidential: boolean;
  /**
   * Its holder is an agency a partner system serves (การแลกเปลี่ยนเรื่อง): the case is worked in
   * that system, and the agencies above the holder here follow it there as followers do.
   */
  heldByPartner?: boolean;
}

/**
 * `reissue_access_key`: ออกรหัสติดตามใหม่ at the counter, after checking who the citizen is —
 * for those who may see the complainant's identity of the case, as only they can check it.
 */
export type CasePermission = 'view' | 'view_identity' | 'reissue_access_key' | CaseAction;

/**
 * A case officer's work: every action on a case the agency holds but screening and assigning
 * (intake's) and following up (a follower's). Rejecting is in: an agency without intake staff
 * turns away what is not a complaint itself.
 */
const OFFICER_WORK: readonly CaseAction[] = CASE_ACTIONS.filter((action) => action !== 'screen' && action !== 'assign' && action !== 'follow-up');
const SCREENING_WORK: readonly CaseAction[] = ['screen', 'assign', 'reject', 'merge', 'note', 'reply', 'request-info', 'contact'];

/** Actions each role may take, by relation; `view` is implied by any relation in scope. */
const ACTIONS_BY_ROLE: Record<Role, Record<Exclude<CaseRelation, 'outside'>, readonly CaseAction[]>> = {
  intake_officer: { holder: SCREENING_WORK, subtree: ['contact'], follower: ['follow-up'] },
  case_officer: { holder: OFFICER_WORK, subtree: ['note', 'contact'], follower: ['follow-up'] },
  // Above the holder a supervisor follows up (notes, contacts, merging duplicates); the
  // holding agency itself answers and reports the result.
  supervisor: { holder: [...new Set([...OFFICER_WORK, ...SCREENING_WORK])], subtree: ['note', 'contact', 'merge'], follower: ['follow-up'] },
  cceo: { holder: ['note'], subtree: ['note'], follower: ['follow-up'] },
  agency_admin: { holder: [], subtree: [], follower: [] },
  system_admin: { holder: [], subtree: [], follower: [] },
};

const IDENTITY_ROLES: readonly Role[] = ['intake_officer', 'case_officer', 'supervisor'];

/** May `actor` take `permission` on a case with these facts? */
export function can(actor: Actor, permission: CasePermission, facts: CaseFacts): boolean {
  if (facts.relation === 'outside') return false;
  // Administrators manage agencies, users and settings, not complaints (PDPA: no need to know).
  if (!canViewCases(actor)) return false;
  if (permission === 'view') return true;
  if (permission === 'view_identity' || permission === 'reissue_access_key') return mayViewIdentity(actor, facts);
  const allowed = ACTIONS_BY_ROLE[actor.role][facts.relation];
  if (allowed.includes(permission)) return true;
  return facts.relation === 'subtree' && facts.heldByPartner === true && ACTIONS_BY_ROLE[actor.role].follower.includes(permission);
}

function mayViewIdentity(actor: Actor, facts: CaseFacts): boolean {
  if (!IDENTITY_ROLES.includes(actor.role)) return false;
  // Who took the complaint in may always contact the complainant again.
  if (facts.receivedHere) return true;
  // A confidential complainant is hidden from every handling agency; otherwise only the
  // agency working the case needs to know who complained (data minimisation), not those above
  // it nor those that sent it on (followers, as any past holder).
  return !facts.confidential && facts.relation === 'holder';
}

/** Every permission `actor` has on the case, for the UI to show (it never re-implements roles). */
export function permissionsFor(actor: Actor, facts: CaseFacts): CasePermission[] {
  const all: CasePermission[] = ['view', 'view_identity', 'reissue_access_key', ...new Set(Object.values(ACTIONS_BY_ROLE).flatMap((r) => [...r.holder, ...r.subtree, ...r.follower]))];
  return all.filter((permission) => can(actor, permission, facts));
}

/**
 * Roles that may look cases up by a complainant's phone or national ID (a repeat caller on
 * the hotline): those who may see identities at all.
 */
export function canSearchByIdentity(actor: Actor): boolean {
  return IDENTITY_ROLES.includes(actor.role);
}

/** Roles that may export case lists. */
export function canExportCases(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'cceo';
}

/**
 * ขยายเวลา: may `actor` extend a case's deadline so that its extensions come to `totalBusinessDays`
 * in all? Up to the SLA policy's limit any role that may extend the case does; past it, only a
 * supervisor grants it.
 */
export function canExtendDeadline(actor: Actor, extension: { totalBusinessDays: number; limitBusinessDays: number }): boolean {
  return extension.totalBusinessDays <= extension.limitBusinessDays || actor.role === 'supervisor';
}
