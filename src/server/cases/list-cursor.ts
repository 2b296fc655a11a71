/** Keyset pages of case lists (the staff inbox, the screening queue): the cursor a page ends with. */
import { invalidInput } from '../platform/errors.ts';
import type { CaseListPosition, CaseSort } from './list-queries.ts';

/**
 * A page's end as an opaque string. A cursor of the case list names its order (`s`), and a
 * cursor is only taken back by a list in that order; the screening queue's carry no order.
 */
export function encodeCursor(position: CaseListPosition, sort?: CaseSort): string {
  const keys = { t: position.receivedAt.toISOString(), id: position.id, ...(sort === 'due' ? { d: position.dueDate } : {}) };
  return Buffer.from(JSON.stringify(sort ? { s: sort, ...keys } : keys)).toString('base64url');
}

/** The position a cursor names; with `sort`, only a cursor of a list in that order. */
export function decodeCursor(text: string, sort?: CaseSort): CaseListPosition {
  let parsed: { s?: unknown; t?: unknown; id?: unknown; d?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw badCursor('not a cursor from a previous page', CURSOR_TH);
  }
  const receivedAt = new Date(String(parsed.t));
  if (typeof parsed.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(parsed.id) || Number.isNaN(receivedAt.getTime())) throw badCursor('not a cursor from a previous page', CURSOR_TH);
  if (sort === undefined) return { receivedAt, id: parsed.id };
  if (parsed.s !== sort) throw badCursor(`a cursor of a list in another order: ask again from the first page with sort=${sort}`, 'รายการเรียงลำดับต่างไปจากเดิม กรุณาเริ่มใหม่จากหน้าแรก');
  if (sort !== 'due') return { receivedAt, id: parsed.id };
  if (typeof parsed.d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(parsed.d)) throw badCursor('not a cursor from a previous page', CURSOR_TH);
  return { receivedAt, id: parsed.id, dueDate: parsed.d };
}

const CURSOR_TH = 'ไม่พบหน้าถัดไปของรายการนี้ กรุณาเริ่มใหม่จากหน้าแรก';

function badCursor(message: string, messageTh: string) {
  return invalidInput([{ field: 'query.cursor', message, messageTh }]);
}
