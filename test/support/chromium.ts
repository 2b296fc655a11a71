/**
 * What the browser tests, the web benchmark and the screenshot script share: building the
 * web app with the project's Vite config, and starting Debian's Chromium with flags for a
 * machine whose network is closed (src/server/platform/chromium.ts, which prints the memos too).
 */
import path from 'node:path';
import { chromiumPath } from '../../src/server/platform/chromium.ts';

export { launchChromium } from '../../src/server/platform/chromium.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Debian's Chromium (or CHROMIUM_PATH), or undefined when it is not installed. */
export const CHROMIUM_PATH = chromiumPath();

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
