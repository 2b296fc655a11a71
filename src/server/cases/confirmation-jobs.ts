/**
 * ยุติเรื่องอัตโนมัติ: the end of the citizen's confirmation window. `cases.confirmation-sweep`
 * (recurring) finds a bounded batch of resolved cases whose window has ended and fans out one
 * `cases.confirmation-expired` job per case and window; each re-checks its case under a row
 * lock and closes it as the system (event and audit), so running it twice does nothing more.
 */
import { z } from 'zod';
import { bangkokDate, toBuddhistEraDate } from '../../shared/business-days.ts';
import type { AppContext } from '../platform/context.ts';
import { defineJobHandler, defineSweepJob, enqueueJob } from '../platform/jobs.ts';
import { closeBySystem } from './commands/close-case.ts';
import { findExpiredConfirmations, lockCase } from './queries.ts';
import { confirmationExpired } from './state-machine.ts';

export const CONFIRMATION_SWEEP_JOB = 'cases.confirmation-sweep';
export const CONFIRMATION_EXPIRED_JOB = 'cases.confirmation-expired';
/** Cases a sweep fans out; the next sweep takes the rest. */
export const CONFIRMATION_SWEEP_BATCH = 500;

export const confirmationSweep = defineSweepJob(CONFIRMATION_SWEEP_JOB, 300, (ctx) => sweepConfirmations(ctx));

/** One sweep: a job enqueued for each case whose window has ended. Returns how many. */
export async function sweepConfirmations(ctx: AppContext): Promise<number> {
  const expired = await findExpiredConfirmations(ctx.db, bangkokDate(ctx.now()), CONFIRMATION_SWEEP_BATCH);
  await ctx.db.transaction(async (tx) => {
    for (const { caseId, confirmationUntil } of expired) {
      await enqueueJob(tx, {
        type: CONFIRMATION_EXPIRED_JOB,
        payload: { caseId, confirmationUntil },
        idempotencyKey: `${CONFIRMATION_EXPIRED_JOB}:${caseId}:${confirmationUntil}`,
      });
    }
  });
  return expired.length;
}

const ExpiredPayloadSchema = z.object({ caseId: z.uuid(), confirmationUntil: z.iso.date() });

export const confirmationExpiredHandler = defineJobHandler({
  type: CONFIRMATION_EXPIRED_JOB,
  payload: ExpiredPayloadSchema,
  async handle(ctx: AppContext, payload) {
    await closeUnconfirmedCase(ctx, payload.caseId, payload.confirmationUntil);
  },
});

/**
 * Closes the case if it is still resolved under the window the job was made for and that
 * window has ended; a case the citizen answered, staff closed or reopened (and perhaps
 * resolved again, with a new window) is left alone. Returns whether it closed.
 */
export async function closeUnconfirmedCase(ctx: AppContext, caseId: string, confirmationUntil: string): Promise<boolean> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const record = await lockCase(tx, caseId);
    if (!record || record.confirmationUntil !== confirmationUntil || !confirmationExpired(record, bangkokDate(now))) return false;
    await closeBySystem(tx, ctx, {
      record,
      payload: {
        by: 'system',
        confirmationUntil,
        reason: `ยุติเรื่องโดยอัตโนมัติ เนื่องจากผู้ร้องไม่ได้ยืนยันผลหรือขอให้พิจารณาใหม่ภายในวันที่ ${toBuddhistEraDate(confirmationUntil)}`,
      },
      audit: { by: 'system', confirmationUntil },
      now,
    });
    return true;
  });
}
