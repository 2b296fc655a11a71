/**
 * The agency's administrators see whether its LINE official account and Facebook page are
 * connected, and connect them, as `rongthuk channel line|facebook` does (audited; the secrets
 * are never answered back). The
 * API's address stays what the operator set on the command line: an administrator names
 * credentials, not where the server sends them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AgencyParamsSchema } from '../../shared/api/agencies.ts';
import { ChatAccountConnectedSchema, ChatAccountListSchema, FacebookPageInputSchema, LineAccountInputSchema } from '../../shared/api/chat-channels.ts';
import { canAdministerAgency } from '../agencies/policy/agency.ts';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import { requireUser, type AuthUser } from '../agencies/sessions.ts';
import { CHAT_PROVIDERS, findChatAccountOfAgency, listChatAccountStates, type ChatProvider } from '../chat/chat-queries.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { connectFacebookPage } from './facebook/facebook-account.ts';
import { connectLineAccount } from './line/line-account.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];

type Setup = Awaited<ReturnType<typeof administered>>;

/** 404 for an unknown agency, 403 unless the user administers it. */
async function administeredAgency(ctx: AppContext, user: AuthUser, code: string) {
  const agency = await findAgencyRefByCode(ctx.db, code);
  if (!agency) throw notFound('Agency', 'หน่วยงาน');
  if (!canAdministerAgency(user, agency.path)) {
    throw forbidden("Only a system administrator, or the agency administrator for its own agencies, connects an agency's chat accounts", 'เฉพาะผู้ดูแลระบบ หรือผู้ดูแลหน่วยงานสำหรับหน่วยงานของตนและหน่วยงานในสังกัด เท่านั้นที่เชื่อมต่อบัญชีแชตของหน่วยงานได้');
  }
  return agency;
}

const webhookPath = (provider: ChatProvider, agencyCode: string) => `/api/v1/channels/${provider}/${agencyCode}/webhook`;

/** The agency the user administers, with the account's API address as it is. */
async function administered(ctx: AppContext, user: AuthUser, code: string, provider: ChatProvider) {
  const agency = await administeredAgency(ctx, user, code);
  const apiBase = (await findChatAccountOfAgency(ctx.db, agency.code, provider))?.apiBase ?? null;
  return { agencyCode: agency.code, apiBase, actor: { userId: user.id, label: user.username } };
}

/** How each platform's account is connected: its body, and the connection with what it answers. */
const CONNECTIONS = {
  line: {
    body: LineAccountInputSchema,
    summary: "Connect the agency's LINE official account (channel secret and access token), or replace its credentials",
    connect: async (ctx: AppContext, setup: Setup, body: z.output<typeof LineAccountInputSchema>) => {
      const line = await connectLineAccount(ctx, { ...setup, ...body });
      return { ...line, name: line.lineId };
    },
  },
  facebook: {
    body: FacebookPageInputSchema,
    summary: "Connect the agency's Facebook page (app secret, page token, verify token), or replace its credentials",
    connect: async (ctx: AppContext, setup: Setup, body: z.output<typeof FacebookPageInputSchema>) => {
      const page = await connectFacebookPage(ctx, { ...setup, ...body });
      return { ...page, name: page.pageName };
    },
  },
} as const;

export function registerChatAccountRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/agencies/:code/chat-accounts',
    {
      schema: {
        tags: ['admin'],
        summary: "The agency's LINE official account and Facebook page: connected or not, their name, when last set, their webhook address (never a secret)",
        params: AgencyParamsSchema,
        security,
        response: { 200: ChatAccountListSchema },
      },
    },
    async (request) => {
      const agency = await administeredAgency(ctx, requireUser(request), request.params.code);
      const accounts = await listChatAccountStates(ctx.db, agency.id);
      const items = CHAT_PROVIDERS.map((provider) => {
        const account = accounts.find((row) => row.provider === provider);
        return { provider, connected: Boolean(account), name: account?.name ?? null, changedAt: account?.updatedAt.toISOString() ?? null, webhookPath: webhookPath(provider, agency.code) };
      });
      return { agency: { code: agency.code }, items };
    },
  );
  for (const provider of CHAT_PROVIDERS) {
    const { body, summary, connect } = CONNECTIONS[provider];
    app.put(
      `/api/v1/agencies/:code/chat-accounts/${provider}`,
      { schema: { tags: ['admin'], summary, params: AgencyParamsSchema, body, security, response: { 200: ChatAccountConnectedSchema } } },
      async (request) => {
        const setup = await administered(ctx, requireUser(request), request.params.code, provider);
        const connected = await (connect as (ctx: AppContext, setup: Setup, body: unknown) => Promise<{ agencyChannelId: string; created: boolean; name: string }>)(ctx, setup, request.body);
        return { agencyChannelId: connected.agencyChannelId, created: connected.created, name: connected.name, webhookPath: webhookPath(provider, setup.agencyCode) };
      },
    );
  }
}
