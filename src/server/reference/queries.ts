/** SQL of the reference data: complaint categories and administrative areas. */
import { z } from 'zod';
import type { Queryable } from '../platform/database.ts';
import { queryRow, queryRows } from '../platform/rows.ts';
import type { AdminArea } from '../seed/admin-areas.ts';

const CategoryRefSchema = z
  .object({ code: z.string(), nameTh: z.string(), nameEn: z.string(), sensitive: z.boolean(), active: z.boolean() })
  .describe('category');
export type CategoryRef = z.output<typeof CategoryRefSchema>;

const CategorySchema = z
  .object({
    code: z.string(),
    parentCode: z.string().nullable(),
    nameTh: z.string(),
    nameEn: z.string(),
    sensitive: z.boolean(),
    active: z.boolean(),
    aliases: z.array(z.string()),
  })
  .describe('category');

const AreaLevelRow = z.object({ code: z.string(), level: z.string(), parentCode: z.string().nullable() }).describe('area level');

export async function findCategory(db: Queryable, code: string): Promise<CategoryRef | undefined> {
  return queryRow(db, CategoryRefSchema, 'SELECT code, name_th, name_en, sensitive, active FROM categories WHERE code = $1', [code]);
}

/** The areas among `codes` that exist, and the areas above them, with their parent codes. */
export async function findAdminAreas(db: Queryable, codes: string[]): Promise<Map<string, { level: string; parentCode: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await queryRows(
    db,
    AreaLevelRow,
    `WITH RECURSIVE up AS (
       SELECT code, level, parent_code FROM admin_areas WHERE code = ANY($1::text[])
       UNION SELECT a.code, a.level, a.parent_code FROM admin_areas a JOIN up ON a.code = up.parent_code)
     SELECT code, level, parent_code FROM up`,
    [codes],
  );
  return new Map(rows.map((row) => [row.code, { level: row.level, parentCode: row.parentCode }]));
}

export async function listCategories(db: Queryable): Promise<Array<z.output<typeof CategorySchema>>> {
  return queryRows(db, CategorySchema, 'SELECT code, parent_code, name_th, name_en, sensitive, active, aliases FROM categories ORDER BY sort_order, code');
}

export async function countAdminAreas(db: Queryable): Promise<number> {
  const row = await queryRow(db, z.object({ count: z.number() }), 'SELECT count(*)::int AS count FROM admin_areas');
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

const AdminAreaRefSchema = z
  .object({
    code: z.string(),
    level: z.enum(['province', 'district', 'subdistrict']),
    nameTh: z.string(),
    nameEn: z.string(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    postcode: z.string().nullable(),
  })
  .describe('administrative area');
/** An administrative area as the address pickers show it. */
export type AdminAreaRef = z.output<typeof AdminAreaRefSchema>;

export async function findAdminArea(db: Queryable, code: string): Promise<AdminAreaRef | undefined> {
  return queryRow(db, AdminAreaRefSchema, 'SELECT code, level, name_th, name_en, lat, lon, postcode FROM admin_areas WHERE code = $1', [code]);
}

/**
 * The provinces (`parentCode` null) or the areas directly under one, by code. Callers sort by
 * Thai name themselves: collations differ between servers (the embedded one is created without a locale).
 */
export async function listAdminAreas(db: Queryable, parentCode: string | null): Promise<AdminAreaRef[]> {
  return queryRows(
    db,
    AdminAreaRefSchema,
    `SELECT code, level, name_th, name_en, lat, lon, postcode FROM admin_areas
     WHERE ${parentCode === null ? "level = 'province'" : 'parent_code = $1'} ORDER BY code`,
    parentCode === null ? [] : [parentCode],
  );
}
