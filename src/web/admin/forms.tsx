/**
 * The edit and create forms of the administration: their state (problems found before
 * sending, the server's refusal, sending), the panel around them with its error summary and
 * Save / Cancel, and the labelled controls they are made of.
 */
import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../components/form.tsx';
import { useSubmission } from '../components/use-form-errors.ts';
import { useAdminErrorText } from './ui.tsx';

export interface AdminForm {
  /** Field path → message, from the checks before sending or from the server. */
  errors: Record<string, string>;
  /** The overall message above the form. */
  message: string | undefined;
  /** Shows `message` alone, after a check that passed (no field errors stay). */
  setMessage: (message: string | undefined) => void;
  sending: boolean;
  /** Shows the problems found before sending (and clears the last message); true when there are none. */
  check: (problems: Record<string, string>) => boolean;
  /** Sends; a refusal is shown overall and on the fields the server names. */
  send: (request: () => Promise<void>) => Promise<void>;
}

export function useAdminForm(): AdminForm {
  const { sending, failure, fail, submit } = useSubmission(useAdminErrorText());
  const check = (problems: Record<string, string>) => {
    fail(problems);
    return Object.keys(problems).length === 0;
  };
  const setMessage = (message: string | undefined) => fail({}, message);
  return { errors: failure.fields, message: failure.message, setMessage, sending, check, send: submit };
}

export interface FormPanelProps {
  form: AdminForm;
  /** The id of the panel's heading (the section is labelled by it). */
  headingId: string;
  heading: string;
  /** Field path → the label people see, for the error summary's links. */
  labels: Record<string, string>;
  onSubmit: (event: FormEvent) => void | Promise<void>;
  onCancel: () => void;
  /** The submit button's words; "Save" by default. */
  submitLabel?: string;
  /** Shown between the heading and the error summary. */
  intro?: ReactNode;
  /** Shown after the form (a confirmation dialog). */
  after?: ReactNode;
  children: ReactNode;
}

/** A create or edit form in its panel: heading, error summary, the fields, Save and Cancel. */
export function FormPanel({ form, headingId, heading, labels, onSubmit, onCancel, submitLabel, intro, after, children }: FormPanelProps) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <section className="card admin-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {intro}
      <ErrorSummary message={form.message} errors={form.errors} labels={labels} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        {children}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={form.sending}>
            {form.sending ? t('common:states.saving') : (submitLabel ?? t('common:actions.save'))}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common:actions.cancel')}
          </button>
        </div>
      </form>
      {after}
    </section>
  );
}

export interface RadioFieldProps<V extends string> {
  label: string;
  /** The API field (the error summary links to its first choice). */
  name: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: V;
  onChange: (value: V) => void;
  /** Each choice with, where it needs one, a line saying what it means. */
  options: ReadonlyArray<{ value: V; label: string; help?: string }>;
}

/** A labelled group of radio buttons, each choice with its explanation, the error tied to the group. */
export function RadioField<V extends string>({ label, name, hint, error, value, onChange, options }: RadioFieldProps<V>) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={error ? 'radio-group field--error' : 'radio-group'} data-field={name} aria-describedby={describedBy}>
      <legend className="field__label">{label}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      {options.map((option) => (
        <label key={option.value} className="check">
          <input type="radio" name={`${id}-${name}`} value={option.value} checked={value === option.value} aria-invalid={Boolean(error)} onChange={() => onChange(option.value)} />
          <span>
            {option.label}
            {option.help ? <span className="radio-group__help">{option.help}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
