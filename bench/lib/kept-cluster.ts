/**
 * A PostgreSQL cluster in a directory that outlives the benchmark (unlike the test suite's
 * throwaway clusters): generated once, started again by the next run, so that a benchmark over
 * millions of generated cases measures in minutes after the first time. Started on a free port
 * of 127.0.0.1 and stopped (`pg_ctl stop -m fast`, the data kept) when the run ends.
 */
import { chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { asUser, runCommand, serverUser, waitForServer } from '../../src/server/platform/postgres-server.ts';
import { findPostgresBinaries, initCluster, startOnFreePort, TEST_SETTINGS } from '../../test/support/postgres-cluster.ts';
import type { Resources } from './common.ts';

/** As the throwaway clusters (no durability: an upper bound), with a cache fit for millions of rows and PostgreSQL's default parallelism. */
const SETTINGS: Record<string, string> = {
  ...TEST_SETTINGS,
  max_wal_size: "'4GB'",
  shared_buffers: "'1GB'",
  maintenance_work_mem: "'512MB'",
  max_parallel_workers_per_gather: '2',
};

export interface KeptCluster {
  url: string;
  /** The server's log (auto_explain writes its plans there). */
  logFile: string;
  /** PostgreSQL version of the binaries. */
  version: string;
  /** True when this run created the cluster (it holds nothing yet). */
  created: boolean;
}

/** Starts the cluster kept in `directory` (created, initdb, when missing); stopped with `resources`. */
export async function startKeptCluster(directory: string, resources: Resources): Promise<KeptCluster | { reason: string }> {
  const binaries = findPostgresBinaries();
  if (!binaries) return { reason: 'PostgreSQL server binaries not found (install the Debian package postgresql)' };
  const user = serverUser();
  const dataDir = path.join(directory, 'data');
  const logFile = path.join(directory, 'postgres.log');
  const created = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (created) {
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
    if (user) chownSync(directory, user.uid, user.gid);
    await initCluster(binaries, user, { dataDir, cwd: directory, heading: 'Rongthuk benchmark cluster, kept between runs (bench/lib/kept-cluster.ts)', settings: SETTINGS });
  }
  const port = await startOnFreePort(binaries, user, { dataDir, logFile, cwd: directory, waitSeconds: 300 });
  resources.add('the kept PostgreSQL cluster (stopped, its data kept)', async () => {
    await runCommand('pg_ctl stop', asUser(user, binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '300']), directory, 310_000);
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitForServer(url, 300_000);
  return { url, logFile, version: binaries.version, created };
}
