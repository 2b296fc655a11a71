/** Agency rules: who administers what belongs to an agency, and the system's own settings. */
import type { Actor } from './staff.ts';

/**
 * May `actor` add or remove days off in a calendar? The national calendar (`agencyPath` null)
 * is the system administrators'; an agency's local days, which apply to it and every agency
 * below it, are also its own administrators' and those of any agency above it.
 */
export function canManageCalendar(actor: Actor & { agencyPath: string }, scope: { agencyPath: string | null }): boolean {
  return canAdministerAgency(actor, scope.agencyPath);
}

/**
 * Administration of what belongs to an agency (its calendar, SLA policies, routing rules to
 * it): a system admin anywhere; an agency admin for their agency and those below it, never
 * for national settings (`agencyPath` null).
 */
export function canAdministerAgency(actor: Actor & { agencyPath: string }, agencyPath: string | null): boolean {
  if (administersEveryAgency(actor)) return true;
  if (actor.role !== 'agency_admin' || agencyPath === null) return false;
  return agencyPath.startsWith(actor.agencyPath);
}

/** Does `actor` administer every agency and the national settings (the whole tree, from its root)? */
export function administersEveryAgency(actor: Actor): boolean {
  return actor.role === 'system_admin';
}

/** Signing the audit chain head for an auditor to keep (audit-checkpoints.ts): the system's administrators. */
export function canTakeAuditCheckpoint(actor: Actor): boolean {
  return actor.role === 'system_admin';
}

/**
 * The partner registry — which other complaint systems we send cases to, with what of the
 * complainant's data: the system's administrators only, as it binds every agency of the tree.
 */
export function canManagePartners(actor: Actor): boolean {
  return actor.role === 'system_admin';
}

/**
 * The apps that file through Open311 (แอปพลิเคชันภายนอก) and their api_keys: the system's
 * administrators only, as an app files into the whole tree.
 */
export function canManageOpen311Apps(actor: Actor): boolean {
  return actor.role === 'system_admin';
}
