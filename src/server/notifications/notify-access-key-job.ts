/**
 * `notify.access-key`: sends a requested access key to the complainant's private contact. A
 * key that is no longer the case's pending key (a newer request replaced it, or staff issued
 * one at the counter) is not sent: it would not work. A failing channel throws, so the job is
 * retried with backoff; the message is late, not lost.
 */
import { accessKeyHash } from '../cases/citizen-access.ts';
import { readIdentity } from '../cases/identity.ts';
import { loadCase } from '../cases/queries.ts';
import { sameDigest } from '../platform/crypto.ts';
import type { AppContext } from '../platform/context.ts';
import { defineJobHandler, type JobHandler } from '../platform/jobs.ts';
import { AccessKeyJobPayloadSchema, NOTIFY_ACCESS_KEY_JOB, privateContactOf, renderAccessKeyMessage, sealContext, type AccessKeyJobPayload } from './access-key.ts';
import type { NotificationDependencies } from './dependencies.ts';

const MAX_ATTEMPTS = 12;
const BACKOFF_SECONDS = 60;

export function notifyAccessKeyJob(deps: NotificationDependencies): JobHandler<AccessKeyJobPayload> {
  return defineJobHandler({
    type: NOTIFY_ACCESS_KEY_JOB,
    payload: AccessKeyJobPayloadSchema,
    maxAttempts: MAX_ATTEMPTS,
    backoffSeconds: BACKOFF_SECONDS,
    async handle(ctx: AppContext, payload, job) {
      const record = await loadCase(ctx.db, { id: payload.caseId });
      if (!record) throw new Error(`case ${payload.caseId} does not exist`);
      const { key } = ctx.protector.decryptJson<{ key: string }>(payload.sealedKey, sealContext(record.id));
      if (!record.pendingAccessKeyHash || !sameDigest(record.pendingAccessKeyHash, accessKeyHash(key))) return;
      const identity = record.complainantId && !record.anonymous ? await readIdentity(ctx.db, ctx.protector, record.complainantId) : null;
      const contact = privateContactOf(identity);
      // The contact was there when the key was asked for; sent only the same way.
      if (!contact || contact.channel !== payload.channel) return;
      const { config, channels } = deps.resolve(ctx);
      const message = renderAccessKeyMessage(record.trackingCode, key, config.publicUrl, identity?.language ?? 'th');
      await channels[contact.channel].send({ to: contact.to, ...message, reference: `rongthuk.notify-access-key.${job.id}` });
    },
  });
}
