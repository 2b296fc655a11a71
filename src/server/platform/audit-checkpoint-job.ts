/**
 * `audit.checkpoint`, every five minutes: signs the audit chain head and appends it to the
 * checkpoint file beside the data (config.auditCheckpointsFile), unless the head has not moved
 * since the last line. A rewrite or a cut of the log before the newest checkpoint is then found
 * by `rongthuk audit verify`. Idempotent: a repeat writes the same head once.
 */
import { z } from 'zod';
import { appendCheckpoint, takeCheckpoint } from './audit-checkpoints.ts';
import type { AppContext } from './context.ts';
import { defineJobHandler, type RecurringJob } from './jobs.ts';

export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';

export const auditCheckpointRecurring: RecurringJob = { type: AUDIT_CHECKPOINT_JOB, everySeconds: 300 };

export const auditCheckpointHandler = defineJobHandler({
  type: AUDIT_CHECKPOINT_JOB,
  payload: z.unknown(),
  maxAttempts: 3,
  async handle(ctx: AppContext) {
    await appendCheckpoint(ctx.config.auditCheckpointsFile, await takeCheckpoint(ctx.db, ctx.protector, ctx.now()));
  },
});
