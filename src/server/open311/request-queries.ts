/** SQL of Open311's reads: the cases apps filed (cases.source_app_id), in the shape request-view.ts presents. */
import { z } from 'zod';
import { CategorySchema, type Category } from '../../shared/api/reference.ts';
import { CASE_STATUSES, type CaseStatus } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRows } from '../platform/rows.ts';
import type { RequestFacts } from './request-view.ts';

const RequestRow = z.object({
  id: z.string(),
  trackingCode: z.string(),
  status: z.enum(CASE_STATUSES),
  categoryCode: z.string().nullable(),
  categoryNameTh: z.string().nullable(),
  description: z.string(),
  sensitive: z.boolean(),
  confidential: z.boolean(),
  holderNameTh: z.string(),
  receivedAt: z.date(),
  updatedAt: z.date(),
  dueDate: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  latestPublicText: z.string().nullable(),
});

/** Public events whose text staff wrote to the citizen: what status_notes may say. */
const NOTE_EVENTS = ['reply', 'info_requested', 'resolved', 'rejected', 'extended', 'partner_progress'];

const SELECT = `
  SELECT c.id, c.tracking_code, c.status, c.category_code, cat.name_th AS category_name_th, c.description, c.sensitive,
         c.confidential, holder.name_th AS holder_name_th, c.received_at, c.updated_at, c.due_date, c.address, c.lat, c.lon,
         (SELECT COALESCE(e.payload->>'message', e.payload->>'reason') FROM case_events e
           WHERE e.case_id = c.id AND e.visibility = 'public' AND e.type = ANY($1::text[])
           ORDER BY e.seq DESC LIMIT 1) AS latest_public_text
    FROM cases c
    JOIN agencies holder ON holder.id = c.holder_agency_id
    LEFT JOIN categories cat ON cat.code = c.category_code
   WHERE c.source_app_id IS NOT NULL`;

export interface RequestFilter {
  trackingCodes?: readonly string[] | undefined;
  categoryCode?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  statuses?: readonly CaseStatus[] | undefined;
  limit: number;
}

/** The cases apps filed that match, newest first. */
export async function listRequestFacts(db: Queryable, filter: RequestFilter): Promise<Array<RequestFacts & { id: string }>> {
  const params: unknown[] = [NOTE_EVENTS];
  const where: string[] = [];
  const add = (clause: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.trackingCodes) add((p) => `c.tracking_code = ANY(${p}::text[])`, filter.trackingCodes);
  if (filter.categoryCode !== undefined) add((p) => `c.category_code = ${p}`, filter.categoryCode);
  if (filter.from) add((p) => `c.received_at >= ${p}`, filter.from);
  if (filter.to) add((p) => `c.received_at <= ${p}`, filter.to);
  if (filter.statuses) add((p) => `c.status = ANY(${p}::text[])`, filter.statuses);
  params.push(filter.limit);
  const sql = `${SELECT}${where.map((clause) => ` AND ${clause}`).join('')} ORDER BY c.received_at DESC, c.id LIMIT $${params.length}`;
  return queryRows(db, RequestRow, sql, params);
}


/** The active categories, which are the services; one when `code` is given. */
export async function listServiceCategories(db: Queryable, code?: string): Promise<Category[]> {
  return queryRows(
    db,
    CategorySchema,
    `SELECT code, parent_code, name_th, name_en, sensitive, aliases FROM categories WHERE active${code === undefined ? '' : ' AND code = $1'} ORDER BY sort_order, code`,
    code === undefined ? [] : [code],
  );
}

/** The tracking code of the request a token stands for (the token is the case's id, given when it was filed). */
export async function findTrackingCodeByToken(db: Queryable, token: string): Promise<string | undefined> {
  const [row] = await queryRows(db, z.object({ trackingCode: z.string() }), 'SELECT tracking_code FROM cases WHERE id = $1 AND source_app_id IS NOT NULL', [token]);
  return row?.trackingCode;
}
