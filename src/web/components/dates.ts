/** Dates as people read them: the Buddhist era in Thai (พ.ศ.), the Gregorian year in English. */

const BANGKOK = 'Asia/Bangkok';

/** `2026-11-23` or an ISO instant → "23 พฤศจิกายน 2569" (Thai) or "23 November 2026". */
export function formatDate(value: string | Date, language: string): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+07:00`) : new Date(value);
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', { dateStyle: 'long', timeZone: BANGKOK }).format(date);
}

/** An instant with its time of day in Bangkok: "23 พ.ย. 2569 14:05". */
export function formatDateTime(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: BANGKOK,
  }).format(new Date(value));
}

/** A byte count for people: "1.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
