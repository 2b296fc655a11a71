/**
 * รับเรื่องทางอีเมล: one message from an agency's mailbox, taken in once. A new message becomes a
 * case through intake's own use case (create-case.ts), the sender as the complainant's e-mail
 * and the agency that owns the mailbox receiving it; a reply to a case (its tracking code in the
 * subject, or a Message-ID of its thread in In-Reply-To / References) from the case's own
 * complainant is the citizen's message on it (add-citizen-message.ts); an automatic message
 * (out-of-office, bounce, delivery report) creates nothing; anything else that cannot be taken in
 * is kept, encrypted, for a person. Each outcome is written with the message's claim (its UID
 * under the folder's UIDVALIDITY) in one transaction, so a message is taken once.
 */
import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { IncomingFile } from '../../attachments/file-checks.ts';
import { recordCitizenMessage } from '../../cases/commands/add-citizen-message.ts';
import { insertNewCase, type ComplaintInput } from '../../cases/commands/create-case.ts';
import { normaliseIdentity } from '../../cases/identity.ts';
import { loadCase } from '../../cases/queries.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/database.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueAcknowledgement } from './acknowledge-job.ts';
import { withEmailFiles, type TooLargeFile } from './email-files.ts';
import {
  answeredMessageIds,
  automaticReason,
  bodyText,
  complaintDescription,
  complaintTitle,
  messageIdHash,
  replyText,
  senderOf,
  textProblem,
  threadReferences,
  trackingCodesIn,
  withinLimit,
} from './mail-facts.ts';
import {
  addThreadIds,
  claimMessage,
  complainantHasEmail,
  findThreadCase,
  insertHeldMessage,
  messageIdTaken,
  messageTaken,
  type MailboxRow,
  setMessageCase,
  type MessageOutcome,
} from './mailbox-queries.ts';

/** A message as the mailbox holds it. `raw` is undefined when it was too large to fetch. */
export interface MailboxMessage {
  uidValidity: number;
  uid: number;
  raw: Buffer | undefined;
  sizeBytes: number;
}

export interface TakenEmail {
  outcome: MessageOutcome | 'taken_before';
  reason?: string;
  caseId?: string;
}

/**
 * Takes one message in; what became of it. Throws only when even keeping it for a person fails
 * (the database is gone): then the poll stops and the message is tried again next time.
 */
export async function takeEmail(ctx: AppContext, mailbox: MailboxRow, message: MailboxMessage): Promise<TakenEmail> {
  if (await messageTaken(ctx.db, mailbox.id, message.uidValidity, message.uid)) return { outcome: 'taken_before' };
  try {
    return await takeInMessage(ctx, mailbox, message);
  } catch (error) {
    // A use case's refusal (a 4xx: a case closed for good) or a failure of ours: a person looks at it, and the mailbox goes on.
    const reason = error instanceof AppError ? `refused_${error.code}` : 'failed';
    return holdMessage(ctx, mailbox, message, reason);
  }
}

async function takeInMessage(ctx: AppContext, mailbox: MailboxRow, message: MailboxMessage): Promise<TakenEmail> {
  if (!message.raw) return holdMessage(ctx, mailbox, message, 'too_large');
  let mail: ParsedMail;
  try {
    mail = await simpleParser(message.raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return holdMessage(ctx, mailbox, message, 'unparseable');
  }
  const idHash = mail.messageId ? messageIdHash(ctx.protector, mail.messageId) : null;
  if (idHash && (await messageIdTaken(ctx.db, mailbox.id, idHash))) return ignoreMessage(ctx, mailbox, message, idHash, 'copy');
  const automatic = automaticReason(mail);
  if (automatic) return ignoreMessage(ctx, mailbox, message, idHash, automatic);
  const sender = senderOf(mail);
  if (!sender) return holdMessage(ctx, mailbox, message, 'no_sender');
  const subject = mail.subject?.trim() ?? '';
  const body = bodyText(mail);
  const problem = textProblem(subject, body, sender.name ?? '');
  if (problem) return holdMessage(ctx, mailbox, message, problem);
  const files = attachmentsOf(mail, ctx.config.maxFiles, ctx.config.maxFileBytes);

  const caseId = await repliedCase(ctx, mail, sender.address);
  if (caseId) {
    const text = replyText(body) || subject;
    return withEmailFiles(ctx, files, (stored, dropped) =>
      ctx.db.transaction(async (tx) => {
        const claimed = await claim(tx, mailbox, message, { idHash, outcome: 'message', caseId, at: ctx.now() });
        if (!claimed) return { outcome: 'taken_before' as const };
        const record = await loadCase(tx, { id: caseId }, true);
        if (!record) throw new Error(`case ${caseId} vanished`);
        const note = droppedNote(dropped);
        await recordCitizenMessage(tx, ctx, record, { message: withinLimit([text, note].filter(Boolean).join('\n\n') || 'ส่งไฟล์แนบเพิ่มเติม'), files: stored, now: ctx.now(), channel: 'email' });
        if (idHash) await addThreadIds(tx, caseId, [idHash]);
        return { outcome: 'message' as const, caseId };
      }),
    );
  }

  return withEmailFiles(ctx, files, async (stored, dropped) => {
    const description = complaintDescription(subject, [body, droppedNote(dropped)].filter(Boolean).join('\n\n'), stored.length);
    if (!description) return holdMessage(ctx, mailbox, message, 'empty');
    const input: ComplaintInput = {
      description,
      title: complaintTitle(subject),
      channel: 'email',
      anonymous: false,
      confidential: false,
      agencyChannelId: mailbox.agencyChannelId ?? undefined,
      complainant: { email: sender.address, ...(sender.name ? { name: sender.name.slice(0, 200) } : {}), language: 'th' },
    };
    const identity = normaliseIdentity(input.complainant ?? {});
    return ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      const claimed = await claim(tx, mailbox, message, { idHash, outcome: 'case', caseId: null, at: now });
      if (!claimed) return { outcome: 'taken_before' as const };
      const created = await insertNewCase(tx, ctx, { input, identity, receivedAt: now, now, receivingAgencyId: mailbox.agencyId }, stored);
      await setMessageCase(tx, claimed, created.id);
      if (idHash) await addThreadIds(tx, created.id, [idHash]);
      await enqueueAcknowledgement(tx, ctx, {
        caseId: created.id,
        mailboxId: mailbox.id,
        accessKey: created.accessKey,
        inReplyTo: mail.messageId,
        references: threadReferences(mail),
      });
      return { outcome: 'case' as const, caseId: created.id };
    });
  });
}

/**
 * The case this message answers, if its sender is that case's complainant: by a tracking code
 * in the subject, else by the thread. A stranger naming a code adds nothing to someone else's
 * case: their message is a complaint of its own.
 */
async function repliedCase(ctx: AppContext, mail: ParsedMail, senderAddress: string): Promise<string | undefined> {
  const emailHash = ctx.protector.keyedHash('email', senderAddress);
  for (const code of trackingCodesIn(mail.subject)) {
    const record = await loadCase(ctx.db, { trackingCode: code });
    if (record && (await complainantHasEmail(ctx.db, record.id, emailHash))) return record.id;
  }
  const threadCase = await findThreadCase(
    ctx.db,
    answeredMessageIds(mail).map((id) => messageIdHash(ctx.protector, id)),
  );
  return threadCase && (await complainantHasEmail(ctx.db, threadCase, emailHash)) ? threadCase : undefined;
}

/** The attachments worth checking: real files (not the text parts), numbered for the checks' messages, within the upload limits. */
function attachmentsOf(mail: ParsedMail, maxFiles: number, maxFileBytes: number): Array<IncomingFile | TooLargeFile> {
  return mail.attachments
    .filter((attachment) => attachment.content.length > 0)
    .slice(0, maxFiles)
    .map((attachment, index) =>
      attachment.content.length > maxFileBytes
        ? { field: `attachments[${index}]`, clientName: attachment.filename, tooLarge: true as const }
        : { field: `attachments[${index}]`, clientName: attachment.filename, bytes: attachment.content },
    );
}

/** A line for staff naming the attachments not kept (a type not taken, too large). */
function droppedNote(dropped: readonly string[]): string {
  return dropped.length ? `[ไฟล์แนบที่รับไว้ไม่ได้ (ประเภทหรือขนาดไม่ตรงตามที่กำหนด): ${dropped.join(', ')}]` : '';
}

async function claim(
  tx: Queryable,
  mailbox: MailboxRow,
  message: MailboxMessage,
  values: { idHash: string | null; outcome: MessageOutcome; caseId: string | null; at: Date; reason?: string },
): Promise<string | undefined> {
  return claimMessage(tx, {
    mailboxId: mailbox.id,
    uidValidity: message.uidValidity,
    uid: message.uid,
    messageIdHash: values.idHash,
    outcome: values.outcome,
    reason: values.reason ?? null,
    caseId: values.caseId,
    at: values.at,
  });
}

async function ignoreMessage(ctx: AppContext, mailbox: MailboxRow, message: MailboxMessage, idHash: string | null, reason: string): Promise<TakenEmail> {
  const claimed = await claim(ctx.db, mailbox, message, { idHash, outcome: 'ignored', caseId: null, at: ctx.now(), reason });
  return claimed ? { outcome: 'ignored', reason } : { outcome: 'taken_before' };
}

/** Keeps the message whole and encrypted for a person, with why, and an audit record; the mailbox goes on. */
export async function holdMessage(ctx: AppContext, mailbox: MailboxRow, message: MailboxMessage, reason: string): Promise<TakenEmail> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const claimed = await claim(tx, mailbox, message, { idHash: null, outcome: 'held', caseId: null, at: now, reason });
    if (!claimed) return { outcome: 'taken_before' as const };
    const id = randomUUID();
    await insertHeldMessage(tx, {
      id,
      emailMessageId: claimed,
      mailboxId: mailbox.id,
      reason,
      sizeBytes: message.sizeBytes,
      rawCiphertext: ctx.protector.encryptJson({ raw: message.raw?.toString('base64') ?? null }, heldContext(id)),
      at: now,
    });
    await recordAudit(tx, {
      actor: { userId: null, label: 'email-intake' },
      action: 'email_message.hold',
      entityType: 'email_message',
      entityId: id,
      details: { agencyCode: mailbox.agencyCode, uid: message.uid, reason },
      at: now,
    });
    return { outcome: 'held' as const, reason };
  });
}

export const heldContext = (id: string) => `email-held:${id}`;
