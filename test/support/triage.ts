/**
 * Shared fixtures of the triage suites (test/triage-*.test.ts): the API's shapes (from the
 * contract, src/shared/api), places and texts the shipped model classifies as the scenarios expect, and helpers
 * bound to one suite's app (filing, reading triage, the screening queue, clusters).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import type { z } from 'zod';
import type { ClusterPageSchema, ClusterSchema, DuplicateSchema, PublicReceiptSchema, ReceiptSchema, RuleListSchema, RuleSchema, ScreeningItemSchema, SuggestionSchema, TriageSchema, ErrorBody as ApiError, ScreeningPage, CaseTriage } from '../../src/shared/api/index.ts';
import { seedBangkokOffices, type TestApp } from './app.ts';

export type Rule = z.output<typeof RuleSchema>;
export type RuleList = z.output<typeof RuleListSchema>;
export type Suggestion = z.output<typeof SuggestionSchema>;
export type Triage = z.output<typeof TriageSchema>;
export type Duplicate = z.output<typeof DuplicateSchema>;
export type ScreeningItem = z.output<typeof ScreeningItemSchema>;
export type Cluster = z.output<typeof ClusterSchema>;
export type Clusters = z.output<typeof ClusterPageSchema>;
/** A receipt with the case's id (the citizen's receipt has none: it is looked up). */
export type Filed = Pick<z.output<typeof ReceiptSchema>, 'id' | 'trackingCode' | 'accessKey' | 'status'>;

export type Location = { provinceCode: string; districtCode?: string };

export const DAY_MS = 86_400_000;

export const BANG_RAK: Location = { provinceCode: '10', districtCode: '1004' };
export const PHRA_NAKHON: Location = { provinceCode: '10', districtCode: '1001' };
/** Bangkok, but no district office of the test network serves it. */
export const BANG_KHEN: Location = { provinceCode: '10', districtCode: '1005' };
export const TAPHAN_HIN: Location = { provinceCode: '66', districtCode: '6604' };
export const MUEANG_PHICHIT: Location = { provinceCode: '66', districtCode: '6601' };
export const CHIANG_MAI: Location = { provinceCode: '50' };

// Texts the shipped model classifies as the comments say (checked by the first test of
// test/triage-intake.test.ts).
/** ถนน, very sure. */
export const ROAD = 'ถนนในซอยเป็นหลุมเป็นบ่อ ถนนชำรุด ผิวถนนพังมาหลายเดือน รถจักรยานยนต์ล้มบ่อย';
/** ถนน, very sure; about half the words of ROAD (similar, not the same). */
export const ROAD_AGAIN = 'ถนนในซอยเป็นหลุมเป็นบ่อ ถนนชำรุด ผิวถนนพังมาหลายเดือนแล้ว ขอให้มาซ่อมโดยเร็ว';
/** ถนน, but unsure (water and lights too). */
export const ROAD_UNSURE = 'ถนนมีน้ำขังและไฟดับ';
/** ถนน, very sure, and a drug term. */
export const ROAD_WITH_DRUGS = 'มีคนขายยาบ้าในซอย ถนนเป็นหลุมเป็นบ่อ ถนนชำรุด ผิวถนนพัง';
/** ทางเท้า, very sure. */
export const SIDEWALK = 'ทางเท้าชำรุด แผ่นทางเท้าแตก ทางเท้าไม่เรียบ เดินสะดุดล้ม';
/** แสงสว่าง, very sure. */
export const LIGHTING = 'ไฟฟ้าส่องสว่างดับ เสาไฟไม่ติด ซอยมืดมาก ไฟถนนเสีย';
/** A road complaint that names a bribe (staff record it under `road`). */
export const ROAD_WITH_BRIBE = 'เจ้าหน้าที่เรียกรับเงินสามพันบาทเพื่อให้ผ่านการตรวจรับงานถนน ถนนชำรุด ผิวถนนพังเป็นหลุม';
/** Drugs: no model label stands for it. */
export const DRUGS = 'มีกลุ่มวัยรุ่นมั่วสุมเสพยาบ้าในซอยทุกคืน ขอให้ตำรวจเข้าตรวจสอบ';
/** Health services: no model label stands for it. */
export const HEALTH = 'โรงพยาบาลชุมชนให้บริการล่าช้า รอตรวจนานหลายชั่วโมง เจ้าหน้าที่พูดจาไม่สุภาพ';
/** ความสะอาด, three ways of saying the same thing. */
export const WASTE = [
  'ขยะล้นถังหน้าตลาด ส่งกลิ่นเหม็นมาก ไม่มีคนมาเก็บขยะ',
  'ขยะล้นถังหน้าตลาดสด ส่งกลิ่นเหม็นมาก ไม่มีใครมาเก็บขยะหลายวัน',
  'หน้าตลาดมีขยะล้นถัง กลิ่นเหม็นมาก ไม่มีคนมาเก็บขยะเลย',
] as const;

export const UNKNOWN_ID = '0b9d3c52-6f0e-4e58-9b7a-1f2d3c4b5a69';

export function errorOf(response: LightMyRequestResponse): ApiError['error'] {
  return response.json<ApiError>().error;
}

export function fieldsOf(response: LightMyRequestResponse): string[] {
  return errorOf(response).details.map((detail) => detail.field ?? '');
}

export function codesOf(triage: Triage): string[] {
  return triage.reasons.map((reason) => reason.code);
}

/** Helpers bound to one suite's app. */
export function triageHelpers(t: TestApp) {
  let nextSlot = new Date('2023-06-05T09:00:00+07:00').getTime();
  const h = {
    /**
     * Moves the clock to a time of its own, 40 days after the last: a scenario's cases are never
     * within the 30-day duplicate window of another's.
     */
    slot(): Date {
      const at = new Date(nextSlot);
      nextSlot += 40 * DAY_MS;
      t.setNow(at);
      return at;
    },

    /** Files a public complaint (no category unless given) and returns the receipt. */
    async file(description: string, location: Location, extra: Record<string, unknown> = {}): Promise<Filed> {
      const response = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description, location, ...extra } });
      if (response.statusCode !== 201) throw new Error(`filing failed: ${response.statusCode} ${response.body}`);
      const receipt = response.json<z.output<typeof PublicReceiptSchema>>();
      const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
      if (!row) throw new Error(`case ${receipt.trackingCode} not stored`);
      return { id: row.id, trackingCode: receipt.trackingCode, accessKey: receipt.accessKey, status: receipt.status };
    },

    /** Records a complaint as a staff user (recorded by the phone line unless told) and returns the receipt. */
    async record(as: string, description: string, location: Location, extra: Record<string, unknown> = {}): Promise<Filed> {
      const response = await t.request({ method: 'POST', url: '/api/v1/cases', as, body: { description, channel: 'hotline', location, ...extra } });
      if (response.statusCode !== 201) throw new Error(`recording failed: ${response.statusCode} ${response.body}`);
      const receipt = response.json<z.output<typeof ReceiptSchema>>();
      const [row] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
      if (!row) throw new Error(`case ${receipt.trackingCode} not stored`);
      return { id: row.id, trackingCode: receipt.trackingCode, accessKey: receipt.accessKey, status: receipt.status };
    },

    async triageOf(caseId: string, as = 'hub.intake'): Promise<{ triage: Triage; possibleDuplicates: Duplicate[] }> {
      const response = await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}/triage`, as });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<CaseTriage>();
      if (!body.triage) throw new Error(`case ${caseId} has no triage`);
      return { triage: body.triage, possibleDuplicates: body.possibleDuplicates };
    },

    async caseRow(caseId: string) {
      const [row] = await t.db().query<{ status: string; holder: string; category_code: string | null; sensitive: boolean; confidential: boolean; merged_into_case_id: string | null }>(
        `SELECT c.status, h.code AS holder, c.category_code, c.sensitive, c.confidential, c.merged_into_case_id
         FROM cases c JOIN agencies h ON h.id = c.holder_agency_id WHERE c.id = $1`,
        [caseId],
      );
      if (!row) throw new Error(`no case ${caseId}`);
      return row;
    },

    async events(caseId: string) {
      return t.db().query<{ type: string; visibility: string; actor_user_id: string | null; payload: Record<string, unknown> }>(
        'SELECT type, visibility, actor_user_id, payload FROM case_events WHERE case_id = $1 ORDER BY seq',
        [caseId],
      );
    },

    async corrections(caseId: string) {
      return t.db().query<{ field: string; proposed: string | null; corrected: string; model_version: string | null; username: string }>(
        `SELECT t.field, t.proposed, t.corrected, t.model_version, u.username
         FROM triage_corrections t JOIN users u ON u.id = t.user_id WHERE t.case_id = $1 ORDER BY t.field, t.at`,
        [caseId],
      );
    },

    async agencyId(code: string): Promise<string> {
      const [row] = await t.db().query<{ id: string }>('SELECT id FROM agencies WHERE code = $1', [code]);
      if (!row) throw new Error(`no agency ${code}`);
      return row.id;
    },

    async createRule(as: string, body: Record<string, unknown>): Promise<Rule> {
      const response = await t.request({ method: 'POST', url: '/api/v1/routing-rules', as, body });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<Rule>();
    },

    /** The whole screening queue of a user, page by page. */
    async screeningQueue(as: string, limit = 100): Promise<ScreeningItem[]> {
      const items: ScreeningItem[] = [];
      let cursor: string | null = null;
      do {
        const page: LightMyRequestResponse = await t.request({ method: 'GET', url: `/api/v1/screening?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, as });
        expect(page.statusCode, page.body).toBe(200);
        const body = page.json<ScreeningPage>();
        expect(body.items.length).toBeLessThanOrEqual(limit);
        items.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor);
      return items;
    },

    async clusters(as: string | undefined, query: string): Promise<LightMyRequestResponse> {
      return t.request({ method: 'GET', url: `/api/v1/clusters?${query}`, ...(as ? { as } : {}) });
    },
  };
  return h;
}

/** Signs users in at the real time, so scenarios that pin the clock in the past keep valid sessions. */
export function signInFirst(t: TestApp, usernames: readonly string[]): void {
  beforeAll(async () => {
    t.setNow(undefined);
    for (const username of usernames) await t.tokenFor(username);
  });
  afterAll(() => t.setNow(undefined));
}

export type TriageHelpers = ReturnType<typeof triageHelpers>;

/** Everyone the intake, corrections and duplicates suites act as. */
const INTAKE_USERS = [
  'hub.intake',
  'hub.supervisor',
  'hub.admin',
  'bma.admin',
  'moph.admin',
  'moph.officer',
  'bmad1001.officer',
  'bmad1004.officer',
  'taphanhin.intake',
  'rtp.officer',
] as const;

/** The ids of the routing rules {@link setUpIntake} creates. */
export interface IntakeRules {
  roadBangkok: string;
  roadPhichit: string;
  health: string;
  drugs: string;
}

/**
 * Registers the hooks of a suite of decisions at intake: the Bangkok offices, its users signed
 * in, and four routing rules. The returned ids are filled in once the hooks have run.
 */
export function setUpIntake(t: TestApp, h: TriageHelpers): IntakeRules {
  const rules: IntakeRules = { roadBangkok: '', roadPhichit: '', health: '', drugs: '' };
  beforeAll(() => seedBangkokOffices(t.db()));
  signInFirst(t, INTAKE_USERS);
  beforeAll(async () => {
    // Bangkok roads: the district office of the case's khet.
    rules.roadBangkok = (await h.createRule('bma.admin', { categoryCode: 'road', areaCode: '10', agencyCode: 'bma', target: 'district_office' })).id;
    // Phichit roads: the Interior's office in the province (the Damrongtham centre).
    rules.roadPhichit = (await h.createRule('hub.admin', { categoryCode: 'road', areaCode: '66', agencyCode: 'moi', target: 'province_office' })).id;
    // Health services anywhere: the provincial health office of the case's province.
    rules.health = (await h.createRule('moph.admin', { categoryCode: 'health-service', agencyCode: 'moph-complaint', target: 'province_office' })).id;
    // Drugs: the police, but a person always decides.
    rules.drugs = (await h.createRule('hub.admin', { categoryCode: 'drugs', agencyCode: 'rtp', automatic: false })).id;
  });
  return rules;
}
