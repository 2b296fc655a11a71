/** Notification channels for tests that keep what they are given, with the channel it went by. */
import type { NotificationChannel, NotificationChannels, OutboundMessage } from '../../src/server/notifications/channels.ts';

export type SentMessage = OutboundMessage & { channel: 'email' | 'line' | 'sms' };

export function capturingChannels(sent: SentMessage[]): NotificationChannels {
  const channel = (kind: SentMessage['channel']): NotificationChannel => ({ kind, send: async (message) => void sent.push({ ...message, channel: kind }) });
  return { email: channel('email'), line: channel('line'), sms: channel('sms'), close: () => {} };
}
