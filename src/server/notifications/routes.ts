/** The staff notification API: a user's own in-app notifications, and marking one read. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotificationListQuerySchema, NotificationListSchema, NotificationParamsSchema } from '../../shared/api/notifications.ts';
import { requireUser } from '../agencies/sessions.ts';
import type { AppContext } from '../platform/context.ts';
import { invalidInput, notFound } from '../platform/errors.ts';
import { countUnread, listNotifications, markRead, type NotificationRow } from './queries.ts';

const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['notifications'];

export function registerNotificationRoutes(fastify: FastifyInstance, ctx: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications (การแจ้งเตือน), newest first, in keyset pages; ?unread=true for the unread ones',
        querystring: NotificationListQuerySchema,
        security,
        response: { 200: NotificationListSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { unread, cursor, limit } = request.query;
      const rows = await listNotifications(ctx.db, {
        userId: user.id,
        unreadOnly: unread === true,
        after: cursor === undefined ? undefined : decodeCursor(cursor),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(presentNotification),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
        unreadCount: await countUnread(ctx.db, user.id),
      };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of your notifications read (another user’s is not found)',
        params: NotificationParamsSchema,
        security,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!(await markRead(ctx.db, user.id, request.params.id, ctx.now()))) throw notFound('Notification', 'การแจ้งเตือน');
      return reply.code(204).send(null);
    },
  );
}

function presentNotification(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    caseId: row.caseId,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

function encodeCursor(row: NotificationRow): string {
  return Buffer.from(JSON.stringify({ t: row.createdAt.toISOString(), id: row.id })).toString('base64url');
}

function decodeCursor(text: string): { createdAt: Date; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { t?: unknown; id?: unknown };
    const createdAt = new Date(String(parsed.t));
    if (typeof parsed.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(parsed.id) || Number.isNaN(createdAt.getTime())) throw new Error('bad cursor');
    return { createdAt, id: parsed.id };
  } catch {
    throw invalidInput([{ field: 'query.cursor', message: 'not a cursor from a previous page', messageTh: 'ไม่พบหน้าถัดไปของรายการนี้ กรุณาเริ่มใหม่จากหน้าแรก' }]);
  }
}
