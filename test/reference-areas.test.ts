/**
 * Administrative areas for the address pickers: public, sorted by Thai name (leading vowels
 * collated as Thai dictionaries do), 404 for unknown codes, 400 for malformed ones, cached a day.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { describeEachApp } from './support/app.ts';
import type { z } from 'zod';
import type { AreaListSchema, SubdistrictListSchema, ErrorBody } from '../src/shared/api/index.ts';

type AreaList = z.output<typeof AreaListSchema>;
type SubdistrictList = z.output<typeof SubdistrictListSchema>;

const fields = (response: LightMyRequestResponse): string[] =>
  (response.json() as ErrorBody).error.details.map((detail) => detail.field ?? '');

describeEachApp('administrative areas', (t) => {
  const get = (url: string) => t.request({ method: 'GET', url });

  describe('GET /api/v1/reference/provinces', () => {
    it('gives the 77 provinces without sign-in, sorted by Thai name, cacheable for a day', async () => {
      const response = await get('/api/v1/reference/provinces');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=86400');
      const items = (response.json() as AreaList).items;
      expect(items).toHaveLength(77);
      expect(items[0]).toEqual({ code: '81', nameTh: 'กระบี่', nameEn: expect.any(String) as string });
      expect(items.find((item) => item.code === '10')).toMatchObject({ nameTh: 'กรุงเทพมหานคร', nameEn: 'Bangkok' });
      const names = items.map((item) => item.nameTh);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'th')));
      // เชียงใหม่ files under ช, before ตาก, not after every consonant as by code points.
      expect(names.indexOf('เชียงใหม่')).toBeLessThan(names.indexOf('ตาก'));
    });

    it('still sends no-store on the other API answers', async () => {
      const response = await t.request({ method: 'GET', url: '/api/v1/categories' });
      expect(response.headers['cache-control']).toBe('no-store');
    });
  });

  describe('GET /api/v1/reference/provinces/:code/districts', () => {
    it('answers 400 naming the field for a malformed code', async () => {
      for (const code of ['1', '100', 'ab']) {
        const response = await get(`/api/v1/reference/provinces/${code}/districts`);
        expect(response.statusCode, code).toBe(400);
        expect(fields(response)).toEqual(['params.code']);
      }
    });

    it('answers 404 for a province that does not exist, without caching it', async () => {
      const response = await get('/api/v1/reference/provinces/99/districts');
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('gives the 50 districts (เขต) of Bangkok by Thai name', async () => {
      const response = await get('/api/v1/reference/provinces/10/districts');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=86400');
      const items = (response.json() as AreaList).items;
      expect(items).toHaveLength(50);
      expect(items.every((item) => /^10\d{2}$/.test(item.code))).toBe(true);
      expect(items.find((item) => item.code === '1001')).toEqual({ code: '1001', nameTh: 'พระนคร', nameEn: 'Phra Nakhon' });
      const names = items.map((item) => item.nameTh);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'th')));
    });
  });

  describe('GET /api/v1/reference/districts/:code/subdistricts', () => {
    it('answers 400 naming the field for a malformed code', async () => {
      for (const code of ['10', '100101', '10a1']) {
        const response = await get(`/api/v1/reference/districts/${code}/subdistricts`);
        expect(response.statusCode, code).toBe(400);
        expect(fields(response)).toEqual(['params.code']);
      }
    });

    it('answers 404 for a district that does not exist', async () => {
      const response = await get('/api/v1/reference/districts/1099/subdistricts');
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    });

    it('gives the 12 subdistricts (แขวง) of Phra Nakhon with postcode and centroid', async () => {
      const response = await get('/api/v1/reference/districts/1001/subdistricts');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=86400');
      const items = (response.json() as SubdistrictList).items;
      expect(items).toHaveLength(12);
      expect(items.every((item) => item.postcode === '10200')).toBe(true);
      expect(items.find((item) => item.code === '100101')).toEqual({
        code: '100101',
        nameTh: 'พระบรมมหาราชวัง',
        nameEn: 'Phra Borom Maha Ratchawang',
        postcode: '10200',
        lat: 13.751,
        lon: 100.492,
      });
      const names = items.map((item) => item.nameTh);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'th')));
    });
  });
});
