/**
 * The exchange by files over HTTP, for system administrators: a file partner's waiting
 * messages as CSV or JSON, and its status updates imported from CSV (all rows or none).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExchangeExportQuerySchema, ExchangeImportAnswerSchema, EXCHANGE_IMPORT_COLUMNS, PartnerCodeParamsSchema } from '../../shared/api/exchange.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { CSV_BODY_LIMIT_BYTES } from '../platform/csv-body.ts';
import { exportPartnerMessages, EXPORT_BATCH } from './file-export.ts';
import { importPartnerUpdates, MAX_IMPORT_ROWS } from './file-import.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['exchange'];

export function registerFileExchangeRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const editor = (request: Parameters<typeof requireUser>[0]) => ({ kind: 'user' as const, user: requireUser(request) });

  app.get(
    '/api/v1/partners/:code/export',
    {
      schema: {
        tags,
        summary: `A file partner's waiting messages, oldest first, as CSV (UTF-8 with BOM, for a spreadsheet) or JSON (the messages signed); they are marked exported (system administrators; audited; at most ${EXPORT_BATCH} a file, X-Rongthuk-More says when more wait)`,
        params: PartnerCodeParamsSchema,
        querystring: ExchangeExportQuerySchema,
        security,
        produces: ['text/csv', 'application/json'],
      },
    },
    async (request, reply) => {
      const file = await exportPartnerMessages(ctx, editor(request), request.params.code, request.query.format);
      return reply
        .header('x-rongthuk-rows', String(file.messages))
        .header('x-rongthuk-more', String(file.more))
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.content);
    },
  );

  app.post(
    '/api/v1/partners/:code/import',
    {
      bodyLimit: CSV_BODY_LIMIT_BYTES,
      config: { acceptsCsv: true },
      schema: {
        tags,
        summary: `A file partner's status updates as CSV (columns ${EXCHANGE_IMPORT_COLUMNS.join(', ')}; at most ${MAX_IMPORT_ROWS} rows): every row is checked first (400 naming rows.<n>.<column>, nothing applied), then all are applied (system administrators; audited)`,
        params: PartnerCodeParamsSchema,
        consumes: ['text/csv'],
        body: z.string().describe('The CSV file, UTF-8'),
        security,
        response: { 200: ExchangeImportAnswerSchema },
      },
    },
    async (request) => importPartnerUpdates(ctx, editor(request), request.params.code, request.body),
  );
}
