/**
 * What every benchmark entry point shares: Ctrl-C (or SIGTERM) stops the load early and lets
 * the benchmark close its server, database and cluster; a second one quits at once (the
 * cluster's own exit handlers still stop it). The exit code is 0 only when the run was sound.
 */
import { pathToFileURL } from 'node:url';

export type BenchmarkRun = (signal: AbortSignal) => Promise<boolean>;

/** A wrong knob or argument: reported in one line, without a stack. */
export class BenchUsageError extends Error {}

export async function runWithInterrupt(run: BenchmarkRun): Promise<void> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      console.error(`${signal} again: quitting at once`);
      process.exit(130);
    }
    console.error(`${signal}: stopping the load and cleaning up (again to quit at once)`);
    controller.abort();
    // The test cluster's own signal handler stops PostgreSQL at once, under the running load:
    // a pooled connection that was between two queries then reports the loss as an uncaught
    // 'error'. Expected after an interrupt: say so in one line; exit handlers still clean up.
    process.once('uncaughtException', (error) => {
      console.error(`interrupted: ${error.message} (the database was stopped under load)`);
      process.exit(130);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const ok = await run(controller.signal);
    process.exitCode = controller.signal.aborted ? 130 : ok ? 0 : 1;
  } catch (error) {
    if (error instanceof BenchUsageError) console.error(`bench: ${error.message}`);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** True when `moduleUrl` is the script node was started with (not imported by another). */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(script).href === moduleUrl;
}
