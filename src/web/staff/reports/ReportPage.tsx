/**
 * /staff/reports/:id: one report — its state and period, the steps the server says the user may
 * take now (`actions`), the texts of the memo (editable while a draft or sent back, saved with
 * PATCH), the figures, what happened to it so far, and its memo (PDF) and figures (CSV, XLSX).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { fetchReport, reportFileUrl, type Report } from '../../api/reports.ts';
import { formatDateTime } from '../../components/dates.ts';
import { Loading } from '../../components/Layout.tsx';
import { localName } from '../../components/names.ts';
import { ReportFigures } from '../../components/ReportFigures.tsx';
import { LoadError } from '../states.tsx';
import { useResource } from '../use-resource.ts';
import { PeriodText, ReportStateBadge } from '../../components/report-labels.tsx';
import { ReportTextsForm, ReportTextsView } from './ReportTexts.tsx';
import { ReportWorkflow } from './ReportWorkflow.tsx';

export function ReportPage({ id }: { id: string }) {
  const { t } = useTranslation(['reports', 'staff']);
  const loaded = useResource(id, (signal) => fetchReport(id, signal));
  // The report as the last step or save answered it (the load is of the page's first view).
  const [changed, setChanged] = useState<Report | null>(null);
  const [dirty, setDirty] = useState(false);
  const [, navigate] = useLocation();
  const report = changed ?? loaded.data;
  return (
    <div className="reports report">
      <p>
        <Link href="/">← {t('report.back')}</Link>
      </p>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'failed' ? <LoadError error={loaded.error} retry={loaded.reload} forbidden={t('staff:states.forbidden')} /> : null}
      {report ? (
        <>
          <ReportHeader report={report} />
          <ReportWorkflow report={report} dirty={dirty} onChange={setChanged} onRevised={(next) => navigate(`/${next.id}`)} />
          {report.actions.includes('edit') ? (
            <ReportTextsForm key={`${report.id}-${report.state}`} report={report} onSaved={setChanged} onDirtyChange={setDirty} />
          ) : (
            <ReportTextsView report={report} />
          )}
          <section className="report__section" aria-labelledby="report-figures">
            <h2 id="report-figures">{t('figures.heading')}</h2>
            <ReportFigures figures={report.figures} />
          </section>
          <ReportHistory report={report} />
        </>
      ) : null}
    </div>
  );
}

function ReportHeader({ report }: { report: Report }) {
  const { t, i18n } = useTranslation('reports');
  const frozen = report.state === 'approved' || report.state === 'published';
  return (
    <header className="report__header">
      <h1>{t('report.title', { agency: localName(report.agency, i18n.language) })}</h1>
      <p className="report__meta">
        <span>
          <PeriodText period={report.period} />
        </span>
        <span>{t('report.version', { version: report.version })}</span>
        <ReportStateBadge state={report.state} />
      </p>
      <p className="muted">{t('report.computedAt', { at: formatDateTime(report.figuresComputedAt, i18n.language) })}</p>
      {frozen ? <p className="notice">{t('report.frozen')}</p> : null}
      {report.state === 'sent_back' && report.reviewComment ? (
        <div className="notice">
          <strong>{t('history.reviewComment')}</strong>
          <p>{report.reviewComment}</p>
        </div>
      ) : null}
      {report.state === 'submitted' && !report.actions.includes('approve') ? <p className="notice">{t('report.readOnly')}</p> : null}
      <nav className="report__files" aria-label={t('report.files')}>
        <a href={reportFileUrl(report.id, 'memo.pdf')} className="button button--secondary" download>
          {t('report.pdf')}
        </a>
        <a href={reportFileUrl(report.id, 'figures.csv')} className="button button--secondary" download>
          {t('report.csv')}
        </a>
        <a href={reportFileUrl(report.id, 'figures.xlsx')} className="button button--secondary" download>
          {t('report.xlsx')}
        </a>
      </nav>
    </header>
  );
}

/** What happened to the report: its steps with their times, the head's comment when sent back, and what a new version changed. */
function ReportHistory({ report }: { report: Report }) {
  const { t, i18n } = useTranslation('reports');
  const steps = [
    ['computed', report.figuresComputedAt],
    ['submitted', report.submittedAt],
    ['approved', report.approvedAt],
    ['published', report.publishedAt],
  ] as const;
  return (
    <section className="report__section" aria-labelledby="report-history">
      <h2 id="report-history">{t('history.heading')}</h2>
      <dl className="report-history">
        {report.changeNote ? (
          <div>
            <dt>{t('history.changeNote')}</dt>
            <dd>{report.changeNote}</dd>
          </div>
        ) : null}
        {steps.map(([step, at]) =>
          at ? (
            <div key={step}>
              <dt>{t(`history.${step}`)}</dt>
              <dd>{formatDateTime(at, i18n.language)}</dd>
            </div>
          ) : null,
        )}
        {report.reviewComment ? (
          <div className="report-history__comment" data-testid="review-comment">
            <dt>{t('history.reviewComment')}</dt>
            <dd>{report.reviewComment}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
