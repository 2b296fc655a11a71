/**
 * For the policy tests: where agencies stand relative to an administrator's agency, by name,
 * and the expected table of which of them each role administers (written out, not derived from
 * agency.ts): an agency's settings and its users' accounts alike.
 */
import type { Role } from '../../../shared/case-model.ts';

/** The administrator's agency is moph-complaint: '/hub/moph/mc/'. */
export const USER_PATH = '/hub/moph/mc/';

/** `national`: the system's own settings (the national calendar, the default SLA policy), no agency's. */
export const AGENCY_PATHS = {
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
export type AgencyScope = keyof typeof AGENCY_PATHS;

/** What each role administers. */
export const ADMINISTERED: Record<Role, readonly AgencyScope[]> = {
  intake_officer: [],
  case_officer: [],
  supervisor: [],
  cceo: [],
  agency_admin: ['own', 'below', 'two below'],
  system_admin: ['national', 'own', 'below', 'two below', 'above', 'root', 'sibling', 'look-alike'],
};
