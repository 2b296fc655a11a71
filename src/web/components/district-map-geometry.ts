/**
 * The arithmetic of the district map (DistrictMap.tsx), kept apart so it can be tested without
 * a browser: an equirectangular projection of a district's bounding box into an SVG viewBox
 * (longitude scaled by the cosine of the latitude, so shapes are not stretched sideways), the
 * outline as an SVG path, screen → viewBox coordinates, and keyboard steps for the pin.
 */
import { pointInMultiPolygon, type BoundingBox, type MultiPolygon } from '../../shared/polygon.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface MapProjection {
  /** The viewBox is `0 0 width height`. */
  width: number;
  height: number;
  project(point: LatLon): { x: number; y: number };
  unproject(x: number, y: number): LatLon;
}

/** ViewBox width; the SVG itself is drawn at 100% of its container. */
export const MAP_WIDTH = 320;
/** A long, narrow district is fitted into this height instead, centred across. */
export const MAP_MAX_HEIGHT = 360;
const PADDING = 12;
/** A district is never a point, but a bad box must not divide by zero. */
const MIN_SPAN = 1e-6;

/** Fits the box into a viewBox MAP_WIDTH wide (at most MAP_MAX_HEIGHT high), north up. */
export function fitProjection([minLon, minLat, maxLon, maxLat]: BoundingBox, width = MAP_WIDTH, maxHeight = MAP_MAX_HEIGHT): MapProjection {
  const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * xScale, MIN_SPAN);
  const spanY = Math.max(maxLat - minLat, MIN_SPAN);
  const scale = Math.min((width - 2 * PADDING) / spanX, (maxHeight - 2 * PADDING) / spanY);
  const height = spanY * scale + 2 * PADDING;
  const left = (width - spanX * scale) / 2;
  return {
    width,
    height,
    project: ({ lat, lon }) => ({ x: left + (lon - minLon) * xScale * scale, y: PADDING + (maxLat - lat) * scale }),
    unproject: (x, y) => ({ lon: minLon + (x - left) / (xScale * scale), lat: maxLat - (y - PADDING) / scale }),
  };
}

/** The outline as SVG path data, one closed subpath a ring; draw with fill-rule="evenodd" for the holes. */
export function outlinePath(polygons: MultiPolygon, projection: MapProjection): string {
  const parts: string[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const points = ring.map(([lon, lat]) => projection.project({ lat, lon })).map(({ x, y }) => `${x.toFixed(1)} ${y.toFixed(1)}`);
      if (points.length > 0) parts.push(`M${points.join('L')}Z`);
    }
  }
  return parts.join('');
}

/** Whether a position lies inside the district's outline (holes excluded). */
export function insideOutline(polygons: MultiPolygon, { lat, lon }: LatLon): boolean {
  return pointInMultiPolygon(polygons, lon, lat);
}

/**
 * Where a click at (clientX, clientY) falls in the viewBox, given the SVG's box on screen.
 * The default preserveAspectRatio ("xMidYMid meet") centres the drawing when the box's shape
 * differs from the viewBox's, so the margin is taken off first.
 */
export function clientToViewBox(
  box: { left: number; top: number; width: number; height: number },
  viewBox: { width: number; height: number },
  clientX: number,
  clientY: number,
): { x: number; y: number } {
  const scale = Math.min(box.width / viewBox.width, box.height / viewBox.height) || 1;
  const marginX = (box.width - viewBox.width * scale) / 2;
  const marginY = (box.height - viewBox.height * scale) / 2;
  return { x: (clientX - box.left - marginX) / scale, y: (clientY - box.top - marginY) / scale };
}

/** Six decimals (about 10 cm), as the device's position is kept. */
export function roundPosition({ lat, lon }: LatLon): LatLon {
  return { lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)) };
}

/** Keyboard steps in viewBox units: about 1.5% of the map, five times that with Shift. */
export const PIN_STEP = 5;
export const PIN_STEP_LARGE = 25;

const ARROWS: Record<string, { dx: number; dy: number }> = {
  ArrowUp: { dx: 0, dy: -1 },
  ArrowDown: { dx: 0, dy: 1 },
  ArrowLeft: { dx: -1, dy: 0 },
  ArrowRight: { dx: 1, dy: 0 },
};

export function isArrowKey(key: string): boolean {
  return key in ARROWS;
}

/** The pin moved one step by an arrow key (on screen: up is north), or null for another key. */
export function nudge(value: LatLon, key: string, projection: MapProjection, step = PIN_STEP): LatLon | null {
  const arrow = ARROWS[key];
  if (!arrow) return null;
  const { x, y } = projection.project(value);
  return roundPosition(projection.unproject(x + arrow.dx * step, y + arrow.dy * step));
}

/**
 * A point inside the outline to start the keyboard pin from: the middle of the box when the
 * district covers it, otherwise the first inside point of ever finer grids over the box (a
 * crescent-shaped or island district), and a vertex of the outline as the last resort.
 */
export function interiorPoint(polygons: MultiPolygon, [minLon, minLat, maxLon, maxLat]: BoundingBox): LatLon {
  for (const cells of [2, 4, 8, 16, 32]) {
    let best: LatLon | null = null;
    let bestDistance = Infinity;
    for (let i = 1; i < cells; i++) {
      for (let j = 1; j < cells; j++) {
        const candidate = { lon: minLon + ((maxLon - minLon) * i) / cells, lat: minLat + ((maxLat - minLat) * j) / cells };
        if (!insideOutline(polygons, candidate)) continue;
        // Of the inside points, the one nearest the middle of the box.
        const distance = (i / cells - 0.5) ** 2 + (j / cells - 0.5) ** 2;
        if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
      }
    }
    if (best) return roundPosition(best);
  }
  const [lon = (minLon + maxLon) / 2, lat = (minLat + maxLat) / 2] = polygons[0]?.[0]?.[0] ?? [];
  return roundPosition({ lat, lon });
}
