/** POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../shared/case-model.ts';
import { STAFF_PAGES } from '../../shared/staff-work.ts';
import type { AppContext } from '../platform/context.ts';
import { plainText, trimmedText } from '../platform/validation.ts';
import { rateLimitPerMinute } from '../platform/rate-limit.ts';
import { pagesOf } from './policy/staff.ts';
import type { UserWithAgency } from './queries.ts';
import { requireUser, SESSION_COOKIE } from './sessions.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';

const LoginBodySchema = z.object({
  username: trimmedText(1, 100),
  password: plainText(200).min(1),
});

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  agency: z.object({ id: z.string(), code: z.string(), nameTh: z.string(), nameEn: z.string() }),
  // Added to the API in issue 12 (the fields above are unchanged): the user's pages of the
  // console and the administration, their first page (where they land) first, so the web app
  // offers them without deciding by role itself.
  pages: z.array(z.enum(STAFF_PAGES)).describe('The pages the user works in, their first page first'),
});

export function presentUser(user: UserWithAgency): z.infer<typeof UserSchema> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    agency: { id: user.agencyId, code: user.agencyCode, nameTh: user.agencyNameTh, nameEn: user.agencyNameEn },
    pages: pagesOf(user),
  };
}

export function registerAuthRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/v1/auth/login',
    {
      // Password guessing: a few tries a minute per username and address.
      config: rateLimitPerMinute(ctx.config.loginAttemptsPerMinute, (request) => {
        const body = request.body as { username?: unknown } | undefined;
        return `${request.ip}|${typeof body?.username === 'string' ? body.username.toLowerCase() : ''}`;
      }),
      schema: {
        tags: ['auth'],
        summary: 'Sign in (เข้าสู่ระบบ): a bearer token for API clients and an httpOnly session cookie',
        body: LoginBodySchema,
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: UserSchema }) },
      },
    },
    async (request, reply) => {
      const { token, expiresAt, user } = await signIn(ctx, { ...request.body, ip: request.ip });
      reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: ctx.config.cookieSecure, path: '/', expires: expiresAt });
      return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (ออกจากระบบ): ends this session', response: { 204: z.null() } } },
    async (request, reply) => {
      await signOut(ctx, requireUser(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserSchema } } },
    async (request) => presentUser(requireUser(request)),
  );
}

