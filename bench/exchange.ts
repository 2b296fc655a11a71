/**
 * bench/exchange: how fast cases travel between two linked Rongthuk instances on loopback.
 *
 * For each database: two instances in this process, each with a fresh database of its own
 * (two embedded servers in temporary data directories, fsync on; or two throwaway PostgreSQL
 * clusters when the server binaries are installed), the test network, its own key, listening
 * on 127.0.0.1 and linked as partners: the hub (`hub-1111`) sends what it assigns to `rtp` to
 * the police system (`rtp-center`). Both share this process's event loop; their databases are
 * separate servers. The complaints are intake's varied Thai complaints (lib/complaints.ts).
 *
 * - Throughput: the hub files and assigns N cases (untimed, its worker stopped), then its worker
 *   starts as in production (`start()`: batches of 10, back to back while the queue is full)
 *   and delivers the N transfers; delivered/s = N ÷ (last delivery recorded − start). The
 *   police instance receives, verifies and makes each case as it would in service.
 * - Latency: with both workers running as in production (a poll a second when idle), the
 *   police officer replies on M of those cases at a steady rate; each reply's latency runs from
 *   the moment the action is sent to the moment the `reply` event is seen at the hub (its
 *   database watched every 5 ms through a connection of its own). Most of it is the police
 *   worker's poll interval: a reply waits for the next poll before it is delivered.
 *
 * Sound when the police system holds exactly one case per transfer, every transfer and reply
 * was delivered and applied once, and nothing is left queued, failed or dead. Figures are
 * reported (table and .bench-results/exchange.json), never asserted.
 *
 *   node --import tsx bench/run.ts exchange      (or node --import tsx bench/exchange.ts)
 *   BENCH_EXCHANGE_CASES=1000 BENCH_DATABASES=embedded node --import tsx bench/run.ts exchange
 *
 * Knobs: BENCH_EXCHANGE_CASES (default 300), BENCH_EXCHANGE_ACTIONS (replies timed, default 200,
 * at most the cases), BENCH_EXCHANGE_RATE (replies a second, default 5), BENCH_DATABASES
 * (default embedded,postgres).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/server/platform/database.ts';
import type { BenchDatabase, BenchReport, FailedResult, SkippedResult } from './lib/common.ts';
import { RESULTS_DIR, databasesFromEnv, machineInfo, numberFromEnv, printSkippedAndFailed, runBenchmark, runOnDatabase } from './lib/common.ts';
import { makeComplaint, seededRandom } from './lib/complaints.ts';
import { BenchUsageError, isEntryPoint, runWithInterrupt } from './lib/entry.ts';
import { registerBenchPartner, startBenchInstance, type BenchInstance } from './lib/exchange-instance.ts';
import { formatTable, round, summariseLatencies, type LatencySummary } from './lib/stats.ts';

const ALL_DATABASES: readonly BenchDatabase[] = ['embedded', 'postgres'];
/** Cases sent before the measurement: keys fetched, code warm. */
const WARMUP_CASES = 20;
/** The complaints filed: intake's (lib/complaints.ts), the same every run. */
const COMPLAINT_SEED = 2569;
/** How often the hub's database is looked at for a reply's event. */
const WATCH_MS = 5;
/** No phase may take longer: a delivery that never comes ends the run as not sound. */
const PHASE_TIMEOUT_MS = 600_000;

export interface ExchangeOptions {
  cases: number;
  actions: number;
  actionsPerSecond: number;
  databases: BenchDatabase[];
  resultsFile: string;
}

/** Reads the knobs (see the module comment); throws naming a bad variable. */
export function exchangeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ExchangeOptions {
  const cases = numberFromEnv(env, 'BENCH_EXCHANGE_CASES', 300, 10, 100_000, { integer: true, underscores: true });
  const actions = numberFromEnv(env, 'BENCH_EXCHANGE_ACTIONS', Math.min(200, cases), 1, 100_000, { integer: true, underscores: true });
  if (actions > cases) throw new BenchUsageError(`BENCH_EXCHANGE_ACTIONS (${actions}) must not exceed BENCH_EXCHANGE_CASES (${cases}): one reply a case`);
  return {
    cases,
    actions,
    actionsPerSecond: numberFromEnv(env, 'BENCH_EXCHANGE_RATE', 5, 0.1, 1000, { integer: false }),
    databases: databasesFromEnv(env, ALL_DATABASES),
    resultsFile: path.join(RESULTS_DIR, 'exchange.json'),
  };
}

interface MeasuredResult {
  database: BenchDatabase;
  status: 'measured';
  engine: string;
  throughput: { transfers: number; seconds: number; deliveredPerSecond: number; attempts: number };
  latency: {
    actions: number;
    seen: number;
    /** From sending the action to seeing its event at the hub. */
    actionToEventMs: LatencySummary;
    /** The action's own answer at the police system. */
    actionMs: LatencySummary;
    /** At the police system: the reply's message queued → delivered (the worker's poll wait and the delivery). */
    queuedToDeliveredMs: LatencySummary;
  };
  checks: { casesAtPartner: number; distinctReferences: number; expectedCases: number; replyEventsAtHub: number; repeatedReplies: number; unsettled: number };
}

type DatabaseResult = MeasuredResult | SkippedResult | FailedResult;

export interface ExchangeReport extends BenchReport<Omit<ExchangeOptions, 'resultsFile'> & { warmupCases: number; watchMs: number }, DatabaseResult> {
  benchmark: 'exchange';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => Promise<boolean>, signal: AbortSignal, everyMs = 20): Promise<void> {
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  while (!(await condition())) {
    if (signal.aborted) throw new Error(`interrupted while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${PHASE_TIMEOUT_MS / 1000} s`);
    await sleep(everyMs);
  }
}

async function countOf(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS counted`, params);
  return row?.n ?? 0;
}

/**
 * Files `count` of intake's varied complaints at the hub and assigns each to the police (their
 * transfers are queued): templated texts would all be near-duplicates of each other, and
 * triage, which runs again where a transfer arrives, would look through them all.
 */
async function fileAndAssign(hub: BenchInstance, count: number, random: () => number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const filed = await hub.app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: makeComplaint(random) });
    if (filed.statusCode !== 201) throw new Error(`filing failed: ${filed.statusCode} ${filed.body}`);
    const [row] = await hub.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [filed.json<{ trackingCode: string }>().trackingCode]);
    if (!row) throw new Error('the filed case is missing');
    for (const [action, body] of [['screen', {}], ['assign', { agencyCode: 'rtp' }]] as const) {
      const acted = await hub.request({ method: 'POST', url: `/api/v1/cases/${row.id}/actions/${action}`, as: 'hub.intake', body });
      if (acted.statusCode !== 200) throw new Error(`${action} failed: ${acted.statusCode} ${acted.body}`);
    }
    ids.push(row.id);
  }
  return ids;
}

const UNSETTLED_SQL = "SELECT 1 FROM exchange_messages WHERE state NOT IN ('delivered', 'applied')";

/** The hub's worker delivers the queued transfers of `ids`; resolves with the seconds it took and the attempts made. */
async function deliverTransfers(hub: BenchInstance, ids: string[], signal: AbortSignal): Promise<{ seconds: number; attempts: number }> {
  const startedAt = new Date();
  hub.worker.start();
  const delivered = "SELECT 1 FROM exchange_messages WHERE direction = 'out' AND type = 'case.transfer' AND state = 'delivered' AND case_id = ANY($1::uuid[])";
  await until('the transfers', async () => (await countOf(hub.watcher, delivered, [ids])) === ids.length, signal);
  const [row] = await hub.watcher.query<{ last: Date; attempts: number }>(
    "SELECT max(settled_at) AS last, sum(attempts)::int AS attempts FROM exchange_messages WHERE direction = 'out' AND type = 'case.transfer' AND case_id = ANY($1::uuid[])",
    [ids],
  );
  return { seconds: ((row?.last.getTime() ?? Number.NaN) - startedAt.getTime()) / 1000, attempts: row?.attempts ?? 0 };
}

/** The police officer replies on each case at a steady rate; the latency until each reply is seen at the hub. */
async function timeReplies(hub: BenchInstance, police: BenchInstance, cases: Array<{ here: string; atHub: string }>, perSecond: number, signal: AbortSignal) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const actionMs: number[] = [];
  let failed: string | undefined;
  const acting = (async () => {
    const start = performance.now();
    const pending: Promise<void>[] = [];
    for (const [index, { here, atHub }] of cases.entries()) {
      if (signal.aborted) break;
      await sleep(Math.max(0, start + (index * 1000) / perSecond - performance.now()));
      const at = performance.now();
      sentAt.set(atHub, at);
      pending.push(
        police.request({ method: 'POST', url: `/api/v1/cases/${here}/actions/reply`, as: 'rtp.officer', body: { message: `สายตรวจออกตรวจพื้นที่แล้ว ครั้งที่ ${index + 1}` } }).then((answer) => {
          if (answer.statusCode === 200) actionMs.push(performance.now() - at);
          else failed ??= `reply failed: ${answer.statusCode} ${answer.body}`;
        }),
      );
    }
    await Promise.all(pending);
  })();
  const seen = new Set<string>();
  await until(
    'the replies at the hub',
    async () => {
      if (failed) throw new Error(failed);
      const rows = await hub.watcher.query<{ case_id: string }>("SELECT DISTINCT case_id FROM case_events WHERE type = 'reply'");
      const now = performance.now();
      for (const { case_id: id } of rows) {
        const at = sentAt.get(id);
        if (at === undefined || seen.has(id)) continue;
        seen.add(id);
        latencies.push(now - at);
      }
      return seen.size === cases.length;
    },
    signal,
    WATCH_MS,
  );
  await acting;
  const queued = await police.watcher.query<{ ms: number }>(
    "SELECT extract(epoch FROM settled_at - created_at) * 1000 AS ms FROM exchange_messages WHERE direction = 'out' AND type = 'case.replied' AND state = 'delivered'",
  );
  return {
    actions: cases.length,
    seen: seen.size,
    actionToEventMs: summariseLatencies(latencies),
    actionMs: summariseLatencies(actionMs),
    queuedToDeliveredMs: summariseLatencies(queued.map((row) => Number(row.ms))),
  };
}

function benchDatabase(kind: BenchDatabase, options: ExchangeOptions, signal: AbortSignal): Promise<DatabaseResult> {
  return runOnDatabase('exchange', kind, async (label, resources): Promise<MeasuredResult | SkippedResult> => {
    const hub = await startBenchInstance(kind, 'hub-1111', resources);
    const police = 'reason' in hub ? hub : await startBenchInstance(kind, 'rtp-center', resources);
    if ('reason' in hub || 'reason' in police) {
      const reason = 'reason' in police ? police.reason : 'no database';
      console.log(`${label}: skipped — ${reason}`);
      return { database: kind, status: 'skipped', reason };
    }
    console.log(`${label}: ${hub.engine} (one for each instance)`);
    await registerBenchPartner(hub, police, ['rtp']);
    await registerBenchPartner(police, hub, ['hub-1111']);
    police.worker.start();

    const random = seededRandom(COMPLAINT_SEED);
    await deliverTransfers(hub, await fileAndAssign(hub, WARMUP_CASES, random), signal);
    await hub.worker.stop();
    console.log(`${label}: ${WARMUP_CASES} warm-up cases delivered; filing and assigning ${options.cases} cases…`);
    const ids = await fileAndAssign(hub, options.cases, random);
    if (signal.aborted) throw new Error('interrupted before the deliveries');
    const delivery = await deliverTransfers(hub, ids, signal);
    const deliveredPerSecond = round(options.cases / delivery.seconds, 1);
    console.log(`${label}: ${options.cases} transfers delivered in ${round(delivery.seconds, 2)} s: ${deliveredPerSecond}/s, ${delivery.attempts} attempts`);

    const links = await police.db.query<{ here: string; atHub: string }>(
      "SELECT case_id AS here, remote_reference AS \"atHub\" FROM case_links WHERE direction = 'received' AND remote_reference = ANY($1::text[]) ORDER BY remote_reference",
      [ids],
    );
    console.log(`${label}: ${options.actions} replies at ${options.actionsPerSecond}/s, both workers running…`);
    const latency = await timeReplies(hub, police, links.slice(0, options.actions), options.actionsPerSecond, signal);
    console.log(`${label}: reply → event at the hub p50 ${latency.actionToEventMs.p50Ms} ms, p95 ${latency.actionToEventMs.p95Ms} ms`);

    const expectedCases = WARMUP_CASES + options.cases;
    const [references] = await police.db.query<{ cases: number; distinct: number }>(
      "SELECT (SELECT count(*)::int FROM cases) AS cases, count(DISTINCT remote_reference)::int AS distinct FROM case_links WHERE direction = 'received'",
    );
    return {
      database: kind,
      status: 'measured',
      engine: hub.engine,
      throughput: { transfers: options.cases, seconds: round(delivery.seconds, 3), deliveredPerSecond, attempts: delivery.attempts },
      latency,
      checks: {
        casesAtPartner: references?.cases ?? 0,
        distinctReferences: references?.distinct ?? 0,
        expectedCases,
        replyEventsAtHub: await countOf(hub.db, "SELECT 1 FROM case_events WHERE type = 'reply'"),
        repeatedReplies: await countOf(hub.db, "SELECT case_id FROM case_events WHERE type = 'reply' GROUP BY case_id HAVING count(*) > 1"),
        unsettled: (await countOf(hub.db, UNSETTLED_SQL)) + (await countOf(police.db, UNSETTLED_SQL)),
      },
    };
  });
}

function isSound(result: MeasuredResult): boolean {
  const { checks, latency, throughput } = result;
  return (
    checks.casesAtPartner === checks.expectedCases &&
    checks.distinctReferences === checks.expectedCases &&
    checks.replyEventsAtHub === latency.actions &&
    checks.repeatedReplies === 0 &&
    checks.unsettled === 0 &&
    latency.seen === latency.actions &&
    throughput.deliveredPerSecond > 0
  );
}

function printReport(report: ExchangeReport): void {
  const { machine, settings } = report;
  console.log(
    `\nexchange — ${settings.cases} transfers hub → partner, then ${settings.actions} replies back at ${settings.actionsPerSecond}/s; ` +
      `${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAverageBefore} before the run\n`,
  );
  const measured = report.results.filter((result): result is MeasuredResult => result.status === 'measured');
  if (measured.length) {
    console.log(
      formatTable(
        ['database', 'transfers', 'seconds', 'delivered/s', 'attempts', 'replies', 'reply→event p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'queued→delivered p50 ms', 'p95 ms', 'reply answer p50 ms'],
        measured.map((r) => [
          r.database,
          r.throughput.transfers,
          r.throughput.seconds,
          r.throughput.deliveredPerSecond,
          r.throughput.attempts,
          r.latency.seen,
          r.latency.actionToEventMs.p50Ms,
          r.latency.actionToEventMs.p95Ms,
          r.latency.actionToEventMs.p99Ms,
          r.latency.actionToEventMs.maxMs,
          r.latency.queuedToDeliveredMs.p50Ms,
          r.latency.queuedToDeliveredMs.p95Ms,
          r.latency.actionMs.p50Ms,
        ]),
      ),
    );
    console.log('');
    console.log(
      formatTable(
        ['database', 'cases at partner', 'expected', 'distinct references', 'reply events at hub', 'repeated', 'unsettled messages', 'sound'],
        measured.map((r) => [
          r.database,
          r.checks.casesAtPartner,
          r.checks.expectedCases,
          r.checks.distinctReferences,
          r.checks.replyEventsAtHub,
          r.checks.repeatedReplies,
          r.checks.unsettled,
          isSound(r) ? 'yes' : 'NO',
        ]),
      ),
    );
    console.log(
      '(delivered/s: the hub\'s worker as in production, start() with batches of 10; reply→event: from sending the reply at the partner ' +
        `to its event seen at the hub, watched every ${WATCH_MS} ms, the partner's worker polling every second when idle. Warm-up cases excluded from the rates, counted in the checks.)`,
    );
  }
  printSkippedAndFailed(report.results);
}

/** Runs the benchmark on each database in turn; ok when every measured run was sound. */
export async function runExchangeBenchmark(options: ExchangeOptions, signal: AbortSignal): Promise<{ ok: boolean; report: ExchangeReport }> {
  const report: ExchangeReport = {
    benchmark: 'exchange',
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: machineInfo(),
    settings: { cases: options.cases, actions: options.actions, actionsPerSecond: options.actionsPerSecond, databases: options.databases, warmupCases: WARMUP_CASES, watchMs: WATCH_MS },
    results: [],
  };
  await runBenchmark({
    report,
    databases: options.databases,
    signal,
    busyEffect: 'low and noisy',
    bench: (kind) => benchDatabase(kind, options, signal),
    print: printReport,
    resultsFile: options.resultsFile,
  });
  const ok = report.results.every((result) => result.status === 'skipped' || (result.status === 'measured' && isSound(result)));
  return { ok, report };
}

if (isEntryPoint(import.meta.url)) {
  await runWithInterrupt(async (signal) => (await runExchangeBenchmark(exchangeOptionsFromEnv(), signal)).ok);
}
