/** The dashboard's sections: what was received (with the map), the backlog, the overdue cases, timeliness and satisfaction. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { BreakdownItem, Dashboard } from '../../../shared/api/dashboard.ts';
import type { Channel } from '../../../shared/case-model.ts';
import { formatDate } from '../../components/dates.ts';
import { localName } from '../../components/names.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { BarTable, type BarRow } from './BarTable.tsx';
import { ProvinceDistrictMap, ProvinceMap } from './AreaMap.tsx';
import { TrendChart } from './TrendChart.tsx';

const rowsOf = (items: readonly BreakdownItem[], label: (item: BreakdownItem) => string): BarRow[] =>
  items
    .filter((item) => item.cases.current + item.cases.previous + item.contacts.current > 0)
    .map((item) => ({ key: item.key ?? '', label: label(item), value: item.cases.current, previous: item.cases.previous, contacts: item.contacts.current }))
    .sort((a, b) => b.value - a.value || b.previous - a.previous);

export function ReceivedSection({ received, provinceName }: { received: Dashboard['received']; provinceName: string }) {
  const { t } = useTranslation(['dashboard', 'common']);
  const named = (fallback: string) => (item: BreakdownItem) => item.nameTh ?? item.key ?? fallback;
  const districts = received.byDistrict.filter((item) => item.key !== null);
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-received">
      <h2 id="dashboard-received">{t('received.heading')}</h2>
      <TrendChart series={received.series} />
      <div className="dashboard-grid">
        <BarTable compare testId="by-channel" caption={t('received.byChannel')} rows={rowsOf(received.byChannel, (item) => t(`common:channel.${item.key as Channel}`))} />
        <BarTable compare testId="by-category" caption={t('received.byCategory')} rows={rowsOf(received.byCategory, named(t('received.noCategory')))} />
        <BarTable compare testId="by-agency" caption={t('received.byAgency')} rows={rowsOf(received.byAgency, named(''))} />
      </div>
      <h3>{t('map.heading')}</h3>
      <div className="dashboard-map">
        <ProvinceMap counts={received.byProvince.filter((item) => item.key !== null).map((item) => ({ code: item.key ?? '', count: item.cases.current }))} />
        <BarTable compare testId="by-province" caption={t('received.byProvince')} rows={rowsOf(received.byProvince, named(t('received.noProvince')))} />
      </div>
      <h3>{t('districtMap.heading', { province: provinceName })}</h3>
      {districts.length === 0 ? (
        <p className="muted">{t('districtMap.noDistrict', { province: provinceName })}</p>
      ) : (
        <div className="dashboard-map">
          <ProvinceDistrictMap
            provinceCode={received.districtsOf}
            provinceName={provinceName}
            counts={districts.map((item) => ({ code: item.key ?? '', count: item.cases.current }))}
          />
          <BarTable compare testId="by-district" caption={t('districtMap.byDistrict')} rows={rowsOf(districts, named(''))} />
        </div>
      )}
    </section>
  );
}

export function BacklogSection({ backlog }: { backlog: Dashboard['backlog'] }) {
  const { t } = useTranslation(['dashboard', 'common']);
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-backlog">
      <h2 id="dashboard-backlog">
        {t('backlog.heading')} ({backlog.open.toLocaleString()})
      </h2>
      <div className="dashboard-grid">
        <BarTable
          caption={t('backlog.byStatus')}
          testId="backlog-status"
          rows={backlog.byStatus.filter((item) => item.count > 0).map((item) => ({ key: item.status, label: t(`common:status.${item.status}`), value: item.count }))}
        />
        <BarTable
          caption={t('backlog.byAge')}
          testId="backlog-age"
          rows={backlog.byAge.map((bucket) => ({
            key: String(bucket.fromDays),
            label: bucket.toDays === null ? t('backlog.ageOver', { from: bucket.fromDays - 1 }) : t('backlog.age', { from: bucket.fromDays, to: bucket.toDays }),
            value: bucket.count,
          }))}
        />
      </div>
    </section>
  );
}

export function OverdueSection({ overdue }: { overdue: Dashboard['overdue'] }) {
  const { t, i18n } = useTranslation(['dashboard', 'common']);
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-overdue">
      <h2 id="dashboard-overdue">{t('overdue.heading', { count: overdue.count })}</h2>
      {overdue.cases.length === 0 ? (
        <p className="muted">{t('overdue.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="case-table" data-testid="overdue-cases">
            <caption className={overdue.count > overdue.cases.length ? undefined : 'visually-hidden'}>{t('overdue.shown', { shown: overdue.cases.length, count: overdue.count })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('overdue.code')}</th>
                <th scope="col">{t('overdue.status')}</th>
                <th scope="col">{t('overdue.agency')}</th>
                <th scope="col">{t('overdue.channel')}</th>
                <th scope="col">{t('overdue.received')}</th>
                <th scope="col">{t('overdue.due')}</th>
              </tr>
            </thead>
            <tbody>
              {overdue.cases.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link href={`/cases/${item.id}`} className="mono">
                      {item.trackingCode}
                    </Link>
                  </th>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>{localName(item.agency, i18n.language)}</td>
                  <td>{t(`common:channel.${item.channel}`)}</td>
                  <td>{formatDate(item.receivedAt, i18n.language)}</td>
                  <td>{formatDate(item.dueDate, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Figures as a list of terms and values. */
function Facts({ items }: { items: ReadonlyArray<{ key: string; term: string; value: string }> }) {
  return (
    <dl className="dashboard-facts">
      {items.map((item) => (
        <div key={item.key} data-testid={`fact-${item.key}`}>
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

const usePercent = () => {
  const { t, i18n } = useTranslation('dashboard');
  return (share: number | null) => (share === null ? t('none') : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(share));
};

export function SlaSection({ data }: { data: Dashboard }) {
  const { t } = useTranslation('dashboard');
  const percent = usePercent();
  const days = (count: number | null) => (count === null ? t('none') : t('sla.days', { count }));
  const { sla } = data;
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-sla">
      <h2 id="dashboard-sla">{t('sla.heading')}</h2>
      <Facts
        items={[
          { key: 'met', term: t('sla.met'), value: sla.met.toLocaleString() },
          { key: 'missed', term: t('sla.missed'), value: sla.missed.toLocaleString() },
          { key: 'compliance', term: t('sla.compliance'), value: percent(sla.compliance) },
          { key: 'median', term: t('sla.median'), value: days(sla.medianBusinessDays) },
          { key: 'p90', term: t('sla.p90'), value: days(sla.p90BusinessDays) },
          { key: 'extensions', term: t('sla.extensions'), value: data.extensions.toLocaleString() },
          { key: 'pauses', term: t('sla.pauses'), value: data.pauses.toLocaleString() },
          { key: 'rejected', term: t('sla.rejected'), value: data.rejected.toLocaleString() },
          { key: 'merged', term: t('sla.merged'), value: data.merged.toLocaleString() },
        ]}
      />
    </section>
  );
}

export function SatisfactionSection({ satisfaction }: { satisfaction: Dashboard['satisfaction'] }) {
  const { t } = useTranslation('dashboard');
  const percent = usePercent();
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-satisfaction">
      <h2 id="dashboard-satisfaction">{t('satisfaction.heading')}</h2>
      <div className="dashboard-grid">
        <Facts
          items={[
            { key: 'average', term: t('satisfaction.average'), value: satisfaction.average === null ? t('none') : t('headline.outOfFive', { value: satisfaction.average.toFixed(2) }) },
            { key: 'responses', term: t('satisfaction.responses'), value: satisfaction.responses.toLocaleString() },
            { key: 'responseRate', term: t('satisfaction.responseRate'), value: percent(satisfaction.responseRate) },
            { key: 'reopened', term: t('satisfaction.reopened'), value: satisfaction.reopened.toLocaleString() },
            { key: 'reopenRate', term: t('satisfaction.reopenRate'), value: percent(satisfaction.reopenRate) },
          ]}
        />
        <BarTable
          caption={t('satisfaction.distribution')}
          testId="ratings"
          rows={satisfaction.distribution.map((count, i) => ({ key: String(i + 1), label: t('satisfaction.rating', { rating: i + 1 }), value: count })).reverse()}
        />
      </div>
    </section>
  );
}
