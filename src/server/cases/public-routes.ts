/** The citizen's API: file a complaint, follow it, add information, rate the result. No login. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { multipartDescription, uploadsOf } from '../attachments/uploads.ts';
import type { AppContext } from '../platform/context.ts';
import { rateLimitPerMinute } from '../platform/rate-limit.ts';
import { openCaseAsCitizen } from './citizen-access.ts';
import { addCitizenMessage } from './commands/add-citizen-message.ts';
import { createCase } from './commands/create-case.ts';
import { giveFeedback } from './commands/give-feedback.ts';
import { ACCESS_KEY_REQUESTS_PER_DAY, requestAccessKey } from './commands/request-access-key.ts';
import { presentPublicCase } from './presenter.ts';
import {
  AccessKeyHeadersSchema,
  AccessKeyRequestAnswerSchema,
  AccessKeyRequestSchema,
  CitizenMessageSchema,
  FeedbackSchema,
  PublicCaseSchema,
  PublicComplaintSchema,
  PublicReceiptSchema,
  StatusReplySchema,
  TrackingParamsSchema,
} from '../../shared/api/complaints.ts';

/** Said to everyone who asks for a new key, whether or not anything was sent. */
const ACCESS_KEY_REQUEST_ANSWER = {
  message:
    'If this tracking code exists and an e-mail address was given when the complaint was filed, a new access key has been sent to that address. ' +
    'The key you have keeps working until the new one is first used. A key is sent only where an e-mail address was given at filing: ' +
    'otherwise, please go to the office that took the complaint, with your ID card, to be given a new key.',
  messageTh:
    'หากเลขที่เรื่องนี้มีอยู่ในระบบ และได้ให้อีเมลไว้เมื่อยื่นเรื่อง ระบบได้ส่งรหัสติดตามใหม่ไปที่อีเมลนั้นแล้ว รหัสเดิมยังใช้ได้จนกว่าจะใช้รหัสใหม่ครั้งแรก ' +
    'ระบบส่งรหัสใหม่ให้เฉพาะเรื่องที่ให้อีเมลไว้เมื่อยื่นเรื่องเท่านั้น หากไม่ได้ให้อีเมลไว้ กรุณาติดต่อหน่วยงานที่รับเรื่องพร้อมบัตรประจำตัวประชาชนเพื่อขอรหัสใหม่',
};
const tags = ['public'];

export function registerPublicComplaintRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/public/complaints',
    {
      config: { ...rateLimitPerMinute(ctx.config.publicWritesPerMinute), acceptsFiles: true },
      schema: {
        tags,
        summary: 'File a complaint (ยื่นเรื่องร้องทุกข์), JSON or multipart with files; returns the tracking code and the access key, shown once',
        description: multipartDescription(ctx.config),
        body: PublicComplaintSchema,
        response: { 201: PublicReceiptSchema },
      },
    },
    async (request, reply) => {
      const created = await createCase(ctx, { input: request.body, files: uploadsOf(request) });
      return reply.code(201).send({
        trackingCode: created.trackingCode,
        accessKey: created.accessKey,
        status: created.status,
        receivedAt: created.receivedAt.toISOString(),
        dueDate: created.dueDate,
      });
    },
  );

  app.get(
    '/api/v1/public/complaints/:trackingCode',
    {
      schema: {
        tags,
        summary: 'Follow a complaint (ติดตามเรื่อง): status and public timeline',
        params: TrackingParamsSchema,
        headers: AccessKeyHeadersSchema,
        security: [{ accessKey: [] }],
        response: { 200: PublicCaseSchema },
      },
    },
    async (request) => {
      const record = await openCaseAsCitizen(ctx, request.params.trackingCode, request.headers['x-access-key']);
      return presentPublicCase(ctx.db, record, ctx.now());
    },
  );

  app.post(
    '/api/v1/public/complaints/:trackingCode/messages',
    {
      config: { ...rateLimitPerMinute(ctx.config.publicWritesPerMinute), acceptsFiles: true },
      schema: {
        tags,
        summary: 'Add information or a follow-up message (ส่งข้อมูลเพิ่มเติม), JSON or multipart with files',
        description: multipartDescription(ctx.config),
        params: TrackingParamsSchema,
        headers: AccessKeyHeadersSchema,
        body: CitizenMessageSchema,
        security: [{ accessKey: [] }],
        response: { 201: StatusReplySchema },
      },
    },
    async (request, reply) => {
      const result = await addCitizenMessage(ctx, {
        trackingCode: request.params.trackingCode,
        accessKey: request.headers['x-access-key'],
        message: request.body.message,
        files: uploadsOf(request),
      });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/v1/public/complaints/:trackingCode/access-key-requests',
    {
      config: rateLimitPerMinute(ctx.config.publicWritesPerMinute),
      schema: {
        tags,
        summary: 'Ask for a new access key (ลืมรหัสติดตาม), sent to the e-mail address given at filing',
        description:
          'Always 202 with the same text, whether or not the code exists or has a contact. Where an e-mail address was given at filing, a new key ' +
          'is e-mailed (Thai, or English when chosen at filing). The key the citizen has keeps working until the mailed one is first used; then ' +
          `only the new one works, so a stranger who knows only the tracking code cannot lock the citizen out. A newer request replaces a mailed key not used yet. ` +
          `At most ${ACCESS_KEY_REQUESTS_PER_DAY} requests a case in 24 hours are acted on, and requests are limited per address. Without an e-mail ` +
          'address, the office that took the complaint issues a new key after checking who the citizen is.',
        params: TrackingParamsSchema,
        body: AccessKeyRequestSchema,
        response: { 202: AccessKeyRequestAnswerSchema },
      },
    },
    async (request, reply) => {
      await requestAccessKey(ctx, { trackingCode: request.params.trackingCode });
      return reply.code(202).send(ACCESS_KEY_REQUEST_ANSWER);
    },
  );

  app.post(
    '/api/v1/public/complaints/:trackingCode/feedback',
    {
      config: rateLimitPerMinute(ctx.config.publicWritesPerMinute),
      schema: {
        tags,
        summary: 'Rate a resolved case (ประเมินความพึงพอใจ); reopen: true asks for it to be looked at again',
        params: TrackingParamsSchema,
        headers: AccessKeyHeadersSchema,
        body: FeedbackSchema,
        security: [{ accessKey: [] }],
        response: { 201: StatusReplySchema },
      },
    },
    async (request, reply) => {
      const result = await giveFeedback(ctx, {
        trackingCode: request.params.trackingCode,
        accessKey: request.headers['x-access-key'],
        ...request.body,
      });
      return reply.code(201).send(result);
    },
  );
}
