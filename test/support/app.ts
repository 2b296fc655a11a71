/**
 * Integration-test harness: a real app (Fastify + the real database, on either engine)
 * with reference data, a small agency tree and one user per role, and a clock tests control.
 */
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { hashPassword } from '../../src/server/agencies/passwords.ts';
import { insertAgencies, insertUser, type NewAgency } from '../../src/server/agencies/queries.ts';
import type { Config } from '../../src/server/platform/config.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { createDataProtector } from '../../src/server/platform/crypto.ts';
import type { OpenInstallation } from '../../src/server/platform/bootstrap.ts';
import type { Database } from '../../src/server/platform/database.ts';
import { buildApp, type BuildAppOptions } from '../../src/server/app.ts';
import { loadAdminAreas } from '../../src/server/seed/admin-areas.ts';
import { buildAgencyTree } from '../../src/server/seed/agency-tree.ts';
import { seedReferenceData } from '../../src/server/seed/reference-data.ts';
import type { Role } from '../../src/shared/case-model.ts';
import type { z } from 'zod';
import type { PublicReceiptSchema, LoginResponse, Receipt } from '../../src/shared/api/index.ts';
import { DATABASE_HOOK_TIMEOUT, describeEachDatabase, type DatabaseKind } from './databases.ts';
import { TEST_CHECKPOINTS_DIR } from './test-run-dirs.ts';

export const TEST_PASSWORD = 'test-password-1';

type PublicReceipt = z.output<typeof PublicReceiptSchema>;
/** A receipt with the case's id, as a staff intake answers it (the citizen's has none: fileComplaint looks it up). */

/**
 * The test network:
 *   hub-1111 (root)
 *   ├── moph ── moph-complaint ── pho-66 ── dho-6604 (Taphan Hin)
 *   │                          └── pho-50 (Chiang Mai)
 *   ├── moi ── dtc-p66
 *   └── rtp
 */
export const TEST_AGENCIES: NewAgency[] = [
  { code: 'hub-1111', parentCode: null, kind: 'hub', nameTh: 'ศูนย์บริการประชาชน 1111', nameEn: 'Government Complaint Center 1111', areaCodes: [] },
  { code: 'moph', parentCode: 'hub-1111', kind: 'ministry', nameTh: 'กระทรวงสาธารณสุข', nameEn: 'Ministry of Public Health', areaCodes: [] },
  { code: 'moph-complaint', parentCode: 'moph', kind: 'department', nameTh: 'ศูนย์รับเรื่องร้องเรียน สป.สธ.', nameEn: 'MOPH Complaint Center', areaCodes: [] },
  { code: 'pho-66', parentCode: 'moph-complaint', kind: 'province', nameTh: 'สำนักงานสาธารณสุขจังหวัดพิจิตร', nameEn: 'Phichit PHO', areaCodes: ['66'] },
  { code: 'dho-6604', parentCode: 'pho-66', kind: 'district', nameTh: 'สำนักงานสาธารณสุขอำเภอตะพานหิน', nameEn: 'Taphan Hin DHO', areaCodes: ['6604'] },
  { code: 'pho-50', parentCode: 'moph-complaint', kind: 'province', nameTh: 'สำนักงานสาธารณสุขจังหวัดเชียงใหม่', nameEn: 'Chiang Mai PHO', areaCodes: ['50'] },
  { code: 'moi', parentCode: 'hub-1111', kind: 'ministry', nameTh: 'กระทรวงมหาดไทย', nameEn: 'Ministry of Interior', areaCodes: [] },
  { code: 'dtc-p66', parentCode: 'moi', kind: 'province', nameTh: 'ศูนย์ดำรงธรรมจังหวัดพิจิตร', nameEn: 'Damrongtham Center, Phichit', areaCodes: ['66'] },
  { code: 'rtp', parentCode: 'hub-1111', kind: 'independent', nameTh: 'สำนักงานตำรวจแห่งชาติ', nameEn: 'Royal Thai Police', areaCodes: [] },
];

/** A test account: it signs in with TEST_PASSWORD, its display name is its username. */
export interface TestUser {
  username: string;
  role: Role;
  agencyCode: string;
}

/** One account per role where the tests need it: `${agency}.${role}`. */
export const TEST_USERS: TestUser[] = [
  { username: 'hub.intake', role: 'intake_officer', agencyCode: 'hub-1111' },
  { username: 'hub.supervisor', role: 'supervisor', agencyCode: 'hub-1111' },
  { username: 'hub.admin', role: 'system_admin', agencyCode: 'hub-1111' },
  { username: 'moph.officer', role: 'case_officer', agencyCode: 'moph-complaint' },
  { username: 'moph.supervisor', role: 'supervisor', agencyCode: 'moph-complaint' },
  { username: 'moph.cceo', role: 'cceo', agencyCode: 'moph' },
  { username: 'moph.admin', role: 'agency_admin', agencyCode: 'moph-complaint' },
  { username: 'pho66.officer', role: 'case_officer', agencyCode: 'pho-66' },
  { username: 'taphanhin.officer', role: 'case_officer', agencyCode: 'dho-6604' },
  { username: 'taphanhin.intake', role: 'intake_officer', agencyCode: 'dho-6604' },
  { username: 'pho50.officer', role: 'case_officer', agencyCode: 'pho-50' },
  { username: 'dtc66.officer', role: 'case_officer', agencyCode: 'dtc-p66' },
  { username: 'rtp.officer', role: 'case_officer', agencyCode: 'rtp' },
];

/**
 * Bangkok, for suites that route by area (seeded only by those, through
 * {@link seedBangkokOffices}, so the network other suites count stays as it is):
 *   moi ── bma (Bangkok, area 10) ── bma-d1001 (Phra Nakhon, 1001)
 *                                 └── bma-d1004 (Bang Rak, 1004)
 */
export const BANGKOK_AGENCIES: NewAgency[] = [
  { code: 'bma', parentCode: 'moi', kind: 'local', nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok Metropolitan Administration', areaCodes: ['10'] },
  { code: 'bma-d1001', parentCode: 'bma', kind: 'local', nameTh: 'สำนักงานเขตพระนคร', nameEn: 'Phra Nakhon District Office', areaCodes: ['1001'] },
  { code: 'bma-d1004', parentCode: 'bma', kind: 'local', nameTh: 'สำนักงานเขตบางรัก', nameEn: 'Bang Rak District Office', areaCodes: ['1004'] },
];

export const BANGKOK_USERS: TestUser[] = [
  { username: 'bma.admin', role: 'agency_admin', agencyCode: 'bma' },
  { username: 'bmad1001.officer', role: 'case_officer', agencyCode: 'bma-d1001' },
  { username: 'bmad1004.officer', role: 'case_officer', agencyCode: 'bma-d1004' },
];

/**
 * The police route, for suites that walk it (seeded only by those, through
 * {@link seedPoliceOffices}), taken from the real tree (seed/agency-tree.ts):
 *   rtp ── rtp-inspector (สำนักงานจเรตำรวจ, the Inspector General)
 *       ├── rtp-mpb (กองบัญชาการตำรวจนครบาล, Bangkok)
 *       └── rtp-region-6 (ตำรวจภูธรภาค 6, Phichit among others)
 */
export const POLICE_AGENCY_CODES: readonly string[] = ['rtp-inspector', 'rtp-mpb', 'rtp-region-6'];

export const POLICE_USERS: TestUser[] = [
  { username: 'rtpig.officer', role: 'case_officer', agencyCode: 'rtp-inspector' },
  { username: 'rtpig.supervisor', role: 'supervisor', agencyCode: 'rtp-inspector' },
  { username: 'rtpmpb.officer', role: 'case_officer', agencyCode: 'rtp-mpb' },
  { username: 'rtpregion6.officer', role: 'case_officer', agencyCode: 'rtp-region-6' },
];

export const TEST_CONFIG: Config = {
  port: 0,
  host: '127.0.0.1',
  databaseUrl: undefined,
  dataDir: '/nonexistent-rongthuk-test',
  embeddedDatabasePort: undefined,
  dataKey: undefined,
  // The application worker's audit.checkpoint job appends here; the audit tests use files of their own.
  auditCheckpointsFile: path.join(TEST_CHECKPOINTS_DIR, `${process.pid}.jsonl`),
  publicUrl: undefined,
  sessionHours: 12,
  cookieSecure: false,
  demoSeed: false,
  trustProxy: false,
  officeHours: { start: '08:30', end: '16:30' },
  // Tests send many requests from one address; the limits have tests of their own.
  loginAttemptsPerMinute: 0,
  publicWritesPerMinute: 0,
  triageModel: undefined,
  autoAssignConfidence: 0.9,
  duplicateWindowDays: 30,
  confirmationBusinessDays: 7,
  // Suites that store files give each app its own temporary directory.
  filesDir: '/nonexistent-rongthuk-test/files',
  maxFileBytes: 10 * 1024 * 1024,
  maxFiles: 5,
  webDir: '/nonexistent-rongthuk-test/web',
  instanceCode: 'rongthuk-test',
  // A fixed Ed25519 test key (a JWK), like TEST_DATA_KEY: nothing is written into the data dir.
  exchangeKey: '{"kty":"OKP","crv":"Ed25519","x":"UF71-8JPOxI0zIjw5svwYoxRanfimctYjHUPUcY0hE0","d":"yOCEEG5z_IEtZ4Oabztp9Pe_obCqx4TtQRsx5xCmA-s"}',
  exchange: { retrySeconds: 30, maxAttempts: 12, skewSeconds: 300 },
  logLevel: 'silent',
};

/** A fixed 32-byte data key for tests. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7);

let passwordHash: Promise<string> | undefined;

/** Inserts agencies and their users (each named by their username, with the test password). */
async function insertOffices(db: Database, agencies: NewAgency[], users: TestUser[]): Promise<void> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  await db.transaction(async (tx) => {
    await insertAgencies(tx, agencies);
    for (const user of users) await insertUser(tx, { ...user, displayName: user.username, passwordHash: hash });
  });
}

/** Seeds reference data, the test network and users into a migrated database. */
export async function seedTestNetwork(db: Database): Promise<void> {
  await seedReferenceData(db);
  await insertOffices(db, TEST_AGENCIES, TEST_USERS);
}

/** Adds the Bangkok offices and their users to a database seeded with the test network. */
export async function seedBangkokOffices(db: Database): Promise<void> {
  await insertOffices(db, BANGKOK_AGENCIES, BANGKOK_USERS);
}

/** Adds the police offices of the police route and their users to a database seeded with the test network. */
export async function seedPoliceOffices(db: Database): Promise<void> {
  const offices = buildAgencyTree(loadAdminAreas()).filter((agency) => POLICE_AGENCY_CODES.includes(agency.code));
  await insertOffices(db, offices, POLICE_USERS);
}

export interface TestApp {
  kind: DatabaseKind;
  db(): Database;
  ctx(): AppContext;
  app(): FastifyInstance;
  /** Moves the app's clock; `undefined` returns to the real time. */
  setNow(instant: Date | undefined): void;
  /** Signs a test user in and returns a bearer token (cached per suite). */
  tokenFor(username: string): Promise<string>;
  /** `inject` with JSON and an optional user. */
  request(options: { method: string; url: string; as?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  /** Files a public complaint and returns the receipt. */
  fileComplaint(body?: Record<string, unknown>): Promise<Pick<Receipt, 'id' | 'trackingCode' | 'accessKey' | 'dueDate'>>;
  /** Runs a staff action and expects success. */
  act(username: string, caseId: string, action: string, body?: Record<string, unknown>): Promise<LightMyRequestResponse>;
}

/** Runs `work` with the app's clock at 10:00 in Bangkok on `day` (YYYY-MM-DD), then gives the clock back. */
export async function onBangkokDay<T>(t: Pick<TestApp, 'setNow'>, day: string, work: () => Promise<T>): Promise<T> {
  t.setNow(new Date(`${day}T10:00:00+07:00`));
  try {
    return await work();
  } finally {
    t.setNow(undefined);
  }
}

export interface DescribeEachAppOptions {
  /** Changes to TEST_CONFIG, computed per app (e.g. a fresh temporary filesDir). */
  config?: () => Partial<Config>;
  /** Options of buildApp other than the defaults (a logger, small upload limits). */
  build?: (kind: DatabaseKind) => BuildAppOptions;
  /** Wraps the database the app uses (e.g. to make a query fail on purpose). */
  database?: (db: Database) => Database;
}

export function describeEachApp(name: string, body: (t: TestApp) => void, options: DescribeEachAppOptions = {}): void {
  describeEachDatabase(name, ({ db, kind }) => {
    let app: FastifyInstance | undefined;
    let ctx: AppContext | undefined;
    let fixedNow: Date | undefined;
    const tokens = new Map<string, string>();

    beforeAll(async () => {
      await seedTestNetwork(db());
      ctx = { db: options.database ? options.database(db()) : db(), config: { ...TEST_CONFIG, ...options.config?.() }, protector: createDataProtector(TEST_DATA_KEY), now: () => fixedNow ?? new Date() };
      app = await buildApp(ctx, options.build?.(kind));
    }, DATABASE_HOOK_TIMEOUT);
    afterAll(async () => {
      await app?.close();
    });

    const t: TestApp = {
      kind,
      db,
      ctx: () => ctx ?? fail(),
      app: () => app ?? fail(),
      setNow: (instant) => {
        fixedNow = instant;
      },
      async tokenFor(username) {
        const cached = tokens.get(username);
        if (cached) return cached;
        const response = await t.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
        if (response.statusCode !== 200) throw new Error(`login of ${username} failed: ${response.body}`);
        const token = (response.json() as LoginResponse).token;
        tokens.set(username, token);
        return token;
      },
      async request({ method, url, as, body: payload, headers = {} }) {
        const auth = as ? { authorization: `Bearer ${await t.tokenFor(as)}` } : {};
        return t.app().inject({ method: method as 'GET', url, headers: { ...auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
      },
      async fileComplaint(overrides = {}) {
        const response = await t.request({
          method: 'POST',
          url: '/api/v1/public/complaints',
          body: { description: 'ถนนหน้าบ้านเป็นหลุมใหญ่ รถจักรยานยนต์ล้มบ่อยมาก', categoryCode: 'road', ...overrides },
        });
        if (response.statusCode !== 201) throw new Error(`filing failed: ${response.statusCode} ${response.body}`);
        const receipt = response.json() as PublicReceipt;
        const [row] = await db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
        return { ...receipt, id: row?.id ?? fail() };
      },
      async act(username, caseId, action, payload = {}) {
        const response = await t.request({ method: 'POST', url: `/api/v1/cases/${caseId}/actions/${action}`, as: username, body: payload });
        if (response.statusCode !== 200) throw new Error(`${action} by ${username} failed: ${response.statusCode} ${response.body}`);
        return response;
      },
    };
    body(t);
  });
}

function fail(): never {
  throw new Error('the test app is only available inside tests and hooks');
}

/**
 * What a CLI command opens as its installation, for a command run inside a test: the test app's
 * own context, whose pool the command's closing leaves open for the tests after it.
 */
export function openTestInstallation(t: Pick<TestApp, 'ctx'>): OpenInstallation {
  return () => Promise.resolve({ ...t.ctx(), db: Object.assign(Object.create(t.ctx().db) as Database, { close: async () => {} }), appliedMigrations: [] });
}
