/**
 * The embedded database: a PostgreSQL server that the app runs itself, its files under the data
 * directory, its binaries from the registry (postgres-server.ts). It is the same engine as a
 * hub's server, with fsync on: a filing acknowledged with a tracking code has reached the disk.
 *
 * Every process of the app (serve, workers, each CLI command) goes through the one server, so
 * nothing but PostgreSQL ever opens the files, and PostgreSQL's own postmaster.pid keeps a second
 * server off them. The first process to need the server starts it; each holds a presence
 * connection while it uses it; the last one to leave stops it. A process killed outright leaves
 * the server running for the next one; a server killed outright (or a power cut) is recovered
 * from its write-ahead log when it next starts.
 *
 * Files under the data directory:
 *   postgres/                 the cluster (PGDATA); its logs in postgres/log/, a week kept
 *   postgres-server.json      port, user and password of the server (mode 600)
 *   postgres.lock             held for the moment a process starts, joins or stops the server
 */
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import {
  PORT_TAKEN,
  asUser,
  findFreePort,
  logTail,
  processExists,
  registryBinaries,
  runCommand,
  serverUser,
  settingsBlock,
  waitForServer,
  type PostgresBinaries,
  type SystemUser,
} from './postgres-server.ts';

export const CLUSTER_SUBDIR = 'postgres';
const SERVER_FILE = 'postgres-server.json';
const LOCK_FILE = 'postgres.lock';
const DATABASE_NAME = 'rongthuk';
const SUPERUSER = 'rongthuk';
/** application_name of the connection each process holds while it uses the server. */
const PRESENCE_PREFIX = 'rongthuk-presence';

/**
 * Settings of the embedded server. Durability is PostgreSQL's default and stated anyway: a
 * commit returns after its WAL has been flushed to disk. The server listens on loopback only.
 * Logs keep no statement text or detail (they would hold complaint text and SQL parameters).
 */
const EMBEDDED_SETTINGS: Record<string, string> = {
  listen_addresses: "'127.0.0.1'",
  unix_socket_directories: "''",
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  max_connections: '100',
  timezone: "'UTC'",
  log_timezone: "'UTC'",
  logging_collector: 'on',
  log_directory: "'log'",
  log_filename: "'postgresql-%a.log'",
  log_truncate_on_rotation: 'on',
  log_rotation_age: "'1d'",
  log_rotation_size: '0',
  log_min_messages: 'warning',
  log_min_error_statement: 'panic',
  log_error_verbosity: 'terse',
};

const ServerFileSchema = z.object({
  port: z.number().int().min(1).max(65535),
  user: z.string().min(1),
  password: z.string().min(16),
});
type ServerFile = z.infer<typeof ServerFileSchema>;

export interface EmbeddedServerOptions {
  /** Who this process is, e.g. `serve`, `worker`, `migrate`: shown to the processes it waits for. */
  role: string;
  /** A fixed port (RONGTHUK_DB_PORT); undefined: the one kept in postgres-server.json, else a free one. */
  port?: number | undefined;
  /** Runs under the lock right after the server is ready, before any other process joins (the PGlite upgrade). */
  prepare?: (url: string) => Promise<void>;
  /** Informational lines (starting, recovering, stopping). */
  log?: (message: string) => void;
}

export interface EmbeddedServer {
  /** `postgres://rongthuk:…@127.0.0.1:PORT/rongthuk` */
  url: string;
  port: number;
  clusterDir: string;
  binaries: PostgresBinaries;
  /** Leaves the server: stops it when no other process of the app is using it. Safe to call twice. */
  release(): Promise<void>;
}

/** Starts the embedded server, or joins it when another process of the app runs it. */
export async function attachEmbeddedServer(dataDir: string, options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const binaries = await registryBinaries();
  const log = options.log ?? (() => {});
  const clusterDir = path.join(dataDir, CLUSTER_SUBDIR);
  mkdirSync(dataDir, { recursive: true });
  const user = serverUser();

  const { server, presence } = await withServerLock(dataDir, options.role, async () => {
    const clusterExists = existsSync(path.join(clusterDir, 'PG_VERSION'));
    const settings = readOrCreateServerFile(dataDir, options.port, clusterExists);
    if (!clusterExists) await createCluster(binaries, clusterDir, settings, user, log);
    const { port, started } = await ensureRunning(binaries, dataDir, clusterDir, settings, user, options.port, log);
    try {
      await ensureDatabase(serverUrl(settings, port, 'postgres'));
      const url = serverUrl(settings, port, DATABASE_NAME);
      if (options.prepare) await options.prepare(url);
      const client = await connectPresence(url, options.role);
      return { server: { url, port }, presence: client };
    } catch (error) {
      // A server this process started, and nobody joined (the lock is held): not left running.
      if (started) await stopServer(binaries, clusterDir, user, log).catch(() => {});
      throw error;
    }
  });

  let released = false;
  return {
    ...server,
    clusterDir,
    binaries,
    release: async () => {
      if (released) return;
      released = true;
      await withServerLock(dataDir, options.role, async () => {
        const others = await otherPresences(presence).catch(() => 0);
        await presence.end().catch(() => {});
        if (others === 0) await stopServer(binaries, clusterDir, user, log);
      });
    },
  };
}

/** pg_ctl stop, fast: open transactions are rolled back, committed ones are on disk already. */
async function stopServer(binaries: PostgresBinaries, clusterDir: string, user: SystemUser | null, log: (message: string) => void): Promise<void> {
  log(`Stopping the embedded PostgreSQL server (${clusterDir})`);
  await runCommand('pg_ctl stop', asUser(user, binaries.pgCtl, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '120']), path.dirname(clusterDir), 150_000).catch(
    (error: Error) => {
      // Already stopped (by a person, or it died): nothing to leave behind.
      if (!/PID file .* does not exist|Is server running|could not send stop signal/i.test(error.message)) throw error;
    },
  );
}

function serverUrl(settings: ServerFile, port: number, database: string): string {
  return `postgres://${encodeURIComponent(settings.user)}:${encodeURIComponent(settings.password)}@127.0.0.1:${port}/${database}`;
}

/** postgres-server.json, made (mode 600) with a new password and a free port on first use. */
function readOrCreateServerFile(dataDir: string, fixedPort: number | undefined, clusterExists: boolean): ServerFile {
  const file = path.join(dataDir, SERVER_FILE);
  if (clusterExists && !existsSync(file)) {
    throw new Error(`${file} is missing: restore it from a backup of this data directory (it holds the password of the database in ${path.join(dataDir, CLUSTER_SUBDIR)})`);
  }
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new Error(`${file} is not JSON: restore it from a backup (it holds the embedded server's password)`);
    }
    const result = ServerFileSchema.safeParse(parsed);
    if (!result.success) throw new Error(`${file} is damaged (${result.error.issues[0]?.path.join('.') ?? ''}): restore it from a backup`);
    return result.data;
  }
  const settings: ServerFile = { port: fixedPort ?? 0, user: SUPERUSER, password: randomBytes(24).toString('base64url') };
  writeServerFile(dataDir, settings);
  return settings;
}

function writeServerFile(dataDir: string, settings: ServerFile): void {
  const file = path.join(dataDir, SERVER_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** initdb into a temporary folder renamed into place: a cluster half made is never taken for one. */
async function createCluster(
  binaries: PostgresBinaries,
  clusterDir: string,
  settings: ServerFile,
  user: SystemUser | null,
  log: (message: string) => void,
): Promise<void> {
  const parent = path.dirname(clusterDir);
  const building = `${clusterDir}.creating`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { mode: 0o700 });
  const passwordFile = path.join(parent, `.postgres-password-${process.pid}`);
  writeFileSync(passwordFile, `${settings.password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(building, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  log(`Creating the embedded PostgreSQL ${binaries.version} database in ${clusterDir}`);
  try {
    await runCommand(
      'initdb',
      asUser(user, binaries.initdb, ['-D', building, '-U', settings.user, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-locale']),
      parent,
      300_000,
    ).catch((error: Error) => {
      if (user && /Permission denied|could not (access|change|create)/i.test(error.message)) {
        throw new Error(
          `PostgreSQL may not run as root, so it runs as the user "${user.name}", who cannot reach ${parent}. ` +
            `Run Rongthuk as an ordinary user, or set RONGTHUK_DATA_DIR to a folder "${user.name}" can reach (every folder above it searchable), or set DATABASE_URL.\n${error.message}`,
        );
      }
      throw error;
    });
  } finally {
    rmSync(passwordFile, { force: true });
  }
  writeFileSync(path.join(building, 'postgresql.conf'), settingsBlock('Rongthuk embedded server (src/server/platform/embedded-server.ts)', EMBEDDED_SETTINGS), {
    flag: 'a',
  });
  renameSync(building, clusterDir);
}

interface PostmasterFile {
  pid: number;
  /** When the server started, in seconds since the epoch. */
  startedAt: number;
  port: number;
  status: string;
}

/** postmaster.pid of a cluster: the server's pid, port and status; null when there is none. */
export function readPostmasterFile(clusterDir: string): PostmasterFile | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, startedAt: Number(lines[2]), port, status: (lines[7] ?? '').trim() };
}

/**
 * Whether the server of a postmaster.pid may still run. After a power cut the file remains and
 * its pid may since belong to another process: a file older than the machine's last boot, or a
 * pid that is not a postgres process, is stale (Linux tells; elsewhere the pid alone decides).
 */
function mayBeRunning(postmaster: PostmasterFile): boolean {
  if (!processExists(postmaster.pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    const bootedAt = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (bootedAt > 0 && postmaster.startedAt > 0 && postmaster.startedAt < bootedAt) return false;
    return readFileSync(`/proc/${postmaster.pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true;
  }
}

/** The port of the running server, started (or recovered) first when it is not running. */
async function ensureRunning(
  binaries: PostgresBinaries,
  dataDir: string,
  clusterDir: string,
  settings: ServerFile,
  user: SystemUser | null,
  fixedPort: number | undefined,
  log: (message: string) => void,
): Promise<{ port: number; started: boolean }> {
  const running = readPostmasterFile(clusterDir);
  if (running && !mayBeRunning(running)) {
    log(`The embedded PostgreSQL server did not stop cleanly (power cut or crash): it recovers from its write-ahead log now`);
    rmSync(path.join(clusterDir, 'postmaster.pid'), { force: true });
  } else if (running && running.port > 0) {
    if (fixedPort === undefined || fixedPort === running.port) {
      await waitForServer(serverUrl(settings, running.port, 'postgres'), 300_000);
      return { port: running.port, started: false };
    }
    throw new Error(`The embedded PostgreSQL server already runs on port ${running.port} (process ${running.pid}), not on RONGTHUK_DB_PORT=${fixedPort}`);
  }
  const startLog = path.join(clusterDir, 'startup.log');
  // After a crash PostgreSQL replays its write-ahead log on start: what was committed is back.
  for (let attempt = 1; ; attempt++) {
    let port = fixedPort ?? settings.port;
    if (port === 0 || attempt > 1) port = await findFreePort();
    log(`Starting the embedded PostgreSQL ${binaries.version} server on 127.0.0.1:${port} (${clusterDir})`);
    try {
      await runCommand('pg_ctl start', asUser(user, binaries.pgCtl, ['start', '-D', clusterDir, '-l', startLog, '-w', '-t', '600', '-o', `-p ${port}`]), dataDir, 660_000);
    } catch (error) {
      const tail = logTail(startLog);
      if (fixedPort === undefined && attempt < 5 && PORT_TAKEN.test(tail)) continue;
      throw new Error(`${(error as Error).message}\n--- ${startLog} ---\n${tail}`);
    }
    if (port !== settings.port && fixedPort === undefined) writeServerFile(dataDir, { ...settings, port });
    await waitForServer(serverUrl(settings, port, 'postgres'), 60_000);
    return { port, started: true };
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (rows.length === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME} TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function connectPresence(url: string, role: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: `${PRESENCE_PREFIX} ${role} ${process.pid}` });
  // The server stopping under us surfaces in the app's own queries; this connection only says we are here.
  client.on('error', () => {});
  await client.connect();
  return client;
}

async function otherPresences(presence: pg.Client): Promise<number> {
  const { rows } = await presence.query<{ others: number }>(
    `SELECT count(*)::int AS others FROM pg_stat_activity
      WHERE application_name LIKE $1 AND pid <> pg_backend_pid()`,
    [`${PRESENCE_PREFIX} %`],
  );
  return rows[0]?.others ?? 0;
}

const LOCK_WAIT_MS = 15 * 60_000;

/**
 * Runs `work` holding postgres.lock: one process at a time starts, joins or stops the server.
 * The lock is a file made with O_EXCL holding the holder's pid and role; a holder that no
 * longer exists (killed outright) is taken over. The lock only orders the app's own decisions:
 * the data itself is guarded by PostgreSQL (one postmaster per cluster).
 */
async function withServerLock<T>(dataDir: string, role: string, work: () => Promise<T>): Promise<T> {
  const file = path.join(dataDir, LOCK_FILE);
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid} ${role}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLockHolder(file);
    // A holder gone (killed outright), or a file left empty by one killed as it wrote it.
    if (holder ? !processExists(holder.pid) : olderThan(file, 30_000)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`The embedded database is busy: ${holder ? `${holder.role} (process ${holder.pid})` : 'another process'} has held ${file} for ${LOCK_WAIT_MS / 60_000} minutes`);
    }
    if (!announced && holder) {
      announced = true;
      process.stderr.write(`Waiting for ${holder.role} (process ${holder.pid}) to finish starting or stopping the embedded database…\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    return await work();
  } finally {
    try {
      unlinkSync(file);
    } catch {
      // Gone already.
    }
  }
}

function olderThan(file: string, ageMs: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ageMs;
  } catch {
    return false;
  }
}

function readLockHolder(file: string): { pid: number; role: string } | null {
  try {
    const [pid, ...role] = readFileSync(file, 'utf8').trim().split(' ');
    const value = Number(pid);
    return Number.isInteger(value) && value > 0 ? { pid: value, role: role.join(' ') || 'a process' } : null;
  } catch {
    return null;
  }
}
