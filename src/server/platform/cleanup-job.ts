/**
 * `jobs.cleanup`, every hour: the job table's own housekeeping. The composition root (app.ts)
 * gives it to every worker with the capabilities' jobs.
 */
import { z } from 'zod';
import type { AppContext } from './context.ts';
import { deleteDoneJobs } from './job-queries.ts';
import { defineJobHandler } from './jobs.ts';

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

/** How often every worker enqueues `jobs.cleanup`. */
export const CLEANUP_EVERY_SECONDS = 3600;
