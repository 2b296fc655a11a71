/**
 * The load client, run as a child process by lib/load.ts: `connections` virtual users each
 * POST a complaint, wait for the answer and POST the next, over keep-alive connections to
 * 127.0.0.1, for the warm-up and then the measured window. Then it reports and exits.
 *
 * It ends by itself in every case: when the plan is done, when the parent asks it to stop,
 * when the parent goes away (IPC disconnect), and at the latest at a hard deadline.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { makeComplaintBodies } from './complaints.ts';
import type { ClientMessage, LoadPlan, LoadResult, ParentMessage } from './load.ts';
import { summariseLatencies } from './stats.ts';

const MAX_ERROR_SAMPLES = 5;

function send(message: ClientMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

interface Answer {
  status: number;
  body: string;
}

function post(agent: http.Agent, target: URL, body: Buffer, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, accept: 'application/json' },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** A 201 must carry a receipt; anything else is an error whatever its status. */
function isReceipt(answer: Answer): boolean {
  if (answer.status !== 201) return false;
  try {
    const receipt = JSON.parse(answer.body) as { trackingCode?: unknown; accessKey?: unknown };
    return typeof receipt.trackingCode === 'string' && typeof receipt.accessKey === 'string';
  } catch {
    return false;
  }
}

async function runPlan(plan: LoadPlan, stop: { requested: boolean }): Promise<LoadResult> {
  const target = new URL(plan.url);
  if (target.hostname !== '127.0.0.1') throw new Error(`refusing to send load to ${target.hostname}: 127.0.0.1 only`);
  const bodies = makeComplaintBodies(plan.bodyCount, plan.seed);
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.connections, maxFreeSockets: plan.connections });

  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const errorSamples = new Set<string>();
  let measuredRequests = 0;
  let measuredCreated = 0;
  let warmupRequests = 0;
  let warmupCreated = 0;
  let totalCreated = 0;
  let totalErrors = 0;
  let lastMeasuredAnswer = Number.NaN;
  let next = 0;
  let cpuAtWindowStart: NodeJS.CpuUsage | undefined;
  let cpuWindowEnd: NodeJS.CpuUsage | undefined;

  const start = performance.now();
  const windowStart = start + plan.warmupMs;
  const windowEnd = windowStart + plan.durationMs;
  let stoppedAt = Number.NaN;

  // Phase changes are timed, not inferred from traffic, so they arrive even when the server stalls.
  const toWindow = setTimeout(() => {
    cpuAtWindowStart = process.cpuUsage();
    void send({ type: 'phase', phase: 'measuring' });
  }, plan.warmupMs);
  const toDrain = setTimeout(() => {
    cpuWindowEnd = process.cpuUsage(cpuAtWindowStart);
    void send({ type: 'phase', phase: 'draining' });
  }, plan.warmupMs + plan.durationMs);

  const user = async (): Promise<void> => {
    for (;;) {
      const now = performance.now();
      if (now >= windowEnd) return;
      if (stop.requested) {
        if (Number.isNaN(stoppedAt)) stoppedAt = now;
        return;
      }
      const body = bodies[next++ % bodies.length];
      if (!body) throw new Error('no complaint bodies');
      const startedAt = performance.now();
      let status = 'failed';
      let created = false;
      let sample: string | undefined;
      try {
        const answer = await post(agent, target, body, plan.requestTimeoutMs);
        status = String(answer.status);
        created = isReceipt(answer);
        if (!created) sample = `${answer.status} ${answer.body.slice(0, 300)}`;
      } catch (error) {
        sample = `failed: ${(error as Error).message}`;
      }
      const answeredAt = performance.now();
      if (created) totalCreated += 1;
      else totalErrors += 1;
      if (sample && errorSamples.size < MAX_ERROR_SAMPLES) errorSamples.add(sample);
      if (startedAt >= windowStart) {
        measuredRequests += 1;
        if (created) measuredCreated += 1;
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        if (status !== 'failed') latencies.push(answeredAt - startedAt);
        lastMeasuredAnswer = Number.isNaN(lastMeasuredAnswer) ? answeredAt : Math.max(lastMeasuredAnswer, answeredAt);
      } else {
        warmupRequests += 1;
        if (created) warmupCreated += 1;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: plan.connections }, user));
  } finally {
    clearTimeout(toWindow);
    clearTimeout(toDrain);
    agent.destroy();
  }

  const stoppedEarly = !Number.isNaN(stoppedAt) && stoppedAt < windowEnd;
  const cpu = cpuWindowEnd ?? (cpuAtWindowStart ? process.cpuUsage(cpuAtWindowStart) : undefined);
  const windowMs = Math.max(0, Math.min(stoppedEarly ? stoppedAt : windowEnd, performance.now()) - windowStart);
  const elapsedMs = Number.isNaN(lastMeasuredAnswer) ? 0 : lastMeasuredAnswer - windowStart;
  return {
    measured: {
      requests: measuredRequests,
      created: measuredCreated,
      elapsedMs,
      latency: summariseLatencies(latencies),
      statusCounts,
    },
    warmup: { requests: warmupRequests, created: warmupCreated },
    totalCreated,
    totalErrors,
    errorSamples: [...errorSamples],
    clientCpuPercent: cpu && windowMs > 0 ? Math.round(((cpu.user + cpu.system) / 1000 / windowMs) * 1000) / 10 : Number.NaN,
    stoppedEarly,
  };
}

function main(): void {
  if (!process.send) {
    console.error('bench/lib/load-client.ts is started by bench/lib/load.ts, not on its own');
    process.exit(2);
  }
  const stop = { requested: false };
  let hardDeadline: NodeJS.Timeout | undefined;
  // The parent is gone: nobody will read a report, so stop at once.
  process.on('disconnect', () => {
    stop.requested = true;
    setTimeout(() => process.exit(0), 1_000).unref();
  });
  // Ctrl-C reaches the whole process group: finish the current requests and report.
  process.on('SIGINT', () => {
    stop.requested = true;
  });
  process.on('message', (raw) => {
    const message = raw as ParentMessage;
    if (message.type === 'stop') {
      stop.requested = true;
      return;
    }
    if (message.type !== 'start' || hardDeadline) return;
    const { plan } = message;
    hardDeadline = setTimeout(() => process.exit(3), plan.warmupMs + plan.durationMs + plan.requestTimeoutMs + 20_000);
    hardDeadline.unref();
    runPlan(plan, stop)
      .then(
        (result) => send({ type: 'result', result }),
        (error: unknown) => send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => {
        if (process.connected) process.disconnect();
      });
  });
  void send({ type: 'ready' });
}

main();
