/** SQL of the exchange by files: the partners reached by files, and what an export names of our cases. */
import { z } from 'zod';
import type { Queryable } from '../platform/database.ts';
import { queryRows } from '../platform/rows.ts';

/** The codes of the active partners reached by files (the scheduled export's round). */
export async function listActiveFilePartnerCodes(db: Queryable): Promise<string[]> {
  const rows = await queryRows(db, z.object({ code: z.string() }).describe('partner code'), "SELECT code FROM partners WHERE delivery = 'file' AND active ORDER BY code");
  return rows.map((row) => row.code);
}

const CaseLabelRowSchema = z.object({ id: z.string(), trackingCode: z.string(), holderAgencyCode: z.string() }).describe('case label');
export type CaseLabel = z.output<typeof CaseLabelRowSchema>;

/** Our tracking code and the holding agency's code of each case, by id. */
export async function findCaseLabels(db: Queryable, caseIds: readonly string[]): Promise<Map<string, CaseLabel>> {
  const rows = await queryRows(
    db,
    CaseLabelRowSchema,
    'SELECT c.id, c.tracking_code, a.code AS holder_agency_code FROM cases c JOIN agencies a ON a.id = c.holder_agency_id WHERE c.id = ANY($1::uuid[])',
    [[...new Set(caseIds)]],
  );
  return new Map(rows.map((row) => [row.id, row]));
}
