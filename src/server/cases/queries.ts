/** SQL of the case capability. */
import type { CaseStatus, Channel, ResolutionResult } from '../../shared/case-model.ts';
import { OPEN_STATUSES } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';

/** A case row with its holder's path, as loaded by commands. */
export interface CaseRecord {
  id: string;
  trackingCode: string;
  accessKeyHash: string;
  channel: Channel;
  status: CaseStatus;
  title: string | null;
  description: string;
  categoryCode: string | null;
  sensitive: boolean;
  provinceCode: string | null;
  districtCode: string | null;
  subdistrictCode: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  complainantId: string | null;
  anonymous: boolean;
  confidential: boolean;
  receivingAgencyId: string;
  holderAgencyId: string;
  holderAgencyPath: string;
  receivedAt: Date;
  dueDate: string;
  result: ResolutionResult | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  mergedIntoCaseId: string | null;
  satisfaction: number | null;
}

const CASE_COLUMNS = `c.id, c.tracking_code, c.access_key_hash, c.channel, c.status, c.title, c.description, c.category_code,
  c.sensitive, c.province_code, c.district_code, c.subdistrict_code, c.address, c.lat, c.lon, c.complainant_id,
  c.anonymous, c.confidential, c.receiving_agency_id, c.holder_agency_id, h.path AS holder_agency_path, c.received_at,
  c.due_date, c.result, c.resolved_at, c.closed_at, c.merged_into_case_id, c.satisfaction`;

type Row = Record<string, unknown>;

function toCaseRecord(row: Row): CaseRecord {
  return {
    id: row.id as string,
    trackingCode: row.tracking_code as string,
    accessKeyHash: row.access_key_hash as string,
    channel: row.channel as Channel,
    status: row.status as CaseStatus,
    title: row.title as string | null,
    description: row.description as string,
    categoryCode: row.category_code as string | null,
    sensitive: row.sensitive as boolean,
    provinceCode: row.province_code as string | null,
    districtCode: row.district_code as string | null,
    subdistrictCode: row.subdistrict_code as string | null,
    address: row.address as string | null,
    lat: row.lat as number | null,
    lon: row.lon as number | null,
    complainantId: row.complainant_id as string | null,
    anonymous: row.anonymous as boolean,
    confidential: row.confidential as boolean,
    receivingAgencyId: row.receiving_agency_id as string,
    holderAgencyId: row.holder_agency_id as string,
    holderAgencyPath: row.holder_agency_path as string,
    receivedAt: row.received_at as Date,
    dueDate: row.due_date as string,
    result: row.result as ResolutionResult | null,
    resolvedAt: row.resolved_at as Date | null,
    closedAt: row.closed_at as Date | null,
    mergedIntoCaseId: row.merged_into_case_id as string | null,
    satisfaction: row.satisfaction as number | null,
  };
}

/** Locks several case rows in id order, so two transactions locking the same pair cannot deadlock. */
export async function lockCasesInOrder(tx: Queryable, caseIds: string[]): Promise<void> {
  await tx.query('SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [caseIds]);
}

/** Loads a case and locks its row until the transaction ends: one writer per case at a time. */
export async function lockCase(tx: Queryable, caseId: string): Promise<CaseRecord | undefined> {
  const [row] = await tx.query<Row>(
    `SELECT ${CASE_COLUMNS} FROM cases c JOIN agencies h ON h.id = c.holder_agency_id WHERE c.id = $1 FOR UPDATE OF c`,
    [caseId],
  );
  return row && toCaseRecord(row);
}

export async function findCaseByTrackingCode(db: Queryable, trackingCode: string): Promise<CaseRecord | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${CASE_COLUMNS} FROM cases c JOIN agencies h ON h.id = c.holder_agency_id WHERE c.tracking_code = $1`,
    [trackingCode],
  );
  return row && toCaseRecord(row);
}

export async function findCase(db: Queryable, caseId: string): Promise<CaseRecord | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${CASE_COLUMNS} FROM cases c JOIN agencies h ON h.id = c.holder_agency_id WHERE c.id = $1`,
    [caseId],
  );
  return row && toCaseRecord(row);
}

export interface NewCaseRow {
  trackingCode: string;
  accessKeyHash: string;
  channel: Channel;
  title: string | null;
  description: string;
  categoryCode: string | null;
  sensitive: boolean;
  provinceCode: string | null;
  districtCode: string | null;
  subdistrictCode: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  complainantId: string | null;
  anonymous: boolean;
  confidential: boolean;
  receivingAgencyId: string;
  receivedAt: Date;
  dueDate: string;
  searchTerms: string[];
  createdByUserId: string | null;
  now: Date;
}

/** Inserts a case as `received`; undefined when the tracking code is taken already. */
export async function insertCase(tx: Queryable, row: NewCaseRow): Promise<string | undefined> {
  const [inserted] = await tx.query<{ id: string }>(
    `INSERT INTO cases (tracking_code, access_key_hash, channel, status, title, description, category_code, sensitive,
       province_code, district_code, subdistrict_code, address, lat, lon, complainant_id, anonymous, confidential,
       receiving_agency_id, holder_agency_id, received_at, due_date, search_terms, created_by_user_id, created_at, updated_at)
     VALUES ($1, $2, $3, 'received', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, $19, $20, $21, $22, $22)
     ON CONFLICT (tracking_code) DO NOTHING
     RETURNING id`,
    [
      row.trackingCode,
      row.accessKeyHash,
      row.channel,
      row.title,
      row.description,
      row.categoryCode,
      row.sensitive,
      row.provinceCode,
      row.districtCode,
      row.subdistrictCode,
      row.address,
      row.lat,
      row.lon,
      row.complainantId,
      row.anonymous,
      row.confidential,
      row.receivingAgencyId,
      row.receivedAt,
      row.dueDate,
      row.searchTerms,
      row.createdByUserId,
      row.now,
    ],
  );
  return inserted?.id;
}

/** The columns a command may change on the projection. */
export interface CasePatch {
  status?: CaseStatus;
  holderAgencyId?: string;
  result?: ResolutionResult | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  mergedIntoCaseId?: string | null;
  satisfaction?: number | null;
}

const PATCH_COLUMNS: Record<keyof CasePatch, string> = {
  status: 'status',
  holderAgencyId: 'holder_agency_id',
  result: 'result',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  mergedIntoCaseId: 'merged_into_case_id',
  satisfaction: 'satisfaction',
};

export async function updateCase(tx: Queryable, caseId: string, patch: CasePatch, now: Date): Promise<void> {
  const entries = (Object.keys(patch) as (keyof CasePatch)[]).filter((key) => patch[key] !== undefined);
  const params: unknown[] = [caseId, now];
  const sets = entries.map((key) => {
    params.push(patch[key]);
    return `${PATCH_COLUMNS[key]} = $${params.length}`;
  });
  await tx.query(`UPDATE cases SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, params);
}

export interface NewCaseEvent {
  caseId: string;
  at: Date;
  type: string;
  visibility: 'public' | 'internal';
  actorUserId: string | null;
  actorAgencyId: string | null;
  statusBefore: CaseStatus | null;
  statusAfter: CaseStatus | null;
  payload: Record<string, unknown>;
}

/** Appends an event; the caller holds the case row lock, so `seq` cannot race. */
export async function appendCaseEvent(tx: Queryable, event: NewCaseEvent): Promise<void> {
  await tx.query(
    `INSERT INTO case_events (case_id, seq, at, type, visibility, actor_user_id, actor_agency_id, status_before, status_after, payload)
     VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = $1), $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      event.caseId,
      event.at,
      event.type,
      event.visibility,
      event.actorUserId,
      event.actorAgencyId,
      event.statusBefore,
      event.statusAfter,
      event.payload,
    ],
  );
}

/** The status the case was in when it last started waiting for the citizen. */
export async function findStatusBeforeWaiting(tx: Queryable, caseId: string): Promise<CaseStatus | undefined> {
  const [row] = await tx.query<{ status_before: CaseStatus }>(
    `SELECT status_before FROM case_events WHERE case_id = $1 AND status_after = 'awaiting_info' AND status_before <> 'awaiting_info'
     ORDER BY seq DESC LIMIT 1`,
    [caseId],
  );
  return row?.status_before;
}

export async function insertHandover(
  tx: Queryable,
  handover: { caseId: string; kind: 'assign' | 'forward' | 'return'; fromAgencyId: string; toAgencyId: string; byUserId: string; at: Date; reason: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO case_handovers (case_id, kind, from_agency_id, to_agency_id, by_user_id, at, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [handover.caseId, handover.kind, handover.fromAgencyId, handover.toAgencyId, handover.byUserId, handover.at, handover.reason],
  );
}

/** The agency that handed the case to `agencyId` most recently, if any. */
export async function findHandingAgency(tx: Queryable, caseId: string, agencyId: string): Promise<string | undefined> {
  const [row] = await tx.query<{ from_agency_id: string }>(
    `SELECT from_agency_id FROM case_handovers WHERE case_id = $1 AND to_agency_id = $2 AND kind <> 'return'
     ORDER BY at DESC LIMIT 1`,
    [caseId, agencyId],
  );
  return row?.from_agency_id;
}

export async function insertContact(
  tx: Queryable,
  contact: { caseId: string; at: Date; channel: Channel; kind: 'initial' | 'follow_up'; recordedByUserId: string | null },
): Promise<void> {
  await tx.query(
    'INSERT INTO case_contacts (case_id, at, channel, kind, recorded_by_user_id) VALUES ($1, $2, $3, $4, $5)',
    [contact.caseId, contact.at, contact.channel, contact.kind, contact.recordedByUserId],
  );
}

export async function insertFeedback(
  tx: Queryable,
  feedback: { caseId: string; at: Date; rating: number; comment: string | null; reopened: boolean },
): Promise<void> {
  await tx.query('INSERT INTO case_feedback (case_id, at, rating, comment, reopened) VALUES ($1, $2, $3, $4, $5)', [
    feedback.caseId,
    feedback.at,
    feedback.rating,
    feedback.comment,
    feedback.reopened,
  ]);
}

export async function insertComplainant(
  tx: Queryable,
  complainant: { id: string; ciphertext: string; phoneHash: string | null; nationalIdHash: string | null; emailHash: string | null; now: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO complainants (id, identity_ciphertext, phone_hash, national_id_hash, email_hash, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [complainant.id, complainant.ciphertext, complainant.phoneHash, complainant.nationalIdHash, complainant.emailHash, complainant.now],
  );
}

export async function findComplainantCiphertext(db: Queryable, complainantId: string): Promise<string | undefined> {
  const [row] = await db.query<{ identity_ciphertext: string }>('SELECT identity_ciphertext FROM complainants WHERE id = $1', [complainantId]);
  return row?.identity_ciphertext;
}

export interface CategoryRef {
  code: string;
  nameTh: string;
  nameEn: string;
  sensitive: boolean;
  active: boolean;
}

export async function findCategory(db: Queryable, code: string): Promise<CategoryRef | undefined> {
  const [row] = await db.query<{ code: string; name_th: string; name_en: string; sensitive: boolean; active: boolean }>(
    'SELECT code, name_th, name_en, sensitive, active FROM categories WHERE code = $1',
    [code],
  );
  return row && { code: row.code, nameTh: row.name_th, nameEn: row.name_en, sensitive: row.sensitive, active: row.active };
}

/** The areas among `codes` that exist, and the areas above them, with their parent codes. */
export async function findAdminAreas(db: Queryable, codes: string[]): Promise<Map<string, { level: string; parentCode: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ code: string; level: string; parent_code: string | null }>(
    `WITH RECURSIVE up AS (
       SELECT code, level, parent_code FROM admin_areas WHERE code = ANY($1::text[])
       UNION SELECT a.code, a.level, a.parent_code FROM admin_areas a JOIN up ON a.code = up.parent_code)
     SELECT code, level, parent_code FROM up`,
    [codes],
  );
  return new Map(rows.map((row) => [row.code, { level: row.level, parentCode: row.parent_code }]));
}

export interface AgencyRef {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string;
  path: string;
  active: boolean;
}

export async function findAgencyRefByCode(db: Queryable, code: string): Promise<AgencyRef | undefined> {
  const [row] = await db.query<{ id: string; code: string; name_th: string; name_en: string; path: string; active: boolean }>(
    'SELECT id, code, name_th, name_en, path, active FROM agencies WHERE code = $1',
    [code],
  );
  return row && { id: row.id, code: row.code, nameTh: row.name_th, nameEn: row.name_en, path: row.path, active: row.active };
}

export async function findAgencyRefById(db: Queryable, id: string): Promise<AgencyRef | undefined> {
  const [row] = await db.query<{ id: string; code: string; name_th: string; name_en: string; path: string; active: boolean }>(
    'SELECT id, code, name_th, name_en, path, active FROM agencies WHERE id = $1',
    [id],
  );
  return row && { id: row.id, code: row.code, nameTh: row.name_th, nameEn: row.name_en, path: row.path, active: row.active };
}

/** The root of the agency tree: the hub that takes in citizens' complaints by default. */
export async function findRootAgencyId(db: Queryable): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM agencies WHERE parent_id IS NULL ORDER BY created_at, code LIMIT 1');
  return row?.id;
}

export interface CaseEventRow {
  id: string;
  seq: number;
  at: Date;
  type: string;
  visibility: 'public' | 'internal';
  actorUsername: string | null;
  actorAgencyCode: string | null;
  statusBefore: CaseStatus | null;
  statusAfter: CaseStatus | null;
  payload: Record<string, unknown>;
}

export async function listCaseEvents(db: Queryable, caseId: string, visibility?: 'public'): Promise<CaseEventRow[]> {
  const rows = await db.query<Row>(
    `SELECT e.id, e.seq, e.at, e.type, e.visibility, u.username AS actor_username, a.code AS actor_agency_code,
            e.status_before, e.status_after, e.payload
     FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id LEFT JOIN agencies a ON a.id = e.actor_agency_id
     WHERE e.case_id = $1 ${visibility ? "AND e.visibility = 'public'" : ''}
     ORDER BY e.seq`,
    [caseId],
  );
  return rows.map((row) => ({
    id: row.id as string,
    seq: row.seq as number,
    at: row.at as Date,
    type: row.type as string,
    visibility: row.visibility as 'public' | 'internal',
    actorUsername: row.actor_username as string | null,
    actorAgencyCode: row.actor_agency_code as string | null,
    statusBefore: row.status_before as CaseStatus | null,
    statusAfter: row.status_after as CaseStatus | null,
    payload: row.payload as Record<string, unknown>,
  }));
}

export async function countContacts(db: Queryable, caseId: string): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM case_contacts WHERE case_id = $1', [caseId]);
  return row?.count ?? 0;
}

export interface CaseListFilter {
  scopePattern: string;
  statuses?: CaseStatus[] | undefined;
  categoryCode?: string | undefined;
  agencyPattern?: string | undefined;
  channel?: Channel | undefined;
  provinceCode?: string | undefined;
  overdue?: boolean | undefined;
  today: string;
  searchTerms?: string[] | undefined;
  trackingCode?: string | undefined;
  receivedFrom?: Date | undefined;
  receivedBefore?: Date | undefined;
  /** Keyed hashes of the complainant's phone / national ID, and who asks (for confidentiality). */
  complainant?: { phoneHash?: string | undefined; nationalIdHash?: string | undefined; askingAgencyId: string } | undefined;
  after?: { receivedAt: Date; id: string } | undefined;
  limit: number;
}

export interface CaseListRow {
  id: string;
  trackingCode: string;
  status: CaseStatus;
  channel: Channel;
  title: string | null;
  description: string;
  categoryCode: string | null;
  provinceCode: string | null;
  holderCode: string;
  holderNameTh: string;
  holderNameEn: string;
  receivedAt: Date;
  dueDate: string;
  confidential: boolean;
  sensitive: boolean;
}

const OPEN_STATUS_LIST = `(${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** Cases in scope matching the filter, newest first, keyset-paginated on (received_at, id). */
export async function listCases(db: Queryable, filter: CaseListFilter): Promise<CaseListRow[]> {
  const params: unknown[] = [filter.scopePattern];
  const where = ['h.path LIKE $1'];
  const add = (value: unknown, clause: (placeholder: string) => string) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.statuses) add(filter.statuses, (p) => `c.status = ANY(${p}::text[])`);
  if (filter.categoryCode) {
    add(
      filter.categoryCode,
      (p) => `c.category_code IN (
        WITH RECURSIVE tree AS (SELECT code FROM categories WHERE code = ${p}
          UNION ALL SELECT k.code FROM categories k JOIN tree t ON k.parent_code = t.code)
        SELECT code FROM tree)`,
    );
  }
  if (filter.agencyPattern) add(filter.agencyPattern, (p) => `h.path LIKE ${p}`);
  if (filter.channel) add(filter.channel, (p) => `c.channel = ${p}`);
  if (filter.provinceCode) add(filter.provinceCode, (p) => `c.province_code = ${p}`);
  if (filter.overdue !== undefined) {
    add(filter.today, (p) =>
      filter.overdue
        ? `(c.status IN ${OPEN_STATUS_LIST} AND c.due_date < ${p}::date)`
        : `NOT (c.status IN ${OPEN_STATUS_LIST} AND c.due_date < ${p}::date)`,
    );
  }
  if (filter.trackingCode) add(filter.trackingCode, (p) => `c.tracking_code = ${p}`);
  else if (filter.searchTerms?.length) add(filter.searchTerms, (p) => `c.search_terms @> ${p}::text[]`);
  if (filter.receivedFrom) add(filter.receivedFrom, (p) => `c.received_at >= ${p}`);
  if (filter.receivedBefore) add(filter.receivedBefore, (p) => `c.received_at < ${p}`);
  if (filter.complainant) {
    const { phoneHash, nationalIdHash, askingAgencyId } = filter.complainant;
    if (phoneHash) add(phoneHash, (p) => `c.complainant_id IN (SELECT id FROM complainants WHERE phone_hash = ${p})`);
    if (nationalIdHash) add(nationalIdHash, (p) => `c.complainant_id IN (SELECT id FROM complainants WHERE national_id_hash = ${p})`);
    // Only where the asker could reveal the identity anyway (policy: view_identity): the holder
    // of a non-confidential case, or the agency that received it.
    add(
      askingAgencyId,
      (p) => `(c.receiving_agency_id = ${p}::uuid OR (c.holder_agency_id = ${p}::uuid AND NOT c.confidential))`,
    );
  }
  if (filter.after) {
    params.push(filter.after.receivedAt, filter.after.id);
    where.push(`(c.received_at, c.id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(filter.limit);
  const rows = await db.query<Row>(
    `SELECT c.id, c.tracking_code, c.status, c.channel, c.title, c.description, c.category_code, c.province_code,
            h.code AS holder_code, h.name_th AS holder_name_th, h.name_en AS holder_name_en,
            c.received_at, c.due_date, c.confidential, c.sensitive
     FROM cases c JOIN agencies h ON h.id = c.holder_agency_id
     WHERE ${where.join(' AND ')}
     ORDER BY c.received_at DESC, c.id DESC
     LIMIT $${params.length}`,
    params,
  );
  return rows.map((row) => ({
    id: row.id as string,
    trackingCode: row.tracking_code as string,
    status: row.status as CaseStatus,
    channel: row.channel as Channel,
    title: row.title as string | null,
    description: row.description as string,
    categoryCode: row.category_code as string | null,
    provinceCode: row.province_code as string | null,
    holderCode: row.holder_code as string,
    holderNameTh: row.holder_name_th as string,
    holderNameEn: row.holder_name_en as string,
    receivedAt: row.received_at as Date,
    dueDate: row.due_date as string,
    confidential: row.confidential as boolean,
    sensitive: row.sensitive as boolean,
  }));
}

export async function listCategories(db: Queryable): Promise<Array<CategoryRef & { parentCode: string | null; aliases: string[] }>> {
  const rows = await db.query<{ code: string; parent_code: string | null; name_th: string; name_en: string; sensitive: boolean; active: boolean; aliases: string[] }>(
    'SELECT code, parent_code, name_th, name_en, sensitive, active, aliases FROM categories ORDER BY sort_order, code',
  );
  return rows.map((row) => ({
    code: row.code,
    parentCode: row.parent_code,
    nameTh: row.name_th,
    nameEn: row.name_en,
    sensitive: row.sensitive,
    active: row.active,
    aliases: row.aliases,
  }));
}
