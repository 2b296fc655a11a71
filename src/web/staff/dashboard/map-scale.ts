/**
 * The colours of the dashboard's map: a province's count falls in one of five shades, each an
 * equal fifth of the largest count (rounded up, so the legend's limits are whole numbers); a
 * province with none stays in the background shade. Pure, so it is unit tested.
 */

export const SHADES = 5;

/** The upper limit of each shade, for the legend: [1–a], [a+1–b], … up to `max`. */
export function shadeLimits(max: number): number[] {
  if (max <= 0) return [];
  const limits = Array.from({ length: SHADES }, (_, i) => Math.ceil((max * (i + 1)) / SHADES));
  return limits.filter((limit, i) => i === 0 || limit > (limits[i - 1] ?? 0));
}

/** 0 for none, then 1 to SHADES: the shade of `count` under the limits of {@link shadeLimits}. */
export function shadeOf(count: number, limits: readonly number[]): number {
  if (count <= 0) return 0;
  const index = limits.findIndex((limit) => count <= limit);
  return (index < 0 ? limits.length - 1 : index) + 1 + (SHADES - limits.length);
}
