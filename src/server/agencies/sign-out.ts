/** Signing out (ออกจากระบบ): ends the session the user signed out from, audited. */
import { recordAudit } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { deleteSessionByHash } from './queries.ts';
import type { AuthUser } from './sessions.ts';

/** Ends `user`'s current session; their other sessions stay. */
export async function signOut(ctx: AppContext, user: AuthUser): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await deleteSessionByHash(tx, user.sessionTokenHash);
    await recordAudit(tx, { actor: { userId: user.id, label: user.username }, action: 'auth.logout', entityType: 'user', entityId: user.id, at: ctx.now() });
  });
}
