/**
 * GET /api/v1/public/settings: what the web app needs to know of this installation — the
 * public address (for the QR code of a receipt printed at a counter), and the limits the
 * server sets on attachments, so that forms say them before a file is sent.
 */
import { z } from 'zod';
import { ATTACHMENT_MEDIA_TYPES } from './attachments.ts';

export const PublicSettingsSchema = z.object({
  publicUrl: z.string().nullable().describe('RONGTHUK_PUBLIC_URL without a trailing slash; null when not configured'),
  maxFiles: z.number().int().min(0).describe('How many files one filing, message or staff reply may carry (RONGTHUK_MAX_FILES)'),
  maxFileBytes: z.number().int().min(1).describe('The largest file accepted, in bytes (RONGTHUK_MAX_FILE_MB)'),
  attachmentMediaTypes: z.array(z.enum(ATTACHMENT_MEDIA_TYPES)).describe('The types of file accepted, judged by their content'),
});
export type PublicSettings = z.output<typeof PublicSettingsSchema>;
