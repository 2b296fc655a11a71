/**
 * `dashboard.surges` (recurring, hourly): judges every category and district under each agency
 * with a CCEO by the surge rule (surge-rule.ts) from the daily counters, keeps each new surge and
 * tells that agency's CCEOs once, in the same transaction (a surge already kept is neither kept
 * nor told again). The dashboard lists the surges kept.
 */
import { addCalendarDays, bangkokDate, toBuddhistEraDate } from '../../shared/business-days.ts';
import { insertStaffNotifications } from '../notifications/queries.ts';
import type { AppContext } from '../platform/context.ts';
import { defineSweepJob } from '../platform/jobs.ts';
import { referenceNames } from './dashboard-queries.ts';
import { insertSurge, lockSurges, weeklyCountsOfWatchedAgencies } from './surge-queries.ts';
import { detectSurges, SURGE_RULE } from './surge-rule.ts';

export const SURGE_WATCH_JOB = 'dashboard.surges';

export const surgeWatch = defineSweepJob(SURGE_WATCH_JOB, 3600, (ctx) => watchSurges(ctx));

/** One watch; returns the surges it kept (and told) now. */
export async function watchSurges(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const today = bangkokDate(now);
  const weekFrom = addCalendarDays(today, -6);
  return ctx.db.transaction(async (tx) => {
    await lockSurges(tx);
    const surges = detectSurges(await weeklyCountsOfWatchedAgencies(tx, today, SURGE_RULE.baselineWeeks + 1));
    let kept = 0;
    for (const surge of surges) {
      const id = await insertSurge(tx, { ...surge, weekFrom, quietDays: SURGE_RULE.quietDays, now });
      if (!id) continue;
      kept += 1;
      const names = await referenceNames(tx, { categories: surge.dimension === 'category' ? [surge.key] : [], provinces: [], districts: surge.dimension === 'district' ? [surge.key] : [] });
      const what = `${surge.dimension === 'category' ? 'หมวด' : 'พื้นที่'}${(surge.dimension === 'category' ? names.categories : names.districts).get(surge.key) ?? surge.key}`;
      await insertStaffNotifications(tx, {
        agencyId: surge.agencyId,
        roles: ['cceo'],
        caseId: null,
        kind: 'surge',
        title: `เรื่องร้องเรียนเพิ่มขึ้นผิดปกติ: ${what}`,
        body: `${what} มีเรื่องร้องเรียน ${surge.count} เรื่องใน 7 วัน (${toBuddhistEraDate(weekFrom)} – ${toBuddhistEraDate(today)}) ขณะที่ ${SURGE_RULE.baselineWeeks} สัปดาห์ก่อนหน้าเฉลี่ยสัปดาห์ละ ${surge.baseline.toFixed(1)} เรื่อง ดูรายละเอียดที่แดชบอร์ดผู้บริหาร`,
        dedupeKey: `surge:${id}`,
        now,
      });
    }
    return kept;
  });
}
