/** The e-mails of an agency's mailbox kept for a person: its administrators list them, read one, mark it dealt with (held-messages.ts). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AgencyParamsSchema } from '../../../shared/api/agencies.ts';
import { HeldEmailDealtWithSchema, HeldEmailListQuerySchema, HeldEmailListSchema, HeldEmailParamsSchema } from '../../../shared/api/email-intake.ts';
import { requireUser } from '../../agencies/sessions.ts';
import { contentDisposition } from '../../attachments/routes.ts';
import type { AppContext } from '../../platform/context.ts';
import { listHeldEmails, markHeldEmailDealtWith, readHeldEmail } from './held-messages.ts';

const tags = ['admin'];
const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];

export function registerHeldEmailRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/agencies/:code/email/held',
    {
      schema: {
        tags,
        summary: "E-mails of the agency's mailbox that could not be taken in, kept for a person (oldest first, in keyset pages)",
        params: AgencyParamsSchema,
        querystring: HeldEmailListQuerySchema,
        security,
        response: { 200: HeldEmailListSchema },
      },
    },
    async (request) => listHeldEmails(ctx, { kind: 'user', user: requireUser(request) }, request.params.code, request.query),
  );

  app.get(
    '/api/v1/agencies/:code/email/held/:id',
    {
      schema: {
        tags,
        summary: 'One kept e-mail as received (message/rfc822), for a person to read; audited',
        params: HeldEmailParamsSchema,
        security,
        produces: ['message/rfc822'],
      },
    },
    async (request, reply) => {
      const { fileName, bytes } = await readHeldEmail(ctx, { kind: 'user', user: requireUser(request) }, request.params.code, request.params.id);
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', contentDisposition('attachment', fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );

  app.post(
    '/api/v1/agencies/:code/email/held/:id/dealt-with',
    {
      schema: {
        tags,
        summary: 'Mark a kept e-mail dealt with (recorded by a person, or needing nothing): it leaves the list',
        params: HeldEmailParamsSchema,
        security,
        response: { 200: HeldEmailDealtWithSchema },
      },
    },
    async (request) => markHeldEmailDealtWith(ctx, { kind: 'user', user: requireUser(request) }, request.params.code, request.params.id),
  );
}
