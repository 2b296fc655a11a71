/**
 * Several Rongthuk instances in one test process, each with its own database, instance code,
 * signing key and file store, listening on loopback — for the exchange between systems. Each
 * has the application's worker on the instance's clock (`deliver` runs due jobs until none is
 * left); `link` registers two instances as each other's partners.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { exportJWK, generateKeyPair } from 'jose';
import { buildApp, createAppWorker } from '../../src/server/app.ts';
import type { Config } from '../../src/server/platform/config.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { createDataProtector } from '../../src/server/platform/crypto.ts';
import type { Worker } from '../../src/server/platform/jobs.ts';
import type { LoginResponse } from '../../src/shared/api/index.ts';
import { seedTestNetwork, TEST_CONFIG, TEST_DATA_KEY, TEST_PASSWORD } from './app.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';

export interface Instance {
  code: string;
  url: string;
  ctx: AppContext;
  app: FastifyInstance;
  database: TestDatabase;
  /** The instance's clock: real time unless set. */
  setNow(instant: Date | undefined): void;
  request(options: { method: string; url: string; as?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  act(username: string, caseId: string, action: string, body?: Record<string, unknown>): Promise<LightMyRequestResponse>;
  /** Runs the worker until no job is due (deliveries, notices); returns how many ran. */
  deliver(): Promise<number>;
  /** Stops listening (a partner that is down); `listen` starts again on the same port. */
  stopListening(): Promise<void>;
  listen(): Promise<void>;
  close(): Promise<void>;
}

export interface InstanceOptions {
  config?: Partial<Config>;
}

/** Starts an instance on a fresh database of `kind` seeded with the test network. */
export async function startInstance(kind: DatabaseKind, code: string, options: InstanceOptions = {}): Promise<Instance> {
  const database = await createTestDatabase(kind);
  await seedTestNetwork(database.db);
  const filesDir = await mkdtemp(path.join(os.tmpdir(), `rongthuk-${code}-`));
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const exchangeKey = JSON.stringify(await exportJWK(privateKey));
  let fixedNow: Date | undefined;
  const ctx: AppContext = {
    db: database.db,
    config: { ...TEST_CONFIG, instanceCode: code, exchangeKey, filesDir, exchange: { retrySeconds: 1, maxAttempts: 4, skewSeconds: 300 }, ...options.config },
    protector: createDataProtector(TEST_DATA_KEY),
    now: () => fixedNow ?? new Date(),
  };
  // The key as openInstallation would load it: signing needs no data dir.
  const { parseInstanceKey } = await import('../../src/server/exchange/instance-key.ts');
  ctx.signingKey = await parseInstanceKey(exchangeKey, code);
  let app = await buildApp(ctx);
  let port = 0;
  const start = async () => {
    const address = await app.listen({ host: '127.0.0.1', port });
    port = Number(new URL(address).port);
    return address;
  };
  const url = await start();
  const worker: Worker = createAppWorker(ctx, { id: `${code}-worker`, now: () => ctx.now(), batchSize: 20 });
  const tokens = new Map<string, string>();
  const instance: Instance = {
    code,
    url,
    ctx,
    get app() {
      return app;
    },
    database,
    setNow(instant) {
      fixedNow = instant;
    },
    async request({ method, url: route, as, body, headers = {} }) {
      let auth: Record<string, string> = {};
      if (as) {
        let token = tokens.get(as);
        if (!token) {
          const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: as, password: TEST_PASSWORD } });
          if (response.statusCode !== 200) throw new Error(`login of ${as} at ${code} failed: ${response.body}`);
          token = (response.json() as LoginResponse).token;
          tokens.set(as, token);
        }
        auth = { authorization: `Bearer ${token}` };
      }
      return app.inject({ method: method as 'GET', url: route, headers: { ...auth, ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
    },
    async act(username, caseId, action, body = {}) {
      const response = await instance.request({ method: 'POST', url: `/api/v1/cases/${caseId}/actions/${action}`, as: username, body });
      if (response.statusCode !== 200) throw new Error(`${action} by ${username} at ${code} failed: ${response.statusCode} ${response.body}`);
      return response;
    },
    async deliver() {
      let total = 0;
      for (let round = 0; round < 100; round += 1) {
        const ran = await worker.runOnce();
        total += ran;
        if (ran === 0) return total;
      }
      throw new Error(`${code}: jobs still due after 100 rounds`);
    },
    async stopListening() {
      await app.close();
    },
    async listen() {
      app = await buildApp(ctx);
      await start();
    },
    async close() {
      await worker.stop();
      await app.close();
      await database.dispose();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
  return instance;
}

/**
 * Registers `partner` at `at` as serving the agencies `serves` of at's tree, with the sharing
 * agreement given (default: the minimum), by at's system administrator through the API.
 */
export async function link(at: Instance, partner: Instance, serves: string[], agreement: { identity?: string; text?: string; attachments?: boolean } = {}): Promise<void> {
  const response = await at.request({
    method: 'POST',
    url: '/api/v1/partners',
    as: 'hub.admin',
    body: { code: partner.code, name: `ระบบของ ${partner.code}`, baseUrl: partner.url, jwksUrl: `${partner.url}/api/v1/exchange/jwks`, agencies: serves, ...agreement },
  });
  if (response.statusCode !== 201) throw new Error(`linking ${partner.code} at ${at.code} failed: ${response.statusCode} ${response.body}`);
}

/** Files a public complaint at an instance; its id, tracking code and access key. */
export async function fileAt(instance: Instance, body: Record<string, unknown> = {}): Promise<{ id: string; trackingCode: string; accessKey: string }> {
  const response = await instance.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่ รถจักรยานยนต์ล้มบ่อยมาก', categoryCode: 'road', ...body } });
  if (response.statusCode !== 201) throw new Error(`filing at ${instance.code} failed: ${response.statusCode} ${response.body}`);
  const receipt = response.json() as { trackingCode: string; accessKey: string };
  const [row] = await instance.ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
  if (!row) throw new Error('the filed case is missing');
  return { id: row.id, ...receipt };
}
