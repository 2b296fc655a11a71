/** The inbox's filter form: edits a draft, and applying it changes the address (and so the list). */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, CHANNELS, SLA_STATES, type Channel } from '../../shared/case-model.ts';
// The labelled text and select fields of the administration's forms, the same controls here.
import { SelectField } from '../components/form.tsx';
import { AgencyPicker, type AgencyRef } from '../components/AgencyPicker.tsx';
import { DateField } from '../components/DateField.tsx';
import { getAgency } from '../api/admin.ts';
import type { AdminArea, Category } from '../api/types.ts';
import { Field } from '../components/form.tsx';
import { useProblemText } from '../components/use-form-errors.ts';
import { CategoryOptions, ChannelOptions } from './options.tsx';
import { CASE_SORTS, checkFilters, EMPTY_FILTERS, ROW_FILTERS, SEARCH_MAX, withSort, type CaseSort, type InboxFilters, type OverdueChoice } from './inbox-query.ts';

export interface FilterFormProps {
  filters: InboxFilters;
  onApply: (filters: InboxFilters) => void;
  categories: readonly Category[];
  provinces: readonly AdminArea[];
  /** The server's objections to the applied filters, by filter. */
  serverErrors: Record<string, string>;
  /** Whether the filters behind the "ตัวกรอง" button show (on a phone: every filter). */
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The filters in use that the button stands for, counted on it. */
  countOnButton: number;
  /** The ids of what the button shows and hides besides this form's panel (the saved filters). */
  controls: string;
}

const SORT_LABELS = { newest: 'inbox.sortNewest', oldest: 'inbox.sortOldest', due: 'inbox.sortDue' } as const;
/** Look-ups by the complainant that a saved filter may carry; the form names them, never their values. */
const COMPLAINANT_KEYS = ['phone', 'nationalId'] as const;

export function FilterForm({ filters, onApply, categories, provinces, serverErrors, open, onOpenChange, countOnButton, controls }: FilterFormProps) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const problemText = useProblemText();
  const [draft, setDraft] = useState(filters);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [moreOpen, setMoreOpen] = useState(false);
  const [openStatusesAdded, setOpenStatusesAdded] = useState(false);
  // Agencies' names by code: filled by the picker, and looked up for a code that came in the address.
  const [agencies, setAgencies] = useState<Record<string, AgencyRef>>({});
  const name = (item: { nameTh: string; nameEn: string }) => (i18n.language === 'th' ? item.nameTh : item.nameEn);

  // The address changed (a saved filter, the back button): the form shows what is applied.
  useEffect(() => {
    setDraft(filters);
    setErrors({});
    setOpenStatusesAdded(false);
    if (filters.status.length > 0 || filters.sla.length > 0) setMoreOpen(true);
  }, [filters]);

  // Only the applied code is looked up, and only when the picker has not named it: a choice not yet
  // applied is never overwritten by the look-up of the applied one.
  useEffect(() => {
    const code = filters.agencyCode;
    if (!code || agencies[code]) return;
    const controller = new AbortController();
    getAgency(code, controller.signal).then(
      (agency) => setAgencies((known) => ({ ...known, [code]: { code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn } })),
      // Unknown or gone: the code alone is shown, and the list says what the server thinks of it.
      () => undefined,
    );
    return () => controller.abort();
  }, [filters.agencyCode]);

  const sortBy = (sort: CaseSort) => {
    const next = withSort(draft, sort);
    setDraft(next);
    // The statuses chosen for the due order are shown, ticked, so they can be changed.
    const added = next.status !== draft.status;
    setOpenStatusesAdded(added);
    if (added) {
      setMoreOpen(true);
      onOpenChange(true);
    }
  };

  const set = <K extends keyof InboxFilters>(key: K, value: InboxFilters[K]) => setDraft((previous) => ({ ...previous, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = problemText(checkFilters(draft));
    setErrors(problems);
    // A filter behind the button that the check objects to: the panel shows it (and its error).
    if (Object.keys(problems).some((field) => !ROW_FIELDS.has(field))) onOpenChange(true);
    if (Object.keys(problems).length === 0) onApply(draft);
  };

  const shown = { ...serverErrors, ...errors };
  return (
    <form className="filters" data-open={open} onSubmit={submit} noValidate aria-labelledby="filters-title" role="search">
      <h2 id="filters-title" className="visually-hidden">
        {t('inbox.filters')}
      </h2>
      {/* One row of what is used most; on a phone it too waits behind the button. */}
      <div className="filters__row">
        <Field label={t('inbox.search')} hint={t('inbox.searchHint')} error={shown.q} name="q">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="search" maxLength={SEARCH_MAX + 50} aria-describedby={describedBy} aria-invalid={invalid} value={draft.q} onChange={(event) => set('q', event.target.value)} />
          )}
        </Field>
        <SelectField
          label={t('inbox.sort')}
          name="sort"
          error={shown.sort}
          hint={openStatusesAdded ? t('inbox.dueOpenStatuses') : undefined}
          value={draft.sort}
          onChange={(sort) => sortBy(sort as CaseSort)}
          options={CASE_SORTS.map((sort) => ({ value: sort, label: t(SORT_LABELS[sort]) }))}
        />
        <SelectField
          label={t('inbox.overdue')}
          name="overdue"
          error={shown.overdue}
          value={draft.overdue}
          onChange={(choice) => set('overdue', choice as OverdueChoice)}
          options={[
            { value: 'true', label: t('inbox.overdueOnly') },
            { value: 'false', label: t('inbox.overdueNone') },
          ]}
          emptyLabel={t('inbox.any')}
        />
        <div className="filters__actions">
          <button type="submit" className="button button--primary">
            {t('inbox.apply')}
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setDraft(EMPTY_FILTERS);
              onApply(EMPTY_FILTERS);
            }}
          >
            {t('inbox.clear')}
          </button>
        </div>
        <button type="button" className="button button--secondary filters__toggle" aria-expanded={open} aria-controls={`filters-extra ${controls}`} onClick={() => onOpenChange(!open)}>
          {t('inbox.toggleFilters')}
          {countOnButton > 0 ? <span className="filters__toggle-count">&nbsp;({t('inbox.activeFilters', { count: countOnButton })})</span> : null}
        </button>
      </div>
      <div id="filters-extra" className="filters__extra" hidden={!open}>
        <div className="filters__grid">
          <Field label={t('inbox.category')} name="categoryCode" error={shown.categoryCode}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} value={draft.categoryCode} onChange={(event) => set('categoryCode', event.target.value)}>
                <CategoryOptions categories={categories} empty={t('inbox.any')} />
              </select>
            )}
          </Field>
          <Field label={t('inbox.channel')} name="channel" error={shown.channel}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} value={draft.channel} onChange={(event) => set('channel', event.target.value as Channel | '')}>
                <ChannelOptions channels={CHANNELS} empty={t('inbox.any')} />
              </select>
            )}
          </Field>
          <Field label={t('inbox.province')} name="provinceCode" error={shown.provinceCode}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} value={draft.provinceCode} onChange={(event) => set('provinceCode', event.target.value)}>
                <option value="">{t('inbox.any')}</option>
                {[...provinces]
                  .sort((a, b) => name(a).localeCompare(name(b), 'th'))
                  .map((province) => (
                    <option key={province.code} value={province.code}>
                      {name(province)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <DateField label={t('inbox.from')} name="from" error={shown.from} value={draft.from} onChange={(date) => set('from', date)} />
          <DateField label={t('inbox.to')} name="to" error={shown.to} value={draft.to} onChange={(date) => set('to', date)} />
          <div className="filters__agency">
            <AgencyPicker
              label={t('inbox.agencyCode')}
              hint={t('inbox.agencyCodeHint')}
              name="agencyCode"
              error={shown.agencyCode}
              value={draft.agencyCode ? (agencies[draft.agencyCode] ?? { code: draft.agencyCode, nameTh: draft.agencyCode }) : null}
              onChange={(agency) => {
                if (agency) setAgencies((known) => ({ ...known, [agency.code]: agency }));
                set('agencyCode', agency?.code ?? '');
              }}
            />
          </div>
          <details className="filters__more" open={moreOpen} onToggle={(event) => setMoreOpen(event.currentTarget.open)}>
            <summary>{t('inbox.moreFilters', { count: draft.status.length + draft.sla.length })}</summary>
            <div className="filters__checks">
              <CheckGroup field="status" legend={t('inbox.status')} error={shown.status} options={CASE_STATUSES} chosen={draft.status} label={(status) => t(`common:status.${status}`)} onChange={(status) => set('status', status)} />
              <CheckGroup field="sla" legend={t('inbox.sla')} error={shown.sla} options={SLA_STATES} chosen={draft.sla} label={(state) => t(`common:sla.${state}`)} onChange={(sla) => set('sla', sla)} />
            </div>
          </details>
        </div>
        {COMPLAINANT_KEYS.filter((key) => draft[key]).map((key) => (
          <div key={key} className={shown[key] ? 'filters__complainant field--error' : 'filters__complainant'} data-field={key}>
            <span>{t(`inbox.complainantFilter.${key}`)}</span>
            {shown[key] ? <span className="field__error">{shown[key]}</span> : null}
            <button type="button" className="button button--ghost button--small" onClick={() => set(key, '')}>
              {t('inbox.removeFilter')}
            </button>
          </div>
        ))}
      </div>
    </form>
  );
}

/** The fields of the compact row, and the sort order beside them. */
const ROW_FIELDS = new Set<string>([...ROW_FILTERS, 'sort']);

interface CheckGroupProps<T extends string> {
  field: string;
  legend: string;
  error: string | undefined;
  options: readonly T[];
  chosen: readonly T[];
  label: (option: T) => string;
  /** The values chosen after a box is ticked or cleared. */
  onChange: (chosen: T[]) => void;
}

/** A filter of several values (statuses, deadline states) as checkboxes. */
function CheckGroup<T extends string>({ field, legend, error, options, chosen, label, onChange }: CheckGroupProps<T>) {
  return (
    <fieldset className="check-group" data-field={field}>
      <legend>{legend}</legend>
      {error ? <p className="field__error">{error}</p> : null}
      {options.map((option) => (
        <label key={option} className="check">
          <input type="checkbox" checked={chosen.includes(option)} onChange={(event) => onChange(event.target.checked ? [...chosen, option] : chosen.filter((item) => item !== option))} />
          <span>{label(option)}</span>
        </label>
      ))}
    </fieldset>
  );
}
