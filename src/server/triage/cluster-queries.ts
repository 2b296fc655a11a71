/** SQL of clusters: the cases whose texts are grouped into clusters of similar complaints. */
import { z } from 'zod';
import type { Queryable } from '../platform/database.ts';
import { queryRows } from '../platform/rows.ts';

const ClusterSourceSchema = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    provinceCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    categoryCode: z.string().nullable(),
    receivedAt: z.date(),
    /** MinHash signature of the redacted text (src/shared/similarity.ts). */
    signature: z.array(z.number()),
    /** The redacted text's search terms: what the cluster is about. */
    searchTerms: z.array(z.string()),
  })
  .describe('cluster source');
export type ClusterSource = z.output<typeof ClusterSourceSchema>;

/** Cases with a signature received in [from, to) within the user's subtree, optionally in one province. */
export async function listClusterSources(
  db: Queryable,
  where: { agencyPathPattern: string; from: Date; to: Date; provinceCode?: string | undefined },
): Promise<ClusterSource[]> {
  const params: unknown[] = [where.agencyPathPattern, where.from, where.to];
  let province = '';
  if (where.provinceCode) {
    params.push(where.provinceCode);
    province = 'AND c.province_code = $4';
  }
  return queryRows(
    db,
    ClusterSourceSchema,
    `SELECT c.id, c.tracking_code, c.province_code, c.district_code, c.category_code, c.received_at, c.text_signature AS signature, c.search_terms
     FROM cases c JOIN agencies h ON h.id = c.holder_agency_id
     WHERE h.path LIKE $1 AND c.received_at >= $2 AND c.received_at < $3 AND c.text_signature IS NOT NULL
       AND c.status <> 'rejected' ${province}`,
    params,
  );
}
