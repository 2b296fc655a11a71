/**
 * The holiday calendar API (ปฏิทินวันหยุดราชการ): anyone signed in reads it; system
 * administrators edit the national calendar, agency administrators the local days of their
 * agency and the agencies below it. Deadlines already set are not moved by a change.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../shared/api/fields.ts';
import { HolidayListQuerySchema, HolidayListSchema, HolidaySchema, NewHolidaySchema } from '../../shared/api/sla.ts';
import { bangkokDate } from '../../shared/business-days.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { addHoliday, listCalendar, removeHoliday } from './calendar.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['admin'];

export function registerHolidayRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/holidays',
    {
      schema: {
        tags,
        summary: 'Days off besides weekends in a year (วันหยุดราชการ), nationally or for an agency',
        querystring: HolidayListQuerySchema,
        security,
        response: { 200: HolidayListSchema },
      },
    },
    async (request) => {
      requireUser(request);
      const year = request.query.year ?? Number(bangkokDate(ctx.now()).slice(0, 4));
      const agencyCode = request.query.agencyCode ?? null;
      return { year, agencyCode, items: await listCalendar(ctx.db, year, agencyCode ?? undefined) };
    },
  );

  app.post(
    '/api/v1/holidays',
    {
      schema: {
        tags,
        summary: 'Add a day off: national (system administrators) or local to an agency and those below it (its administrators or those above)',
        body: NewHolidaySchema,
        security,
        response: { 201: HolidaySchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const holiday = await addHoliday(ctx, { editor: { kind: 'user', user }, ...request.body });
      return reply.code(201).send(holiday);
    },
  );

  app.delete(
    '/api/v1/holidays/:id',
    {
      schema: {
        tags,
        summary: 'Remove a day off (the same rights as adding it); deadlines already set stay as they are',
        params: IdParamsSchema,
        security,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await removeHoliday(ctx, { editor: { kind: 'user', user }, id: request.params.id });
      return reply.code(204).send(null);
    },
  );
}
