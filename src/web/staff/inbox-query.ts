/**
 * The inbox's filters and the query string they live in: the page's address, the list request
 * and a saved filter are all the same parameters (as GET /api/v1/cases takes them). Pure, so it
 * is unit tested.
 */
import { CASE_SORTS, CaseListQuerySchema, type CaseSort } from '../../shared/api/cases.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';
import { CASE_STATUSES, CHANNELS, OPEN_STATUSES, SLA_STATES, type CaseStatus, type Channel, type SlaState } from '../../shared/case-model.ts';
import { isIsoDate } from '../components/date-input.ts';

export { CASE_SORTS, type CaseSort };
/** The list's `overdue` parameter: any, only overdue cases, or none of them. */
export const OVERDUE_CHOICES = ['', 'true', 'false'] as const;
export type OverdueChoice = (typeof OVERDUE_CHOICES)[number];

export interface InboxFilters {
  q: string;
  status: CaseStatus[];
  sla: SlaState[];
  categoryCode: string;
  agencyCode: string;
  channel: Channel | '';
  provinceCode: string;
  overdue: OverdueChoice;
  from: string;
  to: string;
  /** The complainant's phone or national ID (audited look-ups): kept when a saved filter names them. */
  phone: string;
  nationalId: string;
  sort: CaseSort;
  /** เรื่องที่ส่งต่อ / ติดตาม: the cases the agency sent on, held elsewhere now (a tab of the inbox, not a filter). */
  following: boolean;
}

export const EMPTY_FILTERS: InboxFilters = {
  q: '',
  status: [],
  sla: [],
  categoryCode: '',
  agencyCode: '',
  channel: '',
  provinceCode: '',
  overdue: '',
  from: '',
  to: '',
  phone: '',
  nationalId: '',
  sort: 'newest',
  following: false,
};

/** The free-text parameters, as the list takes them (trimmed; left out when empty). */
const TEXT_KEYS = ['q', 'categoryCode', 'agencyCode', 'phone', 'nationalId'] as const;

const listOf = <T extends string>(value: string | null, allowed: readonly T[]): T[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item): item is T => (allowed as readonly string[]).includes(item));
const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => ((allowed as readonly string[]).includes(value ?? '') ? ((value ?? '') as T) : fallback);

/** The filters an address (or a saved filter) names; what the form cannot show is left out. */
export function filtersFromSearch(search: URLSearchParams | Record<string, string>): InboxFilters {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  const text = (key: string) => params.get(key)?.trim() ?? '';
  return {
    ...(Object.fromEntries(TEXT_KEYS.map((key) => [key, text(key)])) as Record<(typeof TEXT_KEYS)[number], string>),
    status: listOf(params.get('status'), CASE_STATUSES),
    sla: listOf(params.get('sla'), SLA_STATES),
    channel: oneOf<Channel | ''>(params.get('channel'), CHANNELS, ''),
    provinceCode: /^\d{2}$/.test(text('provinceCode')) ? text('provinceCode') : '',
    overdue: oneOf(params.get('overdue'), OVERDUE_CHOICES, ''),
    from: isIsoDate(text('from')) ? text('from') : '',
    to: isIsoDate(text('to')) ? text('to') : '',
    sort: oneOf(params.get('sort'), CASE_SORTS, 'newest'),
    following: params.get('following') === 'true',
  };
}

/** The filters as query-string parameters, only those set (the default sort is left out). */
export function filtersToQuery(filters: InboxFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of TEXT_KEYS) if (filters[key].trim()) query[key] = filters[key].trim();
  if (filters.status.length > 0) query.status = filters.status.join(',');
  if (filters.sla.length > 0) query.sla = filters.sla.join(',');
  if (filters.channel) query.channel = filters.channel;
  if (filters.provinceCode) query.provinceCode = filters.provinceCode;
  if (filters.overdue) query.overdue = filters.overdue;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.sort !== 'newest') query.sort = filters.sort;
  if (filters.following) query.following = 'true';
  return query;
}

/**
 * A new sort order. The due order with no status chosen would fill up with long-closed cases,
 * so it starts with the open statuses ticked (the form shows them; the user may change them).
 */
export function withSort(filters: InboxFilters, sort: CaseSort): InboxFilters {
  return { ...filters, sort, status: sort === 'due' && filters.status.length === 0 ? [...OPEN_STATUSES] : filters.status };
}

export const SEARCH_MAX = maxLengthOf(CaseListQuerySchema.shape.q.unwrap());
const AGENCY_CODE_MAX = 64;

/** Problems the server would refuse, as field → translation key of the staff catalogue or common. */
export function checkFilters(filters: InboxFilters): Record<string, { key: string; values?: Record<string, number> }> {
  const problems: Record<string, { key: string; values?: Record<string, number> }> = {};
  if (filters.q.trim().length > SEARCH_MAX) problems.q = { key: 'common:errors.tooLong', values: { max: SEARCH_MAX } };
  if (filters.agencyCode.trim().length > AGENCY_CODE_MAX) problems.agencyCode = { key: 'common:errors.tooLong', values: { max: AGENCY_CODE_MAX } };
  // A date field hands over INVALID_DATE while its text is not a date; the field says why.
  for (const key of ['from', 'to'] as const) if (filters[key] && !isIsoDate(filters[key])) problems[key] = { key: 'staff:inbox.invalidDate' };
  if (isIsoDate(filters.from) && isIsoDate(filters.to) && filters.to < filters.from) problems.to = { key: 'staff:inbox.toBeforeFrom' };
  return problems;
}

/** Parameters that choose the view rather than narrow it: the sort order and the following tab. */
const VIEW_KEYS: readonly string[] = ['sort', 'following'];

/** How many filters narrow the list (the sort order does not): shown on the phone's "filters" button. */
export function activeFilterCount(filters: InboxFilters): number {
  return Object.keys(filtersToQuery(filters)).filter((key) => !VIEW_KEYS.includes(key)).length;
}

/**
 * The filters of the inbox's one compact row (with the sort order): what officers use most. The
 * others wait behind the "ตัวกรอง" button, so the first cases fit the first screen.
 */
export const ROW_FILTERS = ['q', 'overdue'] as const satisfies ReadonlyArray<keyof InboxFilters>;

/** How many of the filters behind the button are in use: the panel opens by itself for them. */
export function hiddenFilterCount(filters: InboxFilters): number {
  return Object.keys(filtersToQuery(filters)).filter((key) => !VIEW_KEYS.includes(key) && !(ROW_FILTERS as readonly string[]).includes(key)).length;
}

/** The list request of a page: the filters, then the page size and the cursor. */
export function listQuery(filters: InboxFilters, cursor: string | null, limit: number): URLSearchParams {
  const params = new URLSearchParams(filtersToQuery(filters));
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return params;
}
