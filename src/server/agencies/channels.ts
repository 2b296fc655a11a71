/**
 * ช่องทางรับเรื่องร้องเรียน: the channels an agency offers and what a citizen needs to use each
 * (agency_channels). Anyone reads an agency's active channels; its administrators
 * (policy/agency.ts: a system admin anywhere, an agency admin in their subtree) add, change and
 * remove them, each change one transaction with its audit record. Staff intake names the
 * receiving agency's channel that took a complaint in (checkIntakeChannel).
 */
import { missingContactFields, REQUIRED_FOR_KIND_MESSAGE } from '../../shared/agency-channels.ts';
import type { AgencyChannel, AgencyChannelChanges, AgencyChannelList, AgencyChannelRemoval, NewAgencyChannel } from '../../shared/api/channels.ts';
import type { Channel } from '../../shared/case-model.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { forbidden, invalidInput, notFound } from '../platform/errors.ts';
import {
  countCasesOfChannel,
  deleteAgencyChannel,
  findAgencyChannel,
  insertAgencyChannel,
  listAgencyChannels,
  updateAgencyChannel,
  type AgencyChannelRow,
  type AgencyChannelValues,
} from './channel-queries.ts';
import { canAdministerAgency } from './policy/agency.ts';
import { findAgencyRefByCode, type AgencyRef } from './queries.ts';
import type { AuthUser } from './sessions.ts';

/** The agency by its code, or 404. */
async function agencyOf(db: Queryable, code: string): Promise<AgencyRef> {
  const agency = await findAgencyRefByCode(db, code);
  if (!agency) throw notFound('Agency', 'หน่วยงาน');
  return agency;
}

/** The agency by its code, which `user` must administer: 404, then 403. */
async function administeredAgency(db: Queryable, user: AuthUser, code: string): Promise<AgencyRef> {
  const agency = await agencyOf(db, code);
  if (!canAdministerAgency(user, agency.path)) {
    throw forbidden(
      "Only a system administrator, or the agency administrator for its own agencies, changes an agency's channels",
      'เฉพาะผู้ดูแลระบบ หรือผู้ดูแลหน่วยงานสำหรับหน่วยงานของตนและหน่วยงานในสังกัด เท่านั้นที่แก้ไขช่องทางรับเรื่องร้องเรียนได้',
    );
  }
  return agency;
}

/** The channel `id` of `agency` (locked), or 404. */
async function channelOf(tx: Queryable, agency: AgencyRef, id: string): Promise<AgencyChannelRow> {
  const channel = await findAgencyChannel(tx, id, { lock: true });
  if (!channel || channel.agencyId !== agency.id) throw notFound('Channel', 'ช่องทางรับเรื่อง');
  return channel;
}

/** 400 naming the field a channel of its kind cannot do without. */
function checkContact(values: AgencyChannelValues): void {
  const missing = missingContactFields(values.kind, values);
  if (missing.length) {
    throw invalidInput(missing.map((field) => ({ field, message: REQUIRED_FOR_KIND_MESSAGE, messageTh: 'กรุณาระบุ: จำเป็นสำหรับช่องทางประเภทนี้' })));
  }
}

function present({ agencyId: _agencyId, ...channel }: AgencyChannelRow): AgencyChannel {
  return channel;
}

function valuesOf({ id: _id, agencyId: _agencyId, ...values }: AgencyChannelRow): AgencyChannelValues {
  return values;
}

/**
 * An agency's channels: the active ones for anyone, all of them for its administrators unless
 * `activeOnly` (staff intake offers only channels that take complaints now). 404 for an unknown agency.
 */
export async function listChannels(ctx: AppContext, { user, agencyCode, activeOnly }: { user: AuthUser | null; agencyCode: string; activeOnly: boolean }): Promise<AgencyChannelList> {
  const agency = await agencyOf(ctx.db, agencyCode);
  const canManage = user !== null && canAdministerAgency(user, agency.path);
  const rows = await listAgencyChannels(ctx.db, agency.id, { withInactive: canManage && !activeOnly });
  return { agency: { code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn }, items: rows.map(present), canManage };
}

/** Adds a channel to an agency the user administers. */
export async function createChannel(ctx: AppContext, { user, agencyCode, input }: { user: AuthUser; agencyCode: string; input: NewAgencyChannel }): Promise<AgencyChannel> {
  const values: AgencyChannelValues = {
    kind: input.kind,
    labelTh: input.labelTh,
    labelEn: input.labelEn ?? null,
    phone: input.phone ?? null,
    lineId: input.lineId ?? null,
    facebookUrl: input.facebookUrl ?? null,
    webUrl: input.webUrl ?? null,
    email: input.email ?? null,
    postalAddress: input.postalAddress ?? null,
    location: input.location ?? null,
    openingHours: input.openingHours ?? null,
    position: input.position ?? 0,
    active: input.active ?? true,
  };
  checkContact(values);
  return ctx.db.transaction(async (tx) => {
    const agency = await administeredAgency(tx, user, agencyCode);
    const id = await insertAgencyChannel(tx, agency.id, values, ctx.now());
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'agency_channel.create',
      entityType: 'agency_channel',
      entityId: id,
      details: { agencyCode: agency.code, ...values },
      at: ctx.now(),
    });
    return { id, ...values };
  });
}

/**
 * Changes a channel. Its kind stays while cases name it: they were taken in through a channel
 * of that kind, and the report counts them under it.
 */
export async function updateChannel(
  ctx: AppContext,
  { user, agencyCode, id, changes }: { user: AuthUser; agencyCode: string; id: string; changes: AgencyChannelChanges },
): Promise<AgencyChannel> {
  return ctx.db.transaction(async (tx) => {
    const agency = await administeredAgency(tx, user, agencyCode);
    const channel = await channelOf(tx, agency, id);
    const before = valuesOf(channel);
    const after: AgencyChannelValues = { ...before };
    for (const [key, value] of Object.entries(changes) as Array<[keyof AgencyChannelValues, never]>) if (value !== undefined) after[key] = value;
    checkContact(after);
    if (after.kind !== before.kind && (await countCasesOfChannel(tx, id)) > 0) {
      throw invalidInput([
        { field: 'kind', message: 'cases were taken in through this channel: add a channel of the other kind instead', messageTh: 'มีเรื่องที่รับผ่านช่องทางนี้แล้ว เปลี่ยนประเภทไม่ได้ กรุณาเพิ่มช่องทางใหม่แทน' },
      ]);
    }
    await updateAgencyChannel(tx, id, after);
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'agency_channel.update',
      entityType: 'agency_channel',
      entityId: id,
      details: { agencyCode: agency.code, before, after },
      at: ctx.now(),
    });
    return { id, ...after };
  });
}

/** Removes a channel: deleted when no case names it, deactivated otherwise (the cases and the report keep it). */
export async function removeChannel(ctx: AppContext, { user, agencyCode, id }: { user: AuthUser; agencyCode: string; id: string }): Promise<AgencyChannelRemoval> {
  return ctx.db.transaction(async (tx) => {
    const agency = await administeredAgency(tx, user, agencyCode);
    const channel = await channelOf(tx, agency, id);
    const outcome = (await countCasesOfChannel(tx, id)) > 0 ? 'deactivated' : 'deleted';
    if (outcome === 'deleted') await deleteAgencyChannel(tx, id);
    else await updateAgencyChannel(tx, id, { ...valuesOf(channel), active: false });
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'agency_channel.remove',
      entityType: 'agency_channel',
      entityId: id,
      details: { agencyCode: agency.code, kind: channel.kind, labelTh: channel.labelTh, outcome },
      at: ctx.now(),
    });
    return { outcome };
  });
}

/**
 * The receiving agency's channel that took a complaint in, as staff intake names it: one of
 * that agency's active channels, of the case's kind. 400 naming `agencyChannelId` otherwise.
 */
export async function checkIntakeChannel(tx: Queryable, { id, agencyId, channel }: { id: string; agencyId: string; channel: Channel }): Promise<string> {
  const found = await findAgencyChannel(tx, id);
  const problem =
    !found || found.agencyId !== agencyId
      ? { message: 'not a channel of the receiving agency', messageTh: 'ไม่ใช่ช่องทางรับเรื่องของหน่วยงานที่รับเรื่อง' }
      : !found.active
        ? { message: 'the channel is no longer in use', messageTh: 'ช่องทางนี้เลิกใช้แล้ว' }
        : found.kind !== channel
          ? { message: `the channel is of kind ${found.kind}, not ${channel}`, messageTh: 'ประเภทของช่องทางไม่ตรงกับช่องทางที่รับเรื่อง' }
          : undefined;
  if (problem) throw invalidInput([{ field: 'agencyChannelId', ...problem }]);
  return id;
}
