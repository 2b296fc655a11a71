/**
 * What the notification jobs need besides the app context: the settings and the channels,
 * created once per worker on first use (the logger follows the app's log level).
 */
import type { AppContext } from '../platform/context.ts';
import { createLinePushChannel } from '../channels/line/line-push.ts';
import { createLogger } from '../platform/logging.ts';
import { createNotificationChannels, type NotificationChannels, type NotificationLogger } from './channels.ts';
import type { NotificationConfig } from './config.ts';

export interface NotificationDependencies {
  resolve(ctx: AppContext): { config: NotificationConfig; channels: NotificationChannels };
}

export function notificationDependencies(config: NotificationConfig, channels?: NotificationChannels, logger?: NotificationLogger): NotificationDependencies {
  let resolved = channels;
  return {
    resolve(ctx) {
      resolved ??= createNotificationChannels(config, logger ?? createLogger({ level: ctx.config.logLevel }), createLinePushChannel(ctx));
      return { config, channels: resolved };
    },
  };
}
