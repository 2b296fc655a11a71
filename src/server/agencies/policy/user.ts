/**
 * User rules (จัดการผู้ใช้): who administers which accounts. System administrators manage
 * every account; an agency administrator manages the accounts of their agency and the agencies
 * below it, and never grants or touches `system_admin`. user-admin.ts turns each refusal into
 * its error (an account outside the administrator's subtree does not exist for them: 404).
 */
import { ROLES, type Role } from '../../../shared/case-model.ts';
import { administersEveryAgency, canAdministerAgency } from './agency.ts';
import { canAdminister, type Actor } from './staff.ts';

type Administrator = Actor & { agencyPath: string };

/** Only administrators manage users at all. */
export function canManageUsers(actor: Actor): boolean {
  return canAdminister(actor);
}

/**
 * Whose accounts `actor` lists: the path of the agency whose subtree they administer, or null
 * for a system administrator, who lists every agency's.
 */
export function userListSubtree(actor: Administrator): string | null {
  return administersEveryAgency(actor) ? null : actor.agencyPath;
}

/** May `actor` create or change an account of the agency at `agencyPath`? Their agency and those below it. */
export function canAdministerUsersOf(actor: Administrator, agencyPath: string): boolean {
  return canAdministerAgency(actor, agencyPath);
}

/**
 * May `actor` give an account `role`, or change an account that has it? `system_admin` is
 * granted, and its accounts changed, by system administrators only.
 */
export function canManageRole(actor: Actor, role: Role): boolean {
  return role !== 'system_admin' || actor.role === 'system_admin';
}

/** The roles `actor` may give accounts, for the administration's forms (none for those who manage no users). */
export function grantableRoles(actor: Actor): Role[] {
  return canManageUsers(actor) ? ROLES.filter((role) => canManageRole(actor, role)) : [];
}

/** The changes of an account, as far as the rules go. */
export interface AccountChanges {
  role?: Role | undefined;
  active?: boolean | undefined;
}

/** A change of one's own account that would lock one out. */
export type SelfLockout = 'active' | 'role';

/**
 * Which change of their own account `actor` may not make, another administrator must (no
 * lock-out by mistake): deactivating it, or changing its role; undefined when neither, or when
 * the account is someone else's.
 */
export function selfLockout(actor: { id: string }, account: { id: string; role: Role }, changes: AccountChanges): SelfLockout | undefined {
  if (account.id !== actor.id) return undefined;
  if (changes.active === false) return 'active';
  if (changes.role !== undefined && changes.role !== account.role) return 'role';
  return undefined;
}
