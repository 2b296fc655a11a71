/**
 * Webhooks signed over the exact bytes sent (LINE's x-line-signature, Facebook's
 * X-Hub-Signature-256) need those bytes, not JSON parsed and written again: their routes are
 * registered in a scope of their own whose body is the raw Buffer, parsed by the route after
 * the signature is checked.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, invalidInput } from '../platform/errors.ts';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGES } from '../platform/validation.ts';

/** Registers `routes` with every body taken as raw bytes. */
export async function withRawBodies(app: FastifyInstance, routes: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    routes(scope.withTypeProvider<ZodTypeProvider>());
  });
}

/** 401 in our error shape: the body is not signed by the account's secret. */
export function badSignature(header: string): AppError {
  return new AppError(401, 'bad_signature', `The ${header} header is missing or does not match the body`, 'ลายมือชื่อของคำขอไม่ถูกต้อง', [
    { field: header, message: 'missing or not matching the body', messageTh: 'ไม่มีหรือไม่ตรงกับเนื้อหาที่ส่งมา' },
  ]);
}

/**
 * The signed body parsed as JSON: 400 when it is not JSON, or holds text that cannot be stored
 * (ill-formed UTF-16, NUL), decided here at the boundary as for every other body.
 */
export function parseSignedJson(raw: Buffer): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalidInput([{ field: 'body', message: 'not JSON', messageTh: 'เนื้อหาไม่ใช่ JSON' }]);
  }
  const found = findUnstorableText(value);
  if (found) throw invalidInput([{ field: found.path.join('.') || 'body', ...UNSTORABLE_TEXT_MESSAGES[found.problem] }]);
  return value;
}
