/**
 * กฎการส่งต่อเรื่อง: category × area → agency. List with filters and cursor pages; create,
 * replace and delete. A sensitive category's rule cannot be automatic: the server says so on
 * the `automatic` field, and the form shows it there.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createRoutingRule,
  deleteRoutingRule,
  listRoutingRules,
  replaceRoutingRule,
  RULE_TARGET_VALUES,
  type RoutingRule,
  type RoutingRuleBody,
  type RoutingRuleQuery,
  type RuleTarget,
} from '../api/admin.ts';
import { fetchCategories, fetchDistricts, fetchProvinces, useList } from '../api/reference.ts';
import type { AdminArea, Category } from '../api/types.ts';
import { formatDateTime } from '../components/dates.ts';
import { ErrorSummary, Field } from '../components/form.tsx';
import { Loading } from '../components/Layout.tsx';
import { AgencyPicker, type AgencyRef } from './AgencyPicker.tsx';
import { categoryName, CategorySelect } from './CategorySelect.tsx';
import { ActionLabel, ConfirmButton, LoadError, localName, PageHeading, StatusMessage, TableScroll, useAdminErrorText, useLoad } from './ui.tsx';

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

type Panel = { kind: 'create' } | { kind: 'edit'; rule: RoutingRule } | null;

export function RoutingRulesPage() {
  const { t, i18n } = useTranslation('admin');
  const errorText = useAdminErrorText();
  const categories = useLoad(() => fetchCategories(), []);
  const provinces = useLoad(() => fetchProvinces().catch(() => [] as AdminArea[]), []);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const list = useLoad((signal) => listRoutingRules(toQuery(applied), signal), [applied]);
  const [panel, setPanel] = useState<Panel>(null);
  const [status, setStatus] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();

  const areaLabel = (code: string | null) => {
    if (!code) return t('rules.anyArea');
    const province = provinces.data?.find((area) => area.code === code.slice(0, 2));
    if (!province) return code;
    return code.length === 2 ? `${localName(province, i18n.language)} (${code})` : `${code} · ${localName(province, i18n.language)}`;
  };
  const categoryLabel = (code: string) => categoryName(categories.data, code, i18n.language) ?? code;

  const loadMore = async () => {
    const cursor = list.data?.nextCursor;
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await listRoutingRules({ ...toQuery(applied), cursor });
      list.setData((current) => ({ items: [...(current?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (problem) {
      setMoreError(problem);
    } finally {
      setLoadingMore(false);
    }
  };

  const remove = async (rule: RoutingRule) => {
    setStatus(undefined);
    setActionError(undefined);
    try {
      await deleteRoutingRule(rule.id);
      list.setData((current) => current && { ...current, items: current.items.filter((item) => item.id !== rule.id) });
      setStatus(t('states.deleted'));
    } catch (error) {
      setActionError(errorText(error).message);
    }
  };

  return (
    <>
      <PageHeading title={t('rules.heading')}>{t('rules.heading')}</PageHeading>
      <p className="lead">{t('rules.lead')}</p>
      <StatusMessage text={status} />
      <ErrorSummary message={actionError} />

      {panel ? (
        <RuleForm
          key={panel.kind === 'edit' ? panel.rule.id : 'new'}
          rule={panel.kind === 'edit' ? panel.rule : undefined}
          categories={categories.data ?? []}
          provinces={provinces.data ?? []}
          onCancel={() => setPanel(null)}
          onSaved={(saved, created) => {
            setPanel(null);
            setStatus(t('states.saved'));
            if (created) list.reload();
            else list.setData((current) => current && { ...current, items: current.items.map((item) => (item.id === saved.id ? saved : item)) });
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
            {t('rules.add')}
          </button>
        </div>
      )}

      <form
        className="admin-filters"
        aria-label={t('words.filters')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setApplied(draft);
        }}
      >
        <fieldset className="form-section">
          <legend>{t('words.filters')}</legend>
          <div className="field-row">
            <Field label={t('rules.category')} name="filterCategory">
              {({ id }) => <CategorySelect id={id} categories={categories.data ?? []} value={draft.categoryCode} onChange={(categoryCode) => setDraft({ ...draft, categoryCode })} emptyLabel={t('words.any')} />}
            </Field>
            <AreaFields provinces={provinces.data ?? []} value={draft.areaCode} onChange={(areaCode) => setDraft({ ...draft, areaCode })} anyLabel={t('words.any')} name="filterArea" />
          </div>
          <AgencyPicker label={t('rules.agency')} name="filterAgency" value={draft.agency} onChange={(agency) => setDraft({ ...draft, agency })} />
          <div className="button-row">
            <button type="submit" className="button button--primary">
              {t('words.apply')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft(NO_FILTERS);
                setApplied(NO_FILTERS);
              }}
            >
              {t('words.reset')}
            </button>
          </div>
        </fieldset>
      </form>

      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : !list.data || list.data.items.length === 0 ? (
        <p className="admin-empty">{applied === NO_FILTERS ? t('states.empty') : t('states.noResults')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('states.showing', { count: list.data.items.length })}
          </p>
          <TableScroll label={t('rules.tableCaption')}>
            <table className="data">
              <caption className="visually-hidden">{t('rules.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rules.category')}</th>
                  <th scope="col">{t('rules.area')}</th>
                  <th scope="col">{t('rules.target')}</th>
                  <th scope="col">{t('rules.agency')}</th>
                  <th scope="col">{t('rules.automatic')}</th>
                  <th scope="col">{t('rules.note')}</th>
                  <th scope="col">{t('rules.updated')}</th>
                  <th scope="col">{t('words.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((rule) => {
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
                        <div className="admin-actions">
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            onClick={() => {
                              setStatus(undefined);
                              setPanel({ kind: 'edit', rule });
                              window.scrollTo({ top: 0 });
                            }}
                          >
                            <ActionLabel text={t('common:actions.edit')} context={t('rules.rowContext', { category, area })} />
                          </button>
                          <ConfirmButton
                            label={t('common:actions.delete')}
                            context={t('rules.rowContext', { category, area })}
                            text={t('rules.deleteText', { category, area, agency: rule.agencyNameTh })}
                            onConfirm={() => remove(rule)}
                          />
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          {moreError ? <LoadError error={moreError} onRetry={() => void loadMore()} /> : null}
          {list.data.nextCursor ? (
            <div className="button-row">
              <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void loadMore()}>
                {loadingMore ? t('common:states.loading') : t('common:actions.loadMore')}
              </button>
            </div>
          ) : null}
        </>
      )}
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
  const { t, i18n } = useTranslation('admin');
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
  const { t, i18n } = useTranslation('admin');
  const errorText = useAdminErrorText();
  const [categoryCode, setCategoryCode] = useState(rule?.categoryCode ?? '');
  const [areaCode, setAreaCode] = useState(rule?.areaCode ?? '');
  const [target, setTarget] = useState<RuleTarget>(rule?.target ?? 'agency');
  const [agency, setAgency] = useState<AgencyRef | null>(rule ? { code: rule.agencyCode, nameTh: rule.agencyNameTh } : null);
  const [automatic, setAutomatic] = useState(rule?.automatic ?? true);
  const [note, setNote] = useState(rule?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const sensitive = categories.find((category) => category.code === categoryCode)?.sensitive ?? false;
  const labels = { categoryCode: t('rules.category'), areaCode: t('rules.area'), target: t('rules.target'), agencyCode: t('rules.agency'), automatic: t('rules.automatic'), note: t('rules.note') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!categoryCode) problems.categoryCode = t('common:errors.required');
    if (areaCode && !AREA_CODE.test(areaCode)) problems.areaCode = t('fieldErrors.areaPattern');
    if (!agency) problems.agencyCode = t('common:errors.required');
    if (note.trim().length > 500) problems.note = t('common:errors.tooLong', { max: 500 });
    // A sensitive category with "automatic" is left to the server, which names the field.
    setErrors(problems);
    setMessage(undefined);
    if (Object.keys(problems).length > 0 || !agency) return;
    const body: RoutingRuleBody = { categoryCode, areaCode: areaCode || null, agencyCode: agency.code, target, automatic, note: note.trim() || null };
    setSending(true);
    try {
      const saved = rule ? await replaceRoutingRule(rule.id, body) : await createRoutingRule(body);
      onSaved(saved, !rule);
    } catch (error) {
      const text = errorText(error);
      setMessage(text.message);
      setErrors(text.fields);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card admin-panel" aria-labelledby="rule-form-heading">
      <h2 id="rule-form-heading">{rule ? t('rules.editHeading', { category: categoryName(categories, rule.categoryCode, i18n.language) ?? rule.categoryCode }) : t('rules.createHeading')}</h2>
      <ErrorSummary message={message} errors={errors} labels={labels} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={labels.categoryCode} error={errors.categoryCode} required name="categoryCode">
          {({ id, describedBy, invalid }) => (
            <CategorySelect id={id} categories={categories} value={categoryCode} onChange={setCategoryCode} emptyLabel={`${t('rules.category')}…`} describedBy={describedBy} invalid={invalid} />
          )}
        </Field>
        <div className="field-row">
          <AreaFields provinces={provinces} value={areaCode} onChange={setAreaCode} anyLabel={t('rules.anyProvince')} error={errors.areaCode} hint={t('rules.areaHint')} name="areaCode" />
        </div>
        <div className="field-row">
          <Field label={labels.target} hint={t('rules.targetHint')} error={errors.target} required name="target">
            {({ id, describedBy, invalid }) => (
              <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={target} onChange={(event) => setTarget(event.target.value as RuleTarget)}>
                {RULE_TARGET_VALUES.map((value) => (
                  <option key={value} value={value}>
                    {t(`rules.targets.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <AgencyPicker label={labels.agencyCode} name="agencyCode" value={agency} onChange={setAgency} error={errors.agencyCode} required />
        <Field label={labels.automatic} hint={sensitive ? `${t('rules.automaticHint')} ${t('rules.sensitiveHint')}` : t('rules.automaticHint')} error={errors.automatic} name="automatic">
          {({ id, describedBy, invalid }) => (
            <div className="check">
              <input id={id} type="checkbox" aria-describedby={describedBy} aria-invalid={invalid} checked={automatic} onChange={(event) => setAutomatic(event.target.checked)} />
              <span aria-hidden="true">{automatic ? t('rules.automaticYes') : t('rules.automaticNo')}</span>
            </div>
          )}
        </Field>
        <Field label={labels.note} hint={t('rules.noteHint')} error={errors.note} name="note">
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={2} maxLength={500} aria-describedby={describedBy} aria-invalid={invalid} value={note} onChange={(event) => setNote(event.target.value)} />
          )}
        </Field>
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
