/**
 * bench/fuzz's run against a started target: the seeded inputs sent over a fixed number of
 * keep-alive connections and every answer judged (fuzz-judge.ts), then the connections probed,
 * the server's health, the audit chain and the jobs checked, and the server closed within a
 * bound. Shared by bench/fuzz.ts and the smoke test.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifyAuditChain } from '../../src/server/platform/audit.ts';
import { createAppWorker } from '../../src/server/app.ts';
import { FuzzLanes, type SocketCheck } from './fuzz-client.ts';
import { apiRequests, seededInputs, type FuzzRequest } from './fuzz-inputs.ts';
import { FuzzTally, type Tally } from './fuzz-judge.ts';
import { fillPlaceholders, tokenUsers } from './fuzz-routes.ts';
import type { FuzzTarget } from './fuzz-target.ts';
import { round } from './stats.ts';

export type { FailureKind, Reproduction } from './fuzz-judge.ts';

export interface FuzzRunOptions {
  inputs: number;
  connections: number;
  seed: number;
  /** A request not answered in full within this is hanging. */
  requestTimeoutMs: number;
  /** No input is started after this long. */
  timeCapMs: number;
  /** The server must have closed within this after the run. */
  closeTimeoutMs: number;
  /** Reproductions kept in the report per kind of failure. */
  keepFailures: number;
  signal?: AbortSignal;
  onProgress?: (sent: number) => void;
}

export interface FuzzFigures extends Tally {
  requested: number;
  durationSeconds: number;
  inputsPerSecond: number;
  stoppedEarly: string | null;
  /** Routes of the document that no input reached with a 2xx (coverage of the happy paths). */
  routesWithout2xx: string[];
  sockets: SocketCheck;
  health: { readyz: number | string; healthz: number | string };
  auditChain: { ok: boolean; records: number; problem?: string };
  jobs: Record<string, number>;
  jobErrors: string[];
  close: { ms: number; withinBound: boolean; socketsLeftOpen: number };
  serverErrorsLogged: number;
}

/** Routes that end the session they are sent with. */
const SESSION_ENDING_ROUTES = new Set(['POST /api/v1/auth/logout']);

/** Sends the inputs, `connections` at a time, until all are sent, the time cap, or the signal. */
async function sendInputs(target: FuzzTarget, options: FuzzRunOptions, lanes: FuzzLanes, tally: FuzzTally): Promise<string | null> {
  const inputs = seededInputs(apiRequests(target.routes, target.world), options.seed, options.inputs);
  const started = performance.now();
  let stoppedEarly: string | null = null;
  const send = async (lane: number, request: FuzzRequest): Promise<void> => {
    // Sign-out ends the session it is sent with: give it one of its own.
    const fresh = new Map<string, string>();
    if (SESSION_ENDING_ROUTES.has(request.route)) for (const user of tokenUsers(request.headers)) fresh.set(user, await target.freshToken(user));
    const token = (user: string) => fresh.get(user) ?? target.secrets.tokens.get(user);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, fillPlaceholders(value, target.secrets, token)]));
    const startedAt = performance.now();
    const answer = await lanes.send(lane, { ...request, headers });
    tally.record(request, answer, startedAt, lane);
  };
  const runLane = async (lane: number): Promise<void> => {
    for (;;) {
      if (options.signal?.aborted) stoppedEarly ??= 'interrupted';
      else if (performance.now() - started > options.timeCapMs) stoppedEarly ??= `time cap of ${Math.round(options.timeCapMs / 1000)} s reached`;
      if (stoppedEarly) return;
      const next = inputs.next();
      if (next.done) return;
      await send(lane, next.value);
      if (tally.tally.inputs % 1000 === 0) options.onProgress?.(tally.tally.inputs);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, lane) => runLane(lane)));
  return stoppedEarly;
}

export async function runFuzz(target: FuzzTarget, options: FuzzRunOptions): Promise<FuzzFigures> {
  const lanes = new FuzzLanes(target.port, options.connections, options.requestTimeoutMs);
  const tally = new FuzzTally(
    target.routes.map((route) => route.key),
    options.keepFailures,
    target.serverErrors,
  );
  try {
    const started = performance.now();
    const stoppedEarly = await sendInputs(target, options, lanes, tally);
    const elapsed = (performance.now() - started) / 1000;
    // In this order: the connections as the inputs left them, then the server's health, the log
    // and the jobs, and last the close, with the client's connections still open.
    const sockets = await lanes.checkSockets(Math.min(options.requestTimeoutMs, 5_000));
    const health = { readyz: await probe(lanes, '/readyz', options.requestTimeoutMs), healthz: await probe(lanes, '/healthz', options.requestTimeoutMs) };
    // After an interrupt the database may be gone already (the test cluster stops on the signal).
    const interrupted = options.signal?.aborted ?? false;
    const audit = interrupted ? { ok: false, records: 0, problem: 'not checked: interrupted' } : await auditChain(target);
    const jobs = interrupted ? { jobs: {}, jobErrors: [] } : await jobsAfter(target);
    const close = await closeWithin(target, lanes, options.closeTimeoutMs);
    const figures: FuzzFigures = {
      ...tally.tally,
      requested: options.inputs,
      durationSeconds: round(elapsed, 1),
      inputsPerSecond: round(tally.tally.inputs / Math.max(elapsed, 0.001), 1),
      stoppedEarly,
      routesWithout2xx: target.routes.filter((route) => !Object.keys(tally.tally.byRoute[route.key]?.byStatus ?? {}).some((status) => status.startsWith('2'))).map((route) => route.key),
      sockets: { ...sockets, stuck: sockets.stuck.map((stuck) => ({ ...stuck, problem: `${stuck.problem}; the last request on it: ${tally.lastOn(stuck.lane) ?? 'none'}` })) },
      health,
      auditChain: audit,
      ...jobs,
      close,
      serverErrorsLogged: target.serverErrors.length,
    };
    return figures;
  } finally {
    lanes.destroy();
  }
}

/** A GET on a connection of its own; the status, or why there was none. */
async function probe(lanes: FuzzLanes, url: string, timeoutMs: number): Promise<number | string> {
  const single = new FuzzLanes(lanes.port, 1, timeoutMs);
  try {
    const answer = await single.send(0, { method: 'GET', url, headers: {}, chunked: false });
    return answer.status ?? answer.error ?? 'no answer';
  } finally {
    single.destroy();
  }
}

async function auditChain(target: FuzzTarget): Promise<FuzzFigures['auditChain']> {
  const audit = await verifyAuditChain(target.ctx.db);
  return audit.ok ? { ok: true, records: audit.records } : { ok: false, records: audit.records, problem: `record ${audit.brokenSeq}: ${audit.reason}` };
}

/** The jobs the inputs enqueued, run as `serve`'s worker would, then counted by status. */
async function jobsAfter(target: FuzzTarget): Promise<Pick<FuzzFigures, 'jobs' | 'jobErrors'>> {
  const { db } = target.ctx;
  const worker = createAppWorker(target.ctx);
  for (let batch = 0; batch < 50 && (await worker.runOnce()) > 0; batch += 1);
  const jobs: Record<string, number> = {};
  for (const row of await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM jobs GROUP BY status ORDER BY status')) jobs[row.status] = row.n;
  jobs.failedAtLeastOnce = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM jobs WHERE last_error IS NOT NULL'))[0]?.n ?? 0;
  const failed = await db.query<{ type: string; last_error: string }>('SELECT type, last_error FROM jobs WHERE last_error IS NOT NULL ORDER BY type LIMIT 10');
  return { jobs, jobErrors: failed.map((row) => `${row.type}: ${row.last_error.slice(0, 300)}`) };
}

/** Closes the server with the client's keep-alive connections still open, as in production. */
async function closeWithin(target: FuzzTarget, lanes: FuzzLanes, boundMs: number): Promise<FuzzFigures['close']> {
  const started = performance.now();
  const closed = await Promise.race([target.app.close().then(() => true), sleep(boundMs, false, { ref: false })]);
  const ms = round(performance.now() - started, 1);
  if (!closed) target.app.server.closeAllConnections();
  // The client learns of the closes a moment later.
  await sleep(200);
  return { ms, withinBound: closed, socketsLeftOpen: lanes.openSockets() };
}

/** True when nothing failed: no 5xx, nothing hanging, every error in shape, every connection usable, the server sound after. */
export function fuzzSound(figures: FuzzFigures): { ok: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (figures.unsent) reasons.push(`the fuzzer could not send ${figures.unsent} input(s): ${figures.unsentExamples[0] ?? ''}`);
  if (figures.stoppedEarly) reasons.push(`stopped early (${figures.stoppedEarly}) after ${figures.inputs} of ${figures.requested} inputs`);
  for (const [kind, count] of Object.entries(figures.counts)) if (count) reasons.push(`${count} × ${kind}`);
  if (figures.sockets.stuck.length) reasons.push(`${figures.sockets.stuck.length} connection(s) stuck after the run`);
  if (figures.health.readyz !== 200) reasons.push(`/readyz answered ${figures.health.readyz}`);
  if (figures.health.healthz !== 200) reasons.push(`/healthz answered ${figures.health.healthz}`);
  if (!figures.auditChain.ok) reasons.push(`audit chain: ${figures.auditChain.problem ?? 'broken'}`);
  if (!figures.close.withinBound) reasons.push(`the server did not close within the bound (${figures.close.ms} ms)`);
  return { ok: reasons.length === 0, reasons };
}
