/**
 * GET /api/v1/public/settings: what the web app needs to know of this installation — the
 * public address, so that a receipt printed at a counter whose browser opened the app on
 * localhost still carries a QR code citizens can open.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.ts';

export const PublicSettingsSchema = z.object({
  publicUrl: z.string().nullable().describe('RONGTHUK_PUBLIC_URL without a trailing slash; null when not configured'),
});

export function registerSettingsRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const settings = { publicUrl: ctx.config.publicUrl?.replace(/\/+$/, '') ?? null };
  fastify.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/public/settings',
    { schema: { tags: ['public'], summary: 'Settings of this installation the web app uses (public address)', response: { 200: PublicSettingsSchema } } },
    async () => settings,
  );
}
