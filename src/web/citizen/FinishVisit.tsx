import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { forgetKeys, forgetReceipt } from './visit.ts';

/** "Done": forgets the keys and the receipt of this visit, for a shared counter or kiosk. */
export function FinishVisit() {
  const { t } = useTranslation('citizen');
  const [, navigate] = useLocation();
  return (
    <div className="button-row no-print">
      <button
        type="button"
        className="button button--secondary"
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
