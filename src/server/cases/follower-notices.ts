/**
 * ติดตามเรื่อง (following): the agencies that sent a case on hear when it is resolved, returned
 * or overdue where it is held — its case officers and supervisor (recipients.ts 'following'),
 * never the holder, which hears of its own case by its own notices.
 */
import { z } from 'zod';
import type { Queryable } from '../platform/database.ts';
import { queryRows } from '../platform/rows.ts';
import { notifyStaffOf, type NotificationKey } from '../notifications/notify.ts';
import type { StaffNotificationKind } from '../notifications/staff-templates.ts';

/**
 * The agencies following case `caseId` now: each agency that handed it on (assigned or
 * forwarded it; a return is not a sending on, follow-sql.ts) while the case is held outside its
 * subtree. Read after the case's holder is written, so a case sent back to one no longer tells it.
 */
export async function findFollowingAgencyIds(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await queryRows(
    db,
    z.object({ id: z.string() }),
    `SELECT DISTINCT fa.id FROM cases c
       JOIN agencies h ON h.id = c.holder_agency_id
       JOIN case_handovers ho ON ho.case_id = c.id AND ho.kind <> 'return'
       JOIN agencies fa ON fa.id = ho.from_agency_id
     WHERE c.id = $1 AND h.path NOT LIKE fa.path || '%'
     ORDER BY fa.id`,
    [caseId],
  );
  return rows.map((row) => row.id);
}

export interface NotifyFollowersOptions {
  caseId: string;
  kind: Extract<StaffNotificationKind, 'following_resolved' | 'following_returned' | 'following_overdue'>;
  /** The event's seq: the same news is told once (notify.ts idempotency key). */
  key: NotificationKey;
  /** One more line, no personal data. */
  detail?: string;
}

/** Tells every agency following the case (in the transaction that records the news). */
export async function notifyFollowers(tx: Queryable, options: NotifyFollowersOptions): Promise<void> {
  for (const agencyId of await findFollowingAgencyIds(tx, options.caseId)) {
    await notifyStaffOf(tx, { ...options, notice: 'following', agencyId });
  }
}
