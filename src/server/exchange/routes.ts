/** The exchange's public keys: partners verify the messages this instance signs with them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { InstanceJwksSchema } from '../../shared/api/exchange.ts';
import type { AppContext } from '../platform/context.ts';
import { instanceKeyOf } from './instance-key.ts';

export function registerExchangeRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/exchange/jwks',
    {
      schema: {
        tags: ['exchange'],
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
}
