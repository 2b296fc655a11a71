/**
 * The triage API: routing rules (admin), the screening queue, a case's triage and clusters of
 * similar complaints. Actions on screened cases are the case API's (screen, assign, merge…).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_STATUSES } from '../../shared/case-model.ts';
import { requireUser } from '../agencies/sessions.ts';
import { CaseListItemSchema } from '../cases/schema.ts';
import type { AppContext } from '../platform/context.ts';
import { calendarDate, trimmedText } from '../platform/validation.ts';
import { RULE_TARGETS } from './rule-queries.ts';
import { SCREENING_REASONS } from './routing-policy.ts';
import { createRule, listRules, removeRule, replaceRule } from './routing-rules.ts';
import { listClusters, listScreeningQueue, showCaseTriage } from './screening.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const limit = (max: number, byDefault: number) => z.coerce.number().int().min(1).max(max).default(byDefault);
const code = trimmedText(1, 64);
const day = calendarDate();

export const RuleSchema = z.object({
  id: z.string(),
  categoryCode: z.string(),
  areaCode: z.string().nullable(),
  agencyCode: z.string(),
  agencyNameTh: z.string(),
  target: z.enum(RULE_TARGETS),
  automatic: z.boolean(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});

export const RuleBodySchema = z
  .object({
    categoryCode: code,
    areaCode: z.string().regex(/^\d{2}(\d{2})?$/, 'a province (2 digits) or district (4 digits) code').nullable().default(null),
    agencyCode: code,
    target: z.enum(RULE_TARGETS).default('agency'),
    automatic: z.boolean().default(true),
    note: trimmedText(1, 500).nullable().default(null),
  })
  .strict();

const SuggestionSchema = z.object({
  agencyCode: z.string(),
  agencyNameTh: z.string(),
  score: z.number(),
  source: z.enum(['rule', 'similar_cases']),
  reasonTh: z.string(),
});

const TriageSchema = z.object({
  modelVersion: z.string().nullable().describe('The classifier version that made this proposal'),
  predictedLabel: z.string().nullable(),
  predictedCategoryCode: z.string().nullable(),
  confidence: z.number().nullable(),
  topWords: z.array(z.object({ word: z.string(), weight: z.number() })).describe('The words that weighed most: the reason shown to staff'),
  sensitiveTerms: z.array(z.object({ categoryCode: z.string(), term: z.string() })),
  decision: z.enum(['auto_assigned', 'screening']),
  reasons: z.array(z.object({ code: z.enum(SCREENING_REASONS), messageTh: z.string() })),
  suggestions: z.array(SuggestionSchema),
  proposedAgencyCode: z.string().nullable(),
  decidedAt: z.string(),
});

const DuplicateSchema = z.object({
  caseId: z.string(),
  trackingCode: z.string(),
  status: z.enum(CASE_STATUSES),
  reason: z.enum(['same_complainant', 'similar_text']),
  similarity: z.number(),
});

const ScreeningItemSchema = CaseListItemSchema.extend({ triage: TriageSchema.nullable(), possibleDuplicates: z.array(DuplicateSchema) });

const ClusterSchema = z.object({
  id: z.string().describe("The cluster's earliest case"),
  provinceCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  categoryCode: z.string().nullable(),
  size: z.number(),
  firstReceivedAt: z.string(),
  lastReceivedAt: z.string(),
  topTerms: z.array(z.string()),
  cases: z.array(z.object({ id: z.string(), trackingCode: z.string(), receivedAt: z.string() })),
});

export function registerTriageRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const IdParams = z.object({ id: z.uuid() });

  app.get(
    '/api/v1/routing-rules',
    {
      schema: {
        tags: ['admin'],
        summary: 'Routing rules (กฎการส่งต่อ): category × area → agency',
        querystring: z.object({ categoryCode: code.optional(), areaCode: code.optional(), agencyCode: code.optional(), cursor: z.string().max(300).optional(), limit: limit(500, 100) }).strict(),
        security,
        response: { 200: z.object({ items: z.array(RuleSchema), nextCursor: z.string().nullable() }) },
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
    { schema: { tags: ['admin'], summary: 'Replace a routing rule (audited)', params: IdParams, body: RuleBodySchema, security, response: { 200: RuleSchema } } },
    async (request) => {
      const rule = await replaceRule(ctx, requireUser(request), request.params.id, request.body);
      return { ...rule, updatedAt: rule.updatedAt.toISOString() };
    },
  );

  app.delete(
    '/api/v1/routing-rules/:id',
    { schema: { tags: ['admin'], summary: 'Delete a routing rule (audited)', params: IdParams, security, response: { 204: z.null() } } },
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
        querystring: z.object({ cursor: z.string().max(200).optional(), limit: limit(100, 25) }).strict(),
        security,
        response: { 200: z.object({ items: z.array(ScreeningItemSchema), nextCursor: z.string().nullable() }) },
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
        params: IdParams,
        security,
        response: { 200: z.object({ triage: TriageSchema.nullable(), possibleDuplicates: z.array(DuplicateSchema) }) },
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
        querystring: z
          .object({ from: day, to: day, provinceCode: z.string().regex(/^\d{2}$/, 'a 2-digit province code').optional(), cursor: z.string().max(100).optional(), limit: limit(200, 50) })
          .strict(),
        security,
        response: {
          200: z.object({ from: z.string(), to: z.string(), casesConsidered: z.number(), total: z.number(), items: z.array(ClusterSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request) => listClusters(ctx, requireUser(request), request.query),
  );
}
