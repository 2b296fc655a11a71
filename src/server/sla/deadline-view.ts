/** What staff and citizens are told about a case's deadline. */
import { addCalendarDays, bangkokDate, businessDaysBetween, businessDaysElapsed, toBuddhistEraDate } from '../../shared/business-days.ts';
import type { CaseEventContent } from '../../shared/case-events.ts';
import type { Queryable } from '../platform/database.ts';
import { loadHolidays } from './holiday-queries.ts';
import { findSlaPolicy } from './policy-queries.ts';
import { explainDeadlineTh, SLA_STATE_LABELS_TH, type SlaState } from './sla-state.ts';

/** What the explanation of a due date reads. */
export interface DueDateFacts {
  status: string;
  slaPolicyId: string | null;
  targetBusinessDays: number;
  pausedBusinessDays: number;
  extendedBusinessDays: number;
}

export interface DeadlineSubject extends DueDateFacts {
  receivedAt: Date;
  pausedAt: Date | null;
  dueDate: string;
  /** The state on the day of `now`, as read (sla-state-sql.ts). */
  slaState: SlaState;
  holderAgencyPath: string;
}

export interface DeadlineView {
  state: SlaState;
  stateLabel: string;
  dueDate: string;
  dueDateBuddhist: string;
  businessDaysLeft: number;
  /** Business days the clock has run since the receipt day, pauses excluded. */
  businessDaysElapsed: number;
  targetBusinessDays: number;
  pausedBusinessDays: number;
  extendedBusinessDays: number;
  explanation: string[];
}

/** `extensionReasons`: the reasons of the case's `extended` events, oldest first. */
export async function describeDeadline(db: Queryable, subject: DeadlineSubject, extensionReasons: string[], now: Date): Promise<DeadlineView> {
  const today = bangkokDate(now);
  const received = bangkokDate(subject.receivedAt);
  const [from, to] = today < subject.dueDate ? [today, subject.dueDate] : [subject.dueDate, today];
  const holidays = await loadHolidays(db, received < from ? received : from, addCalendarDays(to, 1), subject.holderAgencyPath);
  // While paused, the clock stopped on the day of the pause.
  const clockNow = subject.pausedAt ?? now;
  const elapsed = Math.max(0, businessDaysElapsed(subject.receivedAt, clockNow, holidays) - subject.pausedBusinessDays);
  return {
    state: subject.slaState,
    stateLabel: SLA_STATE_LABELS_TH[subject.slaState],
    dueDate: subject.dueDate,
    dueDateBuddhist: toBuddhistEraDate(subject.dueDate),
    // While paused the count stands still at the day of the pause.
    businessDaysLeft: businessDaysBetween(subject.pausedAt ? bangkokDate(subject.pausedAt) : today, subject.dueDate, holidays),
    businessDaysElapsed: elapsed,
    targetBusinessDays: subject.targetBusinessDays,
    pausedBusinessDays: subject.pausedBusinessDays,
    extendedBusinessDays: subject.extendedBusinessDays,
    explanation: await explainDueDate(db, subject, extensionReasons),
  };
}

/** Why the due date is what it is, in plain Thai (the citizen's tracking page shows this too). */
export async function explainDueDate(db: Queryable, subject: DueDateFacts, extensionReasons: string[]): Promise<string[]> {
  const policy = subject.slaPolicyId ? await findSlaPolicy(db, subject.slaPolicyId) : undefined;
  return explainDeadlineTh({
    targetBusinessDays: subject.targetBusinessDays,
    extendedBusinessDays: subject.extendedBusinessDays,
    pausedBusinessDays: subject.pausedBusinessDays,
    extensionReasons,
    paused: subject.status === 'awaiting_info',
    legalBasis: policy?.legalBasis ?? null,
  });
}

/** The reasons of the `extended` events among `events`. */
export function extensionReasonsOf(events: readonly CaseEventContent[]): string[] {
  // The type check stays for a stored event that did not parse (kept as it was: cases/events.ts).
  return events.flatMap((event) => (event.type === 'extended' && typeof event.payload.reason === 'string' ? [event.payload.reason] : []));
}
