/**
 * The application's own worker on a clock a test moves by hand, for suites of timers and
 * sweeps: each test starts from an empty job table, `setClock` moves the worker's and the
 * app's clock together, `drain` runs jobs until none is due.
 */
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { createAppWorker } from '../../src/server/app.ts';
import type { Worker } from '../../src/server/platform/jobs.ts';
import type { TestApp } from './app.ts';

/** An instant in Bangkok: `bangkok('2026-09-07')` is 10:00 that day. */
export function bangkok(date: string, time = '10:00'): Date {
  return new Date(`${date}T${time}:00+07:00`);
}

export interface WorkerClock {
  /** The worker's (and the app's) current instant. */
  now(): Date;
  setClock(instant: Date): void;
  /** Runs jobs until none is due; throws after DRAIN_LIMIT rounds. */
  drain(): Promise<void>;
}

const DRAIN_LIMIT = 200;

export function useWorkerClock(t: TestApp, options: { start: Date; signIn?: readonly string[] }): WorkerClock {
  let clock = options.start;
  let worker: Worker;
  beforeAll(async () => {
    for (const user of options.signIn ?? []) await t.tokenFor(user);
  });
  beforeEach(async () => {
    // Each test lives its own days again: recurring jobs of those periods must not be enqueued already.
    await t.db().query('DELETE FROM jobs');
    worker = createAppWorker(t.ctx(), { now: () => clock });
  });
  afterEach(() => t.setNow(undefined));
  return {
    now: () => clock,
    setClock(instant) {
      clock = instant;
      t.setNow(instant);
    },
    async drain() {
      for (let round = 0; round < DRAIN_LIMIT; round++) if ((await worker.runOnce()) === 0) return;
      throw new Error(`the job queue did not drain in ${DRAIN_LIMIT} rounds`);
    },
  };
}
