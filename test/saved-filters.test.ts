/**
 * Saved inbox filters: private to their owner, checked against the case list's schema when
 * saved (so they always open), names unique per user, at most 50 each, audited.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import { describeEachApp } from './support/app.ts';
import type { z } from 'zod';
import type { SavedFilterListSchema, SavedFilter, ErrorBody } from '../src/shared/api/index.ts';

type SavedFilterList = z.output<typeof SavedFilterListSchema>;

const fields = (response: LightMyRequestResponse): string[] => [
  ...new Set((response.json() as ErrorBody).error.details.map((detail) => detail.field ?? '')),
];

describeEachApp('saved filters', (t) => {
  const list = (as?: string) => t.request({ method: 'GET', url: '/api/v1/saved-filters', as });
  const save = (body: unknown, as?: string) => t.request({ method: 'POST', url: '/api/v1/saved-filters', as, body });
  const remove = (id: string, as?: string) => t.request({ method: 'DELETE', url: `/api/v1/saved-filters/${id}`, as });
  const itemsOf = async (as: string) => ((await list(as)).json() as SavedFilterList).items;

  describe('GET /api/v1/saved-filters', () => {
    it('answers 401 without sign-in', async () => {
      expect((await list()).statusCode).toBe(401);
    });

    it('answers 403 to administrators, who do not work on cases', async () => {
      const response = await list('moph.admin');
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    });

    it('gives a user only their own filters, by Thai name', async () => {
      expect(await itemsOf('pho50.officer')).toEqual([]);
      for (const name of ['เรื่องเกินกำหนด', 'กำลังดำเนินการ', 'รอข้อมูล']) {
        expect((await save({ name, query: { status: 'in_progress' } }, 'pho50.officer')).statusCode).toBe(201);
      }
      expect((await save({ name: 'ของคนอื่น', query: {} }, 'pho66.officer')).statusCode).toBe(201);
      expect((await itemsOf('pho50.officer')).map((filter) => filter.name)).toEqual(['กำลังดำเนินการ', 'รอข้อมูล', 'เรื่องเกินกำหนด']);
      expect((await itemsOf('pho66.officer')).map((filter) => filter.name)).toEqual(['ของคนอื่น']);
    });
  });

  describe('POST /api/v1/saved-filters', () => {
    it('answers 401 without sign-in', async () => {
      expect((await save({ name: 'x', query: {} })).statusCode).toBe(401);
    });

    it('answers 400 naming the field for a bad name or a query the case list would refuse', async () => {
      for (const [body, field] of [
        [{ name: '', query: {} }, 'name'],
        [{ name: 'ก'.repeat(101), query: {} }, 'name'],
        [{ name: 'x' }, 'query'],
        [{ name: 'x', query: 'status=assigned' }, 'query'],
        [{ name: 'x', query: { status: 'bogus' } }, 'query.status'],
        [{ name: 'x', query: { overdue: 'maybe' } }, 'query.overdue'],
        [{ name: 'x', query: { provinceCode: 66 } }, 'query.provinceCode'],
        [{ name: 'x', query: { from: 'yesterday' } }, 'query.from'],
        [{ name: 'x', query: { limit: '10' } }, 'query.limit'],
        [{ name: 'x', query: { cursor: 'abc' } }, 'query.cursor'],
        [{ name: 'x', query: { colour: 'red' } }, 'query.colour'],
        [{ name: 'x', query: { phone: '0811112222' } }, 'query.phone'],
        [{ name: 'x', query: { agencyCode: 'no-such-agency' } }, 'query.agencyCode'],
        [{ name: 'x', query: {}, shared: true }, 'shared'],
      ] as const) {
        const response = await save(body, 'moph.officer');
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(fields(response), JSON.stringify(body)).toEqual([field]);
      }
    });

    it('answers 403 to administrators', async () => {
      expect((await save({ name: 'x', query: {} }, 'hub.admin')).statusCode).toBe(403);
    });

    it('saves the parameters as given, and they open the case list', async () => {
      const query = { status: 'assigned, in_progress', overdue: 'false', agencyCode: 'pho-66', q: 'ถนน', from: '2026-01-01' };
      const response = await save({ name: '  งานจังหวัดพิจิตร  ', query }, 'moph.officer');
      expect(response.statusCode, response.body).toBe(201);
      const saved = response.json() as SavedFilter;
      expect(saved).toMatchObject({ name: 'งานจังหวัดพิจิตร', query });
      expect(await itemsOf('moph.officer')).toEqual([saved]);
      const opened = await t.request({ method: 'GET', url: `/api/v1/cases?${new URLSearchParams(saved.query).toString()}`, as: 'moph.officer' });
      expect(opened.statusCode, opened.body).toBe(200);

      const [audit] = await t.db().query<{ action: string; actor_label: string; details: Record<string, unknown> }>(
        'SELECT action, actor_label, details FROM audit_log WHERE entity_type = $1 AND entity_id = $2',
        ['saved_filter', saved.id],
      );
      expect(audit).toEqual({ action: 'saved_filter.create', actor_label: 'moph.officer', details: { name: 'งานจังหวัดพิจิตร', query } });
    });

    it('answers 409 for a name the user has used already; another user may use it', async () => {
      expect((await save({ name: 'เรื่องด่วน', query: {} }, 'taphanhin.officer')).statusCode).toBe(201);
      const duplicate = await save({ name: 'เรื่องด่วน', query: { overdue: 'true' } }, 'taphanhin.officer');
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error.code).toBe('duplicate_name');
      expect(fields(duplicate)).toEqual(['name']);
      expect((await save({ name: 'เรื่องด่วน', query: {} }, 'taphanhin.intake')).statusCode).toBe(201);
    });

    it('answers 409 past 50 filters a user', async () => {
      for (let index = 0; index < 50; index += 1) {
        const response = await save({ name: `ตัวกรอง ${index}`, query: { channel: 'hotline' } }, 'dtc66.officer');
        expect(response.statusCode, response.body).toBe(201);
      }
      const over = await save({ name: 'ตัวกรอง 50', query: {} }, 'dtc66.officer');
      expect(over.statusCode).toBe(409);
      expect(over.json().error).toMatchObject({ code: 'too_many_saved_filters', messageTh: expect.stringContaining('50') as string });
      expect(await itemsOf('dtc66.officer')).toHaveLength(50);
    });
  });

  describe('DELETE /api/v1/saved-filters/:id', () => {
    it('answers 401 without sign-in and 400 for a malformed id', async () => {
      expect((await remove('00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
      const malformed = await remove('not-a-uuid', 'moph.officer');
      expect(malformed.statusCode).toBe(400);
      expect(fields(malformed)).toEqual(['params.id']);
    });

    it("answers 404 for someone else's filter, which stays", async () => {
      const saved = (await save({ name: 'ส่วนตัว', query: {} }, 'rtp.officer')).json() as SavedFilter;
      const response = await remove(saved.id, 'moph.officer');
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
      expect((await itemsOf('rtp.officer')).map((filter) => filter.id)).toContain(saved.id);
    });

    it('deletes your own filter, audited; a second delete is 404', async () => {
      const saved = (await save({ name: 'ชั่วคราว', query: { sla: 'overdue' } }, 'hub.supervisor')).json() as SavedFilter;
      expect((await remove(saved.id, 'hub.supervisor')).statusCode).toBe(204);
      expect(await itemsOf('hub.supervisor')).toEqual([]);
      expect((await remove(saved.id, 'hub.supervisor')).statusCode).toBe(404);
      const actions = await t.db().query<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq', [saved.id]);
      expect(actions.map((row) => row.action)).toEqual(['saved_filter.create', 'saved_filter.delete']);
      expect((await verifyAuditChain(t.db())).ok).toBe(true);
    });
  });
});
