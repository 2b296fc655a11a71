/**
 * The dashboard's period picker (a fiscal year, a quarter of it, a month, or custom dates, in
 * พ.ศ.) and filters (an agency of the user's subtree, category, channel, province). The form
 * keeps its own copy; "แสดงผล" puts it into the address, which the page reads.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../../shared/case-model.ts';
import type { AdminArea, Category } from '../../api/types.ts';
import { AgencyPicker, type AgencyRef } from '../../components/AgencyPicker.tsx';
import { DateField } from '../../components/DateField.tsx';
import { isIsoDate } from '../../components/date-input.ts';
import { SelectField } from '../../components/form.tsx';
import { localName } from '../../components/names.ts';
import { calendarYearChoices, fiscalYearChoices, PERIOD_KINDS, type DashboardView, type PeriodKind } from './dashboard-query.ts';

export interface DashboardFiltersProps {
  view: DashboardView;
  /** The user's own agency: the picker keeps to its subtree. */
  rootCode: string;
  /** The chosen agency's name, when the dashboard has it (the address holds only the code). */
  agencyName: AgencyRef | null;
  categories: readonly Category[];
  provinces: readonly AdminArea[];
  onApply: (view: DashboardView) => void;
  onReset: () => void;
  csvUrl: string;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function DashboardFilters({ view, rootCode, agencyName, categories, provinces, onApply, onReset, csvUrl }: DashboardFiltersProps) {
  const { t, i18n } = useTranslation(['dashboard', 'common']);
  const [draft, setDraft] = useState(view);
  const [agency, setAgency] = useState<AgencyRef | null>(agencyName);
  const [dateError, setDateError] = useState(false);
  useEffect(() => setDraft(view), [view]);
  useEffect(() => setAgency(agencyName), [agencyName]);
  const set = (changes: Partial<DashboardView>) => setDraft((current) => ({ ...current, ...changes }));
  const yearOptions = (years: number[], label?: (year: number) => string) => years.map((year) => ({ value: String(year), label: label ? label(year) : String(year) }));
  const monthName = (month: number) => new Intl.DateTimeFormat(i18n.language === 'th' ? 'th-TH' : 'en-GB', { month: 'long' }).format(new Date(2026, month - 1, 15));
  // A year chosen for one kind may not be offered by another (a month's calendar year, a fiscal year).
  const fiscalYears = fiscalYearChoices();
  const calendarYears = calendarYearChoices();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.kind === 'custom' && !(isIsoDate(draft.from) && isIsoDate(draft.to) && draft.from <= draft.to)) {
      setDateError(true);
      return;
    }
    setDateError(false);
    onApply({ ...draft, agency: agency && agency.code !== rootCode ? agency.code : '' });
  };

  return (
    <form className="dashboard-filters" onSubmit={submit} aria-label={t('filters.legend')}>
      <div className="filters__grid">
        <SelectField
          label={t('filters.kind')}
          name="kind"
          value={draft.kind}
          onChange={(kind) => set({ kind: kind as PeriodKind })}
          options={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`filters.kinds.${kind}`) }))}
        />
        {draft.kind === 'fy' || draft.kind === 'quarter' ? (
          <SelectField
            label={t('filters.fiscalYear')}
            name="year"
            value={String(draft.year)}
            onChange={(year) => set({ year: Number(year) })}
            options={yearOptions(fiscalYears.includes(draft.year) ? fiscalYears : [draft.year, ...fiscalYears], (year) => t('filters.fiscalYearOption', { year }))}
          />
        ) : null}
        {draft.kind === 'quarter' ? (
          <SelectField
            label={t('filters.quarter')}
            name="quarter"
            value={String(draft.quarter)}
            onChange={(quarter) => set({ quarter: Number(quarter) })}
            options={(['1', '2', '3', '4'] as const).map((quarter) => ({ value: quarter, label: t('filters.quarterOption', { quarter, months: t(`quarters.${quarter}`) }) }))}
          />
        ) : null}
        {draft.kind === 'month' ? (
          <>
            <SelectField label={t('filters.month')} name="month" value={String(draft.month)} onChange={(month) => set({ month: Number(month) })} options={MONTHS.map((month) => ({ value: String(month), label: monthName(month) }))} />
            <SelectField label={t('filters.year')} name="year" value={String(draft.year)} onChange={(year) => set({ year: Number(year) })} options={yearOptions(calendarYears.includes(draft.year) ? calendarYears : [draft.year, ...calendarYears])} />
          </>
        ) : null}
        {draft.kind === 'custom' ? (
          <>
            <DateField label={t('filters.from')} name="from" value={draft.from} onChange={(from) => set({ from })} required error={dateError && !isIsoDate(draft.from) ? t('common:dates.format') : undefined} />
            <DateField
              label={t('filters.to')}
              name="to"
              value={draft.to}
              onChange={(to) => set({ to })}
              required
              error={dateError && (!isIsoDate(draft.to) || draft.from > draft.to) ? (isIsoDate(draft.to) ? t('filters.toBeforeFrom') : t('common:dates.format')) : undefined}
            />
          </>
        ) : null}
        <SelectField
          label={t('filters.category')}
          name="category"
          value={draft.category}
          onChange={(category) => set({ category })}
          emptyLabel={t('filters.any')}
          options={categories.map((category) => ({ value: category.code, label: `${category.parentCode ? '— ' : ''}${localName(category, i18n.language)}` }))}
        />
        <SelectField
          label={t('filters.channel')}
          name="channel"
          value={draft.channel}
          onChange={(channel) => set({ channel: channel as DashboardView['channel'] })}
          emptyLabel={t('filters.any')}
          options={CHANNELS.map((channel) => ({ value: channel, label: t(`common:channel.${channel}`) }))}
        />
        <SelectField
          label={t('filters.province')}
          name="province"
          value={draft.province}
          onChange={(province) => set({ province })}
          emptyLabel={t('filters.any')}
          options={provinces.map((province) => ({ value: province.code, label: localName(province, i18n.language) }))}
        />
        <div className="filters__agency">
          <AgencyPicker label={t('filters.agency')} hint={t('filters.agencyHint')} name="agency" value={agency} onChange={setAgency} within={rootCode} />
        </div>
      </div>
      <div className="filters__actions">
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
        <button type="button" className="button button--secondary" onClick={onReset}>
          {t('filters.reset')}
        </button>
        <a className="button button--secondary" href={csvUrl} download>
          {t('filters.csv')}
        </a>
      </div>
    </form>
  );
}
