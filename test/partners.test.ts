/**
 * The exchange's first pieces: the instance's JWKS (public part only) and the partner registry —
 * the API for system administrators (validation naming the field, 403 for everyone else,
 * audit records) and `rongthuk partner add|list|remove`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPartnerCommand } from '../src/server/exchange/partner-cli.ts';
import { insertMessage } from '../src/server/exchange/queries.ts';
import type { ErrorBody, InstanceJwks, Partner } from '../src/shared/api/index.ts';
import { describeEachApp, openTestInstallation } from './support/app.ts';

const ED25519_KEY = { kty: 'OKP', crv: 'Ed25519', x: 'UF71-8JPOxI0zIjw5svwYoxRanfimctYjHUPUcY0hE0', kid: 'police-1' };

const fields = (response: LightMyRequestResponse): string[] => [...new Set((response.json() as ErrorBody).error.details.map((detail) => detail.field ?? ''))];

describeEachApp('exchange: JWKS and partner registry', (t) => {
  const newPartner = (overrides: Record<string, unknown> = {}) => ({
    code: 'police-ig',
    name: 'ระบบรับเรื่องร้องเรียน สำนักงานจเรตำรวจ',
    baseUrl: 'https://ig.police.example',
    jwksUrl: 'https://ig.police.example/api/v1/exchange/jwks',
    agencies: ['rtp'],
    ...overrides,
  });
  const create = (body: unknown, as = 'hub.admin') => t.request({ method: 'POST', url: '/api/v1/partners', as, body });
  const audits = async (action: string) => t.db().query<{ actor_label: string; details: Record<string, unknown> }>('SELECT actor_label, details FROM audit_log WHERE action = $1 ORDER BY seq', [action]);

  describe('GET /api/v1/exchange/jwks', () => {
    it('serves the public Ed25519 key without sign-in, and no private part', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/exchange/jwks' });
      expect(response.statusCode).toBe(200);
      const jwks = response.json() as InstanceJwks;
      expect(jwks).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'UF71-8JPOxI0zIjw5svwYoxRanfimctYjHUPUcY0hE0', kid: expect.any(String), alg: 'EdDSA', use: 'sig' }] });
      expect(response.body).not.toContain('"d"');
      expect(response.body).not.toContain('yOCEEG5z');
    });
  });

  describe('/api/v1/partners', () => {
    it('answers 401 without sign-in and 403 to everyone but system administrators', async () => {
      expect((await t.request({ method: 'GET', url: '/api/v1/partners' })).statusCode).toBe(401);
      for (const username of ['moph.admin', 'hub.supervisor', 'moph.cceo', 'pho66.officer']) {
        expect((await t.request({ method: 'GET', url: '/api/v1/partners', as: username })).statusCode, username).toBe(403);
        expect((await create(newPartner(), username)).statusCode, username).toBe(403);
        expect((await t.request({ method: 'DELETE', url: '/api/v1/partners/police-ig', as: username })).statusCode, username).toBe(403);
      }
    });

    it('answers 400 naming the field at fault, with Thai for people', async () => {
      for (const [body, field] of [
        [newPartner({ code: 'Police IG' }), 'code'],
        [newPartner({ baseUrl: 'ftp://ig.police.example' }), 'baseUrl'],
        [newPartner({ jwksUrl: 'javascript:alert(1)' }), 'jwksUrl'],
        [newPartner({ jwksUrl: undefined }), 'jwksUrl'],
        [newPartner({ jwks: { keys: [ED25519_KEY] } }), 'jwks'],
        [newPartner({ jwksUrl: undefined, jwks: { keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] } }), 'jwks'],
        [newPartner({ jwksUrl: undefined, jwks: { keys: [{ ...ED25519_KEY, d: 'secret' }] } }), 'jwks'],
        [newPartner({ identity: 'everything' }), 'identity'],
        [newPartner({ text: 'some' }), 'text'],
        [newPartner({ agencies: [] }), 'agencies'],
        [newPartner({ agencies: ['rtp', 'no-such-agency'] }), 'agencies.1'],
      ] as const) {
        const response = await create(body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(fields(response), JSON.stringify(body)).toEqual([field]);
        expect((response.json() as ErrorBody).error.details[0]?.messageTh, field).toMatch(/[\u0E00-\u0E7F]/);
      }
      expect(await audits('partner.create')).toEqual([]);
    });

    it('creates, reads, lists, changes and removes a partner, each change audited', async () => {
      const created = await create(newPartner());
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toEqual({
        code: 'police-ig',
        name: 'ระบบรับเรื่องร้องเรียน สำนักงานจเรตำรวจ',
        delivery: 'api',
        baseUrl: 'https://ig.police.example',
        jwksUrl: 'https://ig.police.example/api/v1/exchange/jwks',
        jwks: null,
        agencies: [{ code: 'rtp', nameTh: expect.any(String), nameEn: expect.any(String) }],
        // Minimum necessary unless agreed otherwise.
        identity: 'none',
        text: 'redacted',
        attachments: false,
        active: true,
        createdAt: expect.any(String),
      } satisfies Partner);
      expect((await create(newPartner())).statusCode).toBe(409);
      const taken = await create(newPartner({ code: 'other-system' }));
      expect(taken.statusCode).toBe(409);
      expect(fields(taken)).toEqual(['agencies']);

      const inline = await create(newPartner({ code: 'moi-dtc', jwksUrl: undefined, jwks: { keys: [ED25519_KEY] }, agencies: ['moi', 'dtc-p66'], identity: 'contact', attachments: true }));
      expect(inline.statusCode, inline.body).toBe(201);

      const page1 = await t.request({ method: 'GET', url: '/api/v1/partners?limit=1', as: 'hub.admin' });
      expect(page1.json()).toMatchObject({ items: [{ code: 'moi-dtc' }], nextCursor: 'moi-dtc' });
      const page2 = await t.request({ method: 'GET', url: '/api/v1/partners?limit=1&cursor=moi-dtc', as: 'hub.admin' });
      expect(page2.json()).toMatchObject({ items: [{ code: 'police-ig' }], nextCursor: null });
      expect((await t.request({ method: 'GET', url: '/api/v1/partners/moi-dtc', as: 'hub.admin' })).json()).toMatchObject({ jwks: { keys: [ED25519_KEY] }, identity: 'contact' });
      expect((await t.request({ method: 'GET', url: '/api/v1/partners/nobody', as: 'hub.admin' })).statusCode).toBe(404);

      const badPatch = await t.request({ method: 'PATCH', url: '/api/v1/partners/police-ig', as: 'hub.admin', body: { agencies: ['nowhere'] } });
      expect(badPatch.statusCode).toBe(400);
      expect(fields(badPatch)).toEqual(['agencies.0']);
      const patched = await t.request({ method: 'PATCH', url: '/api/v1/partners/police-ig', as: 'hub.admin', body: { text: 'full', jwks: { keys: [ED25519_KEY] } } });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toMatchObject({ text: 'full', jwksUrl: null, jwks: { keys: [ED25519_KEY] } });

      expect((await t.request({ method: 'DELETE', url: '/api/v1/partners/moi-dtc', as: 'hub.admin' })).statusCode).toBe(204);
      expect((await t.request({ method: 'DELETE', url: '/api/v1/partners/moi-dtc', as: 'hub.admin' })).statusCode).toBe(404);

      expect((await audits('partner.create')).map((row) => [row.actor_label, row.details.code, row.details.agencies])).toEqual([
        ['hub.admin', 'police-ig', ['rtp']],
        ['hub.admin', 'moi-dtc', ['dtc-p66', 'moi']],
      ]);
      const [update] = await audits('partner.update');
      expect(update?.details).toMatchObject({ code: 'police-ig', before: { text: 'redacted', jwksKids: null }, after: { text: 'full', jwksUrl: null, jwksKids: ['police-1'] } });
      expect((await audits('partner.remove')).map((row) => row.details.code)).toEqual(['moi-dtc']);
    });
  });

  describe('rongthuk partner', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'rt-partner-cli-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    /** The command against this suite's database: the installation it opens is the test app's, kept open after. */
    async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
      const out: string[] = [];
      const err: string[] = [];
      const open = openTestInstallation(t);
      const code = await runPartnerCommand(args, t.ctx().config, { out: (line) => out.push(line), err: (line) => err.push(line) }, open);
      return { code, out, err };
    }

    it('adds, lists and removes a partner, audited as the operator', async () => {
      const keys = path.join(dir, 'keys.json');
      await writeFile(keys, JSON.stringify({ keys: [ED25519_KEY] }));
      const added = await run(['add', '--code', 'moph-centre', '--name', 'ศูนย์รับเรื่องร้องเรียน สธ.', '--url', 'http://127.0.0.1:4100', '--jwks', keys, '--agencies', 'moph-complaint,pho-50', '--identity', 'contact', '--attachments']);
      expect(added, added.err.join('\n')).toMatchObject({ code: 0, out: ['registered partner moph-centre (ศูนย์รับเรื่องร้องเรียน สธ.) serving moph-complaint, pho-50'] });
      const listed = await run(['list']);
      expect(listed.code).toBe(0);
      expect(listed.out.join('\n')).toMatch(/^moph-centre .*keys: 1 inline key\(s\) .*agencies: moph-complaint,pho-50 .*identity contact, text redacted, attachments yes/m);
      expect((await run(['remove', 'moph-centre'])).out).toEqual(['removed partner moph-centre (ศูนย์รับเรื่องร้องเรียน สธ.)']);
      expect((await run(['list'])).out.join('\n')).not.toContain('moph-centre');
      const [record] = await audits('partner.create').then((rows) => rows.filter((row) => row.details.code === 'moph-centre'));
      expect(record?.actor_label).toMatch(/^cli/);
      expect(record?.details).toMatchObject({ jwksUrl: null, jwksKids: ['police-1'], identity: 'contact', text: 'redacted', attachments: true });
    });

    it('deactivates a partner that messages name instead of removing it, and says so', async () => {
      const keys = path.join(dir, 'dtc-keys.json');
      await writeFile(keys, JSON.stringify({ keys: [ED25519_KEY] }));
      const added = await run(['add', '--code', 'dtc-system', '--name', 'ระบบศูนย์ดำรงธรรม', '--url', 'http://127.0.0.1:4200', '--jwks', keys, '--agencies', 'dtc-p66']);
      expect(added.code, added.err.join('\n')).toBe(0);
      const [partner] = await t.db().query<{ id: string }>("SELECT id FROM partners WHERE code = 'dtc-system'");
      if (!partner) throw new Error('dtc-system was not registered');
      // A message it sent that waits for an earlier one: the log names the partner from now on.
      await insertMessage(t.db(), {
        direction: 'in',
        messageId: randomUUID(),
        partnerId: partner.id,
        caseId: null,
        type: 'case.followed_up',
        thread: { origin: 'dtc-system', ref: 'dtc-case-1' },
        seq: 2,
        envelope: {},
        jws: null,
        state: 'pending',
        at: new Date(),
      });
      expect((await run(['remove', 'dtc-system'])).out).toEqual(['deactivated partner dtc-system (ระบบศูนย์ดำรงธรรม): its messages are kept in the log']);
      expect((await run(['list'])).out.join('\n')).toMatch(/^dtc-system .*\(inactive\)$/m);
      expect(await t.db().query("SELECT count(*)::int AS n FROM exchange_messages WHERE partner_id = $1", [partner.id])).toEqual([{ n: 1 }]);
      const [record] = (await audits('partner.update')).filter((row) => row.details.code === 'dtc-system');
      expect(record?.actor_label).toMatch(/^cli/);
      expect(record?.details).toMatchObject({ before: { active: true }, after: { active: false } });
      expect((await audits('partner.remove')).map((row) => row.details.code)).not.toContain('dtc-system');
    });

    it('names the flag at fault and writes nothing', async () => {
      const base = ['add', '--code', 'bad-one', '--name', 'x', '--url', 'https://x.example', '--jwks', 'https://x.example/jwks', '--agencies', 'pho-66'];
      const cases: Array<[string[], number, RegExp]> = [
        [['add', '--code', 'x'], 2, /needs --name/],
        [[...base, '--colour', 'red'], 2, /--colour/],
        [['frobnicate'], 2, /unknown partner command/],
        [base.map((arg) => (arg === 'https://x.example' ? 'ftp://x.example' : arg)), 1, /^--url: must be an http/m],
        [[...base, '--identity', 'all'], 1, /^--identity: .*\(none\|contact\|full\)/m],
        [base.map((arg) => (arg === 'pho-66' ? 'pho-66,atlantis' : arg)), 1, /--agencies \(agency 2\): unknown agency atlantis/],
        [base.map((arg) => (arg === 'https://x.example/jwks' ? path.join(dir, 'missing.json') : arg)), 1, /^--jwks: cannot read/m],
        [['remove', 'nobody'], 1, /Partner nobody/],
      ];
      for (const [args, code, message] of cases) {
        const result = await run(args);
        expect(result.code, args.join(' ')).toBe(code);
        expect(result.err.join('\n'), args.join(' ')).toMatch(message);
      }
      expect(await t.db().query("SELECT 1 FROM partners WHERE code = 'bad-one'")).toEqual([]);
    });
  });
});
