/** POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBodySchema, LoginResponseSchema, UserSchema, type SessionUser } from '../../shared/api/auth.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { rateLimitPerMinute } from '../platform/http.ts';
import { verifyPassword, spendPasswordCheck } from './passwords.ts';
import { findLoginCredentials, findUserById, deleteSessionByHash, type UserWithAgency } from './queries.ts';
import { createSession, requireUser, SESSION_COOKIE } from './sessions.ts';

/** Who a failed sign-in was, in the audit log, when the username is no account's. */
const UNKNOWN_USERNAME_LABEL = 'unknown-username';
/** The purpose of the keyed hash of an unknown username (crypto.ts keyedHash). */
const LOGIN_USERNAME_HASH_PURPOSE = 'login-username';

export function presentUser(user: UserWithAgency): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    agency: { id: user.agencyId, code: user.agencyCode, nameTh: user.agencyNameTh, nameEn: user.agencyNameEn },
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
      const { username, password } = request.body;
      const row = await findLoginCredentials(ctx.db, username.toLowerCase());
      const valid = row ? await verifyPassword(row.passwordHash, password) : (await spendPasswordCheck(password), false);
      if (!row || !valid) {
        // Failed attempts are audited too, so guessing shows in the log — but never the text typed
        // as a username that is no account's: it is often a password typed into the wrong field.
        // A keyed hash of it still lets an auditor see the same name tried again and again.
        await ctx.db.transaction((tx) =>
          recordAudit(tx, {
            actor: { userId: row?.id ?? null, label: row ? row.username : UNKNOWN_USERNAME_LABEL },
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: row?.id ?? null,
            details: {
              ip: request.ip,
              knownUser: Boolean(row),
              ...(row ? {} : { usernameHash: ctx.protector.keyedHash(LOGIN_USERNAME_HASH_PURPOSE, username.toLowerCase()) }),
            },
            at: ctx.now(),
          }),
        );
        throw new AppError(401, 'invalid_credentials', 'Wrong username or password', 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
      }
      const now = ctx.now();
      const session = await ctx.db.transaction(async (tx) => {
        const created = await createSession(tx, row.id, now, ctx.config.sessionHours);
        await recordAudit(tx, {
          actor: { userId: row.id, label: row.username },
          action: 'auth.login',
          entityType: 'user',
          entityId: row.id,
          details: { ip: request.ip },
          at: now,
        });
        return created;
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        path: '/',
        expires: session.expiresAt,
      });
      const user = await findUserById(ctx.db, row.id);
      if (!user) throw new Error(`user ${row.id} vanished during sign-in`);
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: presentUser(user) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (ออกจากระบบ): ends this session', response: { 204: z.null() } } },
    async (request, reply) => {
      const user = requireUser(request);
      await ctx.db.transaction(async (tx) => {
        await deleteSessionByHash(tx, user.sessionTokenHash);
        await recordAudit(tx, { actor: { userId: user.id, label: user.username }, action: 'auth.logout', entityType: 'user', entityId: user.id, at: ctx.now() });
      });
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

