/**
 * What the CCEO should look at first: the surges the hourly watch found (ปริมาณเรื่องพุ่งสูงผิดปกติ)
 * and the hotspots, clusters of similar complaints from one area within a week of each other
 * (GET /api/v1/clusters over the last 30 days of the period), each with its cases to open.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Dashboard } from '../../../shared/api/dashboard.ts';
import { addCalendarDays, bangkokDate } from '../../../shared/business-days.ts';
import { fetchDistricts, fetchProvinces, useList } from '../../api/reference.ts';
import { fetchClusters } from '../../api/staff.ts';
import { formatDate } from '../../components/dates.ts';
import { localName } from '../../components/names.ts';
import { useResource } from '../use-resource.ts';

/** How many days back from the period's end (or today) the hotspots look, and how many are shown. */
const HOTSPOT_DAYS = 30;
const HOTSPOTS_SHOWN = 8;

export function SurgesSection({ surges }: { surges: Dashboard['surges'] }) {
  const { t, i18n } = useTranslation('dashboard');
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-surges">
      <h2 id="dashboard-surges">{t('surges.heading')}</h2>
      {surges.length === 0 ? (
        <p className="muted">{t('surges.none')}</p>
      ) : (
        <ul className="watch-list" data-testid="surges">
          {surges.map((surge) => (
            <li key={surge.id} className="watch-item watch-item--alert">
              <strong>{t(`surges.${surge.dimension}`, { name: surge.nameTh ?? surge.key })}</strong>
              <span>{t('surges.count', { count: surge.count, baseline: surge.baseline.toLocaleString(i18n.language, { maximumFractionDigits: 1 }) })}</span>
              <span className="muted">
                {t('surges.when', { from: formatDate(surge.weekFrom, i18n.language), to: formatDate(surge.weekTo, i18n.language), agency: localName(surge.agency, i18n.language) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HotspotsSection({ period, province }: { period: Dashboard['period']; province: string | undefined }) {
  const { t, i18n } = useTranslation('dashboard');
  const today = bangkokDate(new Date());
  const to = period.to < today ? period.to : today;
  const from = addCalendarDays(to, -(HOTSPOT_DAYS - 1)) > period.from ? addCalendarDays(to, -(HOTSPOT_DAYS - 1)) : period.from;
  const search = new URLSearchParams({ from, to, limit: String(HOTSPOTS_SHOWN), ...(province ? { provinceCode: province } : {}) }).toString();
  const clusters = useResource(`hotspots:${search}`, (signal) => (to < from ? Promise.resolve(null) : fetchClusters(search, signal)));
  return (
    <section className="dashboard-section" aria-labelledby="dashboard-hotspots">
      <h2 id="dashboard-hotspots">{t('hotspots.heading')}</h2>
      <p className="muted">{t('hotspots.lead', { from: formatDate(from, i18n.language), to: formatDate(to, i18n.language) })}</p>
      {clusters.state === 'loading' ? <p className="muted">{t('hotspots.loading')}</p> : null}
      {clusters.state === 'failed' ? <p className="muted">{t('hotspots.failed')}</p> : null}
      {clusters.state === 'ready' && (!clusters.data || clusters.data.items.length === 0) ? <p className="muted">{t('hotspots.none')}</p> : null}
      {clusters.state === 'ready' && clusters.data && clusters.data.items.length > 0 ? (
        <ul className="watch-list" data-testid="hotspots">
          {clusters.data.items.map((cluster) => (
            <li key={cluster.id} className="watch-item">
              <strong>{t('hotspots.size', { count: cluster.size })}</strong>
              <span>{cluster.topTerms.slice(0, 5).join(' · ')}</span>
              <span className="muted">
                <AreaName code={cluster.districtCode ?? cluster.provinceCode} /> ·{' '}
                {t('hotspots.when', { from: formatDate(cluster.firstReceivedAt, i18n.language), to: formatDate(cluster.lastReceivedAt, i18n.language) })}
              </span>
              <span className="watch-item__cases">
                {cluster.cases.slice(0, 5).map((item) => (
                  <Link key={item.id} href={`/cases/${item.id}`}>
                    {item.trackingCode}
                  </Link>
                ))}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** A district's or province's name (its code while the list loads). */
function AreaName({ code }: { code: string | null }) {
  const { t, i18n } = useTranslation('dashboard');
  const isDistrict = code !== null && code.length === 4;
  const districts = useList(isDistrict ? code.slice(0, 2) : '', fetchDistricts);
  const provinces = useList(code !== null && !isDistrict ? 'all' : '', fetchProvinces);
  if (code === null) return <>{t('hotspots.noArea')}</>;
  const area = (isDistrict ? districts.items : provinces.items).find((item) => item.code === code);
  return <>{area ? localName(area, i18n.language) : code}</>;
}
