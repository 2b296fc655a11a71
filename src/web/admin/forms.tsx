/**
 * The edit and create forms of the administration: their state (problems found before
 * sending, the server's refusal, sending), the panel around them with its error summary and
 * Save / Cancel, and the labelled controls they are made of.
 */
import { useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field } from '../components/form.tsx';
import { useAdminErrorText } from './ui.tsx';

export interface AdminForm {
  /** Field path → message, from the checks before sending or from the server. */
  errors: Record<string, string>;
  /** The overall message above the form. */
  message: string | undefined;
  setMessage: (message: string | undefined) => void;
  sending: boolean;
  /** Shows the problems found before sending (and clears the last message); true when there are none. */
  check: (problems: Record<string, string>) => boolean;
  /** Sends; a refusal is shown overall and on the fields the server names. */
  send: (request: () => Promise<void>) => Promise<void>;
}

export function useAdminForm(): AdminForm {
  const errorText = useAdminErrorText();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [sending, setSending] = useState(false);
  const check = (problems: Record<string, string>) => {
    setErrors(problems);
    setMessage(undefined);
    return Object.keys(problems).length === 0;
  };
  const send = async (request: () => Promise<void>) => {
    setSending(true);
    try {
      await request();
    } catch (error) {
      const text = errorText(error);
      setMessage(text.message);
      setErrors(text.fields);
    } finally {
      setSending(false);
    }
  };
  return { errors, message, setMessage, sending, check, send };
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

interface FieldFrame {
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
