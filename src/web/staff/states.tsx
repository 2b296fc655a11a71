/** What a staff page shows when loading failed or found nothing. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useApiErrorText } from '../components/use-form-errors.ts';

/** A failed load: forbidden and not-found in plain words, anything else with the server's message and a retry. */
export function LoadError({ error, retry, forbidden }: { error: unknown; retry?: () => void; forbidden?: string }) {
  const { t } = useTranslation(['staff', 'common']);
  const apiErrorText = useApiErrorText();
  let message: string;
  if (error instanceof ApiError && error.status === 403) message = forbidden ?? t('states.forbidden');
  else if (error instanceof ApiError && error.status === 404) message = t('states.notFound');
  else message = `${t('states.loadFailed')}: ${apiErrorText(error).message}`;
  const fatal = error instanceof ApiError && (error.status === 403 || error.status === 404);
  return (
    <div className="staff-error" role="alert">
      <p>{message}</p>
      {retry && !fatal ? (
        <button type="button" className="button button--secondary" onClick={retry}>
          {t('common:actions.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Nothing to show, said so. */
export function Empty({ children, hint }: { children: ReactNode; hint?: string }) {
  return (
    <div className="staff-empty">
      <p>{children}</p>
      {hint ? <p className="muted">{hint}</p> : null}
    </div>
  );
}
