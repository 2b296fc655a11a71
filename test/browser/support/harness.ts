/**
 * Browser-test harness: the real app (Fastify, the real database, the built web app) on a
 * local port, driven in Debian's Chromium through playwright-core. Each suite runs once on
 * each engine (as the API suites do), with the test network and users of
 * test/support/app.ts (password TEST_PASSWORD).
 *
 * Without Chromium the suites are skipped with a note — except in CI, where `.ci/run`
 * installs it and a missing browser is an error.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDataProtector } from '../../../src/server/platform/crypto.ts';
import type { AppContext } from '../../../src/server/platform/context.ts';
import type { Database } from '../../../src/server/platform/database.ts';
import { buildApp } from '../../../src/server/app.ts';
import { seedBangkokOffices, seedTestNetwork, TEST_CONFIG, TEST_DATA_KEY, TEST_PASSWORD } from '../../support/app.ts';
import { buildWebApp, CHROMIUM_PATH, launchChromium } from '../../support/chromium.ts';
import { DATABASE_HOOK_TIMEOUT, describeEachDatabase, type DatabaseKind } from '../../support/databases.ts';

export const BROWSER_TEST_TIMEOUT = 90_000;

export interface BrowserSuite {
  kind: DatabaseKind;
  db(): Database;
  ctx(): AppContext;
  app(): FastifyInstance;
  /** http://127.0.0.1:PORT */
  baseUrl(): string;
  /** A new page in a fresh browser context (own cookies and storage). */
  newPage(options?: { width?: number; height?: number; locale?: string }): Promise<Page>;
  /** Signs a test user in through the staff sign-in page. */
  signIn(page: Page, username: string): Promise<void>;
  /** Directory for files the test makes (photos to upload); removed after the suite. */
  workDir(): string;
}

/**
 * Defines `${name} [embedded]` and `${name} [postgres]` with the app listening on a port and a
 * Chromium to drive it; skipped (with a reason) where Chromium is missing outside CI.
 */
export function describeInBrowser(name: string, body: (suite: BrowserSuite) => void): void {
  if (!CHROMIUM_PATH) {
    if (process.env.CI === 'true') throw new Error('Chromium is missing: .ci/run installs Debian package chromium for the browser tests');
    describe.skip(`${name} (Chromium not installed: apt-get install chromium)`, () => {});
    return;
  }
  describeEachDatabase(name, ({ db, kind }) => {
    let app: FastifyInstance | undefined;
    let ctx: AppContext | undefined;
    let browser: Browser | undefined;
    let baseUrl = '';
    let workDir = '';
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      workDir = mkdtempSync(path.join(os.tmpdir(), 'rongthuk-browser-'));
      const webDir = await buildWebApp(path.join(workDir, 'web'));
      await seedTestNetwork(db());
      await seedBangkokOffices(db());
      ctx = {
        db: db(),
        config: { ...TEST_CONFIG, webDir, filesDir: path.join(workDir, 'files') },
        protector: createDataProtector(TEST_DATA_KEY),
        now: () => new Date(),
      };
      app = await buildApp(ctx);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('the test app is not listening on a port');
      baseUrl = `http://127.0.0.1:${address.port}`;
      browser = await launchChromium();
    }, DATABASE_HOOK_TIMEOUT * 2);

    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => {});
      await browser?.close();
      await app?.close();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
    }, DATABASE_HOOK_TIMEOUT);

    const suite: BrowserSuite = {
      kind,
      db,
      ctx: () => ctx ?? unavailable(),
      app: () => app ?? unavailable(),
      baseUrl: () => baseUrl || unavailable(),
      workDir: () => workDir || unavailable(),
      async newPage({ width = 390, height = 844, locale = 'th-TH' } = {}) {
        if (!browser) unavailable();
        const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height }, locale, timezoneId: 'Asia/Bangkok' });
        contexts.push(context);
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        return page;
      },
      async signIn(page, username) {
        await page.goto('/staff');
        await page.getByLabel(/ชื่อผู้ใช้|Username/).fill(username);
        await page.getByLabel(/รหัสผ่าน|Password/).fill(TEST_PASSWORD);
        await page.getByRole('button', { name: /เข้าสู่ระบบ|Sign in/ }).click();
        await page.getByRole('button', { name: /ออกจากระบบ|Sign out/ }).waitFor();
      },
    };
    body(suite);
  });
}

const requireFromHere = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/**
 * Runs axe-core on the page (WCAG 2.1 A and AA rules) and returns the violations. The script
 * goes in through the DevTools protocol, so the page's CSP (which allows only the app's own
 * scripts) stays as it is.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(requireFromHere.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target, html: node.html })) }));
  });
}

/** The serious and critical ones, in a form that reads well in a failed assertion. */
export function seriousViolations(violations: AxeViolation[]): string[] {
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

function unavailable(): never {
  throw new Error('the browser suite is only available inside tests and hooks');
}
