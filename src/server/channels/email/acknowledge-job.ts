/**
 * `email.acknowledge`: answers an e-mailed complaint with its tracking code (เลขที่เรื่อง) and
 * access key (รหัสติดตาม), through the notifications' e-mail channel, in the sender's thread
 * (In-Reply-To, References) and with Reply-To the agency's mailbox, so the citizen's answer comes
 * back to the case. The key is what the web form shows the filer once; here the filer is the
 * mailbox that wrote, so it goes there, sealed with the data key in the job (never in clear in
 * the database). The Message-ID it is sent under joins the case's thread before it is sent.
 */
import { z } from 'zod';
import { findAgencyRefById } from '../../agencies/queries.ts';
import { readIdentity } from '../../cases/identity.ts';
import { loadCase } from '../../cases/queries.ts';
import { messageIdFor } from '../../notifications/channels.ts';
import type { NotificationDependencies } from '../../notifications/dependencies.ts';
import { trackingUrl, type RenderedMessage } from '../../notifications/templates.ts';
import { toBuddhistEraDate, type IsoDate } from '../../../shared/business-days.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/database.ts';
import { defineJobHandler, enqueueJob, type JobHandler } from '../../platform/jobs.ts';
import { addThreadIds, findMailboxById } from './mailbox-queries.ts';
import { messageIdHash } from './mail-facts.ts';

export const EMAIL_ACKNOWLEDGE_JOB = 'email.acknowledge';
const MAX_ATTEMPTS = 12;
const BACKOFF_SECONDS = 60;

const AcknowledgeJobPayloadSchema = z.object({
  caseId: z.uuid(),
  mailboxId: z.uuid(),
  /** {accessKey, inReplyTo?, references} sealed with the data key under `sealContext`. */
  sealed: z.string().min(1),
});
type AcknowledgeJobPayload = z.infer<typeof AcknowledgeJobPayloadSchema>;

interface Sealed {
  accessKey: string;
  inReplyTo?: string | undefined;
  references: string[];
}

const sealContext = (caseId: string) => `email-ack:${caseId}`;

/** Enqueues the acknowledgement in the transaction that created the case. */
export async function enqueueAcknowledgement(tx: Queryable, ctx: AppContext, options: { caseId: string; mailboxId: string } & Sealed): Promise<void> {
  const { caseId, mailboxId, ...sealed } = options;
  const payload: AcknowledgeJobPayload = { caseId, mailboxId, sealed: ctx.protector.encryptJson(sealed, sealContext(caseId)) };
  await enqueueJob(tx, { type: EMAIL_ACKNOWLEDGE_JOB, payload, idempotencyKey: `${EMAIL_ACKNOWLEDGE_JOB}:${caseId}` });
}

/** The reference of a case's acknowledgement: its Message-ID is `<rongthuk.email-ack.CASE@domain of the From>`. */
const referenceOf = (caseId: string) => `rongthuk.email-ack.${caseId}`;

export function acknowledgeEmailJob(deps: NotificationDependencies): JobHandler<AcknowledgeJobPayload> {
  return defineJobHandler({
    type: EMAIL_ACKNOWLEDGE_JOB,
    payload: AcknowledgeJobPayloadSchema,
    maxAttempts: MAX_ATTEMPTS,
    backoffSeconds: BACKOFF_SECONDS,
    async handle(ctx: AppContext, payload) {
      const record = await loadCase(ctx.db, { id: payload.caseId });
      if (!record) throw new Error(`case ${payload.caseId} does not exist`);
      const identity = record.complainantId && !record.anonymous ? await readIdentity(ctx.db, ctx.protector, record.complainantId) : null;
      const to = identity?.email?.trim();
      if (!to) return;
      const agency = await findAgencyRefById(ctx.db, record.receivingAgencyId);
      const mailbox = await findMailboxById(ctx.db, payload.mailboxId);
      const sealed = ctx.protector.decryptJson<Sealed>(payload.sealed, sealContext(record.id));
      const { config, channels } = deps.resolve(ctx);
      const reference = referenceOf(record.id);
      if (config.mailFrom) await addThreadIds(ctx.db, record.id, [messageIdHash(ctx.protector, messageIdFor(reference, config.mailFrom))]);
      const message = renderAcknowledgement({ trackingCode: record.trackingCode, accessKey: sealed.accessKey, agencyTh: agency?.nameTh ?? '', dueDate: record.dueDate }, config.publicUrl);
      await channels.email.send({
        to,
        ...message,
        reference,
        ...(sealed.inReplyTo ? { inReplyTo: sealed.inReplyTo } : {}),
        ...(sealed.references.length ? { references: sealed.references } : {}),
        ...(mailbox?.address ? { replyTo: mailbox.address } : {}),
      });
    },
  });
}

/** The acknowledgement: Thai first, then English; the subject names the code, so an answer to it finds the case. */
export function renderAcknowledgement(facts: { trackingCode: string; accessKey: string; agencyTh: string; dueDate: IsoDate }, publicUrl: string): RenderedMessage {
  const code = facts.trackingCode;
  const link = `${trackingUrl(publicUrl, code)}#key=${encodeURIComponent(facts.accessKey)}`;
  return {
    subject: `รับเรื่องร้องเรียนแล้ว: เรื่องเลขที่ ${code} / Complaint received: ${code}`,
    text: [
      'เรียน ผู้ร้องเรียน',
      '',
      `${facts.agencyTh} ได้รับเรื่องร้องเรียนทางอีเมลของท่านแล้ว`,
      `เลขที่เรื่อง: ${code}`,
      `รหัสติดตาม: ${facts.accessKey}`,
      `กำหนดแจ้งผลการดำเนินการภายในวันที่ ${toBuddhistEraDate(facts.dueDate)}`,
      '',
      `ติดตามความคืบหน้าได้ที่: ${link}`,
      'หรือเปิดหน้าติดตามเรื่อง แล้วกรอกเลขที่เรื่องและรหัสติดตามข้างต้น',
      'หากมีข้อมูลเพิ่มเติม ตอบกลับอีเมลฉบับนี้ได้เลย (คงเลขที่เรื่องไว้ในหัวเรื่อง) ข้อมูลจะเข้าเรื่องเดิมของท่าน',
      'กรุณาเก็บรหัสติดตามไว้เป็นความลับ ผู้ที่มีรหัสนี้ดูความคืบหน้าของเรื่องได้',
      '',
      '--',
      `Your complaint was received. Tracking code: ${code}. Access key: ${facts.accessKey}.`,
      `Follow it at ${link}. To add information, reply to this e-mail, keeping the code in the subject.`,
    ].join('\n'),
  };
}
