/** SQL of the case capability. */
import { z } from 'zod';
import { CaseLocationSchema } from '../../shared/api/cases.ts';
import { CASE_STATUSES, CHANNELS, RESOLUTION_RESULTS, type CaseStatus, type Channel, type ResolutionResult } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';
import { CountRow, IdRow, parseRow, queryRow, queryRows } from '../platform/rows.ts';
import type { IsoDate } from '../../shared/business-days.ts';
import { slaStateSql } from '../sla/sla-state-sql.ts';
import { SLA_STATES, type SlaState } from '../sla/sla-state.ts';
import type { CaseEventContent, CaseEventType } from '../../shared/case-events.ts';
import { checkCaseEvent, parseStoredCaseEvent } from './events.ts';
import { subtreePattern } from '../agencies/scope.ts';
import { sentOnFromSql } from './follow-sql.ts';
import type { AuthUser } from '../agencies/sessions.ts';

const CaseRecordSchema = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    accessKeyHash: z.string(),
    /** A mailed key not used yet (its hash): it replaces accessKeyHash when first used. */
    pendingAccessKeyHash: z.string().nullable(),
    channel: z.enum(CHANNELS),
    status: z.enum(CASE_STATUSES),
    title: z.string().nullable(),
    description: z.string(),
    categoryCode: z.string().nullable(),
    sensitive: z.boolean(),
    ...CaseLocationSchema.shape,
    complainantId: z.string().nullable(),
    anonymous: z.boolean(),
    confidential: z.boolean(),
    receivingAgencyId: z.string(),
    holderAgencyId: z.string(),
    holderAgencyPath: z.string(),
    receivedAt: z.date(),
    dueDate: z.string(),
    result: z.enum(RESOLUTION_RESULTS).nullable(),
    resolvedAt: z.date().nullable(),
    closedAt: z.date().nullable(),
    mergedIntoCaseId: z.string().nullable(),
    satisfaction: z.number().nullable(),
    /** Which of the receiving agency's channels took it in (staff intake names one), if known. */
    agencyChannelId: z.string().nullable(),
    /** The registered Open311 app that filed it (open311/), if one did. */
    sourceAppId: z.string().nullable(),
    slaPolicyId: z.string().nullable(),
    targetBusinessDays: z.number(),
    pausedBusinessDays: z.number(),
    extendedBusinessDays: z.number(),
    pausedAt: z.date().nullable(),
    dueSoonFrom: z.string(),
    progressDueOn: z.string(),
    /** ระยะยืนยันผล: the last day the citizen may accept, rate or reopen (set at resolution). */
    confirmationUntil: z.string().nullable(),
    /** Its holder is an agency a partner system serves: the case is worked in that system (การแลกเปลี่ยนเรื่อง). */
    heldByPartner: z.boolean(),
  })
  .describe('case');
/** A case row with its holder's path, as loaded by commands. */
export type CaseRecord = z.output<typeof CaseRecordSchema>;

const CaseViewSchema = CaseRecordSchema.extend({ slaState: z.enum(SLA_STATES) }).describe('case');
/** A case as of a day: with its SLA state on that day, computed as it is read (sla-state-sql.ts). */
export type CaseView = z.output<typeof CaseViewSchema>;

const CASE_COLUMNS = `c.id, c.tracking_code, c.access_key_hash, c.pending_access_key_hash, c.channel, c.status, c.title, c.description, c.category_code,
  c.sensitive, c.province_code, c.district_code, c.subdistrict_code, c.address, c.lat, c.lon, c.complainant_id,
  c.anonymous, c.confidential, c.receiving_agency_id, c.holder_agency_id, h.path AS holder_agency_path, c.received_at,
  c.due_date, c.result, c.resolved_at, c.closed_at, c.merged_into_case_id, c.satisfaction, c.sla_policy_id,
  c.target_business_days, c.paused_business_days, c.extended_business_days, c.paused_at, c.due_soon_from, c.progress_due_on,
  c.confirmation_until, c.agency_channel_id, c.source_app_id,
  EXISTS (SELECT 1 FROM partner_agencies pa JOIN partners p ON p.id = pa.partner_id WHERE pa.agency_id = c.holder_agency_id AND p.active) AS held_by_partner`;

type Row = Record<string, unknown>;

/** A row of CASE_COLUMNS parsed (throws on one that does not match). */
function toCaseRecord(row: Row): CaseRecord {
  return parseRow(CaseRecordSchema, row, CASE_COLUMNS);
}

const SeqRow = z.object({ seq: z.number() });
const StatusBeforeRow = z.object({ statusBefore: z.enum(CASE_STATUSES) });
const FromAgencyRow = z.object({ fromAgencyId: z.string() });
const CiphertextRow = z.object({ identityCiphertext: z.string() });
const ExpiredConfirmationRow = z.object({ caseId: z.string(), confirmationUntil: z.string() });

/** Locks several case rows in id order, so two transactions locking the same pair cannot deadlock. */
export async function lockCasesInOrder(tx: Queryable, caseIds: string[]): Promise<void> {
  await tx.query('SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [caseIds]);
}

/**
 * Loads a case by id or tracking code; with `lock`, its row stays locked until the transaction
 * ends (one writer per case at a time).
 */
export async function loadCase(db: Queryable, key: { id: string } | { trackingCode: string }, lock = false): Promise<CaseRecord | undefined> {
  const [row] = await selectCase(db, key, lock, '', []);
  return row && toCaseRecord(row);
}

/**
 * Loads a case with its SLA state on `today` (Bangkok, by the application's clock): what a
 * person is shown and what a timer checks, never the state a sweep stored some minutes ago.
 */
export async function loadCaseAsOf(db: Queryable, key: { id: string } | { trackingCode: string }, today: IsoDate, lock = false): Promise<CaseView | undefined> {
  const [row] = await selectCase(db, key, lock, `, ${slaStateSql('c', '$2')} AS sla_state`, [today]);
  return row && parseRow(CaseViewSchema, row, CASE_COLUMNS);
}

function selectCase(db: Queryable, key: { id: string } | { trackingCode: string }, lock: boolean, extraColumns: string, extraParams: unknown[]): Promise<Row[]> {
  const [column, value] = 'id' in key ? ['c.id', key.id] : ['c.tracking_code', key.trackingCode];
  return db.query<Row>(
    `SELECT ${CASE_COLUMNS}${extraColumns} FROM cases c JOIN agencies h ON h.id = c.holder_agency_id WHERE ${column} = $1${lock ? ' FOR UPDATE OF c' : ''}`,
    [value, ...extraParams],
  );
}

export const lockCase = (tx: Queryable, caseId: string) => loadCase(tx, { id: caseId }, true);
export const findCase = (db: Queryable, caseId: string) => loadCase(db, { id: caseId });
export const findCaseByTrackingCode = (db: Queryable, trackingCode: string) => loadCase(db, { trackingCode });

export interface NewCaseRow {
  trackingCode: string;
  accessKeyHash: string;
  channel: Channel;
  /** The receiving agency's channel that took it in, where staff named one. */
  agencyChannelId?: string | null;
  /** The registered Open311 app that filed it (open311_apps). */
  sourceAppId?: string | null;
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
  slaPolicyId: string;
  targetBusinessDays: number;
  dueSoonFrom: string;
  progressDueOn: string;
  /** Its state when recorded (a letter recorded late may be overdue already), for the sweep's timers. */
  slaState: SlaState;
  searchTerms: string[];
  /** MinHash signature of the redacted text and its LSH band keys (src/shared/similarity.ts). */
  textSignature: number[] | null;
  textBands: number[];
  createdByUserId: string | null;
  now: Date;
}

/** Inserts a case as `received`; undefined when the tracking code is taken already. */
export async function insertCase(tx: Queryable, row: NewCaseRow): Promise<string | undefined> {
  const inserted = await queryRow(
    tx,
    IdRow,
    `INSERT INTO cases (tracking_code, access_key_hash, channel, status, title, description, category_code, sensitive,
       province_code, district_code, subdistrict_code, address, lat, lon, complainant_id, anonymous, confidential,
       receiving_agency_id, holder_agency_id, received_at, due_date, search_terms, created_by_user_id, created_at, updated_at,
       sla_policy_id, target_business_days, due_soon_from, progress_due_on, text_signature, text_bands, sla_state, agency_channel_id, source_app_id)
     VALUES ($1, $2, $3, 'received', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, $19, $20, $21, $22, $22,
       $23, $24, $25, $26, $27, $28, $29, $30, $31)
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
      row.slaPolicyId,
      row.targetBusinessDays,
      row.dueSoonFrom,
      row.progressDueOn,
      row.textSignature,
      row.textBands,
      row.slaState,
      row.agencyChannelId ?? null,
      row.sourceAppId ?? null,
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
  dueDate?: string;
  dueSoonFrom?: string;
  progressDueOn?: string;
  pausedAt?: Date | null;
  pausedBusinessDays?: number;
  extendedBusinessDays?: number;
  slaState?: SlaState;
  slaPolicyId?: string | null;
  targetBusinessDays?: number;
  categoryCode?: string | null;
  sensitive?: boolean;
  confidential?: boolean;
  confirmationUntil?: string | null;
}

const PATCH_COLUMNS: Record<keyof CasePatch, string> = {
  status: 'status',
  holderAgencyId: 'holder_agency_id',
  result: 'result',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  mergedIntoCaseId: 'merged_into_case_id',
  satisfaction: 'satisfaction',
  dueDate: 'due_date',
  dueSoonFrom: 'due_soon_from',
  progressDueOn: 'progress_due_on',
  pausedAt: 'paused_at',
  pausedBusinessDays: 'paused_business_days',
  extendedBusinessDays: 'extended_business_days',
  slaState: 'sla_state',
  slaPolicyId: 'sla_policy_id',
  targetBusinessDays: 'target_business_days',
  categoryCode: 'category_code',
  sensitive: 'sensitive',
  confidential: 'confidential',
  confirmationUntil: 'confirmation_until',
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

/** What every event records besides its type and payload. */
export interface CaseEventEnvelope {
  caseId: string;
  at: Date;
  visibility: 'public' | 'internal';
  actorUserId: string | null;
  actorAgencyId: string | null;
  statusBefore: CaseStatus | null;
  statusAfter: CaseStatus | null;
}

/** An event to append: its type and payload one of the union's (src/shared/case-events.ts). */
export type NewCaseEvent = CaseEventEnvelope & CaseEventContent;

/**
 * Appends an event and returns its seq; the caller holds the case row lock, so `seq` cannot race.
 * The event is checked against the union first: one that does not match throws, writing nothing.
 */
export async function appendCaseEvent(tx: Queryable, event: NewCaseEvent): Promise<number> {
  checkCaseEvent({ type: event.type, payload: event.payload } as CaseEventContent);
  const row = await queryRow(
    tx,
    SeqRow,
    `INSERT INTO case_events (case_id, seq, at, type, visibility, actor_user_id, actor_agency_id, status_before, status_after, payload)
     VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_id = $1), $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING seq`,
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
  if (!row) throw new Error('case event insert returned nothing');
  return row.seq;
}

/** The status the case was in when it last started waiting for the citizen. */
export async function findStatusBeforeWaiting(tx: Queryable, caseId: string): Promise<CaseStatus | undefined> {
  const row = await queryRow(
    tx,
    StatusBeforeRow,
    `SELECT status_before FROM case_events WHERE case_id = $1 AND status_after = 'awaiting_info' AND status_before <> 'awaiting_info'
     ORDER BY seq DESC LIMIT 1`,
    [caseId],
  );
  return row?.statusBefore;
}

export async function insertHandover(
  tx: Queryable,
  handover: { caseId: string; kind: 'assign' | 'forward' | 'return'; fromAgencyId: string; toAgencyId: string; byUserId: string | null; at: Date; reason: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO case_handovers (case_id, kind, from_agency_id, to_agency_id, by_user_id, at, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [handover.caseId, handover.kind, handover.fromAgencyId, handover.toAgencyId, handover.byUserId, handover.at, handover.reason],
  );
}

/** The agency that handed the case to `agencyId` most recently, if any. */
export async function findHandingAgency(tx: Queryable, caseId: string, agencyId: string): Promise<string | undefined> {
  const row = await queryRow(
    tx,
    FromAgencyRow,
    `SELECT from_agency_id FROM case_handovers WHERE case_id = $1 AND to_agency_id = $2 AND kind <> 'return'
     ORDER BY at DESC LIMIT 1`,
    [caseId, agencyId],
  );
  return row?.fromAgencyId;
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
  const row = await queryRow(db, CiphertextRow, 'SELECT identity_ciphertext FROM complainants WHERE id = $1', [complainantId]);
  return row?.identityCiphertext;
}

const CaseEventEnvelopeRow = z
  .object({
    id: z.string(),
    seq: z.number(),
    at: z.date(),
    visibility: z.enum(['public', 'internal']),
    actorUsername: z.string().nullable(),
    actorDisplayName: z.string().nullable(),
    actorAgencyCode: z.string().nullable(),
    actorAgencyNameTh: z.string().nullable(),
    actorAgencyNameEn: z.string().nullable(),
    statusBefore: z.enum(CASE_STATUSES).nullable(),
    statusAfter: z.enum(CASE_STATUSES).nullable(),
    type: z.string(),
    payload: z.unknown(),
  })
  .describe('case event');

/** A stored event, its type and payload parsed with the union (see parseStoredCaseEvent for a row that does not match). */
export type CaseEventRow = Omit<z.output<typeof CaseEventEnvelopeRow>, 'type' | 'payload'> & CaseEventContent;

export async function listCaseEvents(db: Queryable, caseId: string, visibility?: 'public'): Promise<CaseEventRow[]> {
  const rows = await queryRows(
    db,
    CaseEventEnvelopeRow,
    `SELECT e.id, e.seq, e.at, e.type, e.visibility, u.username AS actor_username, u.display_name AS actor_display_name,
            a.code AS actor_agency_code, a.name_th AS actor_agency_name_th, a.name_en AS actor_agency_name_en, e.status_before, e.status_after, e.payload
     FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id LEFT JOIN agencies a ON a.id = e.actor_agency_id
     WHERE e.case_id = $1 ${visibility ? "AND e.visibility = 'public'" : ''}
     ORDER BY e.seq`,
    [caseId],
  );
  return rows.map(({ type, payload, ...envelope }) => ({ ...envelope, ...parseStoredCaseEvent(envelope.id, type, payload) }));
}

export async function countContacts(db: Queryable, caseId: string): Promise<number> {
  const row = await queryRow(db, CountRow, 'SELECT count(*)::int AS count FROM case_contacts WHERE case_id = $1', [caseId]);
  return row?.count ?? 0;
}

/** Cases merged into this one, directly or through a chain of merges. */
export async function findCasesMergedInto(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await queryRows(
    db,
    IdRow,
    `WITH RECURSIVE merged AS (
       SELECT id FROM cases WHERE merged_into_case_id = $1
       UNION SELECT c.id FROM cases c JOIN merged m ON c.merged_into_case_id = m.id)
     SELECT id FROM merged ORDER BY id`,
    [caseId],
  );
  return rows.map((row) => row.id);
}

/** The case a merged case ended up in, following a chain of merges (itself when not merged). */
export async function findSurvivingCase(db: Queryable, record: CaseRecord): Promise<CaseRecord> {
  let current = record;
  for (let hops = 0; current.mergedIntoCaseId && hops < 20; hops++) {
    const next = await findCase(db, current.mergedIntoCaseId);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * Resolved cases whose confirmation window ended before `today`, oldest window first, at most
 * `limit` (the sweep takes a bounded batch; the next one takes the rest).
 */
export async function findExpiredConfirmations(db: Queryable, today: string, limit: number): Promise<Array<{ caseId: string; confirmationUntil: string }>> {
  const rows = await queryRows(
    db,
    ExpiredConfirmationRow,
    // A case we hold for another system (การแลกเปลี่ยนเรื่อง) waits for its citizen's answer there,
    // which comes back as a rating or a close: our window does not close it.
    `SELECT c.id AS case_id, c.confirmation_until FROM cases c
     WHERE c.status = 'resolved' AND c.confirmation_until < $1::date
       AND NOT EXISTS (SELECT 1 FROM case_links l WHERE l.case_id = c.id AND l.direction = 'received' AND l.active)
     ORDER BY c.confirmation_until, c.id LIMIT $2`,
    [today, limit],
  );
  return rows;
}

/** A key mailed to the complainant waits for its first use; it replaces any key waiting before it. */
export async function setPendingAccessKey(tx: Queryable, caseId: string, keyHash: string): Promise<void> {
  await tx.query('UPDATE cases SET pending_access_key_hash = $2 WHERE id = $1', [caseId, keyHash]);
}

/** The case's key is `keyHash` from now on; the old one and any key waiting stop working. */
export async function replaceAccessKey(tx: Queryable, caseId: string, keyHash: string): Promise<void> {
  await tx.query('UPDATE cases SET access_key_hash = $2, pending_access_key_hash = NULL WHERE id = $1', [caseId, keyHash]);
}

/** How many events of `type` the case has had since `since`. */
export async function countEventsSince(db: Queryable, caseId: string, type: CaseEventType, since: Date): Promise<number> {
  const row = await queryRow(db, CountRow, 'SELECT count(*)::int AS count FROM case_events WHERE case_id = $1 AND type = $2 AND at >= $3', [caseId, type, since]);
  return row?.count ?? 0;
}

/** A case as found in the user's scope: `followedHere` when it is reached by following only. */
export type ScopedCase<T extends CaseRecord = CaseRecord> = T & { followedHere: boolean };
const ScopedRecordSchema = CaseRecordSchema.extend({ followedHere: z.boolean() });
const ScopedViewSchema = CaseViewSchema.extend({ followedHere: z.boolean() });

/**
 * A case as the user may reach it: held by their agency or one below it, or followed by them
 * (sent on by their subtree, follow-sql.ts), filtered in the SQL (scope.ts), so a case outside
 * is simply not found (null, a 404 to the caller). With `lock` its row stays locked until the
 * transaction ends; with `asOf` it comes with its SLA state on that day (as loadCaseAsOf).
 * Whether the user's role may act on it is the policy's to say (a follower only reads and
 * presses the holder: caseFactsFor reads `followedHere`).
 */
export async function findCaseInScope(db: Queryable, user: ScopedUser, id: string, options: { lock?: boolean; asOf: IsoDate }): Promise<ScopedCase<CaseView> | null>;
export async function findCaseInScope(db: Queryable, user: ScopedUser, id: string, options?: { lock?: boolean }): Promise<ScopedCase | null>;
export async function findCaseInScope(db: Queryable, user: ScopedUser, id: string, options: { lock?: boolean; asOf?: IsoDate } = {}): Promise<ScopedCase<CaseView> | ScopedCase | null> {
  const { lock = false, asOf } = options;
  const sql = `SELECT ${CASE_COLUMNS}, h.path NOT LIKE $2 AS followed_here${asOf ? `, ${slaStateSql('c', '$3')} AS sla_state` : ''}
     FROM cases c JOIN agencies h ON h.id = c.holder_agency_id
     WHERE c.id = $1 AND (h.path LIKE $2 OR ${sentOnFromSql('c', '$2')})${lock ? ' FOR UPDATE OF c' : ''}`;
  const params = [id, subtreePattern(user.agencyPath)];
  const found = asOf ? await queryRow(db, ScopedViewSchema, sql, [...params, asOf]) : await queryRow(db, ScopedRecordSchema, sql, params);
  return found ?? null;
}

/** Whose scope: the user's agency, by its path. */
type ScopedUser = Pick<AuthUser, 'agencyPath'>;
