/** Bulk actions of the staff inbox: assign, forward or close many cases at once, each reported on. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_STATUSES } from '../../shared/case-model.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { trimmedText } from '../platform/validation.ts';
import { actOnCases, BULK_ACTIONS } from './commands/act-on-cases.ts';

const BulkParamsSchema = z.object({ action: z.enum(BULK_ACTIONS) });

const BulkBodySchema = z
  .object({
    caseIds: z
      .array(z.uuid())
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'must not repeat a case'),
    reason: trimmedText(3, 2000).describe('The hand-over reason (assign, forward) or the closing reason (close), for every case'),
    agencyCode: trimmedText(1, 64).optional().describe('Required for assign and forward; not taken by close'),
  })
  .strict();

const BulkErrorSchema = z.object({ code: z.string(), message: z.string(), messageTh: z.string() });
const BulkResultSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.string(), ok: z.literal(true), status: z.enum(CASE_STATUSES) }),
  z.object({ id: z.string(), ok: z.literal(false), error: BulkErrorSchema }),
]);

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];

export function registerBulkCaseRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  fastify.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/cases/bulk/:action',
    {
      schema: {
        tags: ['case actions'],
        summary:
          'Assign, forward or close up to 100 cases at once; each case is acted on alone (its own transaction, audit and notices) and reported on in the order given',
        params: BulkParamsSchema,
        body: BulkBodySchema,
        security,
        response: { 200: z.object({ results: z.array(BulkResultSchema), succeeded: z.number(), failed: z.number() }) },
      },
    },
    async (request) =>
      actOnCases(ctx, {
        user: requireUser(request),
        action: request.params.action,
        ...request.body,
        onUnexpectedError: (caseId, error) => request.log.error({ err: error, caseId }, 'bulk action failed on a case'),
      }),
  );
}
