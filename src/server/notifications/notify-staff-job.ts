/**
 * `notify.staff`: in-app notifications for the users of an agency with the given roles, and
 * an e-mail to each who has an address. Idempotent: a user gets one notification per dedupe
 * key, and a retry e-mails only those not e-mailed yet (after each e-mail that went out, the
 * row remembers it), so an SMTP failure half-way neither loses nor repeats e-mails.
 */
import { findAgencyRefById } from '../agencies/queries.ts';
import { loadCase } from '../cases/queries.ts';
import type { AppContext } from '../platform/context.ts';
import { defineJobHandler, type JobHandler } from '../platform/jobs.ts';
import type { NotificationDependencies } from './dependencies.ts';
import { NOTIFY_STAFF_JOB } from './notify.ts';
import { insertStaffNotifications, listUnsentEmails, markEmailed } from './queries.ts';
import { StaffJobPayloadSchema, type StaffJobPayload } from './job-payloads.ts';
import { renderStaffNotification, staffCaseUrl, staffEmailText } from './staff-templates.ts';

const MAX_ATTEMPTS = 12;
const BACKOFF_SECONDS = 60;

export function notifyStaffJob(deps: NotificationDependencies): JobHandler<StaffJobPayload> {
  return defineJobHandler({
    type: NOTIFY_STAFF_JOB,
    payload: StaffJobPayloadSchema,
    maxAttempts: MAX_ATTEMPTS,
    backoffSeconds: BACKOFF_SECONDS,
    async handle(ctx: AppContext, payload, job) {
      const record = await loadCase(ctx.db, { id: payload.caseId });
      if (!record) throw new Error(`case ${payload.caseId} does not exist`);
      const holder = await findAgencyRefById(ctx.db, record.holderAgencyId);
      if (!holder) throw new Error(`case ${record.id} refers to a missing agency`);
      const text = renderStaffNotification(
        payload.kind,
        { id: record.id, trackingCode: record.trackingCode, title: record.title, description: record.description, dueDate: record.dueDate, holderNameTh: holder.nameTh },
        payload.detail,
      );
      const now = ctx.now();
      await insertStaffNotifications(ctx.db, {
        agencyId: payload.agencyId,
        roles: payload.roles,
        caseId: record.id,
        kind: payload.kind,
        ...text,
        dedupeKey: payload.dedupeKey,
        now,
      });
      const unsent = await listUnsentEmails(ctx.db, payload.agencyId, payload.roles, payload.dedupeKey);
      if (unsent.length === 0) return;
      const { config, channels } = deps.resolve(ctx);
      const caseUrl = staffCaseUrl(config.publicUrl, record.id);
      for (const mail of unsent) {
        await channels.email.send({
          to: mail.email,
          subject: mail.title,
          text: staffEmailText(mail, caseUrl),
          reference: `rongthuk.notify-staff.${job.id}.${mail.notificationId}`,
        });
        await markEmailed(ctx.db, mail.notificationId, ctx.now());
      }
    },
  });
}
