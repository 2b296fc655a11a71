/**
 * The inbox's filters and the query string they live in: the page's address, the list request
 * and a saved filter are all the same parameters (as GET /api/v1/cases takes them). Pure, so it
 * is unit tested.
 */
import { CASE_STATUSES, CHANNELS, type CaseStatus, type Channel } from '../../shared/case-model.ts';
import type { SlaState } from '../components/StatusBadge.tsx';

export const SLA_STATES: readonly SlaState[] = ['on_track', 'due_soon', 'overdue', 'paused', 'met', 'missed'];
export const CASE_SORTS = ['newest', 'oldest', 'due'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface InboxFilters {
  q: string;
  status: CaseStatus[];
  sla: SlaState[];
  categoryCode: string;
  channel: Channel | '';
  provinceCode: string;
  from: string;
  to: string;
  sort: CaseSort;
}

export const EMPTY_FILTERS: InboxFilters = { q: '', status: [], sla: [], categoryCode: '', channel: '', provinceCode: '', from: '', to: '', sort: 'newest' };

/** Query-string parameters that are filters (not paging). */
export const FILTER_KEYS = ['q', 'status', 'sla', 'categoryCode', 'channel', 'provinceCode', 'from', 'to', 'sort'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const listOf = <T extends string>(value: string | null, allowed: readonly T[]): T[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item): item is T => (allowed as readonly string[]).includes(item));
const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => ((allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback);

/** The filters an address (or a saved filter) names; what the form cannot show is left out. */
export function filtersFromSearch(search: URLSearchParams | Record<string, string>): InboxFilters {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  const text = (key: string) => params.get(key)?.trim() ?? '';
  return {
    q: text('q'),
    status: listOf(params.get('status'), CASE_STATUSES),
    sla: listOf(params.get('sla'), SLA_STATES),
    categoryCode: text('categoryCode'),
    channel: oneOf<Channel | ''>(params.get('channel'), CHANNELS, ''),
    provinceCode: /^\d{2}$/.test(text('provinceCode')) ? text('provinceCode') : '',
    from: DATE.test(text('from')) ? text('from') : '',
    to: DATE.test(text('to')) ? text('to') : '',
    sort: oneOf(params.get('sort'), CASE_SORTS, 'newest'),
  };
}

/** The filters as query-string parameters, only those set (the default sort is left out). */
export function filtersToQuery(filters: InboxFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.status.length > 0) query.status = filters.status.join(',');
  if (filters.sla.length > 0) query.sla = filters.sla.join(',');
  if (filters.categoryCode) query.categoryCode = filters.categoryCode;
  if (filters.channel) query.channel = filters.channel;
  if (filters.provinceCode) query.provinceCode = filters.provinceCode;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.sort !== 'newest') query.sort = filters.sort;
  return query;
}

export const SEARCH_MAX = 200;

/** Problems the server would refuse, as field → translation key of the staff catalogue or common. */
export function checkFilters(filters: InboxFilters): Record<string, { key: string; values?: Record<string, number> }> {
  const problems: Record<string, { key: string; values?: Record<string, number> }> = {};
  if (filters.q.trim().length > SEARCH_MAX) problems.q = { key: 'common:errors.tooLong', values: { max: SEARCH_MAX } };
  if (filters.from && filters.to && filters.to < filters.from) problems.to = { key: 'staff:inbox.toBeforeFrom' };
  return problems;
}

/** The list request of a page: the filters, then the page size and the cursor. */
export function listQuery(filters: InboxFilters, cursor: string | null, limit: number): URLSearchParams {
  const params = new URLSearchParams(filtersToQuery(filters));
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return params;
}
