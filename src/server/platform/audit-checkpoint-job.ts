/**
 * `audit.checkpoint`, every five minutes: signs the audit chain head and appends it to the
 * checkpoint file beside the data (config.auditCheckpointsFile), unless the head has not moved
 * since the last line. A rewrite or a cut of the log before the newest checkpoint is then found
 * by `rongthuk audit verify`. Idempotent: a repeat writes the same head once.
 */
import { recordCheckpoint } from './audit-checkpoints.ts';
import { defineSweepJob } from './jobs.ts';

export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';

export const auditCheckpoint = defineSweepJob(AUDIT_CHECKPOINT_JOB, 300, recordCheckpoint);
