/**
 * The web app's weight and speed: builds it, sums the gzipped JavaScript a citizen's first
 * page downloads (the target is at most 150 KB), the staff and administration chunks, the
 * CSS and the Thai font files; then serves it with the demo data and loads the citizen and
 * staff pages cold in Debian's Chromium, several times each, for load times and bytes.
 *
 *   node --import tsx bench/run.ts web          (RONGTHUK_BENCH_WEB_LOADS=5)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/server/seed/demo.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { startDemoWebApp, type DemoWebApp } from '../test/support/demo-web-app.ts';
import { readBundle, weigh, type Weight } from '../test/support/web-bundle.ts';
import { formatTable, round } from './lib/stats.ts';

/** The issue's limit on the citizen pages' initial JavaScript, gzipped. */
export const CITIZEN_JS_LIMIT_KB = 150;


export interface WebOptions {
  loads: number;
}

export function webOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WebOptions {
  const loads = Number(env.RONGTHUK_BENCH_WEB_LOADS ?? 5);
  if (!Number.isInteger(loads) || loads < 1 || loads > 50) throw new Error('RONGTHUK_BENCH_WEB_LOADS must be an integer from 1 to 50');
  return { loads };
}

export async function runWebBenchmark(options: WebOptions, signal: AbortSignal): Promise<{ ok: boolean; citizenJsGzipKb: number }> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-bench-web-'));
  let demo: DemoWebApp | undefined;
  try {
    demo = await startDemoWebApp(workDir);
    const outDir = demo.webDir;
    const { manifest, citizen, dynamicArea, filesOf } = readBundle(outDir);
    const css = Object.values(manifest).flatMap((chunk) => chunk.css ?? []);
    const thaiFonts = [...new Set(Object.values(manifest).flatMap((chunk) => chunk.assets ?? []))].filter((file) => /sarabun-(thai|latin)-(400|600)-normal.*\.woff2$/.test(file));
    const rows: Array<[string, Weight]> = [
      ['citizen pages: initial JS', weigh(outDir, filesOf(citizen))],
      ['receipt QR encoder (on demand)', weigh(outDir, filesOf(dynamicArea(/qrcode|browser/)))],
      ['staff console chunk(s)', weigh(outDir, filesOf(dynamicArea(/StaffApp/)))],
      ['administration chunk(s)', weigh(outDir, filesOf(dynamicArea(/AdminApp/)))],
      ['CSS (all)', weigh(outDir, new Set(css))],
      ['Sarabun Thai+Latin 400/600 (woff2)', weigh(outDir, thaiFonts)],
    ];
    const citizenJsGzipKb = rows[0]?.[1].gzipKb ?? Number.NaN;
    console.log(formatTable(['what', 'files', 'raw KB', 'gzip -9 KB', 'brotli KB'], rows.map(([name, weight]) => [name, weight.files, weight.rawKb, weight.gzipKb, weight.brotliKb])));
    console.log(`citizen initial JS ${citizenJsGzipKb} KB gzipped: ${citizenJsGzipKb <= CITIZEN_JS_LIMIT_KB ? 'within' : 'OVER'} the ${CITIZEN_JS_LIMIT_KB} KB limit`);
    if (signal.aborted) return { ok: false, citizenJsGzipKb };
    await measurePages(demo, options, signal);
    return { ok: true, citizenJsGzipKb };
  } finally {
    await demo?.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Evaluated in the page (a string: the page's DOM types are not the benchmark's). */
const PAGE_TIMING = `(() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return {
    domContentLoadedMs: navigation.domContentLoadedEventEnd,
    loadMs: navigation.loadEventEnd,
    transferBytes: navigation.transferSize + resources.reduce((sum, resource) => sum + resource.transferSize, 0),
    requests: resources.length + 1,
  };
})()`;

interface PageLoad {
  readyMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  transferKb: number;
  requests: number;
}

async function measurePages({ app, baseUrl: base }: DemoWebApp, options: WebOptions, signal: AbortSignal): Promise<void> {
  let browser: Browser | undefined;
  try {
    const filed = await app.inject({ method: 'POST', url: '/api/v1/public/complaints', payload: { description: 'ไฟส่องสว่างในซอยดับมาหนึ่งสัปดาห์แล้ว มืดมาก อันตราย' } });
    const receipt = filed.json() as { trackingCode: string; accessKey: string };
    browser = await launchChromium();
    const pages: Array<{ name: string; url: string; ready: string; staff?: boolean }> = [
      { name: 'home /', url: '/', ready: 'h1' },
      { name: 'file /file', url: '/file', ready: 'input[type=radio] >> nth=1' },
      { name: 'track /track/:code', url: `/track/${receipt.trackingCode}#key=${receipt.accessKey}`, ready: '[data-testid="case-status"]' },
      { name: 'staff sign-in /staff', url: '/staff', ready: 'input[type=password]' },
      { name: 'staff inbox (signed in)', url: '/staff/inbox', ready: 'main h1', staff: true },
    ];
    const rows: Array<Array<string | number>> = [];
    for (const target of pages) {
      const loads: PageLoad[] = [];
      for (let attempt = 0; attempt < options.loads && !signal.aborted; attempt += 1) {
        // A fresh context each time: nothing cached, as on a citizen's first visit.
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: base });
        try {
          if (target.staff) {
            const login = await context.request.post('/api/v1/auth/login', { data: { username: 'hub.intake', password: DEMO_PASSWORD } });
            if (!login.ok()) throw new Error(`demo sign-in failed: ${login.status()}`);
          }
          const page = await context.newPage();
          const started = performance.now();
          await page.goto(target.url);
          await page.locator(target.ready).first().waitFor({ timeout: 30_000 });
          const readyMs = performance.now() - started;
          await page.waitForLoadState('load');
          const timing = (await page.evaluate(PAGE_TIMING)) as { domContentLoadedMs: number; loadMs: number; transferBytes: number; requests: number };
          loads.push({ readyMs, domContentLoadedMs: timing.domContentLoadedMs, loadMs: timing.loadMs, transferKb: timing.transferBytes / 1024, requests: timing.requests });
        } finally {
          await context.close();
        }
      }
      const median = (pick: (load: PageLoad) => number) => {
        const sorted = loads.map(pick).sort((a, b) => a - b);
        return round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, 0);
      };
      rows.push([target.name, loads.length, median((load) => load.readyMs), median((load) => load.domContentLoadedMs), median((load) => load.loadMs), median((load) => load.transferKb), median((load) => load.requests)]);
    }
    console.log(`\ncold page loads in Chromium over loopback (median of ${options.loads}; 390×844; no cache):`);
    console.log(formatTable(['page', 'loads', 'ready ms', 'DOMContentLoaded ms', 'load ms', 'transferred KB', 'requests'], rows));
  } finally {
    await browser?.close();
  }
}
