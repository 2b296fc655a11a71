/** What a reply and a request for information share: a public message the citizen is told of. */
import { notifyCitizen } from '../../notifications/notify.ts';
import type { DecideEffect } from './case-action.ts';

/** The effect of a message to the citizen: the event they see on the tracking page and the notice of it. */
export function tellCitizen(type: 'reply' | 'info_requested', message: string): DecideEffect {
  return async (_tx, record) => ({
    patch: {},
    event: { type, visibility: 'public', payload: { message } },
    notify: (tx, seq) => notifyCitizen(tx, { caseId: record.id, key: seq, kind: type, message }),
  });
}
