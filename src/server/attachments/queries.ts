/** SQL of attachments: the rows that say what a stored file is and whose it is. */
import { z } from 'zod';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';
import { ATTACHMENT_MEDIA_TYPES } from './file-checks.ts';
import type { CaseEventType } from '../../shared/case-events.ts';

const UploadedBySchema = z.enum(['citizen', 'staff']);
export type UploadedBy = z.output<typeof UploadedBySchema>;

const AttachmentRowSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    eventSeq: z.number().nullable(),
    storageKey: z.string(),
    fileName: z.string(),
    mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
    sizeBytes: z.number(),
    sha256: z.string(),
    uploadedBy: UploadedBySchema,
    uploadedByUserId: z.string().nullable(),
    createdAt: z.date(),
  })
  .describe('attachment');
export type AttachmentRow = z.output<typeof AttachmentRowSchema>;

const ListedAttachmentSchema = AttachmentRowSchema.extend({ seenByCitizen: z.boolean() }).describe('attachment');

/** A row to insert: the id is the database's, and `position` orders the files sent together. */
export interface NewAttachment extends Omit<AttachmentRow, 'id'> {
  position: number;
}

const COLUMNS = `a.id, a.case_id, a.event_seq, a.storage_key, a.file_name, a.media_type, a.size_bytes, a.sha256, a.uploaded_by,
  a.uploaded_by_user_id, a.created_at`;

export async function insertAttachments(tx: Queryable, rows: readonly NewAttachment[]): Promise<void> {
  for (const row of rows) {
    await tx.query(
      `INSERT INTO case_attachments (case_id, event_seq, position, storage_key, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_by_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [row.caseId, row.eventSeq, row.position, row.storageKey, row.fileName, row.mediaType, row.sizeBytes, row.sha256, row.uploadedBy, row.uploadedByUserId, row.createdAt],
    );
  }
}

/**
 * Who reads: staff (every file of the case) or the citizen, who sees their own uploads and the
 * files staff sent them with a reply or a request for information — never those of an internal
 * note, nor what staff scanned in at intake. A follower (an agency that sent the case on) reads
 * the public timeline and the follow-ups: it sees what the citizen sees and the files of
 * follow-ups (เร่งรัด), not those of the holder's internal work.
 */
export type AttachmentAudience = 'staff' | 'citizen' | 'follower';

/** The staff events whose files are written to the citizen. */
const CITIZEN_MESSAGE_EVENTS: CaseEventType[] = ['reply', 'info_requested'];

/** `a` is case_attachments; $2 is the audience. */
/** Whether the citizen sees the file ($3: the event types whose files they get): their own, and those of public replies and requests. */
const CITIZEN_SEES = `(a.uploaded_by = 'citizen' OR EXISTS (
    SELECT 1 FROM case_events e
    WHERE e.case_id = a.case_id AND e.seq = a.event_seq AND e.visibility = 'public' AND e.type = ANY($3::text[])))`;
/** The files of follow-ups (เร่งรัด), which a follower reads besides the public timeline. */
const FOLLOW_UP_FILE = `EXISTS (
    SELECT 1 FROM case_events f
    WHERE f.case_id = a.case_id AND f.seq = a.event_seq AND f.type = 'followed_up')`;
const AUDIENCE_CONDITION = `($2::text = 'staff' OR ${CITIZEN_SEES} OR ($2::text = 'follower' AND ${FOLLOW_UP_FILE}))`;

/** A listed attachment, with whether the citizen sees it (staff are told, by the same rule as the tracking page's list). */
export type ListedAttachment = z.output<typeof ListedAttachmentSchema>;

/** A case's attachments as `audience` may see them, oldest first and in the order sent. */
export async function listAttachments(db: Queryable, caseId: string, audience: AttachmentAudience = 'staff'): Promise<ListedAttachment[]> {
  return queryRows(
    db,
    ListedAttachmentSchema,
    `SELECT ${COLUMNS}, ${CITIZEN_SEES} AS seen_by_citizen FROM case_attachments a WHERE a.case_id = $1 AND ${AUDIENCE_CONDITION} ORDER BY a.created_at, a.event_seq, a.position, a.id`,
    [caseId, audience, CITIZEN_MESSAGE_EVENTS],
  );
}

/** One attachment of one case, if `audience` may see it: an id of another case's file is not found. */
export async function findAttachment(db: Queryable, caseId: string, attachmentId: string, audience: AttachmentAudience = 'staff'): Promise<AttachmentRow | undefined> {
  return queryRow(db, AttachmentRowSchema, `SELECT ${COLUMNS} FROM case_attachments a WHERE a.case_id = $1 AND ${AUDIENCE_CONDITION} AND a.id = $4`, [
    caseId,
    audience,
    CITIZEN_MESSAGE_EVENTS,
    attachmentId,
  ]);
}
