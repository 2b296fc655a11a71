/**
 * The words of the exchange between systems, shared by the console's case page and the
 * administration's message log: a message type of the protocol (`case.accepted` …) and a
 * message's state, in the reader's language (the staff catalogue, which both load).
 */
import { useTranslation } from 'react-i18next';
import { EXCHANGE_MESSAGE_TYPES } from '../../shared/api/exchange-messages.ts';
import type { MessageState } from '../api/exchange.ts';

/** The catalogue key of a message type: `case.accepted` → staff:exchange.types.accepted; an unknown type → "other". */
export function messageTypeKey(type: string): string {
  return (EXCHANGE_MESSAGE_TYPES as readonly string[]).includes(type) ? `staff:exchange.types.${type.replace(/^case\./, '')}` : 'staff:exchange.types.other';
}

const ALERT_STATES: ReadonlySet<MessageState> = new Set(['queued', 'failed', 'dead']);

/** States that need someone's eye: waiting to go, failing, or given up on — shown as a coloured badge as well as words. */
export function needsAttention(state: MessageState): boolean {
  return ALERT_STATES.has(state);
}

export function MessageStateLabel({ state }: { state: MessageState }) {
  const { t } = useTranslation(['staff']);
  const words = t(`staff:exchange.states.${state}`);
  return needsAttention(state) ? (
    <span className={`badge badge--message-${state}`} data-state={state}>
      {words}
    </span>
  ) : (
    <span data-state={state}>{words}</span>
  );
}
