/** Admin API of SLA policies: read by any signed-in user, changed by administrators (audited). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../shared/api/fields.ts';
import { PolicyBodySchema, PolicyListSchema, PolicySchema } from '../../shared/api/sla.ts';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import { canAdministerAgency } from '../agencies/policy/agency.ts';
import { requireUser } from '../agencies/sessions.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, invalidInput, notFound } from '../platform/errors.ts';
import { findCategory } from '../reference/queries.ts';
import { deleteSlaPolicy, findSlaPolicy, listSlaPolicies, upsertSlaPolicy } from './sla-queries.ts';

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
    { schema: { tags: ['admin'], summary: 'Remove a policy (the default one stays)', params: IdParamsSchema, security, response: { 204: z.null() } } },
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
