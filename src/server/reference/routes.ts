/**
 * Administrative areas (เขตการปกครอง: จังหวัด อำเภอ/เขต ตำบล/แขวง) for the address pickers of
 * the citizen portal, and a district's outline for its map pin: public, static, and cached by
 * browsers and proxies for a day.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AreaListSchema, DistrictBoundarySchema, DistrictParamsSchema, ProvinceOutlineListSchema, ProvinceParamsSchema, SubdistrictListSchema } from '../../shared/api/reference.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { districtOutlines, findDistrictBoundary, provinceOutlines } from './boundaries.ts';
import { findAdminArea, listAdminAreas, type AdminAreaRef } from './queries.ts';

/** The areas change with a royal decree, not between two visits: a day's caching is safe. */
const CACHE_CONTROL = 'public, max-age=86400';
const tags = ['reference'];

/** By Thai name, as people look for them (Thai collation, the same on every database). */
const byThaiName = (a: AdminAreaRef, b: AdminAreaRef) => a.nameTh.localeCompare(b.nameTh, 'th') || a.code.localeCompare(b.code);
const present = ({ code, nameTh, nameEn }: AdminAreaRef) => ({ code, nameTh, nameEn });

function cached(reply: FastifyReply): void {
  void reply.header('cache-control', CACHE_CONTROL);
}

export function registerReferenceRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/reference/provinces',
    {
      schema: {
        tags,
        summary: 'The 77 provinces (จังหวัด), by Thai name',
        response: { 200: AreaListSchema },
      },
    },
    async (_request, reply) => {
      const items = (await listAdminAreas(ctx.db, null)).sort(byThaiName).map(present);
      cached(reply);
      return { items };
    },
  );

  app.get(
    '/api/v1/reference/provinces/:code/districts',
    {
      schema: {
        tags,
        summary: 'The districts (อำเภอ / เขต) of a province, by Thai name; 404 for an unknown province',
        params: ProvinceParamsSchema,
        response: { 200: AreaListSchema },
      },
    },
    async (request, reply) => {
      const items = await childrenOf(ctx, request.params.code, 'province');
      cached(reply);
      return { items: items.map(present) };
    },
  );

  app.get(
    '/api/v1/reference/districts/:code/subdistricts',
    {
      schema: {
        tags,
        summary: 'The subdistricts (ตำบล / แขวง) of a district with postcode and centroid, by Thai name; 404 for an unknown district',
        params: DistrictParamsSchema,
        response: { 200: SubdistrictListSchema },
      },
    },
    async (request, reply) => {
      const items = await childrenOf(ctx, request.params.code, 'district');
      cached(reply);
      return { items: items.map(({ code, nameTh, nameEn, postcode, lat, lon }) => ({ code, nameTh, nameEn, postcode, lat, lon })) };
    },
  );

  app.get(
    '/api/v1/reference/districts/:code/boundary',
    {
      schema: {
        tags,
        summary: 'The simplified outline of a district, for placing a pin on a map without map tiles; 404 for an unknown district',
        params: DistrictParamsSchema,
        response: { 200: DistrictBoundarySchema },
      },
    },
    async (request, reply) => {
      const boundary = findDistrictBoundary(request.params.code);
      if (!boundary) throw notFound('District', 'อำเภอ');
      cached(reply);
      return { code: boundary.code, bbox: boundary.bbox, polygons: boundary.polygons };
    },
  );

  app.get(
    '/api/v1/reference/province-outlines',
    {
      schema: {
        tags,
        summary: 'Every province as its districts\' simplified outlines (about 1 km), for a map of Thailand without tiles (the dashboard\'s)',
        response: { 200: ProvinceOutlineListSchema },
      },
    },
    async (_request, reply) => {
      cached(reply);
      return { items: provinceOutlines() };
    },
  );

  app.get(
    '/api/v1/reference/provinces/:code/district-outlines',
    {
      schema: {
        tags,
        summary: "A province's districts as their outlines, for the province's map (the dashboard's Bangkok by district)",
        params: ProvinceParamsSchema,
        response: { 200: ProvinceOutlineListSchema },
      },
    },
    async (request, reply) => {
      const items = districtOutlines(request.params.code);
      if (items.length === 0) throw notFound('Province', 'จังหวัด');
      cached(reply);
      return { items };
    },
  );
}

async function childrenOf(ctx: AppContext, code: string, level: 'province' | 'district'): Promise<AdminAreaRef[]> {
  const area = await findAdminArea(ctx.db, code);
  if (area?.level !== level) throw (level === 'province' ? notFound('Province', 'จังหวัด') : notFound('District', 'อำเภอ'));
  return (await listAdminAreas(ctx.db, code)).sort(byThaiName);
}
