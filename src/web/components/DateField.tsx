/**
 * วันที่: one date field for every date of the console and the administration. It shows and
 * takes day/month/year — the Buddhist year in Thai (6/12/2569), the Gregorian year in English —
 * and hands the form an ISO date, '' when empty, or INVALID_DATE while the text is not a date
 * (so the form's own checks refuse to send it). What is wrong with the text is said on the
 * field once the person leaves it or the form is sent.
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
}

const PROBLEM_KEYS: Record<DateProblem, 'dates.format' | 'dates.day' | 'dates.era' | 'dates.range'> = {
  format: 'dates.format',
  day: 'dates.day',
  era: 'dates.era',
  range: 'dates.range',
};

/**
 * Runs `then` now, or — when the field is being left by a press of the pointer (on the form's
 * button, typically) — once that press has ended and its click has been handled. The error the
 * field then shows pushes what is below it down; shown between the press and the release, it
 * would move the button away from under the pointer and the click would be lost.
 */
function afterPointerGesture(then: () => void): void {
  if (!pointerPressed) {
    then();
    return;
  }
  const release = () => {
    window.removeEventListener('pointerup', release, true);
    window.removeEventListener('pointercancel', release, true);
    // After the click that follows the release in the same task.
    setTimeout(then, 0);
  };
  window.addEventListener('pointerup', release, true);
  window.addEventListener('pointercancel', release, true);
}

let pointerPressed = false;
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', () => (pointerPressed = true), true);
  window.addEventListener('pointerup', () => (pointerPressed = false), true);
  window.addEventListener('pointercancel', () => (pointerPressed = false), true);
}

export function DateField({ label, name, value, onChange, error, hint, required }: DateFieldProps) {
  const { t, i18n } = useTranslation('common');
  const era = eraOf(i18n.language);
  const [text, setText] = useState(() => formatDateInput(value, era));
  const [left, setLeft] = useState(false);

  // A value set from outside (filters cleared, a saved filter, the language switched) shows as its text.
  useEffect(() => {
    if (value === INVALID_DATE) return;
    setText((current) => {
      const parsed = parseDateInput(current, era);
      return parsed.ok && parsed.iso === value ? current : formatDateInput(value, era);
    });
  }, [value, era]);

  const parsed = parseDateInput(text, era);
  const problem = !parsed.ok && (left || error) ? t(PROBLEM_KEYS[parsed.problem]) : undefined;
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
          aria-describedby={describedBy}
          aria-invalid={invalid}
          aria-required={required}
          value={text}
          onChange={(event) => {
            const typed = event.target.value;
            setText(typed);
            const next = parseDateInput(typed, era);
            onChange(next.ok ? next.iso : INVALID_DATE);
          }}
          onBlur={() => afterPointerGesture(() => setLeft(true))}
        />
      )}
    </Field>
  );
}
