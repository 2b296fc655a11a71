/** SQL of the partner registry: partners and the agencies of our tree each one serves. */
import { z } from 'zod';
import { IDENTITY_SHARING, PartnerJwksSchema, TEXT_SHARING, type PartnerJwks } from '../../shared/api/exchange.ts';
import type { Queryable } from '../platform/database.ts';
import { IdRow, queryRow, queryRows, storedJson } from '../platform/rows.ts';

const PartnerRowSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    delivery: z.enum(['api', 'file']),
    baseUrl: z.string().nullable(),
    jwksUrl: z.string().nullable(),
    jwks: storedJson(PartnerJwksSchema).nullable(),
    identity: z.enum(IDENTITY_SHARING),
    textSharing: z.enum(TEXT_SHARING),
    attachments: z.boolean(),
    active: z.boolean(),
    createdAt: z.date(),
    agencies: z.array(z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() })),
  })
  .describe('partner');
export type PartnerRecord = z.output<typeof PartnerRowSchema>;

const PARTNER_SELECT = `
  SELECT p.id, p.code, p.name, p.delivery, p.base_url, p.jwks_url, p.jwks, p.identity, p.text_sharing, p.attachments, p.active, p.created_at,
         COALESCE((SELECT jsonb_agg(jsonb_build_object('code', a.code, 'nameTh', a.name_th, 'nameEn', a.name_en) ORDER BY a.code)
                     FROM partner_agencies pa JOIN agencies a ON a.id = pa.agency_id
                    WHERE pa.partner_id = p.id), '[]'::jsonb) AS agencies
    FROM partners p`;

export async function findPartnerByCode(db: Queryable, code: string, options: { lock?: boolean } = {}): Promise<PartnerRecord | undefined> {
  // FOR UPDATE OF p: the aggregate's subquery needs no lock.
  return queryRow(db, PartnerRowSchema, `${PARTNER_SELECT} WHERE p.code = $1${options.lock ? ' FOR UPDATE OF p' : ''}`, [code]);
}

/** Partners by code after `afterCode` (keyset pages). */
export async function listPartnerRecords(db: Queryable, options: { afterCode: string | undefined; limit: number }): Promise<PartnerRecord[]> {
  return queryRows(db, PartnerRowSchema, `${PARTNER_SELECT} WHERE ($1::text IS NULL OR p.code > $1) ORDER BY p.code LIMIT $2`, [options.afterCode ?? null, options.limit]);
}

export interface PartnerColumns {
  name: string;
  baseUrl: string | null;
  jwksUrl: string | null;
  jwks: PartnerJwks | null;
  identity: (typeof IDENTITY_SHARING)[number];
  textSharing: (typeof TEXT_SHARING)[number];
  attachments: boolean;
  active: boolean;
}

/** Inserts a partner; undefined when its code is taken. */
export async function insertPartner(db: Queryable, code: string, delivery: 'api' | 'file', columns: PartnerColumns): Promise<string | undefined> {
  const row = await queryRow(
    db,
    IdRow,
    `INSERT INTO partners (code, delivery, name, base_url, jwks_url, jwks, identity, text_sharing, attachments, active)
     VALUES ($1, $10, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING RETURNING id`,
    [code, columns.name, columns.baseUrl, columns.jwksUrl, columns.jwks === null ? null : JSON.stringify(columns.jwks), columns.identity, columns.textSharing, columns.attachments, columns.active, delivery],
  );
  return row?.id;
}

export async function updatePartner(db: Queryable, id: string, columns: PartnerColumns): Promise<void> {
  await db.query(
    `UPDATE partners SET name = $2, base_url = $3, jwks_url = $4, jwks = $5, identity = $6, text_sharing = $7, attachments = $8, active = $9 WHERE id = $1`,
    [id, columns.name, columns.baseUrl, columns.jwksUrl, columns.jwks === null ? null : JSON.stringify(columns.jwks), columns.identity, columns.textSharing, columns.attachments, columns.active],
  );
}

export async function deletePartner(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM partners WHERE id = $1', [id]);
}

const AgencyServedRowSchema = z.object({ agencyCode: z.string(), partnerCode: z.string() }).describe('agency served');

/** Which of `agencyIds` another partner than `exceptPartnerId` serves already. */
export async function findAgenciesServedElsewhere(db: Queryable, agencyIds: string[], exceptPartnerId: string | null): Promise<Array<z.output<typeof AgencyServedRowSchema>>> {
  return queryRows(
    db,
    AgencyServedRowSchema,
    `SELECT a.code AS agency_code, p.code AS partner_code
       FROM partner_agencies pa JOIN agencies a ON a.id = pa.agency_id JOIN partners p ON p.id = pa.partner_id
      WHERE pa.agency_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR pa.partner_id <> $2)
      ORDER BY a.code`,
    [agencyIds, exceptPartnerId],
  );
}

/** The agencies a partner serves become exactly `agencyIds`. */
export async function replacePartnerAgencies(db: Queryable, partnerId: string, agencyIds: string[]): Promise<void> {
  await db.query('DELETE FROM partner_agencies WHERE partner_id = $1', [partnerId]);
  await db.query('INSERT INTO partner_agencies (partner_id, agency_id) SELECT $1, unnest($2::uuid[])', [partnerId, agencyIds]);
}
