/**
 * The citizen pages' first download stays small for phones on slow connections: at most
 * 150 KB of gzipped JavaScript (the staff console, administration and the QR encoder are
 * loaded only when needed). Sizes are deterministic for a given build, so this is a test;
 * timings live in the web benchmark.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from './support/chromium.ts';
import { readBundle, weigh } from './support/web-bundle.ts';

describe('the web bundle', () => {
  let outDir = '';
  beforeAll(async () => {
    outDir = await buildWebApp(path.join(mkdtempSync(path.join(os.tmpdir(), 'rongthuk-bundle-')), 'web'));
  }, 120_000);
  afterAll(() => rmSync(path.dirname(outDir), { recursive: true, force: true }));

  it('gives the citizen pages at most 150 KB of gzipped JavaScript up front', () => {
    const { citizen, filesOf } = readBundle(outDir);
    const weight = weigh(outDir, filesOf(citizen));
    expect(weight.files).toBeGreaterThan(0);
    expect(weight.gzipKb).toBeLessThanOrEqual(150);
  });

  it('keeps the staff console, administration and the QR encoder out of the first download', () => {
    const { citizen, dynamicArea, filesOf } = readBundle(outDir);
    const first = new Set(filesOf(citizen));
    for (const area of [/StaffApp/, /AdminApp/, /qrcode|browser/]) {
      const chunks = filesOf(dynamicArea(area));
      expect(chunks.length, String(area)).toBeGreaterThan(0);
      for (const chunk of chunks) expect(first.has(chunk), `${area} ${chunk}`).toBe(false);
    }
  });

  it("loads the chart library with the dashboard only, not with the console's other pages", () => {
    const { citizen, dynamicArea, filesOf } = readBundle(outDir);
    // A message only Chart.js carries, whatever the minifier renames.
    const hasChartJs = (files: readonly string[]) => files.some((file) => readFileSync(path.join(outDir, file), 'utf8').includes('Canvas is already in use'));
    expect(hasChartJs(filesOf(dynamicArea(/DashboardPage/)))).toBe(true);
    expect(hasChartJs(filesOf(dynamicArea(/StaffApp/)))).toBe(false);
    expect(hasChartJs(filesOf(citizen))).toBe(false);
  });
});
