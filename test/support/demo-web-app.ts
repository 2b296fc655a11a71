/**
 * The demo installation in a temporary data directory (its own embedded server), serving a
 * fresh build of the web app on a local port: for the web benchmark and the README's screenshots.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, openInstallation } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import type { AppContext } from '../../src/server/platform/context.ts';
import { seedDemoData } from '../../src/server/seed/demo.ts';
import { buildWebApp } from './chromium.ts';
import { createEmbeddedDataDir, removeEmbeddedDataDir } from './embedded-data-dir.ts';

export interface DemoWebApp {
  ctx: AppContext;
  app: FastifyInstance;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** The directory the web app was built into. */
  webDir: string;
  close(): Promise<void>;
}

export async function startDemoWebApp(workDir: string): Promise<DemoWebApp> {
  const webDir = await buildWebApp(path.join(workDir, 'web'), 'warn');
  // Not inside workDir: the embedded server's user (when we are root) must be able to reach it.
  const dataDir = createEmbeddedDataDir('rongthuk-demo-data-');
  const config = { ...loadConfig({ RONGTHUK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), webDir, filesDir: path.join(workDir, 'files') };
  let ctx: AppContext;
  try {
    ctx = await openInstallation(config, { role: 'demo' });
  } catch (error) {
    removeEmbeddedDataDir(dataDir);
    throw error;
  }
  let app: FastifyInstance | undefined;
  const close = async () => {
    try {
      await app?.close();
      await ctx.db.close();
    } finally {
      removeEmbeddedDataDir(dataDir);
    }
  };
  try {
    app = await buildApp(ctx);
    await seedDemoData(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the demo app is not listening on a port');
    return { ctx, app, baseUrl: `http://127.0.0.1:${address.port}`, webDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}
