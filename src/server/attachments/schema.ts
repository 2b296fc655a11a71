/** What the API says about an attachment; the bytes come from the download endpoints. */
import { z } from 'zod';
import { redactPersonalData } from '../../shared/redaction.ts';
import { ATTACHMENT_MEDIA_TYPES } from './file-checks.ts';
import type { AttachmentRow } from './queries.ts';

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
export type Attachment = z.infer<typeof AttachmentSchema>;

/** A file as staff read of it: also whether the citizen sees it (so an officer never guesses). */
export const StaffAttachmentSchema = AttachmentSchema.extend({
  seenByCitizen: z
    .boolean()
    .describe("Whether the citizen sees this file on the tracking page: their own, and those sent with a reply or a request for information; never an internal note's, nor a scan taken in at intake"),
});
export type StaffAttachment = z.infer<typeof StaffAttachmentSchema>;

export const AttachmentParamsSchema = z.object({ attachmentId: z.uuid() });

/**
 * A file as the citizen reads of it: their own as they named it; one staff sent them with the
 * name redacted as staff read it (a name may carry someone else's personal data).
 */
export function presentAttachment(row: AttachmentRow): Attachment {
  return { ...describeAttachment(row), fileName: citizenFileName(row), visible: true };
}

/** The file name the citizen sees and is offered on download. */
export function citizenFileName(row: Pick<AttachmentRow, 'fileName' | 'uploadedBy'>): string {
  return row.uploadedBy === 'citizen' ? row.fileName : staffFileName(row);
}

/**
 * A file as staff read of it: the name with personal data redacted (people name scans after
 * themselves: "บัตรประชาชน 1101700203450.jpg"), and no name at all when they may not open it.
 * `position` (0-based, in the case's order) numbers the name put in its place.
 */
export function presentStaffAttachment(row: AttachmentRow, position: number, visible: boolean, seenByCitizen: boolean): StaffAttachment {
  return { ...describeAttachment(row), fileName: visible ? staffFileName(row) : hiddenFileName(row, position), visible, seenByCitizen };
}

/** The file name staff see, offer on download and the audit keeps. */
export function staffFileName(row: Pick<AttachmentRow, 'fileName'>): string {
  return redactPersonalData(row.fileName);
}

function hiddenFileName(row: Pick<AttachmentRow, 'fileName'>, position: number): string {
  const extension = row.fileName.slice(row.fileName.lastIndexOf('.') + 1);
  return `attachment-${position + 1}.${extension}`;
}

function describeAttachment(row: AttachmentRow) {
  return { id: row.id, mediaType: row.mediaType, sizeBytes: row.sizeBytes, uploadedBy: row.uploadedBy, uploadedAt: row.createdAt.toISOString() };
}
