/** SQL of attachments: the rows that say what a stored file is and whose it is. */
import type { Queryable } from '../platform/database.ts';
import type { AttachmentMediaType } from './file-checks.ts';

export type UploadedBy = 'citizen' | 'staff';

export interface AttachmentRow {
  id: string;
  caseId: string;
  eventSeq: number | null;
  storageKey: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  sizeBytes: number;
  sha256: string;
  uploadedBy: UploadedBy;
  uploadedByUserId: string | null;
  createdAt: Date;
}

/** A row to insert: the id is the database's, and `position` orders the files sent together. */
export interface NewAttachment extends Omit<AttachmentRow, 'id'> {
  position: number;
}

const COLUMNS = `id, case_id AS "caseId", event_seq AS "eventSeq", storage_key AS "storageKey", file_name AS "fileName",
  media_type AS "mediaType", size_bytes AS "sizeBytes", sha256, uploaded_by AS "uploadedBy",
  uploaded_by_user_id AS "uploadedByUserId", created_at AS "createdAt"`;

export async function insertAttachments(tx: Queryable, rows: readonly NewAttachment[]): Promise<void> {
  for (const row of rows) {
    await tx.query(
      `INSERT INTO case_attachments (case_id, event_seq, position, storage_key, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_by_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [row.caseId, row.eventSeq, row.position, row.storageKey, row.fileName, row.mediaType, row.sizeBytes, row.sha256, row.uploadedBy, row.uploadedByUserId, row.createdAt],
    );
  }
}

/** A case's attachments, oldest first and in the order sent; `uploadedBy` narrows them (the citizen sees only their own). */
export async function listAttachments(db: Queryable, caseId: string, uploadedBy?: UploadedBy): Promise<AttachmentRow[]> {
  return db.query<AttachmentRow>(
    `SELECT ${COLUMNS} FROM case_attachments WHERE case_id = $1 AND ($2::text IS NULL OR uploaded_by = $2) ORDER BY created_at, event_seq, position, id`,
    [caseId, uploadedBy ?? null],
  );
}

/** One attachment of one case: an id of another case's file is not found. */
export async function findAttachment(db: Queryable, caseId: string, attachmentId: string, uploadedBy?: UploadedBy): Promise<AttachmentRow | undefined> {
  const [row] = await db.query<AttachmentRow>(
    `SELECT ${COLUMNS} FROM case_attachments WHERE case_id = $1 AND id = $2 AND ($3::text IS NULL OR uploaded_by = $3)`,
    [caseId, attachmentId, uploadedBy ?? null],
  );
  return row;
}
