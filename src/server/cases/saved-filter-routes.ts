/**
 * Saved filters of the staff inbox (ตัวกรองที่บันทึกไว้): a user's named sets of case-list
 * query-string parameters, private to them. A filter is checked against the case list's own
 * schema when saved, so opening it (GET /api/v1/cases?…its query) always works.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../shared/api/fields.ts';
import { NewSavedFilterSchema, SavedFilterListSchema, SavedFilterSchema } from '../../shared/api/saved-filters.ts';
import { canViewCases } from '../agencies/policy/staff.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { noCaseWork } from '../platform/errors.ts';
import { removeSavedFilter } from './commands/remove-saved-filter.ts';
import { MAX_SAVED_FILTERS, saveFilter } from './commands/save-filter.ts';
import { listSavedFilters, type SavedFilter } from './saved-filter-queries.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['cases'];

const present = (filter: SavedFilter) => ({ id: filter.id, name: filter.name, query: filter.query, createdAt: filter.createdAt.toISOString() });

export function registerSavedFilterRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/saved-filters',
    {
      schema: { tags, summary: 'Your saved case-list filters, by name', security, response: { 200: SavedFilterListSchema } },
    },
    async (request) => {
      const user = requireUser(request);
      if (!canViewCases(user)) throw noCaseWork();
      const filters = await listSavedFilters(ctx.db, user.id);
      return { items: filters.sort((a, b) => a.name.localeCompare(b.name, 'th')).map(present) };
    },
  );

  app.post(
    '/api/v1/saved-filters',
    {
      schema: {
        tags,
        summary: `Save a case-list filter under a name of yours (at most ${MAX_SAVED_FILTERS}; a name once)`,
        body: NewSavedFilterSchema,
        security,
        response: { 201: SavedFilterSchema },
      },
    },
    async (request, reply) => {
      const saved = await saveFilter(ctx, { user: requireUser(request), ...request.body });
      return reply.code(201).send(present(saved));
    },
  );

  app.delete(
    '/api/v1/saved-filters/:id',
    { schema: { tags, summary: 'Delete one of your saved filters', params: IdParamsSchema, security, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeSavedFilter(ctx, { user: requireUser(request), id: request.params.id });
      return reply.code(204).send(null);
    },
  );
}
