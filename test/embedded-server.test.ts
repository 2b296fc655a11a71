/**
 * The embedded database as an office runs it: real `rongthuk` processes on one data directory.
 * - The CLI (migrate, calendar, audit verify, seed) and a worker go through the server that
 *   `serve` runs: they work while it runs, it goes on serving, nothing is damaged; the last
 *   process to leave stops the server.
 * - kill -9 of the app and of every process of the database server loses no filing that was
 *   answered 201: the next start recovers, every tracking code answers, the audit chain holds.
 * - The write-ahead log of a filing is synced to disk before its 201 leaves (strace records the
 *   sync calls of every server process), and the same probe finds none with fsync off, so it
 *   can tell the difference.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import { migrate, openDatabase, type Database } from '../src/server/platform/database.ts';
import { CLUSTER_SUBDIR, readPostmasterFile } from '../src/server/platform/embedded-server.ts';
import { buildApp } from '../src/server/app.ts';
import { isExecutable, processExists } from '../src/server/platform/postgres-server.ts';
import { TEST_CONFIG, TEST_DATA_KEY, seedTestNetwork } from './support/app.ts';
import { createEmbeddedDataDir, embeddedServerRunning, removeEmbeddedDataDir, removeStaleDataDirs } from './support/embedded-data-dir.ts';
import type { z } from 'zod';
import type { PublicReceiptSchema } from '../src/shared/api/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'rongthuk.mjs');
/** Creating the cluster, migrating and seeding the demo data in a fresh directory takes a while. */
const PROCESS_TIMEOUT = 180_000;

const COMPLAINT = { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่ รถจักรยานยนต์ล้มบ่อยมาก', categoryCode: 'road' };

type Receipt = z.output<typeof PublicReceiptSchema>;

const DATA_DIR_PREFIX = 'rongthuk-embedded-test-';
// Directories of runs that were killed (and the servers in them) go first.
removeStaleDataDirs(DATA_DIR_PREFIX);
const makeDataDir = (): string => createEmbeddedDataDir(`${DATA_DIR_PREFIX}${process.pid}-`);

function baseEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RONGTHUK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0' };
  delete env.DATABASE_URL;
  delete env.RONGTHUK_DATA_KEY;
  delete env.RONGTHUK_DB_PORT;
  return env;
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `rongthuk args…` to its end as a process of its own. */
function runCli(dataDir: string, args: string[]): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: baseEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

function startProcess(dataDir: string, args: string[]): RunningProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: baseEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return {
    child,
    output: () => `${stdout}\n--- stderr ---\n${stderr}`,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(stdout);
          if (!match) return;
          listeners.delete(check);
          resolve(match);
        };
        listeners.add(check);
        check();
        void exited.then((code) => {
          if (listeners.delete(check)) reject(new Error(`rongthuk ${args.join(' ')} ended (${code}) before printing ${pattern}:\n${stdout}\n${stderr}`));
        });
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

interface Serve extends RunningProcess {
  url: string;
}

async function startServe(dataDir: string): Promise<Serve> {
  const serve = startProcess(dataDir, ['serve']);
  const [, url] = await serve.waitFor(/Rongthuk is running at (http:\/\/\S+)/);
  return { ...serve, url: url! };
}

async function file(url: string, description = COMPLAINT.description): Promise<Receipt> {
  const response = await fetch(`${url}/api/v1/public/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...COMPLAINT, description }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Receipt;
}

async function trackingStatus(url: string, receipt: Receipt): Promise<number> {
  const response = await fetch(`${url}/api/v1/public/complaints/${encodeURIComponent(receipt.trackingCode)}`, {
    headers: { 'x-access-key': receipt.accessKey },
  });
  await response.arrayBuffer();
  return response.status;
}

/** The processes of a cluster: the postmaster and its children (backends, walwriter…). */
function clusterProcesses(clusterDir: string): number[] {
  const postmaster = readPostmasterFile(clusterDir);
  if (!postmaster) return [];
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // Fields after the command's closing parenthesis: state, ppid, …
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster.pid, ...children];
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const serverRunning = embeddedServerRunning;

describe('the embedded database shared by serve, the CLI and workers', () => {
  let dataDir = '';
  let serve: Serve | undefined;

  beforeAll(() => {
    dataDir = makeDataDir();
  });

  afterAll(async () => {
    await serve?.stop();
    // Whatever happened, no server of this directory outlives the test.
    removeEmbeddedDataDir(dataDir);
  }, PROCESS_TIMEOUT);

  test(
    'migrate, calendar, audit verify and checkpoint, seed and a worker run while serve runs; serve goes on; the last one out stops the server',
    async () => {
      serve = await startServe(dataDir);
      expect(serve.output()).toContain(`embedded PostgreSQL in ${dataDir}`);
      const before = await file(serve.url);

      const migrated = await runCli(dataDir, ['migrate']);
      expect(migrated, migrated.stderr).toMatchObject({ code: 0 });
      expect(migrated.stdout).toContain('database is up to date');

      const calendar = await runCli(dataDir, ['calendar', 'list', '--year', '2026']);
      expect(calendar.code, calendar.stderr).toBe(0);
      expect(calendar.stdout).toMatch(/^2026-04-13 {2}\S+ {2}วันสงกรานต์/m);

      const worker = startProcess(dataDir, ['worker']);
      await worker.waitFor(/Rongthuk worker \S+ is running on embedded PostgreSQL/);
      const during = await file(serve.url, 'ไฟฟ้าส่องทางดับทั้งซอยมาสามคืนแล้ว');

      const verified = await runCli(dataDir, ['audit', 'verify']);
      expect(verified.code, `${verified.stdout}${verified.stderr}`).toBe(0);
      const checkpoint = await runCli(dataDir, ['audit', 'checkpoint']);
      expect(checkpoint.code, checkpoint.stderr).toBe(0);
      expect(readFileSync(path.join(dataDir, 'audit-checkpoints.jsonl'), 'utf8')).toContain(checkpoint.stdout.trim());

      // The demo seed refuses a database that has agencies: refused, not damaged.
      const seeded = await runCli(dataDir, ['seed']);
      expect(seeded.code).toBe(1);
      expect(seeded.stderr).toContain('the demo seed only goes into an empty database');

      expect(await worker.stop()).toBe(0);
      expect(worker.output()).toContain('worker stopped');

      // Each of them left; serve still serves, and the server still runs for it.
      expect(serverRunning(dataDir)).toBe(true);
      const after = await file(serve.url, 'น้ำประปาไม่ไหลตั้งแต่เช้า');
      for (const receipt of [before, during, after]) expect(await trackingStatus(serve.url, receipt)).toBe(200);

      expect(await serve.stop()).toBe(0);
      serve = undefined;
      expect(serverRunning(dataDir)).toBe(false);

      // Everything is there on the next start (from the files, not from a process's memory).
      serve = await startServe(dataDir);
      for (const receipt of [before, during, after]) expect(await trackingStatus(serve.url, receipt)).toBe(200);
      expect(await serve.stop()).toBe(0);
      serve = undefined;
    },
    PROCESS_TIMEOUT * 2,
  );

  test(
    'kill -9 of the app and of every database process loses no filing answered 201',
    async () => {
      serve = await startServe(dataDir);
      const receipts: Receipt[] = [];
      for (let i = 0; i < 20; i++) receipts.push(await file(serve.url, `ท่อระบายน้ำอุดตัน จุดที่ ${i + 1} น้ำท่วมขังหน้าบ้าน`));

      const processes = [serve.child.pid!, ...clusterProcesses(path.join(dataDir, CLUSTER_SUBDIR))];
      expect(processes.length).toBeGreaterThan(2);
      for (const pid of processes) process.kill(pid, 'SIGKILL');
      await waitUntil(() => processes.every((pid) => !processExists(pid)), 'every killed process is gone');
      await serve.stop();
      // The server's files say it runs: a pid file left by a server that is gone.
      expect(existsSync(path.join(dataDir, CLUSTER_SUBDIR, 'postmaster.pid'))).toBe(true);

      serve = await startServe(dataDir);
      expect(serve.output()).toContain('did not stop cleanly');
      for (const receipt of receipts) expect(await trackingStatus(serve.url, receipt)).toBe(200);
      const verified = await runCli(dataDir, ['audit', 'verify']);
      expect(verified.code, `${verified.stdout}${verified.stderr}`).toBe(0);
      expect(await serve.stop()).toBe(0);
      serve = undefined;
      expect(serverRunning(dataDir)).toBe(false);
    },
    PROCESS_TIMEOUT * 2,
  );
});

describe('the start-up lock (postgres.lock)', () => {
  test('a holder still running is waited for; one that is gone is taken over', async () => {
    const dataDir = makeDataDir();
    const lock = path.join(dataDir, 'postgres.lock');
    // A process of the app (Node.js) in the middle of starting the server.
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lock, `${holder.pid} migrate\n`);
      let opened: Database | undefined;
      const opening = openDatabase({ dataDir, role: 'test' }).then((db) => (opened = db));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(opened).toBeUndefined();
      // The holder dies without cleaning up (kill -9): its lock is taken over.
      holder.kill('SIGKILL');
      const db = await opening;
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(existsSync(lock)).toBe(false);
      await db.close();
      expect(serverRunning(dataDir)).toBe(false);
    } finally {
      holder.kill('SIGKILL');
      removeEmbeddedDataDir(dataDir);
    }
  }, PROCESS_TIMEOUT);

  test('a lock naming a pid that is now another program (after a power cut) is taken over at once', async () => {
    const dataDir = makeDataDir();
    const stranger = spawn('sleep', ['120'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dataDir, 'postgres.lock'), `${stranger.pid} serve\n`);
      const db = await openDatabase({ dataDir, role: 'test' });
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await db.close();
    } finally {
      stranger.kill('SIGKILL');
      removeEmbeddedDataDir(dataDir);
    }
  }, PROCESS_TIMEOUT);
});

describe('a server that died, a settings file that was lost', () => {
  test('closing after the server was killed does not throw, and the next open recovers it', async () => {
    const dataDir = makeDataDir();
    try {
      const db = await openDatabase({ dataDir, role: 'test' });
      await db.query('CREATE TABLE kept (note text)');
      await db.query("INSERT INTO kept VALUES ('ยังอยู่')");
      const processes = clusterProcesses(path.join(dataDir, CLUSTER_SUBDIR));
      for (const pid of processes) process.kill(pid, 'SIGKILL');
      await waitUntil(() => processes.every((pid) => !processExists(pid)), 'the server is gone');
      await db.close();
      const again = await openDatabase({ dataDir, role: 'test' });
      expect(await again.query('SELECT note FROM kept')).toEqual([{ note: 'ยังอยู่' }]);
      await again.close();
    } finally {
      removeEmbeddedDataDir(dataDir);
    }
  }, PROCESS_TIMEOUT);

  test('a process whose presence connection was cut is still counted: the next one to leave does not stop the server', async () => {
    const dataDir = makeDataDir();
    try {
      const serving = await openDatabase({ dataDir, role: 'serve' });
      const admin = await openDatabase({ dataDir, role: 'test' });
      // As when a backend crash makes PostgreSQL restart every connection, or a person ends it.
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'rongthuk-presence serve %'");
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const names = await admin.query<{ name: string }>("SELECT application_name AS name FROM pg_stat_activity WHERE application_name LIKE 'rongthuk-presence serve %'");
      expect(names).toHaveLength(1);
      await admin.close();
      expect(serverRunning(dataDir)).toBe(true);
      expect(await serving.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await serving.close();
      expect(serverRunning(dataDir)).toBe(false);
    } finally {
      removeEmbeddedDataDir(dataDir);
    }
  }, PROCESS_TIMEOUT);

  test('a port taken by another program meanwhile: the server starts on another and keeps it', async () => {
    const dataDir = makeDataDir();
    const squatter = net.createServer();
    try {
      await (await openDatabase({ dataDir, role: 'test' })).close();
      const settingsFile = path.join(dataDir, 'postgres-server.json');
      const { port } = JSON.parse(readFileSync(settingsFile, 'utf8')) as { port: number };
      await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
      const db = await openDatabase({ dataDir, role: 'test' });
      const moved = (JSON.parse(readFileSync(settingsFile, 'utf8')) as { port: number }).port;
      expect(moved).not.toBe(port);
      expect(readPostmasterFile(path.join(dataDir, CLUSTER_SUBDIR))?.port).toBe(moved);
      await db.close();
    } finally {
      squatter.close();
      removeEmbeddedDataDir(dataDir);
    }
  }, PROCESS_TIMEOUT);

  test('a cluster without postgres-server.json is refused with what to restore', async () => {
    const dataDir = makeDataDir();
    try {
      await (await openDatabase({ dataDir, role: 'test' })).close();
      rmSync(path.join(dataDir, 'postgres-server.json'));
      await expect(openDatabase({ dataDir, role: 'test' })).rejects.toThrow(/postgres-server\.json is missing: restore it from a backup/);
      expect(serverRunning(dataDir)).toBe(false);
    } finally {
      removeEmbeddedDataDir(dataDir);
    }
  }, PROCESS_TIMEOUT);
});

describe('a pid file left by a power cut', () => {
  test('whose pid now belongs to another process does not keep the server from starting', async () => {
    const dataDir = makeDataDir();
    const stranger = spawn('sleep', ['120'], { stdio: 'ignore' });
    try {
      const first = await openDatabase({ dataDir, role: 'test' });
      await first.query('CREATE TABLE kept (note text)');
      await first.query("INSERT INTO kept VALUES ('ก่อนไฟดับ')");
      await first.close();
      const clusterDir = path.join(dataDir, CLUSTER_SUBDIR);
      expect(existsSync(path.join(clusterDir, 'postmaster.pid'))).toBe(false);
      // As after a reboot: the old server's file, naming a pid that is now a live, unrelated process.
      writeFileSync(
        path.join(clusterDir, 'postmaster.pid'),
        [stranger.pid, clusterDir, '1000', '45678', '', '127.0.0.1', '0 0', 'ready   ', ''].join('\n'),
      );
      const again = await openDatabase({ dataDir, role: 'test' });
      try {
        expect(await again.query('SELECT note FROM kept')).toEqual([{ note: 'ก่อนไฟดับ' }]);
        expect(readPostmasterFile(clusterDir)?.pid).not.toBe(stranger.pid);
      } finally {
        await again.close();
      }
    } finally {
      stranger.kill('SIGKILL');
      removeEmbeddedDataDir(dataDir);
    }
  }, PROCESS_TIMEOUT);
});

/** strace, when installed and allowed to trace here (a container may forbid ptrace). */
const strace = ['/usr/bin/strace', '/bin/strace'].find(
  (candidate) => isExecutable(candidate) && spawnSync(candidate, ['-f', '-e', 'trace=none', '/bin/true'], { stdio: 'ignore', timeout: 10_000 }).status === 0,
);

interface SyncCall {
  at: number;
  call: string;
  file: string;
}

/**
 * Runs `action` while strace records the fsync and fdatasync calls of every process of the
 * cluster; returns the calls on write-ahead log files that completed (= 0).
 */
async function walSyncsDuring(clusterDir: string, action: () => Promise<void>): Promise<SyncCall[]> {
  const pids = clusterProcesses(clusterDir);
  const tracer = spawn(strace ?? 'strace', ['-f', '-ttt', '-y', '-e', 'trace=fsync,fdatasync', ...pids.flatMap((pid) => ['-p', String(pid)])], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let trace = '';
  tracer.stderr.on('data', (chunk: Buffer) => (trace += chunk.toString('utf8')));
  const ended = new Promise<void>((resolve) => tracer.on('close', () => resolve()));
  await waitUntil(() => (trace.match(/Process \d+ attached/g) ?? []).length >= pids.length, `strace attached to ${pids.length} processes`);
  try {
    await action();
  } finally {
    tracer.kill('SIGINT');
    await ended;
  }
  const calls: SyncCall[] = [];
  for (const line of trace.split('\n')) {
    const match = /(\d+\.\d+) (fsync|fdatasync)\(\d+<([^>]+)>\)\s+= 0/.exec(line);
    if (match && match[3]!.includes(`${path.sep}pg_wal${path.sep}`)) calls.push({ at: Number(match[1]) * 1000, call: match[2]!, file: match[3]! });
  }
  return calls;
}

// Skipped only off Linux, or outside CI where strace is missing; in CI its absence fails.
describe.skipIf(process.platform !== 'linux' || (!strace && process.env.CI !== 'true'))('durability of the embedded database (strace)', () => {
  let dataDir = '';
  let clusterDir = '';
  let db: Database;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    if (!strace) throw new Error('strace is missing or may not trace here: CI must run this test (.ci/run installs strace)');
    dataDir = makeDataDir();
    clusterDir = path.join(dataDir, CLUSTER_SUBDIR);
    db = await openDatabase({ dataDir, role: 'test' });
    await migrate(db);
    await seedTestNetwork(db);
    app = await buildApp({ db, config: { ...TEST_CONFIG, dataDir }, protector: createDataProtector(TEST_DATA_KEY), now: () => new Date() });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Connections of the pool made before strace attaches are traced too (it follows every pid).
    await file(url);
  }, PROCESS_TIMEOUT);

  afterAll(async () => {
    await app?.close();
    await db?.close();
    removeEmbeddedDataDir(dataDir);
  }, PROCESS_TIMEOUT);

  /** Files one complaint under strace: the WAL syncs between sending it and its 201 arriving. */
  async function syncsBeforeAnswer(): Promise<{ syncs: SyncCall[]; walFile: string }> {
    let sent = 0;
    let answered = 0;
    const calls = await walSyncsDuring(clusterDir, async () => {
      sent = Date.now();
      await file(url, 'ขยะไม่ได้เก็บมาสองสัปดาห์ ส่งกลิ่นเหม็นทั้งซอย');
      answered = Date.now();
    });
    const [row] = await db.query<{ wal_file: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS wal_file');
    return { syncs: calls.filter((call) => call.at >= sent - 1 && call.at <= answered + 1), walFile: row!.wal_file };
  }

  test('the WAL of a filing is synced to disk before its 201 leaves', async () => {
    const { syncs, walFile } = await syncsBeforeAnswer();
    expect(syncs.length, 'no fsync/fdatasync of pg_wal between the request and its answer').toBeGreaterThan(0);
    expect(syncs.map((call) => path.basename(call.file))).toContain(walFile);
  }, PROCESS_TIMEOUT);

  test('the same probe finds no WAL sync when fsync is off (it can tell)', async () => {
    await db.query('ALTER SYSTEM SET fsync = off');
    await db.query('SELECT pg_reload_conf()');
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { syncs } = await syncsBeforeAnswer();
      expect(syncs).toEqual([]);
    } finally {
      await db.query('ALTER SYSTEM RESET fsync');
      await db.query('SELECT pg_reload_conf()');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await syncsBeforeAnswer()).syncs.length).toBeGreaterThan(0);
  }, PROCESS_TIMEOUT);
});
