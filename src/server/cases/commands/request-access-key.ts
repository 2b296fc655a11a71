/**
 * ลืมรหัสติดตาม: a citizen who lost the access key asks for a new one with the tracking code.
 * The new key goes to the contact given at filing (e-mail now) and waits as the case's
 * pending key: the old key works until the new one is first used, so a stranger who knows
 * only a tracking code cannot lock the citizen out. Whoever asks learns nothing: the route
 * answers the same whether the code exists, has a contact, or was asked too often.
 */
import { normaliseTrackingCode } from '../../../shared/tracking-code.ts';
import { notifyAccessKey, privateContactOf } from '../../notifications/access-key.ts';
import type { AppContext } from '../../platform/context.ts';
import { newAccessKey, recordAccessKeyEvent } from '../citizen-access.ts';
import { readIdentity } from '../identity.ts';
import { countEventsSince, loadCase, setPendingAccessKey } from '../queries.ts';

/** Requests a case takes in 24 hours; more are answered alike and do nothing (no mail flood for the citizen). */
export const ACCESS_KEY_REQUESTS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Records the request and, where there is a contact, makes and sends a new pending key. Nothing of it reaches the answer. */
export async function requestAccessKey(ctx: AppContext, options: { trackingCode: string }): Promise<void> {
  const trackingCode = normaliseTrackingCode(options.trackingCode);
  if (!trackingCode) return;
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const record = await loadCase(tx, { trackingCode }, true);
    if (!record) return;
    if ((await countEventsSince(tx, record.id, 'access_key_requested', new Date(now.getTime() - DAY_MS))) >= ACCESS_KEY_REQUESTS_PER_DAY) return;
    const identity = record.complainantId && !record.anonymous ? await readIdentity(tx, ctx.protector, record.complainantId) : null;
    const contact = privateContactOf(identity);
    const seq = await recordAccessKeyEvent(tx, record, {
      type: 'access_key_requested',
      auditAction: 'case.access_key_request',
      actor: { userId: null, agencyId: null, label: 'public' },
      payload: { channel: contact?.channel ?? null },
      auditDetails: { sentBy: contact?.channel ?? null },
      at: now,
    });
    if (contact) {
      const { key, hash } = newAccessKey();
      await setPendingAccessKey(tx, record.id, hash);
      await notifyAccessKey(tx, ctx.protector, { caseId: record.id, channel: contact.channel, key, requestSeq: seq });
    }
  });
}
