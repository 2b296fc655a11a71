/**
 * A person sets the category while screening or assigning, and where they decide otherwise
 * than triage proposed, the correction is kept as training data.
 */
import type { CaseEventPayload } from '../../../shared/case-events.ts';
import { findAgencyRefById } from '../../agencies/queries.ts';
import type { AuthUser } from '../../agencies/sessions.ts';
import type { Queryable } from '../../platform/database.ts';
import { invalidInput } from '../../platform/errors.ts';
import { findCategory } from '../../reference/queries.ts';
import { hasAgencyCorrection, insertCorrection } from '../../triage/correction-queries.ts';
import { findTriage } from '../../triage/triage-record-queries.ts';
import type { CasePatch, CaseRecord } from '../queries.ts';

/** A category change: what it does to the case, what the event says, and the category chosen (unchanged or not). */
export interface CategoryChange {
  patch: CasePatch;
  payload: Pick<CaseEventPayload<'screened'>, 'categoryCode' | 'previousCategoryCode'>;
  chosen: string | undefined;
}

/**
 * The category must exist; a sensitive one makes the case sensitive and confidential (never the
 * other way: a person lifts that consciously, not by re-categorising).
 */
export async function categoryChange(tx: Queryable, record: CaseRecord, categoryCode: string | undefined): Promise<CategoryChange> {
  if (categoryCode === undefined) return { patch: {}, payload: {}, chosen: undefined };
  const category = await findCategory(tx, categoryCode);
  if (!category || !category.active) throw invalidInput([{ field: 'categoryCode', message: `unknown category ${categoryCode}`, messageTh: `ไม่พบประเภทเรื่อง ${categoryCode}` }]);
  if (category.code === record.categoryCode) return { patch: {}, payload: {}, chosen: category.code };
  const patch: CasePatch = { categoryCode: category.code };
  if (category.sensitive) Object.assign(patch, { sensitive: true, confidential: true });
  return { patch, payload: { categoryCode: category.code, previousCategoryCode: record.categoryCode }, chosen: category.code };
}

/** What a person chose: a category, an agency they sent the case to (and how). */
export interface PersonsChoice {
  categoryCode?: string | undefined;
  agency?: { code: string; path: string; by: 'assign' | 'forward' } | undefined;
}

/**
 * A person decided otherwise than triage proposed (category or agency): kept as training
 * data with the model version that made the proposal. Cases triage never saw are skipped.
 */
export async function recordCorrections(tx: Queryable, user: AuthUser, record: CaseRecord, chosen: PersonsChoice, now: Date): Promise<void> {
  const triage = await findTriage(tx, record.id);
  if (!triage) return;
  const base = { caseId: record.id, modelVersion: triage.modelVersion, userId: user.id, at: now };
  if (chosen.categoryCode !== undefined && chosen.categoryCode !== triage.predictedCategoryCode) {
    await insertCorrection(tx, { ...base, field: 'category', proposed: triage.predictedCategoryCode, corrected: chosen.categoryCode });
  }
  if (chosen.agency && chosen.agency.code !== triage.proposedAgencyCode && (await correctsRouting(tx, record, triage, chosen.agency))) {
    await insertCorrection(tx, { ...base, field: 'agency', proposed: triage.proposedAgencyCode, corrected: chosen.agency.code });
  }
}

/**
 * Whether a hand-over corrects triage's agency: the screener's first assignment elsewhere, or
 * the agency triage assigned to sending the case on to one outside its own tree. A holder
 * handing work down to its own offices, or later moves, say nothing about triage.
 */
async function correctsRouting(
  tx: Queryable,
  record: CaseRecord,
  triage: NonNullable<Awaited<ReturnType<typeof findTriage>>>,
  to: { path: string; by: 'assign' | 'forward' },
): Promise<boolean> {
  if (await hasAgencyCorrection(tx, record.id)) return false;
  if (to.by === 'assign') return true;
  const holder = await findAgencyRefById(tx, record.holderAgencyId);
  return triage.decision === 'auto_assigned' && holder?.code === triage.proposedAgencyCode && !to.path.startsWith(holder.path);
}
