/**
 * วันที่: one date field for every date of the console and the administration. It shows and
 * takes day/month/year — the Buddhist year in Thai (6/12/2569), the Gregorian year in English —
 * and hands the form an ISO date, '' when empty, or INVALID_DATE while the text is not a date
 * (so the form's own checks refuse to send it). What is wrong with the text is said on the
 * field when the form refuses it (passes `error`): not before, so nothing below the field moves
 * while the person is on the way to the form's button.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eraOf, formatDateInput, INVALID_DATE, parseDateInput, type DateProblem } from './date-input.ts';
import { Field } from './form.tsx';

export interface DateFieldProps {
  label: string;
  /** The API field (the error summary links to it). */
  name: string;
  /** An ISO date, '' or INVALID_DATE. */
  value: string;
  onChange: (value: string) => void;
  /** The form's own error (required, before another date…); the text's problem comes first. */
  error?: string | undefined;
  /** More to say than the format, which the field says itself. */
  hint?: string | undefined;
  required?: boolean;
  /** Ids of more that describes the field (a reading of the date beside it). */
  describedBy?: string | undefined;
}

const PROBLEM_KEYS: Record<DateProblem, 'dates.format' | 'dates.day' | 'dates.era' | 'dates.range'> = {
  format: 'dates.format',
  day: 'dates.day',
  era: 'dates.era',
  range: 'dates.range',
};

export function DateField({ label, name, value, onChange, error, hint, required, describedBy: more }: DateFieldProps) {
  const { t, i18n } = useTranslation('common');
  const era = eraOf(i18n.language);
  const [text, setText] = useState(() => formatDateInput(value, era));

  // A value set from outside (filters cleared, a saved filter, the language switched) shows as its text.
  useEffect(() => {
    if (value === INVALID_DATE) {
      // The text was no date in the era before; in this one it may be (1/1/2026 typed in Thai,
      // then English chosen): the form gets what it now says. (Typing never gets here with a
      // date: the text was read in this era already.)
      const parsed = parseDateInput(text, era);
      if (parsed.ok) onChange(parsed.iso);
      return;
    }
    setText((current) => {
      const parsed = parseDateInput(current, era);
      return parsed.ok && parsed.iso === value ? current : formatDateInput(value, era);
    });
    // `text` and `onChange` are read as they are when the value or the era changes, not followed.
  }, [value, era]);

  const parsed = parseDateInput(text, era);
  const problem = !parsed.ok && error ? t(PROBLEM_KEYS[parsed.problem]) : undefined;
  const format = era === 'buddhist' ? t('dates.hintBuddhist') : t('dates.hintGregorian');
  return (
    <Field label={label} name={name} hint={hint ? `${hint} · ${format}` : format} error={problem ?? error} required={required}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          className="date-input"
          maxLength={20}
          aria-describedby={[describedBy, more].filter(Boolean).join(' ') || undefined}
          aria-invalid={invalid}
          aria-required={required}
          value={text}
          onChange={(event) => {
            const typed = event.target.value;
            setText(typed);
            const next = parseDateInput(typed, era);
            onChange(next.ok ? next.iso : INVALID_DATE);
          }}
        />
      )}
    </Field>
  );
}
