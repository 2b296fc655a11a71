/** Admin API of SLA policies: read by any signed-in user, changed by administrators (audited). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import { canAdministerAgency } from '../agencies/policy/agency.ts';
import { requireUser } from '../agencies/sessions.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, invalidInput, notFound } from '../platform/errors.ts';
import { trimmedText } from '../platform/validation.ts';
import { findCategory } from '../reference/queries.ts';
import { deleteSlaPolicy, findSlaPolicy, listSlaPolicies, upsertSlaPolicy } from './policy-queries.ts';

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
      const agency = agencyCode ? await findAgencyRefByCode(ctx.db, agencyCode) : undefined;
      if (agencyCode && !agency) throw invalidInput([{ field: 'agencyCode', message: `unknown agency ${agencyCode}`, messageTh: `ไม่พบหน่วยงาน ${agencyCode}` }]);
      if (categoryCode && !(await findCategory(ctx.db, categoryCode))) throw invalidInput([{ field: 'categoryCode', message: `unknown category ${categoryCode}`, messageTh: `ไม่พบประเภทเรื่อง ${categoryCode}` }]);
      if (!canAdministerAgency(user, agency?.path ?? null)) throw forbidden(
          'Only a system administrator, or the agency administrator for its own agencies, sets SLA policies',
          'เฉพาะผู้ดูแลระบบ หรือผู้ดูแลหน่วยงานสำหรับหน่วยงานของตนและหน่วยงานในสังกัด เท่านั้นที่กำหนดนโยบายระยะเวลาได้',
        );
      const id = await ctx.db.transaction(async (tx) => {
        const saved = await upsertSlaPolicy(tx, { categoryCode, agencyId: agency?.id ?? null }, values, ctx.now());
        await recordAudit(tx, {
          actor: { userId: user.id, label: user.username },
          action: 'sla_policy.save',
          entityType: 'sla_policy',
          entityId: saved,
          details: { categoryCode, agencyCode, ...values },
          at: ctx.now(),
        });
        return saved;
      });
      const policy = await findSlaPolicy(ctx.db, id);
      if (!policy) throw new Error('saved policy vanished');
      return policy;
    },
  );

  app.delete(
    '/api/v1/sla-policies/:id',
    { schema: { tags: ['admin'], summary: 'Remove a policy (the default one stays)', params: z.object({ id: z.uuid() }), security, response: { 204: z.null() } } },
    async (request, reply) => {
      const user = requireUser(request);
      const policy = await findSlaPolicy(ctx.db, request.params.id);
      if (!policy) throw notFound('SLA policy', 'นโยบายระยะเวลาดำเนินการ');
      const agency = policy.agencyCode ? await findAgencyRefByCode(ctx.db, policy.agencyCode) : undefined;
      if (!canAdministerAgency(user, agency?.path ?? null)) throw forbidden('You may not change this policy', 'ท่านไม่มีสิทธิ์แก้ไขนโยบายนี้');
      await ctx.db.transaction(async (tx) => {
        if (!(await deleteSlaPolicy(tx, policy.id))) throw invalidInput([{ field: 'id', message: 'the default policy cannot be removed', messageTh: 'นโยบายตั้งต้นลบไม่ได้' }]);
        await recordAudit(tx, { actor: { userId: user.id, label: user.username }, action: 'sla_policy.remove', entityType: 'sla_policy', entityId: policy.id, at: ctx.now() });
      });
      return reply.code(204).send(null);
    },
  );
}
