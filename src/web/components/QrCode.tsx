/**
 * A QR code as an image. The encoder is loaded only when a receipt is shown, so it stays out
 * of the pages' first download; the SVG is shown through an <img>, never as markup.
 */
import { useEffect, useState } from 'react';

export function QrCode({ text, label, size = 176 }: { text: string; label: string; size?: number }) {
  const [source, setSource] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    void import('qrcode').then(async (qrcode) => {
      const svg = await qrcode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      if (!cancelled) setSource(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  return source ? <img className="qr" src={source} alt={label} width={size} height={size} /> : <div className="qr qr--pending" style={{ width: size, height: size }} aria-hidden="true" />;
}
