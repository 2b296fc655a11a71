/** The staff notification API (การแจ้งเตือน): a user's own in-app notifications. */
import { z } from 'zod';
import { booleanQuery, pageLimit, pageOf } from './fields.ts';

/** What a staff notification is about. */
export const STAFF_NOTIFICATION_KINDS = [
  'assigned',
  'due_soon',
  'overdue',
  'escalated',
  'progress_reminder',
  'followed_up',
  // Told to the agencies that follow the case (sent it on): resolved, returned, overdue where it is held.
  'following_resolved',
  'following_returned',
  'following_overdue',
  // Told to an agency's CCEOs: a category or district surges (not about one case).
  'surge',
] as const;
export type StaffNotificationKind = (typeof STAFF_NOTIFICATION_KINDS)[number];

/** GET /api/v1/notifications */
export const NotificationListQuerySchema = z
  .object({
    unread: booleanQuery().optional().describe('true: only notifications not read yet'),
    cursor: z.string().max(200).optional(),
    limit: pageLimit(100, 25),
  })
  .strict();
export type NotificationListQuery = z.output<typeof NotificationListQuerySchema>;

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.enum(STAFF_NOTIFICATION_KINDS),
  caseId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.output<typeof NotificationSchema>;

export const NotificationListSchema = pageOf(NotificationSchema).extend({
  unreadCount: z.number().int().describe('All unread notifications of the user, for a badge'),
});
export type NotificationList = z.output<typeof NotificationListSchema>;

export const NotificationParamsSchema = z.object({ id: z.uuid() });
