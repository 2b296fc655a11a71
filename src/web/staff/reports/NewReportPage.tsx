/**
 * /staff/reports/new: an agency of the user's subtree (their own when none is chosen) and a
 * period — a fiscal year, one of its quarters, or two dates. The server counts the figures and
 * drafts the texts; the new report opens.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useSession } from '../../api/session.tsx';
import { createReport } from '../../api/reports.ts';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorSummary, SelectField } from '../../components/form.tsx';
import { Loading } from '../../components/Layout.tsx';
import { localName } from '../../components/names.ts';
import { useSubmission } from '../../components/use-form-errors.ts';
import { fiscalYearChoices } from '../dashboard/dashboard-query.ts';
import { PERIOD_KINDS, periodOf, type PeriodDraft } from './report-form.ts';

/** The year just ended is the report most often made: the current fiscal year until its end, then the one before. */
const YEARS = fiscalYearChoices();

export function NewReportPage() {
  const { t, i18n } = useTranslation(['reports', 'common']);
  const { user } = useSession();
  const [, navigate] = useLocation();
  const [agency, setAgency] = useState<AgencyRef | null>(null);
  const [draft, setDraft] = useState<PeriodDraft>({ kind: 'fiscal_year', fiscalYear: YEARS[0] ?? 2569, quarter: 1, from: '', to: '' });
  const { sending, failure, fail, submit } = useSubmission();
  if (!user) return <Loading />;
  const set = (change: Partial<PeriodDraft>) => setDraft((current) => ({ ...current, ...change }));
  const errors = failure.fields;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = periodOf(draft);
    if ('problems' in checked) {
      fail(Object.fromEntries(Object.entries(checked.problems).map(([field, problem]) => [field, t(`new.problems.${problem}`)])));
      return;
    }
    void submit(async () => {
      const report = await createReport({ ...(agency ? { agencyCode: agency.code } : {}), period: checked.period });
      navigate(`/${report.id}`);
    });
  };

  const labels = { agencyCode: t('new.agency'), period: t('new.kind'), 'period.fiscalYear': t('new.fiscalYear'), 'period.quarter': t('new.quarter'), 'period.from': t('new.from'), 'period.to': t('new.to') };
  return (
    <div className="reports">
      <p>
        <Link href="/">← {t('report.back')}</Link>
      </p>
      <h1>{t('new.heading')}</h1>
      <p className="lead">{t('new.lead')}</p>
      <form className="form-section report-new" onSubmit={onSubmit} noValidate>
        <ErrorSummary message={failure.message} errors={errors} labels={labels} />
        <AgencyPicker
          label={t('new.agency')}
          name="agencyCode"
          value={agency}
          onChange={setAgency}
          within={user.agency.code}
          hint={t('new.agencyHint', { agency: localName(user.agency, i18n.language) })}
          error={errors.agencyCode}
        />
        <SelectField
          label={t('new.kind')}
          name="period.kind"
          value={draft.kind}
          onChange={(kind) => set({ kind: kind as PeriodDraft['kind'] })}
          options={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`new.kinds.${kind}`) }))}
        />
        {draft.kind === 'custom' ? (
          <div className="report-new__dates">
            <DateField label={t('new.from')} name="period.from" value={draft.from} onChange={(from) => set({ from })} error={errors['period.from']} required />
            <DateField label={t('new.to')} name="period.to" value={draft.to} onChange={(to) => set({ to })} error={errors['period.to']} required />
          </div>
        ) : (
          <div className="report-new__dates">
            <SelectField
              label={t('new.fiscalYear')}
              name="period.fiscalYear"
              value={String(draft.fiscalYear)}
              onChange={(year) => set({ fiscalYear: Number(year) })}
              options={YEARS.map((year) => ({ value: String(year), label: t('new.fiscalYearOption', { year }) }))}
              error={errors['period.fiscalYear']}
            />
            {draft.kind === 'quarter' ? (
              <SelectField
                label={t('new.quarter')}
                name="period.quarter"
                value={String(draft.quarter)}
                onChange={(quarter) => set({ quarter: Number(quarter) })}
                options={(['1', '2', '3', '4'] as const).map((quarter) => ({ value: quarter, label: t('new.quarterOption', { quarter, months: t(`quarters.${quarter}`) }) }))}
                error={errors['period.quarter']}
              />
            ) : null}
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={sending}>
            {t('new.submit')}
          </button>
          <Link href="/" className="button button--ghost">
            {t('new.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
