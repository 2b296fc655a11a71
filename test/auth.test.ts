/**
 * Sign-in, the session cookie and bearer token, sign-out, and what the database keeps of a
 * session. Every login here is made directly (not through the harness's cached tokens), so
 * signing out never breaks another test.
 */
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it, describe } from 'vitest';
import { verifyAuditChain } from '../src/server/platform/audit.ts';
import { describeEachApp, TEST_PASSWORD, type TestApp } from './support/app.ts';
import type { LoginResponse as LoginBody, ErrorBody } from '../src/shared/api/index.ts';

async function login(t: TestApp, username: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
  return t.request({ method: 'POST', url: '/api/v1/auth/login', body: { username, password } });
}

async function signIn(t: TestApp, username: string): Promise<LoginBody> {
  const response = await login(t, username);
  expect(response.statusCode).toBe(200);
  return response.json<LoginBody>();
}

function sessionCookie(response: LightMyRequestResponse) {
  return response.cookies.find((cookie) => cookie.name === 'rongthuk_session');
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describeEachApp('auth', (t) => {
  describe('POST /api/v1/auth/login', () => {
    it('answers 400 naming the field when the password is missing', async () => {
      const response = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { username: 'hub.intake' } });
      expect(response.statusCode).toBe(400);
      const body = response.json<ErrorBody>();
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details.map((detail) => detail.field)).toContain('password');
    });

    it('answers 400 to a body that is not JSON', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        body: '{"username": "hub.intake",',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe('invalid_json');
    });

    it('answers 401 with the same body to a wrong password and to an unknown user, and sets no cookie', async () => {
      const wrongPassword = await login(t, 'hub.intake', 'not-the-password');
      const unknownUser = await login(t, 'nobody.here', TEST_PASSWORD);
      expect(wrongPassword.statusCode).toBe(401);
      expect(unknownUser.statusCode).toBe(401);
      expect(wrongPassword.json()).toEqual(unknownUser.json());
      expect(wrongPassword.json<ErrorBody>().error.code).toBe('invalid_credentials');
      expect(sessionCookie(wrongPassword)).toBeUndefined();
      expect(sessionCookie(unknownUser)).toBeUndefined();
      expect(JSON.stringify(wrongPassword.json())).not.toContain('token');
    });

    it('gives a bearer token, the user and an httpOnly SameSite=Lax session cookie holding the same token', async () => {
      const before = Date.now();
      const response = await login(t, 'taphanhin.officer');
      expect(response.statusCode).toBe(200);
      const body = response.json<LoginBody>();
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      expect(body.user).toMatchObject({ username: 'taphanhin.officer', role: 'case_officer', agency: { code: 'dho-6604' } });
      expect(body.user).not.toHaveProperty('passwordHash');
      expect(JSON.stringify(body)).not.toContain('argon2');
      // Twelve hours in the test configuration.
      const expiresIn = new Date(body.expiresAt).getTime() - before;
      expect(expiresIn).toBeGreaterThan(11.9 * 3600_000);
      expect(expiresIn).toBeLessThan(12.1 * 3600_000);

      const cookie = sessionCookie(response);
      expect(cookie).toBeDefined();
      expect(cookie?.value).toBe(body.token);
      expect(cookie?.httpOnly).toBe(true);
      expect(String(cookie?.sameSite).toLowerCase()).toBe('lax');
      expect(cookie?.path).toBe('/');
      const header = String(response.headers['set-cookie']);
      expect(header).toMatch(/HttpOnly/i);
      expect(header).toMatch(/SameSite=Lax/i);
    });

    it('gives a different token to every sign-in', async () => {
      const first = await signIn(t, 'pho50.officer');
      const second = await signIn(t, 'pho50.officer');
      expect(first.token).not.toBe(second.token);
    });

    it('keeps only a hash of the token in the sessions table', async () => {
      const { token, user } = await signIn(t, 'rtp.officer');
      const rows = await t.db().query<Record<string, unknown>>('SELECT * FROM sessions WHERE user_id = $1', [user.id]);
      expect(rows.length).toBeGreaterThan(0);
      const everything = JSON.stringify(rows);
      expect(everything).not.toContain(token);
      const hashes = rows.map((row) => row.token_hash);
      expect(hashes).toContain(sha256(token));
      const [hit] = await t.db().query('SELECT 1 FROM sessions WHERE token_hash = $1', [token]);
      expect(hit).toBeUndefined();
    });

    it('writes an auth.login record to the audit log', async () => {
      const { user } = await signIn(t, 'dtc66.officer');
      const rows = await t.db().query<{ action: string; actor_label: string; actor_user_id: string; entity_type: string; entity_id: string }>(
        "SELECT action, actor_label, actor_user_id, entity_type, entity_id FROM audit_log WHERE action = 'auth.login' AND entity_id = $1",
        [user.id],
      );
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows[0]).toEqual({ action: 'auth.login', actor_label: 'dtc66.officer', actor_user_id: user.id, entity_type: 'user', entity_id: user.id });
    });

    it('writes no session for a failed sign-in, and audits the attempt without the password', async () => {
      const [sessionsBefore] = await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
      expect((await login(t, 'moph.cceo', 'wrong-password')).statusCode).toBe(401);
      const [sessionsAfter] = await t.db().query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
      expect(sessionsAfter?.n).toBe(sessionsBefore?.n);
      const [record] = await t.db().query<{ action: string; actor_label: string; details: Record<string, unknown> }>(
        'SELECT action, actor_label, details FROM audit_log ORDER BY seq DESC LIMIT 1',
      );
      expect(record).toMatchObject({ action: 'auth.login_failed', actor_label: 'moph.cceo', details: { knownUser: true } });
      expect(JSON.stringify(record?.details)).not.toContain('wrong-password');
    });

    it('keeps a keyed hash of an unknown username, never the text typed (often a password in the wrong field)', async () => {
      const typed = 'Hunter2-My-Secret-Password';
      for (let attempt = 0; attempt < 2; attempt++) expect((await login(t, typed, 'whatever')).statusCode).toBe(401);
      const records = await t.db().query<{ actor_label: string; actor_user_id: string | null; entity_id: string | null; details: Record<string, unknown> }>(
        "SELECT actor_label, actor_user_id, entity_id, details FROM audit_log WHERE action = 'auth.login_failed' ORDER BY seq DESC LIMIT 2",
      );
      const expectedHash = t.ctx().protector.keyedHash('login-username', typed.toLowerCase());
      for (const record of records) {
        expect(record).toMatchObject({ actor_label: 'unknown-username', actor_user_id: null, entity_id: null });
        expect(record.details).toMatchObject({ knownUser: false, usernameHash: expectedHash });
      }
      const [everything] = await t.db().query<{ text: string }>("SELECT string_agg(actor_label || ' ' || details::text, ' ') AS text FROM audit_log");
      expect(everything?.text.toLowerCase()).not.toContain(typed.toLowerCase());
      // A known account's failed sign-in names the account, which is no secret.
      expect((await login(t, 'moph.cceo', 'wrong-password')).statusCode).toBe(401);
      const [known] = await t.db().query<{ actor_label: string; details: Record<string, unknown> }>('SELECT actor_label, details FROM audit_log ORDER BY seq DESC LIMIT 1');
      expect(known).toMatchObject({ actor_label: 'moph.cceo', details: { knownUser: true } });
      expect(known?.details).not.toHaveProperty('usernameHash');
    });

    it('refuses a username with a lone surrogate (400 naming it) and the audit log still verifies', async () => {
      for (const payload of ['{"username":"x\\ud800y","password":"p"}', '{"username":"\\udc00","password":"p"}', '{"username":"moph.cceo","password":"a\\ud800"}']) {
        const response = await t.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers: { 'content-type': 'application/json' } });
        expect(response.statusCode, payload).toBe(400);
        const error = response.json<ErrorBody>().error;
        expect(error.code).toBe('validation_failed');
        expect(error.details[0]?.field).toBe(payload.includes('"a\\ud800"') ? 'password' : 'username');
        expect(error.details[0]?.messageTh).toMatch(/ไม่สมบูรณ์/);
      }
      expect(await verifyAuditChain(t.db())).toMatchObject({ ok: true });
    });

    it('audits a sign-out', async () => {
      const token = ((await login(t, 'moph.cceo', TEST_PASSWORD)).json() as LoginBody).token;
      const out = await t.app().inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}` } });
      expect(out.statusCode).toBe(204);
      const [record] = await t.db().query<{ action: string; actor_label: string }>('SELECT action, actor_label FROM audit_log ORDER BY seq DESC LIMIT 1');
      expect(record).toMatchObject({ action: 'auth.logout', actor_label: 'moph.cceo' });
    });
  });

  describe('GET /api/v1/auth/me', () => {
    it('answers 401 without credentials', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/auth/me' });
      expect(response.statusCode).toBe(401);
      expect(response.json<ErrorBody>().error.code).toBe('unauthenticated');
    });

    it('answers 401 to an unknown bearer token and to an unknown cookie', async () => {
      const bearer = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer not-a-real-token' } });
      const cookie = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'rongthuk_session=not-a-real-token' } });
      expect(bearer.statusCode).toBe(401);
      expect(cookie.statusCode).toBe(401);
    });

    it('does not accept the stored hash in place of the token', async () => {
      const { token } = await signIn(t, 'pho66.officer');
      const response = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${sha256(token)}` } });
      expect(response.statusCode).toBe(401);
    });

    it('answers 401 once the session has expired', async () => {
      const { token } = await signIn(t, 'moph.supervisor');
      try {
        t.setNow(new Date(Date.now() + 13 * 3600_000));
        const response = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
        expect(response.statusCode).toBe(401);
      } finally {
        t.setNow(undefined);
      }
      const again = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect(again.statusCode).toBe(200);
    });

    it('knows the user from the session cookie alone', async () => {
      const response = await login(t, 'moph.officer');
      const cookie = sessionCookie(response);
      expect(cookie).toBeDefined();
      const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `rongthuk_session=${cookie?.value ?? ''}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ username: 'moph.officer', role: 'case_officer', agency: { code: 'moph-complaint' } });
    });

    it('knows the user from the bearer token', async () => {
      const { token, user } = await signIn(t, 'hub.supervisor');
      const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toEqual(user);
    });

    it('sends the pages the user works in, their first page first, as the policy gives them by role', async () => {
      const expected: Array<[string, string[]]> = [
        ['hub.intake', ['screening', 'inbox', 'intake', 'reports']],
        ['moph.officer', ['inbox', 'intake', 'reports']],
        ['moph.supervisor', ['inbox', 'screening', 'intake', 'dashboard', 'reports']],
        ['moph.cceo', ['dashboard', 'inbox', 'reports']],
        ['moph.admin', ['admin']],
      ];
      for (const [username, pages] of expected) {
        const { token, user } = await signIn(t, username);
        expect(user.pages, username).toEqual(pages);
        const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
        expect(me.json<LoginBody['user']>().pages, username).toEqual(pages);
      }
    });

    it('sends the roles the user may grant and whether they administer every agency, as the policy gives them', async () => {
      const agencyRoles = ['intake_officer', 'case_officer', 'supervisor', 'cceo', 'agency_admin'];
      const expected: Array<[string, string[], boolean]> = [
        ['hub.intake', [], false],
        ['moph.supervisor', [], false],
        ['moph.admin', agencyRoles, false],
        ['hub.admin', [...agencyRoles, 'system_admin'], true],
      ];
      for (const [username, grantableRoles, administersEveryAgency] of expected) {
        const { token, user } = await signIn(t, username);
        expect({ grantableRoles: user.grantableRoles, administersEveryAgency: user.administersEveryAgency }, username).toEqual({ grantableRoles, administersEveryAgency });
        const me = await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
        expect(me.json<LoginBody['user']>().grantableRoles, username).toEqual(grantableRoles);
      }
    });
  });

  describe('POST /api/v1/auth/logout', () => {
    it('answers 401 without credentials', async () => {
      const response = await t.request({ method: 'POST', url: '/api/v1/auth/logout' });
      expect(response.statusCode).toBe(401);
    });

    it('ends the session: 204, the cookie is cleared and the token no longer works', async () => {
      const { token } = await signIn(t, 'taphanhin.intake');
      const headers = { authorization: `Bearer ${token}` };
      expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);

      const response = await t.request({ method: 'POST', url: '/api/v1/auth/logout', headers });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
      const cleared = sessionCookie(response);
      expect(cleared).toBeDefined();
      expect(cleared?.value ?? '').toBe('');
      expect(cleared?.expires === undefined || cleared.expires.getTime() <= Date.now()).toBe(true);

      expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: '/api/v1/cases', headers })).statusCode).toBe(401);
      expect((await t.request({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(401);
      const rows = await t.db().query('SELECT 1 FROM sessions WHERE token_hash = $1', [sha256(token)]);
      expect(rows).toHaveLength(0);
    });

    it('ends only the session it is called with', async () => {
      const first = await signIn(t, 'moph.admin');
      const second = await signIn(t, 'moph.admin');
      // As the web app sends it: a cookie-signed change must come from a page of this site (test/csrf.test.ts).
      const out = await t.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `rongthuk_session=${first.token}`, 'sec-fetch-site': 'same-origin' } });
      expect(out.statusCode).toBe(204);
      expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${first.token}` } })).statusCode).toBe(401);
      expect((await t.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${second.token}` } })).statusCode).toBe(200);
    });
  });
});
