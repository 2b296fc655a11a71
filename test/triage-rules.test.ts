/**
 * Routing rules (กฎการส่งต่อ) through their API: who may set a rule to which agency, bad
 * references refused by field, duplicates refused, every change audited. Runs on both engines.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachApp, seedBangkokOffices } from './support/app.ts';
import { errorOf, fieldsOf, signInFirst, triageHelpers, UNKNOWN_ID, type Rule, type RuleList } from './support/triage.ts';

describeEachApp('routing rules API', (t) => {
  const h = triageHelpers(t);
  beforeAll(() => seedBangkokOffices(t.db()));
  signInFirst(t, ['hub.admin', 'bma.admin', 'moph.admin', 'moph.officer']);

  const ROAD_RULE = { categoryCode: 'road', areaCode: '10', agencyCode: 'bma', target: 'district_office', automatic: true, note: 'ถนนในกรุงเทพฯ: สำนักงานเขต' };
  const rulesAudit = () =>
    t.db().query<{ action: string; entity_id: string; actor_label: string; details: Record<string, unknown> }>(
      "SELECT action, entity_id, actor_label, details FROM audit_log WHERE entity_type = 'routing_rule' ORDER BY seq",
    );
  const ruleCount = async () => Number((await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM routing_rules'))[0]?.n);

  it('answers 401 without a user and 400 naming the field for unknown or malformed references', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/routing-rules' })).statusCode).toBe(401);
    expect((await t.request({ method: 'POST', url: '/api/v1/routing-rules', body: ROAD_RULE })).statusCode).toBe(401);

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...ROAD_RULE, categoryCode: 'no-such-category' }, 'categoryCode'],
      [{ ...ROAD_RULE, areaCode: '99' }, 'areaCode'],
      [{ ...ROAD_RULE, areaCode: '1099' }, 'areaCode'],
      // A subdistrict is not an area rules are made for.
      [{ ...ROAD_RULE, areaCode: '100401' }, 'areaCode'],
      [{ ...ROAD_RULE, agencyCode: 'no-such-agency' }, 'agencyCode'],
      [{ ...ROAD_RULE, target: 'region_office' }, 'target'],
      [{ ...ROAD_RULE, priority: 1 }, 'priority'],
      // A sensitive category is always decided by a person; automatic defaults to true.
      [{ categoryCode: 'drugs', agencyCode: 'rtp', automatic: true }, 'automatic'],
      [{ categoryCode: 'corruption', agencyCode: 'rtp' }, 'automatic'],
    ];
    for (const [body, field] of cases) {
      const response = await t.request({ method: 'POST', url: '/api/v1/routing-rules', as: 'hub.admin', body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(response), JSON.stringify(body)).toContain(field);
    }
    expect(await ruleCount()).toBe(0);
    expect(await rulesAudit()).toEqual([]);
  });

  it('lets only a system admin or an admin of (an agency above) the target agency set rules to it', async () => {
    const refused: Array<[string, Record<string, unknown>]> = [
      // The MOPH complaint centre's admin may not route Bangkok's roads to the BMA…
      ['moph.admin', ROAD_RULE],
      // …nor the BMA's admin health services to the MOPH.
      ['bma.admin', { categoryCode: 'health-service', agencyCode: 'moph-complaint', target: 'province_office' }],
      // Staff who work cases do not set rules.
      ['moph.officer', { categoryCode: 'health-service', agencyCode: 'moph-complaint', target: 'province_office' }],
    ];
    for (const [as, body] of refused) {
      const response = await t.request({ method: 'POST', url: '/api/v1/routing-rules', as, body });
      expect(response.statusCode, as).toBe(403);
    }
    expect(await ruleCount()).toBe(0);

    const toOwnOffice = await h.createRule('bma.admin', { categoryCode: 'sidewalk', areaCode: '1004', agencyCode: 'bma-d1004' });
    expect(toOwnOffice).toMatchObject({ agencyCode: 'bma-d1004', target: 'agency', automatic: true, note: null });
    const mophRule = await h.createRule('moph.admin', { categoryCode: 'health-service', agencyCode: 'moph-complaint', target: 'province_office' });
    expect(mophRule).toMatchObject({ areaCode: null, agencyCode: 'moph-complaint', target: 'province_office' });
    const anywhere = await h.createRule('hub.admin', { categoryCode: 'drugs', agencyCode: 'rtp', automatic: false });
    expect(anywhere).toMatchObject({ categoryCode: 'drugs', automatic: false });
    for (const rule of [toOwnOffice, mophRule, anywhere]) {
      const as = rule === mophRule ? 'moph.admin' : 'hub.admin';
      expect((await t.request({ method: 'DELETE', url: `/api/v1/routing-rules/${rule.id}`, as })).statusCode).toBe(204);
    }
  });

  it('creates, lists, changes and deletes rules, refuses duplicates with 409 and audits every change', async () => {
    const before = (await rulesAudit()).length;
    const rule = await h.createRule('bma.admin', ROAD_RULE);
    expect(rule).toMatchObject({ ...ROAD_RULE, agencyNameTh: 'กรุงเทพมหานคร' });

    for (const as of ['bma.admin', 'hub.admin']) {
      const again = await t.request({ method: 'POST', url: '/api/v1/routing-rules', as, body: ROAD_RULE });
      expect(again.statusCode, as).toBe(409);
      expect(errorOf(again).code).toBe('rule_exists');
    }
    // No area given means anywhere: a different rule. Another target is another rule too.
    const anywhere = await h.createRule('bma.admin', { ...ROAD_RULE, areaCode: null });
    const second = await h.createRule('bma.admin', { ...ROAD_RULE, target: 'agency', automatic: false, note: null });

    // Any staff user reads them, filtered and page by page.
    const listed = await t.request({ method: 'GET', url: '/api/v1/routing-rules?categoryCode=road', as: 'moph.officer' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<RuleList>().items.map((r) => r.id).sort()).toEqual([rule.id, anywhere.id, second.id].sort());
    expect(listed.json<RuleList>().items[0]?.areaCode).toBeNull();
    const byArea = await t.request({ method: 'GET', url: '/api/v1/routing-rules?areaCode=10&agencyCode=bma', as: 'moph.officer' });
    expect(byArea.json<RuleList>().items.map((r) => r.id).sort()).toEqual([rule.id, second.id].sort());
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: LightMyRequestResponse = await t.request({ method: 'GET', url: `/api/v1/routing-rules?limit=1${cursor ? `&cursor=${cursor}` : ''}`, as: 'moph.officer' });
      const body = page.json<RuleList>();
      expect(body.items.length).toBeLessThanOrEqual(1);
      paged.push(...body.items.map((r) => r.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(paged.sort()).toEqual([rule.id, anywhere.id, second.id].sort());
    expect((await t.request({ method: 'GET', url: '/api/v1/routing-rules?cursor=bm90LWEtY3Vyc29y', as: 'moph.officer' })).statusCode).toBe(400);

    // Changes.
    const put = (id: string, as: string, body: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/routing-rules/${id}`, as, body });
    const changed = await put(second.id, 'bma.admin', { ...ROAD_RULE, target: 'agency', automatic: true, note: 'ส่งกรุงเทพมหานคร' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<Rule>()).toMatchObject({ id: second.id, target: 'agency', automatic: true, note: 'ส่งกรุงเทพมหานคร' });
    const clash = await put(second.id, 'bma.admin', ROAD_RULE);
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).code).toBe('rule_exists');
    expect((await put(second.id, 'moph.admin', ROAD_RULE)).statusCode).toBe(403);
    // The BMA's admin may not move a rule over to an agency of another branch.
    expect((await put(second.id, 'bma.admin', { ...ROAD_RULE, agencyCode: 'moph-complaint', target: 'agency' })).statusCode).toBe(403);
    const badArea = await put(second.id, 'bma.admin', { ...ROAD_RULE, areaCode: '98' });
    expect(badArea.statusCode).toBe(400);
    expect(fieldsOf(badArea)).toContain('areaCode');
    expect((await put(UNKNOWN_ID, 'hub.admin', ROAD_RULE)).statusCode).toBe(404);

    // Deletion.
    expect((await t.request({ method: 'DELETE', url: `/api/v1/routing-rules/${second.id}`, as: 'moph.admin' })).statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/routing-rules/${second.id}`, as: 'bma.admin' })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/routing-rules/${second.id}`, as: 'bma.admin' })).statusCode).toBe(404);
    const left = await t.request({ method: 'GET', url: '/api/v1/routing-rules?categoryCode=road', as: 'bma.admin' });
    expect(left.json<RuleList>().items.map((r) => r.id).sort()).toEqual([rule.id, anywhere.id].sort());

    // Every change audited, by whom, and nothing for the refused attempts.
    const audit = (await rulesAudit()).slice(before);
    expect(audit.map((row) => [row.action, row.entity_id, row.actor_label])).toEqual([
      ['routing_rule.create', rule.id, 'bma.admin'],
      ['routing_rule.create', anywhere.id, 'bma.admin'],
      ['routing_rule.create', second.id, 'bma.admin'],
      ['routing_rule.update', second.id, 'bma.admin'],
      ['routing_rule.delete', second.id, 'bma.admin'],
    ]);
    expect(audit[3]?.details).toMatchObject({ before: { automatic: false, target: 'agency' }, after: { automatic: true, note: 'ส่งกรุงเทพมหานคร' } });
  });
});
