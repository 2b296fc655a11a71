/**
 * Registering a partner system, or changing one: its code and name, how it is reached (its API
 * with its address and public keys, or files), the agencies of our tree it serves, and the
 * sharing agreement (ข้อตกลงการเปิดเผยข้อมูล), each choice said in Thai with what it sends. The
 * minimum necessary is the default; the server's field errors show on their fields.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IDENTITY_SHARING, PARTNER_DELIVERY, TEXT_SHARING } from '../../shared/api/exchange.ts';
import { createPartner, updatePartner, type Partner } from '../api/exchange.ts';
import { AgencyPicker } from '../components/AgencyPicker.tsx';
import { CheckboxField, Field, TextField } from '../components/form.tsx';
import { FormPanel, RadioField, useAdminForm } from './forms.tsx';
import {
  checkPartner,
  foldFieldErrors,
  newPartnerBody,
  PARTNER_NAME_MAX,
  PARTNER_URL_MAX,
  partnerChanges,
  partnerValues,
  type KeysBy,
  type PartnerValues,
} from './partner-form.ts';
import { localName } from './ui.tsx';

export interface PartnerFormProps {
  /** The partner to change; undefined to register a new one. */
  partner: Partner | undefined;
  onSaved: (partner: Partner, created: boolean) => void;
  onCancel: () => void;
}

export function PartnerForm({ partner, onSaved, onCancel }: PartnerFormProps) {
  const { t, i18n } = useTranslation(['admin', 'common', 'staff']);
  const form = useAdminForm();
  const [values, setValues] = useState<PartnerValues>(() => partnerValues(partner));
  const set = <K extends keyof PartnerValues>(key: K, value: PartnerValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const creating = partner === undefined;
  // The API names `agencies.3` and `jwks.keys`: each shows on the one control of its field.
  const errors = foldFieldErrors(form.errors, ['agencies', 'jwks']);
  const labels = {
    code: t('partners.code'),
    name: t('partners.name'),
    delivery: t('partners.delivery'),
    baseUrl: t('partners.baseUrl'),
    jwksUrl: t('partners.jwksUrl'),
    jwks: t('partners.jwks'),
    agencies: t('partners.agencies'),
    identity: t('partners.identity'),
    text: t('partners.text'),
    attachments: t('partners.attachments'),
    active: t('partners.activeLabel'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkPartner(values, creating);
    if (!form.check(Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, String(t(problem.key as never, problem.values as never))])))) return;
    if (creating) {
      await form.send(async () => onSaved(await createPartner(newPartnerBody(values)), true));
      return;
    }
    const changes = partnerChanges(values, partner);
    if (Object.keys(changes).length === 0) {
      form.setMessage(t('partners.noChanges'));
      return;
    }
    await form.send(async () => onSaved(await updatePartner(partner.code, changes), false));
  };

  return (
    <FormPanel
      form={{ ...form, errors }}
      headingId="partner-form-heading"
      heading={creating ? t('partners.createHeading') : t('partners.editHeading', { name: partner.name })}
      labels={labels}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel={creating ? t('partners.createSubmit') : undefined}
    >
      <div className="field-row">
        {creating ? (
          <TextField
            label={labels.code}
            hint={t('partners.codeHint')}
            error={errors.code}
            required
            name="code"
            type="text"
            className="mono"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            value={values.code}
            onChange={(code) => set('code', code)}
          />
        ) : null}
        <TextField label={labels.name} hint={t('partners.nameHint')} error={errors.name} required name="name" type="text" autoComplete="off" maxLength={PARTNER_NAME_MAX} value={values.name} onChange={(name) => set('name', name)} />
      </div>
      {creating ? (
        <RadioField
          label={labels.delivery}
          name="delivery"
          error={errors.delivery}
          value={values.delivery}
          onChange={(delivery) => set('delivery', delivery)}
          options={PARTNER_DELIVERY.map((value) => ({ value, label: t(`partners.deliveries.${value}`) }))}
        />
      ) : (
        <p className="muted">{t('partners.deliveryFixed', { delivery: t(`partners.deliveryShort.${partner.delivery}`) })}</p>
      )}
      {values.delivery === 'api' ? <ApiFields values={values} set={set} errors={errors} labels={labels} /> : null}

      <AgencyList agencies={values.agencies} onChange={(agencies) => set('agencies', agencies)} error={errors.agencies} label={labels.agencies} language={i18n.language} />

      <fieldset className="form-section">
        <legend>{t('partners.agreement')}</legend>
        <p className="admin-alert admin-alert--info">{t('partners.agreementLead')}</p>
        <RadioField
          label={labels.identity}
          name="identity"
          error={errors.identity}
          value={values.identity}
          onChange={(identity) => set('identity', identity)}
          options={IDENTITY_SHARING.map((value) => ({ value, label: t(`partners.identities.${value}`), help: t(`partners.identityHelp.${value}`) }))}
        />
        <RadioField
          label={labels.text}
          name="text"
          error={errors.text}
          value={values.text}
          onChange={(text) => set('text', text)}
          options={TEXT_SHARING.map((value) => ({ value, label: t(`partners.texts.${value}`), help: t(`partners.textHelp.${value}`) }))}
        />
        <CheckboxField
          label={labels.attachments}
          hint={t('partners.attachmentsHint')}
          error={errors.attachments}
          name="attachments"
          checked={values.attachments}
          onChange={(attachments) => set('attachments', attachments)}
          stateText={(on) => (on ? t('partners.attachmentsYes') : t('partners.attachmentsNo'))}
        />
      </fieldset>
      {creating ? null : (
        <CheckboxField
          label={labels.active}
          hint={t('partners.activeHint')}
          error={errors.active}
          name="active"
          checked={values.active}
          onChange={(active) => set('active', active)}
          stateText={(on) => (on ? t('partners.active') : t('partners.inactive'))}
        />
      )}
    </FormPanel>
  );
}

interface ApiFieldsProps {
  values: PartnerValues;
  set: <K extends keyof PartnerValues>(key: K, value: PartnerValues[K]) => void;
  errors: Record<string, string>;
  labels: Record<'baseUrl' | 'jwksUrl' | 'jwks', string>;
}

/** The address of a partner reached by its API, and its public keys: a JWKS address, or the JWKS pasted in. */
function ApiFields({ values, set, errors, labels }: ApiFieldsProps) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <>
      <UrlField label={labels.baseUrl} hint={t('partners.baseUrlHint')} error={errors.baseUrl} name="baseUrl" value={values.baseUrl} onChange={(baseUrl) => set('baseUrl', baseUrl)} />
      <RadioField<KeysBy>
        label={t('partners.keys')}
        name="keysBy"
        value={values.keysBy}
        onChange={(keysBy) => set('keysBy', keysBy)}
        options={(['url', 'inline'] as const).map((value) => ({ value, label: t(`partners.keysBy.${value}`) }))}
      />
      {values.keysBy === 'url' ? (
        <UrlField label={labels.jwksUrl} hint={t('partners.jwksUrlHint')} error={errors.jwksUrl} name="jwksUrl" value={values.jwksUrl} onChange={(jwksUrl) => set('jwksUrl', jwksUrl)} />
      ) : (
        <Field label={labels.jwks} hint={t('partners.jwksHint')} error={errors.jwks} required name="jwks">
          {({ id, describedBy, invalid }) => (
            <textarea id={id} className="mono" rows={6} spellCheck={false} aria-describedby={describedBy} aria-invalid={invalid} value={values.jwksText} onChange={(event) => set('jwksText', event.target.value)} />
          )}
        </Field>
      )}
    </>
  );
}

/** A required http(s) address of the partner. */
function UrlField(props: { label: string; hint: string; error: string | undefined; name: 'baseUrl' | 'jwksUrl'; value: string; onChange: (value: string) => void }) {
  return <TextField {...props} required type="url" inputMode="url" autoComplete="off" spellCheck={false} maxLength={PARTNER_URL_MAX} />;
}

interface AgencyListProps {
  agencies: PartnerValues['agencies'];
  onChange: (agencies: PartnerValues['agencies']) => void;
  error: string | undefined;
  label: string;
  language: string;
}

/** The agencies the partner serves: those chosen, each with a button to take it out, and the search to add one more. */
function AgencyList({ agencies, onChange, error, label, language }: AgencyListProps) {
  const { t } = useTranslation(['admin', 'common']);
  const selection =
    agencies.length === 0 ? (
      <p className="muted">{t('partners.noAgencies')}</p>
    ) : (
      <ul className="partner-agencies">
        {agencies.map((agency) => (
          <li key={agency.code}>
            <span>
              {localName(agency, language)} <span className="mono muted small">{agency.code}</span>
            </span>
            <button type="button" className="button button--link" onClick={() => onChange(agencies.filter((chosen) => chosen.code !== agency.code))}>
              {t('partners.removeAgency')}
              <span className="visually-hidden"> {localName(agency, language)}</span>
            </button>
          </li>
        ))}
      </ul>
    );
  return (
    <AgencyPicker
      label={label}
      name="agencies"
      hint={t('partners.agenciesHint')}
      error={error}
      required
      value={null}
      selection={selection}
      onChange={(agency) => {
        if (agency && !agencies.some((chosen) => chosen.code === agency.code)) onChange([...agencies, agency]);
      }}
    />
  );
}
