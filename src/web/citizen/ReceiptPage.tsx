/** After filing: the receipt to keep, print or save, and the way to the tracking page. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Receipt, type ReceiptData } from '../components/Receipt.tsx';

const RECEIPT_KEY = 'rongthuk.receipt';

/** Keeps the receipt for this tab only, so a reload does not lose the key shown once. */
export function rememberReceipt(receipt: ReceiptData): void {
  try {
    sessionStorage.setItem(RECEIPT_KEY, JSON.stringify(receipt));
  } catch {
    // Storage refused: the receipt page then asks the citizen to use the tracking page.
  }
}

function recalledReceipt(): ReceiptData | null {
  try {
    const stored = sessionStorage.getItem(RECEIPT_KEY);
    return stored ? (JSON.parse(stored) as ReceiptData) : null;
  } catch {
    return null;
  }
}

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
      </div>
    </div>
  );
}
