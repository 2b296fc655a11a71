/**
 * A chat account — an agency's LINE official account or Facebook page — is one of its channels
 * (agency_channels, of kind line or facebook) with credentials kept encrypted apart
 * (chat_accounts). Connecting one adds the channel when the agency has none of that kind with
 * an account, or replaces the credentials of the one it has; one transaction with its audit
 * record, which names the account but never its secrets.
 */
import type { AgencyChannelValues } from '../agencies/channel-queries.ts';
import { insertAgencyChannel } from '../agencies/channel-queries.ts';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { findChatAccountOfAgency, upsertChatAccount, type ChatAccountRow, type ChatProvider } from './chat-queries.ts';

/** A chat account's channel is reached through the platform: no phone, address or hours of its own. */
const NO_OTHER_CONTACT = { phone: null, webUrl: null, email: null, postalAddress: null, location: null, openingHours: null } as const;

const secretsContext = (agencyChannelId: string) => `chat_account:${agencyChannelId}`;

/** The account's credentials, decrypted. */
export function secretsOf<T>(ctx: AppContext, account: Pick<ChatAccountRow, 'agencyChannelId' | 'secrets'>): T {
  return ctx.protector.decryptJson<T>(account.secrets, secretsContext(account.agencyChannelId));
}

export interface ChatAccountSetup<S> {
  agencyCode: string;
  provider: ChatProvider;
  secrets: S;
  apiBase: string | null;
  /** The channel as citizens see it, used when it is added: its label and contact (LINE id, page address). */
  channel: Pick<AgencyChannelValues, 'labelTh' | 'labelEn' | 'lineId' | 'facebookUrl'>;
  /** Who did it, for the audit record (`cli` from the command line). */
  actor: { userId: string | null; label: string };
}

export async function configureChatAccount<S>(ctx: AppContext, setup: ChatAccountSetup<S>): Promise<{ agencyChannelId: string; created: boolean }> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgencyRefByCode(tx, setup.agencyCode);
    if (!agency) throw notFound('Agency', 'หน่วยงาน');
    const existing = await findChatAccountOfAgency(tx, agency.code, setup.provider);
    const agencyChannelId =
      existing?.agencyChannelId ??
      (await insertAgencyChannel(tx, agency.id, { kind: setup.provider, ...setup.channel, ...NO_OTHER_CONTACT, position: 0, active: true }, now));
    await upsertChatAccount(tx, {
      agencyChannelId,
      provider: setup.provider,
      secrets: ctx.protector.encryptJson(setup.secrets, secretsContext(agencyChannelId)),
      apiBase: setup.apiBase,
      now,
    });
    await recordAudit(tx, {
      actor: setup.actor,
      action: 'chat_account.configure',
      entityType: 'agency_channel',
      entityId: agencyChannelId,
      details: { agencyCode: agency.code, provider: setup.provider, agencyChannelId, apiBase: setup.apiBase, created: !existing },
      at: now,
    });
    return { agencyChannelId, created: !existing };
  });
}
