/**
 * Form building blocks with the accessibility people rely on: every control has a label,
 * hints and errors are tied to it with aria-describedby, a field in error says so
 * (aria-invalid), and the error summary takes the focus and links to each field.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldProps {
  label: string;
  /** Renders the control, given the ids to wire into it. */
  children: (control: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  /** Field path of the API (`location.provinceCode`) used by the error summary's links. */
  name?: string;
}

export function Field({ label, children, hint, error, required, name }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'} data-field={name}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
    </div>
  );
}

export interface ErrorSummaryProps {
  /** The overall message (e.g. the server's). */
  message?: string | undefined;
  /** Field path → message; each becomes a link to its field. */
  errors?: Record<string, string>;
  /** Field path → the label people see. */
  labels?: Record<string, string>;
}

export function ErrorSummary({ message, errors = {}, labels = {} }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const entries = Object.entries(errors);
  const shown = Boolean(message) || entries.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, message, entries.length]);
  if (!shown) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary__title">
        {t('errors.title')}
      </h2>
      {message ? <p>{message}</p> : null}
      {entries.length > 0 ? (
        <ul>
          {entries.map(([field, text]) => (
            <li key={field}>
              <a
                href={`#${field}`}
                onClick={(event) => {
                  event.preventDefault();
                  const control = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"] input, [data-field="${CSS.escape(field)}"] select, [data-field="${CSS.escape(field)}"] textarea`);
                  control?.focus();
                }}
              >
                {labels[field] ?? field}: {text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
