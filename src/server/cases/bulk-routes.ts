/** Bulk actions of the staff inbox: assign, forward or close many cases at once, each reported on. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { BulkBodySchema, BulkParamsSchema, BulkResponseSchema } from '../../shared/api/case-actions.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { actOnCases } from './commands/act-on-cases.ts';

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
        response: { 200: BulkResponseSchema },
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
