/**
 * GET /api/v1/agencies/{code}/chat-accounts: an agency's administrators see whether its LINE
 * official account and Facebook page are connected, their names, when last set and where the
 * platforms post their webhooks — and never a secret, a token or the verify token.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectFacebookPage } from '../src/server/channels/facebook/facebook-account.ts';
import { connectLineAccount } from '../src/server/channels/line/line-account.ts';
import { describeEachApp } from './support/app.ts';
import { startFakeFacebook, type FakeFacebook } from './support/fake-facebook.ts';
import { startFakeLine, type FakeLine } from './support/fake-line.ts';

const CLI = { userId: null, label: 'cli' };
const SECRETS = { channelSecret: 'line-channel-secret-1', accessToken: 'line-access-token-1', appSecret: 'meta-app-secret-1', pageToken: 'meta-page-token-1', verifyToken: 'verify-me-1' };

describeEachApp('chat accounts of an agency', (t) => {
  let line: FakeLine;
  let facebook: FakeFacebook;
  const url = '/api/v1/agencies/dho-6604/chat-accounts';

  beforeAll(async () => {
    line = await startFakeLine();
    facebook = await startFakeFacebook();
  });
  afterAll(async () => {
    await line.close();
    await facebook.close();
  });

  it('refuses who is not signed in, who does not administer the agency, and an unknown agency', async () => {
    expect((await t.request({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url, as: 'taphanhin.officer' })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/agencies/nowhere/chat-accounts', as: 'hub.admin' })).statusCode).toBe(404);
  });

  it('says neither account is connected, with the webhook paths to use', async () => {
    const response = await t.request({ method: 'GET', url: '/api/v1/agencies/pho-66/chat-accounts', as: 'moph.admin' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      agency: { code: 'pho-66' },
      items: [
        { provider: 'line', connected: false, name: null, changedAt: null, webhookPath: '/api/v1/channels/line/pho-66/webhook' },
        { provider: 'facebook', connected: false, name: null, changedAt: null, webhookPath: '/api/v1/channels/facebook/pho-66/webhook' },
      ],
    });
  });

  it('names the connected accounts and when they were set, and holds none of their secrets', async () => {
    t.setNow(new Date('2026-12-07T03:00:00Z'));
    try {
      const { channelSecret, accessToken, appSecret, pageToken, verifyToken } = SECRETS;
      await connectLineAccount(t.ctx(), { agencyCode: 'dho-6604', channelSecret, accessToken, apiBase: line.url, actor: CLI });
      await connectFacebookPage(t.ctx(), { agencyCode: 'dho-6604', appSecret, pageToken, verifyToken, apiBase: facebook.url, actor: CLI });
    } finally {
      t.setNow(undefined);
    }
    const response = await t.request({ method: 'GET', url, as: 'moph.admin' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      agency: { code: 'dho-6604' },
      items: [
        { provider: 'line', connected: true, name: '@taphanhin', changedAt: '2026-12-07T03:00:00.000Z', webhookPath: '/api/v1/channels/line/dho-6604/webhook' },
        { provider: 'facebook', connected: true, name: 'Facebook สสอ.ตะพานหิน', changedAt: '2026-12-07T03:00:00.000Z', webhookPath: '/api/v1/channels/facebook/dho-6604/webhook' },
      ],
    });
    for (const secret of Object.values(SECRETS)) expect(response.body).not.toContain(secret);
    // A system administrator reads it too.
    expect((await t.request({ method: 'GET', url, as: 'hub.admin' })).statusCode).toBe(200);
  });
});
