/**
 * Report rules (รายงานผลการดำเนินงานเรื่องร้องเรียน): who prepares an agency's periodic report
 * and who, as the head of the agency, approves it. Both work within their agency's subtree: a
 * report of an agency is its own staff's and that of the agencies above it.
 *
 * - Preparing (create, edit, submit, revise) and publishing an approved report: the roles that
 *   work on complaints — intake and case officers, supervisors and the CCEO.
 * - Approving or sending back: the head — the CCEO (ผู้บริหารระดับสูงด้านการจัดการเรื่องร้องเรียน)
 *   or a supervisor (หัวหน้างาน) of the agency or above it — and never the one who submitted it,
 *   so no report is approved by the hand that wrote it.
 * Administrators handle accounts and settings, not complaints (PDPA: no need to know): none.
 */
import type { Role } from '../../../shared/case-model.ts';
import { canWorkOnReports, type Actor } from './staff.ts';

/** The roles that approve a report for the head of an agency. */
export const REPORT_APPROVER_ROLES: readonly Role[] = ['cceo', 'supervisor'];

type Placed = Actor & { agencyPath: string };

const within = (actor: Placed, agencyPath: string) => agencyPath.startsWith(actor.agencyPath);

/** May `actor` read an agency's reports, create one, edit, submit or revise it, and publish it once approved? */
export function canPrepareReport(actor: Placed, agencyPath: string): boolean {
  return canWorkOnReports(actor) && within(actor, agencyPath);
}

/** May `actor` approve or send back a report of the agency at `agencyPath` that `submittedByUserId` submitted? */
export function canApproveReport(actor: Placed & { id: string }, report: { agencyPath: string; submittedByUserId: string | null }): boolean {
  return REPORT_APPROVER_ROLES.includes(actor.role) && within(actor, report.agencyPath) && actor.id !== report.submittedByUserId;
}
