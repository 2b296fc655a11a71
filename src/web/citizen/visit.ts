/**
 * What a citizen's visit keeps, for as short a time as it can, because a counter PC or a
 * kiosk is shared: the access keys typed, scanned or shown (in memory only, 30 minutes; a
 * reload asks again) and the receipt (in this tab, 30 minutes, so that a reload does not lose
 * the key shown once). "Done" forgets both at once.
 */
import type { ReceiptData } from '../components/Receipt.tsx';

const KEY_LIFETIME_MS = 30 * 60 * 1000;

const keys = new Map<string, { key: string; keptAt: number }>();

/** A tracking code as typed, scanned or linked, in the one form the visit and the URLs use. */
export const normaliseTrackingCode = (trackingCode: string) => trackingCode.trim().toUpperCase();

export function rememberKey(trackingCode: string, key: string): void {
  keys.set(normaliseTrackingCode(trackingCode), { key, keptAt: Date.now() });
}

export function recallKey(trackingCode: string): string | null {
  const kept = keys.get(normaliseTrackingCode(trackingCode));
  if (!kept) return null;
  if (Date.now() - kept.keptAt > KEY_LIFETIME_MS) {
    keys.delete(normaliseTrackingCode(trackingCode));
    return null;
  }
  return kept.key;
}

/** Forgets every key of this visit ("done" on the receipt or the tracking page). */
export function forgetKeys(): void {
  keys.clear();
}

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

export function recalledReceipt(): ReceiptData | null {
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
