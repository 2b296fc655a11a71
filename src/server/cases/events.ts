/**
 * Case events at the database's edge: checked against the union of event types before they are
 * written (src/shared/case-events.ts).
 */
import { caseEventProblems, type CaseEventContent } from '../../shared/case-events.ts';

/** Throws when `content` is not a case event: a writer's bug, caught before anything is stored. */
export function checkCaseEvent(content: CaseEventContent): void {
  const problems = caseEventProblems(content);
  if (problems) throw new Error(`case event "${content.type}" does not match its schema: ${problems.join('; ')}`);
}
