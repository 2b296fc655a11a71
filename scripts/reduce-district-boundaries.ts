/**
 * Makes src/server/seed/data/geo/districts.geojson from the district boundaries of
 * piyayut-ch/mapthai (UNOCHA / Royal Thai Survey Department 2019, MIT): keeps the geometry
 * with coordinates rounded to 5 decimals (about a metre, far finer than the simplified
 * outlines) and, as the only property, `code`, the DOPA district code ("TH1001" → "1001").
 * One feature a line, so a later update reads as a diff.
 *
 *   node --import tsx scripts/reduce-district-boundaries.ts path/to/districts.geojson
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Ring = Array<[number, number]>;
interface SourceFeature {
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
  properties: { ADM2_PCODE: string };
}

const source = process.argv[2];
if (!source) throw new Error('usage: reduce-district-boundaries.ts <districts.geojson>');
const target = path.resolve(import.meta.dirname, '../src/server/seed/data/geo/districts.geojson');

const round = (value: number) => Math.round(value * 1e5) / 1e5;
/** Rounds a ring and drops points that became equal to the one before. */
const reduceRing = (ring: Ring): Ring =>
  ring.map(([lon, lat]): [number, number] => [round(lon), round(lat)]).filter((point, i, all) => i === 0 || point[0] !== all[i - 1]![0] || point[1] !== all[i - 1]![1]);

const { features } = JSON.parse(readFileSync(source, 'utf8')) as { features: SourceFeature[] };
const lines = features
  .map(({ geometry, properties }) => {
    const match = /^TH(\d{4})$/.exec(properties.ADM2_PCODE);
    if (!match) throw new Error(`unexpected ADM2_PCODE ${properties.ADM2_PCODE}`);
    const coordinates = geometry.type === 'Polygon' ? geometry.coordinates.map(reduceRing) : geometry.coordinates.map((polygon) => polygon.map(reduceRing));
    return { type: 'Feature', properties: { code: match[1] }, geometry: { type: geometry.type, coordinates } };
  })
  .sort((a, b) => a.properties.code!.localeCompare(b.properties.code!))
  .map((feature) => JSON.stringify(feature));
writeFileSync(target, `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
console.log(`${lines.length} districts → ${path.relative(process.cwd(), target)}`);
