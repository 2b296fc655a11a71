/**
 * A Rongthuk instance for bench/exchange: a fresh database of the engine asked for, migrated and
 * seeded with the test network, its own instance code, Ed25519 signing key, data key and file
 * store, the real app listening on 127.0.0.1 and the application's worker with the production
 * settings (batches of 10, a poll a second when the queue is empty), not started.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { exportJWK, generateKeyPair } from 'jose';
import { buildApp, createAppWorker } from '../../src/server/app.ts';
import { parseInstanceKey } from '../../src/server/exchange/instance-key.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { createDataProtector } from '../../src/server/platform/crypto.ts';
import { migrate, type Database } from '../../src/server/platform/database.ts';
import type { Worker } from '../../src/server/platform/jobs.ts';
import type { LoginResponse } from '../../src/shared/api/index.ts';
import { seedTestNetwork, TEST_CONFIG, TEST_PASSWORD } from '../../test/support/app.ts';
import type { BenchDatabase, Resources } from './common.ts';
import { openBenchDatabase } from './databases.ts';

export interface BenchInstance {
  code: string;
  url: string;
  db: Database;
  /** A connection of its own to the same database, for watching it without taking the app's. */
  watcher: Database;
  engine: string;
  app: FastifyInstance;
  worker: Worker;
  /** An API request as a test user (signed in once, by bearer token). */
  request(options: { method: 'GET' | 'POST'; url: string; as: string; body?: object }): Promise<LightMyRequestResponse>;
}

/** Starts an instance named `code`; the reason when the engine is not installed. Everything is closed with `resources`. */
export async function startBenchInstance(kind: BenchDatabase, code: string, resources: Resources): Promise<BenchInstance | { reason: string }> {
  const opened = await openBenchDatabase(kind, { dirPrefix: `rongthuk-bench-exchange-${code}-`, maxConnections: 10 }, resources);
  if ('reason' in opened) return opened;
  const { db } = opened;
  await migrate(db);
  await seedTestNetwork(db);
  const dir = await mkdtemp(path.join(os.tmpdir(), `rongthuk-bench-${code}-`));
  resources.add(`the files of ${code}`, () => rm(dir, { recursive: true, force: true }));
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const exchangeKey = JSON.stringify(await exportJWK(privateKey));
  const ctx: AppContext = {
    db,
    config: {
      ...TEST_CONFIG,
      dataDir: dir,
      filesDir: path.join(dir, 'files'),
      auditCheckpointsFile: path.join(dir, 'audit-checkpoints.jsonl'),
      instanceCode: code,
      exchangeKey,
      // The production defaults but the first retry (none is expected on loopback).
      exchange: { retrySeconds: 1, maxAttempts: 12, skewSeconds: 300 },
    },
    protector: createDataProtector(randomBytes(32)),
    now: () => new Date(),
    signingKey: await parseInstanceKey(exchangeKey, code),
  };
  const app = await buildApp(ctx);
  resources.add(`the HTTP server of ${code}`, () => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const worker = createAppWorker(ctx, { id: `${code}-worker` });
  resources.add(`the worker of ${code}`, () => worker.stop());
  const tokens = new Map<string, string>();
  const tokenOf = async (username: string): Promise<string> => {
    const known = tokens.get(username);
    if (known) return known;
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (response.statusCode !== 200) throw new Error(`login of ${username} at ${code} failed: ${response.body}`);
    const { token } = response.json<LoginResponse>();
    tokens.set(username, token);
    return token;
  };
  return {
    code,
    url: `http://127.0.0.1:${port}`,
    db,
    watcher: await opened.openAnother(1),
    engine: opened.engine,
    app,
    worker,
    request: async ({ method, url, as, body }) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${await tokenOf(as)}` }, ...(body ? { payload: body } : {}) }),
  };
}

/** Registers `partner` at `at` as serving `serves` of at's tree (its system administrator, through the API). */
export async function registerBenchPartner(at: BenchInstance, partner: BenchInstance, serves: string[]): Promise<void> {
  const response = await at.request({
    method: 'POST',
    url: '/api/v1/partners',
    as: 'hub.admin',
    body: { code: partner.code, name: `ระบบของ ${partner.code}`, baseUrl: partner.url, jwksUrl: `${partner.url}/api/v1/exchange/jwks`, agencies: serves },
  });
  if (response.statusCode !== 201) throw new Error(`registering ${partner.code} at ${at.code} failed: ${response.statusCode} ${response.body}`);
}
