/**
 * Text that cannot be stored as sent — a lone UTF-16 surrogate (JSON may carry `"\ud800"`) or
 * NUL — is refused at the boundary, for every string of every route, with 400 naming the field
 * and nothing written (before, such text answered 500 on PostgreSQL in JSON columns and on
 * PGlite, the embedded engine then, in text columns). Both engines.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import { describeEachApp, type TestApp } from './support/app.ts';
import { formData } from './support/multipart.ts';
import type { z } from 'zod';
import type { PublicReceiptSchema, ErrorBody } from '../src/shared/api/index.ts';

type PublicReceipt = z.output<typeof PublicReceiptSchema>;

/** JSON text with `\ud800`-style escapes as a client sends them (JSON.stringify would not). */
function rawJson(value: unknown, ...replacements: Array<[string, string]>): string {
  let text = JSON.stringify(value);
  for (const [marker, escape] of replacements) text = text.split(marker).join(escape);
  return text;
}

async function send(t: TestApp, method: string, url: string, payload: string, options: { as?: string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  const auth = options.as ? { authorization: `Bearer ${await t.tokenFor(options.as)}` } : {};
  return t.app().inject({ method: method as 'POST', url, payload, headers: { 'content-type': 'application/json', ...auth, ...options.headers } });
}

function expectRefused(response: LightMyRequestResponse, field: string): void {
  expect(response.statusCode, response.body).toBe(400);
  const error = response.json<ErrorBody>().error;
  expect(error.code).toBe('validation_failed');
  expect(error.details).toHaveLength(1);
  expect(error.details[0]).toMatchObject({ field, messageTh: expect.stringMatching(/ไม่สมบูรณ์|NUL/) });
}

async function countOf(t: TestApp, table: string): Promise<number> {
  const [row] = await t.db().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return Number(row?.n);
}

const LONE_HIGH = '\\ud800';
const LONE_LOW = '\\udc00';
/** An emoji's surrogate pair split around a Thai character: two lone halves. */
const SPLIT_PAIR = '\\ud83dก\\ude00';

describeEachApp('ill-formed text', (t) => {
  const COMPLAINT = { description: 'ถนนหน้าตลาดเป็นหลุมลึก MARK รถล้มบ่อย', categoryCode: 'road', location: { provinceCode: '66', districtCode: '6604', address: 'หน้าตลาด' } };

  describe('public filing', () => {
    it('refuses a lone surrogate or a split pair in every text field, naming it, and files nothing', async () => {
      const before = await countOf(t, 'cases');
      const cases: Array<[unknown, string]> = [
        [{ ...COMPLAINT }, 'description'],
        [{ ...COMPLAINT, title: 'MARK' }, 'title'],
        [{ ...COMPLAINT, location: { ...COMPLAINT.location, address: 'บ้านเลขที่ MARK' } }, 'location.address'],
        [{ ...COMPLAINT, complainant: { name: 'สมชาย MARK', phone: '0812345678' } }, 'complainant.name'],
        [{ ...COMPLAINT, attachments: undefined, MARK: 1 }, 'MARK'],
      ];
      for (const [body, field] of cases) {
        for (const escape of [LONE_HIGH, LONE_LOW, SPLIT_PAIR, '\\u0000']) {
          const description = field === 'description' ? COMPLAINT.description : COMPLAINT.description.replace('MARK', 'ok');
          const payload = rawJson({ ...(body as object), description }, ['MARK', escape]);
          const expectedField = field === 'MARK' ? JSON.parse(`"${escape}"`).replace(/[\ud800-\udfff\u0000]/g, '\uFFFD') : field;
          expectRefused(await send(t, 'POST', '/api/v1/public/complaints', payload), expectedField);
        }
      }
      expect(await countOf(t, 'cases')).toBe(before);
    });

    it('keeps a well-formed emoji pair and Thai exactly as sent', async () => {
      const response = await send(t, 'POST', '/api/v1/public/complaints', rawJson({ ...COMPLAINT, description: COMPLAINT.description.replace('MARK', 'EMOJI') }, ['EMOJI', '\\ud83d\\ude00']));
      expect(response.statusCode, response.body).toBe(201);
      const { trackingCode } = response.json<PublicReceipt>();
      const [row] = await t.db().query<{ description: string }>('SELECT description FROM cases WHERE tracking_code = $1', [trackingCode]);
      expect(row?.description).toBe('ถนนหน้าตลาดเป็นหลุมลึก 😀 รถล้มบ่อย');
    });

    it('refuses it in the multipart payload too', async () => {
      const { body, contentType } = await formData(undefined, [], rawJson(COMPLAINT, ['MARK', LONE_HIGH]));
      const response = await t.app().inject({ method: 'POST', url: '/api/v1/public/complaints', payload: body, headers: { 'content-type': contentType } });
      expectRefused(response, 'description');
    });
  });

  describe('text kept as JSON (events, saved filters)', () => {
    it('refuses a citizen message, a staff note and a saved filter name with a lone surrogate; nothing is written, the audit log verifies', async () => {
      const receipt = await t.fileComplaint();
      const [events] = await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [receipt.id]);
      expectRefused(
        await send(t, 'POST', `/api/v1/public/complaints/${receipt.trackingCode}/messages`, rawJson({ message: 'ข้อมูลเพิ่มเติม MARK' }, ['MARK', LONE_HIGH]), {
          headers: { 'x-access-key': receipt.accessKey },
        }),
        'message',
      );
      expectRefused(await send(t, 'POST', `/api/v1/cases/${receipt.id}/actions/note`, rawJson({ message: 'บันทึก MARK' }, ['MARK', LONE_LOW]), { as: 'hub.intake' }), 'message');
      expectRefused(await send(t, 'POST', '/api/v1/saved-filters', rawJson({ name: 'ตัวกรอง MARK', query: { status: 'received' } }, ['MARK', SPLIT_PAIR]), { as: 'hub.intake' }), 'name');
      expectRefused(await send(t, 'POST', '/api/v1/saved-filters', rawJson({ name: 'ตัวกรอง', query: { q: 'MARK' } }, ['MARK', LONE_HIGH]), { as: 'hub.intake' }), 'query.q');
      const [after] = await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM case_events WHERE case_id = $1', [receipt.id]);
      expect(after?.n).toBe(events?.n);
      expect(await countOf(t, 'saved_filters')).toBe(0);
      expect(await verifyAuditChain(t.db())).toMatchObject({ ok: true });
    });
  });

  describe('query strings and paths', () => {
    it('refuses NUL in a query parameter and in a path parameter, naming them', async () => {
      const token = await t.tokenFor('hub.intake');
      const query = await t.app().inject({ method: 'GET', url: '/api/v1/cases?q=%00ถนน', headers: { authorization: `Bearer ${token}` } });
      expectRefused(query, 'query.q');
      const path = await t.app().inject({ method: 'GET', url: '/api/v1/public/complaints/RT-69-%00', headers: { 'x-access-key': 'x' } });
      expectRefused(path, 'params.trackingCode');
    });

    it('answers 400 in the one error shape to a body nested a hundred thousand levels deep', async () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const response = await send(t, 'POST', '/api/v1/public/complaints', deep);
      expect(response.statusCode).toBe(400);
      expect(Object.keys(response.json<ErrorBody>().error).sort()).toEqual(['code', 'details', 'message', 'messageTh']);
    });
  });

  it('says in the API document that such text is refused, not replaced', async () => {
    // The OpenAPI document is generated from the routes, not a response of the contract: only the part read here.
    const doc = (await t.app().inject({ method: 'GET', url: '/api/openapi.json' })).json<{ info: { description: string } }>();
    expect(doc.info.description).toMatch(/lone UTF-16 surrogate.*refused with 400 validation_failed naming the field; nothing is replaced/);
  });
});
