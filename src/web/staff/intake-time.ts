/**
 * When an intake was received: a date and a time (`2026-11-23T14:05`) read as Bangkok time
 * (whatever the browser's own zone), never in the future. Pure, so it is unit tested.
 */

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** The instant a datetime-local value names in Bangkok, as the API takes it; undefined when empty. */
export function receivedAtInstant(value: string): string | undefined {
  if (!value) return undefined;
  return `${value.length === 16 ? `${value}:00` : value}+07:00`;
}

/** A translation key when the value is not a time or lies in the future; undefined when fine (or empty). */
export function checkReceivedAt(value: string, now: Date): 'staff:intake.invalidDate' | 'staff:intake.future' | undefined {
  if (!value) return undefined;
  if (!LOCAL.test(value)) return 'staff:intake.invalidDate';
  const instant = Date.parse(receivedAtInstant(value) ?? '');
  if (Number.isNaN(instant)) return 'staff:intake.invalidDate';
  // A minute's grace: the clock of the control is read to the minute.
  if (instant > now.getTime() + 60_000) return 'staff:intake.future';
  return undefined;
}
