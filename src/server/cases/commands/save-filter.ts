/**
 * Saves a named case-list filter for the signed-in user (ตัวกรองที่บันทึกไว้). The query was
 * checked against the case list's schema by the route; an agency it names must exist, so the
 * filter opens without an error later.
 */
import { canViewCases } from '../../agencies/policy/staff.ts';
import { findAgencyRefByCode } from '../../agencies/queries.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalidInput, noCaseWork } from '../../platform/errors.ts';
import { countSavedFiltersLocked, insertSavedFilter, type SavedFilter } from '../saved-filter-queries.ts';
import { redactedFilter } from './list-cases.ts';

/** Enough for every view a person uses; more is a list nobody reads. */
export const MAX_SAVED_FILTERS = 50;

export interface SaveFilterOptions {
  user: AuthUser;
  name: string;
  query: Record<string, string>;
}

export async function saveFilter(ctx: AppContext, options: SaveFilterOptions): Promise<SavedFilter> {
  const { user, name, query } = options;
  if (!canViewCases(user)) throw noCaseWork();
  return ctx.db.transaction(async (tx) => {
    if (query.agencyCode && !(await findAgencyRefByCode(tx, query.agencyCode))) {
      throw invalidInput([{ field: 'query.agencyCode', message: `unknown agency ${query.agencyCode}`, messageTh: `ไม่พบหน่วยงาน ${query.agencyCode}` }]);
    }
    if ((await countSavedFiltersLocked(tx, user.id)) >= MAX_SAVED_FILTERS) {
      throw conflict('too_many_saved_filters', `At most ${MAX_SAVED_FILTERS} saved filters each: delete one first`, `บันทึกตัวกรองได้ไม่เกิน ${MAX_SAVED_FILTERS} รายการ กรุณาลบรายการที่ไม่ใช้ก่อน`);
    }
    const saved = await insertSavedFilter(tx, { userId: user.id, name, query, createdAt: ctx.now() });
    if (!saved) throw conflict('duplicate_name', `You have a saved filter named ${name} already`, `ท่านมีตัวกรองชื่อ “${name}” อยู่แล้ว`, [{ field: 'name', message: 'already used', messageTh: 'มีตัวกรองชื่อนี้อยู่แล้ว' }]);
    await recordAudit(tx, {
      actor: { userId: user.id, label: user.username },
      action: 'saved_filter.create',
      entityType: 'saved_filter',
      entityId: saved.id,
      // The audit log keeps no personal data a search was for, as for exports.
      details: { name, query: redactedFilter(query) },
      at: ctx.now(),
    });
    return saved;
  });
}
