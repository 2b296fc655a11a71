/**
 * The partner registry (ทะเบียนระบบคู่ความร่วมมือ): the other complaint systems this instance
 * exchanges cases with, the agencies of our tree each serves and the sharing agreement that
 * bounds what we send it. System administrators (policy/agency.ts canManagePartners) change it
 * through the API; the operator through `rongthuk partner`. Each change is one transaction with
 * its audit record.
 *
 * The commands live here rather than one a file: they share their checks (agencies, keys) and
 * are small.
 */
import type { z } from 'zod';
import type { AuditDetails } from '../../shared/audit-actions.ts';
import type { NewPartnerSchema, PartnerChangesSchema, PartnerListQuerySchema } from '../../shared/api/exchange.ts';
import { canManagePartners } from '../agencies/policy/agency.ts';
import { findAgencyRefByCode } from '../agencies/queries.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { recordAudit, type AuditActor } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { conflict, forbidden, invalidInput, notFound, type ErrorDetail } from '../platform/errors.ts';
import {
  deletePartner,
  findAgenciesServedElsewhere,
  findPartnerByCode,
  insertPartner,
  listPartnerRecords,
  replacePartnerAgencies,
  updatePartner,
  type PartnerColumns,
  type PartnerRecord,
} from './partner-queries.ts';
import { partnerHasMessages } from './queries.ts';

export type { PartnerRecord } from './partner-queries.ts';
export type NewPartnerInput = z.output<typeof NewPartnerSchema>;
export type PartnerChangesInput = z.output<typeof PartnerChangesSchema>;
export type PartnerListQuery = z.output<typeof PartnerListQuerySchema>;

/** Who changes the registry: a signed-in user (rights checked), or the operator at the command line. */
export type PartnerEditor =
  | { kind: 'user'; user: AuthUser }
  // Whoever runs the command line holds the database and its keys already: no role to check.
  | { kind: 'operator'; label: string };

/** 403 but for system administrators (the operator at the command line is one). */
export function requirePartnerAdministrator(editor: PartnerEditor): void {
  if (editor.kind === 'user' && !canManagePartners(editor.user)) {
    throw forbidden('Only system administrators manage partner systems', 'เฉพาะผู้ดูแลระบบเท่านั้นที่จัดการระบบคู่ความร่วมมือได้');
  }
}

const partnerNotFound = (code: string) => notFound(`Partner ${code}`, `ระบบคู่ความร่วมมือ ${code}`);

/** Partners by code (keyset pages); 403 but for system administrators. */
export async function listPartners(ctx: AppContext, editor: PartnerEditor, query: PartnerListQuery): Promise<{ items: PartnerRecord[]; nextCursor: string | null }> {
  requirePartnerAdministrator(editor);
  const rows = await listPartnerRecords(ctx.db, { afterCode: query.cursor, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.code ?? null) : null };
}

/** One partner; 404 when there is none. */
export async function getPartner(ctx: AppContext, editor: PartnerEditor, code: string): Promise<PartnerRecord> {
  requirePartnerAdministrator(editor);
  const partner = await findPartnerByCode(ctx.db, code);
  if (!partner) throw partnerNotFound(code);
  return partner;
}

/** Registers a partner; 400 naming the field for unknown agencies, 409 for a taken code or an agency another partner serves. */
export async function addPartner(ctx: AppContext, editor: PartnerEditor, input: NewPartnerInput): Promise<PartnerRecord> {
  requirePartnerAdministrator(editor);
  return ctx.db.transaction(async (tx) => {
    const columns: PartnerColumns = {
      name: input.name,
      baseUrl: input.baseUrl ?? null,
      jwksUrl: input.jwksUrl ?? null,
      jwks: input.jwks ?? null,
      identity: input.identity,
      textSharing: input.text,
      attachments: input.attachments,
      active: true,
    };
    const agencyIds = await agencyIdsOf(tx, input.agencies);
    const id = await insertPartner(tx, input.code, input.delivery, columns);
    if (!id) throw conflict('partner_code_taken', `Partner ${input.code} exists already`, `มีระบบคู่ความร่วมมือรหัส ${input.code} อยู่แล้ว`, [{ field: 'code', message: 'already taken', messageTh: 'รหัสนี้มีผู้ใช้แล้ว' }]);
    await refuseServedElsewhere(tx, agencyIds, id);
    await replacePartnerAgencies(tx, id, agencyIds);
    const partner = (await findPartnerByCode(tx, input.code)) ?? missing(input.code);
    await recordAudit(tx, { actor: auditActor(editor), action: 'partner.create', entityType: 'partner', entityId: id, details: { code: partner.code, ...auditEntry(partner) }, at: ctx.now() });
    return partner;
  });
}

/** Changes a partner; only the fields given change (a new jwksUrl replaces inline keys and the other way round). */
export async function changePartner(ctx: AppContext, editor: PartnerEditor, code: string, changes: PartnerChangesInput): Promise<PartnerRecord> {
  requirePartnerAdministrator(editor);
  return ctx.db.transaction(async (tx) => {
    const current = await findPartnerByCode(tx, code, { lock: true });
    if (!current) throw partnerNotFound(code);
    const keysChange = changes.jwksUrl !== undefined || changes.jwks !== undefined;
    if (current.delivery === 'file' && (keysChange || changes.baseUrl !== undefined)) {
      throw invalidInput([{ field: changes.baseUrl !== undefined ? 'baseUrl' : 'jwks', message: 'a partner reached by files has no URL or keys', messageTh: 'ระบบที่แลกเปลี่ยนด้วยไฟล์ไม่มี URL หรือกุญแจสาธารณะ' }]);
    }
    await updatePartner(tx, current.id, {
      name: changes.name ?? current.name,
      baseUrl: changes.baseUrl ?? current.baseUrl,
      jwksUrl: keysChange ? (changes.jwksUrl ?? null) : current.jwksUrl,
      jwks: keysChange ? (changes.jwks ?? null) : current.jwks,
      identity: changes.identity ?? current.identity,
      textSharing: changes.text ?? current.textSharing,
      attachments: changes.attachments ?? current.attachments,
      active: changes.active ?? current.active,
    });
    if (changes.agencies) {
      const agencyIds = await agencyIdsOf(tx, changes.agencies);
      await refuseServedElsewhere(tx, agencyIds, current.id);
      await replacePartnerAgencies(tx, current.id, agencyIds);
    }
    const after = (await findPartnerByCode(tx, code)) ?? missing(code);
    await recordAudit(tx, {
      actor: auditActor(editor),
      action: 'partner.update',
      entityType: 'partner',
      entityId: current.id,
      details: { code, before: auditEntry(current), after: auditEntry(after) },
      at: ctx.now(),
    });
    return after;
  });
}

/**
 * Removes a partner and the agencies it served from the registry; 404 when there is none. A
 * partner that messages or linked cases name is deactivated instead (the log keeps naming it):
 * `removed` says which.
 */
export async function removePartner(ctx: AppContext, editor: PartnerEditor, code: string): Promise<PartnerRecord & { removed: boolean }> {
  requirePartnerAdministrator(editor);
  return ctx.db.transaction(async (tx) => {
    const partner = await findPartnerByCode(tx, code, { lock: true });
    if (!partner) throw partnerNotFound(code);
    if (await partnerHasMessages(tx, partner.id)) {
      await updatePartner(tx, partner.id, { ...partnerColumns(partner), active: false });
      const after = (await findPartnerByCode(tx, code)) ?? missing(code);
      await recordAudit(tx, { actor: auditActor(editor), action: 'partner.update', entityType: 'partner', entityId: partner.id, details: { code, before: auditEntry(partner), after: auditEntry(after) }, at: ctx.now() });
      return { ...after, removed: false };
    }
    await deletePartner(tx, partner.id);
    await recordAudit(tx, { actor: auditActor(editor), action: 'partner.remove', entityType: 'partner', entityId: partner.id, details: { code, ...auditEntry(partner) }, at: ctx.now() });
    return { ...partner, removed: true };
  });
}

function partnerColumns(partner: PartnerRecord): PartnerColumns {
  return {
    name: partner.name,
    baseUrl: partner.baseUrl,
    jwksUrl: partner.jwksUrl,
    jwks: partner.jwks,
    identity: partner.identity,
    textSharing: partner.textSharing,
    attachments: partner.attachments,
    active: partner.active,
  };
}

/** The ids of agency codes, in order, without repeats; 400 naming `agencies.<i>` for each unknown one. */
async function agencyIdsOf(db: Queryable, codes: string[]): Promise<string[]> {
  const ids: string[] = [];
  const problems: ErrorDetail[] = [];
  for (const [index, code] of codes.entries()) {
    const agency = await findAgencyRefByCode(db, code);
    if (!agency) problems.push({ field: `agencies.${index}`, message: `unknown agency ${code}`, messageTh: `ไม่พบหน่วยงาน ${code}` });
    else if (!ids.includes(agency.id)) ids.push(agency.id);
  }
  if (problems.length) throw invalidInput(problems);
  return ids;
}

/** An agency is served by at most one partner: a hand-over to it names one system. */
async function refuseServedElsewhere(db: Queryable, agencyIds: string[], partnerId: string): Promise<void> {
  const taken = await findAgenciesServedElsewhere(db, agencyIds, partnerId);
  if (taken.length === 0) return;
  const list = taken.map((row) => `${row.agencyCode} (${row.partnerCode})`).join(', ');
  throw conflict('agency_served_elsewhere', `Another partner serves ${list}`, `หน่วยงาน ${list} มีระบบคู่ความร่วมมืออื่นรับผิดชอบอยู่แล้ว`, [
    { field: 'agencies', message: `served by another partner: ${list}`, messageTh: `มีระบบคู่ความร่วมมืออื่นรับผิดชอบอยู่แล้ว: ${list}` },
  ]);
}

function auditEntry(partner: PartnerRecord): AuditDetails<'partner.update'>['after'] {
  return {
    name: partner.name,
    delivery: partner.delivery,
    baseUrl: partner.baseUrl,
    jwksUrl: partner.jwksUrl,
    jwksKids: partner.jwks ? partner.jwks.keys.flatMap((key) => (key.kid ? [key.kid] : [])) : null,
    agencies: partner.agencies.map((agency) => agency.code),
    identity: partner.identity,
    text: partner.textSharing,
    attachments: partner.attachments,
    active: partner.active,
  };
}

/** The audit record's actor for who changed the registry or exchanged files. */
export function auditActor(editor: PartnerEditor): AuditActor {
  return editor.kind === 'user' ? { userId: editor.user.id, label: editor.user.username } : { userId: null, label: editor.label };
}

function missing(code: string): never {
  throw new Error(`partner ${code} vanished inside its own transaction`);
}
