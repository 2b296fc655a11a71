/**
 * The outline of a district for the citizen's map pin: public, cached a day, 400 for a
 * malformed code, 404 for an unknown one; GeoJSON MultiPolygon coordinates and a bbox.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { pointInMultiPolygon } from '../src/shared/polygon.ts';
import { describeEachApp } from './support/app.ts';
import type { z } from 'zod';
import type { SubdistrictListSchema, DistrictBoundary as Boundary, ErrorBody } from '../src/shared/api/index.ts';

type SubdistrictList = z.output<typeof SubdistrictListSchema>;

const fields = (response: LightMyRequestResponse): string[] =>
  (response.json() as ErrorBody).error.details.map((detail) => detail.field ?? '');
const url = (code: string) => `/api/v1/reference/districts/${code}/boundary`;

describeEachApp('GET /api/v1/reference/districts/:code/boundary', (t) => {
  const get = (path: string) => t.request({ method: 'GET', url: path });

  it('answers 400 naming the field for a malformed code', async () => {
    for (const code of ['10', '100101', '10a1', 'TH1001']) {
      const response = await get(url(code));
      expect(response.statusCode, code).toBe(400);
      expect(fields(response)).toEqual(['params.code']);
    }
  });

  it('answers 404 for a district that does not exist, without caching it', async () => {
    const response = await get(url('1099'));
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('gives the outline of Phra Nakhon without sign-in, cacheable for a day, around its subdistricts', async () => {
    const response = await get(url('1001'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=86400');
    const boundary = response.json() as Boundary;
    expect(Object.keys(boundary).sort()).toEqual(['bbox', 'code', 'polygons']);
    expect(boundary.code).toBe('1001');
    expect(boundary.bbox).toEqual([100.4883, 13.73863, 100.5094, 13.77267]);
    expect(boundary.polygons).toHaveLength(1);
    const [outer = []] = boundary.polygons[0] ?? [];
    expect(outer.length).toBeGreaterThanOrEqual(4);
    expect(outer[0]).toEqual(outer.at(-1));
    for (const [lon = NaN, lat = NaN] of outer) {
      expect(lon).toBeGreaterThanOrEqual(boundary.bbox[0]);
      expect(lat).toBeLessThanOrEqual(boundary.bbox[3]);
    }
    // Sanam Luang lies in it; Bang Rak's district office does not.
    expect(pointInMultiPolygon(boundary.polygons, 100.5018, 13.7563)).toBe(true);
    expect(pointInMultiPolygon(boundary.polygons, 100.5296, 13.7246)).toBe(false);
    // The outline and the address pickers speak of the same place: most subdistrict centroids fall inside.
    const subdistricts = (await get('/api/v1/reference/districts/1001/subdistricts')).json() as SubdistrictList;
    const inside = subdistricts.items.filter(({ lat, lon }) => lat !== null && lon !== null && pointInMultiPolygon(boundary.polygons, lon, lat));
    expect(inside.length).toBeGreaterThanOrEqual(subdistricts.items.length - 2);
  });

  it('gives a district of islands as several polygons (Mueang Satun and Ko Tarutao)', async () => {
    const response = await get(url('9101'));
    expect(response.statusCode).toBe(200);
    const boundary = response.json() as Boundary;
    expect(boundary.polygons).toHaveLength(2);
    expect(pointInMultiPolygon(boundary.polygons, 99.65, 6.6)).toBe(true);
  });

  it('is described in /api/openapi.json', async () => {
    // The OpenAPI document is generated from the routes, not a response of the contract: only the part read here.
    const document = (await get('/api/openapi.json')).json() as { paths: Record<string, { get?: { responses?: Record<string, unknown> } }> };
    expect(document.paths['/api/v1/reference/districts/{code}/boundary']?.get?.responses?.['200']).toBeDefined();
  });
});
