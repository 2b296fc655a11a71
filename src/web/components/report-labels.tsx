/** How a report's state and period read: the state as a badge, the period in the reader's language. */
import { useTranslation } from 'react-i18next';
import type { Report } from '../api/reports.ts';
import { formatDate } from './dates.ts';

export function ReportStateBadge({ state }: { state: Report['state'] }) {
  const { t } = useTranslation('reports');
  return <span className={`badge badge--report-${state}`}>{t(`state.${state}`)}</span>;
}

/** The API's Thai label ("ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)"), or the dates in English. */
export function PeriodText({ period }: { period: Report['period'] }) {
  const { t, i18n } = useTranslation('reports');
  if (i18n.language === 'th') return <>{period.labelTh}</>;
  const dates = `${formatDate(period.from, i18n.language)} – ${formatDate(period.to, i18n.language)}`;
  if (period.kind === 'custom' || period.fiscalYear === null) return <>{dates}</>;
  const year = t('new.fiscalYearOption', { year: period.fiscalYear });
  return <>{period.kind === 'quarter' ? `${t('new.quarter')} ${period.quarter}, ${year} (${dates})` : `${year} (${dates})`}</>;
}
