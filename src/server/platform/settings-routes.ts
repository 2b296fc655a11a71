/**
 * GET /api/v1/public/settings: what the web app needs to know of this installation — the
 * public address, so that a receipt printed at a counter whose browser opened the app on
 * localhost still carries a QR code citizens can open, and the limits on attachments.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ATTACHMENT_MEDIA_TYPES } from '../../shared/api/attachments.ts';
import { PublicSettingsSchema, type PublicSettings } from '../../shared/api/settings.ts';
import type { AppContext } from './context.ts';

export function registerSettingsRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const settings: PublicSettings = {
    publicUrl: ctx.config.publicUrl?.replace(/\/+$/, '') ?? null,
    maxFiles: ctx.config.maxFiles,
    maxFileBytes: ctx.config.maxFileBytes,
    attachmentMediaTypes: [...ATTACHMENT_MEDIA_TYPES],
  };
  fastify.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/public/settings',
    { schema: { tags: ['public'], summary: 'Settings of this installation the web app uses (public address, limits on attachments)', response: { 200: PublicSettingsSchema } } },
    async () => settings,
  );
}
