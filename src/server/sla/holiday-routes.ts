/**
 * The holiday calendar API (ปฏิทินวันหยุดราชการ): anyone signed in reads it; system
 * administrators edit the national calendar, agency administrators the local days of their
 * agency and the agencies below it. Deadlines already set are not moved by a change.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bangkokDate } from '../../shared/business-days.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { DATE_YEARS, plainText, trimmedText } from '../platform/validation.ts';
import { addHoliday, HolidayDateSchema, HolidayNameSchema, listCalendar, removeHoliday } from './calendar.ts';

export const HolidaySchema = z.object({
  id: z.uuid(),
  date: z.string().describe('YYYY-MM-DD'),
  name: z.string(),
  agencyCode: z.string().nullable().describe('The agency whose local day it is (it applies to the agencies below it too); null for the national calendar'),
});

const HolidayListQuerySchema = z
  .object({
    year: z.coerce.number().int().min(DATE_YEARS.min).max(DATE_YEARS.max).optional().describe('Gregorian year; the current year in Bangkok by default'),
    agencyCode: plainText(64)
      .transform((code) => code.trim() || undefined)
      .optional()
      .describe("An agency's calendar: national days plus the local days of the agency and those above it; the national calendar alone without"),
  })
  .strict();

export const NewHolidaySchema = z
  .object({
    date: HolidayDateSchema,
    name: HolidayNameSchema,
    agencyCode: trimmedText(1, 64).optional().describe('A local day of this agency and those below it; a national day without'),
  })
  .strict();

const HolidayParamsSchema = z.object({ id: z.uuid() });
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
        response: { 200: z.object({ year: z.number(), agencyCode: z.string().nullable(), items: z.array(HolidaySchema) }) },
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
        params: HolidayParamsSchema,
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
