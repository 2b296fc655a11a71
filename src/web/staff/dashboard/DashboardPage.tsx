/**
 * แดชบอร์ดผู้บริหาร (/staff/dashboard): the figures of GET /api/v1/dashboard for the user's
 * agency subtree over a period, drilled down by the address's filters. Loaded only when opened
 * (React.lazy in StaffApp), with its catalogue, its charts (Chart.js for the trend, plain bars
 * for the breakdowns) and the maps.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { useSession } from '../../api/session.tsx';
import { dashboardCsvUrl, fetchDashboard, type Dashboard } from '../../api/staff.ts';
import { fetchCategories, fetchProvinces, useList } from '../../api/reference.ts';
import { formatDate } from '../../components/dates.ts';
import { Loading } from '../../components/Layout.tsx';
import { localName } from '../../components/names.ts';
import { addCatalogues } from '../../i18n/index.ts';
import { enDashboard } from '../../i18n/en/dashboard.ts';
import { thDashboard } from '../../i18n/th/dashboard.ts';
import { Empty, LoadError } from '../states.tsx';
import { useResource } from '../use-resource.ts';
import { changeOf, searchOf, viewFromSearch } from './dashboard-query.ts';
import { DashboardFilters } from './DashboardFilters.tsx';
import { HotspotsSection, SurgesSection } from './WatchSections.tsx';
import type { AdminArea } from '../../api/types.ts';
import { BacklogSection, OverdueSection, ReceivedSection, SatisfactionSection, SlaSection } from './DashboardSections.tsx';
import './dashboard.css';

addCatalogues('dashboard', thDashboard, enDashboard);

export default function DashboardPage() {
  const { t, i18n } = useTranslation(['dashboard', 'staff']);
  const { user } = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  const view = useMemo(() => viewFromSearch(search), [search]);
  const query = searchOf(view);
  const figures = useResource(query, (signal) => fetchDashboard(query, signal));
  const categories = useList('all', fetchCategories);
  const provinces = useList('all', fetchProvinces);
  if (!user) return <Loading />;
  const data = figures.data;
  const chosen = view.agency && data && data.agency.code === view.agency ? data.agency : null;

  return (
    <div className="dashboard">
      <h1>{t('heading')}</h1>
      {data ? (
        <p className="lead">
          {t('lead', { agency: localName(data.agency, i18n.language), from: formatDate(data.period.from, i18n.language), to: formatDate(data.period.to, i18n.language) })}
        </p>
      ) : null}
      <DashboardFilters
        view={view}
        rootCode={user.agency.code}
        agencyName={chosen}
        categories={categories.items}
        provinces={provinces.items}
        onApply={(next) => navigate(`/dashboard?${searchOf(next)}`)}
        onReset={() => navigate('/dashboard')}
        csvUrl={dashboardCsvUrl(query)}
      />
      {figures.state === 'loading' ? <Loading /> : null}
      {figures.state === 'failed' ? <LoadError error={figures.error} retry={figures.reload} forbidden={t('staff:states.forbidden')} /> : null}
      {data ? <Figures data={data} provinces={provinces.items} province={view.province} /> : null}
    </div>
  );
}

function Figures({ data, provinces, province }: { data: Dashboard; provinces: readonly AdminArea[]; province: string | undefined }) {
  const { t, i18n } = useTranslation('dashboard');
  const districtsOf = provinces.find((item) => item.code === data.received.districtsOf);
  const provinceName = districtsOf ? localName(districtsOf, i18n.language) : data.received.districtsOf;
  // The backlog and the overdue cases are of today, whatever the period; the rest is the period's.
  const quiet = data.received.cases.current + data.received.contacts.current + data.sla.met + data.sla.missed + data.satisfaction.responses + data.satisfaction.reopened === 0;
  return (
    <div data-testid="dashboard-figures">
      <Headline data={data} />
      <SurgesSection surges={data.surges} />
      {quiet ? <Empty hint={t('emptyHint')}>{t('empty')}</Empty> : <ReceivedSection received={data.received} provinceName={provinceName} />}
      <HotspotsSection period={data.period} province={province} />
      <BacklogSection backlog={data.backlog} />
      <OverdueSection overdue={data.overdue} />
      {quiet ? null : (
        <>
          <SlaSection data={data} />
          <SatisfactionSection satisfaction={data.satisfaction} />
        </>
      )}
    </div>
  );
}

/** The figures that matter most, each with its trend or its share. */
function Headline({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation('dashboard');
  const percent = (share: number | null) => (share === null ? t('none') : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(share));
  const trend = (current: number, previous: number) => {
    const change = changeOf(current, previous);
    if (change === null) return t('headline.previous', { count: previous });
    const direction = change > 0 ? t('headline.up', { percent: percent(change) }) : change < 0 ? t('headline.down', { percent: percent(-change) }) : t('headline.same');
    return `${t('headline.previous', { count: previous })} · ${direction}`;
  };
  const average = data.satisfaction.average;
  const items = [
    { key: 'cases', value: data.received.cases.current, note: trend(data.received.cases.current, data.received.cases.previous) },
    { key: 'contacts', value: data.received.contacts.current, note: trend(data.received.contacts.current, data.received.contacts.previous) },
    { key: 'open', value: data.backlog.open },
    { key: 'overdue', value: data.overdue.count, alert: data.overdue.count > 0 },
    { key: 'compliance', value: percent(data.sla.compliance) },
    { key: 'satisfaction', value: average === null ? t('none') : t('headline.outOfFive', { value: average.toFixed(2) }) },
  ] as const;
  return (
    <section aria-label={t('headline.label')}>
      <dl className="dashboard-headline">
        {items.map((item) => (
          <div key={item.key} className={'alert' in item && item.alert ? 'dashboard-stat dashboard-stat--alert' : 'dashboard-stat'} data-testid={`stat-${item.key}`}>
            <dt>{t(`headline.${item.key}`)}</dt>
            <dd className="dashboard-stat__value">{typeof item.value === 'number' ? item.value.toLocaleString() : item.value}</dd>
            {'note' in item ? <dd className="dashboard-stat__note">{item.note}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}
