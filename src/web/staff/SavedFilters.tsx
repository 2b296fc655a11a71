/** ตัวกรองที่บันทึกไว้: the user's named filters — save the current one, apply one, delete one. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { deleteSavedFilter, listSavedFilters, saveFilter, type SavedFilter } from '../api/staff.ts';
import { Field } from '../components/form.tsx';
import { useApiErrorText } from '../components/use-form-errors.ts';
import { LoadError } from './states.tsx';
import { useResource } from './use-resource.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';
import { NewSavedFilterSchema } from '../../shared/api/saved-filters.ts';

const NAME_MAX = maxLengthOf(NewSavedFilterSchema.shape.name);

export function SavedFilters({ currentQuery, onApply }: { currentQuery: Record<string, string>; onApply: (query: Record<string, string>) => void }) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const saved = useResource('saved-filters', (signal) => listSavedFilters(signal));
  const apiErrorText = useApiErrorText();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const empty = Object.keys(currentQuery).length === 0;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    setFailure(undefined);
    const trimmed = name.trim();
    if (!trimmed) return setNameError(t('common:errors.required'));
    if (trimmed.length > NAME_MAX) return setNameError(t('common:errors.tooLong', { max: NAME_MAX }));
    setNameError(undefined);
    setBusy(true);
    try {
      const created = await saveFilter(trimmed, currentQuery);
      setName('');
      setMessage(t('saved.savedAs', { name: created.name }));
      saved.reload();
    } catch (error) {
      const text = apiErrorText(error);
      // A name already used is the one field problem: its own words say it best.
      setNameError(text.fields.name && error instanceof ApiError ? error.localMessage(i18n.language) : undefined);
      setFailure(text.fields.name ? undefined : text.message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (filter: SavedFilter) => {
    setMessage(undefined);
    setFailure(undefined);
    setBusy(true);
    try {
      await deleteSavedFilter(filter.id);
      setConfirming(null);
      setMessage(t('saved.removed', { name: filter.name }));
      saved.reload();
    } catch (error) {
      setFailure(apiErrorText(error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="saved-filters" aria-labelledby="saved-filters-title">
      <h2 id="saved-filters-title">{t('saved.heading')}</h2>
      {saved.state === 'loading' ? <p className="muted">{t('common:states.loading')}</p> : null}
      {saved.state === 'failed' ? <LoadError error={saved.error} retry={saved.reload} /> : null}
      {saved.state === 'ready' && saved.data.items.length === 0 ? <p className="muted">{t('saved.none')}</p> : null}
      {saved.state === 'ready' && saved.data.items.length > 0 ? (
        <ul className="saved-filters__list">
          {saved.data.items.map((filter) => (
            <li key={filter.id}>
              <span className="saved-filters__name">{filter.name}</span>
              {confirming === filter.id ? (
                <span className="saved-filters__confirm">
                  <span>{t('saved.confirmRemove', { name: filter.name })}</span>
                  <button type="button" className="button button--danger button--small" disabled={busy} onClick={() => void remove(filter)}>
                    {t('saved.removeShort')}
                  </button>
                  <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(null)}>
                    {t('common:actions.cancel')}
                  </button>
                </span>
              ) : (
                <span className="saved-filters__actions">
                  <button type="button" className="button button--secondary button--small" aria-label={t('saved.apply', { name: filter.name })} onClick={() => onApply(filter.query)}>
                    {t('saved.applyShort')}
                  </button>
                  <button type="button" className="button button--ghost button--small" aria-label={t('saved.remove', { name: filter.name })} onClick={() => setConfirming(filter.id)}>
                    {t('saved.removeShort')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={(event) => void save(event)} noValidate className="saved-filters__form">
        <Field label={t('saved.name')} hint={empty ? t('saved.nothingToSave') : t('saved.nameHint')} error={nameError} required name="name">
          {({ id, describedBy, invalid }) => (
            <input id={id} type="text" maxLength={NAME_MAX + 20} aria-describedby={describedBy} aria-invalid={invalid} value={name} onChange={(event) => setName(event.target.value)} disabled={empty} />
          )}
        </Field>
        <button type="submit" className="button button--secondary" disabled={busy || empty}>
          {t('saved.save')}
        </button>
      </form>
      <p role="status" className="saved-filters__status">
        {message}
      </p>
      {failure ? (
        <p className="field__error" role="alert">
          {failure}
        </p>
      ) : null}
    </section>
  );
}
