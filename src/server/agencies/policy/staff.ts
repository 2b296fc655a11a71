/**
 * Staff rules: which kind of work each role does at all (cases, screening, intake, dashboard,
 * reports, administration), as the pages of the console and the administration it works in. The server
 * enforces the predicates below and sends each user their pages (`pages` of the signed-in user,
 * GET /api/v1/auth/me), so the web app's menus never decide by role themselves.
 */
import type { Role } from '../../../shared/case-model.ts';
import { STAFF_PAGES, type StaffPage } from '../../../shared/staff-work.ts';

export interface Actor {
  role: Role;
}

/**
 * The pages of each role, its first page first (where it lands after sign-in). Intake officers
 * (ศูนย์รับเรื่อง) start on what waits to be screened; officers and supervisors on their
 * agency's cases; the CCEO, who oversees rather than works cases, on the dashboard; administrators manage agencies and settings, not complaints (PDPA: no
 * need to know), so they see no case page at all.
 */
const PAGES_BY_ROLE: Record<Role, readonly [StaffPage, ...StaffPage[]]> = {
  intake_officer: ['screening', 'inbox', 'intake', 'reports'],
  case_officer: ['inbox', 'intake', 'reports'],
  supervisor: ['inbox', 'screening', 'intake', 'dashboard', 'reports'],
  cceo: ['dashboard', 'inbox', 'reports'],
  agency_admin: ['admin'],
  system_admin: ['admin'],
};

/**
 * The pages `actor` may use, its first page (where it lands after sign-in and on /staff) first,
 * then the others in menu order ({@link STAFF_PAGES}).
 */
export function pagesOf(actor: Actor): StaffPage[] {
  const [home, ...others] = PAGES_BY_ROLE[actor.role];
  return [home, ...STAFF_PAGES.filter((page) => others.includes(page))];
}

function works(actor: Actor, page: StaffPage): boolean {
  return PAGES_BY_ROLE[actor.role].includes(page);
}

/** Roles that work on cases at all: see case lists, open cases, save filters. */
export function canViewCases(actor: Actor): boolean {
  return works(actor, 'inbox');
}

/** ผู้คัดกรอง: who works the screening queue. */
export function canScreenCases(actor: Actor): boolean {
  return works(actor, 'screening');
}

/** Roles that may record new cases taken by phone, at the counter, by post or from a box. */
export function canRecordIntake(actor: Actor): boolean {
  return works(actor, 'intake');
}

/**
 * Who sees the executive's dashboard over their agency subtree: supervisors and the agency's
 * CCEO (ผู้บริหารระดับสูงด้านการจัดการเรื่องร้องเรียน), who oversee and evaluate the handling.
 */
export function canViewDashboard(actor: Actor): boolean {
  return works(actor, 'dashboard');
}

/**
 * Who works on the agency's periodic complaint reports: the roles that handle complaints draft
 * them, and the heads among them (see report.ts) approve them.
 */
export function canWorkOnReports(actor: Actor): boolean {
  return works(actor, 'reports');
}

/** Roles that open the administration (each administrator within their agencies, see agency.ts and user.ts). */
export function canAdminister(actor: Actor): boolean {
  return works(actor, 'admin');
}
