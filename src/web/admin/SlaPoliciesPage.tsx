/**
 * กรอบเวลาดำเนินการ (SLA): the policies by (category, agency) scope — list, create or replace
 * (PUT upserts the scope's policy), delete. Every number is in business days, explained.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { textBoundsOf } from '../../shared/api/fields.ts';
import { PolicyBodySchema, SLA_LIMITS } from '../../shared/api/sla.ts';

const LEGAL_BASIS = textBoundsOf(PolicyBodySchema.shape.legalBasis);
import { deleteSlaPolicy, listSlaPolicies, saveSlaPolicy, type SlaPolicy, type SlaPolicyBody } from '../api/admin.ts';
import { fetchCategories } from '../api/reference.ts';
import type { Category } from '../api/types.ts';
import { Field, TextField } from '../components/form.tsx';
import { AgencyPicker, type AgencyRef } from '../components/AgencyPicker.tsx';
import { categoryName, CategorySelect } from './CategorySelect.tsx';
import { FormPanel, useAdminForm } from './forms.tsx';
import { AddButton, DataTable, ListStates, Notices, RowActions, useAdminPage, withoutItem } from './lists.tsx';
import { PageHeading, parseWhole, useLoad } from './ui.tsx';

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

export function SlaPoliciesPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const policies = useLoad((signal) => listSlaPolicies(signal), []);
  const categories = useLoad(() => fetchCategories(), []);
  const page = useAdminPage<SlaPolicy>();

  const scopeOf = (policy: Pick<SlaPolicy, 'categoryCode' | 'agencyCode'>) =>
    isDefault(policy)
      ? t('sla.defaultPolicy')
      : `${categoryName(categories.data, policy.categoryCode, i18n.language) ?? t('sla.anyCategory')} · ${policy.agencyCode ?? t('sla.anyAgency')}`;

  const days = (value: number | null) => (value === null ? t('words.none') : String(value));

  return (
    <>
      <PageHeading title={t('sla.heading')} lead={t('sla.lead')} />
      <Notices status={page.status} actionError={page.actionError} />
      {page.panel ? (
        <PolicyForm
          key={page.formKey}
          policy={page.editing}
          categories={categories.data ?? []}
          scopeLabel={page.editing ? scopeOf(page.editing) : ''}
          onCancel={() => page.close()}
          onSaved={() => {
            page.close(t('states.saved'));
            policies.reload();
          }}
        />
      ) : (
        <AddButton label={t('sla.add')} onClick={page.openCreate} />
      )}
      <ListStates list={policies} empty={t('states.empty')}>
        {(items) => (
          <DataTable
            label={t('sla.tableCaption')}
            columns={[
              t('sla.category'),
              t('sla.agency'),
              ...NUMBER_FIELDS.map(({ field, label }) => ({
                key: field,
                className: 'num',
                label: (
                  <>
                    {t(`sla.${label}`)}
                    <span className="visually-hidden"> ({t('sla.days')})</span>
                  </>
                ),
              })),
              t('sla.legalBasis'),
              t('words.actions'),
            ]}
          >
            {items.map((policy) => {
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
                    <RowActions
                      context={t('sla.rowContext', { scope })}
                      onEdit={() => page.openEdit(policy)}
                      deleteText={isDefault(policy) ? undefined : t('sla.deleteText', { scope })}
                      onDelete={() => page.remove(() => deleteSlaPolicy(policy.id), () => policies.setData(withoutItem(policy.id)))}
                    />
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </ListStates>
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
  const { t, i18n } = useTranslation(['admin', 'common']);
  const form = useAdminForm();
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
  const { errors } = form;

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
    if (basis && basis.length < LEGAL_BASIS.min) problems.legalBasis = t('common:errors.tooShort', { min: LEGAL_BASIS.min });
    else if (basis.length > LEGAL_BASIS.max) problems.legalBasis = t('common:errors.tooLong', { max: LEGAL_BASIS.max });
    if (!form.check(problems)) return;
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
    await form.send(async () => {
      await saveSlaPolicy(body);
      onSaved();
    });
  };

  return (
    <FormPanel form={form} headingId="sla-form-heading" heading={editing ? t('sla.editHeading', { scope: scopeLabel }) : t('sla.createHeading')} labels={labels} onSubmit={submit} onCancel={onCancel}>
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
            <AgencyPicker label={t('sla.agency')} name="agencyCode" value={agency} onChange={setAgency} error={errors.agencyCode} hint={`${t('common:agencyPicker.hint')} — ${t('sla.anyAgency')}`} />
          </>
        )}
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('sla.days')}</legend>
        <div className="field-row">
          {NUMBER_FIELDS.map(({ field, label }) => (
            <TextField
              key={field}
              label={t(`sla.${label}`)}
              hint={t(`sla.${label}Hint`)}
              error={errors[field]}
              required={field !== 'statutoryBusinessDays'}
              name={field}
              type="number"
              inputMode="numeric"
              min={SLA_LIMITS[field].min}
              max={SLA_LIMITS[field].max}
              step={1}
              value={numbers[field]}
              onChange={(value) => setNumbers({ ...numbers, [field]: value })}
            />
          ))}
        </div>
        <TextField label={t('sla.legalBasis')} hint={t('sla.legalBasisHint')} error={errors.legalBasis} name="legalBasis" type="text" maxLength={LEGAL_BASIS.max} value={legalBasis} onChange={setLegalBasis} />
      </fieldset>
    </FormPanel>
  );
}
