/**
 * Drives HTTP load from a separate process (lib/load-client.ts), so that generating and
 * timing requests does not share the server's event loop. The client only talks to
 * 127.0.0.1, stops by itself after warm-up + duration, and is killed if it overstays.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LatencySummary } from './stats.ts';

export interface LoadPlan {
  /** Full URL on 127.0.0.1, e.g. http://127.0.0.1:41234/api/v1/public/complaints. */
  url: string;
  /** Requests in flight at any time: each virtual user waits for its answer before the next. */
  connections: number;
  /** Requests started before warmupMs are sent but not counted. */
  warmupMs: number;
  /** The measured window, after the warm-up. */
  durationMs: number;
  /** A request without an answer by then counts as failed. */
  requestTimeoutMs: number;
  /** Seed of the complaint bodies. */
  seed: number;
  /** Distinct bodies, sent round-robin. */
  bodyCount: number;
}

export interface LoadResult {
  measured: {
    /** Requests started in the window that got an answer or failed. */
    requests: number;
    /** Those answered 201. */
    created: number;
    /** From the end of the warm-up to the last answer of a measured request. */
    elapsedMs: number;
    /** Over every answered request of the window (failures without an answer excluded). */
    latency: LatencySummary;
    /** HTTP status → count; `failed` for requests without an answer. */
    statusCounts: Record<string, number>;
  };
  warmup: { requests: number; created: number };
  /** Every 201 of the run, warm-up included: what the database must hold. */
  totalCreated: number;
  /** Every request of the run that was not answered 201, warm-up included. */
  totalErrors: number;
  /** A few distinct error answers, for diagnosis. */
  errorSamples: string[];
  /** CPU time of the load client during the window, in % of one core. */
  clientCpuPercent: number;
  /** The run was interrupted before the window ended. */
  stoppedEarly: boolean;
}

export type ClientMessage =
  | { type: 'ready' }
  | { type: 'phase'; phase: 'measuring' | 'draining' }
  | { type: 'result'; result: LoadResult }
  | { type: 'fatal'; message: string };

export type ParentMessage = { type: 'start'; plan: LoadPlan } | { type: 'stop' };

export interface RunLoadOptions {
  /** Aborting asks the client to stop early and report what it has. */
  signal?: AbortSignal;
  /** Called when the measured window starts and when it ends (draining in-flight requests). */
  onPhase?: (phase: 'measuring' | 'draining') => void;
}

const CLIENT_MODULE = fileURLToPath(new URL('./load-client.ts', import.meta.url));
/** Time the client may take beyond its plan before it is killed. */
const GRACE_MS = 30_000;

export function runLoad(plan: LoadPlan, options: RunLoadOptions = {}): Promise<LoadResult> {
  const target = new URL(plan.url);
  if (target.hostname !== '127.0.0.1') return Promise.reject(new Error(`the load client only targets 127.0.0.1, not ${target.hostname}`));

  return new Promise<LoadResult>((resolve, reject) => {
    // The TypeScript loader this process runs under (tsx) is in execArgv, which fork passes on.
    const child = fork(CLIENT_MODULE, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    let settled = false;
    const finish = (error: Error | null, result?: LoadResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) {
        // Ours, by its own pid: normally it has exited already after reporting.
        if (error) child.kill('SIGKILL');
        else if (child.connected) child.disconnect();
      }
      if (error) reject(error);
      else if (result) resolve(result);
    };
    const send = (message: ParentMessage): void => {
      if (child.connected) child.send(message);
    };
    const onAbort = (): void => send({ type: 'stop' });
    const deadline = setTimeout(
      () => finish(new Error(`the load client did not report within ${plan.warmupMs + plan.durationMs + plan.requestTimeoutMs + GRACE_MS} ms`)),
      plan.warmupMs + plan.durationMs + plan.requestTimeoutMs + GRACE_MS,
    );

    child.on('message', (raw) => {
      const message = raw as ClientMessage;
      switch (message.type) {
        case 'ready':
          send({ type: 'start', plan });
          if (options.signal?.aborted) onAbort();
          else options.signal?.addEventListener('abort', onAbort, { once: true });
          break;
        case 'phase':
          options.onPhase?.(message.phase);
          break;
        case 'result':
          finish(null, message.result);
          break;
        case 'fatal':
          finish(new Error(`load client: ${message.message}`));
          break;
      }
    });
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) => finish(new Error(`the load client exited (${signal ?? `code ${code}`}) before reporting`)));
  });
}
