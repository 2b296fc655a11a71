/**
 * The holiday calendar (ปฏิทินวันหยุด): days off from the database for the pure business-day
 * math in src/shared/business-days.ts, and the changes administrators make to it through the
 * API and the command line. Each change is one transaction with its audit record.
 *
 * The commands live here rather than one a file under commands/: they share their checks
 * (agency, rights, duplicates) and are small.
 */
import type { IsoDate } from '../../shared/business-days.ts';
import { canManageCalendar } from '../agencies/policy/agency.ts';
import { findAgencyRefByCode, type AgencyRef } from '../agencies/queries.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import { recordAudit, type AuditActor } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';
import { conflict, forbidden, notFound } from '../platform/errors.ts';
import { thaiDate } from '../platform/thai-messages.ts';
import { deleteHoliday, findDaysAlreadyOff, findHoliday, insertHolidays, listHolidays } from './holiday-queries.ts';

/** A day off as the API and the command line show it. */
export interface Holiday {
  id: string;
  date: IsoDate;
  name: string;
  /** The agency whose local day it is; null for the national calendar. */
  agencyCode: string | null;
}

/** Who changes the calendar: a signed-in user (rights checked), or the operator at the command line. */
export type CalendarEditor =
  | { kind: 'user'; user: AuthUser }
  // Whoever runs the command line holds the database and its key already: no role to check.
  | { kind: 'operator'; label: string };

/**
 * The days off of `year` that apply to an agency: the national calendar and the local days of
 * the agency and every agency above it; the national calendar alone without an agency.
 */
export async function listCalendar(db: Queryable, year: number, agencyCode?: string): Promise<Holiday[]> {
  const agency = agencyCode === undefined ? undefined : await findAgencyOrFail(db, agencyCode);
  const rows = await listHolidays(db, `${year}-01-01`, `${year}-12-31`, agency?.path);
  return rows.map(({ id, date, name, agencyCode: code }) => ({ id, date, name, agencyCode: code }));
}

export interface AddHolidayOptions {
  editor: CalendarEditor;
  date: IsoDate;
  name: string;
  /** A local day of this agency (and those below it); national without. */
  agencyCode?: string | undefined;
}

/** Adds one day off; 404 for an unknown agency, 403 without the right, 409 when the day is already off. */
export async function addHoliday(ctx: AppContext, options: AddHolidayOptions): Promise<Holiday> {
  const { editor, date, name, agencyCode } = options;
  return ctx.db.transaction(async (tx) => {
    const agency = await authorizedCalendar(tx, editor, agencyCode);
    if ((await findDaysAlreadyOff(tx, [date], agency?.id ?? null)).has(date)) throw alreadyOff(date, agency);
    const [added] = await insertHolidays(tx, agency?.id ?? null, [{ date, name }]);
    // Another request added the same day since the check above.
    if (!added) throw alreadyOff(date, agency);
    const holiday = { id: added.id, date, name, agencyCode: agency?.code ?? null };
    await recordAudit(tx, {
      actor: auditActor(editor),
      action: 'calendar.add',
      entityType: 'holiday',
      entityId: holiday.id,
      details: { date, name, agencyCode: holiday.agencyCode },
      at: ctx.now(),
    });
    return holiday;
  });
}

/** Removes one day off; 404 when there is no such day, 403 without the right to change its calendar. */
export async function removeHoliday(ctx: AppContext, options: { editor: CalendarEditor; id: string }): Promise<void> {
  const { editor, id } = options;
  await ctx.db.transaction(async (tx) => {
    const holiday = await findHoliday(tx, id);
    if (!holiday) throw notFound('Holiday', 'วันหยุด');
    if (!mayEdit(editor, holiday.agencyPath)) throw calendarForbidden(holiday.agencyCode);
    // A concurrent removal got there first.
    if (!(await deleteHoliday(tx, id))) throw notFound('Holiday', 'วันหยุด');
    await recordAudit(tx, {
      actor: auditActor(editor),
      action: 'calendar.remove',
      entityType: 'holiday',
      entityId: id,
      details: { date: holiday.date, name: holiday.name, agencyCode: holiday.agencyCode },
      at: ctx.now(),
    });
  });
}

export interface ImportHolidaysOptions {
  editor: CalendarEditor;
  days: ReadonlyArray<{ date: IsoDate; name: string }>;
  agencyCode?: string | undefined;
  /** Where the days came from (a file name), for the audit log. */
  source: string;
}

/**
 * Adds many days off in one transaction: days already off in that calendar are skipped and
 * counted, each day added gets its own audit record. Validate the days before calling.
 */
export async function importHolidays(ctx: AppContext, options: ImportHolidaysOptions): Promise<{ added: Holiday[]; skipped: IsoDate[] }> {
  const { editor, days, agencyCode, source } = options;
  return ctx.db.transaction(async (tx) => {
    const agency = await authorizedCalendar(tx, editor, agencyCode);
    const existing = await findDaysAlreadyOff(
      tx,
      days.map((day) => day.date),
      agency?.id ?? null,
    );
    const fresh = days.filter((day) => !existing.has(day.date));
    const inserted = await insertHolidays(tx, agency?.id ?? null, fresh);
    const added = inserted.map((row) => ({ ...row, agencyCode: agency?.code ?? null }));
    const addedDates = new Set(added.map((holiday) => holiday.date));
    const at = ctx.now();
    for (const holiday of added) {
      await recordAudit(tx, {
        actor: auditActor(editor),
        action: 'calendar.add',
        entityType: 'holiday',
        entityId: holiday.id,
        details: { date: holiday.date, name: holiday.name, agencyCode: holiday.agencyCode, source },
        at,
      });
    }
    return { added, skipped: days.map((day) => day.date).filter((date) => !addedDates.has(date)) };
  });
}

async function findAgencyOrFail(db: Queryable, code: string): Promise<AgencyRef> {
  const agency = await findAgencyRefByCode(db, code);
  if (!agency) throw notFound(`Agency ${code}`, `หน่วยงาน ${code}`);
  return agency;
}

/** The agency whose calendar is edited (undefined: national), once the editor's right to it is checked. */
async function authorizedCalendar(db: Queryable, editor: CalendarEditor, agencyCode: string | undefined): Promise<AgencyRef | undefined> {
  const agency = agencyCode === undefined ? undefined : await findAgencyOrFail(db, agencyCode);
  if (!mayEdit(editor, agency?.path ?? null)) throw calendarForbidden(agency?.code ?? null);
  return agency;
}

function mayEdit(editor: CalendarEditor, agencyPath: string | null): boolean {
  return editor.kind === 'operator' || canManageCalendar(editor.user, { agencyPath });
}

function calendarForbidden(agencyCode: string | null): Error {
  return agencyCode === null
    ? forbidden('Only a system administrator changes the national calendar', 'เฉพาะผู้ดูแลระบบเท่านั้นที่แก้ไขปฏิทินวันหยุดระดับประเทศได้')
    : forbidden(
        `Only a system administrator or an administrator of ${agencyCode} or an agency above it changes its days off`,
        `เฉพาะผู้ดูแลระบบ หรือผู้ดูแลของหน่วยงาน ${agencyCode} หรือหน่วยงานเหนือขึ้นไป เท่านั้นที่แก้ไขวันหยุดของหน่วยงานนี้ได้`,
      );
}

function alreadyOff(date: IsoDate, agency: AgencyRef | undefined): Error {
  return conflict(
    'holiday_exists',
    agency ? `${date} is already a day off for ${agency.code} (its own or a national day)` : `${date} is already in the national calendar`,
    agency ? `วันที่ ${thaiDate(date)} เป็นวันหยุดของ ${agency.code} อยู่แล้ว (วันหยุดของหน่วยงานเองหรือวันหยุดราชการ)` : `วันที่ ${thaiDate(date)} อยู่ในปฏิทินวันหยุดระดับประเทศอยู่แล้ว`,
    [{ field: 'date', message: 'already a day off', messageTh: 'วันนี้เป็นวันหยุดในปฏิทินนี้อยู่แล้ว' }],
  );
}

function auditActor(editor: CalendarEditor): AuditActor {
  return editor.kind === 'user' ? { userId: editor.user.id, label: editor.user.username } : { userId: null, label: editor.label };
}
