/** Admin API of SLA policies: read by any signed-in user, changed by administrators (audited, in sla-policies.ts). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { trimmedText } from '../platform/validation.ts';
import { removeSlaPolicy, saveSlaPolicy } from './sla-policies.ts';
import { listSlaPolicies } from './policy-queries.ts';

export const PolicySchema = z.object({
  id: z.string(),
  categoryCode: z.string().nullable(),
  agencyCode: z.string().nullable(),
  targetBusinessDays: z.number(),
  dueSoonBusinessDays: z.number(),
  progressIntervalBusinessDays: z.number(),
  statutoryBusinessDays: z.number().nullable(),
  legalBasis: z.string().nullable(),
  extensionLimitBusinessDays: z.number(),
  cceoEscalationBusinessDays: z.number(),
});

export const PolicyBodySchema = z
  .object({
    categoryCode: trimmedText(1, 64).nullable().default(null),
    agencyCode: trimmedText(1, 64).nullable().default(null),
    targetBusinessDays: z.number().int().min(1).max(365),
    dueSoonBusinessDays: z.number().int().min(0).max(60).default(3),
    progressIntervalBusinessDays: z.number().int().min(1).max(60).default(7),
    statutoryBusinessDays: z.number().int().min(1).max(730).nullable().default(null),
    legalBasis: trimmedText(3, 300).nullable().default(null),
    extensionLimitBusinessDays: z.number().int().min(0).max(365).default(15),
    cceoEscalationBusinessDays: z.number().int().min(0).max(60).default(5),
  })
  .strict()
  .refine((body) => body.statutoryBusinessDays === null || body.statutoryBusinessDays >= body.targetBusinessDays, {
    message: 'a statutory deadline cannot be shorter than the target',
    path: ['statutoryBusinessDays'],
  })
  .refine((body) => body.dueSoonBusinessDays < body.targetBusinessDays, { message: 'must be less than the target', path: ['dueSoonBusinessDays'] });

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];

export function registerSlaPolicyRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/sla-policies',
    { schema: { tags: ['admin'], summary: 'SLA policies (กรอบเวลาดำเนินการ) by category and agency', security, response: { 200: z.object({ items: z.array(PolicySchema) }) } } },
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
    { schema: { tags: ['admin'], summary: 'Remove a policy (the default one stays)', params: z.object({ id: z.uuid() }), security, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeSlaPolicy(ctx, { user: requireUser(request), id: request.params.id });
      return reply.code(204).send(null);
    },
  );
}
