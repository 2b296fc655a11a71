/**
 * The SLA timers. `sla.sweep` (recurring) stores every case's SLA state set-wise, then fans a
 * bounded batch of due timers out as `sla.timer` jobs, one per case and deadline; each timer
 * re-checks its case under a row lock, writes an event, notifies (whom: notifications/recipients.ts,
 * never nobody while someone can be told) and remembers it fired, so running it twice does
 * nothing more.
 */
import { notifyFollowers } from '../cases/follower-notices.ts';
import { z } from 'zod';
import { bangkokDate, toBuddhistEraDate } from '../../shared/business-days.ts';
import type { CaseEventContent, CaseEventPayload } from '../../shared/case-events.ts';
import { appendCaseEvent, loadCaseAsOf, type CaseRecord, type CaseView } from '../cases/queries.ts';
import { notifyRecipients, recipientsOf } from '../notifications/notify.ts';
import type { StaffNotice } from '../notifications/recipients.ts';
import type { CaseNotificationKind } from '../notifications/staff-templates.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { defineJobHandler, defineSweepJob, enqueueJob } from '../platform/jobs.ts';
import { businessDaysAfter } from './deadlines.ts';
import { policyOfCase } from './policy-queries.ts';
import { findTimerCandidates, findTimerMarkers, markTimerFired, recomputeSlaStates, type TimerKind } from './timer-queries.ts';

export const SLA_SWEEP_JOB = 'sla.sweep';
export const SLA_TIMER_JOB = 'sla.timer';
/** Timers a sweep fans out per kind; the next sweep takes the rest. */
export const SWEEP_BATCH = 500;

export const slaSweep = defineSweepJob(SLA_SWEEP_JOB, 300, (ctx) => sweepSla(ctx));

/** One sweep: states recomputed, due timers enqueued. Returns what it did. */
export async function sweepSla(ctx: AppContext): Promise<{ changed: number; timers: number }> {
  const today = bangkokDate(ctx.now());
  const changed = await recomputeSlaStates(ctx.db, today);
  const candidates = await findTimerCandidates(ctx.db, today, SWEEP_BATCH);
  await ctx.db.transaction(async (tx) => {
    for (const candidate of candidates) {
      await enqueueJob(tx, {
        type: SLA_TIMER_JOB,
        payload: candidate,
        idempotencyKey: `${SLA_TIMER_JOB}:${candidate.kind}:${candidate.caseId}:${candidate.firesFor}`,
      });
    }
  });
  return { changed, timers: candidates.length };
}

const TimerPayloadSchema = z.object({
  caseId: z.uuid(),
  kind: z.enum(['due_soon', 'overdue', 'cceo', 'progress']),
  firesFor: z.iso.date(),
});

export const slaTimerHandler = defineJobHandler({
  type: SLA_TIMER_JOB,
  payload: TimerPayloadSchema,
  async handle(ctx: AppContext, payload) {
    await fireTimer(ctx, payload.caseId, payload.kind, payload.firesFor);
  },
});

/** What each timer tells staff of (who hears it: recipients.ts), and the notification's kind. */
const NOTICES: Record<TimerKind, { notice: StaffNotice; kind: CaseNotificationKind }> = {
  due_soon: { notice: 'due_soon', kind: 'due_soon' },
  overdue: { notice: 'overdue', kind: 'overdue' },
  cceo: { notice: 'cceo_escalation', kind: 'escalated' },
  progress: { notice: 'progress_reminder', kind: 'progress_reminder' },
};

/** Fires one timer if its case still calls for it. */
export async function fireTimer(ctx: AppContext, caseId: string, kind: TimerKind, firesFor: string): Promise<boolean> {
  const now = ctx.now();
  const today = bangkokDate(now);
  return ctx.db.transaction(async (tx) => {
    // The state of this moment, not the one the sweep stored: the day may have turned since.
    const record = await loadCaseAsOf(tx, { id: caseId }, today, true);
    if (!record || !(await stillDue(tx, record, kind, firesFor, today))) return false;
    const { notice, kind: notificationKind } = NOTICES[kind];
    const recipients = await recipientsOf(tx, notice, record.holderAgencyId);
    const notified = recipients ? { agencyCode: recipients.agencyCode, roles: recipients.roles, ...(recipients.fallback ? { fallback: true as const } : {}) } : null;
    const seq = await appendCaseEvent(tx, {
      caseId,
      at: now,
      ...timerEvent(kind, { dueDate: record.dueDate, firesFor, notified }, recipients?.agencyCode ?? null),
      visibility: 'internal',
      actorUserId: null,
      actorAgencyId: null,
      statusBefore: record.status,
      statusAfter: record.status,
    });
    if (recipients) {
      await notifyRecipients(tx, recipients, {
        caseId,
        key: seq,
        kind: notificationKind,
        notice,
        agencyId: record.holderAgencyId,
        detail: `ครบกำหนดวันที่ ${toBuddhistEraDate(record.dueDate)}`,
      });
    }
    // The agencies that sent it on hear it is overdue where it is held.
    if (kind === 'overdue') await notifyFollowers(tx, { caseId, key: seq, kind: 'following_overdue', detail: `ครบกำหนดวันที่ ${toBuddhistEraDate(record.dueDate)}` });
    await markTimerFired(tx, caseId, kind, firesFor, today, kind === 'overdue' ? await cceoEscalationDay(tx, record, today) : undefined);
    return true;
  });
}

/** The event of a timer; `timer.notified` says who was told (null: no one at all could be). */
function timerEvent(kind: TimerKind, timer: CaseEventPayload<'due_soon_reminder'>, escalatedTo: string | null): CaseEventContent {
  switch (kind) {
    case 'due_soon':
      return { type: 'due_soon_reminder', payload: timer };
    case 'progress':
      return { type: 'progress_reminder', payload: timer };
    case 'overdue':
    case 'cceo':
      return { type: 'escalated', payload: { ...timer, level: kind === 'cceo' ? 'cceo' : 'supervisor', agencyCode: escalatedTo } };
  }
}

/** The case still calls for this timer, and it has not fired for this deadline yet. */
async function stillDue(tx: Queryable, record: CaseView, kind: TimerKind, firesFor: string, today: string): Promise<boolean> {
  const markers = await findTimerMarkers(tx, record.id);
  if (markers[kind] === firesFor) return false;
  switch (kind) {
    case 'due_soon':
      return record.slaState === 'due_soon' && record.dueDate === firesFor;
    case 'overdue':
      return record.slaState === 'overdue' && record.dueDate === firesFor;
    case 'progress':
      return ['assigned', 'in_progress'].includes(record.status) && record.progressDueOn === firesFor && firesFor <= today;
    case 'cceo':
      return (
        record.slaState === 'overdue' &&
        record.dueDate === firesFor &&
        markers.overdue === firesFor &&
        markers.cceoEscalationDueOn !== null &&
        markers.cceoEscalationDueOn <= today
      );
  }
}

/** The day the CCEO above hears of an overdue case the supervisor has not settled. */
async function cceoEscalationDay(tx: Queryable, record: CaseRecord, today: string): Promise<string> {
  return businessDaysAfter(tx, today, (await policyOfCase(tx, record)).cceoEscalationBusinessDays, record.holderAgencyPath);
}
