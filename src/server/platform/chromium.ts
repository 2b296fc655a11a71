/**
 * The machine's headless Chromium (Debian's package, or CHROMIUM_PATH): what prints the report's
 * memo to PDF, and what the browser tests, the web benchmark and the screenshot scripts drive.
 * playwright-core brings no browser of its own, so nothing is downloaded at install.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's Chromium (or CHROMIUM_PATH), or undefined when it is not installed. */
export function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate as string));
}

/** No background connections (refused here), no sandbox as root, no GPU. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Starts the machine's Chromium headless; throws when there is none. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed (Debian package chromium, or set CHROMIUM_PATH)');
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
