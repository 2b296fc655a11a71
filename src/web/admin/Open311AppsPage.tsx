/**
 * แอปพลิเคชันภายนอก (Open311): the apps that file complaints through Open311 GeoReport v2 —
 * registering one shows its api_key once (only its hash is kept), and a key is revoked at once.
 * System administrators only: an app files into the whole tree.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { maxLengthOf } from '../../shared/api/fields.ts';
import { NewOpen311AppSchema } from '../../shared/api/open311.ts';
import { listOpen311Apps, registerOpen311App, revokeOpen311App, type IssuedOpen311Key } from '../api/open311.ts';
import { formatDate } from '../components/dates.ts';
import { TextField } from '../components/form.tsx';
import { FormPanel, useAdminForm } from './forms.tsx';
import { AddButton, DataTable, ListStates, Notices, useAdminPage, withItem } from './lists.tsx';
import { ConfirmButton, PageHeading, useLoad } from './ui.tsx';

const NAME_MAX = maxLengthOf(NewOpen311AppSchema.shape.name);

export function Open311AppsPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const page = useAdminPage<never>();
  const list = useLoad((signal) => listOpen311Apps(signal), []);
  const [issued, setIssued] = useState<IssuedOpen311Key>();

  return (
    <>
      <PageHeading title={t('open311Apps.heading')} lead={t('open311Apps.lead')} />
      <Notices status={page.status} actionError={page.actionError} />
      {issued ? (
        <section className="card admin-panel" aria-labelledby="open311-key-heading">
          <h2 id="open311-key-heading">{t('open311Apps.keyHeading', { name: issued.app.name })}</h2>
          <p>{t('open311Apps.keyOnce')}</p>
          <p>
            <code className="mono" data-api-key>
              {issued.apiKey}
            </code>
          </p>
          <div className="button-row">
            <button type="button" className="button button--secondary" onClick={() => setIssued(undefined)}>
              {t('open311Apps.keyKept')}
            </button>
          </div>
        </section>
      ) : null}
      {page.panel ? (
        <AddAppForm
          onCancel={() => page.close()}
          onAdded={(result) => {
            page.close(t('open311Apps.addedMessage', { name: result.app.name }));
            setIssued(result);
            list.reload();
          }}
        />
      ) : (
        <AddButton label={t('open311Apps.add')} onClick={page.openCreate} />
      )}
      <ListStates list={list} empty={t('open311Apps.empty')}>
        {(apps) => (
          <DataTable label={t('open311Apps.tableCaption')} columns={[t('open311Apps.name'), t('open311Apps.key'), t('open311Apps.registered'), t('open311Apps.state'), t('words.actions')]}>
            {apps.map((app) => (
              <tr key={app.id} data-app={app.name}>
                <th scope="row">{app.name}</th>
                <td className="mono">{app.keyPrefix}…</td>
                <td className="nowrap">{formatDate(app.createdAt, i18n.language)}</td>
                <td>{app.revokedAt ? t('open311Apps.revokedOn', { date: formatDate(app.revokedAt, i18n.language) }) : t('open311Apps.active')}</td>
                <td>
                  {app.revokedAt ? null : (
                    <ConfirmButton
                      label={t('open311Apps.revoke')}
                      context={app.name}
                      text={t('open311Apps.revokeText', { name: app.name })}
                      confirmLabel={t('open311Apps.revoke')}
                      onConfirm={() =>
                        page.remove(
                          () => revokeOpen311App(app.name),
                          (revoked) => {
                            list.setData(withItem(revoked));
                            return t('open311Apps.revokedMessage', { name: app.name });
                          },
                        )
                      }
                    />
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListStates>
    </>
  );
}

function AddAppForm({ onAdded, onCancel }: { onAdded: (issued: IssuedOpen311Key) => void; onCancel: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const form = useAdminForm();
  const [name, setName] = useState('');
  const labels = { name: t('open311Apps.name') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const problems: Record<string, string> = {};
    if (!trimmed) problems.name = t('common:errors.required');
    else if (trimmed.length > NAME_MAX) problems.name = t('common:errors.tooLong', { max: NAME_MAX });
    if (!form.check(problems)) return;
    await form.send(async () => onAdded(await registerOpen311App(trimmed)));
  };

  return (
    <FormPanel form={form} headingId="open311-app-form-heading" heading={t('open311Apps.addHeading')} labels={labels} onSubmit={submit} onCancel={onCancel} submitLabel={t('open311Apps.add')}>
      <TextField label={labels.name} hint={t('open311Apps.nameHint')} error={form.errors.name} required name="name" type="text" maxLength={NAME_MAX} value={name} onChange={setName} />
    </FormPanel>
  );
}
