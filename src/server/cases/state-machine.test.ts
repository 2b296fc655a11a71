/**
 * The case state machine, every (status × action) pair against a table written out here:
 * what is listed is legal and leads to the status given; everything else is refused.
 */
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATUSES, type CaseAction, type CaseStatus } from '../../shared/case-model.ts';
import {
  actionsAllowedIn,
  checkCitizenResponse,
  closeNeedsReason,
  confirmationExpired,
  confirmationOpen,
  transition,
  type TransitionAction,
} from './state-machine.ts';

const STATUSES: readonly CaseStatus[] = ['received', 'screening', 'assigned', 'in_progress', 'awaiting_info', 'resolved', 'closed', 'rejected', 'merged'];

const STAFF_ACTIONS: readonly CaseAction[] = [
  'screen',
  'assign',
  'accept',
  'return',
  'forward',
  'note',
  'reply',
  'request-info',
  'resolve',
  'close',
  'reopen',
  'reject',
  'merge',
  'contact',
  'extend',
  'follow-up',
];
const CITIZEN_ACTIONS: readonly TransitionAction[] = ['citizen-message', 'feedback-accept', 'feedback-reopen'];
const SYSTEM_ACTIONS: readonly TransitionAction[] = ['confirmation-expired'];
const ACTIONS: readonly TransitionAction[] = [...STAFF_ACTIONS, ...CITIZEN_ACTIONS, ...SYSTEM_ACTIONS];

/** The Thai label each status is shown with (CASE_STATUS_LABELS_TH), written out again. */
const THAI_LABELS: Record<CaseStatus, string> = {
  received: 'รับเรื่องแล้ว',
  screening: 'อยู่ระหว่างกลั่นกรอง',
  assigned: 'ส่งเรื่องให้หน่วยงานแล้ว',
  in_progress: 'อยู่ระหว่างดำเนินการ',
  awaiting_info: 'รอข้อมูลเพิ่มเติมจากผู้ร้อง',
  resolved: 'ดำเนินการแล้ว',
  closed: 'ยุติเรื่องแล้ว',
  rejected: 'ไม่รับไว้พิจารณา',
  merged: 'รวมกับเรื่องอื่นแล้ว',
};

/** For each status, the legal actions and where they lead; any action not listed is illegal. */
const LEGAL: Record<CaseStatus, Partial<Record<TransitionAction, CaseStatus>>> = {
  received: {
    screen: 'screening',
    assign: 'assigned',
    accept: 'in_progress',
    note: 'received',
    reply: 'received',
    reject: 'rejected',
    merge: 'merged',
    contact: 'received',
    'citizen-message': 'received',
    'follow-up': 'received',
  },
  screening: {
    assign: 'assigned',
    accept: 'in_progress',
    note: 'screening',
    reply: 'screening',
    'request-info': 'awaiting_info',
    reject: 'rejected',
    merge: 'merged',
    contact: 'screening',
    'citizen-message': 'screening',
    'follow-up': 'screening',
  },
  assigned: {
    extend: 'assigned',
    accept: 'in_progress',
    return: 'screening',
    forward: 'assigned',
    note: 'assigned',
    reply: 'assigned',
    merge: 'merged',
    contact: 'assigned',
    'citizen-message': 'assigned',
    'follow-up': 'assigned',
  },
  in_progress: {
    extend: 'in_progress',
    return: 'screening',
    forward: 'assigned',
    note: 'in_progress',
    reply: 'in_progress',
    'request-info': 'awaiting_info',
    resolve: 'resolved',
    merge: 'merged',
    contact: 'in_progress',
    'citizen-message': 'in_progress',
    'follow-up': 'in_progress',
  },
  awaiting_info: {
    extend: 'awaiting_info',
    note: 'awaiting_info',
    reply: 'awaiting_info',
    resolve: 'resolved',
    reject: 'rejected',
    merge: 'merged',
    contact: 'awaiting_info',
    'citizen-message': 'in_progress',
    'follow-up': 'awaiting_info',
  },
  resolved: {
    note: 'resolved',
    reply: 'resolved',
    close: 'closed',
    reopen: 'in_progress',
    contact: 'resolved',
    'citizen-message': 'resolved',
    'feedback-accept': 'closed',
    'feedback-reopen': 'in_progress',
    'confirmation-expired': 'closed',
  },
  closed: {
    note: 'closed',
    reopen: 'in_progress',
    contact: 'closed',
    'citizen-message': 'closed',
  },
  rejected: {
    note: 'rejected',
    contact: 'rejected',
  },
  merged: {
    note: 'merged',
    contact: 'merged',
  },
};

const PAIRS = STATUSES.flatMap((from) => ACTIONS.map((action) => ({ from, action, to: LEGAL[from][action] ?? null })));

describe('the expected table', () => {
  it('names every status and every staff action of the case model', () => {
    expect([...STATUSES].sort()).toEqual([...CASE_STATUSES].sort());
    expect([...STAFF_ACTIONS].sort()).toEqual([...CASE_ACTIONS].sort());
    expect(PAIRS).toHaveLength(9 * 20);
  });
});

describe('transition', () => {
  it.each(PAIRS.filter((pair) => pair.to !== null))('$action from $from leads to $to', ({ from, action, to }) => {
    expect(transition(from, action)).toEqual({ ok: true, from, to });
  });

  it.each(PAIRS.filter((pair) => pair.to === null))('$action from $from is refused, in English and in Thai', ({ from, action }) => {
    const result = transition(from, action);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.messageTh).toContain(THAI_LABELS[from]);
    expect(result.messageTh).toMatch(/^ไม่สามารถ/);
    expect(result.message).toContain(action);
    expect(result.message).toContain(from);
    const legalFrom = STATUSES.filter((status) => LEGAL[status][action] !== undefined);
    expect([...result.allowedFrom].sort()).toEqual([...legalFrom].sort());
    expect(result.allowedFrom).not.toContain(from);
  });

  it('a citizen message answers a request for information and puts the case back to work', () => {
    expect(transition('awaiting_info', 'citizen-message')).toEqual({ ok: true, from: 'awaiting_info', to: 'in_progress' });
    // A question asked during screening goes back to screening, so the hub can still route it.
    expect(transition('awaiting_info', 'citizen-message', { statusBeforeWaiting: 'screening' })).toEqual({ ok: true, from: 'awaiting_info', to: 'screening' });
    expect(transition('awaiting_info', 'citizen-message', { statusBeforeWaiting: 'in_progress' })).toEqual({ ok: true, from: 'awaiting_info', to: 'in_progress' });
    // Elsewhere it is a follow-up that leaves the status alone.
    expect(transition('assigned', 'citizen-message')).toEqual({ ok: true, from: 'assigned', to: 'assigned' });
  });

  it('nothing but a note or a contact happens to a rejected or merged case', () => {
    for (const from of ['rejected', 'merged'] as const) {
      expect(ACTIONS.filter((action) => transition(from, action).ok).sort()).toEqual(['contact', 'note']);
    }
  });

  it('the refusal names the action and the statuses it is allowed in, in Thai too', () => {
    const result = transition('closed', 'assign');
    expect(result).toMatchObject({
      ok: false,
      messageTh: 'ไม่สามารถส่งเรื่องให้หน่วยงานได้ เนื่องจากเรื่องอยู่ในสถานะ "ยุติเรื่องแล้ว" ทำได้เฉพาะเมื่อเรื่องอยู่ในสถานะ: รับเรื่องแล้ว, อยู่ระหว่างกลั่นกรอง',
    });
    expect(transition('rejected', 'feedback-reopen')).toMatchObject({ ok: false, messageTh: expect.stringContaining('ขอให้พิจารณาใหม่') });
  });
});

describe('actionsAllowedIn', () => {
  it.each(STATUSES)('in %s lists exactly the staff actions the table allows', (status) => {
    const listed = actionsAllowedIn(status);
    const expected = STAFF_ACTIONS.filter((action) => LEGAL[status][action] !== undefined);
    expect([...listed].sort()).toEqual([...expected].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it.each(STATUSES)('in %s agrees with transition and never lists a citizen or system action', (status) => {
    const listed = actionsAllowedIn(status);
    for (const action of STAFF_ACTIONS) expect(listed.includes(action)).toBe(transition(status, action).ok);
    for (const action of [...CITIZEN_ACTIONS, ...SYSTEM_ACTIONS]) expect(listed).not.toContain(action);
  });
});

describe('the confirmation window (ระยะยืนยันผล)', () => {
  const resolved = { status: 'resolved' as const, confirmationUntil: '2026-09-16' };

  it('is open to the end of its last day, and closed the day after', () => {
    for (const today of ['2026-09-07', '2026-09-15', '2026-09-16']) {
      expect(confirmationOpen(resolved, today), today).toBe(true);
      expect(confirmationExpired(resolved, today), today).toBe(false);
    }
    for (const today of ['2026-09-17', '2026-12-31']) {
      expect(confirmationOpen(resolved, today), today).toBe(false);
      expect(confirmationExpired(resolved, today), today).toBe(true);
    }
  });

  it('belongs to a resolved case only: before resolution and after closing there is none', () => {
    for (const status of STATUSES.filter((each) => each !== 'resolved')) {
      const facts = { status, confirmationUntil: '2026-09-16' };
      expect(confirmationOpen(facts, '2026-09-10'), status).toBe(false);
      expect(confirmationExpired(facts, '2026-09-20'), status).toBe(false);
      expect(closeNeedsReason(facts, '2026-09-10'), status).toBe(false);
    }
  });

  it('asks staff for a reason to close only while the citizen may still answer', () => {
    expect(closeNeedsReason(resolved, '2026-09-16')).toBe(true);
    expect(closeNeedsReason(resolved, '2026-09-17')).toBe(false);
  });

  it('takes the citizen’s acceptance or reopening inside the window, and refuses it after, even before the job ran', () => {
    expect(checkCitizenResponse(resolved, 'feedback-accept', '2026-09-16')).toEqual({ ok: true, to: 'closed' });
    expect(checkCitizenResponse(resolved, 'feedback-reopen', '2026-09-16')).toEqual({ ok: true, to: 'in_progress' });
    for (const action of ['feedback-accept', 'feedback-reopen'] as const) {
      expect(checkCitizenResponse(resolved, action, '2026-09-17')).toEqual({ ok: false, reason: 'window_closed', until: '2026-09-16' });
      expect(checkCitizenResponse({ status: 'in_progress', confirmationUntil: null }, action, '2026-09-10')).toEqual({ ok: false, reason: 'not_resolved' });
      expect(checkCitizenResponse({ status: 'closed', confirmationUntil: '2026-09-16' }, action, '2026-09-10')).toEqual({ ok: false, reason: 'not_resolved' });
    }
  });

  it('keeps a case resolved before windows existed open to the citizen, and never closes it by itself', () => {
    const legacy = { status: 'resolved' as const, confirmationUntil: null };
    expect(confirmationOpen(legacy, '2030-01-01')).toBe(true);
    expect(confirmationExpired(legacy, '2030-01-01')).toBe(false);
    expect(checkCitizenResponse(legacy, 'feedback-accept', '2030-01-01')).toEqual({ ok: true, to: 'closed' });
  });

  it('closes by itself only from resolved', () => {
    expect(transition('resolved', 'confirmation-expired')).toEqual({ ok: true, from: 'resolved', to: 'closed' });
    expect(transition('in_progress', 'confirmation-expired')).toMatchObject({ ok: false, messageTh: expect.stringContaining('ยุติเรื่องเมื่อพ้นกำหนดยืนยันผล') });
  });
});
