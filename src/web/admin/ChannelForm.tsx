/**
 * Adding a channel to an agency, or changing one: its kind, how people name it (in Thai), and
 * what a citizen needs to use it — the field its kind cannot do without is marked required.
 * The server's field errors (a number that cannot be dialled, a page that is not Facebook's)
 * show on their fields.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../shared/case-model.ts';
import { createAgencyChannel, updateAgencyChannel, type AgencyChannel } from '../api/channels.ts';
import { CheckboxField, Field, SelectField, TextField } from '../components/form.tsx';
import { CHANNEL_FIELD_MAX, CHANNEL_TEXT_FIELDS, channelChanges, channelValues, checkChannel, newChannelBody, requiredFieldOf, type ChannelTextField, type ChannelValues } from './channel-form.ts';
import { FormPanel, useAdminForm } from './forms.tsx';

export interface ChannelFormProps {
  agencyCode: string;
  /** The channel to change; undefined to add one. */
  channel: AgencyChannel | undefined;
  onSaved: (channel: AgencyChannel, created: boolean) => void;
  onCancel: () => void;
}

/** How each text field is typed: its input type, and whether it is Thai text. */
const INPUT: Partial<Record<ChannelTextField, { type: string; inputMode?: 'tel' | 'url' | 'email'; lang?: string }>> = {
  labelTh: { type: 'text', lang: 'th' },
  phone: { type: 'tel', inputMode: 'tel' },
  facebookUrl: { type: 'url', inputMode: 'url' },
  webUrl: { type: 'url', inputMode: 'url' },
  email: { type: 'email', inputMode: 'email' },
};

export function ChannelForm({ agencyCode, channel, onSaved, onCancel }: ChannelFormProps) {
  const { t } = useTranslation(['admin', 'common']);
  const form = useAdminForm();
  const [values, setValues] = useState<ChannelValues>(() => channelValues(channel));
  const set = <K extends keyof ChannelValues>(key: K, value: ChannelValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const creating = channel === undefined;
  const required = requiredFieldOf(values.kind);
  const labels: Record<string, string> = {
    kind: t('channels.kind'),
    ...Object.fromEntries(CHANNEL_TEXT_FIELDS.map((field) => [field, t(`channels.fields.${field}`)])),
    position: t('channels.position'),
    active: t('channels.activeLabel'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = checkChannel(values);
    const texts: Record<string, string> = {};
    for (const [field, problem] of Object.entries(problems)) {
      texts[field] =
        problem === 'required'
          ? t('common:errors.required')
          : problem === 'tooLong'
            ? t('common:errors.tooLong', { max: CHANNEL_FIELD_MAX[field as ChannelTextField] })
            : t(`channels.problems.${problem}`);
    }
    if (!form.check(texts)) return;
    await form.send(async () => {
      const saved = creating ? await createAgencyChannel(agencyCode, newChannelBody(values)) : await updateAgencyChannel(agencyCode, channel.id, channelChanges(values));
      onSaved(saved, creating);
    });
  };

  return (
    <FormPanel
      form={form}
      headingId="channel-form-heading"
      heading={creating ? t('channels.addHeading') : t('channels.editHeading', { label: channel.labelTh })}
      labels={labels}
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel={creating ? t('channels.add') : undefined}
    >
      <div className="field-row">
        <SelectField
          label={labels.kind ?? ''}
          hint={t('channels.kindHint')}
          name="kind"
          required
          error={form.errors.kind}
          value={values.kind}
          onChange={(value) => set('kind', value as ChannelValues['kind'])}
          options={CHANNELS.map((kind) => ({ value: kind, label: t(`channels.kinds.${kind}`) }))}
        />
        <TextField label={labels.position ?? ''} hint={t('channels.positionHint')} name="position" type="text" inputMode="numeric" maxLength={3} error={form.errors.position} value={values.position} onChange={(value) => set('position', value)} />
      </div>
      {CHANNEL_TEXT_FIELDS.map((field) =>
        field === 'postalAddress' ? (
          <Field key={field} label={labels[field] ?? ''} hint={t(`channels.hints.${field}`)} error={form.errors[field]} required={required === field} name={field}>
            {({ id, describedBy, invalid }) => (
              <textarea id={id} rows={3} lang="th" maxLength={CHANNEL_FIELD_MAX[field]} aria-describedby={describedBy} aria-invalid={invalid} value={values[field]} onChange={(event) => set(field, event.target.value)} />
            )}
          </Field>
        ) : (
          <TextField
            key={field}
            label={labels[field] ?? ''}
            hint={t(`channels.hints.${field}`)}
            name={field}
            required={field === 'labelTh' || required === field}
            error={form.errors[field]}
            maxLength={CHANNEL_FIELD_MAX[field]}
            value={values[field]}
            onChange={(value) => set(field, value)}
            {...(INPUT[field] ?? { type: 'text' })}
          />
        ),
      )}
      <CheckboxField label={labels.active ?? ''} name="active" checked={values.active} onChange={(checked) => set('active', checked)} stateText={(checked) => (checked ? t('channels.active') : t('channels.inactive'))} />
    </FormPanel>
  );
}
