/**
 * Reference data every installation needs, demo or not: provinces, districts and
 * subdistricts, the complaint categories and the government holiday calendar. Idempotent:
 * run at every start-up and by `rongthuk migrate`, it adds only what is missing.
 */
import type { Queryable } from '../platform/database.ts';
import { loadAdminAreas, loadGovernmentHolidays } from './admin-areas.ts';
import { CATEGORY_SEED } from './categories.ts';

export async function seedReferenceData(db: Queryable): Promise<{ areas: number; categories: number; holidays: number }> {
  const areas = await seedAdminAreas(db);
  const categories = await seedCategories(db);
  const holidays = await seedHolidays(db);
  return { areas, categories, holidays };
}

async function seedAdminAreas(db: Queryable): Promise<number> {
  const [existing] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM admin_areas');
  if ((existing?.count ?? 0) > 0) return 0;
  const areas = loadAdminAreas();
  // Parents first: provinces, then districts, then subdistricts (the loader's order).
  for (const level of ['province', 'district', 'subdistrict'] as const) {
    const rows = areas
      .filter((area) => area.level === level)
      .map((area) => ({ code: area.code, level: area.level, parent_code: area.parentCode, name_th: area.nameTh, name_en: area.nameEn, lat: area.lat, lon: area.lon, postcode: area.postcode }));
    await db.query(
      `INSERT INTO admin_areas (code, level, parent_code, name_th, name_en, lat, lon, postcode)
       SELECT code, level, parent_code, name_th, name_en, lat, lon, postcode
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, level text, parent_code text, name_th text, name_en text,
                                               lat double precision, lon double precision, postcode text)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
  return areas.length;
}

async function seedCategories(db: Queryable): Promise<number> {
  const rows = CATEGORY_SEED.map((category, index) => ({
    code: category.code,
    parent_code: category.parentCode,
    name_th: category.nameTh,
    name_en: category.nameEn,
    sensitive: category.sensitive ?? false,
    aliases: category.aliases ?? [],
    sort_order: index,
  }));
  const inserted = await db.query(
    `INSERT INTO categories (code, parent_code, name_th, name_en, sensitive, aliases, sort_order)
     SELECT code, parent_code, name_th, name_en, sensitive, aliases, sort_order
     FROM jsonb_to_recordset($1::jsonb) AS x(code text, parent_code text, name_th text, name_en text, sensitive boolean,
                                             aliases text[], sort_order integer)
     ORDER BY (parent_code IS NOT NULL)
     ON CONFLICT (code) DO NOTHING
     RETURNING code`,
    [JSON.stringify(rows)],
  );
  return inserted.length;
}

async function seedHolidays(db: Queryable): Promise<number> {
  const inserted = await db.query(
    `INSERT INTO holidays (day, name)
     SELECT date::date, name FROM jsonb_to_recordset($1::jsonb) AS x(date text, name text)
     ON CONFLICT (day) WHERE agency_id IS NULL DO NOTHING
     RETURNING id`,
    [JSON.stringify(loadGovernmentHolidays())],
  );
  return inserted.length;
}
