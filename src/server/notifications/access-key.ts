/**
 * รหัสติดตามใหม่: a new access key sent to the complainant on request. The one message that
 * carries a key, so it goes only to the contact given at filing, through the channel
 * abstraction (e-mail now; LINE and SMS join KEY_CHANNELS once their providers exist), and
 * the key travels in the job sealed with the data key: never in clear in the database, and
 * never in a log line.
 */
import { z } from 'zod';
import type { ComplainantIdentity } from '../cases/identity.ts';
import type { Queryable } from '../platform/database.ts';
import type { DataProtector } from '../platform/crypto.ts';
import { enqueueJob } from '../platform/jobs.ts';
import type { ChannelKind } from './channels.ts';
import { trackingUrl, type Locale, type RenderedMessage } from './templates.ts';

export const NOTIFY_ACCESS_KEY_JOB = 'notify.access-key';

/** A private contact of the complainant: where a key may be sent. */
export interface PrivateContact {
  channel: ChannelKind;
  to: string;
}

/**
 * The channels a key may go through, in order of preference, with the identity field each
 * reaches. SMS (the phone) and LINE wait for their providers: until then a key sent there
 * would be logged as skipped while the citizen waits for it.
 */
const KEY_CHANNELS: ReadonlyArray<{ channel: ChannelKind; address: (identity: ComplainantIdentity) => string | undefined }> = [
  { channel: 'email', address: (identity) => identity.email },
];

/** Where a new key can be sent to this complainant, if anywhere. */
export function privateContactOf(identity: ComplainantIdentity | null): PrivateContact | undefined {
  if (!identity) return undefined;
  for (const { channel, address } of KEY_CHANNELS) {
    const to = address(identity)?.trim();
    if (to) return { channel, to };
  }
  return undefined;
}

export const AccessKeyJobPayloadSchema = z.object({
  caseId: z.uuid(),
  channel: z.enum(['email', 'line', 'sms']),
  /** The key, sealed with the data key (DataProtector) under `sealContext`. */
  sealedKey: z.string().min(1),
});
export type AccessKeyJobPayload = z.infer<typeof AccessKeyJobPayloadSchema>;

export const sealContext = (caseId: string) => `access-key:${caseId}`;

/** Enqueues the message with the new key, in the transaction that made it the pending key. */
export async function notifyAccessKey(tx: Queryable, protector: DataProtector, options: { caseId: string; channel: ChannelKind; key: string; requestSeq: number }): Promise<void> {
  const payload: AccessKeyJobPayload = {
    caseId: options.caseId,
    channel: options.channel,
    sealedKey: protector.encryptJson({ key: options.key }, sealContext(options.caseId)),
  };
  await enqueueJob(tx, { type: NOTIFY_ACCESS_KEY_JOB, payload, idempotencyKey: `${NOTIFY_ACCESS_KEY_JOB}:${options.caseId}:${options.requestSeq}` });
}

/** The message with the new key, in Thai or English, with the tracking link (the key in its fragment). */
export function renderAccessKeyMessage(trackingCode: string, key: string, publicUrl: string, locale: Locale = 'th'): RenderedMessage {
  const link = `${trackingUrl(publicUrl, trackingCode)}#key=${encodeURIComponent(key)}`;
  if (locale === 'en') {
    return {
      subject: `New access key for complaint ${trackingCode}`,
      text: [
        'Dear complainant,',
        '',
        `A new access key was asked for your complaint ${trackingCode}.`,
        `New access key: ${key}`,
        '',
        `Open the tracking page with it: ${link}`,
        '',
        'The first time you use the new key, your old key stops working. If you did not ask for a new key, do nothing: your old key keeps working.',
        'Keep the key to yourself: whoever has it can follow the case.',
        '',
        '--',
        'This e-mail was sent automatically by Rongthuk (ร้องทุกข์). Please do not reply.',
      ].join('\n'),
    };
  }
  return {
    subject: `รหัสติดตามใหม่: เรื่องเลขที่ ${trackingCode}`,
    text: [
      'เรียน ผู้ร้องเรียน',
      '',
      `มีผู้ขอรหัสติดตามใหม่สำหรับเรื่องร้องเรียนเลขที่ ${trackingCode} ของท่าน`,
      `รหัสติดตามใหม่: ${key}`,
      '',
      `เปิดหน้าติดตามเรื่องด้วยรหัสใหม่: ${link}`,
      '',
      'เมื่อท่านใช้รหัสใหม่ครั้งแรก รหัสเดิมจะใช้ไม่ได้อีก หากท่านไม่ได้ขอรหัสใหม่ ไม่ต้องดำเนินการใด ๆ รหัสเดิมของท่านยังใช้ได้ตามปกติ',
      'กรุณาเก็บรหัสนี้ไว้เป็นความลับ ผู้ที่มีรหัสนี้ดูความคืบหน้าของเรื่องได้',
      '',
      '--',
      'อีเมลฉบับนี้ส่งจากระบบร้องทุกข์โดยอัตโนมัติ กรุณาอย่าตอบกลับ',
    ].join('\n'),
  };
}
