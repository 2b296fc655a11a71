/**
 * The dashboard's view and its address: the page's query string is the API's query
 * (GET /api/v1/dashboard: period, from, to, agency, category, channel, province), so a view can
 * be bookmarked or shared and the CSV link takes the same parameters. The period picker works
 * on its parts (a fiscal year, a quarter of it, a month, custom dates), all in the Buddhist era
 * (พ.ศ.). Pure, so it is unit tested.
 */
import { bangkokDate } from '../../../shared/business-days.ts';
import { CHANNELS, type Channel } from '../../../shared/case-model.ts';
import { fiscalYearOf, PERIOD_PATTERN } from '../../../shared/dashboard-period.ts';
import { isIsoDate } from '../../components/date-input.ts';

export const PERIOD_KINDS = ['fy', 'quarter', 'month', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const BUDDHIST_ERA_OFFSET = 543;

export interface DashboardView {
  kind: PeriodKind;
  /** The fiscal year (quarter and fiscal year kinds) or the calendar year (month kind), พ.ศ. */
  year: number;
  /** 1–4, a quarter of the fiscal year (ไตรมาส 1 = October–December). */
  quarter: number;
  /** 1–12. */
  month: number;
  /** Custom dates, YYYY-MM-DD (Gregorian, as the API takes them). */
  from: string;
  to: string;
  agency: string;
  category: string;
  channel: Channel | '';
  province: string;
}

/** The current fiscal year and today's month, nothing filtered: the view of /staff/dashboard alone. */
export function defaultView(today: Date = new Date()): DashboardView {
  const day = bangkokDate(today);
  return {
    kind: 'fy',
    year: fiscalYearOf(day),
    quarter: fiscalQuarterOf(Number(day.slice(5, 7))),
    month: Number(day.slice(5, 7)),
    from: '',
    to: '',
    agency: '',
    category: '',
    channel: '',
    province: '',
  };
}

/** The quarter of the fiscal year a calendar month (1–12) falls in: October–December is the first. */
export const fiscalQuarterOf = (month: number): number => Math.floor(((month + 2) % 12) / 3) + 1;

/** The view an address describes; what is missing or malformed falls back to the default. */
export function viewFromSearch(search: string, today: Date = new Date()): DashboardView {
  const params = new URLSearchParams(search);
  const view = defaultView(today);
  const text = (key: string) => (params.get(key) ?? '').trim().slice(0, 64);
  const channel = text('channel');
  Object.assign(view, {
    agency: text('agency'),
    category: text('category'),
    channel: (CHANNELS as readonly string[]).includes(channel) ? channel : '',
    province: /^\d{2}$/.test(text('province')) ? text('province') : '',
  });
  const match = PERIOD_PATTERN.exec(params.get('period') ?? '');
  if (!match) return view;
  const [, fy, quarter, quarterYear, monthYear, month] = match;
  if (fy) return { ...view, kind: 'fy', year: Number(fy) };
  if (quarter && quarterYear) return { ...view, kind: 'quarter', quarter: Number(quarter), year: Number(quarterYear) };
  if (monthYear && month) return { ...view, kind: 'month', month: Number(month), year: Number(monthYear) };
  const from = text('from');
  const to = text('to');
  return isIsoDate(from) && isIsoDate(to) ? { ...view, kind: 'custom', from, to } : view;
}

/** The `period` parameter of a view. */
export function periodOf(view: DashboardView): string {
  if (view.kind === 'fy') return `fy${view.year}`;
  if (view.kind === 'quarter') return `q${view.quarter}-${view.year}`;
  if (view.kind === 'month') return `${view.year}-${String(view.month).padStart(2, '0')}`;
  return 'custom';
}

/** The query string of a view (no leading "?"): the page's address and the API's. */
export function searchOf(view: DashboardView): string {
  const params = new URLSearchParams({ period: periodOf(view) });
  if (view.kind === 'custom') {
    params.set('from', view.from);
    params.set('to', view.to);
  }
  for (const key of ['agency', 'category', 'channel', 'province'] as const) if (view[key]) params.set(key, view[key]);
  return params.toString();
}

/** The fiscal years offered, newest first: the current one and the `count - 1` before it. */
export function fiscalYearChoices(today: Date = new Date(), count = 6): number[] {
  const current = fiscalYearOf(bangkokDate(today));
  return Array.from({ length: count }, (_, i) => current - i);
}

/** The calendar years (พ.ศ.) offered for a month, newest first. */
export function calendarYearChoices(today: Date = new Date(), count = 6): number[] {
  const current = Number(bangkokDate(today).slice(0, 4)) + BUDDHIST_ERA_OFFSET;
  return Array.from({ length: count }, (_, i) => current - i);
}

/** A change of a trend as a share of the previous figure: +0.25 is a quarter more; null when there was none before. */
export function changeOf(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}
