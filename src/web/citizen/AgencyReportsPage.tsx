/**
 * /agencies/:code/reports: the complaint reports an agency has published (รายงานผลการดำเนินงาน
 * เรื่องร้องเรียน), for anyone, no sign-in — each with its period, its figures (counts below 5 in
 * a breakdown as "<5", as the API gives them), its analysis texts and its figures as open data.
 * No names, no personal data: the API gives none. Loaded only when opened, with its catalogue.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { fetchPublishedReports, publicFiguresUrl, type PublicReport } from '../api/reports.ts';
import { formatDate } from '../components/dates.ts';
import { localName } from '../components/names.ts';
import { ReportFigures } from '../components/ReportFigures.tsx';
import { PeriodText } from '../components/report-labels.tsx';
import { useAgencyPage } from './use-agency-page.ts';

const SECTIONS = ['background', 'analysis', 'problems', 'recommendations'] as const;

export default function AgencyReportsPage({ code }: { code: string }) {
  const { t, i18n } = useTranslation('reports');
  const loaded = useAgencyPage(code, fetchPublishedReports);

  if (loaded.state === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.state !== 'loaded') {
    return (
      <div className="public-reports">
        <h1>{t('public.heading')}</h1>
        <p className="notice" role="alert">
          {loaded.state === 'missing' ? t('public.notFound') : t('public.failed')}
        </p>
      </div>
    );
  }
  const { agency, items } = loaded.data;
  return (
    <div className="public-reports">
      <h1>
        {t('public.heading')}
        <span className="public-reports__agency">{localName(agency, i18n.language)}</span>
      </h1>
      <p className="lead">{t('public.lead', { agency: localName(agency, i18n.language) })}</p>
      {items.length === 0 ? <p className="notice">{t('public.none')}</p> : items.map((report) => <PublishedReport key={report.id} code={agency.code} report={report} />)}
      <p>
        <Link href={`/agencies/${encodeURIComponent(agency.code)}`}>{t('public.contact')}</Link>
      </p>
    </div>
  );
}

function PublishedReport({ code, report }: { code: string; report: PublicReport }) {
  const { t, i18n } = useTranslation('reports');
  return (
    <article className="card public-report" data-testid="published-report">
      <h2>
        <PeriodText period={report.period} />
      </h2>
      <p className="muted">
        {t('public.publishedOn', { date: formatDate(report.publishedAt, i18n.language) })}
        {report.version > 1 ? ` · ${t('report.version', { version: report.version })}` : null}
      </p>
      {report.changeNote ? (
        <p>
          {t('history.changeNote')}: {report.changeNote}
        </p>
      ) : null}
      <ReportFigures figures={report.figures} small />
      {SECTIONS.filter((key) => report.texts[key]).map((key) => (
        <section key={key} className="public-report__text">
          <h3>{t(`texts.${key}`)}</h3>
          <p>{report.texts[key]}</p>
        </section>
      ))}
      <p className="public-report__data">
        {t('public.openData')}{' '}
        <a href={publicFiguresUrl(code, report.id, 'csv')} download>
          {t('public.csv')}
        </a>{' '}
        ·{' '}
        <a href={publicFiguresUrl(code, report.id, 'xlsx')} download>
          {t('public.xlsx')}
        </a>
      </p>
    </article>
  );
}
