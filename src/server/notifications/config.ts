/**
 * Settings of outbound notifications, read from the environment apart from the platform
 * configuration (to be merged into it later). Like loadConfig, a wrong value throws a
 * ConfigError naming the variable, so the process stops at start rather than at the first
 * e-mail.
 */
import { z } from 'zod';
import { ConfigError } from '../platform/config.ts';

/** A mailbox as in a From header: `address@host` or `Display Name <address@host>`. */
const MAILBOX = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

const NotificationEnvSchema = z.object({
  RONGTHUK_SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^/?#]+/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.go.th:587')
    .optional(),
  RONGTHUK_MAIL_FROM: z.string().trim().regex(MAILBOX, 'must be an address, or "Name <address>"').optional(),
  RONGTHUK_PUBLIC_URL: z.url().optional(),
});

export interface NotificationConfig {
  /** SMTP server for e-mail; undefined: e-mail is not sent, only logged as skipped. */
  smtpUrl: string | undefined;
  /** The From of every e-mail; required with smtpUrl. */
  mailFrom: string | undefined;
  /** Base of the links in messages (the tracking page), without a trailing slash. */
  publicUrl: string;
}

export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

/** Reads the notification settings from `env`; throws ConfigError naming each bad variable. */
export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  // An empty variable (`RONGTHUK_SMTP_URL=` in a compose file) means unset.
  const present = Object.fromEntries(
    Object.keys(NotificationEnvSchema.shape).flatMap((key) => (env[key] ? [[key, env[key]]] : [])),
  );
  const parsed = NotificationEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration — ${problems.join('; ')}`);
  }
  const values = parsed.data;
  if (values.RONGTHUK_SMTP_URL && !values.RONGTHUK_MAIL_FROM) {
    throw new ConfigError('invalid configuration — RONGTHUK_MAIL_FROM: required with RONGTHUK_SMTP_URL (e.g. "ร้องทุกข์ <no-reply@example.go.th>")');
  }
  return {
    smtpUrl: values.RONGTHUK_SMTP_URL,
    mailFrom: values.RONGTHUK_MAIL_FROM,
    publicUrl: (values.RONGTHUK_PUBLIC_URL ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, ''),
  };
}
