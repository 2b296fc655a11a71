/**
 * The ways a message leaves Rongthuk. Each channel sends one message or throws; a throw makes
 * the job that called it fail and be retried with backoff, so a message is late, never lost.
 *
 * E-mail goes through SMTP (nodemailer); LINE push through the Messaging API of the official
 * account that took the case in (channels/line/line-push.ts). SMS has its interface only: its
 * provider (an SMS gateway under contract) comes later, and until then it logs each message as skipped.
 */
import nodemailer from 'nodemailer';
import type { NotificationConfig } from './config.ts';

export type ChannelKind = 'email' | 'line' | 'sms';

export interface OutboundMessage {
  /** E-mail address, LINE user id or phone number, by channel. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * A stable id of this message (e.g. the job's idempotency key): e-mail uses it for the
   * Message-ID, so a message re-sent after a crash can be recognised as the same one.
   */
  reference?: string;
  /** E-mail only: the Message-ID answered and the thread's, so mail programs show one conversation. */
  inReplyTo?: string;
  references?: string[];
  /** E-mail only: where the citizen's answer goes (the agency's mailbox that took the complaint). */
  replyTo?: string;
  /** LINE: the agency channel (the official account) that took the case in and pushes through. */
  via?: string;
}

export interface NotificationChannel {
  kind: ChannelKind;
  send(message: OutboundMessage): Promise<void>;
}

/** The part of a pino logger the channels use. */
export interface NotificationLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface NotificationChannels {
  email: NotificationChannel;
  line: NotificationChannel;
  sms: NotificationChannel;
  /** Closes open connections (SMTP). */
  close(): void;
}

/** Timeouts short enough that a hung mail server fails the job, which is retried later. */
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** E-mail through the SMTP server of `smtpUrl` (smtp:// with STARTTLS when offered, smtps:// for TLS). */
export function createSmtpEmailChannel(smtpUrl: string, from: string): NotificationChannel & { close(): void } {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  return {
    kind: 'email',
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        ...(message.reference === undefined ? {} : { messageId: messageIdFor(message.reference, from) }),
        ...(message.inReplyTo === undefined ? {} : { inReplyTo: message.inReplyTo }),
        ...(message.references === undefined ? {} : { references: message.references }),
        ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
      });
    },
    close: () => transport.close(),
  };
}

/** `<reference@sender's domain>`: a Message-ID must be unique (the reference names the job) and carry a domain. */
export function messageIdFor(reference: string, from: string): string {
  const domain = /@([^>\s]+)>?$/.exec(from)?.[1] ?? 'rongthuk.invalid';
  return `<${reference.replace(/[^A-Za-z0-9.\-_]/g, '.')}@${domain}>`;
}

/**
 * A channel without a provider: logs that the message was skipped (without its text or the
 * recipient, which are personal data) and succeeds, so nothing waits for it.
 */
export function createUnconfiguredChannel(kind: ChannelKind, logger: NotificationLogger): NotificationChannel {
  return {
    kind,
    async send(message) {
      logger.info({ channel: kind, reference: message.reference }, `${kind} is not configured: message skipped`);
    },
  };
}

/**
 * The channels for this configuration: SMTP e-mail when RONGTHUK_SMTP_URL is set, otherwise
 * skipped e-mail; LINE pushes through the agency's official account when `line` is given
 * (channels/line/line-push.ts); SMS is not configurable yet (its provider comes later).
 */
export function createNotificationChannels(config: NotificationConfig, logger: NotificationLogger, line?: NotificationChannel): NotificationChannels {
  const smtp = config.smtpUrl && config.mailFrom ? createSmtpEmailChannel(config.smtpUrl, config.mailFrom) : undefined;
  return {
    email: smtp ?? createUnconfiguredChannel('email', logger),
    line: line ?? createUnconfiguredChannel('line', logger),
    sms: createUnconfiguredChannel('sms', logger),
    close: () => smtp?.close(),
  };
}
