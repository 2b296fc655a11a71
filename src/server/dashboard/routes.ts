/**
 * GET /api/v1/dashboard and GET /api/v1/dashboard.csv: the executive's dashboard over the
 * user's agency subtree (supervisors and CCEOs), as JSON or as a CSV of the same figures.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DashboardQuerySchema, DashboardSchema } from '../../shared/api/dashboard.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { dashboardCsv } from './dashboard-csv.ts';
import { loadDashboard } from './dashboard.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['dashboard'];

export function registerDashboardRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/dashboard',
    {
      schema: {
        tags,
        summary: 'The executive dashboard of your agency subtree (or of an agency in it) for a period: received, backlog, overdue, SLA, satisfaction',
        querystring: DashboardQuerySchema,
        security,
        response: { 200: DashboardSchema },
      },
    },
    async (request) => loadDashboard(ctx, requireUser(request), request.query),
  );

  app.get(
    '/api/v1/dashboard.csv',
    { schema: { tags, summary: 'The same figures as CSV, one a line', querystring: DashboardQuerySchema, security, produces: ['text/csv'] } },
    async (request, reply) => {
      const dashboard = await loadDashboard(ctx, requireUser(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rongthuk-dashboard-${dashboard.agency.code}-${dashboard.period.from}-${dashboard.period.to}.csv"`)
        .send(dashboardCsv(dashboard));
    },
  );
}
