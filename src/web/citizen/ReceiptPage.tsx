/** After filing: the receipt to keep, print or save, and the way to the tracking page. */
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { Receipt, type ReceiptData } from '../components/Receipt.tsx';

const RECEIPT_KEY = 'rongthuk.receipt';
/** How long the receipt stays in this tab: long enough to write the key down, short on a shared kiosk. */
const RECEIPT_LIFETIME_MS = 30 * 60 * 1000;

/** Keeps the receipt for this tab only, for a while, so a reload does not lose the key shown once. */
export function rememberReceipt(receipt: ReceiptData): void {
  try {
    sessionStorage.setItem(RECEIPT_KEY, JSON.stringify({ receipt, keptAt: Date.now() }));
  } catch {
    // Storage refused: the receipt page then asks the citizen to use the tracking page.
  }
}

export function forgetReceipt(): void {
  try {
    sessionStorage.removeItem(RECEIPT_KEY);
  } catch {
    // Nothing was kept.
  }
}

function recalledReceipt(): ReceiptData | null {
  try {
    const stored = sessionStorage.getItem(RECEIPT_KEY);
    const kept = stored ? (JSON.parse(stored) as { receipt: ReceiptData; keptAt: number }) : null;
    if (!kept || Date.now() - kept.keptAt > RECEIPT_LIFETIME_MS) {
      forgetReceipt();
      return null;
    }
    return kept.receipt;
  } catch {
    return null;
  }
}

export function ReceiptPage() {
  const { t } = useTranslation('citizen');
  const [, navigate] = useLocation();
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
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            forgetReceipt();
            navigate('/');
          }}
        >
          {t('receipt.done')}
        </button>
      </div>
    </div>
  );
}
