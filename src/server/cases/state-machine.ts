/**
 * The case state machine: which action may happen in which status, and where it leads.
 * Every status change in Rongthuk goes through `transition`; nothing else decides it.
 */
import type { IsoDate } from '../../shared/business-days.ts';
import {
  CASE_ACTION_LABELS_TH,
  CASE_ACTIONS,
  CASE_STATUS_LABELS_TH,
  type CaseAction,
  type CaseStatus,
} from '../../shared/case-model.ts';

/** What the citizen does from the tracking page, besides staff actions. */
export type CitizenAction = 'citizen-message' | 'feedback-accept' | 'feedback-reopen';
/** What happens with no person acting: the confirmation window ends (a job). */
export type SystemAction = 'confirmation-expired';
export type TransitionAction = CaseAction | CitizenAction | SystemAction;

interface Rule {
  from: readonly CaseStatus[];
  /** The status after; a function where it depends on the status before. */
  to: CaseStatus | ((from: CaseStatus, context: TransitionContext) => CaseStatus);
}

export interface TransitionContext {
  /** The status a case waited for the citizen from (screening or in_progress). */
  statusBeforeWaiting?: CaseStatus | undefined;
}

const ACTIVE: readonly CaseStatus[] = ['received', 'screening', 'assigned', 'in_progress', 'awaiting_info'];
const NOT_FINAL: readonly CaseStatus[] = [...ACTIVE, 'resolved'];
const same = (from: CaseStatus) => from;

const RULES: Record<TransitionAction, Rule> = {
  screen: { from: ['received'], to: 'screening' },
  assign: { from: ['received', 'screening'], to: 'assigned' },
  // รับเรื่องไว้ดำเนินการ: also straight from intake when the receiving agency handles it itself.
  accept: { from: ['received', 'screening', 'assigned'], to: 'in_progress' },
  // ส่งคืน: the holder says the case is not theirs; it goes back to screening.
  return: { from: ['assigned', 'in_progress'], to: 'screening' },
  forward: { from: ['assigned', 'in_progress'], to: 'assigned' },
  note: { from: [...NOT_FINAL, 'closed', 'rejected', 'merged'], to: same },
  reply: { from: NOT_FINAL, to: same },
  'request-info': { from: ['screening', 'in_progress'], to: 'awaiting_info' },
  // From awaiting_info too: a citizen who never answers must not keep a case open for ever.
  resolve: { from: ['in_progress', 'awaiting_info'], to: 'resolved' },
  // ยุติเรื่อง: close with the result already given.
  close: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved', 'closed'], to: 'in_progress' },
  reject: { from: ['received', 'screening', 'awaiting_info'], to: 'rejected' },
  merge: { from: ACTIVE, to: 'merged' },
  contact: { from: [...NOT_FINAL, 'closed', 'rejected', 'merged'], to: same },
  // ขยายเวลา: a complex case gets a later deadline, with a reason the citizen sees.
  extend: { from: ['assigned', 'in_progress', 'awaiting_info'], to: same },
  // เร่งรัด: a follower presses the holder while the case is open; the status stays.
  'follow-up': { from: ACTIVE, to: same },
  // The citizen's message answers a request for information: the case goes back to where
  // it waited from (screening at the hub, or the holder's work).
  'citizen-message': {
    from: [...NOT_FINAL, 'closed'],
    to: (from, context) => (from === 'awaiting_info' ? (context.statusBeforeWaiting ?? 'in_progress') : from),
  },
  'feedback-accept': { from: ['resolved'], to: 'closed' },
  'feedback-reopen': { from: ['resolved'], to: 'in_progress' },
  // ยุติเรื่องอัตโนมัติ: the citizen did not answer within the confirmation window.
  'confirmation-expired': { from: ['resolved'], to: 'closed' },
};

const OTHER_ACTION_LABELS_TH: Record<CitizenAction | SystemAction, string> = {
  'citizen-message': 'ส่งข้อความเพิ่มเติม',
  'feedback-accept': 'ประเมินความพึงพอใจ',
  'feedback-reopen': 'ขอให้พิจารณาใหม่',
  'confirmation-expired': 'ยุติเรื่องเมื่อพ้นกำหนดยืนยันผล',
};

export type TransitionResult =
  | { ok: true; from: CaseStatus; to: CaseStatus }
  | { ok: false; message: string; messageTh: string; allowedFrom: readonly CaseStatus[] };

/** The status `action` leads to from `from`, or why it may not happen. */
export function transition(from: CaseStatus, action: TransitionAction, context: TransitionContext = {}): TransitionResult {
  const rule = RULES[action];
  if (!rule.from.includes(from)) {
    const label = isStaffAction(action) ? CASE_ACTION_LABELS_TH[action] : OTHER_ACTION_LABELS_TH[action];
    return {
      ok: false,
      message: `Cannot ${action} a case that is ${from}; allowed only when ${rule.from.join(', ')}`,
      messageTh: `ไม่สามารถ${label}ได้ เนื่องจากเรื่องอยู่ในสถานะ "${CASE_STATUS_LABELS_TH[from]}" ทำได้เฉพาะเมื่อเรื่องอยู่ในสถานะ: ${rule.from.map((status) => CASE_STATUS_LABELS_TH[status]).join(', ')}`,
      allowedFrom: rule.from,
    };
  }
  return { ok: true, from, to: typeof rule.to === 'function' ? rule.to(from, context) : rule.to };
}

/** A staff action on a case (not a citizen's or the system's step, nor a permission such as view). */
export function isStaffAction(action: string): action is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(action);
}

/** Staff actions the state machine allows in `status` (before any role check). */
export function actionsAllowedIn(status: CaseStatus): CaseAction[] {
  return (Object.keys(RULES) as TransitionAction[]).filter((action): action is CaseAction => isStaffAction(action) && RULES[action].from.includes(status));
}

/**
 * ระยะยืนยันผล (the confirmation window): after a case is resolved, the citizen has until the
 * end of `confirmationUntil` (a Bangkok date, set at resolution) to accept the result, rate it
 * or ask for a reopening; the day after, the case closes by itself. The rules below read the
 * window against `today`, so they hold when read, before any job has run.
 */
export interface ConfirmationFacts {
  status: CaseStatus;
  /** The last day the citizen may respond; null for a case resolved before windows existed. */
  confirmationUntil: IsoDate | null;
}

/** The citizen may still accept, rate or reopen on `today`. */
export function confirmationOpen(facts: ConfirmationFacts, today: IsoDate): boolean {
  return facts.status === 'resolved' && (facts.confirmationUntil === null || today <= facts.confirmationUntil);
}

/** The window has ended and the case waits only for the job that closes it. */
export function confirmationExpired(facts: ConfirmationFacts, today: IsoDate): boolean {
  return facts.status === 'resolved' && facts.confirmationUntil !== null && today > facts.confirmationUntil;
}

/** Staff closing a case while the citizen may still answer takes that voice away: they must say why. */
export function closeNeedsReason(facts: ConfirmationFacts, today: IsoDate): boolean {
  return confirmationOpen(facts, today);
}

export type CitizenResponseCheck =
  | { ok: true; to: CaseStatus }
  | { ok: false; reason: 'not_resolved' }
  | { ok: false; reason: 'window_closed'; until: IsoDate };

/** Whether the citizen's feedback (accepting, or asking for a reopening) may be taken on `today`. */
export function checkCitizenResponse(facts: ConfirmationFacts, action: 'feedback-accept' | 'feedback-reopen', today: IsoDate): CitizenResponseCheck {
  const step = transition(facts.status, action);
  if (!step.ok) return { ok: false, reason: 'not_resolved' };
  if (facts.confirmationUntil !== null && today > facts.confirmationUntil) return { ok: false, reason: 'window_closed', until: facts.confirmationUntil };
  return { ok: true, to: step.to };
}
