/**
 * ใบรับเรื่อง: the receipt of a filed complaint — tracking code, access key, due date and a QR
 * code that opens the tracking page with the key. The citizen's receipt page and the counter
 * staff's print-out are this one component.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchPublicBase } from '../api/reference.ts';
import { formatDate, formatDateTime } from './dates.ts';
import { QrCode } from './QrCode.tsx';

export interface ReceiptData {
  trackingCode: string;
  accessKey: string;
  receivedAt: string;
  dueDate: string;
}

/** The tracking page's address with the key in the fragment, which browsers never send to a server. */
export function trackingUrl(receipt: Pick<ReceiptData, 'trackingCode' | 'accessKey'>, origin = window.location.origin): string {
  return `${origin}/track/${encodeURIComponent(receipt.trackingCode)}#key=${encodeURIComponent(receipt.accessKey)}`;
}

export function Receipt({ receipt, channelLabel }: { receipt: ReceiptData; channelLabel?: string }) {
  const { t, i18n } = useTranslation('citizen');
  const [base, setBase] = useState<string>();
  useEffect(() => {
    let current = true;
    void fetchPublicBase().then((found) => current && setBase(found));
    return () => {
      current = false;
    };
  }, []);
  const url = base ? trackingUrl(receipt, base) : undefined;
  return (
    <section className="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title" className="receipt__title">
        {t('receipt.heading')}
      </h2>
      <div className="receipt__body">
        <dl className="receipt__facts">
          <dt>{t('receipt.trackingCode')}</dt>
          <dd className="receipt__code" data-testid="tracking-code">
            {receipt.trackingCode}
          </dd>
          <dt>{t('receipt.accessKey')}</dt>
          <dd className="receipt__key" data-testid="access-key">
            {receipt.accessKey}
          </dd>
          <dt>{t('receipt.receivedAt')}</dt>
          <dd>{formatDateTime(receipt.receivedAt, i18n.language)}</dd>
          <dt>{t('receipt.dueDate')}</dt>
          <dd>{formatDate(receipt.dueDate, i18n.language)}</dd>
          {channelLabel ? (
            <>
              <dt>{t('receipt.channel')}</dt>
              <dd>{channelLabel}</dd>
            </>
          ) : null}
        </dl>
        <figure className="receipt__qr">
          {url ? <QrCode text={url} label={t('receipt.qrLabel')} /> : <div className="qr qr--pending" aria-hidden="true" />}
          <figcaption>{t('receipt.qrCaption')}</figcaption>
        </figure>
      </div>
      <p className="receipt__warning">{t('receipt.keepKey')}</p>
      <p className="receipt__hotline">{t('receipt.hotline')}</p>
    </section>
  );
}
