/**
 * กฎการส่งต่อเรื่อง: category × area → agency. List with filters and cursor pages; create,
 * replace and delete. A sensitive category's rule cannot be automatic: the server says so on
 * the `automatic` field, and the form shows it there.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { maxLengthOf } from '../../shared/api/fields.ts';
import { RULE_TARGETS, RuleBodySchema } from '../../shared/api/triage.ts';

const NOTE_MAX = maxLengthOf(RuleBodySchema.shape.note);
import {
  createRoutingRule,
  deleteRoutingRule,
  listRoutingRules,
  replaceRoutingRule,
  type RoutingRule,
  type RoutingRuleBody,
  type RoutingRuleQuery,
  type RuleTarget,
} from '../api/admin.ts';
import { fetchCategories, fetchDistricts, fetchProvinces, useList } from '../api/reference.ts';
import type { AdminArea, Category } from '../api/types.ts';
import { formatDateTime } from '../components/dates.ts';
import { CheckboxField, Field, SelectField } from '../components/form.tsx';
import { AgencyPicker, type AgencyRef } from '../components/AgencyPicker.tsx';
import { categoryName, CategorySelect } from './CategorySelect.tsx';
import { FormPanel, useAdminForm } from './forms.tsx';
import { AddButton, FilterBar, Notices, PagedTable, RowActions, useAdminPage, useFilters, usePagedList, withItem, withoutItem } from './lists.tsx';
import { localName, PageHeading, useLoad } from './ui.tsx';

const PAGE = 50;
const AREA_CODE = /^\d{2}(\d{2})?$/;

interface Filters {
  categoryCode: string;
  areaCode: string;
  agency: AgencyRef | null;
}

const NO_FILTERS: Filters = { categoryCode: '', areaCode: '', agency: null };

function toQuery(filters: Filters): RoutingRuleQuery {
  return { categoryCode: filters.categoryCode || undefined, areaCode: filters.areaCode || undefined, agencyCode: filters.agency?.code, limit: PAGE };
}

export function RoutingRulesPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const categories = useLoad(() => fetchCategories(), []);
  const provinces = useLoad(() => fetchProvinces().catch(() => [] as AdminArea[]), []);
  const filters = useFilters(NO_FILTERS);
  const { draft, setDraft } = filters;
  const list = usePagedList((cursor, signal) => listRoutingRules({ ...toQuery(filters.applied), cursor }, signal), [filters.applied]);
  const page = useAdminPage<RoutingRule>();

  const areaLabel = (code: string | null) => {
    if (!code) return t('rules.anyArea');
    const province = provinces.data?.find((area) => area.code === code.slice(0, 2));
    if (!province) return code;
    return code.length === 2 ? `${localName(province, i18n.language)} (${code})` : `${code} · ${localName(province, i18n.language)}`;
  };
  const categoryLabel = (code: string) => categoryName(categories.data, code, i18n.language) ?? code;

  return (
    <>
      <PageHeading title={t('rules.heading')} lead={t('rules.lead')} />
      <Notices status={page.status} actionError={page.actionError} />

      {page.panel ? (
        <RuleForm
          key={page.formKey}
          rule={page.editing}
          categories={categories.data ?? []}
          provinces={provinces.data ?? []}
          onCancel={() => page.close()}
          onSaved={(saved, created) => {
            page.close(t('states.saved'));
            if (created) list.reload();
            else list.setData(withItem(saved));
          }}
        />
      ) : (
        <AddButton label={t('rules.add')} onClick={page.openCreate} />
      )}

      <FilterBar legend={t('words.filters')} onApply={filters.apply} onReset={filters.reset}>
        <div className="field-row">
          <Field label={t('rules.category')} name="filterCategory">
            {({ id }) => <CategorySelect id={id} categories={categories.data ?? []} value={draft.categoryCode} onChange={(categoryCode) => setDraft({ ...draft, categoryCode })} emptyLabel={t('words.any')} />}
          </Field>
          <AreaFields provinces={provinces.data ?? []} value={draft.areaCode} onChange={(areaCode) => setDraft({ ...draft, areaCode })} anyLabel={t('words.any')} name="filterArea" />
        </div>
        <AgencyPicker label={t('rules.agency')} name="filterAgency" value={draft.agency} onChange={(agency) => setDraft({ ...draft, agency })} />
      </FilterBar>

      <PagedTable
        list={list}
        filtered={filters.filtered}
        label={t('rules.tableCaption')}
        columns={[t('rules.category'), t('rules.area'), t('rules.target'), t('rules.agency'), t('rules.automatic'), t('rules.note'), t('rules.updated'), t('words.actions')]}
      >
        {(rules) =>
          rules.map((rule) => {
            const category = categoryLabel(rule.categoryCode);
            const area = areaLabel(rule.areaCode);
            return (
              <tr key={rule.id}>
                <th scope="row">
                  {category}
                  {categories.data?.find((item) => item.code === rule.categoryCode)?.sensitive ? <span className="badge badge--sensitive">{t('categories.sensitiveBadge')}</span> : null}
                </th>
                <td>{area}</td>
                <td>{t(`rules.targetsShort.${rule.target}`)}</td>
                <td>
                  {rule.agencyNameTh} <span className="mono muted small">{rule.agencyCode}</span>
                </td>
                <td>{rule.automatic ? <span className="badge badge--active">{t('rules.automaticYes')}</span> : <span className="badge badge--manual">{t('rules.automaticNo')}</span>}</td>
                <td>{rule.note ?? t('words.none')}</td>
                <td>{formatDateTime(rule.updatedAt, i18n.language)}</td>
                <td>
                  <RowActions
                    context={t('rules.rowContext', { category, area })}
                    onEdit={() => page.openEdit(rule)}
                    deleteText={t('rules.deleteText', { category, area, agency: rule.agencyNameTh })}
                    onDelete={() => page.remove(() => deleteRoutingRule(rule.id), () => list.setData(withoutItem(rule.id)))}
                  />
                </td>
              </tr>
            );
          })
        }
      </PagedTable>
    </>
  );
}

interface AreaFieldsProps {
  provinces: readonly AdminArea[];
  /** '' (everywhere), a 2-digit province or a 4-digit district code. */
  value: string;
  onChange: (areaCode: string) => void;
  anyLabel: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** The API field the province select stands for (the error summary links to it). */
  name: string;
}

/** A province, then optionally one of its districts; the area code is the narrower one. */
function AreaFields({ provinces, value, onChange, anyLabel, error, hint, name }: AreaFieldsProps) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const provinceCode = value.slice(0, 2);
  const districts = useList(provinceCode, fetchDistricts);
  return (
    <>
      <Field label={t('rules.province')} hint={hint} error={error} name={name}>
        {({ id, describedBy, invalid }) => (
          <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={provinceCode} onChange={(event) => onChange(event.target.value)}>
            <option value="">{anyLabel}</option>
            {provinces.map((province) => (
              <option key={province.code} value={province.code}>
                {localName(province, i18n.language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {provinceCode ? (
        <Field label={t('rules.district')} name={`${name}.district`}>
          {({ id }) => (
            <select id={id} value={value.length === 4 ? value : ''} onChange={(event) => onChange(event.target.value || provinceCode)}>
              <option value="">{t('rules.anyDistrict')}</option>
              {districts.items.map((district) => (
                <option key={district.code} value={district.code}>
                  {localName(district, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
    </>
  );
}

interface RuleFormProps {
  rule: RoutingRule | undefined;
  categories: readonly Category[];
  provinces: readonly AdminArea[];
  onSaved: (rule: RoutingRule, created: boolean) => void;
  onCancel: () => void;
}

function RuleForm({ rule, categories, provinces, onSaved, onCancel }: RuleFormProps) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const form = useAdminForm();
  const [categoryCode, setCategoryCode] = useState(rule?.categoryCode ?? '');
  const [areaCode, setAreaCode] = useState(rule?.areaCode ?? '');
  const [target, setTarget] = useState<RuleTarget>(rule?.target ?? 'agency');
  const [agency, setAgency] = useState<AgencyRef | null>(rule ? { code: rule.agencyCode, nameTh: rule.agencyNameTh } : null);
  const [automatic, setAutomatic] = useState(rule?.automatic ?? true);
  const [note, setNote] = useState(rule?.note ?? '');
  const { errors } = form;
  const sensitive = categories.find((category) => category.code === categoryCode)?.sensitive ?? false;
  const labels = { categoryCode: t('rules.category'), areaCode: t('rules.area'), target: t('rules.target'), agencyCode: t('rules.agency'), automatic: t('rules.automatic'), note: t('rules.note') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!categoryCode) problems.categoryCode = t('common:errors.required');
    if (areaCode && !AREA_CODE.test(areaCode)) problems.areaCode = t('fieldErrors.areaPattern');
    if (!agency) problems.agencyCode = t('common:errors.required');
    if (note.trim().length > NOTE_MAX) problems.note = t('common:errors.tooLong', { max: NOTE_MAX });
    // A sensitive category with "automatic" is left to the server, which names the field.
    if (!form.check(problems) || !agency) return;
    const body: RoutingRuleBody = { categoryCode, areaCode: areaCode || null, agencyCode: agency.code, target, automatic, note: note.trim() || null };
    await form.send(async () => {
      const saved = rule ? await replaceRoutingRule(rule.id, body) : await createRoutingRule(body);
      onSaved(saved, !rule);
    });
  };

  return (
    <FormPanel
      form={form}
      headingId="rule-form-heading"
      heading={rule ? t('rules.editHeading', { category: categoryName(categories, rule.categoryCode, i18n.language) ?? rule.categoryCode }) : t('rules.createHeading')}
      labels={labels}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={labels.categoryCode} error={errors.categoryCode} required name="categoryCode">
        {({ id, describedBy, invalid }) => (
          <CategorySelect id={id} categories={categories} value={categoryCode} onChange={setCategoryCode} emptyLabel={`${t('rules.category')}…`} describedBy={describedBy} invalid={invalid} />
        )}
      </Field>
      <div className="field-row">
        <AreaFields provinces={provinces} value={areaCode} onChange={setAreaCode} anyLabel={t('rules.anyProvince')} error={errors.areaCode} hint={t('rules.areaHint')} name="areaCode" />
      </div>
      <div className="field-row">
        <SelectField
          label={labels.target}
          hint={t('rules.targetHint')}
          error={errors.target}
          required
          name="target"
          options={RULE_TARGETS.map((value) => ({ value, label: t(`rules.targets.${value}`) }))}
          value={target}
          onChange={(value) => setTarget(value as RuleTarget)}
        />
      </div>
      <AgencyPicker label={labels.agencyCode} name="agencyCode" value={agency} onChange={setAgency} error={errors.agencyCode} required />
      <CheckboxField
        label={labels.automatic}
        hint={sensitive ? `${t('rules.automaticHint')} ${t('rules.sensitiveHint')}` : t('rules.automaticHint')}
        error={errors.automatic}
        name="automatic"
        checked={automatic}
        onChange={setAutomatic}
        stateText={(on) => (on ? t('rules.automaticYes') : t('rules.automaticNo'))}
      />
      <Field label={labels.note} hint={t('rules.noteHint')} error={errors.note} name="note">
        {({ id, describedBy, invalid }) => (
          <textarea id={id} rows={2} maxLength={NOTE_MAX} aria-describedby={describedBy} aria-invalid={invalid} value={note} onChange={(event) => setNote(event.target.value)} />
        )}
      </Field>
    </FormPanel>
  );
}
