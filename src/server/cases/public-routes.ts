/** The citizen's API: file a complaint, follow it, add information, rate the result. No login. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_STATUSES } from '../../shared/case-model.ts';
import { multipartDescription, uploadsOf } from '../attachments/uploads.ts';
import type { AppContext } from '../platform/context.ts';
import { rateLimitPerMinute } from '../platform/http.ts';
import { openCaseAsCitizen } from './citizen-access.ts';
import { addCitizenMessage } from './commands/add-citizen-message.ts';
import { createCase } from './commands/create-case.ts';
import { giveFeedback } from './commands/give-feedback.ts';
import { presentPublicCase } from './presenter.ts';
import {
  AccessKeyHeadersSchema,
  CitizenMessageSchema,
  FeedbackSchema,
  PublicCaseSchema,
  PublicComplaintSchema,
  ReceiptSchema,
  TrackingParamsSchema,
} from './schema.ts';

const StatusReplySchema = z.object({ trackingCode: z.string(), status: z.enum(CASE_STATUSES) });
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
        response: { 201: ReceiptSchema.omit({ id: true }) },
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
      const record = await openCaseAsCitizen(ctx.db, request.params.trackingCode, request.headers['x-access-key']);
      return presentPublicCase(ctx.db, record);
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
