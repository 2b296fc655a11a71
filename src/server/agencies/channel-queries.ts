/** SQL of the channels an agency offers (ช่องทางรับเรื่องร้องเรียน, agency_channels). */
import { z } from 'zod';
import { AgencyChannelSchema, type AgencyChannel } from '../../shared/api/channels.ts';
import type { Queryable } from '../platform/database.ts';
import { CountRow, IdRow, queryRow, queryRows } from '../platform/rows.ts';

/** A channel row is the API's channel with the agency it belongs to. */
const AgencyChannelRowSchema = AgencyChannelSchema.extend({ agencyId: z.string() }).describe('agency channel');
export type AgencyChannelRow = z.output<typeof AgencyChannelRowSchema>;

/** The values of a channel as stored: every field but its id and agency. */
export type AgencyChannelValues = Omit<AgencyChannel, 'id'>;

const COLUMNS = `id, agency_id, kind, label_th, label_en, phone, line_id, facebook_url, web_url, email, postal_address,
  location, opening_hours, position, active`;

/** Column ← value, in the order of AgencyChannelValues. */
function columnValues(values: AgencyChannelValues): Array<[string, unknown]> {
  return [
    ['kind', values.kind],
    ['label_th', values.labelTh],
    ['label_en', values.labelEn],
    ['phone', values.phone],
    ['line_id', values.lineId],
    ['facebook_url', values.facebookUrl],
    ['web_url', values.webUrl],
    ['email', values.email],
    ['postal_address', values.postalAddress],
    ['location', values.location],
    ['opening_hours', values.openingHours],
    ['position', values.position],
    ['active', values.active],
  ];
}

/** An agency's channels in the order it shows them; only the active ones unless `withInactive`. */
export async function listAgencyChannels(db: Queryable, agencyId: string, options: { withInactive: boolean }): Promise<AgencyChannelRow[]> {
  return queryRows(
    db,
    AgencyChannelRowSchema,
    `SELECT ${COLUMNS} FROM agency_channels WHERE agency_id = $1${options.withInactive ? '' : ' AND active'}
     ORDER BY position, created_at, id`,
    [agencyId],
  );
}

/** One channel; `lock` holds the row until the transaction ends (a change to it). */
export async function findAgencyChannel(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<AgencyChannelRow | undefined> {
  return queryRow(db, AgencyChannelRowSchema, `SELECT ${COLUMNS} FROM agency_channels WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
}

export async function insertAgencyChannel(db: Queryable, agencyId: string, values: AgencyChannelValues, now: Date): Promise<string> {
  const columns = columnValues(values);
  const row = await queryRow(
    db,
    IdRow,
    `INSERT INTO agency_channels (agency_id, created_at, ${columns.map(([column]) => column).join(', ')})
     VALUES ($1, $2, ${columns.map((_, index) => `$${index + 3}`).join(', ')}) RETURNING id`,
    [agencyId, now, ...columns.map(([, value]) => value)],
  );
  if (!row) throw new Error('the channel was not inserted');
  return row.id;
}

export async function updateAgencyChannel(db: Queryable, id: string, values: AgencyChannelValues): Promise<void> {
  const columns = columnValues(values);
  await db.query(`UPDATE agency_channels SET ${columns.map(([column], index) => `${column} = $${index + 2}`).join(', ')} WHERE id = $1`, [
    id,
    ...columns.map(([, value]) => value),
  ]);
}

export async function deleteAgencyChannel(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM agency_channels WHERE id = $1', [id]);
}

/** How many cases name the channel as the one that took them in. */
export async function countCasesOfChannel(db: Queryable, id: string): Promise<number> {
  const row = await queryRow(db, CountRow, 'SELECT count(*)::int AS count FROM cases WHERE agency_channel_id = $1', [id]);
  return row?.count ?? 0;
}
