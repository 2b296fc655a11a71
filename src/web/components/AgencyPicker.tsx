/**
 * Choosing an agency out of about two thousand: a search field (names in Thai or English,
 * codes) and the matches as buttons; the choice is shown with a button to clear it. Used by
 * the administration's forms, the inbox's filter and the dashboard (within the user's subtree).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { listAgencies, type Agency } from '../api/admin.ts';
import { Field } from './form.tsx';
import { isAbort, localName } from './names.ts';
import { AgencyQuerySchema } from '../../shared/api/agencies.ts';
import { maxLengthOf } from '../../shared/api/fields.ts';
import './agency-picker.css';

/** What a form keeps of the chosen agency. */
export interface AgencyRef {
  code: string;
  nameTh: string;
  nameEn?: string | undefined;
}

export interface AgencyPickerProps {
  label: string;
  value: AgencyRef | null;
  onChange: (agency: AgencyRef | null) => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  /** The API field (for the error summary's link). */
  name: string;
  /** Shown as what is chosen instead of `value` (a list of several agencies, each added by the search). */
  selection?: ReactNode;
  /** Offer only this agency and those below it (the dashboard's drill-down within the user's subtree). */
  within?: string;
}

const MATCHES = 12;

export function AgencyPicker({ label, value, onChange, error, hint, required, name, selection, within }: AgencyPickerProps) {
  const { t, i18n } = useTranslation('common');
  const [q, setQ] = useState('');
  const [results, setResults] = useState<{ q: string; items: Agency[]; more: boolean } | null>(null);
  const [failed, setFailed] = useState(false);
  const term = q.trim();

  useEffect(() => {
    if (!term) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      listAgencies({ q: term.slice(0, 100), limit: MATCHES, ...(within ? { within } : {}) }, controller.signal).then(
        (page) => {
          setFailed(false);
          setResults({ q: term, items: page.items, more: page.nextCursor !== null });
        },
        (problem: unknown) => {
          if (!isAbort(problem)) setFailed(true);
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [term, within]);

  const shown = term && results?.q === term ? results : null;
  const choose = (agency: Agency) => {
    onChange({ code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn });
    setQ('');
    setResults(null);
  };

  return (
    <Field label={label} hint={hint ?? t('agencyPicker.hint')} error={error} required={required} name={name}>
      {({ id, describedBy, invalid }) => (
        <div className="agency-picker">
          {selection !== undefined ? (
            <div className="agency-picker__chosen" id={`${id}-chosen`}>
              {selection}
            </div>
          ) : (
          <p className={value ? 'agency-picker__chosen' : 'agency-picker__chosen muted'} id={`${id}-chosen`}>
            {value ? t('agencyPicker.selected', { name: localName(value, i18n.language), code: value.code }) : t('agencyPicker.nothingSelected')}
            {value && !required ? (
              <>
                {' '}
                <button type="button" className="button button--link" onClick={() => onChange(null)}>
                  {t('agencyPicker.clear')}
                </button>
              </>
            ) : null}
          </p>
          )}
          <input
            id={id}
            type="search"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('agencyPicker.search')}
            aria-describedby={[describedBy, `${id}-chosen`].filter(Boolean).join(' ')}
            aria-invalid={invalid}
            value={q}
            maxLength={maxLengthOf(AgencyQuerySchema.shape.q)}
            onChange={(event) => setQ(event.target.value)}
            onKeyDown={(event) => {
              // Enter in the search field must not submit the surrounding form.
              if (event.key === 'Enter') {
                event.preventDefault();
                if (shown?.items.length === 1 && shown.items[0]) choose(shown.items[0]);
              }
            }}
          />
          <div role="status" className="agency-picker__status">
            {term && failed ? t('agencyPicker.failed') : term && !shown ? t('agencyPicker.searching') : shown && shown.items.length === 0 ? t('agencyPicker.noResults') : ''}
          </div>
          {shown && shown.items.length > 0 ? (
            <ul className="choice-list agency-picker__results" aria-label={t('agencyPicker.results')}>
              {shown.items.map((agency) => (
                <li key={agency.code}>
                  <button type="button" className="agency-picker__option" onClick={() => choose(agency)}>
                    <span>{localName(agency, i18n.language)}</span> <span className="mono muted">{agency.code}</span>
                  </button>
                </li>
              ))}
              {shown.more ? <li className="muted agency-picker__more">{t('agencyPicker.more')}</li> : null}
            </ul>
          ) : null}
        </div>
      )}
    </Field>
  );
}
