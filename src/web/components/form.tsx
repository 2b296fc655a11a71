/**
 * Form building blocks with the accessibility people rely on: every control has a label,
 * hints and errors are tied to it with aria-describedby, a field in error says so
 * (aria-invalid), and the error summary takes the focus and links to each field.
 */
import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode } from 'react';
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

/** What every labelled control below shares. */
export interface FieldFrame {
  label: string;
  /** The API field (the error summary links to it). */
  name: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

export interface TextFieldProps extends FieldFrame, Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'value' | 'onChange' | 'required' | 'aria-describedby' | 'aria-invalid'> {
  value: string;
  onChange: (value: string) => void;
}

/** A labelled text input (text, search, e-mail, password, number) with its hint and error. */
export function TextField({ label, name, hint, error, required, value, onChange, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} required={required} name={name}>
      {({ id, describedBy, invalid }) => <input id={id} {...input} aria-describedby={describedBy} aria-invalid={invalid} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

export interface SelectFieldProps extends FieldFrame {
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** The label of an empty first choice ("any", "choose…"); none without. */
  emptyLabel?: string;
}

/** A labelled select of fixed options. */
export function SelectField({ label, name, hint, error, required, value, onChange, options, emptyLabel }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} required={required} name={name}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid} value={value} onChange={(event) => onChange(event.target.value)}>
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export interface CheckboxFieldProps extends FieldFrame {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** What the state means, beside the box ("active" / "inactive"); the label names the box. */
  stateText: (checked: boolean) => string;
}

/** A labelled checkbox with the meaning of its state written beside it. */
export function CheckboxField({ label, name, hint, error, required, checked, onChange, stateText }: CheckboxFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} required={required} name={name}>
      {({ id, describedBy, invalid }) => (
        <div className="check">
          <input id={id} type="checkbox" aria-describedby={describedBy} aria-invalid={invalid} checked={checked} onChange={(event) => onChange(event.target.checked)} />
          <span aria-hidden="true">{stateText(checked)}</span>
        </div>
      )}
    </Field>
  );
}
