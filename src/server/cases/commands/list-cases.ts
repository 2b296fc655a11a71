/** The case list of a user's scope with filters and keyset paging, and its CSV export. */
import { bangkokDate } from '../../../shared/business-days.ts';
import { redactPersonalData } from '../../../shared/redaction.ts';
import { spreadsheetCsv } from '../../../shared/csv.ts';
import { searchTerms } from '../../../shared/thai-text.ts';
import { normaliseTrackingCode } from '../../../shared/tracking-code.ts';
import { canExportCases, canSearchByIdentity } from '../../agencies/policy/case.ts';
import { canViewCases } from '../../agencies/policy/staff.ts';
import type { DataProtector } from '../../platform/crypto.ts';
import { normaliseIdentity } from '../identity.ts';
import { subtreePattern } from '../../agencies/scope.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/database.ts';
import { forbidden, invalidInput, noCaseWork } from '../../platform/errors.ts';
import { presentListItem } from '../presenter.ts';
import { findAgencyRefByCode } from '../../agencies/queries.ts';
import { decodeCursor, encodeCursor } from '../list-cursor.ts';
import { listCases, type CaseListFilter } from '../list-queries.ts';
import type { CaseListQuery } from '../../../shared/api/cases.ts';
import type { AuditContent } from '../../../shared/audit-actions.ts';

/** Rows one export may hold; narrower filters export the rest. */
export const EXPORT_LIMIT = 10_000;

/** A date means that whole day in Bangkok; a date-time is taken as is. */
function startOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00+07:00` : value);
}
function endOf(value: string): Date {
  return value.length === 10 ? new Date(new Date(`${value}T00:00:00+07:00`).getTime() + 86_400_000) : new Date(value);
}

/** Looking cases up by who complained: only for roles that see identities, by keyed hash. */
function complainantFilter(protector: DataProtector, user: AuthUser, query: Omit<CaseListQuery, 'limit' | 'cursor'>): CaseListFilter['complainant'] {
  if (query.phone === undefined && query.nationalId === undefined) return undefined;
  if (!canSearchByIdentity(user)) throw forbidden('Your role may not look cases up by a complainant', 'บทบาทของท่านไม่มีสิทธิ์ค้นหาเรื่องจากข้อมูลผู้ร้อง');
  const identity = normaliseIdentity({ phone: query.phone, nationalId: query.nationalId }, 'query');
  return {
    phoneHash: identity.phone ? protector.keyedHash('phone', identity.phone) : undefined,
    nationalIdHash: identity.nationalId ? protector.keyedHash('national_id', identity.nationalId) : undefined,
    askingAgencyId: user.agencyId,
  };
}

async function buildFilter(
  db: Queryable,
  protector: DataProtector,
  user: AuthUser,
  query: Omit<CaseListQuery, 'limit' | 'cursor'>,
  now: Date,
  limit: number,
): Promise<CaseListFilter> {
  let agencyPattern: string | undefined;
  if (query.agencyCode) {
    const agency = await findAgencyRefByCode(db, query.agencyCode);
    if (!agency) throw invalidInput([{ field: 'query.agencyCode', message: `unknown agency ${query.agencyCode}`, messageTh: `ไม่พบหน่วยงาน ${query.agencyCode}` }]);
    agencyPattern = subtreePattern(agency.path);
  }
  const receivedFrom = query.from ? startOf(query.from) : undefined;
  const receivedBefore = query.to ? endOf(query.to) : undefined;
  if (receivedFrom && receivedBefore && receivedFrom >= receivedBefore) {
    throw invalidInput([{ field: 'query.to', message: 'must be after from', messageTh: 'ต้องเป็นวันที่หลังวันเริ่มต้น' }]);
  }
  const trackingCode = query.q ? normaliseTrackingCode(query.q) : null;
  const terms = query.q && !trackingCode ? searchTerms(query.q) : undefined;
  if (query.q && !trackingCode && terms?.length === 0) {
    throw invalidInput([{ field: 'query.q', message: 'has no words to search for', messageTh: 'ไม่มีคำที่ใช้ค้นหาได้ กรุณาใช้คำค้นอื่น' }]);
  }
  return {
    complainant: complainantFilter(protector, user, query),
    scopePattern: subtreePattern(user.agencyPath),
    followingAgencyId: query.following ? user.agencyId : undefined,
    statuses: query.status,
    categoryCode: query.categoryCode,
    agencyPattern,
    channel: query.channel,
    provinceCode: query.provinceCode,
    overdue: query.overdue,
    slaStates: query.sla,
    today: bangkokDate(now),
    searchTerms: terms,
    trackingCode: trackingCode ?? undefined,
    receivedFrom,
    receivedBefore,
    sort: query.sort,
    limit,
  };
}

export async function listCasesForUser(ctx: AppContext, user: AuthUser, query: CaseListQuery) {
  if (!canViewCases(user)) throw noCaseWork();
  const now = ctx.now();
  const filter = await buildFilter(ctx.db, ctx.protector, user, query, now, query.limit + 1);
  if (query.cursor) filter.after = decodeCursor(query.cursor, query.sort);
  const rows = await listCases(ctx.db, filter);
  const page = rows.slice(0, query.limit);
  if (filter.complainant) await auditIdentitySearch(ctx, user, query, page.map((row) => row.id), now);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => presentListItem(row, now)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last, query.sort) : null,
  };
}

/** A look-up by phone or ID is an access to identity: audited, without the number itself. */
async function auditIdentitySearch(ctx: AppContext, user: AuthUser, query: CaseListQuery, caseIds: string[], now: Date): Promise<void> {
  const by = [query.phone !== undefined && 'phone', query.nationalId !== undefined && 'national_id'].filter((way): way is 'phone' | 'national_id' => way !== false);
  await auditCaseList(ctx, user, { action: 'cases.search_by_complainant', details: { by, found: caseIds.length, caseIds } }, now);
}

/** A record about a list of cases by `user`, written last and alone: it holds the chain head only for an instant. */
async function auditCaseList(ctx: AppContext, user: AuthUser, content: Extract<AuditContent, { action: 'cases.search_by_complainant' | 'cases.export' }>, at: Date): Promise<void> {
  await ctx.db.transaction((tx) => recordAudit(tx, { actor: { userId: user.id, label: user.username }, ...content, entityType: 'case_list', entityId: null, at }));
}

const CSV_COLUMNS = ['trackingCode', 'status', 'channel', 'categoryCode', 'provinceCode', 'holder', 'receivedAt', 'dueDate', 'overdue', 'title', 'summary', 'sourceApp'] as const;


/** CSV of the filtered cases, personal data redacted; every export is audited. */
export async function exportCases(
  ctx: AppContext,
  user: AuthUser,
  query: Omit<CaseListQuery, 'limit' | 'cursor'>,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  if (!canExportCases(user)) throw forbidden('Only supervisors and executives export case lists', 'เฉพาะผู้บังคับบัญชาและผู้บริหารเท่านั้นที่ส่งออกรายการเรื่องได้');
  const now = ctx.now();
  const filter = await buildFilter(ctx.db, ctx.protector, user, query, now, EXPORT_LIMIT + 1);
  const rows = await listCases(ctx.db, filter);
  const truncated = rows.length > EXPORT_LIMIT;
  const lines = rows.slice(0, EXPORT_LIMIT).map((row) => {
    const item = presentListItem(row, now);
    const values = { ...item, holder: item.holder.code, sourceApp: row.sourceAppName ?? '' };
    return CSV_COLUMNS.map((column) => values[column]);
  });
  await auditCaseList(ctx, user, { action: 'cases.export', details: { filter: redactedFilter(query), rows: lines.length, truncated } }, now);
  return { csv: spreadsheetCsv(CSV_COLUMNS, lines), rows: lines.length, truncated };
}

/** The filter as the audit keeps it: search text redacted, identity look-ups named only (exports, saved filters). */
export function redactedFilter(query: { q?: string | undefined; phone?: string | undefined; nationalId?: string | undefined }): Record<string, unknown> {
  return {
    ...query,
    ...(query.q ? { q: redactPersonalData(query.q) } : {}),
    ...(query.phone ? { phone: '[redacted]' } : {}),
    ...(query.nationalId ? { nationalId: '[redacted]' } : {}),
  };
}
