/**
 * อีเมลที่รอเจ้าหน้าที่: the messages of an agency's mailbox that could not be taken in, kept
 * whole and encrypted (take-email.ts). The agency's administrators (policy/agency.ts: a system
 * admin anywhere, an agency admin in their subtree) list them, read one as received (audited:
 * it holds a complaint and who sent it) and mark it dealt with once a person has recorded it.
 */
import type { HeldEmail } from '../../../shared/api/email-intake.ts';
import { canAdministerAgency } from '../../agencies/policy/agency.ts';
import { decodeCursor, encodeCursor } from '../../cases/list-cursor.ts';
import { findAgencyRefByCode, type AgencyRef } from '../../agencies/queries.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DataProtector } from '../../platform/crypto.ts';
import type { Queryable } from '../../platform/database.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { findHeldRaw, findMailboxOfAgency, listHeldMessages, markHeldDealtWith, type MailboxRow } from './mailbox-queries.ts';
import { heldContext } from './take-email.ts';

/** Who asks: a signed-in user (checked against the policy) or the operator at the command line. */
export type HeldReader = { kind: 'user'; user: AuthUser } | { kind: 'operator'; label: string };

const LIST_LIMIT = 500;

/** The agency's mailbox, if the reader may see it: 404 for no agency or no mailbox, 403 for a user who does not administer it. */
async function mailboxFor(db: Queryable, reader: HeldReader, agencyCode: string): Promise<{ agency: AgencyRef; mailbox: MailboxRow }> {
  const agency = await findAgencyRefByCode(db, agencyCode);
  if (!agency) throw notFound('Agency', 'หน่วยงาน');
  if (reader.kind === 'user' && !canAdministerAgency(reader.user, agency.path)) {
    throw forbidden("Only the agency's administrators read the e-mails kept for a person", 'เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่ดูอีเมลที่รอเจ้าหน้าที่ตรวจสอบได้');
  }
  const mailbox = await findMailboxOfAgency(db, agency.id);
  if (!mailbox) throw notFound('Mailbox', 'กล่องอีเมลของหน่วยงาน');
  return { agency, mailbox };
}

const actorOf = (reader: HeldReader): AuditActor => (reader.kind === 'user' ? { userId: reader.user.id, label: reader.user.username } : { userId: null, label: reader.label });

/**
 * The messages kept and not dealt with yet, oldest first, a page at a time: `cursor` is the
 * previous page's `nextCursor` (400 naming query.cursor when it is not one).
 */
export async function listHeldEmails(
  ctx: AppContext,
  reader: HeldReader,
  agencyCode: string,
  page: { cursor?: string | undefined; limit?: number } = {},
): Promise<{ agency: { code: string }; address: string | null; items: HeldEmail[]; nextCursor: string | null }> {
  const limit = page.limit ?? LIST_LIMIT;
  const { agency, mailbox } = await mailboxFor(ctx.db, reader, agencyCode);
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const rows = await listHeldMessages(ctx.db, mailbox.id, after && { heldAt: after.receivedAt, id: after.id }, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    agency: { code: agency.code },
    address: mailbox.address,
    items: items.map((row) => ({ ...row, heldAt: row.heldAt.toISOString() })),
    nextCursor: rows.length > limit && last ? encodeCursor({ receivedAt: last.heldAt, id: last.id }) : null,
  };
}

/** The message as received (RFC 5322), audited; 409 when it was too large to fetch (it is in the mailbox). */
export async function readHeldEmail(ctx: AppContext, reader: HeldReader, agencyCode: string, id: string): Promise<{ fileName: string; bytes: Buffer }> {
  return ctx.db.transaction(async (tx) => {
    const { agency, mailbox } = await mailboxFor(tx, reader, agencyCode);
    const held = await findHeldRaw(tx, mailbox.id, id);
    if (!held) throw notFound('Kept e-mail', 'อีเมลที่เก็บไว้');
    const raw = heldBytes(ctx.protector, held);
    if (!raw) throw conflict('too_large', 'The message was too large to fetch: read it in the mailbox', 'อีเมลมีขนาดใหญ่เกินกว่าจะดึงมาเก็บ กรุณาเปิดอ่านในกล่องอีเมลของหน่วยงาน');
    await recordAudit(tx, { actor: actorOf(reader), action: 'email_message.read', entityType: 'email_message', entityId: id, details: { agencyCode: agency.code, uid: held.uid }, at: ctx.now() });
    return { fileName: `email-${held.uid}.eml`, bytes: raw };
  });
}

/** Marks a kept message dealt with (a person recorded it, or decided it needs nothing): it leaves the list. */
export async function markHeldEmailDealtWith(ctx: AppContext, reader: HeldReader, agencyCode: string, id: string): Promise<{ id: string; dealtWithAt: string }> {
  return ctx.db.transaction(async (tx) => {
    const { agency, mailbox } = await mailboxFor(tx, reader, agencyCode);
    const held = await findHeldRaw(tx, mailbox.id, id, { lock: true });
    if (!held) throw notFound('Kept e-mail', 'อีเมลที่เก็บไว้');
    if (held.dealtWithAt) return { id, dealtWithAt: held.dealtWithAt.toISOString() };
    const now = ctx.now();
    await markHeldDealtWith(tx, id, now);
    await recordAudit(tx, { actor: actorOf(reader), action: 'email_message.dealt_with', entityType: 'email_message', entityId: id, details: { agencyCode: agency.code, uid: held.uid }, at: now });
    return { id, dealtWithAt: now.toISOString() };
  });
}

function heldBytes(protector: DataProtector, held: { id: string; rawCiphertext: string }): Buffer | undefined {
  const { raw } = protector.decryptJson<{ raw: string | null }>(held.rawCiphertext, heldContext(held.id));
  return raw === null ? undefined : Buffer.from(raw, 'base64');
}
