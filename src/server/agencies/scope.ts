/**
 * Scoping: a user reaches the cases held by their agency or any agency below it, and those
 * their subtree sent on and follows (ติดตามเรื่อง), no others. The SQL fragment denies by
 * default; `caseFactsFor` gives the policy its facts.
 */
import type { CaseFacts, CaseRelation } from './policy/case.ts';
import type { AuthUser } from './sessions.ts';

/** The holder agency, as loaded with a case. */
export interface CaseHolding {
  holderAgencyId: string;
  holderAgencyPath: string;
  receivingAgencyId: string;
  confidential: boolean;
  /** Found by following only (cases/queries.ts findCaseInScope): the user's subtree sent it on. */
  followedHere?: boolean;
  /** Its holder is served by a partner system: the case is worked there. */
  heldByPartner?: boolean;
}

export function relationTo(user: Pick<AuthUser, 'agencyId' | 'agencyPath'>, holding: CaseHolding): CaseRelation {
  if (holding.holderAgencyId === user.agencyId) return 'holder';
  if (holding.holderAgencyPath.startsWith(user.agencyPath)) return 'subtree';
  if (holding.followedHere === true) return 'follower';
  return 'outside';
}

export function caseFactsFor(user: Pick<AuthUser, 'agencyId' | 'agencyPath'>, holding: CaseHolding): CaseFacts {
  return {
    relation: relationTo(user, holding),
    receivedHere: holding.receivingAgencyId === user.agencyId,
    confidential: holding.confidential,
    heldByPartner: holding.heldByPartner === true,
  };
}

/**
 * `LIKE` pattern matching the paths of the user's agency and every agency below it. Paths
 * are made of uuids and slashes, so no LIKE wildcard can appear in them.
 */
export function subtreePattern(agencyPath: string): string {
  return `${agencyPath}%`;
}

/** The agency ids of a path, from the root down ('/a/b/c/' → ['a', 'b', 'c']). */
export function pathIds(path: string): string[] {
  return path.split('/').filter((id) => id !== '');
}
