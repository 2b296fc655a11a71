/**
 * Plane geometry on GeoJSON coordinates ([longitude, latitude]), shared by the server (which
 * district a point lies in) and the web app (where a pin may go on the district map).
 * Lines between vertices are treated as straight in longitude/latitude, as GeoJSON does.
 */

/** A GeoJSON position: [longitude, latitude]. */
export type Position = readonly [number, number];
/** A closed ring (first position repeated last, though an open ring is tolerated). */
export type Ring = readonly Position[];
/** A GeoJSON Polygon's coordinates: an outer ring, then holes. */
export type Polygon = readonly Ring[];
/** A GeoJSON MultiPolygon's coordinates. */
export type MultiPolygon = readonly Polygon[];
/** [minLon, minLat, maxLon, maxLat], as a GeoJSON bbox. */
export type BoundingBox = [number, number, number, number];

/**
 * Whether a point lies in a ring, by ray casting. A point exactly on an edge may fall either
 * way; for two districts sharing a border that is a matter of metres on simplified outlines.
 */
export function pointInRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and in none of the holes. */
export function pointInPolygon(polygon: Polygon, lon: number, lat: number): boolean {
  const [outer, ...holes] = polygon;
  return outer !== undefined && pointInRing(outer, lon, lat) && !holes.some((hole) => pointInRing(hole, lon, lat));
}

/** Inside any of the polygons. */
export function pointInMultiPolygon(polygons: MultiPolygon, lon: number, lat: number): boolean {
  return polygons.some((polygon) => pointInPolygon(polygon, lon, lat));
}

/** The smallest box holding every outer ring (holes lie inside them). Throws when empty. */
export function boundingBox(polygons: MultiPolygon): BoundingBox {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [outer = []] of polygons) {
    for (const [lon, lat] of outer) {
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  if (minLon > maxLon) throw new Error('boundingBox: no positions');
  return [minLon, minLat, maxLon, maxLat];
}

export function inBoundingBox([minLon, minLat, maxLon, maxLat]: BoundingBox, lon: number, lat: number): boolean {
  return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
}
