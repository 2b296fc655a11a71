/** SQL of possible duplicates: past cases sharing a text band or a complainant, and the links kept between them. */
import { z } from 'zod';
import { CASE_STATUSES } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRows } from '../platform/rows.ts';

const CandidateCaseSchema = z
  .object({
    id: z.string(),
    status: z.enum(CASE_STATUSES),
    receivedAt: z.date(),
    districtCode: z.string().nullable(),
    signature: z
      .array(z.number())
      .nullable()
      .transform((signature) => signature ?? []),
    holderAgencyId: z.string(),
    holderCode: z.string(),
    holderNameTh: z.string(),
    receivingAgencyId: z.string(),
  })
  .describe('duplicate candidate');
/** A past case sharing an LSH band (or the complainant) with the new one. */
export type CandidateCase = z.output<typeof CandidateCaseSchema>;

/** How many band-sharing past cases are compared at most (the newest). */
export const CANDIDATE_LIMIT = 200;

const CANDIDATE_COLUMNS = `c.id, c.status, c.received_at, c.district_code, c.text_signature AS signature, c.holder_agency_id, c.receiving_agency_id,
            h.code AS holder_code, h.name_th AS holder_name_th`;

export async function findBandCandidates(db: Queryable, caseId: string, bands: number[], since: Date): Promise<CandidateCase[]> {
  if (bands.length === 0) return [];
  // The band index first, always: left to itself the planner may walk the received_at index
  // newest first and test every case's bands, seconds at a million cases (bench/duplicate-lookup).
  return queryRows(
    db,
    CandidateCaseSchema,
    `WITH sharing AS MATERIALIZED (
       SELECT id, status, received_at, district_code, text_signature, holder_agency_id, receiving_agency_id
       FROM cases WHERE text_bands && $1::integer[] AND id <> $2 AND received_at >= $3 AND text_signature IS NOT NULL)
     SELECT ${CANDIDATE_COLUMNS}
     FROM sharing c JOIN agencies h ON h.id = c.holder_agency_id
     ORDER BY c.received_at DESC LIMIT ${CANDIDATE_LIMIT}`,
    [bands, caseId, since],
  );
}

/** Other cases of the same complainant (any of phone, national ID or e-mail hash equal) since `since`. */
export async function findSameComplainantCases(db: Queryable, caseId: string, complainantId: string, since: Date): Promise<CandidateCase[]> {
  return queryRows(
    db,
    CandidateCaseSchema,
    `WITH me AS (SELECT phone_hash, national_id_hash, email_hash FROM complainants WHERE id = $2)
     SELECT ${CANDIDATE_COLUMNS}
     FROM me, complainants p
     JOIN cases c ON c.complainant_id = p.id
     JOIN agencies h ON h.id = c.holder_agency_id
     WHERE p.id <> $2 AND c.id <> $1 AND c.received_at >= $3
       AND (p.phone_hash = me.phone_hash OR p.national_id_hash = me.national_id_hash OR p.email_hash = me.email_hash)
     ORDER BY c.received_at DESC LIMIT 50`,
    [caseId, complainantId, since],
  );
}

const DuplicateReasonSchema = z.enum(['same_complainant', 'similar_text']);

export interface DuplicateLink {
  otherCaseId: string;
  reason: z.output<typeof DuplicateReasonSchema>;
  similarity: number;
}

export async function insertDuplicateLinks(tx: Queryable, caseId: string, links: readonly DuplicateLink[], now: Date): Promise<void> {
  for (const link of links) {
    await tx.query(
      `INSERT INTO case_duplicate_links (case_id, other_case_id, reason, similarity, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [caseId, link.otherCaseId, link.reason, link.similarity, now],
    );
  }
}

const LinkedDuplicateSchema = z
  .object({
    caseId: z.string(),
    otherCaseId: z.string(),
    otherTrackingCode: z.string(),
    otherStatus: z.enum(CASE_STATUSES),
    otherHolderPath: z.string(),
    otherHolderAgencyId: z.string(),
    otherReceivingAgencyId: z.string(),
    otherConfidential: z.boolean(),
    reason: DuplicateReasonSchema,
    similarity: z.number(),
  })
  .describe('duplicate link');
export type LinkedDuplicate = z.output<typeof LinkedDuplicateSchema>;

/** Possible duplicates of each case, linked either way, that are not merged or rejected already. */
export async function findDuplicateLinks(db: Queryable, caseIds: string[]): Promise<LinkedDuplicate[]> {
  if (caseIds.length === 0) return [];
  return queryRows(
    db,
    LinkedDuplicateSchema,
    `SELECT l.me AS case_id, o.id AS other_case_id, o.tracking_code AS other_tracking_code, o.status AS other_status,
            h.path AS other_holder_path, o.holder_agency_id AS other_holder_agency_id, o.receiving_agency_id AS other_receiving_agency_id,
            o.confidential AS other_confidential, l.reason, l.similarity
     FROM (SELECT case_id AS me, other_case_id AS other, reason, similarity FROM case_duplicate_links WHERE case_id = ANY($1::uuid[])
           UNION ALL
           SELECT other_case_id, case_id, reason, similarity FROM case_duplicate_links WHERE other_case_id = ANY($1::uuid[])) l
     JOIN cases o ON o.id = l.other
     JOIN agencies h ON h.id = o.holder_agency_id
     WHERE o.status NOT IN ('merged', 'rejected')
     ORDER BY l.similarity DESC`,
    [caseIds],
  );
}
