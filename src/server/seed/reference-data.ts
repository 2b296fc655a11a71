/**
 * Reference data every installation needs, demo or not: provinces, districts and
 * subdistricts, the complaint categories and the government holiday calendar. Idempotent:
 * run at every start-up and by `rongthuk migrate`, it adds only what is missing.
 */
import type { Queryable } from '../platform/database.ts';
import { countAdminAreas, insertAdminAreas, insertCategories, insertNationalHolidays } from '../reference/queries.ts';
import { loadAdminAreas, loadGovernmentHolidays } from './admin-areas.ts';
import { CATEGORY_SEED } from './categories.ts';

export async function seedReferenceData(db: Queryable): Promise<{ areas: number; categories: number; holidays: number }> {
  let areas = 0;
  if ((await countAdminAreas(db)) === 0) {
    const all = loadAdminAreas();
    // Parents first: provinces, then districts, then subdistricts.
    for (const level of ['province', 'district', 'subdistrict'] as const) await insertAdminAreas(db, all.filter((area) => area.level === level));
    areas = all.length;
  }
  const categories = await insertCategories(
    db,
    CATEGORY_SEED.map((category, index) => ({ ...category, sensitive: category.sensitive ?? false, aliases: category.aliases ?? [], sortOrder: index })),
  );
  const holidays = await insertNationalHolidays(db, loadGovernmentHolidays());
  return { areas, categories, holidays };
}
