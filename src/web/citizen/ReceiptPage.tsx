/** After filing: the receipt to keep, print or save, and the way to the tracking page. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Receipt } from '../components/Receipt.tsx';
import { FinishVisit } from './FinishVisit.tsx';
import { recalledReceipt } from './visit.ts';

export function ReceiptPage() {
  const { t } = useTranslation('citizen');
  const receipt = recalledReceipt();
  if (!receipt) {
    return (
      <div>
        <h1>{t('receipt.title')}</h1>
        <p>{t('receipt.none')}</p>
        <Link href="/track" className="button">
          {t('receipt.goTrack')}
        </Link>
      </div>
    );
  }
  return (
    <div>
      <h1>{t('receipt.title')}</h1>
      <p className="lead" role="status">
        {t('receipt.thanks')}
      </p>
      <Receipt receipt={receipt} />
      <div className="button-row no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <Link href={`/track/${encodeURIComponent(receipt.trackingCode)}#key=${encodeURIComponent(receipt.accessKey)}`} className="button button--secondary">
          {t('receipt.trackNow')}
        </Link>
        <FinishVisit />
      </div>
    </div>
  );
}
