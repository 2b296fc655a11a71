/**
 * The job queue on both engines: enqueued with the transaction of its cause, claimed once,
 * retried with backoff on the worker's clock, dead-lettered, deduplicated, scheduled, taken
 * back from a dead worker, recurring once per period; the test — two workers with
 * their own pools on one database run each of 1,000 jobs exactly once; and `rongthuk worker`
 * on a data directory's embedded server, alone and beside a second worker.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NOTIFY_CITIZEN_JOB, NOTIFY_STAFF_JOB } from '../src/server/notifications/notify.ts';
import { NOTIFY_ACCESS_KEY_JOB } from '../src/server/notifications/access-key.ts';
import type { AppContext } from '../src/server/platform/context.ts';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import { openDatabase, queryOne, type Database } from '../src/server/platform/database.ts';
import { markJobDone } from '../src/server/platform/job-queries.ts';
import { createAppWorker, jobHandlers, recurringJobs } from '../src/server/app.ts';
import { backoffSeconds, createWorker, defineJobHandler, enqueueJob, isDeadLocalWorker, type JobHandler } from '../src/server/platform/jobs.ts';
import { runWorker } from '../src/server/worker-cli.ts';
import { SLA_SWEEP_JOB, SLA_TIMER_JOB } from '../src/server/sla/sweep-jobs.ts';
import { CONFIRMATION_EXPIRED_JOB, CONFIRMATION_SWEEP_JOB } from '../src/server/cases/confirmation-jobs.ts';
import { FILE_EXPORT_JOB } from '../src/server/exchange/file-export.ts';
import { SURGE_WATCH_JOB } from '../src/server/dashboard/surge-watch.ts';
import { EMAIL_ACKNOWLEDGE_JOB } from '../src/server/channels/email/acknowledge-job.ts';
import { EMAIL_POLL_JOB } from '../src/server/channels/email/poll-mailboxes.ts';
import { LINE_IDLE_SWEEP_JOB } from '../src/server/channels/line/line-idle-sweep.ts';
import { TEST_CONFIG, TEST_DATA_KEY } from './support/app.ts';
import { createTestDatabase, DATABASE_HOOK_TIMEOUT, DATABASE_KINDS, describeEachDatabase, postgresUrl, type TestDatabase } from './support/databases.ts';
import { createEmbeddedDataDir, embeddedServerRunning, isEmbeddedServerLine, removeEmbeddedDataDir } from './support/embedded-data-dir.ts';

interface JobRow {
  id: string;
  type: string;
  payload: unknown;
  status: string;
  attempts: number;
  max_attempts: number | null;
  last_error: string | null;
  locked_by: string | null;
  run_at: Date | string | number;
  finished_at: Date | null;
}

const START = new Date('2026-03-02T02:00:00Z');

function contextFor(db: Database, now: () => Date = () => new Date()): AppContext {
  return { db, config: TEST_CONFIG, protector: createDataProtector(TEST_DATA_KEY), now };
}

/** A clock the test moves by hand. */
function manualClock(start = START) {
  let at = start;
  return {
    now: () => at,
    advance(seconds: number) {
      at = new Date(at.getTime() + seconds * 1000);
    },
  };
}

async function jobsOfType(db: Database, type: string): Promise<JobRow[]> {
  return db.query<JobRow>('SELECT * FROM jobs WHERE type = $1 ORDER BY created_at, id', [type]);
}

async function onlyJob(db: Database, type: string): Promise<JobRow> {
  const rows = await jobsOfType(db, type);
  expect(rows).toHaveLength(1);
  return rows[0] as JobRow;
}

const EchoPayload = z.object({ caseId: z.string() });

describeEachDatabase('jobs', ({ db }) => {
  beforeEach(async () => {
    // Workers kill jobs of types they do not know: every test starts from an empty queue.
    await db().query('DELETE FROM jobs');
  });

  it('exists only when the transaction that enqueued it commits', async () => {
    await expect(
      db().transaction(async (tx) => {
        await enqueueJob(tx, { type: 'test.rollback', payload: { caseId: 'a' } });
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    expect(await jobsOfType(db(), 'test.rollback')).toEqual([]);

    await db().transaction((tx) => enqueueJob(tx, { type: 'test.rollback', payload: { caseId: 'b' } }));
    expect(await onlyJob(db(), 'test.rollback')).toMatchObject({ status: 'pending', payload: { caseId: 'b' }, attempts: 0, max_attempts: null });
  });

  it('runs a due job once with its validated payload and records it done', async () => {
    const clock = manualClock();
    const seen: Array<{ payload: unknown; attempt: number; id: string }> = [];
    const handler = defineJobHandler({
      type: 'test.echo',
      payload: EchoPayload,
      async handle(_ctx, payload, job) {
        seen.push({ payload, ...job });
      },
    });
    const worker = createWorker(contextFor(db()), [handler], { id: 'worker-echo', now: clock.now });
    await db().transaction((tx) => enqueueJob(tx, { type: 'test.echo', payload: { caseId: 'c-1' } }));

    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    const row = await onlyJob(db(), 'test.echo');
    expect(row).toMatchObject({ status: 'done', attempts: 1, locked_by: 'worker-echo', last_error: null });
    expect(row.finished_at?.getTime()).toBe(START.getTime());
    expect(seen).toEqual([{ payload: { caseId: 'c-1' }, attempt: 1, id: row.id }]);
  });

  it('retries a failing job with exponential backoff on the worker clock, then records it done', async () => {
    const clock = manualClock();
    let calls = 0;
    const flaky = defineJobHandler({
      type: 'test.flaky',
      payload: EchoPayload,
      backoffSeconds: 10,
      async handle() {
        calls += 1;
        if (calls <= 2) throw new Error(`SMTP unavailable (${calls})`);
      },
    });
    const worker = createWorker(contextFor(db()), [flaky], { now: clock.now });
    await enqueueJob(db(), { type: 'test.flaky', payload: { caseId: 'c-2' } });

    expect(await worker.runOnce()).toBe(1);
    let row = await onlyJob(db(), 'test.flaky');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: SMTP unavailable (1)', locked_by: null });
    expect(new Date(row.run_at).getTime()).toBe(START.getTime() + 10_000);

    clock.advance(9);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    row = await onlyJob(db(), 'test.flaky');
    expect(row).toMatchObject({ status: 'pending', attempts: 2, last_error: 'Error: SMTP unavailable (2)' });
    expect(new Date(row.run_at).getTime()).toBe(clock.now().getTime() + 20_000);

    clock.advance(20);
    expect(await worker.runOnce()).toBe(1);
    row = await onlyJob(db(), 'test.flaky');
    expect(row).toMatchObject({ status: 'done', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('caps the backoff at an hour', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffSeconds(30, attempt))).toEqual([30, 60, 120, 240]);
    expect(backoffSeconds(30, 20)).toBe(3600);
  });

  it('gives a job up as dead with its last error after the maximum attempts', async () => {
    const clock = manualClock();
    const failing = defineJobHandler({
      type: 'test.failing',
      payload: EchoPayload,
      maxAttempts: 3,
      backoffSeconds: 1,
      async handle(_ctx, payload, job) {
        throw new Error(`case ${payload.caseId} failed on attempt ${job.attempt}`);
      },
    });
    const worker = createWorker(contextFor(db()), [failing], { now: clock.now });
    await enqueueJob(db(), { type: 'test.failing', payload: { caseId: 'c-3' } });
    // A job's own limit wins over the handler's.
    await enqueueJob(db(), { type: 'test.failing', payload: { caseId: 'c-4' }, maxAttempts: 1 });

    for (let round = 0; round < 6; round++) {
      await worker.runOnce();
      clock.advance(3600);
    }
    const rows = await jobsOfType(db(), 'test.failing');
    const byCase = new Map(rows.map((row) => [(row.payload as { caseId: string }).caseId, row]));
    expect(byCase.get('c-3')).toMatchObject({ status: 'dead', attempts: 3, last_error: 'Error: case c-3 failed on attempt 3' });
    expect(byCase.get('c-4')).toMatchObject({ status: 'dead', attempts: 1, last_error: 'Error: case c-4 failed on attempt 1' });
    expect(byCase.get('c-3')?.finished_at).toBeInstanceOf(Date);
  });

  it('sends a job of an unknown type or with an invalid payload to dead at once, without running anything', async () => {
    let calls = 0;
    const handler = defineJobHandler({
      type: 'test.strict',
      payload: EchoPayload,
      async handle() {
        calls += 1;
      },
    });
    const worker = createWorker(contextFor(db()), [handler]);
    await enqueueJob(db(), { type: 'test.nobody', payload: {} });
    await enqueueJob(db(), { type: 'test.strict', payload: { caseId: 42 } });

    expect(await worker.runOnce()).toBe(2);
    expect(await onlyJob(db(), 'test.nobody')).toMatchObject({
      status: 'dead',
      attempts: 1,
      last_error: 'no handler for job type "test.nobody" in this worker',
    });
    const invalid = await onlyJob(db(), 'test.strict');
    expect(invalid).toMatchObject({ status: 'dead', attempts: 1 });
    expect(invalid.last_error).toMatch(/^invalid payload for job type "test\.strict": caseId: /);
    expect(calls).toBe(0);
  });

  it('enqueues a job with an idempotency key once, even from separate transactions', async () => {
    for (let round = 0; round < 3; round++) {
      await db().transaction((tx) => enqueueJob(tx, { type: 'test.dedupe', payload: { caseId: 'c-5' }, idempotencyKey: 'remind:c-5:2026-03-02' }));
    }
    await enqueueJob(db(), { type: 'test.dedupe', payload: { caseId: 'c-5' } });
    await enqueueJob(db(), { type: 'test.dedupe', payload: { caseId: 'c-5' } });
    // Without a key nothing is deduplicated.
    expect(await jobsOfType(db(), 'test.dedupe')).toHaveLength(3);
    expect(await queryOne(db(), `SELECT count(*)::int AS n FROM jobs WHERE idempotency_key = 'remind:c-5:2026-03-02'`)).toEqual({ n: 1 });
  });

  it('refuses a job spec that cannot be stored', async () => {
    await expect(enqueueJob(db(), { type: '', payload: {} })).rejects.toThrow(/type/);
    await expect(enqueueJob(db(), { type: 'test.bad', payload: {}, maxAttempts: 0 })).rejects.toThrow(/maxAttempts/);
    await expect(enqueueJob(db(), { type: 'test.bad', payload: {}, runAt: new Date('nope') })).rejects.toThrow(/runAt/);
  });

  it('does not run a job scheduled for later until it is due', async () => {
    const clock = manualClock();
    const ran: string[] = [];
    const timer = defineJobHandler({
      type: 'test.timer',
      payload: EchoPayload,
      async handle(_ctx, payload) {
        ran.push(payload.caseId);
      },
    });
    const worker = createWorker(contextFor(db()), [timer], { now: clock.now });
    await enqueueJob(db(), { type: 'test.timer', payload: { caseId: 'later' }, runAt: new Date(START.getTime() + 3600_000) });
    await enqueueJob(db(), { type: 'test.timer', payload: { caseId: 'now' } });

    expect(await worker.runOnce()).toBe(1);
    expect(ran).toEqual(['now']);
    clock.advance(3599);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    expect(ran).toEqual(['now', 'later']);
  });

  it('takes back a job from a worker that died with it once the lease expired, and runs it again', async () => {
    const clock = manualClock();
    const ran: number[] = [];
    const handler = defineJobHandler({
      type: 'test.orphan',
      payload: EchoPayload,
      maxAttempts: 2,
      async handle(_ctx, _payload, job) {
        ran.push(job.attempt);
      },
    });
    const worker = createWorker(contextFor(db()), [handler], { id: 'survivor', now: clock.now, leaseSeconds: 300 });
    await enqueueJob(db(), { type: 'test.orphan', payload: { caseId: 'c-6' } });
    // A worker claimed it and then vanished (process killed, machine lost).
    const [orphan] = await db().query<{ id: string }>(
      `UPDATE jobs SET status = 'running', locked_by = 'crashed', locked_at = $1, attempts = 1 WHERE type = 'test.orphan' RETURNING id`,
      [START],
    );

    clock.advance(299);
    expect(await worker.runOnce()).toBe(0);
    expect(await onlyJob(db(), 'test.orphan')).toMatchObject({ status: 'running', locked_by: 'crashed' });

    clock.advance(2);
    expect(await worker.runOnce()).toBe(1);
    const row = await onlyJob(db(), 'test.orphan');
    expect(row).toMatchObject({ status: 'done', attempts: 2, locked_by: 'survivor' });
    expect(row.last_error).toMatch(/lease expired: worker crashed did not finish attempt 1/);
    expect(ran).toEqual([2]);
    // The lost worker's late result does not overwrite what happened since.
    expect(await markJobDone(db(), { id: orphan?.id ?? '', workerId: 'crashed', attempts: 1 }, clock.now())).toBe(false);
  });

  it('takes back at once the jobs of a worker of this host whose process is gone, and leaves a living one its jobs', async () => {
    const ran: string[] = [];
    const handler = defineJobHandler({
      type: 'test.killed',
      payload: EchoPayload,
      async handle(_ctx, payload) {
        ran.push(payload.caseId);
      },
    });
    // A process that has exited: its pid names no process now.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await enqueueJob(db(), { type: 'test.killed', payload: { caseId: 'of-the-dead' } });
    await enqueueJob(db(), { type: 'test.killed', payload: { caseId: 'of-the-living' } });
    await db().query(`UPDATE jobs SET status = 'running', locked_by = $1, locked_at = now(), attempts = 1 WHERE payload->>'caseId' = 'of-the-dead'`, [`${hostname()}:${deadPid}:abcdef`]);
    await db().query(`UPDATE jobs SET status = 'running', locked_by = $1, locked_at = now(), attempts = 1 WHERE payload->>'caseId' = 'of-the-living'`, [`${hostname()}:${process.pid}:123456`]);
    expect(isDeadLocalWorker(`${hostname()}:${deadPid}:abcdef`)).toBe(true);
    expect(isDeadLocalWorker(`other-host:${deadPid}:abcdef`)).toBe(false);

    const worker = createWorker(contextFor(db()), [handler], { leaseSeconds: 300 });
    expect(await worker.runOnce()).toBe(1);
    expect(ran).toEqual(['of-the-dead']);
    const rows = await db().query<{ case_id: string; status: string; last_error: string | null }>(
      "SELECT payload->>'caseId' AS case_id, status, last_error FROM jobs WHERE type = 'test.killed' ORDER BY payload->>'caseId'",
    );
    expect(rows).toEqual([
      { case_id: 'of-the-dead', status: 'done', last_error: expect.stringMatching(/died during attempt 1/) },
      { case_id: 'of-the-living', status: 'running', last_error: null },
    ]);
  });

  it('gives up a job whose workers keep dying with it, instead of crashing workers forever', async () => {
    const clock = manualClock();
    let calls = 0;
    const poison = defineJobHandler({
      type: 'test.poison',
      payload: EchoPayload,
      maxAttempts: 2,
      async handle() {
        calls += 1;
      },
    });
    const worker = createWorker(contextFor(db()), [poison], { now: clock.now });
    await enqueueJob(db(), { type: 'test.poison', payload: { caseId: 'c-7' } });
    await db().query(`UPDATE jobs SET status = 'running', locked_by = 'crashed', locked_at = $1, attempts = 2 WHERE type = 'test.poison'`, [START]);

    clock.advance(3600);
    expect(await worker.runOnce()).toBe(1);
    const row = await onlyJob(db(), 'test.poison');
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(row.last_error).toMatch(/^gave up after 2 attempts; last: lease expired/);
    expect(calls).toBe(0);
  });

  it('enqueues a recurring job once per period however many workers tick', async () => {
    // One minute past a whole hour: the 60-second buckets start on the minute.
    const clock = manualClock(new Date('2026-03-02T02:01:00Z'));
    let runs = 0;
    const tick = defineJobHandler({
      type: 'test.tick',
      payload: z.object({ scope: z.string() }),
      async handle(_ctx, payload) {
        expect(payload.scope).toBe('all');
        runs += 1;
      },
    });
    const recurring = [{ type: 'test.tick', everySeconds: 60, payload: { scope: 'all' } }];
    const workers = ['a', 'b'].map((id) => createWorker(contextFor(db()), [tick], { id, now: clock.now, recurring }));

    for (const worker of workers) await worker.runOnce();
    clock.advance(59);
    for (const worker of workers) await worker.runOnce();
    expect(runs).toBe(1);
    clock.advance(1);
    for (const worker of workers) await worker.runOnce();
    for (const worker of workers) await worker.runOnce();
    expect(runs).toBe(2);
    const rows = await jobsOfType(db(), 'test.tick');
    const bucket = Math.floor(new Date('2026-03-02T02:01:00Z').getTime() / 60_000);
    expect(await db().query('SELECT idempotency_key FROM jobs WHERE type = $1 ORDER BY idempotency_key', ['test.tick'])).toEqual([
      { idempotency_key: `test.tick@${bucket}` },
      { idempotency_key: `test.tick@${bucket + 1}` },
    ]);
    expect(rows.every((row) => row.status === 'done')).toBe(true);
  });

  it('polls in the background, and stop() waits for the running handler and hands back claimed jobs it did not start', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const ran: string[] = [];
    const slow = defineJobHandler({
      type: 'test.slow',
      payload: EchoPayload,
      async handle(_ctx, payload) {
        ran.push(payload.caseId);
        started();
        await released;
      },
    });
    await enqueueJob(db(), { type: 'test.slow', payload: { caseId: 'first' }, runAt: new Date(Date.now() - 2000) });
    await enqueueJob(db(), { type: 'test.slow', payload: { caseId: 'second' }, runAt: new Date(Date.now() - 1000) });
    const worker = createWorker(contextFor(db()), [slow], { pollIntervalMs: 10 });
    worker.start();
    await running;

    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(ran).toEqual(['first']);
    const rows = await jobsOfType(db(), 'test.slow');
    const byCase = new Map(rows.map((row) => [(row.payload as { caseId: string }).caseId, row]));
    expect(byCase.get('first')).toMatchObject({ status: 'done', attempts: 1 });
    expect(byCase.get('second')).toMatchObject({ status: 'pending', attempts: 0, locked_by: null });
  });

  it('the application worker has a handler for every job the application enqueues, and its recurring jobs', () => {
    // A job of a type no worker knows goes to dead at once: every type enqueued must be here.
    expect(jobHandlers(TEST_CONFIG).map((handler) => handler.type).sort()).toEqual(
      ['jobs.cleanup', 'audit.checkpoint', NOTIFY_CITIZEN_JOB, NOTIFY_STAFF_JOB, NOTIFY_ACCESS_KEY_JOB, SLA_SWEEP_JOB, SLA_TIMER_JOB, CONFIRMATION_SWEEP_JOB, CONFIRMATION_EXPIRED_JOB, 'exchange.deliver', FILE_EXPORT_JOB, SURGE_WATCH_JOB, EMAIL_POLL_JOB, EMAIL_ACKNOWLEDGE_JOB, LINE_IDLE_SWEEP_JOB].sort(),
    );
    expect(recurringJobs()).toEqual([
      { type: 'jobs.cleanup', everySeconds: 3600 },
      { type: 'audit.checkpoint', everySeconds: 300 },
      { type: SLA_SWEEP_JOB, everySeconds: 300 },
      { type: CONFIRMATION_SWEEP_JOB, everySeconds: 300 },
      { type: FILE_EXPORT_JOB, everySeconds: 3600 },
      { type: SURGE_WATCH_JOB, everySeconds: 3600 },
      { type: EMAIL_POLL_JOB, everySeconds: 60 },
      { type: LINE_IDLE_SWEEP_JOB, everySeconds: 300 },
    ]);
  });

  it('runs the recurring jobs: jobs.cleanup, the file partners\' export and the surge watch every hour (done jobs older than 7 days go, the rest stays), sla.sweep, the confirmation sweep, the LINE idle sweep and audit.checkpoint every 5 minutes, the mailboxes\' poll every minute', async () => {
    const clock = manualClock();
    const daysAgo = (days: number) => new Date(START.getTime() - days * 86_400_000);
    for (const [status, finished] of [
      ['done', daysAgo(8)],
      ['done', daysAgo(6)],
      ['dead', daysAgo(30)],
    ] as const) {
      await db().query(`INSERT INTO jobs (type, status, attempts, finished_at) VALUES ('test.old', $1, 1, $2)`, [status, finished]);
    }
    const worker = createAppWorker(contextFor(db()), { now: clock.now });
    // START is on the hour: the first tick enqueues and runs one of each.
    expect(await worker.runOnce()).toBe(8);
    expect(await onlyJob(db(), EMAIL_POLL_JOB)).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(await onlyJob(db(), LINE_IDLE_SWEEP_JOB)).toMatchObject({ status: 'done', attempts: 1, last_error: null });

    expect(await onlyJob(db(), 'jobs.cleanup')).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(await onlyJob(db(), 'audit.checkpoint')).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(await onlyJob(db(), SLA_SWEEP_JOB)).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(await onlyJob(db(), FILE_EXPORT_JOB)).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(await onlyJob(db(), SURGE_WATCH_JOB)).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    const kept = await db().query<{ status: string; finished_at: Date }>(`SELECT status, finished_at FROM jobs WHERE type = 'test.old' ORDER BY finished_at`);
    expect(kept).toEqual([
      { status: 'dead', finished_at: daysAgo(30) },
      { status: 'done', finished_at: daysAgo(6) },
    ]);

    // Within the hour and the five minutes: only the mailboxes' poll, once a minute.
    clock.advance(299);
    expect(await worker.runOnce()).toBe(1);
    // Five minutes on: the next sweeps, the LINE idle sweep and checkpoint (and poll), not yet the next cleanup.
    clock.advance(1);
    expect(await worker.runOnce()).toBe(5);
    expect((await jobsOfType(db(), SLA_SWEEP_JOB)).map((row) => row.status)).toEqual(['done', 'done']);
    expect(await jobsOfType(db(), 'jobs.cleanup')).toHaveLength(1);
    // An hour on: all again.
    clock.advance(3300);
    expect(await worker.runOnce()).toBe(8);
    expect((await jobsOfType(db(), 'jobs.cleanup')).map((row) => row.status)).toEqual(['done', 'done']);
    expect(await jobsOfType(db(), SLA_SWEEP_JOB)).toHaveLength(3);
  });
});

// On both engines: the embedded server is shared too, by serve and `rongthuk worker` processes.
for (const kind of DATABASE_KINDS) {
  const define = kind === 'postgres' && !postgresUrl() ? describe.skip : describe;
  define(`jobs: two workers, each with its own pool, on one database [${kind}]`, () => {
    const JOBS = 1000;
    let handle: TestDatabase | undefined;
    let secondPool: Database | undefined;

    beforeAll(async () => {
      handle = await createTestDatabase(kind);
      secondPool = await openDatabase({ url: handle.url });
    }, DATABASE_HOOK_TIMEOUT);
    afterAll(async () => {
      await secondPool?.close();
      await handle?.dispose();
    }, DATABASE_HOOK_TIMEOUT);

    it('run each of 1,000 jobs exactly once', async () => {
      const first = handle?.db as Database;
      const second = secondPool as Database;
      // A second run of a job would break the primary key, fail, and show as a second attempt.
      await first.exec('CREATE TABLE job_runs (job_id uuid PRIMARY KEY, worker text NOT NULL)');
      await first.transaction(async (tx) => {
        for (let index = 0; index < JOBS; index++) await enqueueJob(tx, { type: 'test.once', payload: { index } });
      });

      const calls = new Map<string, number>();
      const handlerFor = (worker: string): JobHandler<{ index: number }> => ({
        type: 'test.once',
        payload: z.object({ index: z.number().int() }),
        async handle(ctx, _payload, job) {
          calls.set(job.id, (calls.get(job.id) ?? 0) + 1);
          await ctx.db.query('INSERT INTO job_runs (job_id, worker) VALUES ($1, $2)', [job.id, worker]);
        },
      });
      const workers = [
        createWorker(contextFor(first), [handlerFor('a')], { id: 'worker-a', pollIntervalMs: 5 }),
        createWorker(contextFor(second), [handlerFor('b')], { id: 'worker-b', pollIntervalMs: 5 }),
      ];
      for (const worker of workers) worker.start();
      try {
        const deadline = Date.now() + 90_000;
        for (;;) {
          // Every job has run once and nothing is in flight: what the table says now is final.
          const progress = await queryOne<{ ran: number; running: number }>(
            first,
            `SELECT (SELECT count(*)::int FROM job_runs) AS ran, (SELECT count(*)::int FROM jobs WHERE status = 'running') AS running`,
          );
          if (progress?.ran === JOBS && progress.running === 0) break;
          if (Date.now() > deadline) throw new Error(`only ${progress?.ran} of ${JOBS} jobs ran in time`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
      }

      expect(await queryOne(first, 'SELECT count(*)::int AS rows, count(DISTINCT job_id)::int AS jobs FROM job_runs')).toEqual({ rows: JOBS, jobs: JOBS });
      expect(
        await first.query(`SELECT status, attempts, count(*)::int AS n FROM jobs WHERE type = 'test.once' GROUP BY status, attempts`),
      ).toEqual([{ status: 'done', attempts: 1, n: JOBS }]);
      expect(calls.size).toBe(JOBS);
      expect([...calls.values()].every((count) => count === 1)).toBe(true);
      // Both workers took part, so the claims really raced.
      const perWorker = await first.query<{ worker: string; n: number }>('SELECT worker, count(*)::int AS n FROM job_runs GROUP BY worker ORDER BY worker');
      expect(perWorker.map((row) => row.worker)).toEqual(['a', 'b']);
    }, 120_000);
  });
}

describe('rongthuk worker', () => {
  let dir: string;
  beforeAll(() => {
    dir = createEmbeddedDataDir('rt-worker-');
  });
  afterAll(() => {
    // The last process to leave stops the embedded server: none may be left running.
    expect(removeEmbeddedDataDir(dir)).toBe(false);
  });

  /** `rongthuk worker` on the data directory; `running` resolves once it says so, `stop` ends it. */
  function startWorker() {
    const out: string[] = [];
    const err: string[] = [];
    const server: string[] = [];
    const config = { ...TEST_CONFIG, dataDir: dir, dataKey: TEST_DATA_KEY.toString('base64') };
    let said: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      said = resolve;
    });
    let stop: () => void = () => {};
    const until = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const output = {
      out: (line: string) => {
        out.push(line);
        if (line.includes('is running')) said();
      },
      err: (line: string) => (isEmbeddedServerLine(line) ? server : err).push(line),
    };
    const exited = runWorker(config, output, { until });
    // A worker that fails to start never says it runs: its error ends the wait instead.
    const started = Promise.race([running, exited.then((code) => Promise.reject(new Error(`the worker exited with ${code}: ${err.join('; ')}`)))]);
    return {
      out,
      err,
      server,
      started,
      stop: async () => {
        stop();
        return exited;
      },
    };
  }

  it('runs the registered jobs on the embedded database until told to stop, then exits 0', async () => {
    const worker = startWorker();
    await worker.started;
    // Half a second after it says it runs: its first poll comes at once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const code = await worker.stop();
    expect({ code, err: worker.err }).toEqual({ code: 0, err: [] });
    expect(worker.out[0]).toBe(`Rongthuk worker ${hostname()}:${process.pid} is running on embedded PostgreSQL in ${dir}`);
    expect(worker.out.at(-1)).toBe('worker stopped');
    expect(worker.server.at(-1)).toMatch(/^Stopping the embedded PostgreSQL server/);

    const db = await openDatabase({ dataDir: dir, role: 'test' });
    try {
      expect(await db.query(`SELECT status FROM jobs WHERE type = 'jobs.cleanup'`)).toEqual([{ status: 'done' }]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('runs beside another worker on the one data directory: the second joins the server, each runs jobs, the last to leave stops it', async () => {
    const first = startWorker();
    await first.started;
    expect(first.server).toEqual([expect.stringMatching(/^Starting the embedded PostgreSQL/)]);
    // The test reads and enqueues as a third process of the app would.
    const db = await openDatabase({ dataDir: dir, role: 'test' });
    let second: ReturnType<typeof startWorker> | undefined;
    try {
      await enqueueJob(db, { type: 'jobs.cleanup', payload: {}, idempotencyKey: 'test:first-alone' });
      await jobDone(db, 'test:first-alone');

      second = startWorker();
      await second.started;
      expect(await first.stop()).toBe(0);
      // The first worker left without stopping the server: the second one uses it.
      expect(first.server).toHaveLength(1);
      expect(embeddedServerRunning(dir)).toBe(true);
      await enqueueJob(db, { type: 'jobs.cleanup', payload: {}, idempotencyKey: 'test:second-alone' });
      await jobDone(db, 'test:second-alone');
    } finally {
      await db.close();
      await first.stop();
      await second?.stop();
    }
    expect({ first: first.err, second: second.err }).toEqual({ first: [], second: [] });
    expect(second.server).toEqual([expect.stringMatching(/^Stopping the embedded PostgreSQL server/)]);
    expect(embeddedServerRunning(dir)).toBe(false);
  }, 120_000);
});

/** Waits until the job with this idempotency key is done (a worker polls every second). */
async function jobDone(db: Database, idempotencyKey: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const row = await queryOne<{ status: string }>(db, 'SELECT status FROM jobs WHERE idempotency_key = $1', [idempotencyKey]);
    if (row?.status === 'done') return;
    if (Date.now() > deadline) throw new Error(`job ${idempotencyKey} is ${row?.status ?? 'missing'} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
