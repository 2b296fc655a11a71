/**
 * Sessions: an opaque random token, given to the browser as an httpOnly cookie and to API
 * clients as a bearer token; the database keeps only its SHA-256.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
// request.cookies comes from @fastify/cookie's type augmentation.
import type {} from '@fastify/cookie';
import type { AppContext } from '../platform/context.ts';
import { sha256Hex } from '../platform/crypto.ts';
import type { Queryable } from '../platform/database.ts';
import { unauthenticated } from '../platform/errors.ts';
import { findUserBySessionHash, insertSession, touchSession, type UserWithAgency } from './queries.ts';

export const SESSION_COOKIE = 'rongthuk_session';
/** last_seen_at is refreshed at most this often, so reads do not each write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface AuthUser extends UserWithAgency {
  sessionTokenHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    authUser: AuthUser | null;
  }
}

export async function createSession(tx: Queryable, userId: string, now: Date, hours: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + hours * 3600 * 1000);
  await insertSession(tx, sha256Hex(token), userId, now, expiresAt);
  return { token, expiresAt };
}

async function findSessionUser(ctx: AppContext, token: string): Promise<AuthUser | null> {
  const tokenHash = sha256Hex(token);
  const now = ctx.now();
  const found = await findUserBySessionHash(ctx.db, tokenHash, now);
  if (!found) return null;
  if (now.getTime() - found.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(ctx.db, tokenHash, now);
  const { lastSeenAt: _lastSeenAt, ...user } = found;
  return { ...user, sessionTokenHash: tokenHash };
}

function tokenFrom(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

/** Resolves the signed-in user (if any) before every /api/v1 handler. */
export function registerSessionHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('authUser', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/') || request.url.startsWith('/api/v1/public/')) return;
    const token = tokenFrom(request);
    if (token && token.length <= 200) request.authUser = await findSessionUser(ctx, token);
  });
}

/** The signed-in user, or 401. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.authUser) throw unauthenticated();
  return request.authUser;
}
