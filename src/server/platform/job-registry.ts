/**
 * The job types this installation runs, and the recurring ones. Every worker — inside
 * `rongthuk serve` or alone as `rongthuk worker` — gets its handlers from here, so all
 * processes can run every job. Capabilities add their handlers to `jobHandlers()`.
 */
import { z } from 'zod';
import { auditCheckpoint } from './audit-checkpoint-job.ts';
import type { AppContext } from './context.ts';
import { deleteDoneJobs } from './job-queries.ts';
import { notificationJobHandlers } from '../notifications/jobs.ts';
import { confirmationExpiredHandler, confirmationSweep } from '../cases/confirmation-jobs.ts';
import { slaSweep, slaTimerHandler } from '../sla/sweep-jobs.ts';
import { createWorker, defineJobHandler, type JobHandler, type RecurringJob, type Worker, type WorkerOptions } from './jobs.ts';

const CLEANUP_BATCH = 1000;
/** A few million done jobs at most per run; the rest waits for the next hour. */
const CLEANUP_MAX_BATCHES = 1000;

/**
 * `jobs.cleanup`: deletes done jobs finished more than `keepDays` (default 7) days ago, in
 * bounded batches so no single statement holds many row locks. Dead jobs stay for a person
 * to look at. Idempotent: a repeat finds less or nothing to delete.
 */
export const cleanupJobsHandler = defineJobHandler({
  type: 'jobs.cleanup',
  payload: z.object({ keepDays: z.number().int().positive().optional() }),
  maxAttempts: 3,
  async handle(ctx: AppContext, payload) {
    const before = new Date(ctx.now().getTime() - (payload.keepDays ?? 7) * 86_400_000);
    for (let batch = 0; batch < CLEANUP_MAX_BATCHES; batch++) {
      if ((await deleteDoneJobs(ctx.db, before, CLEANUP_BATCH)) < CLEANUP_BATCH) return;
    }
  },
});

/** The sweeps, every five minutes each. */
const SWEEPS = [auditCheckpoint, slaSweep, confirmationSweep];

/** Every job handler of the application. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of different payload types
export function jobHandlers(): JobHandler<any>[] {
  return [cleanupJobsHandler, ...SWEEPS.map((sweep) => sweep.handler), slaTimerHandler, confirmationExpiredHandler, ...notificationJobHandlers()];
}

/** The jobs every worker enqueues once per period. */
export function recurringJobs(): RecurringJob[] {
  return [{ type: cleanupJobsHandler.type, everySeconds: 3600 }, ...SWEEPS.map((sweep) => sweep.recurring)];
}

/** A worker with the application's handlers and recurring jobs (for `serve` and `worker`). */
export function createAppWorker(ctx: AppContext, options: Omit<WorkerOptions, 'recurring'> = {}): Worker {
  return createWorker(ctx, jobHandlers(), { ...options, recurring: recurringJobs() });
}
