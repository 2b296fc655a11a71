/**
 * Connecting an agency's Facebook page: the page token is tried on the Graph API (it names the
 * page), then the page is kept among the agency's channels with its secrets encrypted.
 */
import { configureChatAccount } from '../../chat/chat-accounts.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalidInput } from '../../platform/errors.ts';
import { fetchPageInfo, GRAPH_API_BASE, type FacebookSecrets } from './facebook-api.ts';

export interface FacebookPageSetup {
  agencyCode: string;
  appSecret: string;
  pageToken: string;
  verifyToken: string;
  apiBase: string | null;
  actor: { userId: string | null; label: string };
}

export async function connectFacebookPage(ctx: AppContext, setup: FacebookPageSetup): Promise<{ agencyChannelId: string; created: boolean; pageName: string }> {
  const secrets: FacebookSecrets = { appSecret: setup.appSecret, pageToken: setup.pageToken, verifyToken: setup.verifyToken };
  const info = await fetchPageInfo({ secrets, apiBase: (setup.apiBase ?? GRAPH_API_BASE).replace(/\/+$/, '') }).catch(() => {
    throw invalidInput([{ field: 'page-token', message: 'Facebook did not accept the page token (or could not be reached)', messageTh: 'Facebook ไม่รับ page access token นี้ หรือติดต่อ Facebook ไม่ได้' }]);
  });
  const { agencyCode, apiBase, actor } = setup;
  const channel = { labelTh: `Facebook ${info.name}`, labelEn: `Facebook ${info.name}`, lineId: null, facebookUrl: `https://www.facebook.com/${info.id}` };
  const connected = await configureChatAccount(ctx, { agencyCode, apiBase, actor, provider: 'facebook', secrets, channel });
  return { ...connected, pageName: info.name };
}
