/**
 * Per-route request limits. The app registers @fastify/rate-limit with nothing limited
 * (platform/http.ts); a route that needs a limit (sign-in, public writes) says so in its
 * config with `rateLimitPerMinute`.
 */
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/** Route config limiting a route to `perMinute` requests per key; none when perMinute is 0. */
export function rateLimitPerMinute(perMinute: number, keyGenerator?: (request: FastifyRequest) => string): { rateLimit: RateLimitOptions | false } {
  // With a key from the body, count after the body is parsed.
  return { rateLimit: perMinute > 0 ? { max: perMinute, timeWindow: 60_000, ...(keyGenerator ? { keyGenerator, hook: 'preHandler' as const } : {}) } : false };
}
