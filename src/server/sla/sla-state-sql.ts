/**
 * The SLA state in SQL, computed when it is read: the rule of `slaStateOf` (sla-state.ts) as one
 * ordered list of conditions on a case's stored deadline facts and "today in Bangkok". Today is
 * a query parameter from the application's clock, never the database's now(): tests pin the
 * clock, and the sweep, the lists and the detail must agree on the day.
 *
 * From the one list come the state expression (what the case list, the screening queue, the
 * detail and the exports show, and what the sweep stores for its timers) and, for the `?sla=`
 * filter, a condition per state on the columns themselves, so that the planner can still use
 * the due-date indexes (a CASE expression compared to a value can use none). A test holds the
 * expression, the conditions and `slaStateOf` together (test/sla-timers.test.ts).
 */
import { FINISHED_STATUSES, type SlaState } from './sla-state.ts';

/** SQL text of a condition on the case row `c` (its alias) on day `today` (a placeholder such as `$3`). */
type Condition = (c: string, today: string) => string;

interface Rule {
  state: SlaState;
  when: Condition;
  /** Exactly the cases `when` does not hold for, never NULL (a filter negates it). */
  unless: Condition;
}

const FINISHED = `(${FINISHED_STATUSES.map((status) => `'${status}'`).join(', ')})`;
/** The Bangkok day the case was resolved (or else closed); NULL when neither happened. */
const finishedDay = (c: string) => `(COALESCE(${c}.resolved_at, ${c}.closed_at) AT TIME ZONE 'Asia/Bangkok')::date`;

/** First match wins; a case none matches is on track. The order is slaStateOf's. */
const RULES: readonly Rule[] = [
  { state: 'paused', when: (c) => `${c}.status = 'awaiting_info'`, unless: (c) => `${c}.status <> 'awaiting_info'` },
  {
    state: 'met',
    when: (c) => `(${c}.status IN ${FINISHED} AND ${finishedDay(c)} <= ${c}.due_date)`,
    unless: (c) => `(${c}.status NOT IN ${FINISHED} OR ${finishedDay(c)} IS NULL OR ${finishedDay(c)} > ${c}.due_date)`,
  },
  { state: 'missed', when: (c) => `${c}.status IN ${FINISHED}`, unless: (c) => `${c}.status NOT IN ${FINISHED}` },
  { state: 'overdue', when: (c, today) => `${c}.due_date < ${today}::date`, unless: (c, today) => `${c}.due_date >= ${today}::date` },
  {
    state: 'due_soon',
    when: (c, today) => `${c}.due_soon_from <= ${today}::date`,
    unless: (c, today) => `(${c}.due_soon_from IS NULL OR ${c}.due_soon_from > ${today}::date)`,
  },
];
const OTHERWISE: SlaState = 'on_track';

/** The SLA state of case row `c` on `today` (a date placeholder), as a text expression. */
export function slaStateSql(c: string, today: string): string {
  return `(CASE ${RULES.map((rule) => `WHEN ${rule.when(c, today)} THEN '${rule.state}'`).join(' ')} ELSE '${OTHERWISE}' END)`;
}

/**
 * A condition true exactly for the cases whose state on `today` is one of `states`: for each,
 * no earlier rule holds and its own does. Plain column comparisons, so `?sla=overdue` reads
 * the open cases' due-date index rather than every case.
 */
export function slaStateInSql(c: string, today: string, states: readonly SlaState[]): string {
  const wanted = new Set(states);
  const alternatives: string[] = [];
  RULES.forEach((rule, index) => {
    if (wanted.has(rule.state)) alternatives.push([...RULES.slice(0, index).map((earlier) => earlier.unless(c, today)), rule.when(c, today)].join(' AND '));
  });
  if (wanted.has(OTHERWISE)) alternatives.push(RULES.map((rule) => rule.unless(c, today)).join(' AND '));
  return alternatives.length ? `((${alternatives.join(') OR (')}))` : 'FALSE';
}
