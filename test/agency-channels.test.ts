/**
 * An agency's channels (ช่องทางรับเรื่องร้องเรียน): the public view, the administrators' writes
 * with what each kind needs, who may write (a system admin anywhere, an agency admin in their
 * subtree), the audit, and staff intake naming the receiving agency's channel.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { AgencyChannel, AgencyChannelList, CaseDetail, ErrorBody, Receipt } from '../src/shared/api/index.ts';
import { describeEachApp, type TestApp } from './support/app.ts';

/** The fields named in an error, each once. */
const fields = (response: LightMyRequestResponse): string[] => [...new Set((response.json() as ErrorBody).error.details.map((detail) => detail.field ?? ''))];

const PHONE = { kind: 'hotline', labelTh: 'โทรศัพท์ 0 5662 2353', phone: '0 5662 2353', openingHours: 'จันทร์–ศุกร์ 08.30–16.30 น.' };
const COMPLAINT = { description: 'ร้านขายยาในตลาดตะพานหินขายยาเกินราคา ขอให้ตรวจสอบ', anonymous: true };

async function auditOf(t: TestApp, id: string): Promise<Array<{ action: string; actor_label: string; details: Record<string, unknown> }>> {
  return t.db().query('SELECT action, actor_label, details FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq', ['agency_channel', id]);
}

describeEachApp('agency channels', (t) => {
  const url = (code: string, id?: string) => `/api/v1/agencies/${code}/channels${id ? `/${id}` : ''}`;
  const list = (code: string, as?: string, query = '') => t.request({ method: 'GET', url: `${url(code)}${query}`, as });
  const add = (code: string, body: Record<string, unknown>, as = 'moph.admin') => t.request({ method: 'POST', url: url(code), as, body });
  const change = (code: string, id: string, body: Record<string, unknown>, as = 'moph.admin') => t.request({ method: 'PATCH', url: url(code, id), as, body });
  const remove = (code: string, id: string, as = 'moph.admin') => t.request({ method: 'DELETE', url: url(code, id), as });
  const created = async (code: string, body: Record<string, unknown>, as?: string): Promise<AgencyChannel> => {
    const response = await add(code, body, as);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as AgencyChannel;
  };
  const intake = (body: Record<string, unknown>, as = 'taphanhin.intake') => t.request({ method: 'POST', url: '/api/v1/cases', as, body: { ...COMPLAINT, ...body } });

  describe('POST /api/v1/agencies/:code/channels', () => {
    it('answers 401 without sign-in, 403 to who does not administer the agency, 404 for an unknown agency', async () => {
      expect((await t.request({ method: 'POST', url: url('dho-6604'), body: PHONE })).statusCode).toBe(401);
      // An officer of the agency itself, and an agency admin above whose subtree it is not.
      expect((await add('dho-6604', PHONE, 'taphanhin.officer')).statusCode).toBe(403);
      expect((await add('dtc-p66', PHONE, 'moph.admin')).statusCode).toBe(403);
      expect((await add('hub-1111', PHONE, 'moph.admin')).statusCode).toBe(403);
      const unknown = await add('no-such-agency', PHONE);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('not_found');
    });

    it('answers 400 naming the field a kind needs, or the field of the wrong form', async () => {
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [{ kind: 'hotline', labelTh: 'โทรศัพท์' }, ['phone']],
        [{ kind: 'hotline', labelTh: 'โทรศัพท์', phone: '5662' }, ['phone']],
        [{ kind: 'line', labelTh: 'ไลน์' }, ['lineId']],
        [{ kind: 'line', labelTh: 'ไลน์', lineId: 'ไลน์ของเรา' }, ['lineId']],
        [{ kind: 'facebook', labelTh: 'เฟซบุ๊ก', facebookUrl: 'https://example.com/page' }, ['facebookUrl']],
        [{ kind: 'facebook', labelTh: 'เฟซบุ๊ก' }, ['facebookUrl']],
        [{ kind: 'web', labelTh: 'เว็บไซต์', webUrl: 'javascript:alert(1)' }, ['webUrl']],
        [{ kind: 'post', labelTh: 'ไปรษณีย์' }, ['postalAddress']],
        [{ kind: 'suggestion_box', labelTh: 'ตู้รับความคิดเห็น' }, ['location']],
        [{ kind: 'counter', labelTh: 'เคาน์เตอร์' }, ['location']],
        [{ kind: 'email', labelTh: 'อีเมล', email: 'nobody' }, ['email']],
        [{ ...PHONE, labelTh: 'Telephone' }, ['labelTh']],
        [{ ...PHONE, labelTh: '' }, ['labelTh']],
        [{ ...PHONE, location: 'ก'.repeat(301) }, ['location']],
        [{ ...PHONE, kind: 'fax' }, ['kind']],
      ];
      for (const [body, expected] of cases) {
        const response = await add('dho-6604', body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(fields(response), JSON.stringify(body)).toEqual(expected);
        expect((response.json() as ErrorBody).error.details[0]?.messageTh).toMatch(/[\u0E01-\u0E5B]/);
      }
    });

    it('refuses ill-formed Unicode at the boundary', async () => {
      const response = await t.app().inject({
        method: 'POST',
        url: url('dho-6604'),
        headers: { authorization: `Bearer ${await t.tokenFor('moph.admin')}`, 'content-type': 'application/json' },
        payload: `{"kind":"counter","labelTh":"เคาน์เตอร์","location":"ชั้น 1 \\ud800"}`,
      });
      expect(response.statusCode).toBe(400);
    });

    it('adds a channel for an agency admin in their subtree and a system admin anywhere, audited', async () => {
      const phone = await created('dho-6604', PHONE);
      expect(phone).toMatchObject({ ...PHONE, lineId: null, position: 0, active: true });
      const audit = await auditOf(t, phone.id);
      expect(audit).toEqual([{ action: 'agency_channel.create', actor_label: 'moph.admin', details: expect.objectContaining({ agencyCode: 'dho-6604', kind: 'hotline', phone: '0 5662 2353' }) }]);
      const hotline = await created('hub-1111', { kind: 'hotline', labelTh: 'สายด่วน 1111', phone: '1111' }, 'hub.admin');
      expect(hotline.phone).toBe('1111');
    });
  });

  describe('GET /api/v1/agencies/:code/channels', () => {
    it('shows anyone the active channels in order, and its administrators the inactive ones too', async () => {
      const box = await created('pho-66', { kind: 'suggestion_box', labelTh: 'ตู้รับความคิดเห็นหน้าอาคาร', location: 'หน้าอาคารสำนักงาน', position: 2 });
      const counter = await created('pho-66', { kind: 'counter', labelTh: 'ยื่นด้วยตนเอง', location: 'ชั้น 1', position: 1 });
      const old = await created('pho-66', { kind: 'line', labelTh: 'ไลน์เดิม', lineId: '@oldline', active: false });

      const anyone = await list('pho-66');
      expect(anyone.statusCode).toBe(200);
      const body = anyone.json() as AgencyChannelList;
      expect(body.agency).toEqual({ code: 'pho-66', nameTh: 'สำนักงานสาธารณสุขจังหวัดพิจิตร', nameEn: 'Phichit PHO' });
      expect(body.items.map((item) => item.id)).toEqual([counter.id, box.id]);
      expect(body.canManage).toBe(false);
      expect((await list('pho-66', 'pho66.officer')).json().items).toHaveLength(2);

      const admin = (await list('pho-66', 'moph.admin')).json() as AgencyChannelList;
      expect(admin.canManage).toBe(true);
      expect(admin.items.map((item) => item.id)).toEqual([old.id, counter.id, box.id]);
      expect(((await list('pho-66', 'moph.admin', '?active=true')).json() as AgencyChannelList).items.map((item) => item.id)).toEqual([counter.id, box.id]);
    });

    it('answers an empty list for an agency that lists none, 404 for an unknown one, 400 for an unknown parameter', async () => {
      expect((await list('moi')).json()).toMatchObject({ items: [] });
      expect((await list('no-such-agency')).statusCode).toBe(404);
      const bad = await list('moi', undefined, '?colour=red');
      expect(bad.statusCode).toBe(400);
      expect(fields(bad)).toEqual(['query.colour']);
    });
  });

  describe('PATCH and DELETE /api/v1/agencies/:code/channels/:id', () => {
    it('answers 401, 403 and 404 (a channel of another agency is not found under this one)', async () => {
      const channel = await created('pho-50', { kind: 'web', labelTh: 'เว็บไซต์', webUrl: 'https://cmpho.go.th' });
      expect((await t.request({ method: 'PATCH', url: url('pho-50', channel.id), body: { position: 1 } })).statusCode).toBe(401);
      expect((await t.request({ method: 'DELETE', url: url('pho-50', channel.id) })).statusCode).toBe(401);
      expect((await change('pho-50', channel.id, { position: 1 }, 'pho50.officer')).statusCode).toBe(403);
      expect((await remove('pho-50', channel.id, 'pho50.officer')).statusCode).toBe(403);
      expect((await change('pho-66', channel.id, { position: 1 })).statusCode).toBe(404);
      expect((await remove('pho-66', channel.id)).statusCode).toBe(404);
      expect((await change('pho-50', '00000000-0000-4000-8000-000000000000', { position: 1 })).statusCode).toBe(404);
    });

    it('changes fields, checking the result against what its kind needs, audited with before and after', async () => {
      const channel = await created('pho-50', { kind: 'web', labelTh: 'เว็บไซต์สำนักงาน', webUrl: 'https://cmpho.go.th' });
      const cleared = await change('pho-50', channel.id, { webUrl: null });
      expect(cleared.statusCode).toBe(400);
      expect(fields(cleared)).toEqual(['webUrl']);
      const toLine = await change('pho-50', channel.id, { kind: 'line' });
      expect(fields(toLine)).toEqual(['lineId']);

      const changed = await change('pho-50', channel.id, { openingHours: 'ตลอด 24 ชั่วโมง', labelEn: 'Website' });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ webUrl: 'https://cmpho.go.th', openingHours: 'ตลอด 24 ชั่วโมง', labelEn: 'Website' });
      const [, update] = await auditOf(t, channel.id);
      expect(update).toMatchObject({
        action: 'agency_channel.update',
        details: { agencyCode: 'pho-50', before: { openingHours: null, labelEn: null }, after: { openingHours: 'ตลอด 24 ชั่วโมง', labelEn: 'Website' } },
      });
    });

    it('deletes a channel no case names, and deactivates one that cases name (its kind then stays)', async () => {
      const unused = await created('dho-6604', { kind: 'post', labelTh: 'ไปรษณีย์', postalAddress: 'สำนักงานสาธารณสุขอำเภอตะพานหิน จ.พิจิตร 66110' });
      expect((await remove('dho-6604', unused.id)).json()).toEqual({ outcome: 'deleted' });
      expect((await list('dho-6604', 'moph.admin')).json().items.map((item: AgencyChannel) => item.id)).not.toContain(unused.id);
      expect((await auditOf(t, unused.id)).map((row) => row.action)).toEqual(['agency_channel.create', 'agency_channel.remove']);

      const box = await created('dho-6604', { kind: 'suggestion_box', labelTh: 'ตู้รับความคิดเห็น', location: 'หน้าสำนักงาน' });
      expect((await intake({ channel: 'suggestion_box', agencyChannelId: box.id })).statusCode).toBe(201);
      const kindChange = await change('dho-6604', box.id, { kind: 'counter' });
      expect(kindChange.statusCode).toBe(400);
      expect(fields(kindChange)).toEqual(['kind']);
      expect((await remove('dho-6604', box.id)).json()).toEqual({ outcome: 'deactivated' });
      const admin = (await list('dho-6604', 'moph.admin')).json() as AgencyChannelList;
      expect(admin.items.find((item) => item.id === box.id)?.active).toBe(false);
      expect(((await list('dho-6604')).json() as AgencyChannelList).items.map((item) => item.id)).not.toContain(box.id);
      const removal = (await auditOf(t, box.id)).at(-1);
      expect(removal).toMatchObject({ action: 'agency_channel.remove', details: { agencyCode: 'dho-6604', kind: 'suggestion_box', outcome: 'deactivated' } });
    });
  });

  describe('staff intake names the channel that took the complaint in', () => {
    it('stores the receiving agency channel of the case kind', async () => {
      const phone = await created('dho-6604', { ...PHONE, labelTh: 'โทรศัพท์สำนักงาน 0 5662 2353' });
      const response = await intake({ channel: 'hotline', agencyChannelId: phone.id });
      expect(response.statusCode, response.body).toBe(201);
      const [row] = await t.db().query<{ agency_channel_id: string | null; channel: string }>('SELECT agency_channel_id, channel FROM cases WHERE id = $1', [
        (response.json() as Receipt).id,
      ]);
      expect(row).toEqual({ agency_channel_id: phone.id, channel: 'hotline' });
      // The case page says which of the office's channels took it in.
      const detail = await t.request({ method: 'GET', url: `/api/v1/cases/${(response.json() as Receipt).id}`, as: 'taphanhin.officer' });
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.json<CaseDetail>().receivedThrough).toEqual({ kind: 'hotline', labelTh: 'โทรศัพท์สำนักงาน 0 5662 2353', labelEn: null });
      // None named: none stored.
      const without = (await intake({ channel: 'hotline' })).json() as Receipt;
      expect((await t.db().query('SELECT agency_channel_id FROM cases WHERE id = $1', [without.id]))[0]).toEqual({ agency_channel_id: null });
    });

    it('answers 400 naming agencyChannelId for a channel of another agency, of another kind, inactive or unknown', async () => {
      const hubHotline = await created('hub-1111', { kind: 'hotline', labelTh: 'สายด่วน 1111', phone: '1111' }, 'hub.admin');
      const counter = await created('dho-6604', { kind: 'counter', labelTh: 'เคาน์เตอร์', location: 'ชั้น 1' });
      const retired = await created('dho-6604', { ...PHONE, active: false });
      for (const [body, why] of [
        [{ channel: 'hotline', agencyChannelId: hubHotline.id }, 'another agency'],
        [{ channel: 'hotline', agencyChannelId: counter.id }, 'another kind'],
        [{ channel: 'hotline', agencyChannelId: retired.id }, 'inactive'],
        [{ channel: 'hotline', agencyChannelId: '00000000-0000-4000-8000-000000000000' }, 'unknown'],
      ] as const) {
        const response = await intake(body);
        expect(response.statusCode, why).toBe(400);
        expect(fields(response), why).toEqual(['agencyChannelId']);
      }
      const malformed = await intake({ channel: 'hotline', agencyChannelId: 'phone' });
      expect(fields(malformed)).toEqual(['agencyChannelId']);
      // The hub's own officer takes a call on its hotline.
      expect((await intake({ channel: 'hotline', agencyChannelId: hubHotline.id }, 'hub.intake')).statusCode).toBe(201);
    });
  });
});
