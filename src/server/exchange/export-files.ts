/**
 * A file partner's export as files (pure): JSON with the messages as signed, and CSV for a
 * clerk's spreadsheet — one row a message, the body flattened into columns. The complainant's
 * columns appear only when a message of the file carries them: the sharing agreement decided
 * what went into the messages, and the file shows no more.
 */
import { EXCHANGE_PROTOCOL, type ExchangeExportFile, type ExchangeMessage } from '../../shared/api/exchange-messages.ts';
import { spreadsheetCsv } from '../../shared/csv.ts';

/** One message of an export, with what a clerk looks a case up by. */
export interface ExportItem {
  message: ExchangeMessage;
  jws: string;
  /** Our tracking code of the case and the agency of ours holding it (what a transfer's body says, else the case's now). */
  trackingCode: string | null;
  agencyCode: string | null;
}

export interface ExportBatch {
  instance: string;
  partner: { code: string; name: string };
  exportedAt: Date;
  items: ExportItem[];
  /** More messages wait than one file holds. */
  more: boolean;
}

export function exportJson(batch: ExportBatch): string {
  const file: ExchangeExportFile = {
    protocol: EXCHANGE_PROTOCOL,
    instance: batch.instance,
    partner: batch.partner,
    exportedAt: batch.exportedAt.toISOString(),
    messages: batch.items.map((item) => item.message),
    jws: batch.items.map((item) => item.jws),
    more: batch.more,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const LEADING = ['message_id', 'type', 'seq', 'reference', 'tracking_code', 'agency_code', 'created_at', 'title', 'description', 'category', 'province_code', 'district_code', 'subdistrict_code'] as const;
const COMPLAINANT = ['complainant_name', 'complainant_phone', 'complainant_email', 'complainant_national_id', 'complainant_address'] as const;
const TRAILING = ['origin_due_date', 'confidential', 'reason', 'message', 'result', 'due_date', 'rating', 'comment', 'accepted', 'files'] as const;
type Column = (typeof LEADING)[number] | (typeof COMPLAINANT)[number] | (typeof TRAILING)[number];

/** The export as CSV (UTF-8 with BOM, RFC 4180, formulas guarded); a file with the header only when nothing waits. */
export function exportCsv(batch: ExportBatch): string {
  const withComplainant = batch.items.some((item) => item.message.type === 'case.transfer' && item.message.body.complainant !== null);
  const columns: Column[] = [...LEADING, ...(withComplainant ? COMPLAINANT : []), ...TRAILING];
  const rows = batch.items.map((item) => {
    const cells = cellsOf(item);
    return columns.map((column) => cells[column]);
  });
  return spreadsheetCsv(columns, rows);
}

/** A message's cells by column; the type's name without `case.`, as the import takes it. */
function cellsOf(item: ExportItem): Partial<Record<Column, unknown>> {
  const { message } = item;
  const leading: Partial<Record<Column, unknown>> = {
    message_id: message.id,
    type: message.type.replace(/^case\./, ''),
    seq: message.seq,
    reference: message.senderRef,
    tracking_code: item.trackingCode,
    agency_code: item.agencyCode,
    created_at: message.createdAt,
  };
  if (message.type === 'case.transfer') {
    const { body } = message;
    return {
      ...leading,
      title: body.title,
      description: body.description,
      category: body.categoryCode,
      province_code: body.location?.provinceCode,
      district_code: body.location?.districtCode,
      subdistrict_code: body.location?.subdistrictCode,
      complainant_name: body.complainant?.name,
      complainant_phone: body.complainant?.phone,
      complainant_email: body.complainant?.email,
      complainant_national_id: body.complainant?.nationalId,
      complainant_address: body.complainant?.address,
      origin_due_date: body.originDueDate,
      confidential: body.confidential || body.sensitive,
      reason: body.reason,
      files: body.files.map((file) => file.fileName).join('; '),
    };
  }
  const body: Partial<Record<'reason' | 'message' | 'result' | 'dueDate' | 'rating' | 'comment' | 'accepted', unknown>> = message.body;
  return { ...leading, reason: body.reason, message: body.message, result: body.result, due_date: body.dueDate, rating: body.rating, comment: body.comment, accepted: body.accepted };
}
