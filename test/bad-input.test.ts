/**
 * What the API does with input it should refuse or keep as it is: broken JSON, oversized
 * bodies, unknown routes, fields out of range, of the wrong type or unknown, hostile-looking
 * text, bad list queries and missing credentials. Runs on both engines.
 */
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../src/server/platform/http.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import type { ErrorBody, CaseDetail, CaseList } from '../src/shared/api/index.ts';

const DESCRIPTION = 'ถนนหน้าบ้านเป็นหลุมใหญ่ รถจักรยานยนต์ล้มบ่อยมาก';

function errorOf(response: { json(): unknown }): ErrorBody['error'] {
  return (response.json() as ErrorBody).error;
}

function fieldsOf(response: { json(): unknown }): Array<string | undefined> {
  return errorOf(response).details.map((detail) => detail.field);
}

async function countCases(t: TestApp): Promise<number> {
  const [row] = await t.db().query<{ n: number | string }>('SELECT count(*)::int AS n FROM cases');
  return Number(row?.n);
}

/** Sends a raw string body, as a client with a broken serialiser would. */
async function sendRaw(t: TestApp, method: string, url: string, payload: string, as?: string) {
  const auth = as ? { authorization: `Bearer ${await t.tokenFor(as)}` } : {};
  return t.app().inject({ method: method as 'POST', url, payload, headers: { 'content-type': 'application/json', ...auth } });
}

describeEachApp('bad input', (t) => {
  describe('request bodies', () => {
    /** One endpoint of each kind: public, sign-in, citizen follow-up, staff intake, staff action. */
    async function bodyEndpoints(): Promise<Array<{ url: string; as?: string }>> {
      const receipt = await t.fileComplaint();
      return [
        { url: '/api/v1/public/complaints' },
        { url: '/api/v1/auth/login' },
        { url: `/api/v1/public/complaints/${receipt.trackingCode}/feedback` },
        { url: '/api/v1/cases', as: 'hub.intake' },
        { url: `/api/v1/cases/${receipt.id}/actions/note`, as: 'hub.intake' },
      ];
    }

    it('answers 400 invalid_json for a body that is not JSON', async () => {
      for (const { url, as } of await bodyEndpoints()) {
        for (const payload of ['{"description": "ถนนพัง', '{description: 1}', 'null,', '{"a":1}}', '']) {
          const response = await sendRaw(t, 'POST', url, payload, as);
          expect(response.statusCode, `${url} ${payload}`).toBe(400);
          expect(response.headers['content-type']).toMatch(/^application\/json/);
          expect(errorOf(response).code, `${url} ${payload}`).toBe('invalid_json');
        }
      }
    });

    it('answers 413 payload_too_large for a body over the limit, and writes nothing', async () => {
      const before = await countCases(t);
      const payload = JSON.stringify({ description: 'ก'.repeat(BODY_LIMIT_BYTES) });
      expect(Buffer.byteLength(payload)).toBeGreaterThan(BODY_LIMIT_BYTES);
      for (const { url, as } of await bodyEndpoints()) {
        const response = await sendRaw(t, 'POST', url, payload, as);
        expect(response.statusCode, url).toBe(413);
        expect(errorOf(response).code, url).toBe('payload_too_large');
        expect(errorOf(response).message, url).toBe(`Request body over ${BODY_LIMIT_BYTES} bytes`);
      }
      // fileComplaint in bodyEndpoints filed one case; the oversized ones none.
      expect(await countCases(t)).toBe(before + 1);
    });

    it('accepts a body just under the limit as far as size goes (then validates it)', async () => {
      const padding = BODY_LIMIT_BYTES - Buffer.byteLength(JSON.stringify({ description: '' })) - 10;
      const payload = JSON.stringify({ description: 'a'.repeat(padding) });
      expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(BODY_LIMIT_BYTES);
      const response = await sendRaw(t, 'POST', '/api/v1/public/complaints', payload);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toContain('description');
    });

    it('answers 415 for a body that is not sent as JSON', async () => {
      const response = await t.app().inject({
        method: 'POST',
        url: '/api/v1/public/complaints',
        payload: `description=${encodeURIComponent(DESCRIPTION)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.statusCode).toBe(415);
      expect(errorOf(response).code).toBe('unsupported_media_type');
    });
  });

  describe('unknown routes', () => {
    it('answers 404 route_not_found as JSON', async () => {
      const receipt = await t.fileComplaint();
      for (const [method, url] of [
        ['GET', '/api/v1/nothing-here'],
        ['POST', '/api/v2/public/complaints'],
        // Paths outside /api/ are the web app's pages (test/web-app.test.ts); a file-like one is not.
        ['GET', '/no/such/file.txt'],
        ['POST', `/api/v1/cases/${receipt.id}/actions/delete`],
        ['DELETE', '/api/v1/public/complaints'],
      ] as const) {
        const response = await t.request({ method, url, as: 'hub.intake' });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(errorOf(response).code).toBe('route_not_found');
      }
    });
  });

  describe('errors the router raises before any route', () => {
    it('answers a path that is not percent-encoded UTF-8 with 400 bad_url in the one shape, in Thai too', async () => {
      for (const url of ['/%ff', '/api/v1/cases/%ff', '/api/v1/public/complaints/%E0%B8', '/track/%C0%AF', '/api/v1/cases?x=1&y=%ff/%zz']) {
        const response = await t.app().inject({ method: 'GET', url });
        if (url.includes('?')) {
          // Only the path is decoded by the router; a bad query is the route's to judge.
          expect(response.statusCode, url).not.toBe(500);
          continue;
        }
        expect(response.statusCode, url).toBe(400);
        expect(response.headers['content-type'], url).toMatch(/^application\/json/);
        expect(response.headers['cache-control'], url).toBe('no-store');
        expect(response.json(), url).toEqual({ error: { code: 'bad_url', message: expect.any(String), messageTh: 'ที่อยู่ (URL) ไม่ถูกต้อง', details: [] } });
        // The refused path is not echoed back.
        expect(response.body).not.toContain('%');
      }
    });

    it('answers a path parameter over the router\'s limit with 414 uri_too_long in the one shape', async () => {
      const response = await t.app().inject({ method: 'GET', url: `/api/v1/public/complaints/${'A'.repeat(150)}` });
      expect(response.statusCode).toBe(414);
      expect(response.json()).toEqual({ error: { code: 'uri_too_long', message: expect.any(String), messageTh: expect.any(String), details: [] } });
    });
  });

  describe('complaint fields', () => {
    it('answers 400 naming description for 9 and for 5001 characters, and accepts 10 and 5000', async () => {
      const before = await countCases(t);
      for (const description of ['ก'.repeat(9), `   ${'ถ'.repeat(9)}   `, 'ข'.repeat(5001)]) {
        const response = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description } });
        expect(response.statusCode, `${description.length} chars`).toBe(400);
        expect(errorOf(response).code).toBe('validation_failed');
        expect(fieldsOf(response)).toContain('description');
      }
      expect(await countCases(t)).toBe(before);
      for (const description of ['ค'.repeat(10), 'ง'.repeat(5000)]) {
        const response = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description } });
        expect(response.statusCode, `${description.length} chars`).toBe(201);
      }
    });

    it('answers 400 for an unknown field, naming it', async () => {
      const before = await countCases(t);
      const top = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description: DESCRIPTION, priority: 'urgent' } });
      expect(top.statusCode).toBe(400);
      expect(JSON.stringify(errorOf(top).details)).toContain('priority');
      const nested = await t.request({
        method: 'POST',
        url: '/api/v1/public/complaints',
        body: { description: DESCRIPTION, location: { provinceCode: '66', village: 'หมู่ 3' } },
      });
      expect(nested.statusCode).toBe(400);
      expect(JSON.stringify(errorOf(nested).details)).toContain('village');
      expect(fieldsOf(nested).some((field) => field?.startsWith('location'))).toBe(true);
      expect(await countCases(t)).toBe(before);
    });

    it('answers 400 naming the field for wrong types', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ description: 12345678901 }, 'description'],
        [{ description: DESCRIPTION, anonymous: 'yes' }, 'anonymous'],
        [{ description: DESCRIPTION, confidential: 1 }, 'confidential'],
        [{ description: DESCRIPTION, channel: 'hotline' }, 'channel'],
        [{ description: DESCRIPTION, location: { lat: 'north', lon: 100.4 } }, 'location.lat'],
        [{ description: DESCRIPTION, location: { provinceCode: 66 } }, 'location.provinceCode'],
        [{ description: DESCRIPTION, complainant: 'สมชาย' }, 'complainant'],
        [{ description: DESCRIPTION, complainant: { email: 'not-an-email' } }, 'complainant.email'],
        [{ description: DESCRIPTION, categoryCode: ['road'] }, 'categoryCode'],
      ];
      for (const [body, field] of cases) {
        const response = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body });
        expect(response.statusCode, field).toBe(400);
        expect(fieldsOf(response), field).toContain(field);
      }
      const notAnObject = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: [DESCRIPTION] });
      expect(notAnObject.statusCode).toBe(400);
    });

    it('answers 400 naming the field for wrong types in staff intake and actions', async () => {
      const receipt = await t.fileComplaint();
      const intake = await t.request({ method: 'POST', url: '/api/v1/cases', as: 'hub.intake', body: { description: DESCRIPTION, channel: 'pigeon' } });
      expect(intake.statusCode).toBe(400);
      expect(fieldsOf(intake)).toContain('channel');
      const receivedAt = await t.request({
        method: 'POST',
        url: '/api/v1/cases',
        as: 'hub.intake',
        body: { description: DESCRIPTION, channel: 'hotline', receivedAt: 'yesterday' },
      });
      expect(receivedAt.statusCode).toBe(400);
      expect(fieldsOf(receivedAt)).toContain('receivedAt');
      const assign = await t.request({ method: 'POST', url: `/api/v1/cases/${receipt.id}/actions/assign`, as: 'hub.intake', body: { agencyCode: 6604 } });
      expect(assign.statusCode).toBe(400);
      expect(fieldsOf(assign)).toContain('agencyCode');
      const badId = await t.request({ method: 'POST', url: '/api/v1/cases/not-a-uuid/actions/note', as: 'hub.intake', body: { message: 'บันทึก' } });
      expect(badId.statusCode).toBe(400);
      expect(fieldsOf(badId).some((field) => field?.endsWith('id'))).toBe(true);
    });

    it('answers 400, not 500, for a NUL character in text, and writes nothing', async () => {
      const before = await countCases(t);
      const response = await t.request({ method: 'POST', url: '/api/v1/public/complaints', body: { description: `${DESCRIPTION}\u0000 ต่อท้าย` } });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toContain('description');
      expect(await countCases(t)).toBe(before);
    });

    it('answers 400, not 500, for a NUL character in a citizen message, and records nothing', async () => {
      const receipt = await t.fileComplaint();
      const response = await t.request({
        method: 'POST',
        url: `/api/v1/public/complaints/${receipt.trackingCode}/messages`,
        headers: { 'x-access-key': receipt.accessKey },
        body: { message: 'ขอเพิ่มข้อมูล\u0000บ้านเลขที่ 12' },
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toContain('message');
      const contacts = await t.db().query('SELECT id FROM case_contacts WHERE case_id = $1', [receipt.id]);
      expect(contacts).toHaveLength(1);
    });
  });

  describe('hostile-looking and non-Latin text', () => {
    const SQL = "'; DROP TABLE cases; --";
    const HTML = '<script>alert(1)</script>';
    const THAI_EMOJI = 'น้ำท่วมขังหน้าบ้าน 🌧️🏠😢 ทุกครั้งที่ฝนตก 👨‍👩‍👧 เดือดร้อนทั้งครอบครัว';

    it('stores Thai, emoji, SQL-looking and HTML-looking text verbatim and returns it as JSON', async () => {
      const title = `${HTML} ${SQL}`;
      const description = `${THAI_EMOJI}\n${SQL}\n${HTML}\n<img src=x onerror="alert('x')"> & "quotes" \\ backslash`;
      const address = `${SQL} ${HTML} ซอยสุขใจ 🙏`;
      const receipt = await t.fileComplaint({ title, description, location: { address } });

      const [row] = await t.db().query<{ title: string; description: string; address: string }>(
        'SELECT title, description, address FROM cases WHERE id = $1',
        [receipt.id],
      );
      expect(row).toEqual({ title, description, address });

      const [table] = await t.db().query<{ exists: boolean }>("SELECT to_regclass('public.cases') IS NOT NULL AS exists");
      expect(table?.exists).toBe(true);
      expect(await countCases(t)).toBeGreaterThan(0);

      const response = await t.request({ method: 'GET', url: `/api/v1/cases/${receipt.id}`, as: 'hub.intake' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      const body = response.json() as CaseDetail;
      expect(body.title).toBe(title);
      expect(body.description).toBe(description);
      expect(body.location.address).toBe(address);
    });

    it('finds nothing odd when the SQL-looking text is used as a search or filter', async () => {
      const response = await t.request({ method: 'GET', url: `/api/v1/cases?q=${encodeURIComponent(SQL)}`, as: 'hub.intake' });
      expect(response.statusCode).toBe(200);
      const byCategory = await t.request({ method: 'GET', url: `/api/v1/cases?categoryCode=${encodeURIComponent(SQL)}`, as: 'hub.intake' });
      expect(byCategory.statusCode).toBe(200);
      expect((byCategory.json() as CaseList).items).toEqual([]);
      const [table] = await t.db().query<{ exists: boolean }>("SELECT to_regclass('public.cases') IS NOT NULL AS exists");
      expect(table?.exists).toBe(true);
    });
  });

  describe('GET /api/v1/cases (staff list)', () => {
    it('answers 401 unauthenticated without a token', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/cases' });
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('unauthenticated');
    });

    it('answers 401 with a garbage token', async () => {
      for (const authorization of ['Bearer not-a-real-token', 'Bearer ', 'Basic aGFjazpoYWNr', `Bearer ${'x'.repeat(2000)}`]) {
        const response = await t.request({ method: 'GET', url: '/api/v1/cases', headers: { authorization } });
        expect(response.statusCode, authorization.slice(0, 20)).toBe(401);
        expect(errorOf(response).code).toBe('unauthenticated');
      }
    });

    const badQueries: Array<[string, string]> = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=1.5', 'limit'],
      ['status=bogus', 'status'],
      ['status=received,bogus', 'status'],
      ['overdue=maybe', 'overdue'],
      ['from=not-a-date', 'from'],
      ['to=2026-02-30', 'to'],
      ['channel=pigeon', 'channel'],
      ['provinceCode=Phichit', 'provinceCode'],
      ['cursor=garbage', 'cursor'],
    ];

    it('answers 400 naming the query field for bad list parameters', async () => {
      for (const [query, parameter] of badQueries) {
        const response = await t.request({ method: 'GET', url: `/api/v1/cases?${query}`, as: 'hub.intake' });
        expect(response.statusCode, query).toBe(400);
        expect(errorOf(response).code, query).toBe('validation_failed');
        // The prefix is checked on its own below; here: the parameter is the field at fault.
        const named = new RegExp(`^(query|querystring)\\.${parameter}(\\.\\d+)?$`);
        expect(fieldsOf(response).some((field) => field !== undefined && named.test(field)), `${query}: ${JSON.stringify(fieldsOf(response))}`).toBe(true);
      }
    });

    it('answers 400 naming an unknown query parameter', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/cases?orderBy=newest', as: 'hub.intake' });
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(errorOf(response).details)).toContain('orderBy');
    });

    it('names a bad query parameter the same way whichever check catches it', async () => {
      // 'limit' is refused by the schema, 'cursor' by the command that decodes it.
      const limit = await t.request({ method: 'GET', url: '/api/v1/cases?limit=0', as: 'hub.intake' });
      const cursor = await t.request({ method: 'GET', url: '/api/v1/cases?cursor=garbage', as: 'hub.intake' });
      expect(fieldsOf(limit)).toEqual(['query.limit']);
      expect(fieldsOf(cursor)).toEqual(['query.cursor']);
    });

    it('answers 200 with items and nextCursor for a good query, and pages with the cursor', async () => {
      await t.fileComplaint();
      await t.fileComplaint();
      const first = await t.request({ method: 'GET', url: '/api/v1/cases?limit=1&status=received', as: 'hub.intake' });
      expect(first.statusCode).toBe(200);
      const page = first.json() as CaseList;
      expect(page.items).toHaveLength(1);
      expect(page.nextCursor).toEqual(expect.any(String));
      const second = await t.request({ method: 'GET', url: `/api/v1/cases?limit=1&status=received&cursor=${page.nextCursor}`, as: 'hub.intake' });
      expect(second.statusCode).toBe(200);
      const next = second.json() as CaseList;
      expect(next.items).toHaveLength(1);
      expect(next.items[0]?.id).not.toBe(page.items[0]?.id);
    });
  });

  describe('dates outside the years a record can have', () => {
    it('answers 400 naming the field, with the years in the Thai calendar, to dates PostgreSQL could not store', async () => {
      const receipt = await t.fileComplaint();
      const probes: Array<{ method: string; url: string; body?: unknown; field: string }> = [
        { method: 'GET', url: '/api/v1/cases?from=0000-01-01', field: 'query.from' },
        { method: 'GET', url: `/api/v1/cases?to=${encodeURIComponent('9999-12-31T23:59:59-23:59')}`, field: 'query.to' },
        { method: 'GET', url: '/api/v1/cases/export?from=0001-01-01', field: 'query.from' },
        { method: 'GET', url: '/api/v1/clusters?from=0000-01-01&to=2026-01-01', field: 'query.from' },
        { method: 'POST', url: '/api/v1/cases', body: { description: DESCRIPTION, channel: 'phone', receivedAt: '0000-06-01T10:00:00+07:00' }, field: 'receivedAt' },
        { method: 'POST', url: `/api/v1/cases/${receipt.id}/actions/extend`, body: { newDueDate: '9999-12-31', reason: 'ต้องตรวจสอบหลายหน่วยงาน' }, field: 'newDueDate' },
      ];
      for (const probe of probes) {
        const response = await t.request({ method: probe.method, url: probe.url, as: probe.url.includes('clusters') || probe.url.includes('export') ? 'hub.supervisor' : 'hub.intake', ...(probe.body ? { body: probe.body } : {}) });
        expect(response.statusCode, `${probe.method} ${probe.url}`).toBe(400);
        const detail = errorOf(response).details.find((item) => item.field === probe.field);
        expect(detail, `${probe.method} ${probe.url}`).toBeDefined();
        expect(detail?.messageTh).toBe('ต้องเป็นวันที่ในช่วงปี พ.ศ. 2443–2743');
      }
      const fine = await t.request({ method: 'GET', url: '/api/v1/cases?from=2026-01-01&to=2026-12-31', as: 'hub.intake' });
      expect(fine.statusCode).toBe(200);
    });
  });

  describe('health and the API description', () => {
    it('answers /healthz and /readyz with the database kind', async () => {
      const health = await t.request({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok' });
      const ready = await t.request({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', database: t.kind });
    });

    it('lists every path of the API in /api/openapi.json', async () => {
      const response = await t.request({ method: 'GET', url: '/api/openapi.json' });
      expect(response.statusCode).toBe(200);
      // The OpenAPI document is generated from the routes, not a response of the contract: only the part read here.
      const document = response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(document.openapi).toMatch(/^3\./);
      const expected: Array<[string, string]> = [
        ['/api/v1/public/complaints', 'post'],
        ['/api/v1/public/complaints/{trackingCode}', 'get'],
        ['/api/v1/public/complaints/{trackingCode}/messages', 'post'],
        ['/api/v1/public/complaints/{trackingCode}/feedback', 'post'],
        ['/api/v1/public/complaints/{trackingCode}/access-key-requests', 'post'],
        ['/api/v1/cases/{id}/access-key', 'post'],
        ['/api/v1/auth/login', 'post'],
        ['/api/v1/auth/logout', 'post'],
        ['/api/v1/cases', 'get'],
        ['/api/v1/cases', 'post'],
        ['/api/v1/cases/{id}', 'get'],
        ['/api/v1/agencies', 'get'],
        ['/api/v1/categories', 'get'],
        ...['screen', 'assign', 'accept', 'return', 'forward', 'note', 'reply', 'request-info', 'resolve', 'close', 'reopen', 'reject', 'merge'].map(
          (action): [string, string] => [`/api/v1/cases/{id}/actions/${action}`, 'post'],
        ),
      ];
      const missing = expected.filter(([path, method]) => document.paths[path]?.[method] === undefined).map(([path, method]) => `${method.toUpperCase()} ${path}`);
      expect(missing).toEqual([]);
    });
  });
});
