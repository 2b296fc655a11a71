/**
 * `notify.citizen`: e-mails the complainant about their case, and pushes it on LINE when they
 * filed it through an agency's LINE account. Anonymous cases and complainants without an
 * e-mail address get no e-mail; with neither e-mail nor LINE, nothing is sent (the job is done). A failing mail
 * server throws, so the job is retried with backoff and the message is late, not lost.
 */
import { findAgencyRefById } from '../agencies/queries.ts';
import { readIdentity } from '../cases/identity.ts';
import { findChatRecipient } from '../chat/chat-queries.ts';
import { decryptChatUserId } from '../chat/chat-users.ts';
import { loadCase } from '../cases/queries.ts';
import type { AppContext } from '../platform/context.ts';
import { defineJobHandler, type JobHandler } from '../platform/jobs.ts';
import type { NotificationDependencies } from './dependencies.ts';
import { NOTIFY_CITIZEN_JOB } from './notify.ts';
import { CitizenJobPayloadSchema, type CitizenJobPayload } from './job-payloads.ts';
import { renderCitizenMessage } from './templates.ts';

/** About 6 hours of retries (backoff 1, 2, 4 … minutes, at most an hour apart) before the job is dead. */
const MAX_ATTEMPTS = 12;
const BACKOFF_SECONDS = 60;

export function notifyCitizenJob(deps: NotificationDependencies): JobHandler<CitizenJobPayload> {
  return defineJobHandler({
    type: NOTIFY_CITIZEN_JOB,
    payload: CitizenJobPayloadSchema,
    maxAttempts: MAX_ATTEMPTS,
    backoffSeconds: BACKOFF_SECONDS,
    async handle(ctx: AppContext, payload, job) {
      const record = await loadCase(ctx.db, { id: payload.caseId });
      if (!record) throw new Error(`case ${payload.caseId} does not exist`);
      const identity = record.anonymous || !record.complainantId ? null : await readIdentity(ctx.db, ctx.protector, record.complainantId);
      const email = identity?.email?.trim();
      // Filed through LINE: the citizen is told there too, named or not (only the chat knows them).
      const chat = await findChatRecipient(ctx.db, record.id);
      const line = chat?.provider === 'line' ? { to: decryptChatUserId(ctx, chat, chat.userCiphertext), via: chat.agencyChannelId } : undefined;
      if (!email && !line) return;
      // News of a surviving case told to the complainant of a case merged into it.
      const matter = payload.viaCaseId ? await loadCase(ctx.db, { id: payload.viaCaseId }) : record;
      if (!matter) throw new Error(`case ${String(payload.viaCaseId)} does not exist`);
      const holder = await findAgencyRefById(ctx.db, matter.holderAgencyId);
      if (!holder) throw new Error(`case ${matter.id} refers to a missing agency`);
      const { config, channels } = deps.resolve(ctx);
      const message = renderCitizenMessage(
        payload.notice,
        { trackingCode: record.trackingCode, agency: holder, dueDate: matter.dueDate, result: matter.result, viaMerge: payload.viaCaseId !== undefined },
        config.publicUrl,
        // The language the complainant chose when filing, unless the notice names one.
        payload.locale ?? identity?.language ?? 'th',
      );
      const reference = `rongthuk.notify-citizen.${job.id}`;
      // A retry after a failed push sends the e-mail again under the same Message-ID, and the push under the same retry key.
      if (email) await channels.email.send({ to: email, ...message, reference });
      if (line) await channels.line.send({ ...line, ...message, reference });
    },
  });
}
