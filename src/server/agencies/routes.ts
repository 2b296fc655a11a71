/** Reference data anyone may read: the agency tree and the complaint categories. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import { invalidInput, notFound } from '../platform/errors.ts';
import { plainText, trimmedText } from '../platform/validation.ts';
import { listCategories } from '../reference/queries.ts';
import { findAgencyByCode, listAgencies, listAncestorRefs, type Agency } from './queries.ts';

/** An agency of the tree as the API shows it (the web app takes its type from here). */
export const AgencySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  kind: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  areaCodes: z.array(z.string()),
  active: z.boolean(),
  childCount: z.number(),
});

const AgencyQuerySchema = z
  .object({
    q: trimmedText(1, 100).optional(),
    parent: trimmedText(1, 64).optional(),
    cursor: plainText(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** An agency with the agencies above it, root first: the branch it sits on. */
export const AgencyWithAncestorsSchema = AgencySchema.extend({
  ancestors: z.array(z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() })),
});

const AgencyParamsSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be an agency code: 1–64 letters, digits, dots, underscores or hyphens'),
});

/** A complaint category as the API shows it. */
export const CategorySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  nameTh: z.string(),
  nameEn: z.string(),
  sensitive: z.boolean(),
  aliases: z.array(z.string()),
});

export function registerAgencyRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags: ['reference'],
        summary: 'Agencies (หน่วยงาน) by code; q matches Thai or English names and codes; parent lists the children of an agency',
        querystring: AgencyQuerySchema,
        response: { 200: z.object({ items: z.array(AgencySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { q, parent, cursor, limit } = request.query;
      if (parent && !(await findAgencyByCode(ctx.db, parent))) {
        throw invalidInput([{ field: 'query.parent', message: `unknown agency ${parent}`, messageTh: `ไม่พบหน่วยงาน ${parent}` }]);
      }
      const rows = await listAgencies(ctx.db, { q, parentCode: parent, afterCode: cursor, limit: limit + 1 });
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
        response: { 200: z.object({ items: z.array(CategorySchema) }) },
      },
    },
    async () => ({
      items: (await listCategories(ctx.db)).filter((category) => category.active).map(({ active: _active, ...category }) => category),
    }),
  );
}

function presentAgency({ id: _id, parentId: _parentId, path: _path, ...agency }: Agency): z.output<typeof AgencySchema> {
  return agency;
}
