/** SQL of the reference data: complaint categories and administrative areas. */
import type { Queryable } from '../platform/database.ts';
import type { AdminArea } from '../seed/admin-areas.ts';

export interface CategoryRef {
  code: string;
  nameTh: string;
  nameEn: string;
  sensitive: boolean;
  active: boolean;
}

export async function findCategory(db: Queryable, code: string): Promise<CategoryRef | undefined> {
  const [row] = await db.query<{ code: string; name_th: string; name_en: string; sensitive: boolean; active: boolean }>(
    'SELECT code, name_th, name_en, sensitive, active FROM categories WHERE code = $1',
    [code],
  );
  return row && { code: row.code, nameTh: row.name_th, nameEn: row.name_en, sensitive: row.sensitive, active: row.active };
}

/** The areas among `codes` that exist, and the areas above them, with their parent codes. */
export async function findAdminAreas(db: Queryable, codes: string[]): Promise<Map<string, { level: string; parentCode: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ code: string; level: string; parent_code: string | null }>(
    `WITH RECURSIVE up AS (
       SELECT code, level, parent_code FROM admin_areas WHERE code = ANY($1::text[])
       UNION SELECT a.code, a.level, a.parent_code FROM admin_areas a JOIN up ON a.code = up.parent_code)
     SELECT code, level, parent_code FROM up`,
    [codes],
  );
  return new Map(rows.map((row) => [row.code, { level: row.level, parentCode: row.parent_code }]));
}

export async function listCategories(db: Queryable): Promise<Array<CategoryRef & { parentCode: string | null; aliases: string[] }>> {
  const rows = await db.query<{ code: string; parent_code: string | null; name_th: string; name_en: string; sensitive: boolean; active: boolean; aliases: string[] }>(
    'SELECT code, parent_code, name_th, name_en, sensitive, active, aliases FROM categories ORDER BY sort_order, code',
  );
  return rows.map((row) => ({
    code: row.code,
    parentCode: row.parent_code,
    nameTh: row.name_th,
    nameEn: row.name_en,
    sensitive: row.sensitive,
    active: row.active,
    aliases: row.aliases,
  }));
}

export async function countAdminAreas(db: Queryable): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM admin_areas');
  return row?.count ?? 0;
}

/** Inserts areas whose parents exist already (or come in an earlier call). */
export async function insertAdminAreas(db: Queryable, areas: readonly AdminArea[]): Promise<void> {
  const rows = areas.map((area) => ({
    code: area.code,
    level: area.level,
    parent_code: area.parentCode,
    name_th: area.nameTh,
    name_en: area.nameEn,
    lat: area.lat,
    lon: area.lon,
    postcode: area.postcode,
  }));
  await db.query(
    `INSERT INTO admin_areas (code, level, parent_code, name_th, name_en, lat, lon, postcode)
     SELECT code, level, parent_code, name_th, name_en, lat, lon, postcode
     FROM jsonb_to_recordset($1::jsonb) AS x(code text, level text, parent_code text, name_th text, name_en text,
                                             lat double precision, lon double precision, postcode text)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

export interface NewCategory {
  code: string;
  parentCode: string | null;
  nameTh: string;
  nameEn: string;
  sensitive: boolean;
  aliases: string[];
  sortOrder: number;
}

/** Inserts the categories not there yet (parents before children); returns how many. */
export async function insertCategories(db: Queryable, categories: readonly NewCategory[]): Promise<number> {
  const rows = categories.map((category) => ({
    code: category.code,
    parent_code: category.parentCode,
    name_th: category.nameTh,
    name_en: category.nameEn,
    sensitive: category.sensitive,
    aliases: category.aliases,
    sort_order: category.sortOrder,
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

/** Adds national days off not in the calendar yet; returns how many. */
export async function insertNationalHolidays(db: Queryable, days: ReadonlyArray<{ date: string; name: string }>): Promise<number> {
  const inserted = await db.query(
    `INSERT INTO holidays (day, name)
     SELECT date::date, name FROM jsonb_to_recordset($1::jsonb) AS x(date text, name text)
     ON CONFLICT (day) WHERE agency_id IS NULL DO NOTHING
     RETURNING id`,
    [JSON.stringify(days)],
  );
  return inserted.length;
}

/** An administrative area as the address pickers show it. */
export interface AdminAreaRef {
  code: string;
  level: 'province' | 'district' | 'subdistrict';
  nameTh: string;
  nameEn: string;
  lat: number | null;
  lon: number | null;
  postcode: string | null;
}

interface AdminAreaRow {
  code: string;
  level: AdminAreaRef['level'];
  name_th: string;
  name_en: string;
  lat: number | null;
  lon: number | null;
  postcode: string | null;
}

const toAdminAreaRef = (row: AdminAreaRow): AdminAreaRef => ({
  code: row.code,
  level: row.level,
  nameTh: row.name_th,
  nameEn: row.name_en,
  lat: row.lat,
  lon: row.lon,
  postcode: row.postcode,
});

export async function findAdminArea(db: Queryable, code: string): Promise<AdminAreaRef | undefined> {
  const [row] = await db.query<AdminAreaRow>('SELECT code, level, name_th, name_en, lat, lon, postcode FROM admin_areas WHERE code = $1', [code]);
  return row && toAdminAreaRef(row);
}

/**
 * The provinces (`parentCode` null) or the areas directly under one, by code. Callers sort by
 * Thai name themselves: collations differ between servers (the embedded one is created without a locale).
 */
export async function listAdminAreas(db: Queryable, parentCode: string | null): Promise<AdminAreaRef[]> {
  const rows = await db.query<AdminAreaRow>(
    `SELECT code, level, name_th, name_en, lat, lon, postcode FROM admin_areas
     WHERE ${parentCode === null ? "level = 'province'" : 'parent_code = $1'} ORDER BY code`,
    parentCode === null ? [] : [parentCode],
  );
  return rows.map(toAdminAreaRef);
}
