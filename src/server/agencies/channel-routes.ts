/**
 * The channels an agency offers (ช่องทางรับเรื่องร้องเรียน): read by anyone, no sign-in — what a
 * citizen needs to reach the agency; changed by its administrators (channels.ts, audited).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AgencyParamsSchema } from '../../shared/api/agencies.ts';
import {
  AgencyChannelChangesSchema,
  AgencyChannelListSchema,
  AgencyChannelParamsSchema,
  AgencyChannelQuerySchema,
  AgencyChannelRemovalSchema,
  AgencyChannelSchema,
  NewAgencyChannelSchema,
} from '../../shared/api/channels.ts';
import type { AppContext } from '../platform/context.ts';
import { createChannel, listChannels, removeChannel, updateChannel } from './channels.ts';
import { requireUser } from './sessions.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];

export function registerAgencyChannelRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/agencies/:code/channels',
    {
      schema: {
        tags: ['reference'],
        summary: 'How to reach an agency: its channels in order, active ones only; its administrators see the inactive ones too, unless active=true',
        params: AgencyParamsSchema,
        querystring: AgencyChannelQuerySchema,
        response: { 200: AgencyChannelListSchema },
      },
    },
    async (request) => listChannels(ctx, { user: request.authUser, agencyCode: request.params.code, activeOnly: request.query.active === 'true' }),
  );

  app.post(
    '/api/v1/agencies/:code/channels',
    {
      schema: {
        tags: ['admin'],
        summary: "Add a channel to an agency: its kind and what a citizen needs to use it (a hotline's number, a LINE ID, a suggestion box's place…)",
        params: AgencyParamsSchema,
        body: NewAgencyChannelSchema,
        security,
        response: { 201: AgencyChannelSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.code(201).send(await createChannel(ctx, { user, agencyCode: request.params.code, input: request.body }));
    },
  );

  app.patch(
    '/api/v1/agencies/:code/channels/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a channel; null clears a field. Its kind stays while cases name it.',
        params: AgencyChannelParamsSchema,
        body: AgencyChannelChangesSchema,
        security,
        response: { 200: AgencyChannelSchema },
      },
    },
    async (request) => updateChannel(ctx, { user: requireUser(request), agencyCode: request.params.code, id: request.params.id, changes: request.body }),
  );

  app.delete(
    '/api/v1/agencies/:code/channels/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Remove a channel: deleted when no case names it, deactivated otherwise',
        params: AgencyChannelParamsSchema,
        security,
        response: { 200: AgencyChannelRemovalSchema },
      },
    },
    async (request) => removeChannel(ctx, { user: requireUser(request), agencyCode: request.params.code, id: request.params.id }),
  );
}
