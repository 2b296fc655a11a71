/**
 * Open311 GeoReport v2 (issue 15): every method in XML and JSON, with the elements of the
 * specification's example documents (test/fixtures/open311), none missing and none added; errors in its format (bad api_key 403, unknown
 * service 400/404, missing fields 400); a request filed by an app is a case like any other, and
 * its progress is what GET requests returns — with nothing of the complainant.
 */
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runOpen311Command } from '../src/server/open311/open311-cli.ts';
import { describeEachApp, TEST_CONFIG, openTestInstallation } from './support/app.ts';
import { expectCasesUnderChannel } from './support/channel-counts.ts';

// Entities are never expanded: the documents are read as they are.
const xml = new XMLParser({ processEntities: false, parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name) });
const readXml = (response: LightMyRequestResponse) => {
  expect(response.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
  expect(response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  return xml.parse(response.body) as never;
};
const readJson = (response: LightMyRequestResponse) => {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json() as never;
};
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The elements of a service request in GET requests (GeoReport v2, "GET Service Requests"). */
const REQUEST_ELEMENTS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];
/**
 * The element paths of a parsed document (XML through `xml`, or JSON): each key by its path from
 * the root, arrays as `[]`, the elements of every item of an array together; values left out.
 */
function shapeOf(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((item) => shapeOf(item, `${at}[]`)))].sort();
  if (value !== null && typeof value === 'object') {
    return [...new Set(Object.entries(value).flatMap(([key, inner]) => [`${at}.${key}`, ...shapeOf(inner, `${at}.${key}`)]))].sort();
  }
  return [];
}
/** The specification's example document of `name` (test/fixtures/open311), parsed as ours are. */
const example = (name: string): unknown => {
  const text = readFileSync(new URL(`./fixtures/open311/${name}`, import.meta.url), 'utf8');
  return name.endsWith('.json') ? JSON.parse(text) : xml.parse(text);
};

const PERSONAL = ['สมหญิง', 'ใจดี', '0812345678', '081-234-5678', 'somying@example.com'];

describeEachApp('open311: GeoReport v2', (t) => {
  let apiKey = '';
  const post = (format: 'xml' | 'json', fields: Record<string, string>) =>
    t.app().inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fields) });
  const get = (url: string) => t.app().inject({ method: 'GET', url: `/open311/v2/${url}` });
  const filing = (overrides: Record<string, string> = {}) => ({
    api_key: apiKey,
    service_code: 'road',
    lat: '16.2155',
    long: '100.3869',
    address_string: 'หน้าโรงเรียนตะพานหิน ถนนพิจิตร-ตะพานหิน',
    description: 'ถนนหน้าโรงเรียนเป็นหลุมลึก รถจักรยานยนต์ล้มทุกวัน โทร 081-234-5678',
    first_name: 'สมหญิง',
    last_name: 'ใจดี',
    phone: '081-234-5678',
    email: 'somying@example.com',
    'attribute[province_code]': '66',
    'attribute[district_code]': '6604',
    ...overrides,
  });

  beforeAll(async () => {
    const registered = await t.request({ method: 'POST', url: '/api/v1/open311/apps', as: 'hub.admin', body: { name: 'แอปเมืองพิจิตร' } });
    expect(registered.statusCode).toBe(201);
    apiKey = (registered.json() as { apiKey: string }).apiKey;
  });

  describe('the apps and their keys (administration API)', () => {
    it('answers 401 without sign-in and 403 to all but system administrators', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/open311/apps' })).statusCode).toBe(401);
      for (const username of ['moph.admin', 'hub.supervisor', 'hub.intake']) {
        expect((await t.request({ method: 'POST', url: '/api/v1/open311/apps', as: username, body: { name: 'x' } })).statusCode, username).toBe(403);
      }
    });

    it('shows the key once, keeps only its hash, refuses a taken name, and audits', async () => {
      const list = await t.request({ method: 'GET', url: '/api/v1/open311/apps', as: 'hub.admin' });
      expect(list.body).not.toContain(apiKey);
      expect((list.json() as { items: Array<{ name: string; keyPrefix: string }> }).items).toEqual([expect.objectContaining({ name: 'แอปเมืองพิจิตร', keyPrefix: apiKey.slice(0, 11) })]);
      const [row] = await t.db().query<{ key_hash: string }>('SELECT key_hash FROM open311_apps');
      expect(row?.key_hash).not.toContain(apiKey);
      expect((await t.request({ method: 'POST', url: '/api/v1/open311/apps', as: 'hub.admin', body: { name: 'แอปเมืองพิจิตร' } })).statusCode).toBe(409);
      expect(await t.db().query('SELECT 1 FROM audit_log WHERE action = $1', ['open311_app.create'])).toHaveLength(1);
    });
  });

  describe('rongthuk open311 key', () => {
    async function run(args: string[]) {
      const out: string[] = [];
      const err: string[] = [];
      const open = openTestInstallation(t);
      const code = await runOpen311Command(args, t.ctx().config, { out: (line) => out.push(line), err: (line) => err.push(line) }, open);
      return { code, out, err };
    }

    it('prints a new api_key that files at once, lists the apps and revokes a key, audited as the operator', async () => {
      const added = await run(['key', 'add', '--name', 'Traffy test']);
      expect(added.code, added.err.join('\n')).toBe(0);
      const [key] = added.out;
      expect(key).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
      expect((await post('json', filing({ api_key: key ?? '' }))).statusCode).toBe(200);
      expect((await run(['key', 'list'])).out.join('\n')).toMatch(/^Traffy test {2}o311_.{6}… {2}registered /m);
      expect(await run(['key', 'add', '--name', 'Traffy test'])).toMatchObject({ code: 1 });
      expect((await run(['key', 'revoke', '--name', 'Traffy test'])).code).toBe(0);
      expect((await post('json', filing({ api_key: key ?? '' }))).statusCode).toBe(403);
      expect((await run(['key', 'list'])).out.join('\n')).toMatch(/^Traffy test .* revoked /m);
      expect(await run(['key', 'revoke', '--name', 'no such app'])).toMatchObject({ code: 1 });
      expect(await run(['key', 'add'])).toMatchObject({ code: 2 });
      expect(await run(['keys'])).toMatchObject({ code: 2 });
      const [audit] = await t.db().query<{ actor_user_id: string | null }>("SELECT actor_user_id FROM audit_log WHERE action = 'open311_app.revoke' ORDER BY seq DESC LIMIT 1");
      expect(audit).toEqual({ actor_user_id: null });
    });
  });

  describe('discovery', () => {
    it('names the GeoReport v2 endpoint and its formats, in JSON and XML', async () => {
      const json = readJson(await get('discovery.json')) as { changeset: string; endpoints: Array<Record<string, unknown>> };
      expect(Object.keys(json)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
      expect(json.endpoints).toEqual([
        { specification: 'http://wiki.open311.org/GeoReport_v2', url: expect.stringMatching(/\/open311\/v2$/), changeset: json.changeset, type: 'production', formats: ['text/xml', 'application/json'] },
      ]);
      const doc = readXml(await get('discovery.xml')) as { discovery: { endpoints: { endpoint: Array<{ formats: { format: string[] } }> } } };
      expect(doc.discovery.endpoints.endpoint[0]?.formats.format).toEqual(['text/xml', 'application/json']);
    });
  });

  describe('services and service definitions', () => {
    it('lists our categories as services with the specification\'s elements', async () => {
      const services = readJson(await get('services.json')) as Array<Record<string, unknown>>;
      expect(services.find((service) => service['service_code'] === 'road')).toEqual({
        service_code: 'road', service_name: 'ถนนชำรุด', description: 'Roads', metadata: true, type: 'realtime', keywords: 'ถนน', group: 'โครงสร้างพื้นฐานและสาธารณูปโภค',
      });
      const doc = readXml(await get('services.xml')) as { services: { service: Array<Record<string, string>> } };
      expect(Object.keys(doc.services.service[0] ?? {})).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
      expect(doc.services.service.length).toBe(services.length);
    });

    it('defines a service\'s attributes', async () => {
      const definition = readJson(await get('services/road.json')) as { service_code: string; attributes: Array<Record<string, unknown>> };
      expect(definition.service_code).toBe('road');
      expect(definition.attributes.map((attribute) => attribute['code'])).toEqual(['title', 'confidential', 'province_code', 'district_code']);
      expect(Object.keys(definition.attributes[1] ?? {})).toEqual(['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
      const doc = readXml(await get('services/road.xml')) as { service_definition: { attributes: { attribute: Array<{ values: { value: Array<{ key: string; name: string }> } }> } } };
      expect(doc.service_definition.attributes.attribute[1]?.values.value.map((value) => value.key)).toEqual(['true', 'false']);
    });

    it('answers an unknown service 404 and another jurisdiction 404, as errors of the specification', async () => {
      const json = await get('services/no-such.json');
      expect(json.statusCode).toBe(404);
      expect(readJson(json)).toEqual([{ code: 404, description: expect.stringContaining('service_code no-such was not found') }]);
      const doc = await get('services/no-such.xml');
      expect(doc.statusCode).toBe(404);
      expect((readXml(doc) as { errors: { error: Array<{ code: string }> } }).errors.error[0]?.code).toBe('404');
      expect((await get('services.json?jurisdiction_id=another.city')).statusCode).toBe(404);
      expect((await get(`services.json?jurisdiction_id=${TEST_CONFIG.instanceCode}`)).statusCode).toBe(200);
    });
  });

  describe('POST requests', () => {
    it('answers a missing or bad api_key 403 and files nothing', async () => {
      const before = await t.db().query('SELECT 1 FROM cases');
      const { api_key: _key, ...withoutKey } = filing();
      const missing = await post('xml', withoutKey);
      expect(missing.statusCode).toBe(403);
      expect((readXml(missing) as { errors: { error: Array<{ code: string; description: string }> } }).errors.error).toEqual([{ code: '403', description: expect.stringContaining('api_key') }]);
      const bad = await post('json', filing({ api_key: 'o311_not-a-key' }));
      expect(bad.statusCode).toBe(403);
      expect(readJson(bad)).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
      expect(await t.db().query('SELECT 1 FROM cases')).toHaveLength(before.length);
    });

    it('answers an unknown service, another jurisdiction and missing fields 400, naming them', async () => {
      const unknown = await post('json', filing({ service_code: 'no-such' }));
      expect(unknown.statusCode).toBe(400);
      expect(readJson(unknown)).toEqual([{ code: 400, description: expect.stringContaining('service_code no-such was not found') }]);
      expect((await post('json', filing({ jurisdiction_id: 'another.city' }))).statusCode).toBe(400);
      const { description: _d, ...withoutDescription } = filing();
      const noText = await post('xml', withoutDescription);
      expect(noText.statusCode).toBe(400);
      expect(noText.body).toContain('description');
      const { lat: _lat, long: _long, address_string: _a, ...nowhere } = filing();
      expect(readJson(await post('json', nowhere))).toEqual([{ code: 400, description: expect.stringContaining('location') }]);
      expect(readJson(await post('json', filing({ phone: '12' })))).toEqual([{ code: 400, description: expect.stringMatching(/^phone: /) }]);
      expect(readJson(await post('json', filing({ 'attribute[colour]': 'red' })))).toEqual([{ code: 400, description: expect.stringContaining('attribute[colour]') }]);
    });

    it('refuses text that is not well-formed Unicode, and XML bodies, in the specification\'s format', async () => {
      const raw = (payload: string, type: string) => t.app().inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': type }, payload });
      const notUtf8 = await raw(`${form(filing())}&description=%FF%FE`, 'application/x-www-form-urlencoded');
      expect(notUtf8.statusCode).toBe(400);
      expect(readJson(notUtf8)).toEqual([{ code: 400, description: expect.stringContaining('UTF-8') }]);
      const loneSurrogate = await raw(JSON.stringify(filing()).replace('"description":"', '"description":"\\ud800'), 'application/json');
      expect(loneSurrogate.statusCode).toBe(400);
      expect(readJson(loneSurrogate)).toEqual([{ code: 400, description: expect.stringContaining('description') }]);
      const entities = await raw('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>', 'text/xml');
      expect(entities.statusCode).toBe(415);
      expect(readJson(entities)).toEqual([{ code: 415, description: expect.any(String) }]);
    });

    it('files a case like any other: channel open311_app, the app named, the person encrypted', async () => {
      const response = await post('json', filing());
      expect(response.statusCode).toBe(200);
      const [answer] = readJson(response) as Array<Record<string, unknown>>;
      expect(Object.keys(answer ?? {})).toEqual(['service_request_id', 'token', 'service_notice', 'account_id']);
      const [row] = await t.db().query<{ channel: string; app: string; complainant_id: string | null; anonymous: boolean; district_code: string }>(
        `SELECT c.channel, a.name AS app, c.complainant_id, c.anonymous, c.district_code FROM cases c JOIN open311_apps a ON a.id = c.source_app_id WHERE c.tracking_code = $1`,
        [answer?.['service_request_id']],
      );
      expect(row).toEqual({ channel: 'open311_app', app: 'แอปเมืองพิจิตร', complainant_id: expect.any(String), anonymous: false, district_code: '6604' });
      const stored = JSON.stringify(await t.db().query('SELECT * FROM complainants WHERE id = $1', [row?.complainant_id]));
      for (const text of ['สมหญิง', 'somying@example.com', '0812345678']) expect(stored).not.toContain(text);
      expect(await t.db().query("SELECT 1 FROM audit_log WHERE action = 'case.create' AND actor_label = 'open311:แอปเมืองพิจิตร' AND entity_id = $1", [answer?.['token']])).toHaveLength(1);
      expect(await t.db().query(`SELECT 1 FROM case_contacts c JOIN cases k ON k.id = c.case_id WHERE k.tracking_code = $1 AND c.channel = 'open311_app'`, [answer?.['service_request_id']])).toHaveLength(1);

      const doc = readXml(await post('xml', filing({ first_name: '', last_name: '', phone: '', email: '' }))) as { service_requests: { request: Array<Record<string, string>> } };
      expect(Object.keys(doc.service_requests.request[0] ?? {})).toEqual(['service_request_id', 'token', 'service_notice', 'account_id']);
      const [anonymous] = await t.db().query<{ anonymous: boolean; complainant_id: string | null }>('SELECT anonymous, complainant_id FROM cases WHERE tracking_code = $1', [doc.service_requests.request[0]?.['service_request_id']]);
      expect(anonymous).toEqual({ anonymous: true, complainant_id: null });
    });

    it('names the app on the case page, in the case list filter and in the export', async () => {
      const [filed] = readJson(await post('json', filing())) as Array<{ service_request_id: string; token: string }>;
      const detail = await t.request({ method: 'GET', url: `/api/v1/cases/${filed?.token}`, as: 'hub.supervisor' });
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ channel: 'open311_app', receivedThrough: { kind: 'open311_app', labelTh: 'แอปเมืองพิจิตร' } });
      const list = await t.request({ method: 'GET', url: '/api/v1/cases?channel=open311_app&limit=100', as: 'hub.supervisor' });
      expect((list.json() as { items: Array<{ trackingCode: string }> }).items.map((item) => item.trackingCode)).toContain(filed?.service_request_id);
      const csv = (await t.request({ method: 'GET', url: '/api/v1/cases/export?channel=open311_app', as: 'hub.supervisor' })).body;
      expect(csv.split(/\r?\n/)[0]).toMatch(/,sourceApp$/);
      expect(csv).toMatch(new RegExp(`${filed?.service_request_id}.*,แอปเมืองพิจิตร`));
      await expectCasesUnderChannel(t, 'open311_app', 'hub.supervisor', 'hub.supervisor');
    });

    it('takes JSON bodies too', async () => {
      const response = await t.app().inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { ...filing(), lat: 16.2155, long: 100.3869, attribute: { title: 'หลุมบนถนน' } } });
      expect(response.statusCode).toBe(200);
    });

    it('stops a revoked key at once', async () => {
      const other = await t.request({ method: 'POST', url: '/api/v1/open311/apps', as: 'hub.admin', body: { name: 'แอปทดลอง' } });
      const key = (other.json() as { apiKey: string }).apiKey;
      expect((await post('json', filing({ api_key: key }))).statusCode).toBe(200);
      expect((await t.request({ method: 'POST', url: '/api/v1/open311/apps/แอปทดลอง/revoke'.replace('แอปทดลอง', encodeURIComponent('แอปทดลอง')), as: 'hub.admin' })).statusCode).toBe(200);
      expect((await post('json', filing({ api_key: key }))).statusCode).toBe(403);
    });
  });

  describe("the specification's example documents", () => {
    it.each(['xml', 'json'] as const)('answers every method in %s with the elements of its example, none missing and none added', async (format) => {
      const read = (response: LightMyRequestResponse) => (format === 'xml' ? readXml(response) : readJson(response)) as unknown;
      const [filed] = readJson(await post('json', filing())) as Array<{ service_request_id: string; token: string }>;
      const documents: Array<[string, LightMyRequestResponse]> = [
        ['discovery', await get(`discovery.${format}`)],
        ['services', await get(`services.${format}`)],
        ['service-definition', await get(`services/road.${format}`)],
        ['post-request', await post(format, filing())],
        ['requests', await get(`requests.${format}`)],
        ['requests', await get(`requests/${filed?.service_request_id ?? ''}.${format}`)],
        ['token', await get(`tokens/${filed?.token ?? ''}.${format}`)],
        ['errors', await post(format, filing({ api_key: 'o311_not-a-key' }))],
        ['errors', await get(`services/no-such.${format}`)],
      ];
      for (const [name, response] of documents) {
        expect(shapeOf(read(response)), `${name}.${format}`).toEqual(shapeOf(example(`${name}.${format}`)));
      }
    });
  });

  describe('GET requests, a request and tokens', () => {
    it('follows a filed request from open to closed, with public notes redacted and nothing of the person', async () => {
      const [filed] = readJson(await post('json', filing())) as Array<{ service_request_id: string; token: string }>;
      const id = filed?.service_request_id ?? '';
      const [caseRow] = await t.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [id]);
      const caseId = caseRow?.id ?? '';

      const one = async () => (readJson(await get(`requests/${id}.json`)) as Array<Record<string, unknown>>)[0] ?? {};
      const open = await one();
      expect(Object.keys(open)).toEqual(REQUEST_ELEMENTS);
      expect(open).toMatchObject({ service_request_id: id, status: 'open', service_code: 'road', service_name: 'ถนนชำรุด', lat: 16.2155, long: 100.3869 });
      expect(open['expected_datetime']).toMatch(/^\d{4}-\d{2}-\d{2}T16:30:00\+07:00$/);
      expect(open['requested_datetime']).toMatch(/\+07:00$/);

      await t.act('hub.intake', caseId, 'assign', { agencyCode: 'moph-complaint' });
      await t.act('moph.officer', caseId, 'accept');
      await t.act('moph.officer', caseId, 'resolve', { result: 'fixed', message: 'ซ่อมถนนเรียบร้อยแล้ว สอบถามโทร 081-234-5678' });

      const closed = await one();
      expect(closed).toMatchObject({ status: 'closed', agency_responsible: 'ศูนย์รับเรื่องร้องเรียน สป.สธ.', service_notice: null });
      expect(closed['status_notes']).toContain('ซ่อมถนนเรียบร้อยแล้ว');
      const doc = readXml(await get(`requests/${id}.xml`)) as { service_requests: { request: Array<Record<string, string>> } };
      expect(Object.keys(doc.service_requests.request[0] ?? {})).toEqual(REQUEST_ELEMENTS);
      expect(doc.service_requests.request[0]?.['status']).toBe('closed');

      const everything = [(await get('requests.json')).body, (await get('requests.xml')).body, (await get(`requests/${id}.xml`)).body];
      for (const body of everything) for (const text of PERSONAL) expect(body).not.toContain(text);

      const byStatus = async (status: string) => (readJson(await get(`requests.json?status=${status}`)) as Array<{ service_request_id: string }>).map((request) => request.service_request_id);
      expect(await byStatus('closed')).toContain(id);
      expect(await byStatus('open')).not.toContain(id);
      const listed = readJson(await get(`requests.json?service_request_id=${id},RT-00-NOPE`)) as Array<{ service_request_id: string }>;
      expect(listed.map((request) => request.service_request_id)).toEqual([id]);
      expect(readJson(await get('requests.json?service_code=water'))).toEqual([]);
      expect(readJson(await get(`requests.json?start_date=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`))).toEqual([]);

      const token = readJson(await get(`tokens/${filed?.token}.json`));
      expect(token).toEqual([{ service_request_id: id, token: filed?.token }]);
      const tokenXml = readXml(await get(`tokens/${filed?.token}.xml`)) as { service_requests: { request: Array<Record<string, string>> } };
      expect(tokenXml.service_requests.request).toEqual([{ service_request_id: id, token: filed?.token }]);
    });

    it('lists only cases apps filed, and answers unknown ids and bad filters in the specification\'s format', async () => {
      const web = await t.fileComplaint();
      expect((await get(`requests/${web.trackingCode}.json`)).statusCode).toBe(404);
      expect((await get('requests.json')).body).not.toContain(web.trackingCode);
      const bad = await get('requests.xml?status=pending');
      expect(bad.statusCode).toBe(400);
      expect((readXml(bad) as { errors: { error: Array<{ description: string }> } }).errors.error[0]?.description).toContain('status');
      expect((await get('tokens/not-a-token.json')).statusCode).toBe(404);
      expect((await get('requests.json?jurisdiction_id=another.city')).statusCode).toBe(404);
      const nowhere = await get('nothing.xml');
      expect(nowhere.statusCode).toBe(404);
      expect((readXml(nowhere) as { errors: { error: Array<{ code: string }> } }).errors.error[0]?.code).toBe('404');
      // No format named: the specification's required one, XML.
      expect((readXml(await get('services/road.html')) as { errors: { error: Array<{ description: string }> } }).errors.error[0]?.description).toContain('.xml or .json');
    });

    it('keeps a sensitive case\'s description and place to itself', async () => {
      const [filed] = readJson(await post('json', filing({ 'attribute[confidential]': 'true' }))) as Array<{ service_request_id: string }>;
      const [request] = readJson(await get(`requests/${filed?.service_request_id}.json`)) as Array<Record<string, unknown>>;
      expect(request).toMatchObject({ description: null, address: null, lat: null, long: null, status: 'open' });
    });
  });
});

describeEachApp(
  'open311: filing limited per api_key',
  (t) => {
    it('answers 429 in the specification\'s format past the limit of one key, and not to another key', async () => {
      const key = async (name: string) => ((await t.request({ method: 'POST', url: '/api/v1/open311/apps', as: 'hub.admin', body: { name } })).json() as { apiKey: string }).apiKey;
      const [first, second] = [await key('แอปหนึ่ง'), await key('แอปสอง')];
      const file = (apiKey: string) =>
        t.app().inject({
          method: 'POST',
          url: '/open311/v2/requests.xml',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: form({ api_key: apiKey, service_code: 'road', address_string: 'ตลาดตะพานหิน', description: 'ไฟถนนหน้าตลาดดับมาหนึ่งสัปดาห์แล้ว' }),
        });
      expect((await file(first)).statusCode).toBe(200);
      expect((await file(first)).statusCode).toBe(200);
      const limited = await file(first);
      expect(limited.statusCode).toBe(429);
      expect((readXml(limited) as { errors: { error: Array<{ code: string }> } }).errors.error[0]?.code).toBe('429');
      expect((await file(second)).statusCode).toBe(200);
    });
  },
  { config: () => ({ publicWritesPerMinute: 2 }) },
);
