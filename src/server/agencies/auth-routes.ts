/** POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBodySchema, LoginResponseSchema, UserSchema, type SessionUser } from '../../shared/api/auth.ts';
import type { AppContext } from '../platform/context.ts';
import { rateLimitPerMinute } from '../platform/rate-limit.ts';
import { administersEveryAgency } from './policy/agency.ts';
import { pagesOf } from './policy/staff.ts';
import { grantableRoles } from './policy/user.ts';
import type { UserWithAgency } from './queries.ts';
import { requireUser, SESSION_COOKIE } from './sessions.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';

export function presentUser(user: UserWithAgency): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    agency: { id: user.agencyId, code: user.agencyCode, nameTh: user.agencyNameTh, nameEn: user.agencyNameEn },
    pages: pagesOf(user),
    grantableRoles: grantableRoles(user),
    administersEveryAgency: administersEveryAgency(user),
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
        response: { 200: LoginResponseSchema },
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

