/**
 * Opening an attachment: staff in scope of the case (every opening audited, since a photo or
 * a letter may carry personal data), or the citizen with the access key (only their own uploads).
 */
import { can } from '../agencies/policy.ts';
import { caseFactsFor } from '../agencies/scope.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { openCaseAsCitizen } from '../cases/citizen-access.ts';
import { findCase } from '../cases/queries.ts';
import { appendAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { findAttachment, type AttachmentRow } from './queries.ts';
import { fileStoreOf } from './storage.ts';

export interface OpenedAttachment {
  attachment: AttachmentRow;
  bytes: Buffer;
}

export async function openAttachmentAsStaff(ctx: AppContext, options: { user: AuthUser; caseId: string; attachmentId: string }): Promise<OpenedAttachment> {
  const { user } = options;
  const attachment = await ctx.db.transaction(async (tx) => {
    const record = await findCase(tx, options.caseId);
    // Outside the user's scope the case, and so its files, do not exist for them.
    if (!record || caseFactsFor(user, record).relation === 'outside') throw notFound('Case');
    if (!can(user, 'view', caseFactsFor(user, record))) throw forbidden('Your role does not work on cases');
    const found = await findAttachment(tx, record.id, options.attachmentId);
    if (!found) throw notFound('Attachment');
    await appendAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'attachment.view',
      entityType: 'case',
      entityId: record.id,
      details: { trackingCode: record.trackingCode, attachmentId: found.id, fileName: found.fileName, uploadedBy: found.uploadedBy },
      at: ctx.now(),
    });
    return found;
  });
  return { attachment, bytes: await fileStoreOf(ctx).read(attachment.storageKey) };
}

export async function openAttachmentAsCitizen(ctx: AppContext, options: { trackingCode: string; accessKey: string; attachmentId: string }): Promise<OpenedAttachment> {
  const record = await openCaseAsCitizen(ctx.db, options.trackingCode, options.accessKey);
  const attachment = await findAttachment(ctx.db, record.id, options.attachmentId, 'citizen');
  if (!attachment) throw notFound('Attachment');
  return { attachment, bytes: await fileStoreOf(ctx).read(attachment.storageKey) };
}
