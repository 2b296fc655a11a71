/**
 * Staff rules: which kind of work each role does at all (cases, screening, intake,
 * administration). Shared with the staff menus, which offer only those pages.
 */
import type { Role } from '../../../shared/case-model.ts';

export { canAdminister, canRecordIntake, canScreenCases, canViewCases } from '../../../shared/staff-work.ts';

export interface Actor {
  role: Role;
}
