/**
 * The demo seed on both engines: the real agency network, the eight demo accounts signing in
 * through the API, scoping of the demo cases, the police route, the reference data and an
 * intact audit chain.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import type { AppContext } from '../src/server/platform/context.ts';
import { createDataProtector } from '../src/server/platform/crypto.ts';
import { buildApp } from '../src/server/app.ts';
import { seedDemoData } from '../src/server/seed/demo.ts';
import { seedReferenceData } from '../src/server/seed/reference-data.ts';
import { TEST_CONFIG, TEST_DATA_KEY } from './support/app.ts';
import { describeEachDatabase } from './support/databases.ts';
import type { LoginResponse, CaseList, ScreeningPage } from '../src/shared/api/index.ts';

/** Seeding ~1,000 agencies and ~8,400 areas takes a while. */
const SEED_TIMEOUT = 120_000;

const DEMO_PASSWORD = 'rongthuk-demo';

const DEMO_LOGINS: Array<[username: string, role: string, agencyCode: string]> = [
  ['admin', 'system_admin', 'hub-1111'],
  ['hub.intake', 'intake_officer', 'hub-1111'],
  ['moph.officer', 'case_officer', 'moph-complaint'],
  ['taphanhin.officer', 'case_officer', 'dho-6604'],
  ['interior.cceo', 'cceo', 'moi'],
  ['police.ig', 'case_officer', 'rtp-inspector'],
  ['police.mpb', 'case_officer', 'rtp-mpb'],
  ['police.region6', 'case_officer', 'rtp-region-6'],
];

describeEachDatabase('demo seed', ({ db }) => {
  let app: FastifyInstance | undefined;
  let seeded: { agencies: number; users: number; channels: number; cases: number } | undefined;

  beforeAll(async () => {
    await seedReferenceData(db());
    const ctx: AppContext = { db: db(), config: TEST_CONFIG, protector: createDataProtector(TEST_DATA_KEY), now: () => new Date() };
    seeded = await seedDemoData(ctx);
    app = await buildApp(ctx);
  }, SEED_TIMEOUT);
  afterAll(async () => {
    await app?.close();
  });

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const [row] = await db().query<{ n: number }>(sql, params);
    return row?.n ?? -1;
  };

  async function login(username: string, password = DEMO_PASSWORD) {
    if (!app) throw new Error('app not built');
    return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  }

  it('reports what it seeded', async () => {
    expect(seeded).toEqual({
      agencies: await count('SELECT count(*)::int AS n FROM agencies'),
      users: 8,
      channels: await count('SELECT count(*)::int AS n FROM agency_channels'),
      cases: await count('SELECT count(*)::int AS n FROM cases'),
    });
    expect(seeded?.channels).toBe(11);
  });

  it("lists the channels of the hub and the Taphan Hin office; a phone complaint names the receiving agency's own number", async () => {
    const channels = await db().query<{ code: string; kind: string; label_th: string }>(
      `SELECT a.code, ch.kind, ch.label_th FROM agency_channels ch JOIN agencies a ON a.id = ch.agency_id WHERE a.code IN ('hub-1111', 'dho-6604') ORDER BY a.code, ch.position`,
    );
    expect(channels.filter((row) => row.code === 'dho-6604').map((row) => row.kind)).toEqual(['hotline', 'counter', 'suggestion_box', 'facebook', 'post']);
    expect(channels.filter((row) => row.code === 'hub-1111').map((row) => row.label_th)).toEqual(['สายด่วน 1111', 'เว็บไซต์ 1111.go.th', 'LINE @1111', 'ตู้ ปณ. 1111']);
    const phoneCases = await db().query<{ receiver: string; label_th: string | null }>(
      `SELECT r.code AS receiver, ch.label_th FROM cases c JOIN agencies r ON r.id = c.receiving_agency_id
       LEFT JOIN agency_channels ch ON ch.id = c.agency_channel_id
       WHERE c.channel = 'hotline' AND c.created_by_user_id IS NOT NULL ORDER BY r.code, ch.label_th`,
    );
    expect(new Set(phoneCases.map((row) => `${row.receiver} ${row.label_th}`))).toEqual(new Set(['dho-6604 โทรศัพท์ 0 5662 2353', 'hub-1111 สายด่วน 1111']));
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'agency_channel.create'`)).toBe(11);
  });

  it('names each demo account by a person’s name: the console shows the agency beside it, so never twice', async () => {
    const users = await db().query<{ username: string; display_name: string }>('SELECT username, display_name FROM users ORDER BY username');
    expect(users.map((user) => user.username)).toEqual(DEMO_LOGINS.map(([username]) => username).sort());
    // A Thai given name and surname, nothing in brackets.
    for (const user of users) expect(user.display_name, user.username).toMatch(/^[\u0E00-\u0E7F]+ [\u0E00-\u0E7F]+$/);
  });

  it('has the 1111 hub as the only root, with the 20 ministries under it', async () => {
    expect(await db().query('SELECT code, kind FROM agencies WHERE parent_id IS NULL')).toEqual([{ code: 'hub-1111', kind: 'hub' }]);
    expect(
      await count(`SELECT count(*)::int AS n FROM agencies a JOIN agencies p ON p.id = a.parent_id WHERE p.code = 'hub-1111' AND a.kind = 'ministry'`),
    ).toBe(20);
    expect(await count(`SELECT count(*)::int AS n FROM agencies WHERE kind = 'ministry'`)).toBe(20);
    const [moph] = await db().query<{ name_th: string; parent: string }>(
      `SELECT a.name_th, p.code AS parent FROM agencies a JOIN agencies p ON p.id = a.parent_id WHERE a.code = 'moph'`,
    );
    expect(moph).toEqual({ name_th: 'กระทรวงสาธารณสุข', parent: 'hub-1111' });
  });

  it('has a Damrongtham centre in each of the 77 provinces and 878 districts', async () => {
    const underDamrongtham = `SELECT count(*)::int AS n FROM agencies a
       JOIN agencies p ON p.id = a.parent_id
       WHERE p.code = 'moi-damrongtham' AND a.kind = 'province'`;
    expect(await count(underDamrongtham)).toBe(77);
    expect(
      await count(`SELECT count(*)::int AS n FROM agencies a
         JOIN agencies p ON p.id = a.parent_id
         JOIN agencies g ON g.id = p.parent_id
         WHERE g.code = 'moi-damrongtham' AND p.kind = 'province' AND a.kind = 'district'`),
    ).toBe(878);
    expect(await db().query(`SELECT p.code AS parent FROM agencies a JOIN agencies p ON p.id = a.parent_id WHERE a.code = 'moi-damrongtham'`)).toEqual([
      { parent: 'moi' },
    ]);
    expect(await db().query(`SELECT name_th FROM agencies WHERE code = 'dtc-p10'`)).toEqual([{ name_th: 'ศูนย์ดำรงธรรมกรุงเทพมหานคร' }]);
  });

  it('has the Taphan Hin district health office under Phichit and the MOPH complaint centre', async () => {
    const [dho] = await db().query<Record<string, string>>(
      `SELECT a.name_th, a.kind, p.code AS parent, g.code AS grandparent
       FROM agencies a JOIN agencies p ON p.id = a.parent_id JOIN agencies g ON g.id = p.parent_id
       WHERE a.code = 'dho-6604'`,
    );
    expect(dho).toEqual({ name_th: 'สำนักงานสาธารณสุขอำเภอตะพานหิน', kind: 'district', parent: 'pho-66', grandparent: 'moph-complaint' });
    expect(await db().query(`SELECT name_th FROM agencies WHERE code = 'pho-66'`)).toEqual([{ name_th: 'สำนักงานสาธารณสุขจังหวัดพิจิตร' }]);
  });

  it("has the Royal Thai Police with its Inspector General's office", async () => {
    expect(
      await db().query(`SELECT a.code, p.code AS parent FROM agencies a JOIN agencies p ON p.id = a.parent_id WHERE a.code IN ('rtp', 'rtp-inspector') ORDER BY a.code`),
    ).toEqual([
      { code: 'rtp', parent: 'hub-1111' },
      { code: 'rtp-inspector', parent: 'rtp' },
    ]);
  });

  it.each(DEMO_LOGINS)('%s signs in with the demo password as %s of %s', async (username, role, agencyCode) => {
    const response = await login(username);
    expect(response.statusCode).toBe(200);
    const body = response.json() as LoginResponse;
    expect(body.token).toEqual(expect.any(String));
    expect(body.user).toMatchObject({ username, role, agency: { code: agencyCode } });
    expect(response.cookies.find((cookie) => cookie.name === 'rongthuk_session')).toMatchObject({ httpOnly: true });
  });

  /** What a GET answers the demo account (200 expected). */
  async function getAs<T>(username: string, url: string): Promise<T> {
    const token = ((await login(username)).json() as LoginResponse).token;
    const response = await app?.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(response?.statusCode).toBe(200);
    return response?.json() as T;
  }

  /** The case list as the demo account sees it (`query` e.g. `following=true`). */
  const listAs = async (username: string, query = '') => (await getAs<CaseList>(username, `/api/v1/cases?limit=100&${query}`)).items;

  it('refuses a demo account with a wrong password', async () => {
    expect((await login('taphanhin.officer', 'wrong-password')).statusCode).toBe(401);
  });

  it('shows taphanhin.officer only the cases held by dho-6604', async () => {
    const items = await listAs('taphanhin.officer');

    const heldThere = await db().query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN agencies a ON a.id = c.holder_agency_id WHERE a.code = 'dho-6604'`,
    );
    expect(heldThere.length).toBeGreaterThan(0);
    // The demo has cases elsewhere too, so the list is a real restriction.
    expect(await count('SELECT count(*)::int AS n FROM cases')).toBeGreaterThan(heldThere.length);
    expect(items.map((item) => item.holder.code)).toEqual(items.map(() => 'dho-6604'));
    expect(items.map((item) => item.id).sort()).toEqual(heldThere.map((row) => row.id).sort());
  });

  it('walks the police route: the Inspector General sent its cases on and follows them at the MPB and Region 6', async () => {
    const followed = await listAs('police.ig', 'following=true');
    expect(followed.map((item) => `${item.holder.code} ${item.status}`).sort()).toEqual(['rtp-mpb in_progress', 'rtp-region-6 resolved']);
    expect(await listAs('police.ig')).toEqual([]);
    expect((await listAs('police.region6')).map((item) => item.status)).toEqual(['resolved']);
    // The drug report waiting for screening (ยาบ้า, a sensitive term): the suggestion is the Inspector General.
    const { items } = await getAs<ScreeningPage>('hub.intake', '/api/v1/screening?limit=100');
    const drugs = items.find((item) => item.triage?.sensitiveTerms.some((term) => term.categoryCode === 'drugs'));
    expect(drugs?.triage?.suggestions.map((suggestion) => suggestion.agencyCode)).toContain('rtp-inspector');
  });

  it('has all administrative areas: 77 provinces, 928 districts, 7436 subdistricts', async () => {
    expect(await db().query(`SELECT level, count(*)::int AS n FROM admin_areas GROUP BY level ORDER BY level`)).toEqual([
      { level: 'district', n: 928 },
      { level: 'province', n: 77 },
      { level: 'subdistrict', n: 7436 },
    ]);
  });

  it('has the national holiday calendar, 2026-06-01 included', async () => {
    expect(await db().query(`SELECT day, name FROM holidays WHERE day = '2026-06-01' AND agency_id IS NULL`)).toEqual([
      { day: '2026-06-01', name: 'ชดเชยวันวิสาขบูชา' },
    ]);
    for (const year of [2025, 2026, 2027]) {
      expect(await count(`SELECT count(*)::int AS n FROM holidays WHERE extract(year FROM day) = $1`, [year])).toBeGreaterThan(10);
    }
  });

  it("has an intact audit chain covering the demo cases' history", async () => {
    const result = await verifyAuditChain(db());
    expect(result.ok).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.create'`)).toBe(
      await count('SELECT count(*)::int AS n FROM cases'),
    );
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'case.%' AND action <> 'case.create'`)).toBeGreaterThan(0);
  });
});
