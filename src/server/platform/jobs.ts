/**
 * Background jobs in the application's own database (a transactional outbox): a use case
 * enqueues a job inside its transaction, so the job exists exactly when the change that
 * caused it commits; workers in any number of processes claim due jobs with
 * `FOR UPDATE SKIP LOCKED`, retry failures with exponential backoff and finally keep a job
 * as `dead` with its last error. Delivery is at least once: a worker that dies mid-job
 * leaves it `running` until its lease expires, and then another worker runs it again — so
 * every handler must be idempotent.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { AppContext } from './context.ts';
import type { Queryable } from './database.ts';
import { describeErrorSafely } from './logging.ts';
import {
  claimDueJobs,
  insertJob,
  markJobDead,
  markJobDone,
  markJobForRetry,
  findRunningWorkerIds,
  recoverExpiredJobs,
  recoverJobsOfWorkers,
  releaseJobs,
  type ClaimedJob,
  type JobClaim,
} from './job-queries.ts';

/** A job to enqueue. */
export interface JobSpec {
  type: string;
  payload: unknown;
  /** Not before this instant; default: due at once. */
  runAt?: Date;
  /** Overrides the handler's retry limit for this job. */
  maxAttempts?: number;
  /** A second job with the same key is not enqueued (while the first is still in the table). */
  idempotencyKey?: string;
}

/**
 * Enqueues inside the caller's transaction: the job exists only if the change that caused it
 * commits. Duplicate idempotencyKey → no-op.
 */
export async function enqueueJob(tx: Queryable, job: JobSpec): Promise<void> {
  if (!job.type) throw new Error('a job needs a type');
  if (job.maxAttempts !== undefined && !(Number.isInteger(job.maxAttempts) && job.maxAttempts >= 1)) {
    throw new Error(`maxAttempts of a ${job.type} job must be a whole number of at least 1, not ${job.maxAttempts}`);
  }
  if (job.runAt !== undefined && Number.isNaN(job.runAt.getTime())) {
    throw new Error(`runAt of a ${job.type} job is not a valid date`);
  }
  await insertJob(tx, {
    type: job.type,
    payload: job.payload,
    runAt: job.runAt,
    maxAttempts: job.maxAttempts,
    idempotencyKey: job.idempotencyKey,
  });
}

/**
 * Runs the jobs of one type. Handlers must be idempotent: a job runs at least once, and again
 * after a failure or when its worker died before recording the result. Do the work in a
 * transaction of your own through `ctx.db` (the worker holds none while a handler runs), and
 * make a repeat a no-op (check state first, or write with ON CONFLICT DO NOTHING).
 */
export interface JobHandler<P = unknown> {
  type: string;
  /** Validates the stored payload; an invalid payload sends the job to `dead` at once. */
  payload: z.ZodType<P>;
  /** Attempts before the job is given up as `dead` (default 5); a job's own maxAttempts wins. */
  maxAttempts?: number;
  /** base of exponential backoff */
  backoffSeconds?: number;
  handle(ctx: AppContext, payload: P, job: { id: string; attempt: number }): Promise<void>;
}

/** Types a handler from its payload schema: `defineJobHandler({ type, payload: z.object(…), handle })`. */
export function defineJobHandler<P>(handler: JobHandler<P>): JobHandler<P> {
  return handler;
}

/**
 * A job every worker enqueues once per period: idempotency key `${type}@${bucket}`, bucket =
 * floor(now / everySeconds), so any number of workers enqueue it once per period.
 */
export interface RecurringJob {
  type: string;
  everySeconds: number;
  payload?: unknown;
}

/** A sweep: a job without payload that every worker enqueues once a period, and its handler. */
export interface SweepJob {
  handler: JobHandler<unknown>;
  recurring: RecurringJob;
}

/** Defines a sweep from what it does once a period (three attempts, as for every sweep). */
export function defineSweepJob(type: string, everySeconds: number, run: (ctx: AppContext) => Promise<unknown>): SweepJob {
  return {
    handler: defineJobHandler({
      type,
      payload: z.unknown(),
      maxAttempts: 3,
      async handle(ctx: AppContext) {
        await run(ctx);
      },
    }),
    recurring: { type, everySeconds },
  };
}

export interface Worker {
  /** Polls in the background until stop(). */
  start(): void;
  /** Stops polling and waits for the handlers that are running; claimed jobs not started go back to the queue. */
  stop(): Promise<void>;
  /** claims and runs one batch; returns how many ran */
  runOnce(): Promise<number>;
}

/** Structured logging, pino-compatible; without one the worker is silent. */
export interface JobLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface WorkerOptions {
  /** Recorded as locked_by; default host:pid:random. */
  id?: string;
  /** Jobs claimed at a time (default 10). */
  batchSize?: number;
  /** Pause between polls when the queue is empty (default 1,000 ms). */
  pollIntervalMs?: number;
  recurring?: RecurringJob[];
  /** The worker's clock, also given to handlers as ctx.now; default ctx.now. */
  now?: () => Date;
  /** A running job whose worker has not finished it within this many seconds is taken back (default 300). */
  leaseSeconds?: number;
  logger?: JobLogger;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_SECONDS = 30;
/** No retry waits longer than an hour: timers and notifications must not drift away. */
export const MAX_BACKOFF_SECONDS = 3600;
const DEFAULT_LEASE_SECONDS = 300;
/** Full batches run back to back at most this often before the worker yields to the event loop. */
const MAX_BATCHES_PER_TICK = 10;
/** Polling after database errors slows down to at most this. */
const MAX_ERROR_DELAY_MS = 60_000;
const MAX_ERROR_LENGTH = 2000;

const DEAD_WORKER_CHECK_MS = 60_000;

/**
 * A worker id of this host (`host:pid:random`, the default) whose process no longer exists.
 * A signal 0 tests for the process without touching it: ESRCH, there is none (EPERM: there is,
 * another user's).
 */
export function isDeadLocalWorker(workerId: string): boolean {
  const [host, pidText] = workerId.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Seconds before retry number `attempt` (1 = the first failure): base · 2^(attempt−1), capped at an hour. */
export function backoffSeconds(base: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, base * 2 ** Math.max(0, attempt - 1));
}

const silentLogger: JobLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Creates a worker for the given handlers; call start() to poll, or runOnce() to drive it. */
// `any`: a list mixes handlers of different payload types; each validates its own payload.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createWorker(ctx: AppContext, handlers: JobHandler<any>[], options: WorkerOptions = {}): Worker {
  const byType = new Map<string, JobHandler<unknown>>();
  for (const handler of handlers) {
    if (byType.has(handler.type)) throw new Error(`two handlers for job type "${handler.type}"`);
    byType.set(handler.type, handler);
  }
  const recurring = options.recurring ?? [];
  for (const job of recurring) {
    if (!(Number.isInteger(job.everySeconds) && job.everySeconds >= 1)) {
      throw new Error(`recurring job ${job.type}: everySeconds must be a whole number of at least 1`);
    }
  }
  const workerId = options.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const batchSize = positive(options.batchSize ?? 10, 'batchSize');
  const pollIntervalMs = positive(options.pollIntervalMs ?? 1000, 'pollIntervalMs');
  const leaseMs = positive(options.leaseSeconds ?? DEFAULT_LEASE_SECONDS, 'leaseSeconds') * 1000;
  const now = options.now ?? ctx.now;
  // Handlers see the worker's clock too, so a test that moves it moves everything.
  const handlerCtx: AppContext = options.now ? { ...ctx, now: options.now } : ctx;
  const log = options.logger ?? silentLogger;

  let started = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let tickInProgress: Promise<void> | undefined;
  let consecutiveFailures = 0;
  /** The last period each recurring job was enqueued for by this worker: one insert per period, not per poll. */
  const enqueuedBucket = new Map<string, number>();

  /** When this worker last looked for dead workers of its own host. */
  let lookedForDeadAt = -Infinity;

  async function housekeeping(at: Date): Promise<void> {
    const recovered = await recoverExpiredJobs(ctx.db, new Date(at.getTime() - leaseMs));
    if (recovered.length > 0) log.warn({ worker: workerId, jobs: recovered }, 'took back jobs whose worker did not finish them within the lease');
    // A process of this host that was killed (kill -9, out of memory) left its claims: take them
    // back now, not a lease later. At start, then once a minute.
    if (Date.now() - lookedForDeadAt >= DEAD_WORKER_CHECK_MS) {
      lookedForDeadAt = Date.now();
      const dead = (await findRunningWorkerIds(ctx.db, `${hostname()}:`)).filter(isDeadLocalWorker);
      const taken = dead.length > 0 ? await recoverJobsOfWorkers(ctx.db, dead) : [];
      if (taken.length > 0) log.warn({ worker: workerId, deadWorkers: dead, jobs: taken }, 'took back jobs of workers of this host whose process is gone');
    }
    for (const job of recurring) {
      const bucket = Math.floor(at.getTime() / 1000 / job.everySeconds);
      if (enqueuedBucket.get(job.type) === bucket) continue;
      await enqueueJob(ctx.db, { type: job.type, payload: job.payload ?? {}, idempotencyKey: `${job.type}@${bucket}` });
      enqueuedBucket.set(job.type, bucket);
    }
  }

  async function runJob(job: ClaimedJob): Promise<void> {
    const claim: JobClaim = { id: job.id, workerId, attempts: job.attempts };
    const handler = byType.get(job.type);
    if (!handler) {
      await giveUp(claim, job, `no handler for job type "${job.type}" in this worker`);
      return;
    }
    const parsed = handler.payload.safeParse(job.payload);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
      await giveUp(claim, job, `invalid payload for job type "${job.type}": ${problems.join('; ')}`);
      return;
    }
    const limit = job.maxAttempts ?? handler.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (job.attempts > limit) {
      // Only a job taken back from a dead worker gets here: its lost runs counted as attempts.
      await giveUp(claim, job, `gave up after ${job.attempts - 1} attempts; last: ${job.lastError ?? 'unknown error'}`);
      return;
    }
    try {
      await handler.handle(handlerCtx, parsed.data, { id: job.id, attempt: job.attempts });
    } catch (error) {
      const message = describeError(error);
      if (job.attempts < limit) {
        const delay = backoffSeconds(handler.backoffSeconds ?? DEFAULT_BACKOFF_SECONDS, job.attempts);
        const runAt = new Date(now().getTime() + delay * 1000);
        await settle(markJobForRetry(ctx.db, claim, runAt, message), job);
        log.warn({ worker: workerId, job: job.id, type: job.type, attempt: job.attempts, retryAt: runAt.toISOString(), error: message }, 'job failed; will retry');
      } else {
        await giveUp(claim, job, message);
      }
      return;
    }
    await settle(markJobDone(ctx.db, claim, now()), job);
  }

  async function giveUp(claim: JobClaim, job: ClaimedJob, reason: string): Promise<void> {
    await settle(markJobDead(ctx.db, claim, now(), truncate(reason)), job);
    log.error({ worker: workerId, job: job.id, type: job.type, attempt: job.attempts, error: reason }, 'job is dead');
  }

  /** A result that did not land: the lease expired meanwhile and another worker has the job. */
  async function settle(update: Promise<boolean>, job: ClaimedJob): Promise<void> {
    if (!(await update)) log.warn({ worker: workerId, job: job.id, type: job.type }, 'job was taken back before its result was recorded');
  }

  async function runOnce(): Promise<number> {
    const at = now();
    await housekeeping(at);
    const claimed = await claimDueJobs(ctx.db, workerId, at, batchSize);
    // One after another, leaving the pool's other connections to requests: more throughput
    // comes from more workers (`rongthuk worker`), each claiming its own batch.
    for (const [index, job] of claimed.entries()) {
      if (stopping) {
        await releaseJobs(ctx.db, claimed.slice(index).map((rest) => ({ id: rest.id, workerId, attempts: rest.attempts })));
        return index;
      }
      await runJob(job);
    }
    return claimed.length;
  }

  async function tick(): Promise<void> {
    let delay = pollIntervalMs;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_TICK && !stopping; batch++) {
        const ran = await runOnce();
        if (ran < batchSize) break;
        // Still full after the last batch allowed: come back at once, after other I/O had a turn.
        if (batch === MAX_BATCHES_PER_TICK - 1) delay = 0;
      }
      consecutiveFailures = 0;
    } catch (error) {
      consecutiveFailures += 1;
      delay = Math.min(MAX_ERROR_DELAY_MS, pollIntervalMs * 2 ** consecutiveFailures);
      log.error({ worker: workerId, error: describeError(error), retryInMs: delay }, 'job polling failed');
    }
    if (!stopping) schedule(delay);
  }

  function schedule(delay: number): void {
    timer = setTimeout(() => {
      timer = undefined;
      tickInProgress = tick().finally(() => {
        tickInProgress = undefined;
      });
    }, delay);
  }

  return {
    start() {
      if (started) return;
      started = true;
      stopping = false;
      log.info({ worker: workerId, handlers: [...byType.keys()] }, 'job worker started');
      schedule(0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await tickInProgress;
      if (started) log.info({ worker: workerId }, 'job worker stopped');
      started = false;
      stopping = false;
    },
    runOnce,
  };
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`worker option ${name} must be a positive number, not ${value}`);
  return value;
}

/** The error as the job table and the log may keep it: no values it quotes, no personal data. */
function describeError(error: unknown): string {
  return truncate(describeErrorSafely(error));
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
