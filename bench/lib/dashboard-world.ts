/**
 * bench/dashboard's database: the whole seed agency network (the 1111 hub, the ministries, the
 * BMA's 50 district offices, the provinces' Damrongtham centres …), two CCEOs to ask the
 * dashboard as, and N generated cases with their rollups, in a cluster kept under a directory
 * named by N, the seed and the generator's version: a later run with the same key starts it
 * and measures at once.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../../src/server/agencies/passwords.ts';
import { insertAgencies, insertUser } from '../../src/server/agencies/queries.ts';
import { recountRollupsIfNeeded } from '../../src/server/dashboard/rollups.ts';
import { migrate, openDatabase, type Database } from '../../src/server/platform/database.ts';
import { loadAdminAreas } from '../../src/server/seed/admin-areas.ts';
import { buildAgencyTree, HUB_CODE } from '../../src/server/seed/agency-tree.ts';
import { seedReferenceData } from '../../src/server/seed/reference-data.ts';
import { DISTRIBUTIONS_VERSION, loadCaseDistributions } from './case-distributions.ts';
import { fillRollups, generateCases, type CaseHolders } from './case-generator.ts';
import type { Resources } from './common.ts';
import { BANGKOK_PROVINCE_CODE } from './complaints.ts';
import { startKeptCluster } from './kept-cluster.ts';
import { round } from './stats.ts';

/**
 * Bumped when what is generated changes: older kept databases are then generated again. A new
 * migration needs no bump: a kept database gets it when it is opened (not a migration edited
 * after it was applied: migrations are known by their name).
 */
export const WORLD_VERSION = `${DISTRIBUTIONS_VERSION}.4`;
export const WORLD_PASSWORD = 'bench-dashboard-1';
/** The national root's CCEO and a Bangkok district office's. */
export const WORLD_USERS = [
  { username: 'bench.root.cceo', agencyCode: HUB_CODE },
  { username: 'bench.d1001.cceo', agencyCode: 'bma-d1001' },
] as const;

/** What the generation took and made, kept beside the data (generated.json). */
export interface WorldInfo {
  key: string;
  cases: number;
  seed: number;
  /** The generated cases' today (ISO instant): the dashboard is asked as of it. */
  until: string;
  distributions: string;
  generateSeconds: number;
  rollupSeconds: number;
  vacuumSeconds: number;
  storage: Record<string, string>;
}

export interface OpenedWorld {
  db: Database;
  url: string;
  logFile: string;
  engine: string;
  directory: string;
  info: WorldInfo;
  /** False when the kept database was reused. */
  generated: boolean;
}

export interface WorldOptions {
  cases: number;
  seed: number;
  /** Parent of the kept clusters. */
  baseDir: string;
  poolSize: number;
  log: (line: string) => void;
}

export function worldKey({ cases, seed }: Pick<WorldOptions, 'cases' | 'seed'>): string {
  return `cases-${cases}-seed-${seed}-v${WORLD_VERSION}`;
}

/** The kept database of `options`, generated first when there is none (or an unfinished one). */
export async function openWorld(options: WorldOptions, resources: Resources): Promise<OpenedWorld | { reason: string }> {
  const key = worldKey(options);
  const directory = path.join(options.baseDir, key);
  const infoFile = path.join(directory, 'generated.json');
  // A generation that did not finish leaves no generated.json: start again from an empty cluster.
  const fresh = !existsSync(infoFile);
  if (fresh && existsSync(directory)) options.log(`${directory}: unfinished generation, starting again`);
  if (fresh) rmSync(directory, { recursive: true, force: true });
  const cluster = await startKeptCluster(directory, resources);
  if ('reason' in cluster) return cluster;
  const db = await openDatabase({ url: cluster.url, maxConnections: options.poolSize });
  resources.add('the pool', () => db.close());
  const engine = `PostgreSQL ${cluster.version}, cluster kept in ${directory} (fsync, synchronous_commit and autovacuum off, shared_buffers 1GB)`;
  if (!fresh) {
    await upgradeKeptWorld(db, options.log);
    return { db, url: cluster.url, logFile: cluster.logFile, engine, directory, info: JSON.parse(readFileSync(infoFile, 'utf8')) as WorldInfo, generated: false };
  }
  const info = await generateWorld(db, key, options);
  writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`);
  return { db, url: cluster.url, logFile: cluster.logFile, engine, directory, info, generated: true };
}

/**
 * A kept database gets the migrations written since it was generated, and the rollups' summing or
 * recount any of them asks for, as an installation does at its next start (timed: what the
 * upgrade of a hub of that size takes), then VACUUM ANALYZE as autovacuum would in the end, so
 * that the plans measured are the settled ones.
 */
async function upgradeKeptWorld(db: Database, log: (line: string) => void): Promise<void> {
  let started = performance.now();
  const applied = await migrate(db);
  if (applied.length === 0) return;
  // A migration may also ask for the counters to be summed or counted again, which the start does.
  const recounted = await recountRollupsIfNeeded(db, false);
  log(`applied ${applied.join(', ')} to the kept database${recounted > 0 ? ` and counted ${recounted.toLocaleString('en')} cases again` : ''} in ${round((performance.now() - started) / 1000, 1)} s`);
  started = performance.now();
  await db.query('VACUUM ANALYZE');
  log(`VACUUM ANALYZE after them: ${round((performance.now() - started) / 1000, 1)} s`);
}

async function generateWorld(db: Database, key: string, options: WorldOptions): Promise<WorldInfo> {
  await migrate(db);
  await seedReferenceData(db);
  await insertAgencies(db, buildAgencyTree(loadAdminAreas()));
  const passwordHash = await hashPassword(WORLD_PASSWORD);
  const agencies = await db.query<{ id: string; code: string; area_codes: string[] }>('SELECT id, code, area_codes FROM agencies');
  const idOf = (code: string) => agencies.find((row) => row.code === code)?.id ?? '';
  for (const user of WORLD_USERS) await insertUser(db, { ...user, role: 'cceo', displayName: user.username, passwordHash });

  const holders: CaseHolders = { byDistrict: new Map(), byProvince: new Map(), fallback: idOf(HUB_CODE) };
  for (const row of agencies) {
    const [area] = row.area_codes;
    if (row.code.startsWith('bma-d') && area) (holders.byDistrict as Map<string, string>).set(area, row.id);
    if (row.code.startsWith('dtc-p') && area && area !== BANGKOK_PROVINCE_CODE) (holders.byProvince as Map<string, string>).set(area, row.id);
  }
  (holders.byProvince as Map<string, string>).set(BANGKOK_PROVINCE_CODE, idOf('bma'));

  const distributions = loadCaseDistributions();
  const until = new Date();
  options.log(`generating ${options.cases.toLocaleString('en')} cases (${distributions.source}) into ${key}`);
  let started = performance.now();
  const progress = (what: string) => (done: number) => {
    if (done % 500_000 < 20_000 || done === options.cases) options.log(`  ${what} ${done.toLocaleString('en')} (${Math.round(done / ((performance.now() - started) / 1000))}/s)`);
  };
  await generateCases(db, { count: options.cases, distributions, holders, until, years: 3, otherProvincesShare: 0.3, seed: options.seed, onBatch: progress('cases') });
  const generateSeconds = round((performance.now() - started) / 1000, 1);
  started = performance.now();
  await fillRollups(db, { onBatch: progress('rollups') });
  const rollupSeconds = round((performance.now() - started) / 1000, 1);
  started = performance.now();
  await db.query('VACUUM ANALYZE');
  const vacuumSeconds = round((performance.now() - started) / 1000, 1);
  const storage: Record<string, string> = {};
  for (const table of ['cases', 'case_events', 'case_contacts', 'dashboard_daily', 'dashboard_monthly', 'dashboard_scope_daily', 'dashboard_scope_monthly', 'dashboard_open', 'dashboard_scope_open', 'dashboard_case_facts']) {
    const [row] = await db.query<{ size: string; rows: string }>(`SELECT pg_size_pretty(pg_total_relation_size('${table}')) AS size, (SELECT count(*) FROM ${table})::text AS rows`);
    storage[table] = `${row?.rows ?? '?'} rows, ${row?.size ?? '?'}`;
  }
  return { key, cases: options.cases, seed: options.seed, until: until.toISOString(), distributions: distributions.source, generateSeconds, rollupSeconds, vacuumSeconds, storage };
}
