/**
 * Who prepares and who approves an agency's report, as a matrix of role × where the agency
 * stands relative to the user's (agency-paths.fixture.ts); the expected tables are written out.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../shared/case-model.ts';
import { AGENCY_PATHS, USER_PATH, type AgencyScope } from './agency-paths.fixture.ts';
import { canApproveReport, canPrepareReport } from './report.ts';

const SUBTREE: readonly AgencyScope[] = ['own', 'below', 'two below'];
const PREPARES: Record<Role, readonly AgencyScope[]> = {
  intake_officer: SUBTREE,
  case_officer: SUBTREE,
  supervisor: SUBTREE,
  cceo: SUBTREE,
  agency_admin: [],
  system_admin: [],
};
const APPROVES: Record<Role, readonly AgencyScope[]> = {
  intake_officer: [],
  case_officer: [],
  supervisor: SUBTREE,
  cceo: SUBTREE,
  agency_admin: [],
  system_admin: [],
};

const agencies = (Object.entries(AGENCY_PATHS) as Array<[AgencyScope, string | null]>).filter((entry): entry is [AgencyScope, string] => entry[1] !== null);

describe('report policy', () => {
  for (const role of ROLES) {
    for (const [scope, agencyPath] of agencies) {
      const prepares = PREPARES[role].includes(scope);
      const approves = APPROVES[role].includes(scope);
      it(`${role} ${prepares ? 'prepares' : 'does not prepare'} and ${approves ? 'approves' : 'does not approve'} the reports of the ${scope} agency`, () => {
        const actor = { id: 'u1', role, agencyPath: USER_PATH };
        expect(canPrepareReport(actor, agencyPath)).toBe(prepares);
        expect(canApproveReport(actor, { agencyPath, submittedByUserId: 'u2' })).toBe(approves);
      });
    }
  }

  it('never lets the one who submitted a report approve it', () => {
    const head = { id: 'u1', role: 'cceo' as const, agencyPath: USER_PATH };
    expect(canApproveReport(head, { agencyPath: USER_PATH, submittedByUserId: 'u1' })).toBe(false);
  });
});
