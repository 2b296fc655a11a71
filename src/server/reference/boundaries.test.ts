import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../seed/admin-areas.ts';
import { districtAt, districtOutlines, findDistrictBoundary, parseDistrictBoundaries, provinceOutlines } from './boundaries.ts';

const square = (x0: number, y0: number, size: number) => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feature = (code: unknown, type: string, coordinates: unknown) => ({ type: 'Feature', properties: { code }, geometry: { type, coordinates } });

describe('parseDistrictBoundaries', () => {
  it('indexes by code, gives a Polygon as a one-part MultiPolygon, and boxes every part', () => {
    const boundaries = parseDistrictBoundaries(
      collection(feature('9901', 'Polygon', [square(0, 0, 10), square(3, 3, 4)]), feature('9902', 'MultiPolygon', [[square(20, 0, 1)], [square(30, 5, 2)]])),
    );
    expect([...boundaries.keys()]).toEqual(['9901', '9902']);
    expect(boundaries.get('9901')?.polygons).toHaveLength(1);
    expect(boundaries.get('9901')?.bbox).toEqual([0, 0, 10, 10]);
    expect(boundaries.get('9902')?.bbox).toEqual([20, 0, 32, 7]);
  });

  it('refuses a bad code, a code twice or a geometry that is not an area', () => {
    expect(() => parseDistrictBoundaries(collection(feature('TH1001', 'Polygon', [square(0, 0, 1)])))).toThrow(/bad code/);
    expect(() => parseDistrictBoundaries(collection(feature('1001', 'Polygon', [square(0, 0, 1)]), feature('1001', 'Polygon', [square(0, 0, 1)])))).toThrow(/twice/);
    expect(() => parseDistrictBoundaries(collection(feature('1001', 'Point', [0, 0])))).toThrow(/bad geometry/);
    expect(() => parseDistrictBoundaries(collection(feature('1001', 'Polygon', [[[0, 0], [1, 'x'], [1, 1], [0, 0]]])))).toThrow(/bad geometry/);
    expect(() => parseDistrictBoundaries('{"type":"Feature"}')).toThrow(/FeatureCollection/);
  });
});

describe('districtAt', () => {
  it('skips holes and finds every part of a MultiPolygon (made-up districts)', () => {
    const made = parseDistrictBoundaries(
      collection(feature('9901', 'Polygon', [square(0, 0, 10), square(3, 3, 4)]), feature('9902', 'MultiPolygon', [[square(4, 4, 2)], [square(30, 5, 2)]])),
    );
    expect(districtAt(1, 1, made.values())).toBe('9901');
    // The hole of 9901 holds 9902's first part.
    expect(districtAt(5, 5, made.values())).toBe('9902');
    expect(districtAt(3.5, 3.5, made.values())).toBeNull();
    expect(districtAt(6, 31, made.values())).toBe('9902');
    expect(districtAt(Number.NaN, 1, made.values())).toBeNull();
  });

  it('places known points in the shipped districts', () => {
    expect(districtAt(13.7563, 100.5018)).toBe('1001'); // Phra Nakhon, Bangkok (Sanam Luang)
    expect(districtAt(13.7246, 100.5296)).toBe('1004'); // Bang Rak, Bangkok
    expect(districtAt(18.7883, 98.9853)).toBe('5001'); // Mueang Chiang Mai
    expect(districtAt(7.89, 98.3)).toBe('8302'); // Patong beach, Kathu, Phuket
    expect(districtAt(6.6, 99.65)).toBe('9101'); // Ko Tarutao, an island part of Mueang Satun
    expect(districtAt(6.62, 100.07)).toBe('9101'); // Satun town, its mainland part
  });

  it('finds no district in the sea or abroad', () => {
    expect(districtAt(12.5, 100.5)).toBeNull(); // the Gulf of Thailand
    expect(districtAt(11.55, 104.92)).toBeNull(); // Phnom Penh
  });
});

describe('findDistrictBoundary', () => {
  it('has all 928 districts by DOPA code, and nothing for an unknown one', () => {
    const phraNakhon = findDistrictBoundary('1001');
    expect(phraNakhon?.bbox).toEqual([100.4883, 13.73863, 100.5094, 13.77267]);
    expect(findDistrictBoundary('9999')).toBeUndefined();
    const shipped = parseDistrictBoundaries(readFileSync(new URL('../seed/data/geo/districts.geojson', import.meta.url), 'utf8'));
    const [header = [], ...rows] = parseCsv(readFileSync(new URL('../seed/data/geo/districts.csv', import.meta.url), 'utf8'));
    const codeColumn = header.indexOf('DISTRICT_CODE');
    expect(shipped.size).toBe(928);
    expect([...shipped.keys()].sort()).toEqual(rows.map((row) => row[codeColumn]).sort());
  });
});

describe('provinceOutlines', () => {
  it('draws each of the 77 provinces from its districts, coarsened to about 1 km and small enough to send', () => {
    const outlines = provinceOutlines();
    const [header = [], ...rows] = parseCsv(readFileSync(new URL('../seed/data/geo/provinces.csv', import.meta.url), 'utf8'));
    const codeColumn = header.indexOf('CODE');
    expect(outlines.map((province) => province.code)).toEqual(rows.map((row) => row[codeColumn]).sort());
    const bangkok = outlines.find((province) => province.code === '10');
    expect(bangkok?.polygons.length).toBeGreaterThanOrEqual(50); // its 50 districts (เขต), each drawn
    for (const { polygons } of outlines) {
      for (const ring of polygons.flat()) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        for (const [lon, lat] of ring) expect([Math.round(lon * 100) / 100, Math.round(lat * 100) / 100]).toEqual([lon, lat]);
      }
    }
    expect(JSON.stringify(outlines).length).toBeLessThan(200_000);
  });
});

describe('districtOutlines', () => {
  it("draws Bangkok's 50 districts (เขต) each on its own, and nothing for a province that is none", () => {
    const bangkok = districtOutlines('10');
    expect(bangkok).toHaveLength(50);
    expect(bangkok.every((district) => /^10\d{2}$/.test(district.code) && district.polygons.length > 0)).toBe(true);
    expect(districtOutlines('66').map((district) => district.code)).toContain('6604');
    expect(districtOutlines('99')).toEqual([]);
    expect(JSON.stringify(bangkok).length).toBeLessThan(400_000);
  });
});
