/**
 * Connecting an agency's LINE official account: the access token is tried on LINE (the bot's
 * info gives the account's LINE id, e.g. "@123abcde", which citizens add), then the account is
 * kept among the agency's channels with its secret and token encrypted.
 */
import { configureChatAccount } from '../../chat/chat-accounts.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalidInput } from '../../platform/errors.ts';
import { lineClientsFor, type LineSecrets } from './line-api.ts';

export interface LineAccountSetup {
  agencyCode: string;
  channelSecret: string;
  accessToken: string;
  apiBase: string | null;
  actor: { userId: string | null; label: string };
}

export async function connectLineAccount(ctx: AppContext, setup: LineAccountSetup): Promise<{ agencyChannelId: string; created: boolean; lineId: string }> {
  const secrets: LineSecrets = { channelSecret: setup.channelSecret, accessToken: setup.accessToken };
  const info = await lineClientsFor(secrets, setup.apiBase)
    .api.getBotInfo()
    .catch(() => {
      throw invalidInput([{ field: 'token', message: 'LINE did not accept the access token (or could not be reached)', messageTh: 'LINE ไม่รับ channel access token นี้ หรือติดต่อ LINE ไม่ได้' }]);
    });
  const { agencyCode, apiBase, actor } = setup;
  const channel = { labelTh: `LINE ${info.displayName}`, labelEn: `LINE ${info.displayName}`, lineId: info.basicId, facebookUrl: null };
  const connected = await configureChatAccount(ctx, { agencyCode, apiBase, actor, provider: 'line', secrets, channel });
  return { ...connected, lineId: info.basicId };
}
