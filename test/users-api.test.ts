/**
 * User administration: who may list, create and change accounts (system admins everywhere,
 * agency admins in their subtree, nobody else), system_admin granted by system admins only,
 * no self-lockout, sessions ended on deactivation and password change, audit without secrets.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import { describeEachApp, TEST_USERS, type TestApp } from './support/app.ts';
import type { z } from 'zod';
import type { UserListSchema, UserAccount as Account, LoginResponse, ErrorBody } from '../src/shared/api/index.ts';

type Page = z.output<typeof UserListSchema>;

const NEW_PASSWORD = 'a-long-new-password-42';
const MOPH_SUBTREE = ['moph-complaint', 'pho-66', 'dho-6604', 'pho-50'];

const fields = (response: LightMyRequestResponse): string[] => [
  ...new Set((response.json() as ErrorBody).error.details.map((detail) => detail.field ?? '')),
];

async function login(t: TestApp, username: string, password: string): Promise<LightMyRequestResponse> {
  return t.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}

async function tokenOf(t: TestApp, username: string, password: string): Promise<string> {
  const response = await login(t, username, password);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as LoginResponse).token;
}

const me = (t: TestApp, token: string) => t.app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });

async function idOf(t: TestApp, username: string): Promise<string> {
  const [row] = await t.db().query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

describeEachApp('user administration', (t) => {
  const list = (query: string, as?: string) => t.request({ method: 'GET', url: `/api/v1/users${query}`, as });
  const create = (body: Record<string, unknown>, as?: string) => t.request({ method: 'POST', url: '/api/v1/users', as, body });
  const patch = (id: string, body: Record<string, unknown>, as?: string) => t.request({ method: 'PATCH', url: `/api/v1/users/${id}`, as, body });
  const newUser = (overrides: Record<string, unknown> = {}) => ({
    username: 'pho66.clerk',
    displayName: 'นางสาวสมใจ ใจดี',
    email: 'somjai@example.go.th',
    agencyCode: 'pho-66',
    role: 'intake_officer',
    password: NEW_PASSWORD,
    ...overrides,
  });

  describe('GET /api/v1/users', () => {
    it('answers 401 without sign-in', async () => {
      expect((await list('')).statusCode).toBe(401);
    });

    it('answers 400 naming the field for a bad filter', async () => {
      for (const [query, field] of [
        ['?limit=0', 'query.limit'],
        ['?role=boss', 'query.role'],
        ['?active=yes', 'query.active'],
        ['?agencyCode=no-such-agency', 'query.agencyCode'],
        ['?page=2', 'query.page'],
      ] as const) {
        const response = await list(query, 'hub.admin');
        expect(response.statusCode, query).toBe(400);
        expect(fields(response), query).toEqual([field]);
      }
    });

    it('answers 403 to roles other than administrators', async () => {
      for (const username of ['moph.officer', 'moph.supervisor', 'moph.cceo']) {
        const response = await list('', username);
        expect(response.statusCode, username).toBe(403);
        expect(response.json().error.code).toBe('forbidden');
      }
    });

    it('gives a system admin every user by username, without password hashes', async () => {
      const response = await list('?limit=200', 'hub.admin');
      expect(response.statusCode).toBe(200);
      const page = response.json() as Page;
      const usernames = page.items.map((user) => user.username);
      for (const user of TEST_USERS) expect(usernames).toContain(user.username);
      expect(usernames).toEqual([...usernames].sort());
      expect(response.body).not.toMatch(/argon2|password/i);
      expect(page.items.find((user) => user.username === 'moph.admin')).toMatchObject({
        role: 'agency_admin',
        roleLabelTh: 'ผู้ดูแลระบบของหน่วยงาน',
        active: true,
        agency: { code: 'moph-complaint', nameTh: 'ศูนย์รับเรื่องร้องเรียน สป.สธ.' },
      });
    });

    it('gives an agency admin the users of their agency and those below it only', async () => {
      const page = (await list('?limit=200', 'moph.admin')).json() as Page;
      const usernames = page.items.map((user) => user.username);
      const expected = TEST_USERS.filter((user) => MOPH_SUBTREE.includes(user.agencyCode)).map((user) => user.username);
      for (const username of expected) expect(usernames).toContain(username);
      expect(page.items.every((user) => MOPH_SUBTREE.includes(user.agency.code))).toBe(true);
      expect(usernames).not.toContain('moph.cceo');
      expect(usernames).not.toContain('rtp.officer');
      // Another agency's users are simply not there.
      expect(((await list('?agencyCode=rtp', 'moph.admin')).json() as Page).items).toEqual([]);
    });

    it('filters by agency subtree, role, activity and a text fragment', async () => {
      const pho66 = (await list('?agencyCode=pho-66&role=case_officer', 'moph.admin')).json() as Page;
      expect(pho66.items.map((user) => user.username)).toEqual(['pho66.officer', 'taphanhin.officer']);
      const byText = (await list(`?q=${encodeURIComponent('TAPHAN')}`, 'hub.admin')).json() as Page;
      expect(byText.items.map((user) => user.username)).toEqual(['taphanhin.intake', 'taphanhin.officer']);
      const inactive = (await list('?active=false&agencyCode=rtp', 'hub.admin')).json() as Page;
      expect(inactive.items).toEqual([]);
    });

    it('pages by username with a cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await list(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'moph.admin');
        const page = response.json() as Page;
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((user) => user.username));
        cursor = page.nextCursor;
      } while (cursor);
      const all = ((await list('?limit=200', 'moph.admin')).json() as Page).items.map((user) => user.username);
      expect(seen).toEqual(all);
    });
  });

  describe('POST /api/v1/users', () => {
    it('answers 401 without sign-in', async () => {
      expect((await create(newUser())).statusCode).toBe(401);
    });

    it('answers 400 naming the field for a bad username, password, e-mail, role or agency', async () => {
      for (const [override, field] of [
        [{ username: 'ab' }, 'username'],
        [{ username: 'สมใจ' }, 'username'],
        [{ username: 'has space' }, 'username'],
        [{ password: 'short-pass' }, 'password'],
        [{ email: 'not-an-email' }, 'email'],
        [{ role: 'boss' }, 'role'],
        [{ displayName: '  ' }, 'displayName'],
        [{ agencyCode: 'no-such-agency' }, 'agencyCode'],
        [{ passwordHash: 'x' }, 'passwordHash'],
      ] as const) {
        const response = await create(newUser(override), 'hub.admin');
        expect(response.statusCode, JSON.stringify(override)).toBe(400);
        expect(fields(response), JSON.stringify(override)).toEqual([field]);
      }
    });

    it('answers 403 to non-administrators, outside the subtree, and for system_admin from an agency admin', async () => {
      expect((await create(newUser(), 'moph.officer')).statusCode).toBe(403);
      const outside = await create(newUser({ agencyCode: 'rtp' }), 'moph.admin');
      expect(outside.statusCode).toBe(403);
      expect(fields(outside)).toEqual(['agencyCode']);
      const above = await create(newUser({ agencyCode: 'moph' }), 'moph.admin');
      expect(above.statusCode).toBe(403);
      const escalate = await create(newUser({ role: 'system_admin' }), 'moph.admin');
      expect(escalate.statusCode).toBe(403);
      expect(fields(escalate)).toEqual(['role']);
      expect(escalate.json().error.messageTh).toMatch(/ผู้ดูแลระบบ/);
    });

    it('creates a user in the subtree who can sign in, audited without the password; 409 for a taken username', async () => {
      const response = await create(newUser({ username: 'PHO66.Clerk' }), 'moph.admin');
      expect(response.statusCode, response.body).toBe(201);
      const created = response.json() as Account;
      expect(created).toMatchObject({
        username: 'pho66.clerk',
        displayName: 'นางสาวสมใจ ใจดี',
        email: 'somjai@example.go.th',
        role: 'intake_officer',
        roleLabelTh: 'เจ้าหน้าที่รับเรื่อง',
        active: true,
        agency: { code: 'pho-66' },
      });
      expect(response.body).not.toMatch(/argon2|password/i);
      const signedIn = await login(t, 'pho66.clerk', NEW_PASSWORD);
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json().user).toMatchObject({ role: 'intake_officer', agency: { code: 'pho-66' } });

      const audit = await t.db().query<{ action: string; actor_label: string; details: Record<string, unknown> }>(
        "SELECT action, actor_label, details FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 AND action LIKE 'user.%'",
        [created.id],
      );
      expect(audit).toEqual([{ action: 'user.create', actor_label: 'moph.admin', details: { username: 'pho66.clerk', role: 'intake_officer', agencyCode: 'pho-66' } }]);

      const duplicate = await create(newUser({ displayName: 'คนอื่น' }), 'hub.admin');
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error.code).toBe('username_taken');
      expect(fields(duplicate)).toEqual(['username']);
      expect((await verifyAuditChain(t.db())).ok).toBe(true);
    });

    it('lets a system admin grant system_admin anywhere', async () => {
      const response = await create(newUser({ username: 'ops.root', agencyCode: 'pho-50', role: 'system_admin', email: undefined }), 'hub.admin');
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ role: 'system_admin', email: null, agency: { code: 'pho-50' } });
    });
  });

  describe('PATCH /api/v1/users/:id', () => {
    it('answers 401 without sign-in', async () => {
      expect((await patch(await idOf(t, 'pho50.officer'), { displayName: 'x' })).statusCode).toBe(401);
    });

    it('answers 400 naming the field for a bad id or body', async () => {
      const id = await idOf(t, 'pho50.officer');
      const badId = await patch('not-a-uuid', { displayName: 'x' }, 'hub.admin');
      expect(badId.statusCode).toBe(400);
      expect(fields(badId)).toEqual(['params.id']);
      for (const [body, field] of [
        [{ password: 'short' }, 'password'],
        [{ role: 'boss' }, 'role'],
        [{ active: 'no' }, 'active'],
        [{ username: 'renamed' }, 'username'],
      ] as const) {
        const response = await patch(id, body, 'hub.admin');
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(fields(response)).toEqual([field]);
      }
    });

    it('answers 403 to non-administrators, 404 outside the subtree or for no such user', async () => {
      expect((await patch(await idOf(t, 'pho50.officer'), { displayName: 'x' }, 'moph.officer')).statusCode).toBe(403);
      for (const username of ['rtp.officer', 'moph.cceo', 'hub.admin']) {
        const response = await patch(await idOf(t, username), { displayName: 'x' }, 'moph.admin');
        expect(response.statusCode, username).toBe(404);
        expect(response.json().error.code).toBe('not_found');
      }
      expect((await patch('00000000-0000-4000-8000-000000000000', { displayName: 'x' }, 'hub.admin')).statusCode).toBe(404);
    });

    it('answers 403 to an agency admin granting system_admin or changing a system admin in their subtree', async () => {
      const grant = await patch(await idOf(t, 'pho50.officer'), { role: 'system_admin' }, 'moph.admin');
      expect(grant.statusCode).toBe(403);
      expect(fields(grant)).toEqual(['role']);
      const root = await create(newUser({ username: 'pho50.root', agencyCode: 'pho-50', role: 'system_admin' }), 'hub.admin');
      expect(root.statusCode).toBe(201);
      const reset = await patch((root.json() as Account).id, { password: NEW_PASSWORD }, 'moph.admin');
      expect(reset.statusCode).toBe(403);
    });

    it('refuses to let administrators deactivate or demote themselves (409, in Thai)', async () => {
      for (const username of ['moph.admin', 'hub.admin']) {
        const id = await idOf(t, username);
        const deactivate = await patch(id, { active: false }, username);
        expect(deactivate.statusCode, username).toBe(409);
        expect(deactivate.json().error).toMatchObject({ code: 'self_lockout', messageTh: 'ไม่สามารถระงับบัญชีของตนเองได้ ให้ผู้ดูแลระบบท่านอื่นดำเนินการ' });
        expect(fields(deactivate)).toEqual(['active']);
        const demote = await patch(id, { role: 'case_officer' }, username);
        expect(demote.statusCode, username).toBe(409);
        expect(fields(demote)).toEqual(['role']);
      }
      // Naming one's own role unchanged is no demotion.
      const same = await patch(await idOf(t, 'moph.admin'), { role: 'agency_admin', displayName: 'ผู้ดูแล สป.สธ.' }, 'moph.admin');
      expect(same.statusCode).toBe(200);
      expect(same.json()).toMatchObject({ role: 'agency_admin', displayName: 'ผู้ดูแล สป.สธ.', active: true });
    });

    it('changes a user, and deactivating ends their sessions; audited without the password', async () => {
      const created = await create(newUser({ username: 'pho50.temp', agencyCode: 'pho-50', role: 'case_officer' }), 'moph.admin');
      const id = (created.json() as Account).id;
      const token = await tokenOf(t, 'pho50.temp', NEW_PASSWORD);
      expect((await me(t, token)).statusCode).toBe(200);

      const changed = await patch(id, { displayName: 'นายทดสอบ ชั่วคราว', email: null, role: 'supervisor' }, 'moph.admin');
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ displayName: 'นายทดสอบ ชั่วคราว', email: null, role: 'supervisor', roleLabelTh: 'หัวหน้างาน', active: true });
      expect((await me(t, token)).statusCode).toBe(200);

      const deactivated = await patch(id, { active: false }, 'moph.admin');
      expect(deactivated.statusCode).toBe(200);
      expect(deactivated.json()).toMatchObject({ active: false });
      expect((await me(t, token)).statusCode).toBe(401);
      expect((await login(t, 'pho50.temp', NEW_PASSWORD)).statusCode).toBe(401);
      const inactive = (await list('?active=false', 'moph.admin')).json() as Page;
      expect(inactive.items.map((user) => user.username)).toEqual(['pho50.temp']);

      const reactivated = await patch(id, { active: true, password: `${NEW_PASSWORD}-2` }, 'moph.admin');
      expect(reactivated.statusCode).toBe(200);
      expect((await login(t, 'pho50.temp', NEW_PASSWORD)).statusCode).toBe(401);
      expect((await login(t, 'pho50.temp', `${NEW_PASSWORD}-2`)).statusCode).toBe(200);

      const audit = await t.db().query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_log WHERE action = 'user.update' AND entity_id = $1 ORDER BY seq",
        [id],
      );
      expect(audit.map((row) => row.details)).toEqual([
        {
          username: 'pho50.temp',
          sessionsEnded: 0,
          changes: {
            displayName: { from: 'นางสาวสมใจ ใจดี', to: 'นายทดสอบ ชั่วคราว' },
            email: { from: 'somjai@example.go.th', to: null },
            role: { from: 'case_officer', to: 'supervisor' },
          },
        },
        { username: 'pho50.temp', sessionsEnded: 1, changes: { active: { from: true, to: false } } },
        { username: 'pho50.temp', sessionsEnded: 0, changes: { active: { from: false, to: true }, password: 'changed' } },
      ]);
      expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
      expect((await verifyAuditChain(t.db())).ok).toBe(true);
    });

    it('ends the other sessions of a user who sets their own password, keeping the one they use', async () => {
      const created = await create(newUser({ username: 'pho66.admin', role: 'agency_admin' }), 'moph.admin');
      expect(created.statusCode).toBe(201);
      const id = (created.json() as Account).id;
      const here = await tokenOf(t, 'pho66.admin', NEW_PASSWORD);
      const elsewhere = await tokenOf(t, 'pho66.admin', NEW_PASSWORD);
      const response = await t.app().inject({
        method: 'PATCH',
        url: `/api/v1/users/${id}`,
        headers: { authorization: `Bearer ${here}` },
        payload: { password: `${NEW_PASSWORD}-own` },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect((await me(t, here)).statusCode).toBe(200);
      expect((await me(t, elsewhere)).statusCode).toBe(401);
    });
  });
});
