/**
 * Cross-site request forgery: the session cookie is SameSite=Lax, which a `go.th` sibling host
 * may still send, so a change signed in by the cookie must come from a page of this site
 * (Sec-Fetch-Site, or Origin where a browser does not send it). Bearer tokens are never sent
 * by a browser on its own and are not asked. Runs on both engines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachApp, TEST_PASSWORD, type TestApp } from './support/app.ts';
import type { LoginResponse, ErrorBody } from '../src/shared/api/index.ts';

const HOST = 'rongthuk.example.go.th';
const SIBLING = 'https://evil.example.go.th';

async function cookieOf(t: TestApp, username: string): Promise<{ cookie: string; token: string }> {
  const response = await t.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  expect(response.statusCode, response.body).toBe(200);
  const session = response.cookies.find((cookie) => cookie.name === 'rongthuk_session');
  if (!session) throw new Error('no session cookie');
  return { cookie: `rongthuk_session=${session.value}`, token: response.json<LoginResponse>().token };
}

async function identityViews(t: TestApp, caseId: string): Promise<number> {
  const rows = await t.db().query('SELECT seq FROM audit_log WHERE action = $1 AND entity_id = $2', ['identity.view', caseId]);
  return rows.length;
}

describeEachApp('cross-site requests', (t) => {
  let caseId = '';
  let cookie = '';
  let token = '';

  beforeAll(async () => {
    caseId = (await t.fileComplaint({ complainant: { name: 'สมหญิง ใจดี', phone: '0812345678' } })).id;
    ({ cookie, token } = await cookieOf(t, 'hub.intake'));
  });

  const reveal = (headers: Record<string, string>) =>
    t.app().inject({ method: 'POST', url: `/api/v1/cases/${caseId}/identity`, headers: { host: HOST, ...headers } });

  describe('a change signed in by the cookie', () => {
    it.each([
      ['a sibling go.th host (Origin)', { origin: SIBLING }],
      ['another site (Sec-Fetch-Site)', { 'sec-fetch-site': 'cross-site', origin: 'https://attacker.example' }],
      ['a sibling host (Sec-Fetch-Site same-site)', { 'sec-fetch-site': 'same-site', origin: SIBLING }],
      ['Sec-Fetch-Site same-site even with our Origin', { 'sec-fetch-site': 'same-site', origin: `https://${HOST}` }],
      ['no Origin and no Sec-Fetch-Site', {}],
      ['Origin null (a sandboxed frame)', { origin: 'null' }],
      ['our host on another port', { origin: `https://${HOST}:8443` }],
    ])('is refused from %s with 403 cross_site_request, in Thai too, and reveals nothing', async (_name, headers) => {
      const before = await identityViews(t, caseId);
      const response = await reveal({ cookie, ...headers });
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json()).toEqual({
        error: { code: 'cross_site_request', message: expect.stringContaining('this site'), messageTh: expect.stringMatching(/[ก-๙]/), details: [] },
      });
      expect(response.body).not.toContain('0812345678');
      expect(await identityViews(t, caseId)).toBe(before);
    });

    it.each([
      ['Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin', origin: `https://${HOST}` }],
      ['Sec-Fetch-Site none (the user’s own navigation)', { 'sec-fetch-site': 'none' }],
      ['an Origin of this host where Sec-Fetch-Site is not sent', { origin: `https://${HOST}` }],
      ['an Origin differing only in case', { origin: `https://${HOST.toUpperCase()}` }],
    ])('is taken from a page of this site: %s', async (_name, headers) => {
      const before = await identityViews(t, caseId);
      const response = await reveal({ cookie, ...headers });
      expect(response.statusCode, response.body).toBe(200);
      expect(await identityViews(t, caseId)).toBe(before + 1);
    });

    it('is refused for a staff action and for sign-out too', async () => {
      const screen = await t.app().inject({ method: 'POST', url: `/api/v1/cases/${caseId}/actions/screen`, headers: { host: HOST, cookie, origin: SIBLING }, payload: {} });
      expect(screen.statusCode).toBe(403);
      expect(screen.json<ErrorBody>().error.code).toBe('cross_site_request');
      const logout = await t.app().inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { host: HOST, cookie, 'sec-fetch-site': 'cross-site' } });
      expect(logout.statusCode).toBe(403);
      // The session lives on.
      expect((await t.app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    });
  });

  it('refuses a read with the cookie that another site’s page made the browser send (an <img>, a fetch)', async () => {
    for (const fetchSite of ['cross-site', 'same-site']) {
      const response = await t.app().inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: { host: HOST, cookie, 'sec-fetch-site': fetchSite, origin: SIBLING } });
      expect(response.statusCode, fetchSite).toBe(403);
      expect(response.json<ErrorBody>().error.code).toBe('cross_site_request');
    }
  });

  it('takes a read with the cookie from this site, the user’s own navigation, or a client that sends no Sec-Fetch-Site', async () => {
    for (const headers of [{ 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'none' }, {}]) {
      const response = await t.app().inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: { host: HOST, cookie, ...headers } });
      expect(response.statusCode, JSON.stringify(headers)).toBe(200);
    }
  });

  it('with a public address configured, takes only its whole origin (an http page may not act for an https site)', async () => {
    const { isSameOriginRequest } = await import('../src/server/agencies/sessions.ts');
    const request = (origin: string) => ({ headers: { origin }, host: HOST }) as unknown as Parameters<typeof isSameOriginRequest>[0];
    expect(isSameOriginRequest(request(`https://${HOST}`), `https://${HOST}/`)).toBe(true);
    expect(isSameOriginRequest(request(`http://${HOST}`), `https://${HOST}/`)).toBe(false);
    expect(isSameOriginRequest(request(`http://${HOST}`))).toBe(true);
  });

  it('takes a bearer token without Origin or Sec-Fetch-Site (API clients)', async () => {
    const before = await identityViews(t, caseId);
    const response = await reveal({ authorization: `Bearer ${token}` });
    expect(response.statusCode, response.body).toBe(200);
    expect(await identityViews(t, caseId)).toBe(before + 1);
  });

  it('judges by the bearer token when both are sent', async () => {
    const response = await reveal({ authorization: `Bearer ${token}`, cookie, origin: SIBLING });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('leaves sign-in alone: it makes a session rather than using the cookie', async () => {
    const response = await t.app().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { host: HOST, cookie, 'sec-fetch-site': 'same-site', origin: SIBLING },
      payload: { username: 'hub.intake', password: TEST_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('answers 401, not 403, to a cross-site change with a cookie that signs nobody in', async () => {
    const response = await reveal({ cookie: 'rongthuk_session=not-a-session', origin: SIBLING });
    expect(response.statusCode).toBe(401);
  });

  it('leaves the public API to the access key: a cross-site citizen message is not a session request', async () => {
    const filed = await t.fileComplaint();
    const response = await t.app().inject({
      method: 'POST',
      url: `/api/v1/public/complaints/${filed.trackingCode}/messages`,
      headers: { host: HOST, cookie, 'x-access-key': filed.accessKey, origin: SIBLING },
      payload: { message: 'ข้อมูลเพิ่มเติมครับ' },
    });
    expect(response.statusCode, response.body).toBe(201);
  });
});
