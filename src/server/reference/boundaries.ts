/**
 * District boundaries (เขตอำเภอ / เขต) from the shipped, simplified outlines
 * (../seed/data/geo/districts.geojson; see ../seed/data/NOTICE.md): the outline of a district
 * for the citizen's map pin, and which district a point lies in. Read from disk once, on
 * first use, and kept in memory (about 10,000 positions).
 */
import { readFileSync } from 'node:fs';
import { boundingBox, inBoundingBox, pointInMultiPolygon, type BoundingBox } from '../../shared/polygon.ts';

export interface DistrictBoundary {
  /** DOPA district code, "1001". */
  code: string;
  bbox: BoundingBox;
  /** GeoJSON MultiPolygon coordinates ([lon, lat]); a Polygon is given as a one-part MultiPolygon. */
  polygons: Array<Array<Array<[number, number]>>>;
}

const DATA_FILE = new URL('../seed/data/geo/districts.geojson', import.meta.url);

interface Feature {
  properties?: { code?: unknown };
  geometry?: { type?: unknown; coordinates?: unknown };
}

/**
 * Reads the boundaries from GeoJSON text: a FeatureCollection whose features carry the DOPA
 * district code in `properties.code` and a Polygon or MultiPolygon. Throws on anything else,
 * so a broken data file fails loudly rather than as a district that is never found.
 */
export function parseDistrictBoundaries(text: string): Map<string, DistrictBoundary> {
  const { features } = JSON.parse(text) as { features?: Feature[] };
  if (!Array.isArray(features)) throw new Error('district boundaries: not a FeatureCollection');
  const byCode = new Map<string, DistrictBoundary>();
  for (const { properties, geometry } of features) {
    const code = properties?.code;
    if (typeof code !== 'string' || !/^\d{4}$/.test(code)) throw new Error(`district boundaries: bad code ${String(code)}`);
    if (byCode.has(code)) throw new Error(`district boundaries: ${code} twice`);
    const polygons =
      geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : undefined;
    if (!isMultiPolygon(polygons)) throw new Error(`district boundaries: bad geometry for ${code}`);
    byCode.set(code, { code, bbox: boundingBox(polygons), polygons });
  }
  return byCode;
}

function isMultiPolygon(value: unknown): value is DistrictBoundary['polygons'] {
  const isPosition = (p: unknown) => Array.isArray(p) && p.length === 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
  const isRing = (r: unknown) => Array.isArray(r) && r.length >= 4 && r.every(isPosition);
  const isPolygon = (p: unknown) => Array.isArray(p) && p.length >= 1 && p.every(isRing);
  return Array.isArray(value) && value.length >= 1 && value.every(isPolygon);
}

let boundaries: Map<string, DistrictBoundary> | undefined;

function allBoundaries(): Map<string, DistrictBoundary> {
  boundaries ??= parseDistrictBoundaries(readFileSync(DATA_FILE, 'utf8'));
  return boundaries;
}

/** The boundary of a district by DOPA code, or undefined when there is none. */
export function findDistrictBoundary(code: string): DistrictBoundary | undefined {
  return allBoundaries().get(code);
}

/**
 * The DOPA code of the district a point lies in, or null outside every district (the sea, a
 * neighbouring country). Near a border the simplified outlines may err by a few hundred
 * metres, so callers should treat a mismatch as a hint to check, not as proof.
 */
export function districtAt(lat: number, lon: number, within: Iterable<DistrictBoundary> = allBoundaries().values()): string | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  for (const district of within) {
    if (inBoundingBox(district.bbox, lon, lat) && pointInMultiPolygon(district.polygons, lon, lat)) return district.code;
  }
  return null;
}

/** A province drawn as its districts (DOPA code "66"), for a map of the whole country. */
export interface ProvinceOutline {
  code: string;
  polygons: DistrictBoundary['polygons'];
}

/** Positions rounded to 0.01° (about 1 km): a country map a few hundred pixels wide shows no finer. */
const COUNTRY_MAP_DECIMALS = 2;

function coarsen(polygons: DistrictBoundary['polygons']): DistrictBoundary['polygons'] {
  const factor = 10 ** COUNTRY_MAP_DECIMALS;
  const round = (value: number) => Math.round(value * factor) / factor;
  const rings = (polygon: Array<Array<[number, number]>>) =>
    polygon
      .map((ring) => ring.map(([lon, lat]): [number, number] => [round(lon), round(lat)]).filter((point, i, all) => i === 0 || point[0] !== all[i - 1]?.[0] || point[1] !== all[i - 1]?.[1]))
      .filter((ring) => ring.length >= 4);
  return polygons.map(rings).filter((polygon) => polygon.length > 0);
}

let provinces: ProvinceOutline[] | undefined;

/**
 * Every province as the outlines of its districts (no separate province boundaries are shipped;
 * a district's code starts with its province's), coarsened for a country map; computed once.
 */
export function provinceOutlines(): ProvinceOutline[] {
  if (!provinces) {
    const byProvince = new Map<string, DistrictBoundary['polygons']>();
    for (const district of allBoundaries().values()) {
      const code = district.code.slice(0, 2);
      byProvince.set(code, [...(byProvince.get(code) ?? []), ...coarsen(district.polygons)]);
    }
    provinces = [...byProvince].sort(([a], [b]) => a.localeCompare(b)).map(([code, polygons]) => ({ code, polygons }));
  }
  return provinces;
}

/** The districts of a province (2-digit code) each as its own outline, for the province's map; empty for an unknown province. */
export function districtOutlines(provinceCode: string): ProvinceOutline[] {
  return [...allBoundaries().values()]
    .filter((district) => district.code.startsWith(provinceCode) && district.code.length === provinceCode.length + 2)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((district) => ({ code: district.code, polygons: district.polygons }));
}
