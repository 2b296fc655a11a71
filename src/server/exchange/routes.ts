/**
 * The exchange between systems over HTTP: our public keys (JWKS), the protocol's JSON Schema,
 * the receiving end of partners' messages, a case's exchange trail, and the message log for
 * system administrators (with the retry of a dead message).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExchangeAnswerSchema, ExchangeDeliverySchema } from '../../shared/api/exchange-messages.ts';
import {
  CaseExchangeSchema,
  ExchangeMessageDetailSchema,
  ExchangeMessageListQuerySchema,
  ExchangeMessageListSchema,
  ExchangeMessageViewSchema,
  InstanceJwksSchema,
} from '../../shared/api/exchange.ts';
import { IdParamsSchema } from '../../shared/api/fields.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { retryMessage } from './delivery.ts';
import { receiveMessage } from './inbound.ts';
import { instanceKeyOf } from './instance-key.ts';
import { caseExchange, getExchangeMessage, listExchangeMessages, presentMessage } from './message-log.ts';
import { exchangeJsonSchema } from './protocol-schema.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['exchange'];

/** A transfer may carry the case's files (base64): room for them, and no more. */
function deliveryBodyLimit(ctx: AppContext): number {
  return Math.ceil(ctx.config.maxFiles * ctx.config.maxFileBytes * 1.4) + 1024 * 1024;
}

export function registerExchangeRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/exchange/jwks',
    {
      schema: {
        tags,
        summary: "This instance's public signing keys (JWKS, Ed25519): what partner systems check our messages with",
        response: { 200: InstanceJwksSchema },
      },
    },
    async (_request, reply) => {
      const key = await instanceKeyOf(ctx);
      // Partners cache it; a rotated key shows within the hour.
      void reply.header('cache-control', 'public, max-age=3600');
      return { keys: [{ ...key.publicJwk, kid: key.kid, alg: 'EdDSA' as const, use: 'sig' as const }] };
    },
  );

  app.get(
    '/api/v1/exchange/schema',
    { schema: { tags, summary: 'The exchange protocol (rongthuk-exchange/1) as JSON Schema: every message type and its body (see docs/exchange.md)' } },
    async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=3600');
      return exchangeJsonSchema();
    },
  );

  app.post(
    '/api/v1/exchange/messages',
    {
      bodyLimit: deliveryBodyLimit(ctx),
      schema: {
        tags,
        summary: "A partner system's signed message (JWS): 200 applied, 202 held until the thread's earlier messages arrive; a repeated id answers the first answer",
        body: ExchangeDeliverySchema,
        response: { 200: ExchangeAnswerSchema, 202: ExchangeAnswerSchema },
      },
    },
    async (request, reply) => {
      const received = await receiveMessage(ctx, request.body.jws);
      return reply.code(received.statusCode).send(received.answer);
    },
  );

  app.get(
    '/api/v1/cases/:id/exchange',
    { schema: { tags, summary: "A case's links to partner systems and its exchange trail", params: IdParamsSchema, security, response: { 200: CaseExchangeSchema } } },
    async (request) => caseExchange(ctx, requireUser(request), request.params.id),
  );

  app.get(
    '/api/v1/exchange/messages',
    {
      schema: {
        tags,
        summary: 'The message log, newest first: by partner, direction and state (system administrators)',
        querystring: ExchangeMessageListQuerySchema,
        security,
        response: { 200: ExchangeMessageListSchema },
      },
    },
    async (request) => listExchangeMessages(ctx, requireUser(request), request.query),
  );

  app.get(
    '/api/v1/exchange/messages/:id',
    { schema: { tags, summary: 'One message of the log with its envelope and signature (system administrators)', params: IdParamsSchema, security, response: { 200: ExchangeMessageDetailSchema } } },
    async (request) => getExchangeMessage(ctx, requireUser(request), request.params.id),
  );

  app.post(
    '/api/v1/exchange/messages/:id/retry',
    {
      schema: {
        tags,
        summary: 'Send a dead or failed message again, with a fresh run of attempts (system administrators; audited)',
        params: IdParamsSchema,
        // Nothing to say: an empty body, or none at all (Fastify passes null).
        body: z.preprocess((value) => value ?? {}, z.object({}).strict()),
        security,
        response: { 200: ExchangeMessageViewSchema },
      },
    },
    async (request) => presentMessage(await retryMessage(ctx, requireUser(request), request.params.id)),
  );
}
