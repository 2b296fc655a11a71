/**
 * A throwaway PostgreSQL cluster for the test suite: initdb into a fresh temporary directory,
 * start it on a free port of 127.0.0.1 with durability switched off, and remove it all again.
 *
 * initdb and postgres refuse to run as root, and CI runs as root: then both run as an
 * unprivileged user (src/server/platform/postgres-server.ts, shared with the embedded server).
 *
 * No cluster may outlive the process that started it: `stop()` on the normal path, process
 * exit and signal handlers when the run is interrupted, and a detached watchdog that stops the
 * cluster once the starting process has gone, even when it was killed with SIGKILL.
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  asUser,
  binariesIn,
  findFreePort,
  logTail,
  runCommand,
  serverUser,
  settingsBlock,
  startServerOnPort,
  waitForServer,
  type CommandLine,
  type PostgresBinaries,
  type SystemUser,
} from '../../src/server/platform/postgres-server.ts';

export { findFreePort, type PostgresBinaries };

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`, superuser, trust authentication. */
  url: string;
  port: number;
  binaries: PostgresBinaries;
  /** Stops the server (immediate shutdown) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Colon-separated directories searched instead of PATH and /usr/lib/postgresql/*\/bin.
 * Set it to a directory without binaries (`/nonexistent`) to simulate a machine without them.
 */
export const PG_BIN_DIRS_ENV = 'RONGTHUK_TEST_PG_BIN_DIRS';

const DEBIAN_PG_ROOT = '/usr/lib/postgresql';

/** Settings that make a cluster fast and small; none of them would be right in production. */
export const TEST_SETTINGS: Record<string, string> = {
  listen_addresses: "'127.0.0.1'",
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: "'1GB'",
  checkpoint_timeout: "'30min'",
  max_connections: '200',
  max_parallel_workers_per_gather: '0',
  jit: 'off',
  autovacuum: 'off',
  log_min_messages: 'warning',
  log_checkpoints: 'off',
  timezone: "'UTC'",
};

/** Finds initdb, pg_ctl and postgres of a system installation, the newest version first. Null when there are none. */
export function findPostgresBinaries(): PostgresBinaries | null {
  const found = candidateDirectories()
    .map(binariesIn)
    .filter((binaries): binaries is PostgresBinaries => binaries !== null);
  found.sort((a, b) => compareVersions(b.version, a.version));
  return found[0] ?? null;
}

function candidateDirectories(): string[] {
  const override = process.env[PG_BIN_DIRS_ENV];
  if (override !== undefined) return override.split(path.delimiter).filter(Boolean);
  const dirs: string[] = [];
  try {
    for (const entry of readdirSync(DEBIAN_PG_ROOT)) dirs.push(path.join(DEBIAN_PG_ROOT, entry, 'bin'));
  } catch {
    // Not a Debian-style installation.
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) dirs.push(dir);
  return [...new Set(dirs)];
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

// Clusters started by this process, each with a synchronous stop for exit and signal handlers.
const liveClusters = new Set<() => void>();
let handlersInstalled = false;

function stopAllSync(): void {
  for (const stop of [...liveClusters]) stop();
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', stopAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      stopAllSync();
      // When nobody else handles the signal, restore its default effect: end the process.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, handler);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, handler);
  }
}

/**
 * A detached shell that waits for this process to end and then stops the cluster and
 * removes its directory: the last line of defence when this process is killed outright.
 */
function startWatchdog(stopCommand: CommandLine, directory: string): number | undefined {
  const script = [
    'parent=$1; dir=$2; shift 2',
    'while kill -0 "$parent" 2>/dev/null; do sleep 1; done',
    '"$@" >/dev/null 2>&1',
    'rm -rf -- "$dir"',
  ].join('\n');
  const child = spawn('/bin/sh', ['-c', script, 'rongthuk-pg-watchdog', String(process.pid), directory, stopCommand[0], ...stopCommand[1]], {
    detached: true,
    stdio: 'ignore',
    cwd: '/',
  });
  child.on('error', () => {});
  child.unref();
  return child.pid;
}

function killWatchdog(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // Its own process group (detached): the shell and a sleep it may be waiting on.
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

export interface ClusterPlace {
  dataDir: string;
  /** The working folder of initdb and pg_ctl; the server's Unix socket goes there too. */
  cwd: string;
}

/**
 * initdb into `dataDir` (superuser `postgres`, trust authentication, UTF-8, no locale), then
 * `settings` appended to its configuration under `heading`. Also for bench/lib/kept-cluster.ts.
 */
export async function initCluster(
  binaries: PostgresBinaries,
  user: SystemUser | null,
  { dataDir, cwd, heading, settings }: ClusterPlace & { heading: string; settings: Record<string, string> },
): Promise<void> {
  await runCommand('initdb', asUser(user, binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']), cwd, 120_000);
  appendFileSync(path.join(dataDir, 'postgresql.conf'), settingsBlock(heading, { ...settings, unix_socket_directories: `'${cwd}'` }));
}

/** Starts the cluster on a free port of 127.0.0.1 and resolves to it. */
export function startOnFreePort(binaries: PostgresBinaries, user: SystemUser | null, { dataDir, cwd, logFile, waitSeconds }: ClusterPlace & { logFile: string; waitSeconds: number }): Promise<number> {
  // Another process may take the port between finding and binding it: then another one.
  return startServerOnPort(binaries, user, {
    clusterDir: dataDir,
    logFile,
    cwd,
    waitSeconds,
    portFor: () => findFreePort(),
    retryWhenTaken: true,
    failureLog: () => `(${logFile})\n${logTail(logFile)}`,
  });
}

export interface StartPostgresClusterOptions {
  /** Defaults to findPostgresBinaries(). */
  binaries?: PostgresBinaries;
}

/** Creates and starts a throwaway cluster; see the module comment. */
export async function startPostgresCluster(options: StartPostgresClusterOptions = {}): Promise<PostgresCluster> {
  const binaries = options.binaries ?? findPostgresBinaries();
  if (!binaries) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found');

  const user = serverUser();
  // The server's user must be able to reach the directory: /tmp when we are root (TMPDIR may be private).
  const directory = mkdtempSync(path.join(user ? '/tmp' : os.tmpdir(), 'rongthuk-pg-'));
  const dataDir = path.join(directory, 'data');
  if (user) chownSync(directory, user.uid, user.gid);

  const stopCommand = asUser(user, binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30']);
  let started = false;
  let stopped = false;
  let watchdogPid: number | undefined;

  const isRunning = (): boolean => started || existsSync(path.join(dataDir, 'postmaster.pid'));
  // Synchronous, for exit and signal handlers, where nothing asynchronous gets to run.
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    liveClusters.delete(stopSync);
    killWatchdog(watchdogPid);
    if (isRunning()) {
      try {
        execFileSync(stopCommand[0], stopCommand[1], { cwd: directory, stdio: 'ignore', timeout: 30_000 });
      } catch {
        // Not running (any more).
      }
    }
    rmSync(directory, { recursive: true, force: true });
  };
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (isRunning()) await runCommand('pg_ctl stop', stopCommand, directory, 30_000).catch(() => {});
    killWatchdog(watchdogPid);
    liveClusters.delete(stopSync);
    await rm(directory, { recursive: true, force: true });
  };
  liveClusters.add(stopSync);
  installExitHandlers();

  try {
    watchdogPid = startWatchdog(stopCommand, directory);
    await initCluster(binaries, user, { dataDir, cwd: directory, heading: 'Throwaway test cluster (Rongthuk test suite)', settings: TEST_SETTINGS });
    const port = await startOnFreePort(binaries, user, { dataDir, logFile: path.join(directory, 'postgres.log'), cwd: directory, waitSeconds: 60 });
    started = true;
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitForServer(url, 30_000);
    return { url, port, binaries, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
