/** Deletes one of the signed-in user's saved filters; anyone else's does not exist for them (404). */
import type { AuthUser } from '../../agencies/sessions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { deleteSavedFilter } from '../saved-filter-queries.ts';

export async function removeSavedFilter(ctx: AppContext, options: { user: AuthUser; id: string }): Promise<void> {
  const { user, id } = options;
  await ctx.db.transaction(async (tx) => {
    const removed = await deleteSavedFilter(tx, user.id, id);
    if (!removed) throw notFound('Saved filter', 'ตัวกรองที่บันทึกไว้');
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'saved_filter.delete',
      entityType: 'saved_filter',
      entityId: id,
      details: { name: removed.name },
      at: ctx.now(),
    });
  });
}
