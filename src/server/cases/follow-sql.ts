/**
 * ติดตามเรื่อง (following), as SQL fragments: an agency that sent a case on (assigned or
 * forwarded it) keeps following it while it is held elsewhere. A return is not a sending on:
 * the agency that returns a case says it is not theirs and stops following it.
 */

/**
 * True when an agency whose path matches the LIKE pattern `$patternParam` (a subtree, see
 * scope.ts subtreePattern) handed case `caseAlias` on at some point.
 */
export function sentOnFromSql(caseAlias: string, patternParam: string): string {
  return `EXISTS (SELECT 1 FROM case_handovers ho JOIN agencies fa ON fa.id = ho.from_agency_id
    WHERE ho.case_id = ${caseAlias}.id AND ho.kind <> 'return' AND fa.path LIKE ${patternParam})`;
}
