import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { forgetKeys, forgetReceipt } from './visit.ts';

/**
 * Forgets the keys and the receipt of this visit, for a shared counter, kiosk or phone. Said
 * plainly: what the button removes, and that the code and key must be kept elsewhere first.
 */
export function FinishVisit() {
  const { t } = useTranslation('citizen');
  const [, navigate] = useLocation();
  return (
    <div className="finish-visit no-print">
      <p id="finish-visit-note" className="muted">
        {t('track.doneNote')}
      </p>
      <button
        type="button"
        className="button button--secondary"
        aria-describedby="finish-visit-note"
        onClick={() => {
          forgetKeys();
          forgetReceipt();
          navigate('~/');
        }}
      >
        {t('track.done')}
      </button>
    </div>
  );
}
