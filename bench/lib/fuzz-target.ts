/**
 * bench/fuzz's server: the real app on a migrated database, seeded with the test network and
 * a few real cases in several states (filed, assigned, in progress, awaiting information,
 * resolved, closed, rejected, merged; one with a photo), an SLA policy, a holiday, a routing
 * rule, a saved filter and three spare accounts, so that inputs can name ids, tracking codes,
 * access keys and sessions that exist. Rate limits are off; the app listens on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/server/platform/config.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { createDataProtector } from '../../src/server/platform/crypto.ts';
import type { Database } from '../../src/server/platform/database.ts';
import { buildApp, createAppWorker } from '../../src/server/app.ts';
import { BODY_LIMIT_BYTES } from '../../src/server/platform/http.ts';
import { createLogger } from '../../src/server/platform/logging.ts';
import { TEST_AGENCIES, TEST_CONFIG, TEST_PASSWORD, TEST_USERS, seedTestNetwork } from '../../test/support/app.ts';
import { flatPng } from '../../test/support/png.ts';
import { routesOf, type ApiRoute, type FuzzSecrets, type FuzzWorld, type OpenApiDocument } from './fuzz-routes.ts';

/** An error the server logged (its 5xx causes), with when, to match it to the request in flight. */
export interface LoggedError {
  at: number;
  message: string;
  error?: { type?: string; code?: string; message?: string; stack?: string };
}

export interface FuzzTarget {
  app: FastifyInstance;
  ctx: AppContext;
  port: number;
  routes: ApiRoute[];
  world: FuzzWorld;
  secrets: FuzzSecrets;
  /** What the server logged at level error, oldest first. */
  serverErrors: LoggedError[];
  /** The seeded cases by status. */
  seededCases: Record<string, number>;
  /** A token of a session of its own (for sign-out, which ends the session it is sent with). */
  freshToken(username: string): Promise<string>;
}

/** The largest attachment the fuzzed app takes: small, so that inputs just over it stay cheap. */
export const FUZZ_MAX_FILE_BYTES = 512 * 1024;

/**
 * Seeds `db` (migrated) and starts the app on it; `workDir` (an empty directory the caller
 * removes) holds the files, a one-page web app and the audit checkpoints. The caller closes the app.
 */
export async function startFuzzTarget(db: Database, workDir: string): Promise<FuzzTarget> {
  await seedTestNetwork(db);
  const webDir = path.join(workDir, 'web');
  mkdirSync(webDir, { recursive: true });
  // A built web app of one page, so that page paths are answered as in production.
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html lang="th"><title>Rongthuk</title><div id="root"></div></html>');
  const config: Config = {
    ...TEST_CONFIG,
    dataDir: workDir,
    filesDir: path.join(workDir, 'files'),
    webDir,
    auditCheckpointsFile: path.join(workDir, 'audit-checkpoints.jsonl'),
    maxFileBytes: FUZZ_MAX_FILE_BYTES,
    // Every input reaches its handler.
    loginAttemptsPerMinute: 0,
    publicWritesPerMinute: 0,
    logLevel: 'error',
  };
  const serverErrors: LoggedError[] = [];
  const logger = createLogger({
    level: 'error',
    destination: {
      write(line: string) {
        try {
          const entry = JSON.parse(line) as { time?: number; msg?: string; err?: LoggedError['error'] };
          serverErrors.push({ at: performance.now(), message: entry.msg ?? '', ...(entry.err ? { error: entry.err } : {}) });
        } catch {
          serverErrors.push({ at: performance.now(), message: line.slice(0, 500) });
        }
      },
    },
  });
  const ctx: AppContext = { db, config, protector: createDataProtector(randomBytes(32)), now: () => new Date() };
  const app = await buildApp(ctx, { logger });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>();
    const seeded = await seedWorld(app, ctx);
    return {
      app,
      ctx,
      port,
      routes: routesOf(document),
      world: seeded.world,
      secrets: { tokens: seeded.tokens, accessKeys: seeded.accessKeys, origin: `http://127.0.0.1:${port}` },
      serverErrors,
      seededCases: seeded.byStatus,
      freshToken: (username) => signIn(app, username),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function signIn(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (response.statusCode !== 200) throw new Error(`fuzz setup: sign-in of ${username} answered ${response.statusCode}`);
  return response.json<{ token: string }>().token;
}

const COMPLAINTS = [
  'ถนนหน้าบ้านเป็นหลุมใหญ่ รถจักรยานยนต์ล้มบ่อยมาก',
  'ไฟถนนในซอยดับมาสามเดือนแล้ว กลางคืนมืดมากและอันตราย',
  'ขยะไม่มีคนมาเก็บสองสัปดาห์ ส่งกลิ่นเหม็นไปทั้งซอย',
  'น้ำท่วมขังหน้าโรงเรียนทุกครั้งที่ฝนตก เด็กเดินลำบาก',
  'โรงพยาบาลให้รอคิวนานเกินไป ผู้ป่วยสูงอายุต้องรอทั้งวัน',
  'ท่อระบายน้ำอุดตัน น้ำเสียไหลย้อนเข้าบ้าน',
  'เสียงดังจากโรงงานตอนกลางคืน นอนไม่หลับมาหลายเดือน',
  'ทางเท้าแตกเป็นแผ่น คนพิการใช้รถเข็นไม่ได้',
];

/** Requests of the setup through `inject`, as a user (a bearer token) or a citizen; failures are collected. */
class SetupClient {
  readonly problems: string[] = [];

  constructor(
    private readonly app: FastifyInstance,
    readonly tokens: ReadonlyMap<string, string>,
  ) {}

  async call(method: string, url: string, as: string | undefined, payload?: unknown): Promise<Record<string, unknown>> {
    const response = await this.app.inject({
      method: method as 'POST',
      url,
      headers: as ? { authorization: `Bearer ${this.tokens.get(as)}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (response.statusCode >= 300) this.problems.push(`${method} ${url} as ${as ?? 'citizen'}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    return response.body ? (response.json() as Record<string, unknown>) : {};
  }
}

/** Files the complaints, moves them through the staff actions, and collects what inputs may name. */
async function seedWorld(app: FastifyInstance, ctx: AppContext) {
  const tokens = new Map<string, string>();
  for (const user of TEST_USERS) tokens.set(user.username, await signIn(app, user.username));
  const client = new SetupClient(app, tokens);
  const filed = await fileComplaints(app, client);
  const codes = filed.map((entry) => entry.trackingCode);
  await moveThroughStates(ctx, client, codes);
  await addSettings(client);
  // The staff notifications the hand-overs enqueued.
  const worker = createAppWorker(ctx);
  for (let batch = 0; batch < 5 && (await worker.runOnce()) > 0; batch += 1);
  if (client.problems.length) console.warn(`fuzz setup: ${client.problems.length} seeding step(s) failed:\n  ${client.problems.join('\n  ')}`);
  const byStatus: Record<string, number> = {};
  for (const row of await ctx.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM cases GROUP BY status ORDER BY status')) byStatus[row.status] = row.n;
  return { world: await collectWorld(ctx, [...tokens.keys()], codes), tokens, accessKeys: filed.map((entry) => entry.accessKey), byStatus };
}

/** The complaints (half with a complainant, the first with a photo) and one staff intake. */
async function fileComplaints(app: FastifyInstance, client: SetupClient): Promise<Array<{ trackingCode: string; accessKey: string }>> {
  const filed: Array<{ trackingCode: string; accessKey: string }> = [];
  for (const [index, description] of COMPLAINTS.entries()) {
    const body = {
      description,
      categoryCode: ['road', 'lighting', 'waste', 'flood'][index % 4],
      location: { provinceCode: '66', districtCode: '6604', address: `หมู่ ${index + 1} ตำบลตะพานหิน` },
      ...(index % 2 === 0 ? { complainant: { name: `ผู้ร้อง ทดสอบ${index}`, phone: `08123456${String(index).padStart(2, '0')}`, email: `citizen${index}@example.com`, nationalId: '1101700203450' } } : {}),
    };
    // The first with a photo, through multipart as the portal sends it.
    const receipt = index === 0 ? await fileWithPhoto(app, body) : ((await client.call('POST', '/api/v1/public/complaints', undefined, body)) as { trackingCode?: string; accessKey?: string });
    if (receipt.trackingCode && receipt.accessKey) filed.push({ trackingCode: receipt.trackingCode, accessKey: receipt.accessKey });
  }
  await client.call('POST', '/api/v1/cases', 'hub.intake', { description: 'ผู้ร้องโทรแจ้งว่าน้ำประปาไม่ไหลสามวันแล้ว', channel: 'hotline', categoryCode: 'road' });
  return filed;
}

/** 0 stays as filed; 1 assigned; 2 in progress; 3 awaiting information; 4 resolved; 5 closed; 6 rejected; 7 merged into 1. */
async function moveThroughStates(ctx: AppContext, client: SetupClient, codes: readonly string[]): Promise<void> {
  const rows = await ctx.db.query<{ id: string; tracking_code: string }>('SELECT id, tracking_code FROM cases');
  const idOf = (index: number) => rows.find((row) => row.tracking_code === codes[index])?.id ?? '';
  const act = (as: string, index: number, action: string, body: Record<string, unknown> = {}) => client.call('POST', `/api/v1/cases/${idOf(index)}/actions/${action}`, as, body);
  await act('hub.intake', 1, 'assign', { agencyCode: 'moph-complaint' });
  for (const index of [2, 3, 4, 5]) {
    await act('hub.intake', index, 'assign', { agencyCode: 'moph-complaint', reason: 'เรื่องของกระทรวง' });
    await act('moph.officer', index, 'accept');
  }
  await act('moph.officer', 3, 'request-info', { message: 'ขอทราบบ้านเลขที่' });
  for (const index of [4, 5]) {
    await act('moph.officer', index, 'reply', { message: 'ส่งเจ้าหน้าที่ลงพื้นที่แล้ว' });
    await act('moph.officer', index, 'resolve', { result: 'fixed', message: 'แก้ไขเรียบร้อยแล้ว' });
  }
  await act('moph.officer', 5, 'close', { reason: 'ผู้ร้องยืนยันทางโทรศัพท์แล้วว่าพอใจผล' });
  await act('hub.intake', 6, 'reject', { reason: 'ไม่ใช่เรื่องร้องทุกข์' });
  await act('hub.intake', 7, 'merge', { intoCaseId: idOf(1) });
}

/** An SLA policy, a holiday, a routing rule, a saved filter and the spare accounts. */
async function addSettings(client: SetupClient): Promise<void> {
  await client.call('PUT', '/api/v1/sla-policies', 'hub.admin', { agencyCode: 'moph', targetBusinessDays: 20 });
  await client.call('POST', '/api/v1/holidays', 'hub.admin', { date: '2031-01-02', name: 'วันหยุดทดสอบ' });
  await client.call('POST', '/api/v1/routing-rules', 'hub.admin', { categoryCode: 'road', agencyCode: 'moph-complaint', automatic: false });
  await client.call('POST', '/api/v1/saved-filters', 'moph.officer', { name: 'งานค้าง', query: { status: 'assigned,in_progress' } });
  for (const number of [1, 2, 3]) {
    await client.call('POST', '/api/v1/users', 'hub.admin', { username: `fuzz.spare${number}`, displayName: `บัญชีสำรอง ${number}`, role: 'case_officer', agencyCode: 'moph-complaint', password: 'spare-password-123' });
  }
}

/** What inputs may name: ids by the path segment before them, and values by field name. */
async function collectWorld(ctx: AppContext, users: string[], codes: string[]): Promise<FuzzWorld> {
  const ids = async (sql: string) => (await ctx.db.query<{ id: string }>(sql)).map((row) => row.id);
  const caseIds = await ids('SELECT id FROM cases ORDER BY received_at');
  const categories = (await ctx.db.query<{ code: string }>('SELECT code FROM categories ORDER BY code LIMIT 40')).map((row) => row.code);
  const agencyCodes = TEST_AGENCIES.map((agency) => agency.code);
  return {
    users,
    pools: {
      cases: caseIds,
      complaints: codes,
      attachments: await ids('SELECT id FROM case_attachments ORDER BY id'),
      notifications: await ids('SELECT id FROM notifications ORDER BY id'),
      'sla-policies': await ids('SELECT id FROM sla_policies ORDER BY id'),
      holidays: await ids('SELECT id FROM holidays ORDER BY day DESC LIMIT 5'),
      'routing-rules': await ids('SELECT id FROM routing_rules ORDER BY id'),
      // Spare accounts only: an input may deactivate or demote them without cutting the fuzzer's sessions.
      users: await ids("SELECT id FROM users WHERE username LIKE 'fuzz.spare%' ORDER BY username"),
      'saved-filters': await ids('SELECT id FROM saved_filters ORDER BY id'),
      agencies: agencyCodes,
      provinces: ['66', '10', '50', '00', '99'],
      districts: ['6604', '1001', '5001', '0000'],
    },
    known: {
      agencyCode: agencyCodes,
      parent: agencyCodes,
      categoryCode: categories,
      provinceCode: ['66', '10', '50'],
      districtCode: ['6604', '1001'],
      areaCode: ['66', '6604', '10'],
      username: [...TEST_USERS.map((user) => user.username), 'nobody'],
      password: [TEST_PASSWORD, 'wrong-password-1'],
      intoCaseId: caseIds,
      caseIds,
      trackingCode: codes,
      status: ['received', 'screening,assigned', 'in_progress,awaiting_info', 'closed', 'nope'],
      sla: ['overdue', 'on_track,due_soon', 'paused', 'met,missed'],
      q: ['ถนน', 'ไฟ', 'น้ำท่วม'],
      phone: ['0812345600', '0812345602'],
      nationalId: ['1101700203450'],
      year: ['2026', '2031', '1900'],
      date: ['2031-03-03', '2030-12-31', '2026-02-29', '31/12/2030'],
      // Edges of the calendar too: what a date filter reaches the database with.
      // (Periods of a few weeks among them: clusters take at most a few.)
      from: ['2026-01-01', '2026-01-15', '2020-01-01T00:00:00Z', '0000-01-01', '9999-12-31T23:59:59-23:59'],
      to: ['2026-01-31', '2031-12-31', '2026-01-01T00:00:00+07:00', '0000-01-05', '9999-12-31'],
      role: ['case_officer', 'supervisor'],
    },
    limits: { bodyLimitBytes: BODY_LIMIT_BYTES, maxFileBytes: FUZZ_MAX_FILE_BYTES, maxFiles: ctx.config.maxFiles },
  };
}

async function fileWithPhoto(app: FastifyInstance, body: unknown): Promise<{ trackingCode?: string; accessKey?: string }> {
  const boundary = 'fuzzsetupboundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(body)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="road.png"\r\nContent-Type: image/png\r\n\r\n`),
    flatPng(16, 16),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await app.inject({ method: 'POST', url: '/api/v1/public/complaints', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  if (response.statusCode !== 201) console.warn(`fuzz setup: filing with a photo answered ${response.statusCode} ${response.body.slice(0, 200)}`);
  return response.statusCode === 201 ? response.json() : {};
}
