/** The controls of one action's form, as ACTION_FORMS lists them, each labelled and tied to its error. */
import { useId, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { EXTENSION_BUSINESS_DAYS } from '../../shared/api/case-actions.ts';
import type { Channel, ResolutionResult } from '../../shared/case-model.ts';
import type { PossibleDuplicate } from '../api/staff.ts';
import type { Category } from '../api/types.ts';
import { DateField } from '../components/DateField.tsx';
import { Field } from '../components/form.tsx';
import type { ActionForm, ActionValues } from './action-forms.ts';
import { AgencyChooser, type AgencySuggestion } from './AgencyChooser.tsx';
import { CategoryOptions, ChannelOptions, LabelledOptions } from './options.tsx';
import { DuplicateSummary } from './TriagePanel.tsx';

export interface ActionFieldsProps {
  form: ActionForm;
  values: ActionValues;
  setValues: Dispatch<SetStateAction<ActionValues>>;
  errors: Record<string, string>;
  labels: Record<string, string>;
  categories: readonly Category[];
  results: readonly ResolutionResult[];
  channels: readonly Channel[];
  suggestions: readonly AgencySuggestion[];
  duplicates: readonly PossibleDuplicate[];
}

export function ActionFields({ form, values, setValues, errors, labels, categories, results, channels, suggestions, duplicates }: ActionFieldsProps) {
  const { t } = useTranslation(['staff', 'common']);
  const set = <K extends keyof ActionValues>(key: K, value: ActionValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));

  return (
    <>
      {form.agency ? <AgencyChooser value={values.agencyCode} onChange={(code) => set('agencyCode', code)} error={errors.agencyCode} name="agencyCode" suggestions={suggestions} required /> : null}
      {form.category ? (
        <Field label={`${labels.categoryCode} ${t('actions.fields.optional')}`} error={errors.categoryCode} name="categoryCode">
          {({ id, describedBy, invalid }) => (
            <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={values.categoryCode} onChange={(event) => set('categoryCode', event.target.value)}>
              <CategoryOptions categories={categories} empty={t('actions.fields.categoryKeep')} />
            </select>
          )}
        </Field>
      ) : null}
      {form.result ? (
        <Field label={labels.result ?? ''} error={errors.result} required name="result">
          {({ id, describedBy, invalid }) => (
            <select id={id} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" value={values.result} onChange={(event) => set('result', event.target.value as ResolutionResult | '')}>
              <option value="">{t('actions.fields.choose')}</option>
              <LabelledOptions values={results} label={(result) => t(`common:result.${result}`)} />
            </select>
          )}
        </Field>
      ) : null}
      {form.channel ? (
        <Field label={labels.channel ?? ''} error={errors.channel} required name="channel">
          {({ id, describedBy, invalid }) => (
            <select id={id} aria-describedby={describedBy} aria-invalid={invalid} aria-required="true" value={values.channel} onChange={(event) => set('channel', event.target.value as Channel | '')}>
              <ChannelOptions channels={channels} empty={t('actions.fields.choose')} />
            </select>
          )}
        </Field>
      ) : null}
      {form.extend ? (
        <>
          <fieldset className="form-section">
            <legend>{t('actions.fields.extendBy')}</legend>
            <label className="check">
              <input type="radio" name="extendBy" checked={values.extendBy === 'days'} onChange={() => set('extendBy', 'days')} />
              <span>{t('actions.fields.extendDays')}</span>
            </label>
            <label className="check">
              <input type="radio" name="extendBy" checked={values.extendBy === 'date'} onChange={() => set('extendBy', 'date')} />
              <span>{t('actions.fields.extendDate')}</span>
            </label>
          </fieldset>
          {values.extendBy === 'days' ? (
            <Field label={labels.businessDays ?? ''} error={errors.businessDays} required name="businessDays">
              {({ id, describedBy, invalid }) => (
                <input id={id} type="number" inputMode="numeric" min={EXTENSION_BUSINESS_DAYS.min} max={EXTENSION_BUSINESS_DAYS.max} step={1} aria-describedby={describedBy} aria-invalid={invalid} value={values.businessDays} onChange={(event) => set('businessDays', event.target.value)} />
              )}
            </Field>
          ) : (
            <DateField label={labels.newDueDate ?? ''} error={errors.newDueDate} required name="newDueDate" value={values.newDueDate} onChange={(date) => set('newDueDate', date)} />
          )}
        </>
      ) : null}
      {form.merge ? <MergeFields values={values} set={set} errors={errors} duplicates={duplicates} /> : null}
      {form.shareIdentity ? <ShareIdentityField checked={values.shareIdentity} onChange={(checked) => set('shareIdentity', checked)} error={errors.shareIdentity} /> : null}
      {form.text ? (
        <Field
          label={`${labels[form.text.name] ?? ''}${form.text.required ? '' : ` ${t('actions.fields.optional')}`}`}
          hint={form.text.min > 1 ? t('actions.fields.lengthHint', { min: form.text.min, max: form.text.max }) : t('actions.fields.maxHint', { max: form.text.max })}
          error={errors[form.text.name]}
          required={form.text.required}
          name={form.text.name}
        >
          {({ id, describedBy, invalid }) => {
            const rule = form.text;
            if (!rule) return null;
            return (
              <textarea
                id={id}
                rows={rule.max > 2000 ? 5 : 3}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                aria-required={rule.required}
                value={values[rule.name]}
                onChange={(event) => set(rule.name, event.target.value)}
              />
            );
          }}
        </Field>
      ) : null}
    </>
  );
}

function MergeFields({
  values,
  set,
  errors,
  duplicates,
}: {
  values: ActionValues;
  set: <K extends keyof ActionValues>(key: K, value: ActionValues[K]) => void;
  errors: Record<string, string>;
  duplicates: readonly PossibleDuplicate[];
}) {
  const { t } = useTranslation(['staff', 'common']);
  return (
    <>
      <fieldset className={errors.intoCaseId ? 'form-section field--error' : 'form-section'} data-field="intoCaseId">
        <legend>
          {t('actions.fields.mergeInto')}
          <span className="field__required" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        {errors.intoCaseId ? (
          <p className="field__error" role="alert">
            {errors.intoCaseId}
          </p>
        ) : null}
        {duplicates.length === 0 ? <p className="muted">{t('actions.fields.mergeNoDuplicates')}</p> : null}
        {duplicates.map((duplicate) => (
          <label key={duplicate.caseId} className="check">
            <input type="radio" name="intoCaseId" checked={values.intoCaseId === duplicate.caseId} onChange={() => set('intoCaseId', duplicate.caseId)} />
            <span>
              <DuplicateSummary duplicate={duplicate} link={false} />
            </span>
          </label>
        ))}
        <label className="check">
          <input type="radio" name="intoCaseId" checked={values.intoCaseId === ''} onChange={() => set('intoCaseId', '')} />
          <span>{t('actions.fields.mergeOther')}</span>
        </label>
        {values.intoCaseId === '' ? (
          <Field label={t('actions.fields.mergeId')} hint={t('actions.fields.mergeIdHint')}>
            {({ id, describedBy }) => (
              <input id={id} type="text" className="mono" autoComplete="off" spellCheck={false} aria-describedby={describedBy} value={values.otherCaseId} onChange={(event) => set('otherCaseId', event.target.value)} />
            )}
          </Field>
        ) : null}
      </fieldset>
      <div className={errors.confirmed ? 'field field--error' : 'field'} data-field="confirmed">
        {errors.confirmed ? (
          <p className="field__error" role="alert">
            {errors.confirmed}
          </p>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={values.confirmed} onChange={(event) => set('confirmed', event.target.checked)} />
          <span>{t('actions.fields.mergeConfirm')}</span>
        </label>
      </div>
    </>
  );
}

/** ยืนยันส่งข้อมูลผู้ร้อง: a confidential or sensitive case's complainant details may go to a partner system (shareIdentity). */
function ShareIdentityField({ checked, onChange, error }: { checked: boolean; onChange: (checked: boolean) => void; error: string | undefined }) {
  const { t } = useTranslation(['staff', 'common']);
  const id = useId();
  return (
    <div className={error ? 'field field--error' : 'field'} data-field="shareIdentity">
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={checked} aria-describedby={`${id}-hint`} onChange={(event) => onChange(event.target.checked)} />
        <span>{t('exchange.shareIdentity')}</span>
      </label>
      <p id={`${id}-hint`} className="field__hint">
        {t('exchange.shareIdentityHint')}
      </p>
    </div>
  );
}
