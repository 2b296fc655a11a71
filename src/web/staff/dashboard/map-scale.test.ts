import { describe, expect, it } from 'vitest';
import { shadeLimits, shadeOf } from './map-scale.ts';

describe('the map shades', () => {
  it('splits the largest count into five whole steps', () => {
    expect(shadeLimits(100)).toEqual([20, 40, 60, 80, 100]);
    expect(shadeLimits(7)).toEqual([2, 3, 5, 6, 7]);
    expect(shadeLimits(0)).toEqual([]);
  });

  it('keeps fewer steps for small counts, the largest always darkest', () => {
    expect(shadeLimits(2)).toEqual([1, 2]);
    expect(shadeOf(2, shadeLimits(2))).toBe(5);
    expect(shadeOf(1, shadeLimits(2))).toBe(4);
  });

  it('gives none the background and each count its step', () => {
    const limits = shadeLimits(100);
    expect([0, 1, 20, 21, 99, 100].map((count) => shadeOf(count, limits))).toEqual([0, 1, 1, 2, 5, 5]);
  });
});
