/**
 * An agency's mailbox for complaints (กล่องอีเมลรับเรื่องร้องเรียน): connected by the operator
 * (`rongthuk channel email`), listed among the agency's channels as one of kind 'email' with the
 * address citizens write to, its IMAP URL sealed with the data key. One transaction with its
 * audit records. Connecting again replaces the URL (a new password) and keeps the channel.
 */
import { randomUUID } from 'node:crypto';
import { findAgencyChannel, insertAgencyChannel, updateAgencyChannel, type AgencyChannelValues } from '../../agencies/channel-queries.ts';
import { findAgencyRefByCode } from '../../agencies/queries.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalidInput, notFound } from '../../platform/errors.ts';
import { describeImapAddress, isImapUrlProblem, parseImapUrl } from './imap-url.ts';
import { findMailboxOfAgency, insertMailbox, updateMailbox } from './mailbox-queries.ts';
import { mailboxContext } from './poll-mailboxes.ts';

export interface ConnectMailboxInput {
  agencyCode: string;
  imapUrl: string;
  /** The address citizens write to; default the IMAP user when it is an address. */
  address?: string | undefined;
}

export interface ConnectedMailbox {
  agencyCode: string;
  address: string;
  /** The mailbox without its password. */
  mailbox: string;
  replaced: boolean;
}

const ADDRESS = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;

/** Connects (or reconnects) an agency's mailbox; 400 naming `imap`, `address` or `agency` for bad input. */
export async function connectMailbox(ctx: AppContext, actor: AuditActor, input: ConnectMailboxInput): Promise<ConnectedMailbox> {
  const address = parseImapUrl(input.imapUrl);
  if (isImapUrlProblem(address)) throw invalidInput([{ field: 'imap', ...address }]);
  const email = (input.address ?? address.user).trim().toLowerCase();
  if (!ADDRESS.test(email)) {
    throw invalidInput([
      {
        field: 'address',
        message: 'the address citizens write to: give --address when the IMAP user is not an e-mail address',
        messageTh: 'กรุณาระบุอีเมลที่ประชาชนส่งเรื่องมา (--address) เมื่อชื่อผู้ใช้ IMAP ไม่ใช่อีเมล',
      },
    ]);
  }
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgencyRefByCode(tx, input.agencyCode);
    if (!agency) throw notFound(`Agency ${input.agencyCode}`, `หน่วยงาน ${input.agencyCode}`);
    const now = ctx.now();
    const existing = await findMailboxOfAgency(tx, agency.id, { lock: true });
    const channel = existing?.agencyChannelId ? await findAgencyChannel(tx, existing.agencyChannelId, { lock: true }) : undefined;
    const values: AgencyChannelValues = {
      kind: 'email',
      labelTh: `อีเมล ${email}`,
      labelEn: `E-mail ${email}`,
      phone: null,
      lineId: null,
      facebookUrl: null,
      webUrl: null,
      email,
      postalAddress: null,
      location: null,
      openingHours: null,
      position: channel?.position ?? 0,
      active: true,
    };
    let channelId: string;
    if (channel) {
      const { id: _id, agencyId: _agencyId, ...before } = channel;
      channelId = channel.id;
      await updateAgencyChannel(tx, channelId, values);
      await recordAudit(tx, { actor, action: 'agency_channel.update', entityType: 'agency_channel', entityId: channelId, details: { agencyCode: agency.code, before, after: values }, at: now });
    } else {
      channelId = await insertAgencyChannel(tx, agency.id, values, now);
      await recordAudit(tx, { actor, action: 'agency_channel.create', entityType: 'agency_channel', entityId: channelId, details: { agencyCode: agency.code, ...values }, at: now });
    }
    const id = existing?.id ?? randomUUID();
    const sealed = ctx.protector.encryptJson({ url: input.imapUrl.trim() }, mailboxContext(id));
    if (existing) await updateMailbox(tx, id, { agencyChannelId: channelId, imapUrlCiphertext: sealed, folder: address.folder, now });
    else await insertMailbox(tx, { id, agencyId: agency.id, agencyChannelId: channelId, imapUrlCiphertext: sealed, folder: address.folder, now });
    await recordAudit(tx, {
      actor,
      action: 'email_mailbox.connect',
      entityType: 'email_mailbox',
      entityId: id,
      details: { agencyCode: agency.code, channelId, folder: address.folder, replaced: existing !== undefined },
      at: now,
    });
    return { agencyCode: agency.code, address: email, mailbox: describeImapAddress(address), replaced: existing !== undefined };
  });
}
