/** What the API says about an attachment; the bytes come from the download endpoints. */
import { z } from 'zod';
import { ATTACHMENT_MEDIA_TYPES } from './file-checks.ts';
import type { AttachmentRow } from './queries.ts';

export const AttachmentSchema = z.object({
  id: z.string(),
  fileName: z.string().describe('Display name: the base name sent, with the extension of the detected type'),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES).describe('Detected from the content, not the name'),
  sizeBytes: z.number(),
  uploadedBy: z.enum(['citizen', 'staff']),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const AttachmentParamsSchema = z.object({ attachmentId: z.uuid() });

export function presentAttachment(row: AttachmentRow): Attachment {
  return { id: row.id, fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, uploadedBy: row.uploadedBy, uploadedAt: row.createdAt.toISOString() };
}
