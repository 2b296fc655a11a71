/** The Open311 apps API (แอปพลิเคชันภายนอก): register an app and issue its api_key, list, revoke; system administrators only. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IssuedOpen311KeySchema, NewOpen311AppSchema, Open311AppListSchema, Open311AppSchema } from '../../shared/api/open311.ts';
import { trimmedText } from '../../shared/api/fields.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { addOpen311App, listOpen311Apps, presentOpen311App, revokeOpen311App } from './apps.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['admin'];

export function registerOpen311AppRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const editor = (request: Parameters<typeof requireUser>[0]) => ({ kind: 'user' as const, user: requireUser(request) });

  app.get(
    '/api/v1/open311/apps',
    { schema: { tags, summary: 'Apps that file through Open311, by name; system administrators only', security, response: { 200: Open311AppListSchema } } },
    async (request) => ({ items: (await listOpen311Apps(ctx, editor(request))).map(presentOpen311App) }),
  );

  app.post(
    '/api/v1/open311/apps',
    {
      schema: {
        tags,
        summary: 'Register an app and issue its api_key (shown once); system administrators only',
        body: NewOpen311AppSchema,
        security,
        response: { 201: IssuedOpen311KeySchema },
      },
    },
    async (request, reply) => {
      const issued = await addOpen311App(ctx, editor(request), request.body.name);
      return reply.code(201).send({ app: presentOpen311App(issued.app), apiKey: issued.apiKey });
    },
  );

  app.post(
    '/api/v1/open311/apps/:name/revoke',
    {
      schema: {
        tags,
        summary: "Revoke an app's api_key: it can no longer file; its cases keep its name",
        params: z.object({ name: trimmedText(1, 100) }),
        security,
        response: { 200: Open311AppSchema },
      },
    },
    async (request) => presentOpen311App(await revokeOpen311App(ctx, editor(request), request.params.name)),
  );
}
