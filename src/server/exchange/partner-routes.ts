/**
 * The partner registry API (ทะเบียนระบบคู่ความร่วมมือ): the other complaint systems we exchange
 * cases with, for system administrators.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NewPartnerSchema,
  PartnerChangesSchema,
  PartnerCodeParamsSchema,
  PartnerListQuerySchema,
  PartnerListSchema,
  PartnerSchema,
  type Partner,
} from '../../shared/api/exchange.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { countMessagesByState } from './queries.ts';
import { addPartner, changePartner, getPartner, listPartners, removePartner, type PartnerRecord } from './partners.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['admin'];

/** A partner as the API shows it. */
export function presentPartner(partner: PartnerRecord): Partner {
  return {
    code: partner.code,
    name: partner.name,
    delivery: partner.delivery,
    baseUrl: partner.baseUrl,
    jwksUrl: partner.jwksUrl,
    jwks: partner.jwks,
    agencies: partner.agencies,
    identity: partner.identity,
    text: partner.textSharing,
    attachments: partner.attachments,
    active: partner.active,
    createdAt: partner.createdAt.toISOString(),
  };
}

export function registerPartnerRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const editor = (request: Parameters<typeof requireUser>[0]) => ({ kind: 'user' as const, user: requireUser(request) });

  app.get(
    '/api/v1/partners',
    { schema: { tags, summary: 'Partner systems, by code (keyset pages); system administrators only', querystring: PartnerListQuerySchema, security, response: { 200: PartnerListSchema } } },
    async (request) => {
      const page = await listPartners(ctx, editor(request), request.query);
      return { items: page.items.map(presentPartner), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/partners',
    {
      schema: {
        tags,
        summary: 'Register a partner system: its URL, keys, the agencies it serves and the sharing agreement (audited)',
        body: NewPartnerSchema,
        security,
        response: { 201: PartnerSchema },
      },
    },
    async (request, reply) => reply.code(201).send(presentPartner(await addPartner(ctx, editor(request), request.body))),
  );

  app.get(
    '/api/v1/partners/:code',
    { schema: { tags, summary: 'One partner system', params: PartnerCodeParamsSchema, security, response: { 200: PartnerSchema } } },
    async (request) => {
      const partner = await getPartner(ctx, editor(request), request.params.code);
      return { ...presentPartner(partner), messages: await countMessagesByState(ctx.db, partner.id) };
    },
  );

  app.patch(
    '/api/v1/partners/:code',
    {
      schema: { tags, summary: 'Change a partner system (audited)', params: PartnerCodeParamsSchema, body: PartnerChangesSchema, security, response: { 200: PartnerSchema } },
    },
    async (request) => presentPartner(await changePartner(ctx, editor(request), request.params.code, request.body)),
  );

  app.delete(
    '/api/v1/partners/:code',
    {
      schema: {
        tags,
        summary: 'Remove a partner system from the registry (204; audited); one that messages name is deactivated instead (200 with it, active false)',
        params: PartnerCodeParamsSchema,
        security,
        response: { 200: PartnerSchema, 204: z.null().describe('Removed') },
      },
    },
    async (request, reply) => {
      const partner = await removePartner(ctx, editor(request), request.params.code);
      return partner.removed ? reply.code(204).send(null) : reply.code(200).send(presentPartner(partner));
    },
  );
}
