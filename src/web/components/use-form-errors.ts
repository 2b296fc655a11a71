/** Turns client-side problems and the server's ApiError into translated messages by field. */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import type { Problem } from '../citizen/complaint-form.ts';

export function useProblemText(): (problems: Record<string, Problem>) => Record<string, string> {
  const { t } = useTranslation();
  return useCallback(
    (problems) => Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, String(t(problem.key as never, problem.values as never))])),
    [t],
  );
}

/** The overall message and the field messages of a failed request, in the reader's language where the server gave one (a stable function per language). */
export function useApiErrorText(): (error: unknown) => { message: string; fields: Record<string, string> } {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (error) => {
      if (error instanceof ApiError) {
        if (error.code === 'network_error') return { message: t('errors.network'), fields: {} };
        if (error.status >= 500) return { message: t('errors.server'), fields: {} };
        const fields = error.fieldErrors(language);
        return { message: Object.keys(fields).length > 0 ? `${error.localMessage(language)} — ${t('errors.fixFields')}` : error.localMessage(language), fields };
      }
      return { message: t('errors.server'), fields: {} };
    },
    [t, language],
  );
}

export interface FormFailure {
  message?: string;
  fields: Record<string, string>;
}

/**
 * A form's sending state and errors: `submit(work)` clears the errors, marks the form busy
 * while `work` runs, and turns a failed request into the message and field errors to show
 * (with `errorText`, by default useApiErrorText's). `fail` shows problems found before sending.
 */
export function useSubmission(errorText?: (error: unknown) => FormFailure): {
  sending: boolean;
  failure: FormFailure;
  fail(fields: Record<string, string>, message?: string): void;
  submit(work: () => Promise<void>): Promise<void>;
} {
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<FormFailure>({ fields: {} });
  const apiErrorText = useApiErrorText();
  const failureOf = errorText ?? apiErrorText;
  const fail = useCallback((fields: Record<string, string>, message?: string) => setFailure({ fields, ...(message ? { message } : {}) }), []);
  const submit = useCallback(
    async (work: () => Promise<void>) => {
      setSending(true);
      setFailure({ fields: {} });
      try {
        await work();
      } catch (error) {
        setFailure(failureOf(error));
      } finally {
        setSending(false);
      }
    },
    [failureOf],
  );
  return { sending, failure, fail, submit };
}
