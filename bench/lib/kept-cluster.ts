/**
 * A PostgreSQL cluster in a directory that outlives the benchmark (unlike the test suite's
 * throwaway clusters): generated once, started again by the next run, so that a benchmark over
 * millions of generated cases measures in minutes after the first time. Started on a free port
 * of 127.0.0.1 and stopped (`pg_ctl stop -m fast`, the data kept) when the run ends.
 */
import { chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { asUser, findFreePort, logTail, runCommand, serverUser, settingsBlock, startServerOnPort, waitForServer } from '../../src/server/platform/postgres-server.ts';
import { findPostgresBinaries } from '../../test/support/postgres-cluster.ts';
import type { Resources } from './common.ts';

/** As the throwaway clusters (no durability: an upper bound), with a cache fit for millions of rows. */
const SETTINGS: Record<string, string> = {
  listen_addresses: "'127.0.0.1'",
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  max_wal_size: "'4GB'",
  checkpoint_timeout: "'30min'",
  shared_buffers: "'1GB'",
  maintenance_work_mem: "'512MB'",
  jit: 'off',
  autovacuum: 'off',
  log_min_messages: 'warning',
  timezone: "'UTC'",
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
    await runCommand('initdb', asUser(user, binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']), directory, 120_000);
    await appendFile(path.join(dataDir, 'postgresql.conf'), settingsBlock('Rongthuk benchmark cluster, kept between runs (bench/lib/kept-cluster.ts)', { ...SETTINGS, unix_socket_directories: `'${directory}'` }));
  }
  const port = await startServerOnPort(binaries, user, {
    clusterDir: dataDir,
    logFile,
    cwd: directory,
    waitSeconds: 300,
    portFor: () => findFreePort(),
    retryWhenTaken: true,
    failureLog: () => `(${logFile})\n${logTail(logFile)}`,
  });
  resources.add('the kept PostgreSQL cluster (stopped, its data kept)', async () => {
    await runCommand('pg_ctl stop', asUser(user, binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '300']), directory, 310_000);
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitForServer(url, 300_000);
  return { url, logFile, version: binaries.version, created };
}
