import { describe, expect, it } from 'vitest';
import { boundingBox, inBoundingBox, pointInMultiPolygon, pointInPolygon, pointInRing, type Polygon, type Ring } from './polygon.ts';

const square = (x0: number, y0: number, size: number): Ring => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];
/** A 10° square with a 4° hole in the middle. */
const framed: Polygon = [square(0, 0, 10), square(3, 3, 4)];

describe('pointInRing', () => {
  it('tells inside from outside, for a concave ring too', () => {
    expect(pointInRing(square(0, 0, 10), 5, 5)).toBe(true);
    expect(pointInRing(square(0, 0, 10), 11, 5)).toBe(false);
    expect(pointInRing(square(0, 0, 10), -0.001, 5)).toBe(false);
    // A "U": the notch between its arms is outside.
    const u: Ring = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    expect(pointInRing(u, 1.5, 2)).toBe(false);
    expect(pointInRing(u, 0.5, 2)).toBe(true);
    expect(pointInRing(u, 1.5, 0.5)).toBe(true);
  });

  it('accepts a ring that is not closed', () => {
    expect(pointInRing(square(0, 0, 10).slice(0, 4), 5, 5)).toBe(true);
  });
});

describe('pointInPolygon and pointInMultiPolygon', () => {
  it('leaves the holes out', () => {
    expect(pointInPolygon(framed, 1, 1)).toBe(true);
    expect(pointInPolygon(framed, 5, 5)).toBe(false);
    expect(pointInPolygon([], 5, 5)).toBe(false);
  });

  it('finds a point in any part of a MultiPolygon, island or mainland', () => {
    const islands = [framed, [square(20, 20, 1)]];
    expect(pointInMultiPolygon(islands, 20.5, 20.5)).toBe(true);
    expect(pointInMultiPolygon(islands, 1, 1)).toBe(true);
    expect(pointInMultiPolygon(islands, 5, 5)).toBe(false);
    expect(pointInMultiPolygon(islands, 15, 15)).toBe(false);
  });
});

describe('boundingBox', () => {
  it('spans every part, and refuses an empty shape', () => {
    const box = boundingBox([framed, [square(20, -5, 1)]]);
    expect(box).toEqual([0, -5, 21, 10]);
    expect(inBoundingBox(box, 21, 10)).toBe(true);
    expect(inBoundingBox(box, 21.1, 10)).toBe(false);
    expect(() => boundingBox([])).toThrow();
  });
});
