/** The notification job handlers, for the application's worker (app.ts, the composition root). */
import { acknowledgeEmailJob } from '../channels/email/acknowledge-job.ts';
import type { JobHandler } from '../platform/jobs.ts';
import type { NotificationChannels, NotificationLogger } from './channels.ts';
import { loadNotificationConfig, type NotificationConfig } from './config.ts';
import { notificationDependencies } from './dependencies.ts';
import { notifyAccessKeyJob } from './notify-access-key-job.ts';
import { notifyCitizenJob } from './notify-citizen-job.ts';
import { notifyStaffJob } from './notify-staff-job.ts';

export interface NotificationJobOptions {
  /** Default: loadNotificationConfig(process.env), which throws at once on a bad setting. */
  config?: NotificationConfig;
  /** Default: from the config (SMTP e-mail when configured; LINE and SMS not yet). */
  channels?: NotificationChannels;
  /** Where skipped messages are logged; default a pino logger at the app's level. */
  logger?: NotificationLogger;
}

/** 'notify.citizen', 'notify.staff', 'notify.access-key' and the e-mail intake's acknowledgement ('email.acknowledge'). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of different payload types
export function notificationJobHandlers(options: NotificationJobOptions = {}): JobHandler<any>[] {
  const deps = notificationDependencies(options.config ?? loadNotificationConfig(), options.channels, options.logger);
  return [notifyCitizenJob(deps), notifyStaffJob(deps), notifyAccessKeyJob(deps), acknowledgeEmailJob(deps)];
}
