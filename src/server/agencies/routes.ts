/** Reference data anyone may read: the agency tree and the complaint categories. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AgencyListSchema, AgencyParamsSchema, AgencyQuerySchema, AgencyWithAncestorsSchema, type Agency as AgencyView } from '../../shared/api/agencies.ts';
import { CategoryListSchema } from '../../shared/api/reference.ts';
import type { AppContext } from '../platform/context.ts';
import { invalidInput, notFound } from '../platform/errors.ts';
import { listCategories } from '../reference/queries.ts';
import { findAgencyByCode, listAgencies, listAncestorRefs, type Agency } from './queries.ts';

export function registerAgencyRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['reference'],
        summary: 'Agencies (หน่วยงาน) by code; q matches Thai or English names and codes; parent lists the children of an agency, within its whole subtree',
        querystring: AgencyQuerySchema,
        response: { 200: AgencyListSchema },
      },
    },
    async (request) => {
      const { q, parent, within, cursor, limit } = request.query;
      for (const [field, code] of [['parent', parent], ['within', within]] as const) {
        if (code && !(await findAgencyByCode(ctx.db, code))) {
          throw invalidInput([{ field: `query.${field}`, message: `unknown agency ${code}`, messageTh: `ไม่พบหน่วยงาน ${code}` }]);
        }
      }
      const rows = await listAgencies(ctx.db, { q, parentCode: parent, withinCode: within, afterCode: cursor, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentAgency),
        nextCursor: rows.length > limit ? (page[page.length - 1]?.code ?? null) : null,
      };
    },
  );

  app.get(
    '/api/v1/agencies/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'One agency by its exact code, with the agencies above it (root first); 404 for an unknown code',
        params: AgencyParamsSchema,
        response: { 200: AgencyWithAncestorsSchema },
      },
    },
    async (request) => {
      const agency = await findAgencyByCode(ctx.db, request.params.code);
      if (!agency) throw notFound('Agency', 'หน่วยงาน');
      return { ...presentAgency(agency), ancestors: await listAncestorRefs(ctx.db, agency) };
    },
  );

  app.get(
    '/api/v1/categories',
    {
      schema: {
        tags: ['reference'],
        summary: 'Complaint categories (ประเภทเรื่อง); sensitive ones are always screened by a person',
        response: { 200: CategoryListSchema },
      },
    },
    async () => ({
      items: (await listCategories(ctx.db)).filter((category) => category.active).map(({ active: _active, ...category }) => category),
    }),
  );
}

function presentAgency({ id: _id, parentId: _parentId, path: _path, ...agency }: Agency): AgencyView {
  return agency;
}
