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
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp, createAppWorker } from '../../src/server/app.ts';
import type { Config } from '../../src/server/platform/config.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { createDataProtector } from '../../src/server/platform/crypto.ts';
import type { Worker } from '../../src/server/platform/jobs.ts';
import type { CaseDetail, LoginResponse, PublicCase } from '../../src/shared/api/index.ts';
import { seedPoliceOffices, seedTestNetwork, TEST_CONFIG, TEST_DATA_KEY, TEST_PASSWORD } from './app.ts';
import { createTestDatabase, DATABASE_HOOK_TIMEOUT, DATABASE_KINDS, postgresUrl, type DatabaseKind, type TestDatabase } from './databases.ts';
import { formData, type FilePart } from './multipart.ts';

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
  /** Stops listening (a partner that is down); `listen` starts again on the same port. Each does nothing when it is so already. */
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
  let listening = false;
  const start = async () => {
    const address = await app.listen({ host: '127.0.0.1', port });
    port = Number(new URL(address).port);
    listening = true;
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
      if (!listening) return;
      listening = false;
      await app.close();
    },
    async listen() {
      if (listening) return;
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

/** A complaint filed by a citizen: its id, tracking code and access key. */
export interface Filed {
  id: string;
  trackingCode: string;
  accessKey: string;
}

/** Files a public complaint at an instance (multipart when files come with it); its id, tracking code and access key. */
export async function fileAt(instance: Instance, body: Record<string, unknown> = {}, files: readonly FilePart[] = []): Promise<Filed> {
  const complaint = { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่ รถจักรยานยนต์ล้มบ่อยมาก', categoryCode: 'road', ...body };
  const multipart = files.length ? await formData(complaint, files) : undefined;
  const response = await instance.request({
    method: 'POST',
    url: '/api/v1/public/complaints',
    body: multipart?.body ?? complaint,
    ...(multipart ? { headers: { 'content-type': multipart.contentType } } : {}),
  });
  if (response.statusCode !== 201) throw new Error(`filing at ${instance.code} failed: ${response.statusCode} ${response.body}`);
  const receipt = response.json() as { trackingCode: string; accessKey: string };
  const [row] = await instance.ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
  if (!row) throw new Error('the filed case is missing');
  return { id: row.id, ...receipt };
}

/** Defines `${name} [${kind}]` for each engine; the postgres variant skips without a server, as describeEachDatabase does. */
export function describeEachEngine(name: string, body: (kind: DatabaseKind) => void): void {
  const serverUrl = postgresUrl();
  for (const kind of DATABASE_KINDS) {
    const define = kind === 'postgres' && !serverUrl ? describe.skip : describe;
    define(`${name} [${kind}]`, () => body(kind));
  }
}

/** The sharing agreement of a link, as POST /api/v1/partners takes it. */
export interface Agreement {
  identity?: 'none' | 'contact' | 'full';
  text?: 'redacted' | 'full';
  attachments?: boolean;
}

/**
 * Two linked instances for a suite: `hub` (hub-1111, where citizens file) and `police` (the
 * police's own system, serving rtp of the hub's tree), each the other's partner; `police`
 * has the police offices too (rtp-inspector…) to forward cases inside its own tree.
 */
export interface LinkedPair {
  hub(): Instance;
  police(): Instance;
}

/** Starts the pair before the suite's tests and closes it after them. */
export function useLinkedPair(kind: DatabaseKind, options: { agreement?: Agreement } = {}): LinkedPair {
  let hub: Instance | undefined;
  let police: Instance | undefined;
  beforeAll(async () => {
    [hub, police] = await Promise.all([startInstance(kind, 'hub-1111'), startInstance(kind, 'police')]);
    await seedPoliceOffices(police.ctx.db);
    await link(hub, police, ['rtp'], options.agreement);
    await link(police, hub, ['hub-1111']);
  }, DATABASE_HOOK_TIMEOUT * 2);
  afterAll(async () => {
    await Promise.all([hub?.close(), police?.close()]);
  }, DATABASE_HOOK_TIMEOUT);
  const started = (instance: Instance | undefined) => instance ?? fail('the linked pair is only available inside tests and hooks');
  return { hub: () => started(hub), police: () => started(police) };
}

/** A case sent on: filed at the hub and its copy at the police. */
export interface SentCase {
  filed: Filed;
  /** The police's case made from it. */
  remoteId: string;
}

/**
 * A complaint filed at the hub, screened and assigned to rtp by hub.intake (`assign` adds to
 * the assign body), and delivered to the police.
 */
export async function sendToPolice(pair: LinkedPair, complaint: Record<string, unknown> = {}, options: { assign?: Record<string, unknown>; files?: readonly FilePart[] } = {}): Promise<SentCase> {
  const filed = await fileAt(pair.hub(), complaint, options.files);
  await pair.hub().act('hub.intake', filed.id, 'screen');
  await pair.hub().act('hub.intake', filed.id, 'assign', { agencyCode: 'rtp', ...options.assign });
  await pair.hub().deliver();
  return { filed, remoteId: await receivedCaseId(pair.police(), filed.trackingCode) };
}

/** A staff action and its body. */
export type Step = [action: string, body?: Record<string, unknown>];

/** The police's officer (rtp.officer) takes `steps` on the police's case in turn; then the police deliver what they sent. */
export async function atPolice(pair: LinkedPair, sent: SentCase, ...steps: Step[]): Promise<void> {
  for (const [action, body] of steps) await pair.police().act('rtp.officer', sent.remoteId, action, body);
  await pair.police().deliver();
}

/** The case at `at` made from the partner's case of tracking code `remoteTrackingCode`. */
export async function receivedCaseId(at: Instance, remoteTrackingCode: string): Promise<string> {
  const rows = await at.ctx.db.query<{ case_id: string }>("SELECT case_id FROM case_links WHERE direction = 'received' AND remote_tracking_code = $1", [remoteTrackingCode]);
  if (rows.length !== 1) throw new Error(`${at.code} has ${rows.length} cases of ${remoteTrackingCode}`);
  return (rows[0] as { case_id: string }).case_id;
}

/** The staff view of a case (GET /api/v1/cases/{id}). */
export async function staffView(at: Instance, caseId: string, as: string): Promise<CaseDetail> {
  const response = await at.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as });
  if (response.statusCode !== 200) throw new Error(`${as} reading ${caseId} at ${at.code}: ${response.statusCode} ${response.body}`);
  return response.json<CaseDetail>();
}

/** The citizen's tracking page (GET /api/v1/public/complaints/{trackingCode} with the access key). */
export async function citizenPage(at: Instance, filed: Filed): Promise<PublicCase> {
  const response = await at.request({ method: 'GET', url: `/api/v1/public/complaints/${filed.trackingCode}`, headers: { 'x-access-key': filed.accessKey } });
  if (response.statusCode !== 200) throw new Error(`the tracking page of ${filed.trackingCode} at ${at.code}: ${response.statusCode} ${response.body}`);
  return response.json<PublicCase>();
}

/** A stored message with what was signed: the JWS payload as its text (not verified here). */
export interface SignedMessage {
  direction: 'out' | 'in';
  type: string;
  seq: number;
  state: string;
  caseId: string | null;
  /** The envelope column as stored, as JSON text. */
  envelope: string;
  /** The JWS payload's text; null for an outbound message never sent. */
  payload: string | null;
}

/** The messages an instance stored, oldest first (optionally of one case). */
export async function storedMessages(at: Instance, caseId?: string): Promise<SignedMessage[]> {
  const rows = await at.ctx.db.query<{ direction: 'out' | 'in'; type: string; seq: number; state: string; case_id: string | null; envelope: unknown; jws: string | null }>(
    'SELECT direction, type, seq, state, case_id, envelope, jws FROM exchange_messages WHERE $1::uuid IS NULL OR case_id = $1 ORDER BY created_at, seq',
    [caseId ?? null],
  );
  return rows.map((row) => ({
    direction: row.direction,
    type: row.type,
    seq: row.seq,
    state: row.state,
    caseId: row.case_id,
    envelope: typeof row.envelope === 'string' ? row.envelope : JSON.stringify(row.envelope),
    payload: row.jws ? Buffer.from(row.jws.split('.')[1] ?? '', 'base64url').toString('utf8') : null,
  }));
}

function fail(message: string): never {
  throw new Error(message);
}
