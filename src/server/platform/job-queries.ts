/** SQL of the job queue (table `jobs`, migrations/0002_jobs.sql). */
import { z } from 'zod';
import type { Queryable } from './database.ts';
import { IdRow, queryRows } from './rows.ts';

/** A job as a worker holds it after claiming it. */
const ClaimedJobSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    payload: z.unknown(),
    /** This claim included. */
    attempts: z.number(),
    /** null: the handler's policy. */
    maxAttempts: z.number().nullable(),
    lastError: z.string().nullable(),
  })
  .describe('claimed job');
export type ClaimedJob = z.output<typeof ClaimedJobSchema>;


export interface NewJobRow {
  type: string;
  payload: unknown;
  /** undefined: due at once (stored as '-infinity'). */
  runAt: Date | undefined;
  maxAttempts: number | undefined;
  idempotencyKey: string | undefined;
}

/** Inserts a job; a job with the same idempotency key already there makes it a no-op. Returns whether it was inserted. */
export async function insertJob(db: Queryable, job: NewJobRow): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO jobs (type, payload, run_at, max_attempts, idempotency_key)
     VALUES ($1, $2::jsonb, COALESCE($3::timestamptz, '-infinity'), $4, $5)
     ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING id`,
    [job.type, JSON.stringify(job.payload ?? null), job.runAt ?? null, job.maxAttempts ?? null, job.idempotencyKey ?? null],
  );
  return rows.length > 0;
}

/**
 * Claims up to `limit` due jobs in one statement, in the order they fell due. SKIP LOCKED lets workers in other processes
 * claim other rows at the same moment instead of waiting for these, so no job goes to two
 * workers and no worker blocks another.
 */
export async function claimDueJobs(db: Queryable, workerId: string, now: Date, limit: number): Promise<ClaimedJob[]> {
  return queryRows(
    db,
    ClaimedJobSchema,
    `WITH claimed AS (
       UPDATE jobs
          SET status = 'running', locked_by = $1, locked_at = $2, attempts = attempts + 1
        WHERE id IN (
                SELECT id FROM jobs
                 WHERE status = 'pending' AND run_at <= $2
                 ORDER BY run_at, created_at
                 LIMIT $3
                 FOR UPDATE SKIP LOCKED)
        RETURNING id, type, payload, attempts, max_attempts, last_error, run_at, created_at)
     SELECT id, type, payload, attempts, max_attempts, last_error FROM claimed ORDER BY run_at, created_at`,
    [workerId, now, limit],
  );
}

/** Identifies one claim: a job taken back after its lease expired no longer matches it. */
export interface JobClaim {
  id: string;
  workerId: string;
  attempts: number;
}

const OWN_CLAIM = `id = $1 AND status = 'running' AND locked_by = $2 AND attempts = $3`;

/** Marks a claimed job done (an earlier attempt's error stays, for the record); false when this worker no longer held it. */
export async function markJobDone(db: Queryable, claim: JobClaim, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET status = 'done', finished_at = $4 WHERE ${OWN_CLAIM} RETURNING id`,
    [claim.id, claim.workerId, claim.attempts, now],
  );
  return rows.length > 0;
}

/** Puts a failed job back to pending, due at `runAt`. */
export async function markJobForRetry(db: Queryable, claim: JobClaim, runAt: Date, error: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET status = 'pending', run_at = $4, last_error = $5, locked_by = NULL, locked_at = NULL
      WHERE ${OWN_CLAIM} RETURNING id`,
    [claim.id, claim.workerId, claim.attempts, runAt, error],
  );
  return rows.length > 0;
}

/** Gives a job up: it stays in the table, with its last error, for a person to look at. */
export async function markJobDead(db: Queryable, claim: JobClaim, now: Date, error: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE jobs SET status = 'dead', finished_at = $4, last_error = $5 WHERE ${OWN_CLAIM} RETURNING id`,
    [claim.id, claim.workerId, claim.attempts, now, error],
  );
  return rows.length > 0;
}

/** Hands claimed jobs that this worker did not start back to the queue, their claim uncounted. */
export async function releaseJobs(db: Queryable, claims: JobClaim[]): Promise<void> {
  if (claims.length === 0) return;
  await db.query(
    `UPDATE jobs SET status = 'pending', attempts = attempts - 1, locked_by = NULL, locked_at = NULL
      WHERE id = ANY($1::uuid[]) AND status = 'running' AND locked_by = $2`,
    [claims.map((claim) => claim.id), claims[0]?.workerId],
  );
}

/**
 * Takes back jobs whose worker has held them past the lease (it crashed or lost the
 * database): they go back to pending, so nothing is lost. Returns their ids.
 */
export async function recoverExpiredJobs(db: Queryable, lockedBefore: Date): Promise<string[]> {
  const rows = await queryRows(
    db,
    IdRow,
    `UPDATE jobs
        SET status = 'pending', locked_by = NULL, locked_at = NULL,
            last_error = 'lease expired: worker ' || locked_by || ' did not finish attempt ' || attempts
      WHERE status = 'running' AND locked_at < $1
      RETURNING id`,
    [lockedBefore],
  );
  return rows.map((row) => row.id);
}

/** The workers holding running jobs whose ids begin with `prefix` (this host's: `host:`). */
export async function findRunningWorkerIds(db: Queryable, prefix: string): Promise<string[]> {
  const rows = await queryRows(
    db,
    z.object({ lockedBy: z.string() }).describe('worker'),
    "SELECT DISTINCT locked_by FROM jobs WHERE status = 'running' AND starts_with(locked_by, $1)",
    [prefix],
  );
  return rows.map((row) => row.lockedBy);
}

/** Takes back the running jobs of workers known to be dead, at once rather than when their lease ends. */
export async function recoverJobsOfWorkers(db: Queryable, workerIds: string[]): Promise<string[]> {
  const rows = await queryRows(
    db,
    IdRow,
    `UPDATE jobs
        SET status = 'pending', locked_by = NULL, locked_at = NULL,
            last_error = 'worker ' || locked_by || ' died during attempt ' || attempts
      WHERE status = 'running' AND locked_by = ANY($1::text[])
      RETURNING id`,
    [workerIds],
  );
  return rows.map((row) => row.id);
}

/** Deletes up to `limit` done jobs finished before `before`; returns how many. */
export async function deleteDoneJobs(db: Queryable, before: Date, limit: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM jobs
      WHERE id IN (SELECT id FROM jobs WHERE status = 'done' AND finished_at < $1 LIMIT $2)
      RETURNING id`,
    [before, limit],
  );
  return rows.length;
}
