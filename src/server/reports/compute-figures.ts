/** A report's figures counted now: the queries' counts shaped by figures.ts. */
import type { ReportFigures } from '../../shared/api/reports.ts';
import { bangkokDate } from '../../shared/business-days.ts';
import type { ReportPeriod } from '../../shared/fiscal-period.ts';
import type { Queryable } from '../platform/database.ts';
import { countFigures } from './figure-queries.ts';
import { shapeFigures } from './figures.ts';

/** The figures of the cases `agencyId` received in `period`, as they stand at `now` (SLA on the period's last day, or today while it runs). */
export async function computeFigures(db: Queryable, agencyId: string, period: Pick<ReportPeriod, 'from' | 'to'>, now: Date): Promise<ReportFigures> {
  const today = bangkokDate(now);
  const slaDay = today < period.to ? today : period.to;
  return shapeFigures(await countFigures(db, { agencyId, from: period.from, to: period.to, slaDay }));
}
