/**
 * Choosing an agency to send a case to: triage's suggestions first (when there are any), then a
 * search over GET /api/v1/agencies?q= with the results as radio buttons.
 */
import { useEffect, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { searchAgencies, type AgencySummary } from '../api/staff.ts';
import { Field } from '../components/form.tsx';

export interface AgencySuggestion {
  agencyCode: string;
  agencyNameTh: string;
  score: number;
}

export interface AgencyChooserProps {
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
  /** Field path of the API, for the error summary's links. */
  name: string;
  suggestions?: readonly AgencySuggestion[];
  required?: boolean;
}

export function AgencyChooser({ value, onChange, error, name, suggestions = [], required }: AgencyChooserProps) {
  const { t, i18n } = useTranslation('staff');
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ query: string; items: AgencySummary[]; failed: boolean } | null>(null);
  // The chosen agency's name as shown, and its language (triage suggests by Thai name only).
  const [chosen, setChosen] = useState<{ name: string; lang: string }>({ name: '', lang: '' });
  const groupName = useId();
  const errorId = `${groupName}-error`;
  const label = (agency: AgencySummary) => (i18n.language === 'th' ? agency.nameTh : agency.nameEn);

  useEffect(() => {
    const needle = query.trim();
    if (!needle) return;
    const controller = new AbortController();
    // Waits for a pause in typing, so one search goes out per word, not per key.
    const timer = window.setTimeout(() => {
      searchAgencies(needle, controller.signal).then(
        (page) => setResults({ query: needle, items: page.items.filter((agency) => agency.active), failed: false }),
        (failure: unknown) => {
          if ((failure as Error).name !== 'AbortError') setResults({ query: needle, items: [], failed: true });
        },
      );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const choose = (code: string, name: string, lang = i18n.language) => {
    setChosen({ name, lang });
    onChange(code);
  };
  const needle = query.trim();
  const shownResults = needle && results?.query === needle ? results : null;

  return (
    <fieldset className={error ? 'form-section agency-chooser field--error' : 'form-section agency-chooser'} data-field={name} aria-describedby={error ? errorId : undefined}>
      <legend>
        {t('agency.label')}
        {required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </legend>
      {error ? (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {suggestions.length > 0 ? (
        <div className="choice-list" role="radiogroup" aria-label={t('agency.suggested')}>
          <p className="choice-list__title">{t('agency.suggested')}</p>
          {suggestions.map((suggestion) => (
            <label key={suggestion.agencyCode} className="choice-list__item">
              <input type="radio" name={groupName} value={suggestion.agencyCode} checked={value === suggestion.agencyCode} onChange={() => choose(suggestion.agencyCode, suggestion.agencyNameTh, 'th')} />
              <span>
                <span lang="th">{suggestion.agencyNameTh}</span> <span className="muted">({suggestion.agencyCode} · {t('agency.score', { score: formatScore(suggestion.score) })})</span>
              </span>
            </label>
          ))}
        </div>
      ) : null}
      <Field label={t('agency.search')} hint={t('agency.searchHint')}>
        {({ id, describedBy }) => <input id={id} type="search" autoComplete="off" aria-describedby={describedBy} value={query} onChange={(event) => setQuery(event.target.value)} />}
      </Field>
      <div aria-live="polite">
        {needle && !shownResults ? <p className="muted">{t('agency.searching')}</p> : null}
        {shownResults?.failed ? <p className="field__error">{t('states.loadFailed')}</p> : null}
        {shownResults && !shownResults.failed && shownResults.items.length === 0 ? <p className="muted">{t('agency.none')}</p> : null}
      </div>
      {shownResults && shownResults.items.length > 0 ? (
        <div className="choice-list agency-chooser__results" role="radiogroup" aria-label={t('agency.results')}>
          {shownResults.items.map((agency) => (
            <label key={agency.code} className="choice-list__item">
              <input type="radio" name={groupName} value={agency.code} checked={value === agency.code} onChange={() => choose(agency.code, label(agency))} />
              <span>
                {label(agency)} <span className="muted">({agency.code})</span>
              </span>
            </label>
          ))}
        </div>
      ) : null}
      {value ? (
        <p className="agency-chooser__chosen">
          <Trans t={t} i18nKey="agency.chosen" values={{ name: chosen.name ? `${chosen.name} (${value})` : value }} components={{ name: <span lang={chosen.name ? chosen.lang : undefined} /> }} />
        </p>
      ) : null}
    </fieldset>
  );
}

/** A suggestion's score as people read it: 0.87 → "87%". */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}
