/** Downloading attachments: staff through the case, the citizen through the tracking code and key. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AttachmentParamsSchema } from '../../shared/api/attachments.ts';
import { AccessKeyHeadersSchema, TrackingParamsSchema } from '../../shared/api/complaints.ts';
import { IdParamsSchema } from '../../shared/api/fields.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { ATTACHMENT_MEDIA_TYPES } from './file-checks.ts';
import { openAttachmentAsCitizen, openAttachmentAsStaff, type OpenedAttachment } from './open-attachment.ts';

const StaffParamsSchema = IdParamsSchema.extend(AttachmentParamsSchema.shape);
const PublicParamsSchema = TrackingParamsSchema.extend(AttachmentParamsSchema.shape);
const produces = [...ATTACHMENT_MEDIA_TYPES];
const HEADERS_NOTE = 'Served as stored, with the detected type, nosniff and a sandboxing Content-Security-Policy; never cached.';

export function registerAttachmentRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/cases/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['cases'],
        summary: "Download an attachment of a case (ไฟล์แนบ; every download is audited; a confidential or sensitive case's files need the permission to see the complainant's identity)",
        description: HEADERS_NOTE,
        params: StaffParamsSchema,
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        produces,
      },
    },
    async (request, reply) => {
      const opened = await openAttachmentAsStaff(ctx, { user: requireUser(request), caseId: request.params.id, attachmentId: request.params.attachmentId });
      return sendAttachment(reply, opened);
    },
  );

  app.get(
    '/api/v1/public/complaints/:trackingCode/attachments/:attachmentId',
    {
      schema: {
        tags: ['public'],
        summary: 'Download a file you attached to your complaint (ไฟล์แนบ)',
        description: HEADERS_NOTE,
        params: PublicParamsSchema,
        headers: AccessKeyHeadersSchema,
        security: [{ accessKey: [] }],
        produces,
      },
    },
    async (request, reply) => {
      const opened = await openAttachmentAsCitizen(ctx, {
        trackingCode: request.params.trackingCode,
        accessKey: request.headers['x-access-key'],
        attachmentId: request.params.attachmentId,
      });
      return sendAttachment(reply, opened);
    },
  );
}

/**
 * The bytes with headers that keep a browser from running them: the stored type only
 * (nosniff), a sandbox with nothing allowed should a PDF or image viewer run script, and
 * images shown inline while PDFs are downloaded.
 */
function sendAttachment(reply: FastifyReply, { attachment, fileName, bytes }: OpenedAttachment) {
  const disposition = attachment.mediaType.startsWith('image/') ? 'inline' : 'attachment';
  return reply
    .header('content-type', attachment.mediaType)
    .header('content-disposition', contentDisposition(disposition, fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    // Neither the browser nor a shared cache keeps a copy of what may be personal data.
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

/** RFC 6266 with an RFC 5987 `filename*` for the Thai name, and an ASCII fallback for old clients. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
