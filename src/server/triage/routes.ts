/**
 * The triage API: routing rules (admin), the screening queue, a case's triage and clusters of
 * similar complaints. Actions on screened cases are the case API's (screen, assign, merge…).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../shared/api/fields.ts';
import {
  CaseTriageSchema,
  ClusterPageSchema,
  ClusterQuerySchema,
  RuleBodySchema,
  RuleListQuerySchema,
  RuleListSchema,
  RuleSchema,
  ScreeningPageSchema,
  ScreeningQuerySchema,
} from '../../shared/api/triage.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { createRule, listRules, removeRule, replaceRule } from './routing-rules.ts';
import { listClusters, listScreeningQueue, showCaseTriage } from './screening.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
export function registerTriageRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/routing-rules',
    {
      schema: {
        tags: ['admin'],
        summary: 'Routing rules (กฎการส่งต่อ): category × area → agency',
        querystring: RuleListQuerySchema,
        security,
        response: { 200: RuleListSchema },
      },
    },
    async (request) => {
      requireUser(request);
      const page = await listRules(ctx, request.query);
      return { ...page, items: page.items.map((rule) => ({ ...rule, updatedAt: rule.updatedAt.toISOString() })) };
    },
  );

  app.post(
    '/api/v1/routing-rules',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Add a routing rule (audited). target: agency (that agency), province_office / district_office (the agency below it serving the case’s province / district). A sensitive category takes automatic: false.',
        body: RuleBodySchema,
        security,
        response: { 201: RuleSchema },
      },
    },
    async (request, reply) => {
      const rule = await createRule(ctx, requireUser(request), request.body);
      return reply.code(201).send({ ...rule, updatedAt: rule.updatedAt.toISOString() });
    },
  );

  app.put(
    '/api/v1/routing-rules/:id',
    { schema: { tags: ['admin'], summary: 'Replace a routing rule (audited)', params: IdParamsSchema, body: RuleBodySchema, security, response: { 200: RuleSchema } } },
    async (request) => {
      const rule = await replaceRule(ctx, requireUser(request), request.params.id, request.body);
      return { ...rule, updatedAt: rule.updatedAt.toISOString() };
    },
  );

  app.delete(
    '/api/v1/routing-rules/:id',
    { schema: { tags: ['admin'], summary: 'Delete a routing rule (audited)', params: IdParamsSchema, security, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeRule(ctx, requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/screening',
    {
      schema: {
        tags: ['cases'],
        summary:
          'The screening queue (คัดกรอง): cases your agency holds that wait for a person, oldest first, with the classifier’s proposal, up to three suggested agencies and possible duplicates. Act on them with the case actions.',
        querystring: ScreeningQuerySchema,
        security,
        response: { 200: ScreeningPageSchema },
      },
    },
    async (request) => listScreeningQueue(ctx, requireUser(request), request.query),
  );

  app.get(
    '/api/v1/cases/:id/triage',
    {
      schema: {
        tags: ['cases'],
        summary: 'How triage saw a case: prediction, suggestions, decision and possible duplicates',
        params: IdParamsSchema,
        security,
        response: { 200: CaseTriageSchema },
      },
    },
    async (request) => showCaseTriage(ctx, requireUser(request), request.params.id),
  );

  app.get(
    '/api/v1/clusters',
    {
      schema: {
        tags: ['cases'],
        summary: 'Clusters of similar complaints in one area within a week of each other, largest first (input for hotspot dashboards)',
        querystring: ClusterQuerySchema,
        security,
        response: { 200: ClusterPageSchema },
      },
    },
    async (request) => listClusters(ctx, requireUser(request), request.query),
  );
}
