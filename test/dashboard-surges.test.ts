/**
 * Surge alerts (ปริมาณเรื่องพุ่งสูงผิดปกติ): complaints of one category in one district pile up in
 * a week under the Ministry of Public Health; the hourly watch finds the category and the
 * district, keeps each once, tells the ministry's CCEO once, and the dashboard lists them. A
 * category with a handful of complaints is no surge, and the next watches tell nothing again.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Dashboard } from '../src/shared/api/dashboard.ts';
import type { NotificationList } from '../src/shared/api/notifications.ts';
import { watchSurges } from '../src/server/dashboard/surge-watch.ts';
import { describeEachApp, onBangkokDay } from './support/app.ts';


describeEachApp('surge alerts', (t) => {
  const on = <T>(day: string, work: () => Promise<T>) => onBangkokDay(t, day, work);

  beforeAll(async () => {
    for (const user of ['hub.intake', 'moph.cceo']) await t.tokenFor(user);
    // Two months of quiet: a lighting complaint every other week.
    for (const day of ['2026-04-06', '2026-04-20', '2026-05-04', '2026-05-18']) {
      const quiet = await on(day, () => t.fileComplaint({ description: 'ไฟทางดับหน้าบ้าน', categoryCode: 'lighting', location: { provinceCode: '66', districtCode: '6604' } }));
      await on(day, () => t.act('hub.intake', quiet.id, 'assign', { agencyCode: 'moph-complaint' }));
    }
    // Then twelve in five days in Taphan Hin, all handed to the ministry; three about bridges.
    for (let i = 0; i < 15; i += 1) {
      const day = `2026-06-0${1 + (i % 5)}`;
      const lighting = i < 12;
      const filed = await on(day, () =>
        t.fileComplaint({
          description: lighting ? `ไฟทางดับทั้งซอย จุดที่ ${i + 1}` : `สะพานชำรุด จุดที่ ${i + 1}`,
          categoryCode: lighting ? 'lighting' : 'bridge',
          location: { provinceCode: '66', districtCode: lighting ? '6604' : '6601' },
        }),
      );
      await on(day, () => t.act('hub.intake', filed.id, 'assign', { agencyCode: 'moph-complaint' }));
    }
  }, 120_000);

  const notificationsOfCceo = async () =>
    (await t.request({ method: 'GET', url: '/api/v1/notifications', as: 'moph.cceo' })).json<NotificationList>().items.filter((item) => item.kind === 'surge');

  it('finds the category and the district once, tells the CCEO once, and the dashboard lists them', async () => {
    expect(await notificationsOfCceo()).toEqual([]);
    const kept = await on('2026-06-05', () => watchSurges(t.ctx()));
    expect(kept).toBe(2);
    const told = await notificationsOfCceo();
    expect(told.map((item) => item.title).sort()).toEqual(['เรื่องร้องเรียนเพิ่มขึ้นผิดปกติ: พื้นที่ตะพานหิน', 'เรื่องร้องเรียนเพิ่มขึ้นผิดปกติ: หมวดไฟฟ้าส่องสว่าง'].sort());
    expect(told.every((item) => item.caseId === null && item.body.includes('12 เรื่องใน 7 วัน'))).toBe(true);

    // The next hour, and the next days while the surge lasts: nothing more.
    expect(await on('2026-06-05', () => watchSurges(t.ctx()))).toBe(0);
    expect(await on('2026-06-07', () => watchSurges(t.ctx()))).toBe(0);
    expect(await notificationsOfCceo()).toHaveLength(2);

    const dashboard = (await on('2026-06-07', () => t.request({ method: 'GET', url: '/api/v1/dashboard?period=fy2569', as: 'moph.cceo' }))).json<Dashboard>();
    expect(dashboard.surges.map((surge) => [surge.dimension, surge.key, surge.count, surge.weekFrom, surge.weekTo, surge.agency.code]).sort()).toEqual([
      ['category', 'lighting', 12, '2026-05-30', '2026-06-05', 'moph'],
      ['district', '6604', 12, '2026-05-30', '2026-06-05', 'moph'],
    ]);
    // Four complaints over the eight weeks before: half a complaint a week.
    expect(dashboard.surges.map((surge) => surge.baseline)).toEqual([0.5, 0.5]);
  });
});
