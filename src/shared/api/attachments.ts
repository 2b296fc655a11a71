/** What the API says about an attachment (ไฟล์แนบ); the bytes come from the download endpoints. */
import { z } from 'zod';

/** The types of file accepted, judged by their content. */
export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

export const AttachmentSchema = z.object({
  id: z.string(),
  fileName: z
    .string()
    .describe(
      'Display name: the base name sent, with the extension of the detected type. Staff read it with personal data redacted, ' +
        'or as attachment-N when they may not open the file',
    ),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES).describe('Detected from the content, not the name'),
  sizeBytes: z.number(),
  uploadedBy: z.enum(['citizen', 'staff']),
  uploadedAt: z.string(),
  visible: z
    .boolean()
    .describe(
      'Whether the reader may open the file. Files of a confidential or sensitive case open only to those who may see the ' +
        "complainant's identity (a photo may show who complained); show a placeholder otherwise. The citizen always opens their own",
    ),
});
export type Attachment = z.output<typeof AttachmentSchema>;

/** A file as staff read of it: also whether the citizen sees it (so an officer never guesses). */
export const StaffAttachmentSchema = AttachmentSchema.extend({
  seenByCitizen: z
    .boolean()
    .describe("Whether the citizen sees this file on the tracking page: their own, and those sent with a reply or a request for information; never an internal note's, nor a scan taken in at intake"),
});
export type StaffAttachment = z.output<typeof StaffAttachmentSchema>;

export const AttachmentParamsSchema = z.object({ attachmentId: z.uuid() });
