/**
 * Reference data for forms: complaint categories (ประเภทเรื่อง) and the administrative areas
 * (เขตการปกครอง: จังหวัด อำเภอ/เขต ตำบล/แขวง) with a district's outline for its map pin.
 */
import { z } from 'zod';

/** A complaint category as the API shows it. */
export const CategorySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  nameTh: z.string(),
  nameEn: z.string(),
  sensitive: z.boolean(),
  aliases: z.array(z.string()),
});
export type Category = z.output<typeof CategorySchema>;

export const CategoryListSchema = z.object({ items: z.array(CategorySchema) });

export const AreaSchema = z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() });
export const SubdistrictSchema = AreaSchema.extend({
  postcode: z.string().nullable(),
  lat: z.number().nullable().describe('Centroid; a few subdistricts lack one'),
  lon: z.number().nullable(),
});
export type Area = z.output<typeof AreaSchema>;
export type Subdistrict = z.output<typeof SubdistrictSchema>;
/** A province or district; subdistricts add their postcode and centroid. */
export type AdminArea = Area & Partial<Pick<Subdistrict, 'postcode' | 'lat' | 'lon'>>;

export const AreaListSchema = z.object({ items: z.array(AreaSchema) });
export const SubdistrictListSchema = z.object({ items: z.array(SubdistrictSchema) });

const PositionSchema = z.tuple([z.number(), z.number()]).describe('[longitude, latitude]');
export const DistrictBoundarySchema = z.object({
  code: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('[minLon, minLat, maxLon, maxLat]'),
  polygons: z.array(z.array(z.array(PositionSchema))).describe('GeoJSON MultiPolygon coordinates: polygons of rings (outer ring, then holes)'),
});
export type DistrictBoundary = z.output<typeof DistrictBoundarySchema>;

/** Every province drawn as its districts' outlines, coarsened (about 1 km) for a country map without tiles. */
export const ProvinceOutlineListSchema = z.object({
  items: z.array(z.object({ code: z.string(), polygons: DistrictBoundarySchema.shape.polygons })),
});
export type ProvinceOutline = z.output<typeof ProvinceOutlineListSchema>['items'][number];

export const ProvinceParamsSchema = z.object({ code: z.string().regex(/^\d{2}$/, 'must be a 2-digit province code') });
export const DistrictParamsSchema = z.object({ code: z.string().regex(/^\d{4}$/, 'must be a 4-digit district code') });
