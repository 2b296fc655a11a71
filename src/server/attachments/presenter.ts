/** Attachments as the API shows them (AttachmentSchema, StaffAttachmentSchema of src/shared/api/attachments.ts). */
import type { Attachment, StaffAttachment } from '../../shared/api/attachments.ts';
import { redactPersonalData } from '../../shared/redaction.ts';
import type { AttachmentRow } from './queries.ts';

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
