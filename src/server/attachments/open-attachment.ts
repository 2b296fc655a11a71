/**
 * Opening an attachment: staff in scope of the case (every opening audited, since a photo or
 * a letter may carry personal data; a confidential or sensitive case's files only for those
 * who may see the complainant's identity), or the citizen with the access key (their own uploads
 * and the files staff sent them with a reply or a request for information).
 */
import { can } from '../agencies/policy/case.ts';
import { caseFactsFor } from '../agencies/scope.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { openCaseAsCitizen } from '../cases/citizen-access.ts';
import { findCaseInScope } from '../cases/queries.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, noCaseWork, notFound } from '../platform/errors.ts';
import { attachmentAudienceOf, mayOpenAttachments } from './access.ts';
import { findAttachment, type AttachmentRow } from './queries.ts';
import { citizenFileName, staffFileName } from './presenter.ts';
import { fileStoreOf } from './storage.ts';

export interface OpenedAttachment {
  attachment: AttachmentRow;
  /** The name to offer on download: redacted for staff, as sent for the citizen. */
  fileName: string;
  bytes: Buffer;
}

export async function openAttachmentAsStaff(ctx: AppContext, options: { user: AuthUser; caseId: string; attachmentId: string }): Promise<OpenedAttachment> {
  const { user } = options;
  const { attachment, fileName } = await ctx.db.transaction(async (tx) => {
    // Outside the user's scope the case, and so its files, do not exist for them.
    const record = await findCaseInScope(tx, user, options.caseId);
    if (!record) throw notFound('Case', 'เรื่อง');
    const facts = caseFactsFor(user, record);
    if (!can(user, 'view', facts)) throw noCaseWork();
    // A follower does not find the files of the holder's internal work (an internal note's file).
    const found = await findAttachment(tx, record.id, options.attachmentId, attachmentAudienceOf(facts));
    if (!found) throw notFound('Attachment', 'ไฟล์แนบ');
    if (!mayOpenAttachments(user, facts, record)) throw identityProtected();
    const fileName = staffFileName(found);
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'attachment.view',
      entityType: 'case',
      entityId: record.id,
      // The audit log is read by auditors, not only by those who may see the complainant.
      details: { trackingCode: record.trackingCode, attachmentId: found.id, fileName, uploadedBy: found.uploadedBy },
      at: ctx.now(),
    });
    return { attachment: found, fileName };
  });
  return { attachment, fileName, bytes: await fileStoreOf(ctx).read(attachment.storageKey) };
}

/** 403: the case's files are as protected as who complained. */
function identityProtected(): AppError {
  return new AppError(
    403,
    'identity_protected',
    "The files of a confidential or sensitive case may show who complained: only those who may see the complainant's identity open them",
    'ไฟล์แนบของเรื่องที่ปกปิดตัวตนหรือเรื่องอ่อนไหวอาจเปิดเผยตัวผู้ร้อง เปิดได้เฉพาะผู้ที่มีสิทธิ์ดูข้อมูลผู้ร้องเท่านั้น',
  );
}

export async function openAttachmentAsCitizen(ctx: AppContext, options: { trackingCode: string; accessKey: string; attachmentId: string }): Promise<OpenedAttachment> {
  const record = await openCaseAsCitizen(ctx, options.trackingCode, options.accessKey);
  // Their own uploads and the files of replies and requests to them; an internal note's file is not found.
  const attachment = await findAttachment(ctx.db, record.id, options.attachmentId, 'citizen');
  if (!attachment) throw notFound('Attachment', 'ไฟล์แนบ');
  return { attachment, fileName: citizenFileName(attachment), bytes: await fileStoreOf(ctx).read(attachment.storageKey) };
}
