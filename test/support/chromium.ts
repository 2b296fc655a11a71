/**
 * What the browser tests, the web benchmark and the screenshot script share: building the
 * web app with the project's Vite config, and starting Debian's Chromium with flags for a
 * machine whose network is closed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Debian's Chromium (or CHROMIUM_PATH), or undefined when it is not installed. */
export const CHROMIUM_PATH = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate): candidate is string => Boolean(candidate) && existsSync(candidate as string),
);

/** No background connections (refused here), no sandbox as root, no GPU. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH) throw new Error('Chromium is not installed (Debian package chromium, or set CHROMIUM_PATH)');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Builds the web app into `outDir` (a couple of seconds) and returns it. */
export async function buildWebApp(outDir: string, logLevel: 'error' | 'warn' = 'error'): Promise<string> {
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which Vite would honour with React's development build: build
  // what `npm run build:web` ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel, build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
