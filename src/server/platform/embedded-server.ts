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
import {
  chownSync,
  closeSync,
  existsSync,
  fchownSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import {
  asUser,
  findFreePort,
  logTail,
  processExists,
  registryBinaries,
  runCommand,
  serverUser,
  settingsBlock,
  startServerOnPort,
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
 * commit returns after its WAL has been flushed to disk — through the drive's cache on macOS
 * and Windows, where a plain fsync stops at it. The server listens on loopback only. The log
 * keeps the server's own messages (start, recovery, checkpoints, fatal errors) and no statement
 * errors: PostgreSQL quotes refused values in them, and those hold complaint text.
 */
const EMBEDDED_SETTINGS: Record<string, string> = {
  listen_addresses: "'127.0.0.1'",
  unix_socket_directories: "''",
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  ...(process.platform === 'darwin' || process.platform === 'win32' ? { wal_sync_method: 'fsync_writethrough' } : {}),
  max_connections: '100',
  timezone: "'UTC'",
  log_timezone: "'UTC'",
  logging_collector: 'on',
  log_directory: "'log'",
  log_filename: "'postgresql-%a.log'",
  log_truncate_on_rotation: 'on',
  log_rotation_age: "'1d'",
  log_rotation_size: '0',
  log_min_messages: 'log',
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
  /** Runs under the lock once the server is ready, each time a process starts or joins it (the PGlite upgrade checks for a folder). */
  prepare?: (url: string) => Promise<void>;
  /** Informational lines (starting, recovering, stopping). */
  log?: (message: string) => void;
}

export interface EmbeddedServer {
  /** `postgres://rongthuk:…@127.0.0.1:PORT/rongthuk` */
  url: string;
  port: number;
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
      const presence = await Presence.connect(url, options.role);
      return { server: { url, port }, presence };
    } catch (error) {
      // A server this process started, and nobody joined (the lock is held): not left running.
      if (started) await stopServer(binaries, clusterDir, user, log).catch(() => {});
      throw error;
    }
  });

  let released = false;
  return {
    ...server,
    release: async () => {
      if (released) return;
      released = true;
      await withServerLock(dataDir, options.role, async () => {
        // Unsure whether others use it (the count failed): it keeps running.
        const others = await presence.countOthers().catch(() => Number.POSITIVE_INFINITY);
        await presence.end();
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
      if (!/PID file .* does not exist|Is server running|could not send stop signal \(PID: \d+\): No such process/i.test(error.message)) throw error;
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

/** Written to a new file, synced, renamed over the old one, the folder synced: a power cut leaves the old or the new. */
function writeServerFile(dataDir: string, settings: ServerFile): void {
  const file = path.join(dataDir, SERVER_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  writeNewFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, null, true);
  renameSync(temporary, file);
  syncFolder(dataDir);
}

/**
 * Creates `file` (never through a link left in its place: O_EXCL), owned by `owner` when given,
 * mode 600, optionally synced to disk.
 */
function writeNewFile(file: string, content: string, owner: SystemUser | null, sync: boolean): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    if (owner) fchownSync(fd, owner.uid, owner.gid);
    writeSync(fd, content);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
  rmSync(passwordFile, { force: true });
  writeNewFile(passwordFile, `${settings.password}\n`, user, false);
  if (user) chownSync(building, user.uid, user.gid);
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
 * its pid may since belong to another process: on Linux a postmaster works in its cluster
 * folder, so a pid whose working folder is another one is not it. Elsewhere the pid decides,
 * and PostgreSQL itself refuses to start beside a live one.
 */
function mayBeRunning(postmaster: PostmasterFile, clusterDir: string): boolean {
  if (!processExists(postmaster.pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    return realpathSync(readlinkSync(`/proc/${postmaster.pid}/cwd`)) === realpathSync(clusterDir);
  } catch {
    // Not ours to inspect: assume it is the server.
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
  if (running && !mayBeRunning(running, clusterDir)) {
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
  let port: number;
  try {
    port = await startServerOnPort(binaries, user, {
      clusterDir,
      logFile: startLog,
      cwd: dataDir,
      waitSeconds: 600,
      portFor: async (attempt) => {
        const chosen = attempt === 1 && (fixedPort ?? settings.port) !== 0 ? (fixedPort ?? settings.port) : await findFreePort();
        log(`Starting the embedded PostgreSQL ${binaries.version} server on 127.0.0.1:${chosen} (${clusterDir})`);
        return chosen;
      },
      retryWhenTaken: fixedPort === undefined,
      // With the logging collector on, the reason is in the newest file of log/.
      failureLog: () => [startLog, newestLogFile(clusterDir)].map((file) => (file ? `(${file})\n${logTail(file)}` : '')).join('\n'),
    });
  } catch (error) {
    // A server that came up too late for pg_ctl's wait (a long recovery) is not left behind.
    if (readPostmasterFile(clusterDir)) await stopServer(binaries, clusterDir, user, log).catch(() => {});
    throw error;
  }
  if (port !== settings.port && fixedPort === undefined) writeServerFile(dataDir, { ...settings, port });
  await waitForServer(serverUrl(settings, port, 'postgres'), 60_000);
  return { port, started: true };
}

function newestLogFile(clusterDir: string): string | undefined {
  const directory = path.join(clusterDir, 'log');
  try {
    const files = readdirSync(directory).map((name) => path.join(directory, name));
    return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  } catch {
    return undefined;
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

/**
 * The connection that says this process uses the server. It is connected again whenever it is
 * lost (a backend crash makes PostgreSQL restart every connection; a person may terminate it):
 * a process whose presence had gone would be counted out, and the next one to leave would stop
 * the server under it.
 */
class Presence {
  private client: pg.Client | undefined;
  private ended = false;
  private retry: NodeJS.Timeout | undefined;

  private constructor(
    private readonly url: string,
    private readonly role: string,
  ) {}

  static async connect(url: string, role: string): Promise<Presence> {
    const presence = new Presence(url, role);
    await presence.open();
    return presence;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: `${PRESENCE_PREFIX} ${this.role} ${process.pid}` });
    const lost = (): void => {
      if (this.client !== client || this.ended) return;
      this.client = undefined;
      // At once: until it is back, another process leaving could count this one out.
      this.reopenSoon(0);
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    if (this.ended) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
  }

  private reopenSoon(delayMs: number): void {
    this.retry = setTimeout(() => {
      this.retry = undefined;
      // Refused while the server restarts (its count fails meanwhile, so nobody stops it): again in a second.
      if (!this.ended) this.open().catch(() => this.reopenSoon(1_000));
    }, delayMs);
    // Waiting to reconnect never keeps the process alive by itself.
    this.retry.unref();
  }

  /** Presence connections of the app's other processes. */
  async countOthers(): Promise<number> {
    const client = this.client;
    if (!client) throw new Error('not connected');
    const { rows } = await client.query<{ others: number }>(
      `SELECT count(*)::int AS others FROM pg_stat_activity
        WHERE application_name LIKE $1 AND pid <> pg_backend_pid()`,
      [`${PRESENCE_PREFIX} %`],
    );
    return rows[0]?.others ?? 0;
  }

  async end(): Promise<void> {
    this.ended = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => {});
    this.client = undefined;
  }
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
    if (holder ? !isAppProcess(holder.pid) : olderThan(file, 30_000)) {
      takeOver(file, holder);
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
    // Only our own lock: one taken over from us (we looked dead) is not ours to remove.
    if (readLockHolder(file)?.pid === process.pid) {
      try {
        unlinkSync(file);
      } catch {
        // Gone already.
      }
    }
  }
}

/**
 * Removes a stale lock, one process at a time (postgres.lock.takeover, itself stale after 10 s):
 * two processes that both found the holder dead must not both remove a lock, or the second
 * would remove the new one of the first.
 */
function takeOver(file: string, stale: { pid: number } | null): void {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (olderThan(guard, 10_000)) rmSync(guard, { force: true });
    return;
  }
  try {
    closeSync(fd);
    // Still the same stale lock (not one made since by another process)?
    const now = readLockHolder(file);
    if (stale ? now?.pid === stale.pid : now === null) rmSync(file, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

/**
 * Whether a lock holder still runs. After a power cut its pid may name another program: on
 * Linux a holder is a Node.js process; elsewhere the pid decides.
 */
function isAppProcess(pid: number): boolean {
  if (!processExists(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    return /(^|\/)node(js)?(\0|$)/m.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '');
  } catch {
    return true;
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
