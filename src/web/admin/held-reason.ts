/**
 * Why the mailbox poller kept an e-mail for a person, as the catalogue says it: the server's
 * reason (take-email.ts: no_sender, unparseable, too_large, empty, unstorable_text_<problem>,
 * refused_<error code>, failed) → a catalogue key, and the error code a refusal names.
 */
export type HeldReasonKey = 'noSender' | 'unparseable' | 'tooLarge' | 'empty' | 'unstorableText' | 'refused' | 'failed' | 'other';

const EXACT: ReadonlyMap<string, HeldReasonKey> = new Map([
  ['no_sender', 'noSender'],
  ['unparseable', 'unparseable'],
  ['too_large', 'tooLarge'],
  ['empty', 'empty'],
  ['failed', 'failed'],
]);

export function heldReason(reason: string): { key: HeldReasonKey; code?: string } {
  const exact = EXACT.get(reason);
  if (exact) return { key: exact };
  if (reason.startsWith('unstorable_text_')) return { key: 'unstorableText' };
  if (reason.startsWith('refused_')) return { key: 'refused', code: reason.slice('refused_'.length) };
  return { key: 'other' };
}

/** Whether the message itself was kept (one too large to fetch is read in the mailbox). */
export const rawKept = (reason: string): boolean => reason !== 'too_large';
