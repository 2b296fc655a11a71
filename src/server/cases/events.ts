/**
 * Case events at the database's edge: checked against the union of event types before they are
 * written, parsed with it when read (src/shared/case-events.ts).
 */
import { caseEventProblems, type CaseEventContent } from '../../shared/case-events.ts';

/** Throws when `content` is not a case event: a writer's bug, caught before anything is stored. */
export function checkCaseEvent(content: CaseEventContent): void {
  const problems = caseEventProblems(content);
  if (problems) throw new Error(`case event "${content.type}" does not match its schema: ${problems.join('; ')}`);
}

/**
 * Whether a stored event that does not match the union fails the read. Every writer checks
 * its event first, so such a row predates the check (or was written by hand). Under test it
 * fails loudly, to catch a schema that no longer describes what is written; elsewhere the
 * case must stay readable — its history is the record — so the row is kept as stored and a
 * warning names the event and its fields (never their values: they may be personal data).
 */
const failsOnUnknownEvents = (): boolean => process.env.NODE_ENV === 'test';

/** A stored event's type and payload, checked against the union; `id` names the row in an error or warning. */
export function parseStoredCaseEvent(id: string, type: string, payload: unknown): CaseEventContent {
  const problems = caseEventProblems({ type, payload });
  if (problems) {
    const message = `stored case event ${id} ("${type}") does not match its schema: ${problems.join('; ')}`;
    if (failsOnUnknownEvents()) throw new Error(message);
    process.emitWarning(message, 'CaseEventWarning');
  }
  // As stored: its keys reach the API in the order they always did. One that did not match is
  // kept too — readers guard the fields whose absence would break them.
  return { type, payload } as CaseEventContent;
}
