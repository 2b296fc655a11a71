/**
 * The apps that file through Open311 (แอปพลิเคชันภายนอก): registered by a system administrator
 * (API) or the operator (`rongthuk open311 key add`), each given an api_key shown once — only
 * its hash is kept. Revoking a key stops the app at once; its cases keep its name.
 */
import { randomBytes } from 'node:crypto';
import type { Open311App } from '../../shared/api/open311.ts';
import { canManageOpen311Apps } from '../agencies/policy/agency.ts';
import { auditActor, type PartnerEditor } from '../exchange/partners.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { sha256Hex } from '../platform/crypto.ts';
import type { Queryable } from '../platform/database.ts';
import { conflict, forbidden, notFound } from '../platform/errors.ts';
import {
  findActiveOpen311AppByKeyHash,
  findOpen311AppByName,
  insertOpen311App,
  listOpen311AppRecords,
  markOpen311AppRevoked,
  type Open311AppRecord,
} from './app-queries.ts';

/** Who manages the apps: a signed-in user (a system administrator) or the operator at the command line, as for partners. */
export type Open311Editor = PartnerEditor;

const KEY_PREFIX = 'o311_';
/** How many characters of a key (after its prefix) a list shows to tell keys apart. */
const SHOWN_KEY_CHARACTERS = 6;

function requireAppAdministrator(editor: Open311Editor): void {
  if (editor.kind === 'user' && !canManageOpen311Apps(editor.user)) {
    throw forbidden('Only system administrators manage Open311 apps', 'เฉพาะผู้ดูแลระบบเท่านั้นที่จัดการแอปพลิเคชันภายนอก (Open311) ได้');
  }
}

/** The hash an api_key is stored and looked up by. */
export function open311KeyHash(apiKey: string): string {
  return sha256Hex(apiKey.trim());
}

export function presentOpen311App(app: Open311AppRecord): Open311App {
  return { id: app.id, name: app.name, keyPrefix: app.keyPrefix, createdAt: app.createdAt.toISOString(), revokedAt: app.revokedAt?.toISOString() ?? null };
}

/** Registers an app and issues its api_key (returned once); 409 when the name is taken. */
export async function addOpen311App(ctx: AppContext, editor: Open311Editor, name: string): Promise<{ app: Open311AppRecord; apiKey: string }> {
  requireAppAdministrator(editor);
  const apiKey = KEY_PREFIX + randomBytes(24).toString('base64url');
  const keyPrefix = apiKey.slice(0, KEY_PREFIX.length + SHOWN_KEY_CHARACTERS);
  return ctx.db.transaction(async (tx) => {
    const app = await insertOpen311App(tx, { name, keyHash: open311KeyHash(apiKey), keyPrefix, now: ctx.now() });
    if (!app) throw conflict('open311_app_exists', `An app named ${name} is registered already`, `มีแอปพลิเคชันชื่อ ${name} ลงทะเบียนไว้แล้ว`, [{ field: 'name', message: 'taken', messageTh: 'ชื่อนี้ถูกใช้แล้ว' }]);
    await recordAudit(tx, { actor: auditActor(editor), action: 'open311_app.create', entityType: 'open311_app', entityId: app.id, details: { name, keyPrefix }, at: ctx.now() });
    return { app, apiKey };
  });
}

export async function listOpen311Apps(ctx: AppContext, editor: Open311Editor): Promise<Open311AppRecord[]> {
  requireAppAdministrator(editor);
  return listOpen311AppRecords(ctx.db);
}

/** Revokes the app's key: it can no longer file. 404 for an unknown app; revoking twice changes nothing. */
export async function revokeOpen311App(ctx: AppContext, editor: Open311Editor, name: string): Promise<Open311AppRecord> {
  requireAppAdministrator(editor);
  return ctx.db.transaction(async (tx) => {
    const app = await findOpen311AppByName(tx, name, { lock: true });
    if (!app) throw notFound(`Open311 app ${name}`, `แอปพลิเคชัน ${name}`);
    if (app.revokedAt) return app;
    const revoked = (await markOpen311AppRevoked(tx, app.id, ctx.now())) ?? app;
    await recordAudit(tx, { actor: auditActor(editor), action: 'open311_app.revoke', entityType: 'open311_app', entityId: app.id, details: { name, keyPrefix: app.keyPrefix }, at: ctx.now() });
    return revoked;
  });
}

/** The app an api_key belongs to, when the key is one we issued and it is not revoked. */
export async function findAppByKey(db: Queryable, apiKey: string | undefined): Promise<Open311AppRecord | undefined> {
  if (!apiKey?.trim()) return undefined;
  return findActiveOpen311AppByKeyHash(db, open311KeyHash(apiKey));
}
