/**
 * The executive's dashboard over an agency subtree and a period: what the rollups say,
 * reduced to figures (figures.ts), with the overdue cases now. A read: no transaction needed.
 */
import type { Dashboard, DashboardQuery } from '../../shared/api/dashboard.ts';
import { addCalendarDays, bangkokDate, type IsoDate } from '../../shared/business-days.ts';
import { periodParts, slotsOf } from '../../shared/period-parts.ts';
import { fiscalYearOf, periodDates } from '../../shared/dashboard-period.ts';
import { canViewDashboard } from '../agencies/policy/staff.ts';
import { findAgencyRefByCode, findAgencyRefById } from '../agencies/queries.ts';
import type { AuthUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { loadHolidays } from '../sla/holiday-queries.ts';
import { agencyNames, listOverdueCases, receivedSeries, referenceNames, scopeSeries, sumDaily, sumOpen, sumScope, sumScopeOpen, WHOLE_SCOPE, type DailyFigure, type DashboardScope, type FigureDimension, type ScopeDrill } from './dashboard-queries.ts';
import type { ScopeFilter } from './case-facts.ts';
import { listRecentSurges } from './surge-queries.ts';
import { backlogFigures, breakdownBy, outcomeFigures, total } from './figures.ts';

/** How many overdue cases the dashboard lists (the case list shows them all). */
const OVERDUE_LISTED = 20;
/** A period of up to this many days is drawn day by day, a longer one month by month. */
const DAILY_SERIES_DAYS = 62;
/** Surges detected in this many days are listed, at most so many. */
const SURGES_SHOWN_DAYS = 14;
const SURGES_LISTED = 20;
/** Bangkok's province code: its districts are shown unless another province is chosen. */
const BANGKOK = '10';

const calendarDaysIn = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

export async function loadDashboard(ctx: AppContext, user: AuthUser, query: DashboardQuery): Promise<Dashboard> {
  if (!canViewDashboard(user)) throw forbidden('Only supervisors and CCEOs see the dashboard', 'แดชบอร์ดสำหรับหัวหน้างานและผู้บริหารด้านการจัดการเรื่องร้องเรียนเท่านั้น');
  const agency = await agencyInScope(ctx, user, query.agency);
  const today = bangkokDate(ctx.now());
  const custom = query.from && query.to ? { from: query.from, to: query.to } : undefined;
  const period = periodDates(query.period ?? `fy${fiscalYearOf(today)}`, custom);
  // The contract's schema allows no other case.
  if (!period) throw new Error(`period ${query.period ?? ''} has no dates`);
  const scope: DashboardScope = { agencyPath: agency.path, category: query.category, channel: query.channel, province: query.province };

  // The agency's own scope counters answer for the whole subtree or a drill-down by one value;
  // only several drill-downs at once sum the per-holder counters of every agency under it.
  const drill = scopeDrillOf(query);
  const sum = async (from: IsoDate, to: IsoDate): Promise<DailyFigure[]> => {
    if (!drill) return sumDaily(ctx.db, scope, from, to);
    if (drill.filter === '') return sumScope(ctx.db, agency.id, drill, from, to);
    // Drilled down, the scope counters are monthly: the days at the edges come from the holders'.
    const months = await sumScope(ctx.db, agency.id, drill, from, to, 'months');
    return periodParts(from, to).days.length === 0 ? months : [...months, ...(await sumDaily(ctx.db, scope, from, to, 'days'))];
  };
  const current = await sum(period.from, period.to);
  const previous = await sum(period.previousFrom, period.previousTo);
  const grain = calendarDaysIn(period.from, period.to) <= DAILY_SERIES_DAYS ? 'day' : 'month';
  // Every slot, those without a case as zeros.
  const seriesOf = async (from: IsoDate, to: IsoDate) => {
    const points = new Map((await (drill ? scopeSeries(ctx.db, agency.id, drill, from, to, grain) : receivedSeries(ctx.db, scope, from, to, grain))).map((point) => [point.slot, point]));
    return slotsOf(from, to, grain).map((slot) => points.get(slot) ?? (slot > today ? { slot, cases: null, contacts: null } : { slot, cases: 0, contacts: 0 }));
  };
  const series = { grain, current: await seriesOf(period.from, period.to), previous: await seriesOf(period.previousFrom, period.previousTo) } as const;
  const surges = await listRecentSurges(ctx.db, agency.path, addCalendarDays(today, -SURGES_SHOWN_DAYS), SURGES_LISTED);
  const open = drill ? await sumScopeOpen(ctx.db, agency.id, drill) : await sumOpen(ctx.db, scope);
  const oldest = open.reduce((min, row) => (row.receivedOn < min ? row.receivedOn : min), today);
  const { backlog, overdue } = backlogFigures(open, today, await loadHolidays(ctx.db, addCalendarDays(oldest, -1), today));

  const keys = (dimension: FigureDimension) => [...new Set([...current, ...previous].filter((row) => row.dimension === dimension && row.key !== '').map((row) => row.key))];
  const agencies = await agencyNames(ctx.db, keys('childId'));
  const districtsOf = query.province ?? BANGKOK;
  const districts = keys('districtCode').filter((code) => code.startsWith(districtsOf));
  const names = await referenceNames(ctx.db, { categories: keys('categoryCode'), provinces: keys('provinceCode'), districts });
  const named = (map: Map<string, string>) => (key: string) => (key === '' ? { key: null, nameTh: null } : { key, nameTh: map.get(key) ?? null });
  const overdueCases = await listOverdueCases(ctx.db, scope, today, OVERDUE_LISTED);

  return {
    period,
    agency: { code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn },
    received: {
      cases: { current: total(current, 'received'), previous: total(previous, 'received') },
      contacts: { current: total(current, 'contact'), previous: total(previous, 'contact') },
      byChannel: breakdownBy('channel', current, previous, (key) => ({ key, nameTh: null })),
      byCategory: breakdownBy('categoryCode', current, previous, named(names.categories)),
      byAgency: breakdownBy('childId', current, previous, (key) => {
        const child = key === '' ? agency : agencies.get(key);
        return { key: child?.code ?? null, nameTh: child?.nameTh ?? null };
      }),
      byProvince: breakdownBy('provinceCode', current, previous, named(names.provinces)),
      districtsOf,
      byDistrict: breakdownBy('districtCode', current, previous, named(names.districts)).filter((item) => item.key?.startsWith(districtsOf)),
      series,
    },
    surges: surges.map((row) => ({
      id: row.id,
      dimension: row.dimension,
      key: row.key,
      nameTh: row.nameTh,
      agency: { code: row.agencyCode, nameTh: row.agencyNameTh, nameEn: row.agencyNameEn },
      weekFrom: row.weekFrom,
      weekTo: addCalendarDays(row.weekFrom, 6),
      count: row.count,
      baseline: row.baseline,
      detectedAt: row.detectedAt.toISOString(),
    })),
    backlog,
    overdue: {
      count: overdue,
      cases: overdueCases.map((row) => ({
        id: row.id,
        trackingCode: row.trackingCode,
        status: row.status,
        agency: { code: row.agencyCode, nameTh: row.agencyNameTh, nameEn: row.agencyNameEn },
        categoryCode: row.categoryCode,
        channel: row.channel,
        receivedAt: row.receivedAt.toISOString(),
        dueDate: row.dueDate,
      })),
    },
    ...outcomeFigures(current),
  };
}

/** The scope counters' drill-down of the query: none, or its one filter; undefined for several filters at once. */
function scopeDrillOf(query: DashboardQuery): ScopeDrill | undefined {
  const filters = [
    ['categoryCode', query.category],
    ['channel', query.channel],
    ['provinceCode', query.province],
  ].filter((entry): entry is [ScopeFilter, string] => entry[1] !== undefined);
  if (filters.length > 1) return undefined;
  const [only] = filters;
  return only ? { filter: only[0], key: only[1] } : WHOLE_SCOPE;
}

/** The agency counted over: the user's own, or one of its subtree named by code (404 outside it, as a case would be). */
async function agencyInScope(ctx: AppContext, user: AuthUser, code: string | undefined) {
  if (code === undefined) {
    const own = await findAgencyRefById(ctx.db, user.agencyId);
    if (!own) throw new Error(`agency ${user.agencyId} of user ${user.id} is missing`);
    return own;
  }
  const found = await findAgencyRefByCode(ctx.db, code);
  if (!found?.path.startsWith(user.agencyPath)) throw notFound('Agency', 'หน่วยงาน');
  return found;
}
