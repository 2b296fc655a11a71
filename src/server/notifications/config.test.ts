import { describe, expect, it } from 'vitest';
import { ConfigError } from '../platform/config.ts';
import { createNotificationChannels, type NotificationLogger } from './channels.ts';
import { loadNotificationConfig } from './config.ts';

describe('loadNotificationConfig', () => {
  it('sends no e-mail by default and links to localhost', () => {
    expect(loadNotificationConfig({})).toEqual({ smtpUrl: undefined, mailFrom: undefined, publicUrl: 'http://localhost:3000' });
  });

  it('reads the SMTP server, the sender and the public address (empty means unset)', () => {
    const config = loadNotificationConfig({
      RONGTHUK_SMTP_URL: 'smtp://user:pass@mail.example.go.th:587',
      RONGTHUK_MAIL_FROM: 'ร้องทุกข์ <no-reply@example.go.th>',
      RONGTHUK_PUBLIC_URL: 'https://rongthuk.example.go.th/',
    });
    expect(config).toEqual({
      smtpUrl: 'smtp://user:pass@mail.example.go.th:587',
      mailFrom: 'ร้องทุกข์ <no-reply@example.go.th>',
      publicUrl: 'https://rongthuk.example.go.th',
    });
    expect(loadNotificationConfig({ RONGTHUK_SMTP_URL: '', RONGTHUK_MAIL_FROM: '' }).smtpUrl).toBeUndefined();
  });

  it('names each wrong variable', () => {
    expect(() => loadNotificationConfig({ RONGTHUK_SMTP_URL: 'http://mail', RONGTHUK_MAIL_FROM: 'a@b' })).toThrow(/RONGTHUK_SMTP_URL/);
    expect(() => loadNotificationConfig({ RONGTHUK_SMTP_URL: 'smtp://mail' })).toThrow(ConfigError);
    expect(() => loadNotificationConfig({ RONGTHUK_SMTP_URL: 'smtp://mail' })).toThrow(/RONGTHUK_MAIL_FROM/);
    expect(() => loadNotificationConfig({ RONGTHUK_MAIL_FROM: 'no address' })).toThrow(/RONGTHUK_MAIL_FROM/);
    expect(() => loadNotificationConfig({ RONGTHUK_PUBLIC_URL: 'not a url' })).toThrow(/RONGTHUK_PUBLIC_URL/);
  });
});

describe('channels without a provider', () => {
  it('log a message as skipped, without its recipient or text, and succeed', async () => {
    const logged: Array<{ details: object; message: string }> = [];
    const logger: NotificationLogger = { info: (details, message) => logged.push({ details, message }), warn: () => {} };
    const channels = createNotificationChannels(loadNotificationConfig({}), logger);
    for (const channel of [channels.email, channels.line, channels.sms]) {
      await channel.send({ to: 'someone@example.com', subject: 'เรื่อง', text: 'ข้อความลับ', reference: 'ref-1' });
    }
    expect(logged.map((entry) => entry.message)).toEqual([
      'email is not configured: message skipped',
      'line is not configured: message skipped',
      'sms is not configured: message skipped',
    ]);
    expect(JSON.stringify(logged)).not.toMatch(/someone@example.com|ข้อความลับ/);
    channels.close();
  });
});
