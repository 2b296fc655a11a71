/**
 * Sessions: an opaque random token, given to the browser as an httpOnly cookie and to API
 * clients as a bearer token; the database keeps only its SHA-256. A request that changes
 * something on the strength of the cookie must come from a page of this site (CSRF).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
// request.cookies comes from @fastify/cookie's type augmentation.
import type {} from '@fastify/cookie';
import type { AppContext } from '../platform/context.ts';
import { sha256Hex } from '../platform/crypto.ts';
import type { Queryable } from '../platform/database.ts';
import { AppError, unauthenticated } from '../platform/errors.ts';
import { findUserBySessionHash, insertSession, touchSession, type UserWithAgency } from './queries.ts';

export const SESSION_COOKIE = 'rongthuk_session';
/** last_seen_at is refreshed at most this often, so reads do not each write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;
/** The citizens' API: the access key, never a session. */
export const PUBLIC_API_PREFIX = '/api/v1/public/';
/** Methods that change nothing, which a cross-site page may send with the cookie (SameSite=Lax lets it). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sign-in makes a session rather than using one: a cookie sent along is not what it acts on. */
const LOGIN_PATH = '/api/v1/auth/login';

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

function tokenFrom(request: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice(7).trim();
    return token ? { token, via: 'bearer' } : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/** Whether `url` (a path, with or without a query) is an API path a staff session signs in to. */
export function isSessionPath(url: string): boolean {
  return url.startsWith('/api/v1/') && !url.startsWith(PUBLIC_API_PREFIX);
}

/**
 * Whether a request comes from a page of this very site, by what browsers send: Sec-Fetch-Site
 * (`none` is the user's own navigation), or where a browser does not send it, an Origin with
 * the host the request was sent to (`publicUrl` names that host behind a proxy that rewrites
 * it). `go.th` sibling hosts are same-site for SameSite cookies but not the same origin here.
 */
export function isSameOriginRequest(request: FastifyRequest, publicUrl?: string): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined) return fetchSite === 'same-origin' || fetchSite === 'none';
  // `Origin: null` (a sandboxed frame, a redirect across sites), none, and anything malformed.
  const origin = parseUrl(request.headers.origin);
  if (!origin) return false;
  // With a public address configured, the whole origin must be it (an http page may not act
  // for an https site); without one, the host the request was sent to.
  if (publicUrl) return parseUrl(publicUrl)?.origin.toLowerCase() === origin.origin.toLowerCase();
  return request.host.toLowerCase() === origin.host.toLowerCase();
}

/** A request a page of another site made the browser send (an image, a form, a fetch). */
export function isOtherSiteRequest(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  return fetchSite === 'same-site' || fetchSite === 'cross-site';
}

function parseUrl(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** 403 for a request sent with the session cookie from another site's page. */
export function crossSiteRequest(): AppError {
  return new AppError(
    403,
    'cross_site_request',
    'Refused: a request signed in by the session cookie must come from a page of this site (Sec-Fetch-Site or Origin)',
    'ปฏิเสธคำขอ: คำขอที่ใช้การเข้าสู่ระบบของเบราว์เซอร์ต้องส่งจากหน้าเว็บของระบบนี้เท่านั้น',
  );
}

/**
 * Resolves the signed-in user (if any) before every /api/v1 handler, and refuses a change
 * authenticated by the cookie that another site's page sent (CSRF): the cookie is SameSite=Lax,
 * which lets a `go.th` sibling host send it. A bearer token is never sent by a browser on its own.
 */
export function registerSessionHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('authUser', null);
  app.addHook('onRequest', async (request) => {
    if (!isSessionPath(request.url) || request.routeOptions.url === LOGIN_PATH) return;
    const found = tokenFrom(request);
    if (!found || found.token.length > 200) return;
    const user = await findSessionUser(ctx, found.token);
    if (user && found.via === 'cookie') {
      // A change must show it comes from this site; a read only that it does not come from
      // another one (an <img> on a sibling host would otherwise open files or run audited
      // look-ups in the officer's name).
      const allowed = SAFE_METHODS.has(request.method) ? !isOtherSiteRequest(request) : isSameOriginRequest(request, ctx.config.publicUrl);
      if (!allowed) throw crossSiteRequest();
    }
    request.authUser = user;
  });
}

/** The signed-in user, or 401. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.authUser) throw unauthenticated();
  return request.authUser;
}
