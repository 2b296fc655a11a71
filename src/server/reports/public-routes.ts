/**
 * The published reports of an agency, for anyone (no sign-in): its public page and open data.
 * Counts only, small ones in breakdowns hidden ("<5"); no personal data, no names.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AgencyCodeParamsSchema, PublicFigureFileParamsSchema, PublicReportListSchema } from '../../shared/api/reports.ts';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { FIGURE_FILE_TYPES, sendFigureFile } from './figure-files.ts';
import { publicFigures } from './figures.ts';
import { presentPublicReport } from './presenter.ts';
import { listPublishedReports } from './queries.ts';

export function registerPublicReportRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/public/agencies/:code/reports',
    {
      schema: {
        tags: ['public'],
        summary: "An agency's published complaint reports with their figures (open data; counts below 5 in a breakdown read \"<5\")",
        params: AgencyCodeParamsSchema,
        response: { 200: PublicReportListSchema },
      },
    },
    async (request) => {
      const agency = await findAgencyRefByCode(ctx.db, request.params.code);
      if (!agency || !agency.active) throw notFound(`Agency ${request.params.code}`, `หน่วยงาน ${request.params.code}`);
      const rows = await listPublishedReports(ctx.db, agency.id);
      return { agency: { code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn }, items: rows.map(presentPublicReport) };
    },
  );

  app.get(
    '/api/v1/public/agencies/:code/reports/:id/figures.:format',
    {
      schema: {
        tags: ['public'],
        summary: "A published report's figures as CSV or XLSX (open data: counts below 5 in a breakdown read \"<5\")",
        params: PublicFigureFileParamsSchema,
        produces: FIGURE_FILE_TYPES,
      },
    },
    async (request, reply) => {
      const { code, id, format } = request.params;
      const agency = await findAgencyRefByCode(ctx.db, code);
      const row = agency?.active ? (await listPublishedReports(ctx.db, agency.id)).find((report) => report.id === id) : undefined;
      if (!row) throw notFound('Published report', 'รายงานที่เผยแพร่');
      return sendFigureFile(reply, row, publicFigures(row.figures), format);
    },
  );
}
