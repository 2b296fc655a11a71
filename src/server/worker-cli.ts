/** `rongthuk worker`: runs background jobs only, no web server — for scaling jobs out. */
import { hostname } from 'node:os';
import { createAppWorker, openInstallation } from './app.ts';
import { describeDatabase } from './platform/bootstrap.ts';
import type { Config } from './platform/config.ts';
import { createLogger } from './platform/logging.ts';

export interface WorkerOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Opens the installation (migrating it), runs a job worker until SIGINT or SIGTERM (or until
 * `options.until` settles, for tests), waits for the running jobs, and returns the exit code.
 */
export async function runWorker(config: Config, output: WorkerOutput, options: { until?: Promise<unknown> } = {}): Promise<number> {
  const logger = createLogger({ level: config.logLevel });
  const ctx = await openInstallation(config, { role: 'worker', log: output.err });
  const id = `${hostname()}:${process.pid}`;
  const worker = createAppWorker(ctx, { id, logger });
  try {
    worker.start();
    output.out(`Rongthuk worker ${id} is running on ${describeDatabase(ctx)}`);
    await (options.until ?? stopSignal());
  } finally {
    await worker.stop();
    await ctx.db.close();
  }
  output.out('worker stopped');
  return 0;
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
