/**
 * The complaint report API (/api/v1/reports): an officer makes an agency's report for a period,
 * edits its texts, submits it; the head approves it or sends it back; it is published; a
 * correction is a new version. Reports of agencies outside the user's subtree are not found.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/api/fields.ts';
import { FigureFileParamsSchema, NewReportSchema, ReportListQuerySchema, ReportListSchema, ReportSchema, ReportTextsPatchSchema, ReviseReportSchema, SendBackSchema } from '../../shared/api/reports.ts';
import { canPrepareReport } from '../agencies/policy/report.ts';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { createReport, reviseReport } from './create-report.ts';
import { FIGURE_FILE_TYPES, sendFigureFile } from './figure-files.ts';
import { renderPdf } from './memo-pdf.ts';
import { presentReport, reportMemoHtml } from './presenter.ts';
import { findReportInScope, listReportsInScope } from './queries.ts';
import { reportForbidden, reportNotFound, scopeOf } from './report-access.ts';
import { approveReport, editReport, publishReport, sendBackReport, submitReport } from './report-steps.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['reports'];

export function registerReportRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/reports',
    { schema: { tags, summary: 'Make the draft report of an agency (yours by default) for a period: the figures counted, the texts proposed', body: NewReportSchema, security, response: { 201: ReportSchema } } },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.code(201).send(presentReport(await createReport(ctx, { user, input: request.body }), user));
    },
  );

  app.get(
    '/api/v1/reports',
    { schema: { tags, summary: 'The reports of the agencies in your subtree, or of one of them', querystring: ReportListQuerySchema, security, response: { 200: ReportListSchema } } },
    async (request) => {
      const user = requireUser(request);
      if (!canPrepareReport(user, user.agencyPath)) throw reportForbidden();
      const { agencyCode } = request.query;
      const agency = agencyCode === undefined ? undefined : await findAgencyRefByCode(ctx.db, agencyCode);
      if (agencyCode !== undefined && (!agency || !agency.path.startsWith(user.agencyPath))) throw notFound(`Agency ${agencyCode}`, `หน่วยงาน ${agencyCode}`);
      const rows = await listReportsInScope(ctx.db, scopeOf(user), agency?.id);
      return { items: rows.map((row) => presentReport(row, user)) };
    },
  );

  app.get(
    '/api/v1/reports/:id',
    { schema: { tags, summary: 'A report with its figures, texts and the actions you may take', params: IdParamsSchema, security, response: { 200: ReportSchema } } },
    async (request) => {
      const user = requireUser(request);
      const row = await findReportInScope(ctx.db, request.params.id, scopeOf(user));
      if (!row) throw reportNotFound();
      if (!canPrepareReport(user, row.agencyPath)) throw reportForbidden();
      return presentReport(row, user);
    },
  );

  app.get(
    '/api/v1/reports/:id/figures.:format',
    {
      schema: {
        tags,
        summary: "A report's figures as CSV or XLSX (exact counts: for the agency's own use)",
        params: FigureFileParamsSchema,
        security,
        produces: FIGURE_FILE_TYPES,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const row = await findReportInScope(ctx.db, request.params.id, scopeOf(user));
      if (!row) throw reportNotFound();
      if (!canPrepareReport(user, row.agencyPath)) throw reportForbidden();
      return sendFigureFile(reply, row, row.figures, request.params.format);
    },
  );

  app.get(
    '/api/v1/reports/:id/memo.pdf',
    { schema: { tags, summary: 'The report as an official memo (บันทึกข้อความ), PDF: Sarabun, Buddhist-era dates, Thai digits (503 without Chromium on the server)', params: IdParamsSchema, security, produces: ['application/pdf'] } },
    async (request, reply) => {
      const user = requireUser(request);
      const row = await findReportInScope(ctx.db, request.params.id, scopeOf(user));
      if (!row) throw reportNotFound();
      if (!canPrepareReport(user, row.agencyPath)) throw reportForbidden();
      const pdf = await renderPdf(reportMemoHtml(row, ctx.now()));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="report-${row.agencyCode}-${row.periodFrom}-v${row.version}.pdf"`)
        .send(pdf);
    },
  );

  app.patch(
    '/api/v1/reports/:id',
    { schema: { tags, summary: 'Change the texts of a draft or a report sent back (the figures are counted again)', params: IdParamsSchema, body: ReportTextsPatchSchema, security, response: { 200: ReportSchema } } },
    async (request) => {
      const user = requireUser(request);
      return presentReport(await editReport(ctx, { user, id: request.params.id, texts: request.body }), user);
    },
  );

  const step = (path: string, summary: string, run: (user: ReturnType<typeof requireUser>, id: string) => ReturnType<typeof submitReport>) =>
    app.post(`/api/v1/reports/:id/${path}`, { schema: { tags, summary, params: IdParamsSchema, security, response: { 200: ReportSchema } } }, async (request) => {
      const user = requireUser(request);
      return presentReport(await run(user, request.params.id), user);
    });
  step('submit', 'Submit the report to the head of the agency (its figures counted once more)', (user, id) => submitReport(ctx, { user, id }));
  step('approve', 'Approve a submitted report (the CCEO or a supervisor of the agency or above; not its submitter): it is frozen', (user, id) => approveReport(ctx, { user, id }));
  step('publish', 'Publish an approved report on the public page of the agency', (user, id) => publishReport(ctx, { user, id }));

  app.post(
    '/api/v1/reports/:id/send-back',
    { schema: { tags, summary: 'Send a submitted report back to be changed, with a comment', params: IdParamsSchema, body: SendBackSchema, security, response: { 200: ReportSchema } } },
    async (request) => {
      const user = requireUser(request);
      return presentReport(await sendBackReport(ctx, { user, id: request.params.id, comment: request.body.comment }), user);
    },
  );

  app.post(
    '/api/v1/reports/:id/revise',
    { schema: { tags, summary: 'Make a new version of the latest approved or published report, saying what changed', params: IdParamsSchema, body: ReviseReportSchema, security, response: { 201: ReportSchema } } },
    async (request, reply) => {
      const user = requireUser(request);
      return reply.code(201).send(presentReport(await reviseReport(ctx, { user, id: request.params.id, changeNote: request.body.changeNote }), user));
    },
  );
}
