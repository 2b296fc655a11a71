/**
 * The dashboard as CSV, one figure a line: section, item (a code), its Thai name where it has
 * one, the figure of the period and of the period before (where the dashboard has one).
 */
import type { BreakdownItem, Dashboard } from '../../shared/api/dashboard.ts';
import { spreadsheetCsv } from '../../shared/csv.ts';

const COLUMNS = ['section', 'item', 'nameTh', 'current', 'previous'] as const;
type Line = [section: string, item: string, nameTh: string, current: number | string, previous: number | string];

const figure = (value: number | null): number | string => (value === null ? '' : Math.round(value * 1000) / 1000);

function breakdownLines(section: string, items: readonly BreakdownItem[]): Line[] {
  return items.flatMap((item): Line[] => [
    [`${section}.cases`, item.key ?? '', item.nameTh ?? '', item.cases.current, item.cases.previous],
    [`${section}.contacts`, item.key ?? '', item.nameTh ?? '', item.contacts.current, item.contacts.previous],
  ]);
}

export function dashboardCsv(dashboard: Dashboard): string {
  const { received, backlog, sla, satisfaction } = dashboard;
  const lines: Line[] = [
    ['period', 'from', '', dashboard.period.from, dashboard.period.previousFrom],
    ['period', 'to', '', dashboard.period.to, dashboard.period.previousTo],
    ['agency', dashboard.agency.code, dashboard.agency.nameTh, '', ''],
    ['received', 'cases', '', received.cases.current, received.cases.previous],
    ['received', 'contacts', '', received.contacts.current, received.contacts.previous],
    ...breakdownLines('byChannel', received.byChannel),
    ...breakdownLines('byCategory', received.byCategory),
    ...breakdownLines('byAgency', received.byAgency),
    ...breakdownLines('byProvince', received.byProvince),
    ...breakdownLines(`byDistrict.${received.districtsOf}`, received.byDistrict),
    ...received.series.current.flatMap((point, i): Line[] => [
      [`series.${received.series.grain}.cases`, point.slot, '', point.cases ?? '', received.series.previous[i]?.cases ?? ''],
      [`series.${received.series.grain}.contacts`, point.slot, '', point.contacts ?? '', received.series.previous[i]?.contacts ?? ''],
    ]),
    ['backlog', 'open', '', backlog.open, ''],
    ...backlog.byStatus.map((row): Line => ['backlog.status', row.status, '', row.count, '']),
    ...backlog.byAge.map((row): Line => ['backlog.ageBusinessDays', `${row.fromDays}-${row.toDays ?? ''}`, '', row.count, '']),
    ['overdue', 'count', '', dashboard.overdue.count, ''],
    ...dashboard.overdue.cases.map((row): Line => ['overdue.case', row.trackingCode, row.agency.nameTh, row.dueDate, '']),
    ['sla', 'met', '', sla.met, ''],
    ['sla', 'missed', '', sla.missed, ''],
    ['sla', 'compliance', '', figure(sla.compliance), ''],
    ['sla', 'medianBusinessDays', '', figure(sla.medianBusinessDays), ''],
    ['sla', 'p90BusinessDays', '', figure(sla.p90BusinessDays), ''],
    ['cases', 'extensions', '', dashboard.extensions, ''],
    ['cases', 'pauses', '', dashboard.pauses, ''],
    ['cases', 'rejected', '', dashboard.rejected, ''],
    ['cases', 'merged', '', dashboard.merged, ''],
    ['satisfaction', 'responses', '', satisfaction.responses, ''],
    ['satisfaction', 'average', '', figure(satisfaction.average), ''],
    ...satisfaction.distribution.map((count, i): Line => ['satisfaction.rating', String(i + 1), '', count, '']),
    ['satisfaction', 'responseRate', '', figure(satisfaction.responseRate), ''],
    ['satisfaction', 'reopened', '', satisfaction.reopened, ''],
    ['satisfaction', 'reopenRate', '', figure(satisfaction.reopenRate), ''],
    // A surge: its count of the seven days from weekFrom, and the weekly average before (as "current").
    ...dashboard.surges.flatMap((surge): Line[] => [
      [`surge.${surge.dimension}.count`, `${surge.key}@${surge.weekFrom}`, surge.nameTh ?? '', surge.count, ''],
      [`surge.${surge.dimension}.baseline`, `${surge.key}@${surge.weekFrom}`, surge.nameTh ?? '', figure(surge.baseline), ''],
    ]),
  ];
  return spreadsheetCsv(COLUMNS, lines);
}
