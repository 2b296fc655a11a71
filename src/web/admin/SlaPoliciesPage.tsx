/**
 * กรอบเวลาดำเนินการ (SLA): the policies by (category, agency) scope — list, create or replace
 * (PUT upserts the scope's policy), delete. Every number is in business days, explained.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteSlaPolicy, listSlaPolicies, saveSlaPolicy, SLA_LIMITS, type SlaPolicy, type SlaPolicyBody } from '../api/admin.ts';
import { fetchCategories } from '../api/reference.ts';
import type { Category } from '../api/types.ts';
import { ErrorSummary, Field } from '../components/form.tsx';
import { Loading } from '../components/Layout.tsx';
import { AgencyPicker, type AgencyRef } from './AgencyPicker.tsx';
import { categoryName, CategorySelect } from './CategorySelect.tsx';
import { ActionLabel, ConfirmButton, LoadError, PageHeading, parseWhole, StatusMessage, TableScroll, useAdminErrorText, useLoad } from './ui.tsx';

type NumberField = keyof typeof SLA_LIMITS;
const NUMBER_FIELDS: ReadonlyArray<{ field: NumberField; label: 'target' | 'dueSoon' | 'progress' | 'statutory' | 'extensionLimit' | 'cceo' }> = [
  { field: 'targetBusinessDays', label: 'target' },
  { field: 'dueSoonBusinessDays', label: 'dueSoon' },
  { field: 'progressIntervalBusinessDays', label: 'progress' },
  { field: 'statutoryBusinessDays', label: 'statutory' },
  { field: 'extensionLimitBusinessDays', label: 'extensionLimit' },
  { field: 'cceoEscalationBusinessDays', label: 'cceo' },
];

const isDefault = (policy: Pick<SlaPolicy, 'categoryCode' | 'agencyCode'>) => policy.categoryCode === null && policy.agencyCode === null;

type Panel = { kind: 'create' } | { kind: 'edit'; policy: SlaPolicy } | null;

export function SlaPoliciesPage() {
  const { t, i18n } = useTranslation('admin');
  const policies = useLoad((signal) => listSlaPolicies(signal), []);
  const categories = useLoad(() => fetchCategories(), []);
  const errorText = useAdminErrorText();
  const [panel, setPanel] = useState<Panel>(null);
  const [status, setStatus] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  const scopeOf = (policy: Pick<SlaPolicy, 'categoryCode' | 'agencyCode'>) =>
    isDefault(policy)
      ? t('sla.defaultPolicy')
      : `${categoryName(categories.data, policy.categoryCode, i18n.language) ?? t('sla.anyCategory')} · ${policy.agencyCode ?? t('sla.anyAgency')}`;

  const remove = async (policy: SlaPolicy) => {
    setStatus(undefined);
    setActionError(undefined);
    try {
      await deleteSlaPolicy(policy.id);
      policies.setData((current) => current && { items: current.items.filter((item) => item.id !== policy.id) });
      setStatus(t('states.deleted'));
    } catch (error) {
      setActionError(errorText(error).message);
    }
  };

  const days = (value: number | null) => (value === null ? t('words.none') : String(value));

  return (
    <>
      <PageHeading title={t('sla.heading')}>{t('sla.heading')}</PageHeading>
      <p className="lead">{t('sla.lead')}</p>
      <StatusMessage text={status} />
      <ErrorSummary message={actionError} />
      {panel ? (
        <PolicyForm
          key={panel.kind === 'edit' ? panel.policy.id : 'new'}
          policy={panel.kind === 'edit' ? panel.policy : undefined}
          categories={categories.data ?? []}
          scopeLabel={panel.kind === 'edit' ? scopeOf(panel.policy) : ''}
          onCancel={() => setPanel(null)}
          onSaved={() => {
            setPanel(null);
            setStatus(t('states.saved'));
            policies.reload();
          }}
        />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              setStatus(undefined);
              setPanel({ kind: 'create' });
            }}
          >
            {t('sla.add')}
          </button>
        </div>
      )}
      {policies.loading && !policies.data ? (
        <Loading />
      ) : policies.error ? (
        <LoadError error={policies.error} onRetry={policies.reload} />
      ) : !policies.data || policies.data.items.length === 0 ? (
        <p className="admin-empty">{t('states.empty')}</p>
      ) : (
        <TableScroll label={t('sla.tableCaption')}>
          <table className="data">
            <caption className="visually-hidden">{t('sla.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sla.category')}</th>
                <th scope="col">{t('sla.agency')}</th>
                {NUMBER_FIELDS.map(({ field, label }) => (
                  <th scope="col" key={field} className="num">
                    {t(`sla.${label}`)}
                    <span className="visually-hidden"> ({t('sla.days')})</span>
                  </th>
                ))}
                <th scope="col">{t('sla.legalBasis')}</th>
                <th scope="col">{t('words.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {policies.data.items.map((policy) => {
                const scope = scopeOf(policy);
                return (
                  <tr key={policy.id}>
                    <th scope="row">
                      {isDefault(policy) ? (
                        <>
                          {t('sla.defaultPolicy')}
                          <div className="muted small">{t('sla.defaultHint')}</div>
                        </>
                      ) : (
                        (categoryName(categories.data, policy.categoryCode, i18n.language) ?? t('sla.anyCategory'))
                      )}
                    </th>
                    <td className={policy.agencyCode ? 'mono' : undefined}>{policy.agencyCode ?? t('sla.anyAgency')}</td>
                    {NUMBER_FIELDS.map(({ field }) => (
                      <td key={field} className="num">
                        {days(policy[field])}
                      </td>
                    ))}
                    <td>{policy.legalBasis ?? t('words.none')}</td>
                    <td>
                      <div className="admin-actions">
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => {
                            setStatus(undefined);
                            setPanel({ kind: 'edit', policy });
                            window.scrollTo({ top: 0 });
                          }}
                        >
                          <ActionLabel text={t('common:actions.edit')} context={t('sla.rowContext', { scope })} />
                        </button>
                        {!isDefault(policy) ? (
                          <ConfirmButton label={t('common:actions.delete')} context={t('sla.rowContext', { scope })} text={t('sla.deleteText', { scope })} onConfirm={() => remove(policy)} />
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

interface PolicyFormProps {
  policy: SlaPolicy | undefined;
  categories: readonly Category[];
  scopeLabel: string;
  onSaved: () => void;
  onCancel: () => void;
}

function PolicyForm({ policy, categories, scopeLabel, onSaved, onCancel }: PolicyFormProps) {
  const { t, i18n } = useTranslation('admin');
  const errorText = useAdminErrorText();
  const editing = policy !== undefined;
  const [categoryCode, setCategoryCode] = useState(policy?.categoryCode ?? '');
  const [agency, setAgency] = useState<AgencyRef | null>(policy?.agencyCode ? { code: policy.agencyCode, nameTh: policy.agencyCode } : null);
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    targetBusinessDays: String(policy?.targetBusinessDays ?? 15),
    dueSoonBusinessDays: String(policy?.dueSoonBusinessDays ?? 3),
    progressIntervalBusinessDays: String(policy?.progressIntervalBusinessDays ?? 7),
    statutoryBusinessDays: policy?.statutoryBusinessDays == null ? '' : String(policy.statutoryBusinessDays),
    extensionLimitBusinessDays: String(policy?.extensionLimitBusinessDays ?? 15),
    cceoEscalationBusinessDays: String(policy?.cceoEscalationBusinessDays ?? 5),
  });
  const [legalBasis, setLegalBasis] = useState(policy?.legalBasis ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);

  const labels: Record<string, string> = {
    categoryCode: t('sla.category'),
    agencyCode: t('sla.agency'),
    legalBasis: t('sla.legalBasis'),
    ...Object.fromEntries(NUMBER_FIELDS.map(({ field, label }) => [field, t(`sla.${label}`)])),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const values: Partial<Record<NumberField, number | null>> = {};
    for (const { field } of NUMBER_FIELDS) {
      const { min, max } = SLA_LIMITS[field];
      const text = numbers[field].trim();
      if (field === 'statutoryBusinessDays' && !text) {
        values[field] = null;
        continue;
      }
      if (!text) {
        problems[field] = t('common:errors.required');
        continue;
      }
      const value = parseWhole(text, min, max);
      if (value === undefined) problems[field] = t('fieldErrors.wholeNumber', { min, max });
      else values[field] = value;
    }
    const target = values.targetBusinessDays;
    if (typeof target === 'number') {
      if (typeof values.dueSoonBusinessDays === 'number' && values.dueSoonBusinessDays >= target) problems.dueSoonBusinessDays = t('fieldErrors.dueSoonTooLong');
      if (typeof values.statutoryBusinessDays === 'number' && values.statutoryBusinessDays < target) problems.statutoryBusinessDays = t('fieldErrors.statutoryTooShort');
    }
    const basis = legalBasis.trim();
    if (basis && basis.length < 3) problems.legalBasis = t('common:errors.tooShort', { min: 3 });
    else if (basis.length > 300) problems.legalBasis = t('common:errors.tooLong', { max: 300 });
    setErrors(problems);
    setMessage(undefined);
    if (Object.keys(problems).length > 0) return;
    const body: SlaPolicyBody = {
      categoryCode: categoryCode || null,
      agencyCode: agency?.code ?? null,
      targetBusinessDays: values.targetBusinessDays as number,
      dueSoonBusinessDays: values.dueSoonBusinessDays as number,
      progressIntervalBusinessDays: values.progressIntervalBusinessDays as number,
      statutoryBusinessDays: values.statutoryBusinessDays ?? null,
      legalBasis: basis || null,
      extensionLimitBusinessDays: values.extensionLimitBusinessDays as number,
      cceoEscalationBusinessDays: values.cceoEscalationBusinessDays as number,
    };
    setSending(true);
    try {
      await saveSlaPolicy(body);
      onSaved();
    } catch (error) {
      const text = errorText(error);
      setMessage(text.message);
      setErrors(text.fields);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card admin-panel" aria-labelledby="sla-form-heading">
      <h2 id="sla-form-heading">{editing ? t('sla.editHeading', { scope: scopeLabel }) : t('sla.createHeading')}</h2>
      <ErrorSummary message={message} errors={errors} labels={labels} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="form-section">
          <legend>{t('sla.scope')}</legend>
          <p className="field__hint">{editing ? t('sla.editScopeHint') : t('sla.createHint')}</p>
          {editing ? (
            <dl className="facts">
              <dt>{t('sla.category')}</dt>
              <dd>{categoryName(categories, policy.categoryCode, i18n.language) ?? t('sla.anyCategory')}</dd>
              <dt>{t('sla.agency')}</dt>
              <dd className={policy.agencyCode ? 'mono' : undefined}>{policy.agencyCode ?? t('sla.anyAgency')}</dd>
            </dl>
          ) : (
            <>
              <Field label={t('sla.category')} error={errors.categoryCode} name="categoryCode">
                {({ id, describedBy, invalid }) => (
                  <CategorySelect id={id} categories={categories} value={categoryCode} onChange={setCategoryCode} emptyLabel={t('sla.anyCategory')} describedBy={describedBy} invalid={invalid} />
                )}
              </Field>
              <AgencyPicker label={t('sla.agency')} name="agencyCode" value={agency} onChange={setAgency} error={errors.agencyCode} hint={`${t('agencyPicker.hint')} — ${t('sla.anyAgency')}`} />
            </>
          )}
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('sla.days')}</legend>
          <div className="field-row">
            {NUMBER_FIELDS.map(({ field, label }) => (
              <Field key={field} label={t(`sla.${label}`)} hint={t(`sla.${label}Hint`)} error={errors[field]} required={field !== 'statutoryBusinessDays'} name={field}>
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    type="number"
                    inputMode="numeric"
                    min={SLA_LIMITS[field].min}
                    max={SLA_LIMITS[field].max}
                    step={1}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    value={numbers[field]}
                    onChange={(event) => setNumbers({ ...numbers, [field]: event.target.value })}
                  />
                )}
              </Field>
            ))}
          </div>
          <Field label={t('sla.legalBasis')} hint={t('sla.legalBasisHint')} error={errors.legalBasis} name="legalBasis">
            {({ id, describedBy, invalid }) => (
              <input id={id} type="text" maxLength={300} aria-describedby={describedBy} aria-invalid={invalid} value={legalBasis} onChange={(event) => setLegalBasis(event.target.value)} />
            )}
          </Field>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('common:states.saving') : t('common:actions.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:actions.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
