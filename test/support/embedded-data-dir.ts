/**
 * Temporary data directories for the embedded database (src/server/platform/embedded-server.ts),
 * for tests, benchmarks and scripts that run the app's own PostgreSQL server under one.
 *
 * When we are root the server runs as another user (postgres or nobody), who must be able to
 * reach the directory: it is made under /tmp (TMPDIR may be private) and made searchable.
 * Removing one stops a server still running in it first, so nothing outlives the directory.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLUSTER_SUBDIR, readPostmasterFile } from '../../src/server/platform/embedded-server.ts';
import { processExists, serverUser } from '../../src/server/platform/postgres-server.ts';

/** The folder temporary data directories go in: one the server's user can reach. */
export function dataDirParent(): string {
  return serverUser() ? '/tmp' : os.tmpdir();
}

/** A new empty data directory named `<prefix>…` that the embedded server may run under. */
export function createEmbeddedDataDir(prefix: string): string {
  const dir = mkdtempSync(path.join(dataDirParent(), prefix));
  // Searchable, not readable: the server's user only passes through to its own postgres/.
  if (serverUser()) chmodSync(dir, 0o711);
  return dir;
}

/**
 * Removes a data directory; an embedded server still running in it (its last user never
 * closed it, or was killed) is shut down first. Returns whether one had to be shut down.
 */
export function removeEmbeddedDataDir(dir: string): boolean {
  const leftRunning = stopServerIn(dir);
  rmSync(dir, { recursive: true, force: true });
  return leftRunning;
}

/** Removes the data directories named `<prefix><pid>-…` whose process has gone (killed outright). */
export function removeStaleDataDirs(prefix: string): void {
  const parent = dataDirParent();
  for (const name of readdirSync(parent)) {
    const pid = Number(new RegExp(`^${prefix}(\\d+)-`).exec(name)?.[1]);
    if (pid && pid !== process.pid && !processExists(pid)) removeEmbeddedDataDir(path.join(parent, name));
  }
}

/** Whether `line` is one of the embedded server's informational lines (creating, starting, stopping it). */
export function isEmbeddedServerLine(line: string): boolean {
  return /\bthe embedded PostgreSQL\b/.test(line);
}

/** Whether an embedded server runs in the data directory now. */
export function embeddedServerRunning(dir: string): boolean {
  const postmaster = readPostmasterFile(path.join(dir, CLUSTER_SUBDIR));
  return postmaster !== null && processExists(postmaster.pid);
}

const SHUTDOWN_WAIT_MS = 30_000;

/** SIGQUIT is PostgreSQL's immediate shutdown: the files are thrown away next, nothing to save. */
function stopServerIn(dir: string): boolean {
  const postmaster = readPostmasterFile(path.join(dir, CLUSTER_SUBDIR));
  if (!postmaster || !processExists(postmaster.pid)) return false;
  try {
    process.kill(postmaster.pid, 'SIGQUIT');
  } catch {
    return true;
  }
  // Synchronous, so that it also works in an exit handler.
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + SHUTDOWN_WAIT_MS;
  while (processExists(postmaster.pid) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 50);
  return true;
}
