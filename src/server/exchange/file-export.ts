/**
 * The export of a file partner's messages (an agency whose system has no API yet: the
 * Interior Ministry's words, they join when their system is ready). The outbox queues their
 * messages as it does an API partner's; an export takes the queued ones, oldest first, signs
 * each with the time of the export (so the file can be checked like a delivery, and the
 * agency's system can take the JSON later), marks them `exported` and writes the audit record,
 * all in one transaction: a message is in one export only.
 *
 * - On demand: GET /api/v1/partners/{code}/export and `rongthuk exchange export` (system
 *   administrators, the operator).
 * - Every hour (`exchange.file-export`): each active file partner's waiting messages go to
 *   `<dataDir>/exchange/<code>/<UTC time>.json` and `.csv`, each written under another name and
 *   renamed into place, before the transaction commits — a crash between the two leaves the
 *   messages queued and exported again next time (the receiver keeps a message id once), never
 *   marked exported without a file.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ExchangeMessageSchema } from '../../shared/api/exchange-messages.ts';
import type { ExchangeExportFormat } from '../../shared/api/exchange.ts';
import { recordAudit, type AuditActor } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { invalidInput, notFound } from '../platform/errors.ts';
import { defineSweepJob } from '../platform/jobs.ts';
import { exportCsv, exportJson, type ExportBatch, type ExportItem } from './export-files.ts';
import { findCaseLabels, listActiveFilePartnerCodes } from './file-exchange-queries.ts';
import { instanceKeyOf } from './instance-key.ts';
import { findPartnerByCode, type PartnerRecord } from './partner-queries.ts';
import { auditActor, requirePartnerAdministrator, type PartnerEditor } from './partners.ts';
import { listQueuedOutbound, recordDelivery } from './queries.ts';
import { signEnvelope } from './signing.ts';

export const FILE_EXPORT_JOB = 'exchange.file-export';
/** Messages in one file: a transfer may carry its files (base64), so a file stays of a size to send. */
export const EXPORT_BATCH = 500;

export interface ExportFile {
  fileName: string;
  contentType: string;
  content: string;
  messages: number;
  more: boolean;
}

/**
 * A file partner's waiting messages as one file; 404 for no such partner, 400 naming `code`
 * for a partner reached by its API. An export with nothing waiting is a file with only its
 * header. `write`, when given, puts the file where it goes inside the transaction: if that
 * fails, nothing is marked exported (the command line's --out).
 */
export async function exportPartnerMessages(
  ctx: AppContext,
  editor: PartnerEditor,
  code: string,
  format: ExchangeExportFormat,
  write?: (file: ExportFile) => Promise<void>,
): Promise<ExportFile> {
  requirePartnerAdministrator(editor);
  return ctx.db.transaction(async (tx) => {
    const partner = await findPartnerByCode(tx, code, { lock: true });
    if (!partner) throw notFound(`Partner ${code}`, `ระบบคู่ความร่วมมือ ${code}`);
    requireFilePartner(partner);
    const batch = await takeExport(tx, ctx, partner, ctx.now());
    await auditExport(tx, auditActor(editor), partner, batch, format);
    const file: ExportFile = {
      fileName: `${partner.code}-${fileStamp(batch.exportedAt)}.${format}`,
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      content: format === 'csv' ? exportCsv(batch) : exportJson(batch),
      messages: batch.items.length,
      more: batch.more,
    };
    if (write) await write(file);
    return file;
  });
}

/** 400 naming `code` for a partner reached by its API: its messages are delivered, not exported. */
export function requireFilePartner(partner: PartnerRecord): void {
  if (partner.delivery === 'file') return;
  throw invalidInput([
    { field: 'code', message: `partner ${partner.code} is reached by its API, not by files`, messageTh: `ระบบคู่ความร่วมมือ ${partner.code} รับส่งข้อความผ่าน API ไม่ใช่ด้วยไฟล์` },
  ]);
}

/** Takes the partner's waiting messages (at most EXPORT_BATCH), signed and marked exported, in the caller's transaction. */
async function takeExport(tx: Queryable, ctx: AppContext, partner: PartnerRecord, at: Date): Promise<ExportBatch> {
  const waiting = await listQueuedOutbound(tx, partner.id, EXPORT_BATCH + 1);
  const taken = waiting.slice(0, EXPORT_BATCH);
  const labels = await findCaseLabels(tx, taken.flatMap((message) => (message.caseId ? [message.caseId] : [])));
  const key = await instanceKeyOf(ctx);
  const items: ExportItem[] = [];
  for (const stored of taken) {
    const message = ExchangeMessageSchema.parse({ ...stored.envelope, sentAt: at.toISOString() });
    const jws = await signEnvelope(key, message);
    await recordDelivery(tx, stored.id, { state: 'exported', jws, at, countAttempt: true });
    const label = stored.caseId ? labels.get(stored.caseId) : undefined;
    const transfer = message.type === 'case.transfer' ? message.body : undefined;
    items.push({ message, jws, trackingCode: transfer?.trackingCode ?? label?.trackingCode ?? null, agencyCode: transfer?.agencyCode ?? label?.holderAgencyCode ?? null });
  }
  return { instance: ctx.config.instanceCode, partner: { code: partner.code, name: partner.name }, exportedAt: at, items, more: waiting.length > EXPORT_BATCH };
}

async function auditExport(tx: Queryable, actor: AuditActor, partner: PartnerRecord, batch: ExportBatch, format: ExchangeExportFormat): Promise<void> {
  const cases = new Set(batch.items.map((item) => item.message.thread.ref)).size;
  await recordAudit(tx, {
    actor,
    action: 'exchange.export',
    entityType: 'partner',
    entityId: partner.id,
    details: { partner: partner.code, cases, messages: batch.items.length, format },
    at: batch.exportedAt,
  });
}

/**
 * The scheduled export: every active file partner's waiting messages to files; returns how
 * many messages went. A partner whose files cannot be written (a full disk, a folder's rights)
 * does not hold up the others: the job fails after the round, naming it, and is retried.
 */
export async function writeScheduledExports(ctx: AppContext): Promise<number> {
  let exported = 0;
  const failures: string[] = [];
  for (const code of await listActiveFilePartnerCodes(ctx.db)) {
    try {
      for (;;) {
        const batch = await writePartnerFiles(ctx, code);
        exported += batch?.items.length ?? 0;
        if (!batch?.more) break;
      }
    } catch (error) {
      failures.push(`${code}: ${(error as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`the export of ${failures.join('; ')}`);
  return exported;
}

/** One file pair of a partner's waiting messages, or nothing when none wait. */
async function writePartnerFiles(ctx: AppContext, code: string): Promise<ExportBatch | null> {
  return ctx.db.transaction(async (tx) => {
    const partner = await findPartnerByCode(tx, code, { lock: true });
    if (!partner?.active || partner.delivery !== 'file') return null;
    const batch = await takeExport(tx, ctx, partner, ctx.now());
    if (batch.items.length === 0) return null;
    const folder = path.join(ctx.config.dataDir, 'exchange', partner.code);
    const stem = freeStem(folder, fileStamp(batch.exportedAt));
    await writeFileAtomically(path.join(folder, `${stem}.json`), exportJson(batch));
    await writeFileAtomically(path.join(folder, `${stem}.csv`), exportCsv(batch));
    const system = { userId: null, label: 'system' };
    await auditExport(tx, system, partner, batch, 'json');
    await auditExport(tx, system, partner, batch, 'csv');
    return batch;
  });
}

/** `20250101T120000Z`: UTC, sortable, and a valid file name everywhere (no colons). */
function fileStamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** The stem, or with -2, -3 … when a file of that time exists (several files in one second). */
function freeStem(folder: string, stem: string): string {
  let candidate = stem;
  for (let n = 2; existsSync(path.join(folder, `${candidate}.json`)) || existsSync(path.join(folder, `${candidate}.csv`)); n += 1) candidate = `${stem}-${n}`;
  return candidate;
}

/** Written under another name, synced and renamed into place: a reader never sees half a file. Mode 600: it holds personal data. */
async function writeFileAtomically(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** `exchange.file-export`, every hour. */
export const fileExportSweep = defineSweepJob(FILE_EXPORT_JOB, 3600, writeScheduledExports);
