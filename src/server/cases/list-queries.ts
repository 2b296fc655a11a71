/** SQL of the case list: filters within a user's scope, keyset pages. */
import { z } from 'zod';
import { CASE_STATUSES, CHANNELS, OPEN_STATUSES, type CaseStatus, type Channel } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRows } from '../platform/rows.ts';
import { slaStateInSql, slaStateSql } from '../sla/sla-state-sql.ts';
import { SLA_STATES, type SlaState } from '../sla/sla-state.ts';
import { sentOnFromSql } from './follow-sql.ts';

export interface CaseListFilter {
  scopePattern: string;
  statuses?: CaseStatus[] | undefined;
  categoryCode?: string | undefined;
  agencyPattern?: string | undefined;
  channel?: Channel | undefined;
  provinceCode?: string | undefined;
  overdue?: boolean | undefined;
  slaStates?: SlaState[] | undefined;
  /** Today in Bangkok by the application's clock: the SLA state is computed for this day. */
  today: string;
  searchTerms?: string[] | undefined;
  trackingCode?: string | undefined;
  receivedFrom?: Date | undefined;
  receivedBefore?: Date | undefined;
  /** Keyed hashes of the complainant's phone / national ID, and who asks (for confidentiality). */
  complainant?: { phoneHash?: string | undefined; nationalIdHash?: string | undefined; askingAgencyId: string } | undefined;
  /**
   * เรื่องที่ส่งต่อ / ติดตาม: instead of the cases held in scope, those the scope sent on
   * (follow-sql.ts) that this agency (the user's) does not hold now.
   */
  followingAgencyId?: string | undefined;
  /** Only cases this agency itself holds (not those below it). */
  holderAgencyId?: string | undefined;
  /** The order (default newest first); `after` pages the same way. */
  sort?: CaseSort | undefined;
  /** Shorthand for sort `oldest` (a work queue). */
  oldestFirst?: boolean | undefined;
  /** The last row of the previous page; `dueDate` is needed to page the `due` order. */
  after?: CaseListPosition | undefined;
  limit: number;
}

/** Orders of the case list: newest or oldest received first, or the earliest due date first. */
export type CaseSort = 'newest' | 'oldest' | 'due';

/** Where a page ended: the keys of the order the page was read in. */
export interface CaseListPosition {
  receivedAt: Date;
  id: string;
  dueDate?: string | undefined;
}

/**
 * Each order with its keyset: the sort keys and the comparison that continues after a
 * position. `id` breaks ties, so every position is unique and pages neither skip nor repeat.
 */
const ORDERS: Record<CaseSort, { orderBy: string; after: (params: unknown[], position: CaseListPosition) => string }> = {
  newest: {
    orderBy: 'c.received_at DESC, c.id DESC',
    after: (params, position) => `(c.received_at, c.id) < (${push(params, position.receivedAt)}, ${push(params, position.id)}::uuid)`,
  },
  oldest: {
    orderBy: 'c.received_at ASC, c.id ASC',
    after: (params, position) => `(c.received_at, c.id) > (${push(params, position.receivedAt)}, ${push(params, position.id)}::uuid)`,
  },
  due: {
    orderBy: 'c.due_date ASC, c.received_at ASC, c.id ASC',
    after: (params, position) => {
      if (position.dueDate === undefined) throw new Error('paging by due date needs the due date of the last row');
      return `(c.due_date, c.received_at, c.id) > (${push(params, position.dueDate)}::date, ${push(params, position.receivedAt)}, ${push(params, position.id)}::uuid)`;
    },
  },
};

function push(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

const CaseListRowSchema = z
  .object({
    id: z.string(),
    trackingCode: z.string(),
    status: z.enum(CASE_STATUSES),
    channel: z.enum(CHANNELS),
    title: z.string().nullable(),
    description: z.string(),
    categoryCode: z.string().nullable(),
    provinceCode: z.string().nullable(),
    holderCode: z.string(),
    holderNameTh: z.string(),
    holderNameEn: z.string(),
    receivedAt: z.date(),
    dueDate: z.string(),
    slaState: z.enum(SLA_STATES),
    confidential: z.boolean(),
    sensitive: z.boolean(),
    /** The Open311 app that filed it, by name (exports say which app). */
    sourceAppName: z.string().nullable(),
  })
  .describe('case list row');
export type CaseListRow = z.output<typeof CaseListRowSchema>;

const OPEN_STATUS_LIST = `(${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** Cases in scope matching the filter in the order asked (newest first by default), keyset-paginated. */
export async function listCases(db: Queryable, filter: CaseListFilter): Promise<CaseListRow[]> {
  // $2 is today: the SLA state shown and filtered on is the one of this moment, not the sweep's.
  const params: unknown[] = [filter.scopePattern, filter.today];
  const where: string[] = [];
  const add = (value: unknown, clause: (placeholder: string) => string) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.followingAgencyId) {
    where.push(sentOnFromSql('c', '$1'));
    add(filter.followingAgencyId, (p) => `c.holder_agency_id <> ${p}::uuid`);
  } else where.push('h.path LIKE $1');
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
    where.push(filter.overdue ? `(c.status IN ${OPEN_STATUS_LIST} AND c.due_date < $2::date)` : `NOT (c.status IN ${OPEN_STATUS_LIST} AND c.due_date < $2::date)`);
  }
  if (filter.slaStates) where.push(slaStateInSql('c', '$2', filter.slaStates));
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
  if (filter.holderAgencyId) add(filter.holderAgencyId, (p) => `c.holder_agency_id = ${p}::uuid`);
  const order = ORDERS[filter.sort ?? (filter.oldestFirst ? 'oldest' : 'newest')];
  if (filter.after) where.push(order.after(params, filter.after));
  params.push(filter.limit);
  return queryRows(
    db,
    CaseListRowSchema,
    `SELECT c.id, c.tracking_code, c.status, c.channel, c.title, c.description, c.category_code, c.province_code,
            h.code AS holder_code, h.name_th AS holder_name_th, h.name_en AS holder_name_en,
            c.received_at, c.due_date, ${slaStateSql('c', '$2')} AS sla_state, c.confidential, c.sensitive, app.name AS source_app_name
     FROM cases c JOIN agencies h ON h.id = c.holder_agency_id
     LEFT JOIN open311_apps app ON app.id = c.source_app_id
     WHERE ${where.join(' AND ')}
     ORDER BY ${order.orderBy}
     LIMIT $${params.length}`,
    params,
  );
}
