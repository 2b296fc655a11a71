/**
 * Saved filters of the staff inbox (ตัวกรองที่บันทึกไว้): a user's named sets of case-list
 * query-string parameters, private to them. A filter is checked against the case list's own
 * schema when saved, so opening it (GET /api/v1/cases?…its query) always works.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canViewCases } from '../agencies/policy/staff.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { noCaseWork } from '../platform/errors.ts';
import { trimmedText } from '../platform/validation.ts';
import { removeSavedFilter } from './commands/remove-saved-filter.ts';
import { MAX_SAVED_FILTERS, saveFilter } from './commands/save-filter.ts';
import { listSavedFilters, type SavedFilter } from './saved-filter-queries.ts';
import { CaseListQuerySchema } from './schema.ts';

/** Paging is the list's business, not the filter's. */
const FilterableSchema = CaseListQuerySchema.omit({ cursor: true, limit: true });
// Looking a complainant up is audited each time; keeping their phone or ID in a filter is not done.
const IDENTITY_KEYS = new Set(['phone', 'nationalId']);

/** The case-list parameters as strings, valid for GET /api/v1/cases; errors name `query.<parameter>`. */
const SavedQuerySchema = z
  .record(z.string().max(50), z.string().max(500))
  .superRefine((query, check) => {
    for (const key of Object.keys(query)) {
      if (IDENTITY_KEYS.has(key)) check.addIssue({ code: 'custom', path: [key], message: 'complainant look-ups are not saved' });
      else if (!(key in FilterableSchema.shape)) check.addIssue({ code: 'custom', path: [key], message: 'not a case-list filter' });
    }
    const parsed = FilterableSchema.safeParse(query);
    if (parsed.success) return;
    // Named by the parameter: `status`, not `status.0` of the list it is split into.
    for (const issue of parsed.error.issues) {
      if (issue.code !== 'unrecognized_keys') check.addIssue({ code: 'custom', path: issue.path.slice(0, 1), message: issue.message });
    }
  })
  .describe('GET /api/v1/cases query-string parameters (without cursor and limit), as strings, e.g. {"status": "assigned,in_progress", "overdue": "true"}');

const SavedFilterSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  query: z.record(z.string(), z.string()),
  createdAt: z.string(),
});

const NewSavedFilterSchema = z.object({ name: trimmedText(1, 100), query: SavedQuerySchema }).strict();
const SavedFilterParamsSchema = z.object({ id: z.uuid() });
const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['cases'];

const present = (filter: SavedFilter) => ({ id: filter.id, name: filter.name, query: filter.query, createdAt: filter.createdAt.toISOString() });

export function registerSavedFilterRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/saved-filters',
    {
      schema: { tags, summary: 'Your saved case-list filters, by name', security, response: { 200: z.object({ items: z.array(SavedFilterSchema) }) } },
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
    { schema: { tags, summary: 'Delete one of your saved filters', params: SavedFilterParamsSchema, security, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeSavedFilter(ctx, { user: requireUser(request), id: request.params.id });
      return reply.code(204).send(null);
    },
  );
}
