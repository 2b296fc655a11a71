/** SQL of notifications. */
import { z } from 'zod';
import { ROLES, type Role } from '../../shared/case-model.ts';
import { NotificationSchema } from '../../shared/api/notifications.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';
import type { StaffedAgency } from './recipients.ts';
import type { StaffNotificationKind } from './staff-templates.ts';

export interface NewStaffNotifications {
  agencyId: string;
  roles: readonly Role[];
  caseId: string | null;
  kind: StaffNotificationKind;
  title: string;
  body: string;
  dedupeKey: string;
  now: Date;
}

/**
 * One notification for each active user of the agency with one of the roles, set-wise; a
 * user who already has one under this dedupe key keeps it. Returns how many were added.
 */
export async function insertStaffNotifications(db: Queryable, n: NewStaffNotifications): Promise<number> {
  const rows = await db.query(
    `INSERT INTO notifications (user_id, case_id, kind, title, body, dedupe_key, created_at)
     SELECT u.id, $3, $4, $5, $6, $7, $8 FROM users u
     WHERE u.agency_id = $1 AND u.role = ANY($2::text[]) AND u.active
     ON CONFLICT (user_id, dedupe_key) DO NOTHING
     RETURNING id`,
    [n.agencyId, [...n.roles], n.caseId, n.kind, n.title, n.body, n.dedupeKey, n.now],
  );
  return rows.length;
}

/**
 * The agency and every agency above it, nearest first, each with the roles of its active users:
 * what `chooseRecipients` (recipients.ts) chooses from. One query, by the ids of the agency's path.
 */
export async function findStaffedChain(db: Queryable, agencyId: string): Promise<StaffedAgency[]> {
  return queryRows(
    db,
    StaffedAgencyRow,
    `SELECT a.id, a.code, COALESCE(array_agg(DISTINCT u.role) FILTER (WHERE u.id IS NOT NULL), '{}') AS roles
     FROM agencies a LEFT JOIN users u ON u.agency_id = a.id AND u.active
     WHERE a.id IN (SELECT unnest(string_to_array(btrim(path, '/'), '/'))::uuid FROM agencies WHERE id = $1)
     GROUP BY a.id, a.code, a.depth
     ORDER BY a.depth DESC`,
    [agencyId],
  );
}

const StaffedAgencyRow = z.object({ id: z.string(), code: z.string(), roles: z.array(z.enum(ROLES)) }).describe('staffed agency') satisfies z.ZodType<StaffedAgency>;

const UnsentEmailRow = z.object({ notificationId: z.string(), email: z.string(), title: z.string(), body: z.string() }).describe('unsent e-mail');
export type UnsentEmail = z.output<typeof UnsentEmailRow>;

/** The notifications under a dedupe key whose users have an e-mail address and were not e-mailed yet. */
export async function listUnsentEmails(db: Queryable, agencyId: string, roles: readonly Role[], dedupeKey: string): Promise<UnsentEmail[]> {
  const rows = await queryRows(
    db,
    UnsentEmailRow,
    `SELECT n.id AS notification_id, u.email, n.title, n.body
     FROM users u JOIN notifications n ON n.user_id = u.id AND n.dedupe_key = $3
     WHERE u.agency_id = $1 AND u.role = ANY($2::text[]) AND u.active
       AND n.emailed_at IS NULL AND u.email IS NOT NULL AND btrim(u.email) <> ''
     ORDER BY n.id`,
    [agencyId, [...roles], dedupeKey],
  );
  return rows.map((row) => ({ ...row, email: row.email.trim() }));
}

export async function markEmailed(db: Queryable, notificationId: string, now: Date): Promise<void> {
  await db.query('UPDATE notifications SET emailed_at = $2 WHERE id = $1', [notificationId, now]);
}

/** A notification row is the API's notification (src/shared/api/notifications.ts) with Dates for its times. */
const NotificationRowSchema = NotificationSchema.extend({ createdAt: z.date(), readAt: z.date().nullable() }).describe('notification');
export type NotificationRow = z.output<typeof NotificationRowSchema>;

export interface NotificationListFilter {
  userId: string;
  unreadOnly: boolean;
  /** Keyset: rows older than this one. */
  after?: { createdAt: Date; id: string } | undefined;
  limit: number;
}

/** A user's notifications, newest first. */
export async function listNotifications(db: Queryable, filter: NotificationListFilter): Promise<NotificationRow[]> {
  const params: unknown[] = [filter.userId];
  const where = ['user_id = $1'];
  if (filter.unreadOnly) where.push('read_at IS NULL');
  if (filter.after) {
    params.push(filter.after.createdAt, filter.after.id);
    where.push(`(created_at, id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(filter.limit);
  return queryRows(
    db,
    NotificationRowSchema,
    `SELECT id, kind, case_id, title, body, created_at, read_at FROM notifications
     WHERE ${where.join(' AND ')}
     ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
}

export async function countUnread(db: Queryable, userId: string): Promise<number> {
  const row = await queryRow(db, z.object({ count: z.number() }), 'SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return row?.count ?? 0;
}

/**
 * Marks the user's notification read (keeping the first reading time); false when the user
 * has no notification with that id, whoever else may.
 */
export async function markRead(db: Queryable, userId: string, notificationId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    'UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING id',
    [notificationId, userId, now],
  );
  return rows.length > 0;
}
