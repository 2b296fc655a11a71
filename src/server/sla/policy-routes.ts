/** Admin API of SLA policies: read by any signed-in user, changed by administrators (audited, in sla-policies.ts). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../shared/api/fields.ts';
import { PolicyBodySchema, PolicyListSchema, PolicySchema } from '../../shared/api/sla.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { removeSlaPolicy, saveSlaPolicy } from './sla-policies.ts';
import { listSlaPolicies } from './policy-queries.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];

export function registerSlaPolicyRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/sla-policies',
    { schema: { tags: ['admin'], summary: 'SLA policies (กรอบเวลาดำเนินการ) by category and agency', security, response: { 200: PolicyListSchema } } },
    async (request) => {
      requireUser(request);
      return { items: await listSlaPolicies(ctx.db) };
    },
  );

  app.put(
    '/api/v1/sla-policies',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create or replace the policy of a (category, agency) scope; null means any. New cases use it.',
        body: PolicyBodySchema,
        security,
        response: { 200: PolicySchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { categoryCode, agencyCode, ...values } = request.body;
      return saveSlaPolicy(ctx, { user, categoryCode, agencyCode, values });
    },
  );

  app.delete(
    '/api/v1/sla-policies/:id',
    { schema: { tags: ['admin'], summary: 'Remove a policy (the default one stays)', params: IdParamsSchema, security, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeSlaPolicy(ctx, { user: requireUser(request), id: request.params.id });
      return reply.code(204).send(null);
    },
  );
}
