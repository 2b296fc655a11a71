/**
 * SQL of a report's figures: counts over the cases an agency received (took in through its own
 * channels: cases.receiving_agency_id) in a period of Bangkok dates. One agency's period is
 * small, so the counts come from the cases themselves, no rollups.
 */
import { z } from 'zod';
import type { IsoDate } from '../../shared/business-days.ts';
import { CASE_STATUSES, CHANNELS, RESOLUTION_RESULTS, SLA_STATES } from '../../shared/case-model.ts';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';
import { slaStateSql } from '../sla/sla-state-sql.ts';
import type { FigureCounts } from './figures.ts';

export interface FigureScope {
  agencyId: string;
  /** First and last day of the period, both included (Bangkok). */
  from: IsoDate;
  to: IsoDate;
  /** The day whose SLA state counts: the last day of the period, or today while it runs. */
  slaDay: IsoDate;
}

/** The end of the period: midnight in Bangkok after its last day (`$3` is the last day). */
const PERIOD_END = `(($3::date + 1)::timestamp AT TIME ZONE 'Asia/Bangkok')`;
/** The cases `c` the agency `$1` received from day `$2` to day `$3`. */
const RECEIVED = `c.receiving_agency_id = $1 AND c.received_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Bangkok') AND c.received_at < ${PERIOD_END}`;

const count = z.number();
const ChannelRow = z.object({ id: z.string(), kind: z.enum(CHANNELS), labelTh: z.string() }).describe('offered channel');
const ByChannelRow = z.object({ channelId: z.string().nullable(), kind: z.enum(CHANNELS), count }).describe('cases by channel');
const ByCategoryRow = z.object({ code: z.string().nullable(), nameTh: z.string().nullable(), count }).describe('cases by category');
const ByResultRow = z.object({ result: z.enum(RESOLUTION_RESULTS).nullable(), count }).describe('cases by result');
const ByStatusRow = z.object({ status: z.enum(CASE_STATUSES), count }).describe('cases by status at the end');
const BySlaRow = z.object({ state: z.enum(SLA_STATES), count }).describe('cases by SLA state');
const SatisfactionRow = z.object({ responses: count, total: count }).describe('satisfaction');

/** Every count a report's figures are shaped from (figures.ts shapeFigures). */
export async function countFigures(db: Queryable, scope: FigureScope): Promise<FigureCounts> {
  const params = [scope.agencyId, scope.from, scope.to];
  const channels = await queryRows(
    db,
    ChannelRow,
    // The channels offered now, and one withdrawn since that took a case in the period.
    `SELECT ch.id, ch.kind, ch.label_th FROM agency_channels ch
     WHERE ch.agency_id = $1 AND (ch.active OR EXISTS (SELECT 1 FROM cases c WHERE c.agency_channel_id = ch.id AND ${RECEIVED}))
     ORDER BY ch.position, ch.created_at, ch.id`,
    params,
  );
  const byChannel = await queryRows(db, ByChannelRow, `SELECT c.agency_channel_id AS channel_id, c.channel AS kind, count(*) AS count FROM cases c WHERE ${RECEIVED} GROUP BY 1, 2`, params);
  const byCategory = await queryRows(
    db,
    ByCategoryRow,
    `SELECT c.category_code AS code, cat.name_th, count(*) AS count FROM cases c LEFT JOIN categories cat ON cat.code = c.category_code
     WHERE ${RECEIVED} GROUP BY 1, 2 ORDER BY 1`,
    params,
  );
  const byResult = await queryRows(db, ByResultRow, `SELECT c.result, count(*) AS count FROM cases c WHERE ${RECEIVED} GROUP BY 1`, params);
  const byStatusAtEnd = await queryRows(
    db,
    ByStatusRow,
    // The status after the last change before the end of the period (case_events), the case's own if none.
    `SELECT COALESCE(
       (SELECT e.status_after FROM case_events e WHERE e.case_id = c.id AND e.status_after IS NOT NULL AND e.at < ${PERIOD_END} ORDER BY e.seq DESC LIMIT 1),
       c.status) AS status, count(*) AS count
     FROM cases c WHERE ${RECEIVED} GROUP BY 1`,
    params,
  );
  const bySlaState = await queryRows(db, BySlaRow, `SELECT ${slaStateSql('c', '$4')} AS state, count(*) AS count FROM cases c WHERE ${RECEIVED} GROUP BY 1`, [...params, scope.slaDay]);
  const satisfaction = (await queryRow(
    db,
    SatisfactionRow,
    `SELECT count(c.satisfaction) AS responses, COALESCE(sum(c.satisfaction), 0) AS total FROM cases c WHERE ${RECEIVED}`,
    params,
  )) ?? { responses: 0, total: 0 };
  return { channels, byChannel, byCategory, byResult, byStatusAtEnd, bySlaState, satisfaction };
}
