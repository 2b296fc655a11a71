/**
 * A file partner's status updates from CSV (POST /api/v1/partners/{code}/import and
 * `rongthuk exchange import`): one row a step the agency took on a case we sent it — accepted,
 * returned, replied, info_requested, extended, progress, resolved, closed (the holder's message
 * types without `case.`; columns in EXCHANGE_IMPORT_COLUMNS).
 *
 * Every row is checked before any is applied: a case unknown or not held by this partner, a
 * type it cannot be, a field the type needs missing or one it does not take, a bad date, text
 * that cannot be stored — each refused as `rows.<n>.<column>` (n counts data rows from 1), and
 * nothing is applied. Otherwise the rows are applied in one transaction, in file order, as
 * messages of the protocol from the partner (applyMessage, the code that applies signed ones),
 * each stored in the message log unsigned (jws null) so the case's exchange trail shows it.
 */
import { randomUUID } from 'node:crypto';
import { EXCHANGE_BODIES, EXCHANGE_PROTOCOL, ExchangeMessageSchema, HOLDER_MESSAGE_TYPES } from '../../shared/api/exchange-messages.ts';
import { EXCHANGE_IMPORT_COLUMNS, type ExchangeImportAnswer, type ExchangeImportColumn } from '../../shared/api/exchange.ts';
import { normaliseTrackingCode } from '../../shared/tracking-code.ts';
import { loadCase } from '../cases/queries.ts';
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { readCsvRecords } from '../platform/csv-body.ts';
import type { Queryable } from '../platform/database.ts';
import { conflict, invalidInput, notFound, type ErrorDetail } from '../platform/errors.ts';
import { thaiIssueMessage, type ValidationIssue } from '../platform/thai-messages.ts';
import { dateOrInstant, UNSTORABLE_TEXT_MESSAGES, unstorableTextProblem } from '../platform/validation.ts';
import { applyMessage } from './apply.ts';
import { requireFilePartner } from './file-export.ts';
import { findPartnerByCode, type PartnerRecord } from './partner-queries.ts';
import { auditActor, requirePartnerAdministrator, type PartnerEditor } from './partners.ts';
import { findLinkByThread, findPartnerKeys, insertMessage, listCaseLinks, lockThread, setLastInSeq, type PartnerKeys } from './queries.ts';

/** Rows one file may bring: a day's updates of an agency, applied in one transaction. */
export const MAX_IMPORT_ROWS = 2000;
/** Problems named in one refusal. */
const MAX_PROBLEMS = 200;
/** How far in the future `at` may lie: the clocks of a clerk's computer and ours. */
const FUTURE_SKEW_MS = 5 * 60_000;

type HolderType = (typeof HOLDER_MESSAGE_TYPES)[number];
type BodyField = 'message' | 'reason' | 'result' | 'dueDate';

/** The types a file names, without `case.`. */
const TYPE_OF_NAME = new Map<string, HolderType>(HOLDER_MESSAGE_TYPES.map((type) => [type.slice('case.'.length), type]));
const COLUMN_OF_FIELD: Record<BodyField, ExchangeImportColumn> = { message: 'message', reason: 'reason', result: 'result', dueDate: 'due_date' };
const REQUIRED_COLUMNS: readonly ExchangeImportColumn[] = ['reference', 'type'];
const AtSchema = dateOrInstant();

/** A row found good: what applying it takes. */
interface CheckedRow {
  caseId: string;
  thread: { origin: string; ref: string };
  type: HolderType;
  body: Partial<Record<BodyField, string>>;
  createdAt: string;
}

/** Applies a file partner's status updates: all rows, or none and 400 naming `rows.<n>.<column>`. */
export async function importPartnerUpdates(ctx: AppContext, editor: PartnerEditor, code: string, csv: string): Promise<ExchangeImportAnswer> {
  requirePartnerAdministrator(editor);
  const rows = readImportRows(csv);
  return ctx.db.transaction(async (tx) => {
    const partner = await findPartnerByCode(tx, code, { lock: true });
    if (!partner) throw notFound(`Partner ${code}`, `ระบบคู่ความร่วมมือ ${code}`);
    requireFilePartner(partner);
    if (!partner.active) throw conflict('partner_inactive', `Partner ${code} is inactive: activate it to import its updates`, `ระบบคู่ความร่วมมือ ${code} ถูกปิดใช้งานอยู่ กรุณาเปิดใช้งานก่อนนำเข้าข้อมูล`);
    const now = ctx.now();
    const checked = await checkRows(tx, partner, rows, now);
    const keys = (await findPartnerKeys(tx, code)) ?? missing(code);
    for (const row of checked) await applyRow(tx, ctx, keys, row, now);
    await recordAudit(tx, {
      actor: auditActor(editor),
      action: 'exchange.import',
      entityType: 'partner',
      entityId: partner.id,
      details: { partner: partner.code, rows: rows.length, applied: checked.length },
      at: now,
    });
    return { rows: rows.length, applied: checked.length };
  });
}

type ImportRow = { number: number; cells: Partial<Record<ExchangeImportColumn, string>>; extra: boolean };

/** The data rows by column name (trimmed; an empty cell is no value); 400 for a header that is not the import's. */
function readImportRows(csv: string): ImportRow[] {
  const [header, ...records] = readCsvRecords(csv);
  if (!header) throw invalidInput([{ field: 'body', message: `empty file: the first row names the columns (${EXCHANGE_IMPORT_COLUMNS.join(', ')})`, messageTh: 'ไฟล์ว่างเปล่า แถวแรกต้องเป็นชื่อคอลัมน์' }]);
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const problems: ErrorDetail[] = [];
  names.forEach((name, index) => {
    if (!(EXCHANGE_IMPORT_COLUMNS as readonly string[]).includes(name)) {
      problems.push({ field: `columns.${name || index + 1}`, message: `unknown column: the columns are ${EXCHANGE_IMPORT_COLUMNS.join(', ')}`, messageTh: `ไม่รู้จักคอลัมน์นี้ คอลัมน์ที่รับได้คือ ${EXCHANGE_IMPORT_COLUMNS.join(', ')}` });
    } else if (names.indexOf(name) !== index) {
      problems.push({ field: `columns.${name}`, message: 'the column is given twice', messageTh: 'คอลัมน์นี้ซ้ำกัน' });
    }
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!names.includes(name)) problems.push({ field: `columns.${name}`, message: 'missing column', messageTh: 'ไม่มีคอลัมน์นี้ในไฟล์' });
  }
  if (records.length > MAX_IMPORT_ROWS) {
    problems.push({ field: 'body', message: `at most ${MAX_IMPORT_ROWS} rows a file: split it`, messageTh: `ไฟล์หนึ่งมีได้ไม่เกิน ${MAX_IMPORT_ROWS} แถว กรุณาแบ่งเป็นหลายไฟล์` });
  }
  if (problems.length) throw invalidInput(problems);
  return records.map((record, index) => {
    const cells: ImportRow['cells'] = {};
    names.forEach((name, column) => {
      const value = record.fields[column]?.trim();
      if (value) cells[name as ExchangeImportColumn] = value;
    });
    return { number: index + 1, cells, extra: record.fields.slice(names.length).some((cell) => cell.trim() !== '') };
  });
}

/** Every row checked against our cases and the protocol; 400 with every problem found, or the rows to apply. */
async function checkRows(tx: Queryable, partner: PartnerRecord, rows: readonly ImportRow[], now: Date): Promise<CheckedRow[]> {
  const problems: ErrorDetail[] = [];
  const threads = new Map<string, { caseId: string; thread: CheckedRow['thread'] } | ErrorDetail>();
  const checked: CheckedRow[] = [];
  for (const row of rows) {
    const at = (column: string) => `rows.${row.number}.${column}`;
    const before = problems.length;
    if (row.extra) problems.push({ field: `rows.${row.number}`, message: 'more cells than the header has columns', messageTh: 'แถวนี้มีจำนวนช่องมากกว่าคอลัมน์ในแถวหัวตาราง' });
    for (const [column, value] of Object.entries(row.cells)) {
      const problem = unstorableTextProblem(value);
      if (problem) problems.push({ field: at(column), ...UNSTORABLE_TEXT_MESSAGES[problem] });
    }
    const reference = row.cells.reference;
    let target: { caseId: string; thread: CheckedRow['thread'] } | undefined;
    if (!reference) problems.push({ field: at('reference'), message: 'required: our case id or tracking code', messageTh: 'กรุณาระบุเลขอ้างอิงหรือเลขติดตามเรื่องของระบบนี้' });
    else {
      const found = threads.get(reference) ?? (await findHeldCase(tx, partner, reference));
      threads.set(reference, found);
      if ('caseId' in found) target = found;
      else problems.push({ ...found, field: at('reference') });
    }
    const type = row.cells.type === undefined ? undefined : TYPE_OF_NAME.get(row.cells.type.toLowerCase().replace(/^case\./, ''));
    if (!type) {
      const names = [...TYPE_OF_NAME.keys()].join(', ');
      problems.push({ field: at('type'), message: row.cells.type ? `unknown type: one of ${names}` : `required: one of ${names}`, messageTh: `กรุณาระบุประเภทเป็นค่าใดค่าหนึ่ง: ${names}` });
    }
    const body = type ? checkBody(type, row, problems) : undefined;
    const createdAt = checkAt(row, now, problems);
    if (problems.length === before && target && type && body && createdAt) checked.push({ ...target, type, body, createdAt });
  }
  if (problems.length) {
    throw invalidInput(problems.slice(0, MAX_PROBLEMS), `${problems.length} problem(s) in the file: nothing was imported`);
  }
  return checked;
}

/** The case `reference` names (our id or tracking code), if this partner holds it for us. */
async function findHeldCase(tx: Queryable, partner: PartnerRecord, reference: string): Promise<{ caseId: string; thread: CheckedRow['thread'] } | ErrorDetail> {
  const trackingCode = normaliseTrackingCode(reference);
  const key = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reference) ? { id: reference.toLowerCase() } : trackingCode ? { trackingCode } : undefined;
  const record = key ? await loadCase(tx, key) : undefined;
  if (!record) return { message: `no case ${reference} here`, messageTh: `ไม่พบเรื่อง ${reference} ในระบบนี้` };
  const link = (await listCaseLinks(tx, record.id)).find((candidate) => candidate.partnerId === partner.id && candidate.direction === 'sent' && candidate.active);
  if (!link) return { message: `case ${reference} is not held by partner ${partner.code}`, messageTh: `เรื่อง ${reference} ไม่ได้ส่งให้ ${partner.name} ดำเนินการ` };
  return { caseId: record.id, thread: { origin: link.threadOrigin, ref: link.threadRef } };
}

/** The message body of the row's type: the columns it needs, none it does not take. */
function checkBody(type: HolderType, row: ImportRow, problems: ErrorDetail[]): CheckedRow['body'] | undefined {
  const schema = EXCHANGE_BODIES[type];
  const takes = Object.keys(schema.shape);
  const name = type.slice('case.'.length);
  const body: CheckedRow['body'] = {};
  let fine = true;
  for (const [field, column] of Object.entries(COLUMN_OF_FIELD) as Array<[BodyField, ExchangeImportColumn]>) {
    const value = row.cells[column];
    if (value === undefined) continue;
    if (takes.includes(field)) body[field] = value;
    else {
      fine = false;
      problems.push({ field: `rows.${row.number}.${column}`, message: `${name} takes no ${column}: leave it empty`, messageTh: `ประเภท ${name} ไม่ใช้ช่อง ${column} กรุณาเว้นว่าง` });
    }
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return fine ? body : undefined;
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as BodyField;
    const column = COLUMN_OF_FIELD[field];
    const input = body[field];
    const missing = input === undefined;
    problems.push({
      field: `rows.${row.number}.${column}`,
      message: missing ? `required for ${name}` : column === 'due_date' ? 'must be a date written YYYY-MM-DD' : issue.message,
      messageTh: missing ? `ประเภท ${name} ต้องระบุช่อง ${column}` : thaiIssueMessage({ ...(issue as ValidationIssue), input }),
    });
  }
  return undefined;
}

/** When the step happened at the agency (default: now), not in the future. */
function checkAt(row: ImportRow, now: Date, problems: ErrorDetail[]): string | undefined {
  const value = row.cells.at;
  if (value === undefined) return now.toISOString();
  const parsed = AtSchema.safeParse(value);
  // A date alone is that day in Bangkok.
  const at = parsed.success ? new Date(value.length === 10 ? `${value}T00:00:00+07:00` : value) : undefined;
  if (!at) {
    problems.push({ field: `rows.${row.number}.at`, message: 'must be a date (YYYY-MM-DD) or a date and time with its offset (ISO 8601)', messageTh: 'ต้องเป็นวันที่ (YYYY-MM-DD) หรือวันเวลาตามรูปแบบ ISO 8601' });
    return undefined;
  }
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    problems.push({ field: `rows.${row.number}.at`, message: 'must not be in the future', messageTh: 'ต้องไม่เป็นเวลาในอนาคต' });
    return undefined;
  }
  return at.toISOString();
}

/**
 * A checked row as the partner's next message of the case's thread, applied like a signed one
 * and kept in the message log unsigned. The file carries no reference of the partner's own:
 * the message names the case by ours.
 */
async function applyRow(tx: Queryable, ctx: AppContext, partner: PartnerKeys, row: CheckedRow, now: Date): Promise<void> {
  await lockThread(tx, partner.id, row.thread);
  const link = await findLinkByThread(tx, partner.id, row.thread, { lock: true });
  if (!link) throw new Error(`the link of case ${row.caseId} vanished inside its own transaction`);
  const seq = link.lastInSeq + 1;
  const message = ExchangeMessageSchema.parse({
    protocol: EXCHANGE_PROTOCOL,
    id: randomUUID(),
    from: partner.code,
    to: ctx.config.instanceCode,
    thread: row.thread,
    seq,
    createdAt: row.createdAt,
    sentAt: now.toISOString(),
    senderRef: link.remoteReference ?? link.threadRef,
    type: row.type,
    body: row.body,
  });
  const applied = await applyMessage(tx, ctx, { partner, message, link, files: [] });
  await insertMessage(tx, {
    direction: 'in',
    messageId: message.id,
    partnerId: partner.id,
    caseId: applied.caseId ?? link.caseId,
    type: message.type,
    thread: message.thread,
    seq,
    envelope: message,
    jws: null,
    state: 'applied',
    answer: { id: message.id, status: 'applied' },
    at: now,
  });
  await setLastInSeq(tx, link.caseId, partner.id, seq);
}

function missing(code: string): never {
  throw new Error(`partner ${code} vanished inside its own transaction`);
}
