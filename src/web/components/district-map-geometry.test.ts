import { describe, expect, it } from 'vitest';
import { boundingBox, type MultiPolygon } from '../../shared/polygon.ts';
import {
  clientToViewBox,
  fitProjection,
  insideOutline,
  interiorPoint,
  MAP_MAX_HEIGHT,
  MAP_WIDTH,
  nudge,
  outlinePath,
  PIN_STEP,
  roundPosition,
} from './district-map-geometry.ts';

/** Phra Nakhon, Bangkok (1001), as shipped. */
const PHRA_NAKHON: MultiPolygon = [
  [
    [
      [100.49981, 13.73863],
      [100.5039, 13.74685],
      [100.5094, 13.76365],
      [100.49904, 13.77267],
      [100.49097, 13.76193],
      [100.4883, 13.74821],
      [100.49197, 13.74217],
      [100.49765, 13.73922],
      [100.49981, 13.73863],
    ],
  ],
];
const SANAM_LUANG = { lat: 13.7563, lon: 100.5018 };
const BANG_RAK_OFFICE = { lat: 13.7246, lon: 100.5296 };
/** A "U" 3° across whose middle is the notch, outside. */
const U_SHAPE: MultiPolygon = [[[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]]];

describe('fitProjection', () => {
  const projection = fitProjection(boundingBox(PHRA_NAKHON));

  it('unprojects what it projects', () => {
    for (const point of [SANAM_LUANG, BANG_RAK_OFFICE, { lat: 13.74, lon: 100.49 }]) {
      const { x, y } = projection.project(point);
      const back = projection.unproject(x, y);
      expect(back.lat).toBeCloseTo(point.lat, 9);
      expect(back.lon).toBeCloseTo(point.lon, 9);
    }
  });

  it('draws north up, fills the width of a squat district and keeps shapes true by cos(latitude)', () => {
    const squat = fitProjection([100, 14, 102, 14.5]);
    expect(squat.width).toBe(MAP_WIDTH);
    const west = squat.project({ lat: 14.25, lon: 100 });
    const east = squat.project({ lat: 14.25, lon: 102 });
    const north = squat.project({ lat: 14.5, lon: 101 });
    const south = squat.project({ lat: 14, lon: 101 });
    expect(west.x).toBeGreaterThan(0);
    expect(east.x).toBeLessThan(MAP_WIDTH);
    expect(east.x - west.x).toBeGreaterThan(MAP_WIDTH * 0.9);
    expect(north.y).toBeLessThan(south.y);
    // Half a degree of latitude against two degrees of longitude shrunk by cos(14.25°).
    expect((south.y - north.y) / (east.x - west.x)).toBeCloseTo(0.5 / (2 * Math.cos((14.25 * Math.PI) / 180)), 6);
    expect(squat.height).toBeLessThan(MAP_WIDTH);
  });

  it('fits a tall, narrow district into the maximum height, centred across', () => {
    const tall = fitProjection([99, 10, 99.2, 13]);
    expect(tall.height).toBeCloseTo(MAP_MAX_HEIGHT, 6);
    const left = tall.project({ lat: 11, lon: 99 }).x;
    const right = tall.project({ lat: 11, lon: 99.2 }).x;
    expect(left).toBeCloseTo(MAP_WIDTH - right, 6);
  });

  it('survives a box of no size', () => {
    const point = fitProjection([100, 13, 100, 13]);
    expect(Number.isFinite(point.height)).toBe(true);
    expect(Number.isFinite(point.project({ lat: 13, lon: 100 }).x)).toBe(true);
  });

  it('keeps the whole outline inside the viewBox', () => {
    for (const [lon, lat] of PHRA_NAKHON[0]![0]!) {
      const { x, y } = projection.project({ lat, lon });
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(projection.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(projection.height);
    }
  });
});

describe('outlinePath', () => {
  it('gives one closed subpath a ring, with one-decimal numbers', () => {
    const path = outlinePath([[[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.1], [0.8, 0.1], [0.8, 0.5], [0.2, 0.1]]]], fitProjection([0, 0, 1, 1]));
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/Z/g)).toHaveLength(2);
    expect(path).toMatch(/^M\d+(\.\d)? \d+(\.\d)?L/);
  });
});

describe('hit-testing a click', () => {
  const projection = fitProjection(boundingBox(PHRA_NAKHON));

  it('finds the click on the drawn map: screen → viewBox → position inside the outline', () => {
    // The SVG drawn at twice the viewBox size, 100 px from the page's corner.
    const box = { left: 100, top: 50, width: projection.width * 2, height: projection.height * 2 };
    const at = projection.project(SANAM_LUANG);
    const click = clientToViewBox(box, projection, box.left + at.x * 2, box.top + at.y * 2);
    const position = projection.unproject(click.x, click.y);
    expect(position.lat).toBeCloseTo(SANAM_LUANG.lat, 9);
    expect(insideOutline(PHRA_NAKHON, position)).toBe(true);
    // The corner of the map lies in the box but outside the district.
    const corner = clientToViewBox(box, projection, box.left + 2, box.top + 2);
    expect(insideOutline(PHRA_NAKHON, projection.unproject(corner.x, corner.y))).toBe(false);
    expect(insideOutline(PHRA_NAKHON, BANG_RAK_OFFICE)).toBe(false);
  });

  it('takes off the margin when the box is wider than the drawing (preserveAspectRatio meet)', () => {
    const box = { left: 0, top: 0, width: 1000, height: 100 };
    const viewBox = { width: 200, height: 100 };
    // Drawn 100 px high at scale 1, centred: 400 px of margin on each side.
    expect(clientToViewBox(box, viewBox, 400, 0)).toEqual({ x: 0, y: 0 });
    expect(clientToViewBox(box, viewBox, 600, 100)).toEqual({ x: 200, y: 100 });
  });
});

describe('keyboard', () => {
  const projection = fitProjection(boundingBox(PHRA_NAKHON));

  it('moves the pin north, south, east and west by a small step, and ignores other keys', () => {
    const up = nudge(SANAM_LUANG, 'ArrowUp', projection)!;
    const right = nudge(SANAM_LUANG, 'ArrowRight', projection)!;
    expect(up.lat).toBeGreaterThan(SANAM_LUANG.lat);
    expect(up.lon).toBeCloseTo(SANAM_LUANG.lon, 6);
    expect(nudge(SANAM_LUANG, 'ArrowDown', projection)!.lat).toBeLessThan(SANAM_LUANG.lat);
    expect(right.lon).toBeGreaterThan(SANAM_LUANG.lon);
    expect(nudge(SANAM_LUANG, 'ArrowLeft', projection)!.lon).toBeLessThan(SANAM_LUANG.lon);
    // A step is a few viewBox units: a few tens of metres in a district 3.5 km across.
    const { y: y0 } = projection.project(SANAM_LUANG);
    expect(y0 - projection.project(up).y).toBeCloseTo(PIN_STEP, 1);
    expect(nudge(SANAM_LUANG, 'Enter', projection)).toBeNull();
  });

  it('starts the pin inside the outline, even when the middle of the box is not', () => {
    expect(insideOutline(PHRA_NAKHON, interiorPoint(PHRA_NAKHON, boundingBox(PHRA_NAKHON)))).toBe(true);
    expect(insideOutline(U_SHAPE, { lat: 1.5, lon: 1.5 })).toBe(false);
    const start = interiorPoint(U_SHAPE, boundingBox(U_SHAPE));
    expect(insideOutline(U_SHAPE, start)).toBe(true);
  });

  it('rounds positions to six decimals', () => {
    expect(roundPosition({ lat: 13.75630049, lon: 100.5018 })).toEqual({ lat: 13.7563, lon: 100.5018 });
  });
});
