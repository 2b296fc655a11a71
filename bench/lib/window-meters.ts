/**
 * bench/intake's view of the measured window: CPU of the app, the client and the machine, a V8
 * CPU profile, and the pool's backends by state and the PostgreSQL server's CPU.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { Queryable } from '../../src/server/platform/database.ts';
import { round } from './stats.ts';

/** Where the time went during the measured window. */
export interface WindowCpu {
  /** Share of the window the app's event loop was busy. */
  serverEventLoopPercent: number;
  /** CPU of the app's process (Node; the database runs in processes of its own), in % of one core. */
  serverProcessPercent: number;
  /** CPU of the load client process, in % of one core. */
  clientProcessPercent: number;
  /** Whole machine, in % of one core (so up to cores × 100); the rest is PostgreSQL and others. */
  machinePercent: number;
  cores: number;
}

/**
 * Client backends by state, averaged over samples of pg_stat_activity taken through a
 * separate connection during the window. `waitingOnLock` high means
 * transactions queue for a row lock (the audit chain head is one row every intake locks).
 */
export interface PostgresBackends {
  samples: number;
  running: number;
  waitingOnLock: number;
  idleInTransaction: number;
  idle: number;
  /** CPU of the cluster's processes over the window, in % of one core (Linux /proc; NaN elsewhere). */
  cpuPercent: number;
}

/** Busy and total CPU time of the machine so far, in ms summed over cores. */
function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

/** Samples the server side of the machine between the start and the end of the window. */
export class WindowMeter {
  private startedAt = 0;
  private elu: EventLoopUtilization | undefined;
  private cpu: NodeJS.CpuUsage | undefined;
  private machine: { busy: number; total: number } | undefined;
  private result: Omit<WindowCpu, 'clientProcessPercent'> | undefined;

  start(): void {
    this.startedAt = performance.now();
    this.elu = performance.eventLoopUtilization();
    this.cpu = process.cpuUsage();
    this.machine = machineTimes();
  }

  stop(): void {
    if (!this.elu || !this.cpu || !this.machine || this.result) return;
    const wallMs = performance.now() - this.startedAt;
    const elu = performance.eventLoopUtilization(this.elu);
    const cpu = process.cpuUsage(this.cpu);
    const machine = machineTimes();
    const cores = os.cpus().length;
    const machineTotal = machine.total - this.machine.total;
    this.result = {
      serverEventLoopPercent: round(elu.utilization * 100, 1),
      serverProcessPercent: wallMs > 0 ? round(((cpu.user + cpu.system) / 1000 / wallMs) * 100, 1) : Number.NaN,
      // os.cpus() ticks are coarse (10 ms): use the busy share of the machine times the cores.
      machinePercent: machineTotal > 0 ? round(((machine.busy - this.machine.busy) / machineTotal) * cores * 100, 1) : Number.NaN,
      cores,
    };
  }

  read(clientProcessPercent: number): WindowCpu {
    this.stop();
    const result = this.result ?? { serverEventLoopPercent: Number.NaN, serverProcessPercent: Number.NaN, machinePercent: Number.NaN, cores: os.cpus().length };
    return { ...result, clientProcessPercent };
  }
}

/** The V8 sampling profiler on this process, for the measured window only. */
export class WindowProfiler {
  private session: Session | undefined;
  private started: Promise<void> | undefined;

  start(): void {
    const session = new Session();
    session.connect();
    this.session = session;
    this.started = (async () => {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    })();
  }

  /** Writes the profile to `file`; false when it never started. */
  async stopInto(file: string): Promise<boolean> {
    const session = this.session;
    if (!session || !this.started) return false;
    this.session = undefined;
    try {
      await this.started;
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      return true;
    } finally {
      session.disconnect();
    }
  }
}

/** Kernel clock ticks per second for /proc/<pid>/stat: 100 on every common Linux build. */
const USER_HZ = 100;

/** User + system CPU seconds of these processes so far; NaN when /proc cannot tell. */
function processCpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after "pid (comm) ": state is the 3rd field, utime the 14th and stime the 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return Number.NaN;
    }
  }
  return ticks / USER_HZ;
}

/**
 * Samples pg_stat_activity every 100 ms through its own connection (not the app's pool), and
 * the CPU time of the cluster's processes over the window.
 */
export class BackendSampler {
  private readonly totals = { samples: 0, running: 0, waitingOnLock: 0, idleInTransaction: 0, idle: 0 };
  private loop: Promise<void> | undefined;
  private stopping = false;
  private stopped: Promise<PostgresBackends> | undefined;
  private cpuStart: { pids: number[]; seconds: number; at: number } | undefined;

  /** `connection`: a pool of one connection of its own, beside the app's. */
  constructor(private readonly connection: Queryable) {}

  start(): void {
    this.loop ??= (async () => {
      const at = performance.now();
      const pids = (await this.connection.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()')).map((row) => row.pid);
      this.cpuStart = { pids, seconds: processCpuSeconds(pids), at };
      while (!this.stopping) {
        // The embedded server's presence connections (embedded-server.ts) are no part of the pool.
        const [row] = await this.connection.query<{ running: number; lock: number; idle_tx: number; idle: number }>(
          `SELECT count(*) FILTER (WHERE state = 'active' AND wait_event_type IS DISTINCT FROM 'Lock')::int AS running,
                  count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS lock,
                  count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS idle_tx,
                  count(*) FILTER (WHERE state = 'idle')::int AS idle
           FROM pg_stat_activity
           WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name NOT LIKE 'rongthuk-presence %'`,
        );
        if (row) {
          this.totals.samples += 1;
          this.totals.running += row.running;
          this.totals.waitingOnLock += row.lock;
          this.totals.idleInTransaction += row.idle_tx;
          this.totals.idle += row.idle;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })().catch(() => {});
  }

  /** Ends sampling; the first call fixes the end of the window. */
  stop(): Promise<PostgresBackends> {
    this.stopped ??= this.finish();
    return this.stopped;
  }

  private async finish(): Promise<PostgresBackends> {
    this.stopping = true;
    const start = this.cpuStart;
    const cpuPercent = start ? ((processCpuSeconds(start.pids) - start.seconds) / ((performance.now() - start.at) / 1000)) * 100 : Number.NaN;
    await this.loop;
    const { samples, running, waitingOnLock, idleInTransaction, idle } = this.totals;
    const mean = (total: number): number => (samples ? round(total / samples, 2) : Number.NaN);
    return {
      samples,
      running: mean(running),
      waitingOnLock: mean(waitingOnLock),
      idleInTransaction: mean(idleInTransaction),
      idle: mean(idle),
      cpuPercent: round(cpuPercent, 1),
    };
  }
}
