/**
 * The Fastify app: zod validation and serialisation, the OpenAPI document, JSON errors in
 * one shape `{ error: { code, message, messageTh, details } }`, and the plugins it is given —
 * the capabilities' body parsers, hooks and routes, named by the composition root (app.ts):
 * the platform knows none of them.
 */
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { AppError, invalidInput, type ErrorDetail } from './errors.ts';
import { thaiIssueMessage, type ValidationIssue } from './thai-messages.ts';
import { registerUnreadBodyHandling, type UnreadBodyLimits } from './unread-bodies.ts';
import { findUnstorableText, storableText, UNSTORABLE_TEXT_MESSAGES } from './validation.ts';
import { registerWebApp } from './web-app.ts';

export type App = FastifyInstance;
export type RouteApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

/** JSON request bodies larger than this are refused with 413 (multipart has its limits in attachments/uploads.ts). */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** Longest a request may take to arrive in full (a 50 MB upload on a slow mobile line fits). */
export const REQUEST_TIMEOUT_MS = 120_000;

/** A part of the app a capability brings: hooks, routes or a body parser, registered on the app with the context. */
export type HttpPlugin = (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;

/** What the composition root (app.ts) puts in the app, each list in order. */
export interface HttpPlugins {
  /**
   * Parsers of bodies other than JSON (multipart uploads), registered before the hook that
   * checks every string a request carries, so that their payloads are checked too.
   */
  bodyParsers: HttpPlugin[];
  /** Hooks every request runs (who is signed in), before any route. */
  hooks: HttpPlugin[];
  /** The routes, registered after the OpenAPI document is set up, so that it lists them. */
  routes: HttpPlugin[];
}

export interface HttpAppOptions {
  /** A pino logger (platform/logging.ts); none in tests. */
  logger?: FastifyBaseLogger;
  /** How a body left unread is drained or its connection closed (tests make it small). */
  unreadBodyLimits?: UnreadBodyLimits;
}

/**
 * How the API treats text, as its document says: every string a request brings (body fields,
 * object keys, query and path parameters, multipart payloads) must be storable as it is — no
 * lone UTF-16 surrogate, no NUL. Such a string is refused with 400 naming the field; nothing
 * is replaced silently, so what is stored, hashed and shown is what the client sent.
 */
const TEXT_RULE =
  'Text: every string a request carries (JSON fields and keys, query and path parameters, the multipart payload) must be ' +
  'well-formed Unicode without U+0000. A lone UTF-16 surrogate (e.g. "\\ud800" in JSON) or a NUL is refused with ' +
  '400 validation_failed naming the field; nothing is replaced.';

/** The app with the platform's own routes (health, the OpenAPI document) and the plugins given. */
export async function buildHttpApp(ctx: AppContext, plugins: HttpPlugins, options: HttpAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    // A client that stops sending does not hold a connection (or an upload's share) for ever.
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: REQUEST_TIMEOUT_MS,
    // Fastify takes a hop count too, though its types list only booleans and addresses.
    trustProxy: ctx.config.trustProxy as boolean | string,
    // Case ids and tracking codes are plain; nothing needs the query string parsed as nested.
    routerOptions: { ignoreTrailingSlash: true },
    // A proxy-style request target (`GET http://host/api/v1/…`) is routed by its path and
    // query, so that every hook that looks at the URL sees the same thing as the router.
    rewriteUrl: (request) => originForm(request.url ?? '/'),
    // Errors the router raises before any route runs (a path that is not percent-encoded
    // UTF-8, such as /%ff; a path parameter over its length) get our shape too.
    frameworkErrors: (error, _request, generic) => {
      const reply = generic as unknown as FastifyReply;
      const status = error.statusCode ?? 500;
      const body =
        status === 414
          ? errorBody('uri_too_long', 'A part of the path is too long', 'ที่อยู่ (URL) ยาวเกินกำหนด', [])
          : status === 400
            ? errorBody('bad_url', 'The path is not valid: percent-encode it as UTF-8', 'ที่อยู่ (URL) ไม่ถูกต้อง', [])
            : errorBody('internal_error', 'Something went wrong on our side', 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง', []);
      void reply.code(status).headers(ERROR_ANSWER_HEADERS).send(body);
    },
    // Requests the HTTP parser refuses (e.g. raw non-ASCII in the URL) get our error shape too.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      endSocket(socket, malformedRequestAnswer(error));
    },
    // Node would answer a request without Host by itself, with no body: we refuse it in our shape (onRequest below).
    http: { requireHostHeader: false },
  });
  answerOutsideFastify(app);
  app.addHook('onRequest', async (request) => {
    // HTTP/1.1 requires Host (RFC 9112 §3.2); HTTP/1.0 clients may leave it out.
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      throw new AppError(400, 'host_required', 'An HTTP/1.1 request needs a Host header', 'คำขอต้องมีส่วนหัว Host', [{ field: 'host', message: 'required', messageTh: 'ต้องระบุ' }]);
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // gzip/brotli for what is worth it (the web app's scripts, fonts aside, and larger JSON): a
  // citizen's first page on a phone is a third of its raw size.
  // Responses only: nothing takes compressed request bodies (and a decompressor competing with
  // multipart for the raw stream would stall an upload for good).
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  const webApp = await registerWebApp(app, ctx.config.webDir);
  app.setNotFoundHandler((request, reply) => {
    if (webApp.servePage(request, reply)) return;
    void reply.code(404).send(errorBody('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`, 'ไม่พบบริการที่เรียก', []));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // API answers are personal unless the route says otherwise (static reference data).
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifyCookie);
  // Limits are set per route (sign-in, public writes); nothing is limited unless it says so.
  await app.register(fastifyRateLimit, { global: false });
  // multipart/form-data (files), for the routes that say they take it; JSON keeps BODY_LIMIT_BYTES.
  for (const plugin of plugins.bodyParsers) await plugin(app, ctx);
  // After the uploads' hook, which puts a multipart payload in the body: every string is checked.
  app.addHook('preValidation', async (request) => refuseUnstorableText(request));
  registerUnreadBodyHandling(app, options.unreadBodyLimits);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rongthuk API',
        version: '1.0.0',
        description: `ร้องทุกข์ — complaint management for Thai public agencies. Citizens file and follow complaints; staff screen, route and resolve them.\n\n${TEXT_RULE}`,
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'rongthuk_session' },
          accessKey: { type: 'apiKey', in: 'header', name: 'X-Access-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  for (const plugin of plugins.hooks) await plugin(app, ctx);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  registerHealthRoutes(typed, ctx);
  for (const plugin of plugins.routes) await plugin(typed, ctx);
  typed.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}

function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.db.query('SELECT 1 FROM schema_migrations LIMIT 1');
      return { status: 'ready', database: ctx.db.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: ctx.db.kind });
    }
  });
}

const MAX_NAMED_DEPTH = 16;

/** 400 for the first string of the request that could not be stored as it is (see TEXT_RULE). */
function refuseUnstorableText(request: FastifyRequest): void {
  for (const [where, value] of [['', request.body], ['params', request.params], ['query', request.query]] as const) {
    const found = findUnstorableText(value);
    if (!found) continue;
    // A path hundreds of levels deep is named by its start.
    const path = found.path.length > MAX_NAMED_DEPTH ? [...found.path.slice(0, MAX_NAMED_DEPTH), '…'] : found.path;
    const field = storableText([...(where ? [where] : []), ...path].join('.')) || where || 'body';
    throw invalidInput([{ field, ...UNSTORABLE_TEXT_MESSAGES[found.problem] }], `Invalid text in ${field}: ${UNSTORABLE_TEXT_MESSAGES[found.problem].message}`);
  }
}

function errorBody(code: string, message: string, messageTh: string, details: ErrorDetail[]) {
  return { error: { code, message, messageTh, details } };
}

/**
 * The answer to a request Node's parser refused, written to the socket by hand: 431 for headers
 * over the limit, 400 otherwise — with no body after a HEAD, which a client would read as the
 * start of the next answer.
 */
function malformedRequestAnswer(error: Error & { code?: string; rawPacket?: unknown }): string {
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const text = JSON.stringify(
    tooLarge
      ? errorBody('headers_too_large', 'The request headers are too large', 'ส่วนหัวของคำขอมีขนาดใหญ่เกินกำหนด', [])
      : errorBody('bad_request', 'Malformed HTTP request (percent-encode non-ASCII characters in the URL)', 'คำขอไม่ถูกต้อง', []),
  );
  const head = Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  return rawJsonAnswer(tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request', text, !head);
}

/** A whole JSON answer for a socket Fastify does not own, closing the connection. */
function rawJsonAnswer(status: string, text: string, withBody = true): string {
  const headers = Object.entries({ ...jsonAnswerHeaders(text), connection: 'close' }).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status}\r\n${headers.join('\r\n')}\r\n\r\n${withBody ? text : ''}`;
}

/** What the onSend hook adds to API answers, for the error answers written before or outside Fastify's hooks. */
const ERROR_ANSWER_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } as const;

function jsonAnswerHeaders(text: string) {
  return { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...ERROR_ANSWER_HEADERS };
}

/** An absolute-form request target as origin-form: the path and query, `/` when it has no path. */
export function originForm(url: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  if (!absolute) return url;
  const rest = url.slice(absolute[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * What Node's HTTP server answers by itself, before Fastify sees a request, in our shape too:
 * an Expect other than 100-continue (Node's own 417 has no body), and CONNECT (Node would drop
 * the connection: this is no proxy).
 */
function answerOutsideFastify(app: FastifyInstance): void {
  app.server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const text = JSON.stringify(errorBody('expectation_failed', 'Only Expect: 100-continue is supported', 'ระบบรองรับเฉพาะ Expect: 100-continue', []));
    response.writeHead(417, jsonAnswerHeaders(text));
    response.end(text);
  });
  app.server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    endSocket(socket, rawJsonAnswer('405 Method Not Allowed', JSON.stringify(errorBody('method_not_allowed', 'CONNECT is not supported: this server is no proxy', 'ไม่รองรับคำขอแบบ CONNECT', []))));
  });
}

/**
 * Writes a last answer and closes a socket the HTTP server no longer reads: once the answer is
 * out, the socket is destroyed. (Ended only, a socket nobody reads never sees the client's close:
 * it is not even counted as keeping the process alive, yet the server's close waits for it.)
 */
function endSocket(socket: Duplex, answer: string): void {
  socket.on('error', () => {});
  socket.end(answer, () => socket.destroy());
}

interface ErrorRequest {
  log: { error: (o: unknown, m: string) => void };
  body?: unknown;
  query?: unknown;
  params?: unknown;
  headers?: unknown;
  /** The route's options, where a route matched (its own body limit). */
  routeOptions?: { bodyLimit?: number | undefined };
}

function handleError(error: FastifyError, request: ErrorRequest, reply: { code: (n: number) => { send: (b: unknown) => void } }): void {
  if (error instanceof AppError) {
    reply.code(error.status).send(errorBody(error.code, error.message, error.messageTh, error.details));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Query-string fields are named `query.x` everywhere, as the commands name them.
    const where = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
    const received = where === 'query' ? request.query : where === 'params' ? request.params : where === 'headers' ? request.headers : request.body;
    const details = error.validation.flatMap((issue): ErrorDetail[] => {
      const path = issue.instancePath.split('/').filter(Boolean);
      const prefix = where === 'body' ? [] : [where];
      // zod leaves the value out of its issues; the request still has it (a missing field reads as "please fill in").
      const thaiIssue = { ...(issue.params as Omit<ValidationIssue, 'code'>), code: issue.keyword, message: issue.message, input: valueAt(received, path) };
      // An unknown field is named itself, not its parent object.
      const unknownKeys = issue.keyword === 'unrecognized_keys' ? (thaiIssue.keys ?? []) : [];
      if (unknownKeys.length) {
        return unknownKeys.map((key) => ({
          field: [...prefix, ...path, key].join('.'),
          message: issue.message ?? 'invalid',
          messageTh: thaiIssueMessage({ ...thaiIssue, keys: [key] }),
        }));
      }
      return [{ field: [...prefix, ...path].join('.') || where, message: issue.message ?? 'invalid', messageTh: thaiIssueMessage(thaiIssue) }];
    });
    reply.code(400).send(errorBody('validation_failed', `Invalid ${where}: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, 'ข้อมูลที่ส่งมาไม่ถูกต้อง', details));
    return;
  }
  const status = error.statusCode ?? 500;
  if (status === 413) {
    // The route's own limit where it sets one (a partner's message, a CSV), else the app's.
    const limit = request.routeOptions?.bodyLimit ?? BODY_LIMIT_BYTES;
    reply.code(413).send(errorBody('payload_too_large', `Request body over ${limit} bytes`, 'ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด', []));
    return;
  }
  if (status === 429) {
    reply.code(429).send(errorBody('rate_limited', 'Too many requests: wait a minute and try again', 'ส่งคำขอถี่เกินไป กรุณารอสักครู่แล้วลองใหม่', []));
    return;
  }
  if (status === 415) {
    reply.code(415).send(errorBody('unsupported_media_type', error.message, 'รูปแบบข้อมูลไม่รองรับ กรุณาส่งเป็น JSON', []));
    return;
  }
  if (status >= 400 && status < 500) {
    const code = /JSON/i.test(error.code ?? '') || /JSON/.test(error.message) ? 'invalid_json' : 'bad_request';
    reply.code(status).send(errorBody(code, error.message, code === 'invalid_json' ? 'รูปแบบ JSON ไม่ถูกต้อง' : 'คำขอไม่ถูกต้อง', []));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  reply.code(500).send(errorBody('internal_error', 'Something went wrong on our side', 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง', []));
}

/** The value at a zod issue's path in what the request sent (undefined when it is not there). */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
