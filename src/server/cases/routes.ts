/** The staff case API: list, read, record intake, act, reveal identity (audited), export. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_ACTION_LABELS_TH, CASE_ACTIONS, takesFiles, type ActionWithFiles, type CaseAction } from '../../shared/case-model.ts';
import { bangkokDate } from '../../shared/business-days.ts';
import { requireUser } from '../agencies/sessions.ts';
import { multipartDescription, uploadsOf } from '../attachments/uploads.ts';
import type { AppContext } from '../platform/context.ts';
import { noCaseWork, notFound } from '../platform/errors.ts';
import { can } from '../agencies/policy/case.ts';
import { actOnCase } from './commands/act-on-case.ts';
import { createCase } from './commands/create-case.ts';
import { exportCases, listCasesForUser } from './commands/list-cases.ts';
import { reissueAccessKey } from './commands/reissue-access-key.ts';
import { revealIdentity } from './commands/reveal-identity.ts';
import { presentCaseDetail } from './presenter.ts';
import { findCaseInScope } from './queries.ts';
import { caseFactsFor } from '../agencies/scope.ts';
import { ACTION_BODY_SCHEMAS, ActionResultSchema, type ActionBodies } from '../../shared/api/case-actions.ts';
import {
  AccessKeyReissueSchema,
  CaseDetailSchema,
  CaseFilterSchema,
  CaseListQuerySchema,
  CaseListSchema,
  CaseParamsSchema,
  IdentitySchema,
  NewAccessKeySchema,
  StaffIntakeSchema,
} from '../../shared/api/cases.ts';
import { ReceiptSchema } from '../../shared/api/complaints.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['cases'];

export function registerCaseRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: 'Cases held by your agency and the agencies below it, newest first (keyset pages)',
        querystring: CaseListQuerySchema,
        security,
        response: { 200: CaseListSchema },
      },
    },
    async (request) => listCasesForUser(ctx, requireUser(request), request.query),
  );

  app.get(
    '/api/v1/cases/export',
    {
      schema: {
        tags,
        summary: 'Export the filtered list as CSV (redacted; supervisors and CCEOs; audited; at most 10,000 rows, X-Rongthuk-Truncated says when cut)',
        querystring: CaseFilterSchema,
        security,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { csv, rows, truncated } = await exportCases(ctx, requireUser(request), request.query);
      return reply
        .header('x-rongthuk-rows', String(rows))
        // Past the export limit the file is cut: the header says so, for the client to narrow the filter.
        .header('x-rongthuk-truncated', String(truncated))
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rongthuk-cases.csv"')
        .send(csv);
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: { tags, summary: 'A case with its full timeline and your permissions on it', params: CaseParamsSchema, security, response: { 200: CaseDetailSchema } },
    },
    async (request) => {
      const user = requireUser(request);
      const now = ctx.now();
      // Outside the user's scope a case does not exist for them.
      const record = await findCaseInScope(ctx.db, user, request.params.id, { asOf: bangkokDate(now) });
      if (!record) throw notFound('Case', 'เรื่อง');
      if (!can(user, 'view', caseFactsFor(user, record))) throw noCaseWork();
      return presentCaseDetail(ctx.db, user, record, now);
    },
  );

  // POST, not GET: a reveal is an act that is audited, never a link a browser may prefetch.
  app.post(
    '/api/v1/cases/:id/identity',
    {
      schema: {
        tags,
        summary: "Reveal the complainant's identity and the unredacted text (เปิดดูข้อมูลผู้ร้อง; every reveal is audited)",
        params: CaseParamsSchema,
        security,
        response: { 200: IdentitySchema },
      },
    },
    async (request) => revealIdentity(ctx, { user: requireUser(request), caseId: request.params.id }),
  );

  app.post(
    '/api/v1/cases/:id/access-key',
    {
      schema: {
        tags,
        summary:
          "Issue a new access key at the counter (ออกรหัสติดตามใหม่) after checking the citizen's identity; for those who may see the complainant's identity of the case; audited",
        description: 'The new key is returned once, to print or hand over. The old key, and any mailed key not used yet, stop working at once.',
        params: CaseParamsSchema,
        body: AccessKeyReissueSchema,
        security,
        response: { 201: NewAccessKeySchema },
      },
    },
    async (request, reply) => {
      const issued = await reissueAccessKey(ctx, { user: requireUser(request), caseId: request.params.id, identityCheck: request.body.identityCheck });
      return reply.code(201).send(issued);
    },
  );

  app.post(
    '/api/v1/cases',
    {
      config: { acceptsFiles: true },
      schema: {
        tags,
        summary: 'Record a complaint taken by phone, at a counter, by post or from a suggestion box; JSON or multipart with files (a scanned letter, photos)',
        description: multipartDescription(ctx.config),
        body: StaffIntakeSchema,
        security,
        response: { 201: ReceiptSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { receivedAt, ...input } = request.body;
      const created = await createCase(ctx, {
        input: { ...input, receivedAt: receivedAt ? new Date(receivedAt) : undefined },
        recordedBy: user,
        files: uploadsOf(request),
      });
      return reply.code(201).send({ ...created, receivedAt: created.receivedAt.toISOString() });
    },
  );

  for (const action of CASE_ACTIONS) registerActionRoute(fastify, ctx, action);
}

/** Who sees the files of each action that takes them. */
const FILES_SEEN_BY: Record<ActionWithFiles, string> = {
  note: 'Files of an internal note (บันทึกภายใน) stay with staff: never on the tracking page, in e-mail or in exports.',
  reply: 'Files of a reply are shown to the citizen on the tracking page, with the reply.',
  'request-info': 'Files of a request for information are shown to the citizen on the tracking page, with the request.',
};

function registerActionRoute<A extends CaseAction>(fastify: FastifyInstance, ctx: AppContext, action: A): void {
  // A note, a reply or a request for information may bring files: the same multipart contract as every upload.
  const withFiles = takesFiles(action);
  fastify.withTypeProvider<ZodTypeProvider>().post(
    `/api/v1/cases/:id/actions/${action}`,
    {
      ...(withFiles ? { config: { acceptsFiles: true } } : {}),
      schema: {
        tags: ['case actions'],
        summary: `${action} (${CASE_ACTION_LABELS_TH[action]})${withFiles ? ', JSON or multipart with files' : ''}`,
        ...(withFiles ? { description: `${multipartDescription(ctx.config)} ${FILES_SEEN_BY[action as ActionWithFiles]}` } : {}),
        params: CaseParamsSchema,
        // A POST without a body (accept, close) counts as an empty object.
        body: z.preprocess((value) => value ?? {}, ACTION_BODY_SCHEMAS[action]),
        security,
        response: { 200: ActionResultSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      // The body was parsed by ACTION_BODY_SCHEMAS[action]; the type provider cannot name its output for a generic action.
      const body = request.body as ActionBodies[A];
      const result = await actOnCase(ctx, { user, caseId: request.params.id, action, body, files: uploadsOf(request) });
      return { id: request.params.id, status: result.status };
    },
  );
}
