/**
 * Where a chat complaint is: the district of a shared point (reference/boundaries.ts), or a
 * province and district typed by name ("ตะพานหิน พิจิตร", "อ.ตะพานหิน จ.พิจิตร"). The names come
 * from the reference areas, read once per database.
 */
import type { Queryable } from '../platform/database.ts';
import { districtAt } from '../reference/boundaries.ts';
import { listAdminAreas } from '../reference/queries.ts';
import type { Place } from './conversation.ts';

export interface AreaName {
  code: string;
  nameTh: string;
  nameEn: string;
}

export interface Gazetteer {
  provinces: AreaName[];
  /** Districts by province code. */
  districts: Map<string, AreaName[]>;
}

const loaded = new WeakMap<Queryable, Promise<Gazetteer>>();

/** The provinces and districts of the reference data, read once per database. */
export function gazetteerOf(db: Queryable): Promise<Gazetteer> {
  let gazetteer = loaded.get(db);
  if (!gazetteer) {
    gazetteer = readGazetteer(db);
    gazetteer.catch(() => loaded.delete(db));
    loaded.set(db, gazetteer);
  }
  return gazetteer;
}

async function readGazetteer(db: Queryable): Promise<Gazetteer> {
  const provinces = await listAdminAreas(db, null);
  const districts = new Map<string, AreaName[]>();
  for (const province of provinces) districts.set(province.code, await listAdminAreas(db, province.code));
  return { provinces, districts };
}

function label(district: AreaName | undefined, province: AreaName): string {
  // Bangkok's districts are เขต, and the province is not a จังหวัด.
  if (province.code === '10') return district ? `เขต${district.nameTh} ${province.nameTh}` : province.nameTh;
  return district ? `อ.${district.nameTh} จ.${province.nameTh}` : `จ.${province.nameTh}`;
}

/** The place of a point: its district and province, or undefined outside every district. */
export function placeAt(gazetteer: Gazetteer, lat: number, lon: number): Place | undefined {
  const code = districtAt(lat, lon);
  if (!code) return undefined;
  const province = gazetteer.provinces.find((candidate) => candidate.code === code.slice(0, 2));
  const district = province ? gazetteer.districts.get(province.code)?.find((candidate) => candidate.code === code) : undefined;
  if (!province || !district) return undefined;
  return { provinceCode: province.code, districtCode: district.code, labelTh: label(district, province) };
}

/** What a person types of a name: no prefixes (อ. จ. อำเภอ จังหวัด เขต), no spaces, lower case. */
function bare(text: string): string {
  return text
    .toLowerCase()
    .replace(/(จังหวัด|อำเภอ|เขต|กิ่งอำเภอ|จ\.|อ\.|province|district)/gu, ' ')
    .replace(/\s+/gu, '');
}

/**
 * A place typed by name: a province, optionally with one of its districts. A district alone is
 * taken when only one province has a district of that name. Undefined when nothing matches.
 */
export function placeNamed(gazetteer: Gazetteer, text: string): Place | undefined {
  const said = bare(text);
  if (!said) return undefined;
  const province = gazetteer.provinces.find((candidate) => said.includes(bare(candidate.nameTh)) || (candidate.nameEn && said.includes(bare(candidate.nameEn))));
  if (province) {
    const rest = said.replace(bare(province.nameTh), '');
    const district = rest ? gazetteer.districts.get(province.code)?.find((candidate) => rest.includes(bare(candidate.nameTh))) : undefined;
    return { provinceCode: province.code, districtCode: district?.code, labelTh: label(district, province) };
  }
  const matches = gazetteer.provinces.flatMap((candidate) =>
    (gazetteer.districts.get(candidate.code) ?? []).filter((district) => bare(district.nameTh) === said).map((district) => ({ district, province: candidate })),
  );
  const [only] = matches;
  if (matches.length !== 1 || !only) return undefined;
  return { provinceCode: only.province.code, districtCode: only.district.code, labelTh: label(only.district, only.province) };
}
