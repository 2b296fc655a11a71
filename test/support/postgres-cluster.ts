/**
 * A throwaway PostgreSQL cluster for the test suite: initdb into a fresh temporary directory,
 * start it on a free port of 127.0.0.1 with durability switched off, and remove it all again.
 *
 * initdb and postgres refuse to run as root, and CI runs as root: then both run as an
 * unprivileged user (`postgres` when the Debian package created it, else `nobody`).
 *
 * No cluster may outlive the process that started it: `stop()` on the normal path, process
 * exit and signal handlers when the run is interrupted, and a detached watchdog that stops the
 * cluster once the starting process has gone, even when it was killed with SIGKILL.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { accessSync, appendFileSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  /** As reported by `initdb --version`, e.g. `15.14`. */
  version: string;
  binDir: string;
}

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
const TEST_SETTINGS: Record<string, string> = {
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

/** Finds initdb and pg_ctl, the newest version first. Null when there are none. */
export function findPostgresBinaries(): PostgresBinaries | null {
  const found: PostgresBinaries[] = [];
  for (const dir of candidateDirectories()) {
    const initdb = path.join(dir, 'initdb');
    const pgCtl = path.join(dir, 'pg_ctl');
    if (!isExecutable(initdb) || !isExecutable(pgCtl) || !isExecutable(path.join(dir, 'postgres'))) continue;
    const version = reportedVersion(initdb);
    if (version) found.push({ initdb, pgCtl, version, binDir: dir });
  }
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

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function reportedVersion(initdb: string): string | null {
  try {
    const output = execFileSync(initdb, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return /(\d+(?:\.\d+)*)/.exec(output)?.[1] ?? null;
  } catch {
    return null;
  }
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

interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

/** The user the server runs as when we are root: `postgres` if it exists, else `nobody`. */
function unprivilegedUser(): SystemUser {
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    // Handled below.
  }
  const users = new Map<string, SystemUser>();
  for (const line of passwd.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name && uid && gid) users.set(name, { name, uid: Number(uid), gid: Number(gid) });
  }
  const user = users.get('postgres') ?? users.get('nobody');
  if (!user) throw new Error('Running as root, and neither a "postgres" nor a "nobody" user exists to run PostgreSQL as');
  return user;
}

const quoteForShell = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

function findRunuser(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs) {
    if (dir && isExecutable(path.join(dir, 'runuser'))) return path.join(dir, 'runuser');
  }
  return null;
}

/** The command line that runs `file args` as `user` (or as ourselves when user is null). */
function asUser(user: SystemUser | null, file: string, args: string[]): [string, string[]] {
  if (!user) return [file, args];
  const runuser = findRunuser();
  if (runuser) return [runuser, ['-u', user.name, '--', file, ...args]];
  const command = [file, ...args].map(quoteForShell).join(' ');
  return ['su', ['-s', '/bin/sh', user.name, '-c', command]];
}

function run(label: string, command: [string, string[]], cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command[0], command[1], { cwd, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (error) reject(new Error(`${label} failed: ${error.message.split('\n')[0]}${output ? `\n${output}` : ''}`));
      else resolve(output);
    });
  });
}

/** A TCP port that was free a moment ago: bind port 0 on 127.0.0.1 and release it. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not determine a free port'));
      });
    });
  });
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
function startWatchdog(stopCommand: [string, string[]], directory: string): number | undefined {
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

function logTail(logFile: string, lines = 20): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitForConnections(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

export interface StartPostgresClusterOptions {
  /** Defaults to findPostgresBinaries(). */
  binaries?: PostgresBinaries;
}

/** Creates and starts a throwaway cluster; see the module comment. */
export async function startPostgresCluster(options: StartPostgresClusterOptions = {}): Promise<PostgresCluster> {
  const binaries = options.binaries ?? findPostgresBinaries();
  if (!binaries) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found');

  const user = process.getuid?.() === 0 ? unprivilegedUser() : null;
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
    if (isRunning()) await run('pg_ctl stop', stopCommand, directory, 30_000).catch(() => {});
    killWatchdog(watchdogPid);
    liveClusters.delete(stopSync);
    await rm(directory, { recursive: true, force: true });
  };
  liveClusters.add(stopSync);
  installExitHandlers();

  try {
    watchdogPid = startWatchdog(stopCommand, directory);
    await run(
      'initdb',
      asUser(user, binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']),
      directory,
      120_000,
    );
    const settings = { ...TEST_SETTINGS, unix_socket_directories: `'${directory}'` };
    appendFileSync(
      path.join(dataDir, 'postgresql.conf'),
      `\n# Throwaway test cluster (Rongthuk test suite)\n${Object.entries(settings).map(([key, value]) => `${key} = ${value}`).join('\n')}\n`,
    );

    // Another process may take the port between finding and binding it: then try another one.
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort();
      const logFile = path.join(directory, `postgres-${attempt}.log`);
      try {
        await run('pg_ctl start', asUser(user, binaries.pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port}`]), directory, 90_000);
      } catch (error) {
        const log = logTail(logFile);
        if (attempt < 5 && /could not bind|address already in use|could not create any TCP\/IP sockets/i.test(log)) continue;
        throw new Error(`${(error as Error).message}\n--- ${logFile} ---\n${log}`);
      }
      started = true;
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      await waitForConnections(url, 30_000);
      return {
        url,
        port,
        binaries,
        stop,
      };
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
