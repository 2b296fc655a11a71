/** /staff/reports: the reports of the agencies in the user's subtree, newest period first, as the API lists them. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { listReports, type ReportSummary } from '../../api/reports.ts';
import { formatDate } from '../../components/dates.ts';
import { Loading } from '../../components/Layout.tsx';
import { localName } from '../../components/names.ts';
import { Empty, LoadError } from '../states.tsx';
import { useResource } from '../use-resource.ts';
import { latestStep } from './report-form.ts';
import { PeriodText, ReportStateBadge } from '../../components/report-labels.tsx';

export function ReportListPage() {
  const { t } = useTranslation(['reports', 'staff']);
  const list = useResource('all', (signal) => listReports(null, signal));
  return (
    <div className="reports">
      <div className="reports__top">
        <div>
          <h1>{t('heading')}</h1>
          <p className="lead">{t('lead')}</p>
        </div>
        <Link href="/new" className="button button--primary">
          {t('create')}
        </Link>
      </div>
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'failed' ? <LoadError error={list.error} retry={list.reload} forbidden={t('staff:states.forbidden')} /> : null}
      {list.data && list.data.items.length === 0 ? <Empty hint={t('emptyHint')}>{t('empty')}</Empty> : null}
      {list.data && list.data.items.length > 0 ? <ReportTable items={list.data.items} /> : null}
    </div>
  );
}

/** A table on a desktop; on a phone each row is a card whose cells say what they are (reports.css). */
function ReportTable({ items }: { items: readonly ReportSummary[] }) {
  const { t, i18n } = useTranslation('reports');
  return (
    <div className="table-scroll report-list">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('list.agency')}</th>
            <th scope="col">{t('list.period')}</th>
            <th scope="col">{t('list.version')}</th>
            <th scope="col">{t('list.state')}</th>
            <th scope="col">{t('list.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((report) => {
            const step = latestStep(report);
            return (
              <tr key={report.id} data-testid="report-row">
                <th scope="row" data-label={t('list.agency')}>
                  <Link href={`/${report.id}`}>{localName(report.agency, i18n.language)}</Link>
                </th>
                <td data-label={t('list.period')}>
                  <PeriodText period={report.period} />
                </td>
                <td data-label={t('list.version')}>{report.version}</td>
                <td data-label={t('list.state')}>
                  <ReportStateBadge state={report.state} />
                </td>
                <td data-label={t('list.updated')}>{step ? `${t(`history.${step.step}`)} ${formatDate(step.at, i18n.language)}` : t('texts.empty')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
