/**
 * An instance of the exchange as a process of its own: `rongthuk serve` (the API and a job
 * worker in one process, as an office runs it) on a fresh test database seeded with the test
 * network, with its own instance code, signing key and data directory, on a fixed loopback
 * port — so that a test can kill it outright (SIGKILL: no shutdown, no cleanup, jobs left
 * claimed) and start it again on the same database, key and port. Beside the in-process
 * instances of exchange-instances.ts, which it can be linked with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair } from 'jose';
import type { LoginResponse } from '../../src/shared/api/index.ts';
import { seedTestNetwork, TEST_DATA_KEY, TEST_PASSWORD } from './app.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'rongthuk.mjs');
/** Starting the process (tsx, the app, its migrations check) on a busy two-core machine. */
const START_TIMEOUT_MS = 60_000;

/** An HTTP answer as the tests read it, from a process or from Fastify's inject alike. */
export interface Reply {
  statusCode: number;
  body: string;
  json(): unknown;
}

export interface RequestOptions {
  method: string;
  url: string;
  /** Signs in as this test user (TEST_PASSWORD) and sends the session as a bearer token. */
  as?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ProcessInstance {
  code: string;
  url: string;
  database: TestDatabase;
  request(options: RequestOptions): Promise<Reply>;
  /** A staff action on a case; throws unless it answered 200. */
  act(username: string, caseId: string, action: string, body?: Record<string, unknown>): Promise<Reply>;
  /** Whether the process runs now. */
  running(): boolean;
  /** Starts `rongthuk serve` again (after `kill`); resolves once it listens. */
  start(): Promise<void>;
  /** SIGKILL; resolves once the process is gone. */
  kill(): Promise<void>;
  /** What the process printed, for a failure's message. */
  output(): string;
  /** Stops the process (SIGTERM) and drops its database and directory. */
  close(): Promise<void>;
}

export interface ProcessInstanceOptions {
  /** More environment for the process (RONGTHUK_EXCHANGE_MAX_ATTEMPTS …). */
  env?: Record<string, string>;
}

/** Starts `rongthuk serve` as instance `code` on a fresh database of `kind` seeded with the test network. */
export async function startProcessInstance(kind: DatabaseKind, code: string, options: ProcessInstanceOptions = {}): Promise<ProcessInstance> {
  const database = await createTestDatabase(kind);
  await seedTestNetwork(database.db);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `rongthuk-${code}-`));
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = serveEnv({
    DATABASE_URL: database.url,
    RONGTHUK_DATA_KEY: TEST_DATA_KEY.toString('base64'),
    RONGTHUK_DATA_DIR: dataDir,
    RONGTHUK_INSTANCE_CODE: code,
    RONGTHUK_EXCHANGE_KEY: JSON.stringify(await exportJWK(privateKey)),
    RONGTHUK_EXCHANGE_RETRY_SECONDS: '1',
    RONGTHUK_LOGIN_ATTEMPTS_PER_MINUTE: '0',
    RONGTHUK_DEMO_SEED: 'false',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let printed = '';
  const tokens = new Map<string, string>();

  const start = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) throw new Error(`${code} is running already`);
    const started = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    // A test run that ends abruptly takes the process with it.
    const killOnExit = (): void => void started.kill('SIGKILL');
    process.once('exit', killOnExit);
    exited = new Promise((resolve) =>
      started.once('close', () => {
        process.removeListener('exit', killOnExit);
        resolve();
      }),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${code} did not start within ${START_TIMEOUT_MS / 1000} s:\n${printed}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer): void => {
        printed += chunk.toString('utf8');
        if (/Rongthuk is running at/.test(printed.slice(printed.lastIndexOf('--- start')))) {
          clearTimeout(timer);
          resolve();
        }
      };
      printed += `--- start of ${code}\n`;
      started.stdout?.on('data', onData);
      started.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${code} ended before it listened:\n${printed}`));
      });
    });
  };

  const running = (): boolean => child !== undefined && child.exitCode === null && child.signalCode === null;

  const instance: ProcessInstance = {
    code,
    url,
    database,
    async request({ method, url: route, as, body, headers = {} }) {
      const auth: Record<string, string> = as ? { authorization: `Bearer ${await tokenOf(as)}` } : {};
      const response = await fetch(`${url}${route}`, {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { statusCode: response.status, body: text, json: () => JSON.parse(text) as unknown };
    },
    async act(username, caseId, action, body = {}) {
      const response = await instance.request({ method: 'POST', url: `/api/v1/cases/${caseId}/actions/${action}`, as: username, body });
      if (response.statusCode !== 200) throw new Error(`${action} by ${username} at ${code} failed: ${response.statusCode} ${response.body}`);
      return response;
    },
    running,
    start,
    async kill() {
      if (running()) child?.kill('SIGKILL');
      await exited;
    },
    output: () => printed,
    async close() {
      if (running()) child?.kill('SIGTERM');
      await exited;
      await database.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };

  // Sessions live in the database: a token outlives a restart of the process.
  async function tokenOf(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known) return known;
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`login of ${username} at ${code} failed: ${response.status} ${await response.text()}`);
    const token = ((await response.json()) as LoginResponse).token;
    tokens.set(username, token);
    return token;
  }

  try {
    await start();
  } catch (error) {
    await instance.close();
    throw error;
  }
  return instance;
}

/**
 * Registers `partner` at `at` as serving the agencies `serves` of at's tree, by at's system
 * administrator through the API: an in-process instance or a process alike.
 */
export async function registerPartner(
  at: { code: string; request(options: RequestOptions): Promise<{ statusCode: number; body: string }> },
  partner: { code: string; url: string },
  serves: string[],
  agreement: { identity?: string; text?: string; attachments?: boolean } = {},
): Promise<void> {
  const response = await at.request({
    method: 'POST',
    url: '/api/v1/partners',
    as: 'hub.admin',
    body: { code: partner.code, name: `ระบบของ ${partner.code}`, baseUrl: partner.url, jwksUrl: `${partner.url}/api/v1/exchange/jwks`, agencies: serves, ...agreement },
  });
  if (response.statusCode !== 201) throw new Error(`registering ${partner.code} at ${at.code} failed: ${response.statusCode} ${response.body}`);
}

/** The test runner's environment without this project's settings, and `own` on top. */
function serveEnv(own: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RONGTHUK_') && name !== 'DATABASE_URL' && name !== 'PORT' && name !== 'HOST'));
  return { ...inherited, ...own };
}

/** A loopback port free now, kept for the process's restarts. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
