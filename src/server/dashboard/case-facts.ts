/**
 * What one case contributes to the dashboard's rollups, worked out from the case as it is now,
 * its contacts, ratings and events. Pure: the same function keeps the rollups in each case's
 * transaction (rollups.ts applies the difference from what the case contributed before) and
 * recounts them for `rongthuk rollups verify` and `rebuild`, so the two cannot drift apart.
 */
import { bangkokDate, businessDaysBetween, type IsoDate } from '../../shared/business-days.ts';
import { OPEN_STATUSES, type CaseStatus } from '../../shared/case-model.ts';
import { firstOfMonth } from '../../shared/period-parts.ts';

/** The measures of the daily counters (migrations/0018_dashboard_rollups.sql). */
export const DAILY_METRICS = ['received', 'contact', 'met', 'missed', 'resolve_days', 'rating', 'reopened', 'extended', 'paused', 'rejected', 'merged'] as const;
export type DailyMetric = (typeof DAILY_METRICS)[number];

/** Events counted as they happen, and the measure each counts under. */
export const COUNTED_EVENTS = { reopened: 'reopened', extended: 'extended', info_requested: 'paused', rejected: 'rejected', merged: 'merged' } as const satisfies Record<string, DailyMetric>;
export type CountedEvent = keyof typeof COUNTED_EVENTS;

export interface FactCase {
  holderAgencyId: string;
  categoryCode: string | null;
  channel: string;
  provinceCode: string | null;
  districtCode: string | null;
  status: CaseStatus;
  receivedAt: Date;
  dueDate: IsoDate;
  resolvedAt: Date | null;
}

export interface FactHistory {
  contacts: ReadonlyArray<{ at: Date; channel: string }>;
  ratings: ReadonlyArray<{ at: Date; rating: number }>;
  events: ReadonlyArray<{ at: Date; type: CountedEvent }>;
}

/** A daily counter's key, its parts joined by '|' (no part holds one: ids, codes, dates, measures). */
export interface DailyKey {
  day: IsoDate;
  agencyId: string;
  metric: DailyMetric;
  categoryCode: string;
  channel: string;
  provinceCode: string;
  /** The DOPA district (อำเขต/เขต) code, '' for none: Bangkok by district, surges by district. */
  districtCode: string;
  bucket: number;
}

export interface OpenKey {
  agencyId: string;
  status: CaseStatus;
  receivedOn: IsoDate;
  dueOn: IsoDate;
  categoryCode: string;
  channel: string;
  provinceCode: string;
}

/** Counts by key: what a case adds to each counter (stored as JSON in dashboard_case_facts). */
export interface CaseFacts {
  daily: Record<string, number>;
  open: Record<string, number>;
}

export function dailyKey(key: DailyKey): string {
  return [key.day, key.agencyId, key.metric, key.categoryCode, key.channel, key.provinceCode, key.districtCode, key.bucket].join('|');
}

export function parseDailyKey(text: string): DailyKey {
  const [day = '', agencyId = '', metric = '', categoryCode = '', channel = '', provinceCode = '', districtCode = '', bucket = '0'] = text.split('|');
  return { day, agencyId, metric: metric as DailyMetric, categoryCode, channel, provinceCode, districtCode, bucket: Number(bucket) };
}


/**
 * The monthly counters' changes from the daily ones: each daily key's day becomes its month
 * (dashboard_monthly keeps the same counters summed by month), zeros left out, in key order.
 */
export function monthlyDelta(daily: ReadonlyArray<readonly [string, number]>): Array<[string, number]> {
  const months = new Map<string, number>();
  for (const [text, count] of daily) {
    const key = parseDailyKey(text);
    const monthly = dailyKey({ ...key, day: firstOfMonth(key.day) });
    addTo(months, monthly, count);
  }
  return nonZeroInKeyOrder(months);
}

/** Adds `count` to the running sum of `key`. */
function addTo(sums: Map<string, number>, key: string, count: number): void {
  sums.set(key, (sums.get(key) ?? 0) + count);
}

/** The counts that are not zero, in key order: two transactions touching the same counters lock them in the same order. */
function nonZeroInKeyOrder(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].filter(([, count]) => count !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function openKey(key: OpenKey): string {
  return [key.agencyId, key.status, key.receivedOn, key.dueOn, key.categoryCode, key.channel, key.provinceCode].join('|');
}

export function parseOpenKey(text: string): OpenKey {
  const [agencyId = '', status = '', receivedOn = '', dueOn = '', categoryCode = '', channel = '', provinceCode = ''] = text.split('|');
  return { agencyId, status: status as CaseStatus, receivedOn, dueOn, categoryCode, channel, provinceCode };
}

/**
 * The case's contribution. Business days to resolve count on the national calendar
 * (`holidays` must cover receipt to resolution), from the day received to the day resolved.
 */
export function caseFactsOf(record: FactCase, history: FactHistory, holidays: ReadonlySet<IsoDate>): CaseFacts {
  const facts: CaseFacts = { daily: {}, open: {} };
  const base = { agencyId: record.holderAgencyId, categoryCode: record.categoryCode ?? '', provinceCode: record.provinceCode ?? '' };
  const add = (at: Date, metric: DailyMetric, channel = record.channel, bucket = 0) => {
    const key = dailyKey({ ...base, districtCode: record.districtCode ?? '', day: bangkokDate(at), metric, channel, bucket });
    facts.daily[key] = (facts.daily[key] ?? 0) + 1;
  };
  const receivedOn = bangkokDate(record.receivedAt);
  add(record.receivedAt, 'received');
  for (const contact of history.contacts) add(contact.at, 'contact', contact.channel);
  for (const rating of history.ratings) add(rating.at, 'rating', record.channel, rating.rating);
  for (const event of history.events) add(event.at, COUNTED_EVENTS[event.type]);
  if (record.resolvedAt) {
    const resolvedOn = bangkokDate(record.resolvedAt);
    add(record.resolvedAt, resolvedOn <= record.dueDate ? 'met' : 'missed');
    add(record.resolvedAt, 'resolve_days', record.channel, Math.max(0, businessDaysBetween(receivedOn, resolvedOn, holidays)));
  }
  if (OPEN_STATUSES.includes(record.status)) {
    facts.open[openKey({ ...base, status: record.status, receivedOn, dueOn: record.dueDate, channel: record.channel })] = 1;
  }
  return facts;
}

/** What changes from `before` to `after`, counter by counter (zeros left out). */
export function factsDelta(before: Record<string, number>, after: Record<string, number>): Array<[string, number]> {
  const delta = new Map<string, number>();
  for (const [key, count] of Object.entries(after)) delta.set(key, count);
  for (const [key, count] of Object.entries(before)) delta.set(key, (delta.get(key) ?? 0) - count);
  return nonZeroInKeyOrder(delta);
}

/** Adds `facts` into running totals (a rebuild, a recount). */
export function addFacts(totals: CaseFacts, facts: CaseFacts): void {
  for (const [key, count] of Object.entries(facts.daily)) totals.daily[key] = (totals.daily[key] ?? 0) + count;
  for (const [key, count] of Object.entries(facts.open)) totals.open[key] = (totals.open[key] ?? 0) + count;
}

/** The dimensions of the scope counters ('total': by bucket; the others for cases and contacts only). */
export const SCOPE_DIMENSIONS = ['total', 'channel', 'categoryCode', 'provinceCode', 'districtCode', 'childId'] as const;
export type ScopeDimension = (typeof SCOPE_DIMENSIONS)[number];

/** The drill-down filters a scope counter may be kept under ('' for none: the whole scope). */
export const SCOPE_FILTERS = ['', 'channel', 'categoryCode', 'provinceCode'] as const;
export type ScopeFilter = (typeof SCOPE_FILTERS)[number];

/** A scope counter's key (dashboard_scope_daily / _monthly), its parts joined by '|'. */
export interface ScopeKey {
  day: IsoDate;
  scopeId: string;
  /** The drill-down it counts under: none (''), or one channel, category or province (`filterKey`). */
  filter: ScopeFilter;
  filterKey: string;
  metric: DailyMetric;
  dimension: ScopeDimension;
  key: string;
  bucket: number;
}

export function scopeKey(key: ScopeKey): string {
  return [key.day, key.scopeId, key.filter, key.filterKey, key.metric, key.dimension, key.key, key.bucket].join('|');
}

export function parseScopeKey(text: string): ScopeKey {
  const [day = '', scopeId = '', filter = '', filterKey = '', metric = '', dimension = '', key = '', bucket = '0'] = text.split('|');
  return { day, scopeId, filter: filter as ScopeFilter, filterKey, metric: metric as DailyMetric, dimension: dimension as ScopeDimension, key, bucket: Number(bucket) };
}

/** The drill-downs a counter with these values counts under: none, and each of its channel, category and province it has. */
function filtersOf(values: { channel: string; categoryCode: string; provinceCode: string }): Array<[ScopeFilter, string]> {
  const filters: Array<[ScopeFilter, string]> = [['', '']];
  for (const filter of ['channel', 'categoryCode', 'provinceCode'] as const) if (values[filter] !== '') filters.push([filter, values[filter]]);
  return filters;
}

/**
 * The scope counters' changes from per-holder ones (daily or monthly keys alike): each counts for
 * its holder and every agency above it (`pathOf`: the ids from the root down to the holder), in
 * total by bucket, and — cases and contacts — by channel, category, province, district and the
 * scope's child agency on the way down to the holder ('' for the holder itself). Each is kept
 * for the whole scope and again under the drill-down by its channel, its category and its
 * province, so that a dashboard filtered by one of them reads as few rows as one without. Daily,
 * a drill-down keeps only the totals of cases and contacts (the trend by day); its breakdowns and
 * outcomes are monthly, and the days at the edges of a period cut mid-month come from the
 * per-holder counters.
 */
export function scopeDelta(counts: ReadonlyArray<readonly [string, number]>, pathOf: (agencyId: string) => readonly string[], grain: 'day' | 'month'): Array<[string, number]> {
  const scoped = new Map<string, number>();
  const add = (key: ScopeKey, count: number) => addTo(scoped, scopeKey(key), count);
  for (const [text, count] of counts) {
    const key = parseDailyKey(text);
    const path = pathOf(key.agencyId);
    const received = key.metric === 'received' || key.metric === 'contact';
    for (const [filter, filterKey] of filtersOf(key)) {
      const whole = filter === '' || grain === 'month';
      if (!whole && !received) continue;
      path.forEach((scopeId, depth) => {
        const at = { day: key.day, scopeId, filter, filterKey, metric: key.metric, bucket: 0 };
        add({ ...at, dimension: 'total', key: '', bucket: key.bucket }, count);
        if (!received || !whole) return;
        add({ ...at, dimension: 'channel', key: key.channel }, count);
        add({ ...at, dimension: 'categoryCode', key: key.categoryCode }, count);
        add({ ...at, dimension: 'provinceCode', key: key.provinceCode }, count);
        add({ ...at, dimension: 'districtCode', key: key.districtCode }, count);
        add({ ...at, dimension: 'childId', key: path[depth + 1] ?? '' }, count);
      });
    }
  }
  return nonZeroInKeyOrder(scoped);
}

/** An open-cases scope counter's key (dashboard_scope_open), its parts joined by '|'. */
export interface ScopeOpenKey {
  scopeId: string;
  filter: ScopeFilter;
  filterKey: string;
  status: CaseStatus;
  receivedOn: IsoDate;
  dueOn: IsoDate;
}

export function scopeOpenKey(key: ScopeOpenKey): string {
  return [key.scopeId, key.filter, key.filterKey, key.status, key.receivedOn, key.dueOn].join('|');
}

export function parseScopeOpenKey(text: string): ScopeOpenKey {
  const [scopeId = '', filter = '', filterKey = '', status = '', receivedOn = '', dueOn = ''] = text.split('|');
  return { scopeId, filter: filter as ScopeFilter, filterKey, status: status as CaseStatus, receivedOn, dueOn };
}

/** The open-cases scope counters' changes from per-holder ones: for the holder and every agency above it, whole and under each drill-down. */
export function scopeOpenDelta(counts: ReadonlyArray<readonly [string, number]>, pathOf: (agencyId: string) => readonly string[]): Array<[string, number]> {
  const scoped = new Map<string, number>();
  for (const [text, count] of counts) {
    const key = parseOpenKey(text);
    for (const [filter, filterKey] of filtersOf(key)) {
      for (const scopeId of pathOf(key.agencyId)) {
        addTo(scoped, scopeOpenKey({ scopeId, filter, filterKey, status: key.status, receivedOn: key.receivedOn, dueOn: key.dueOn }), count);
      }
    }
  }
  return nonZeroInKeyOrder(scoped);
}
