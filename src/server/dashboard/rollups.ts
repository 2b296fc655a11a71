/**
 * The dashboard's rollups kept up as cases change: {@link syncCaseRollups} runs in the
 * transaction of every change to a case (intake, each staff action through commitEffect, the
 * citizen's message and rating) and applies to the counters the difference between what the
 * case contributed before and what it contributes now (case-facts.ts). {@link rebuildRollups}
 * and {@link verifyRollups} recount them from every case, for `rongthuk rollups rebuild|verify`.
 */
import { addCalendarDays, bangkokDate, type IsoDate } from '../../shared/business-days.ts';
import type { Database, Queryable } from '../platform/database.ts';
import { loadHolidays } from '../sla/holiday-queries.ts';
import { addFacts, caseFactsOf, dailyKey, factsDelta, monthlyDelta, openKey, parseDailyKey, parseOpenKey, scopeDelta, scopeKey, scopeOpenDelta, scopeOpenKey, type CaseFacts } from './case-facts.ts';
import { addToCounters, addToOpen, addToScopeCounters, addToScopeOpen, agencyPaths, deriveScopeCounters, lockCasesSkippingLocked, markRollupsCounted, markScopesDerived, rollupState, caseIdsAfter, casesWithoutFacts, clearRollups, findStoredFacts, loadFactSources, lockRollups, readRollups, storeFacts } from './rollup-queries.ts';

/** How many cases a recount reads at a time. */
const BATCH = 500;

/** Brings the counters up to date with the case as it is now, in the caller's transaction. */
export async function syncCaseRollups(tx: Queryable, caseId: string): Promise<void> {
  const source = (await loadFactSources(tx, [caseId])).get(caseId);
  if (!source) throw new Error(`case ${caseId} is missing`);
  const { record } = source;
  const holidays = record.resolvedAt ? await loadHolidays(tx, bangkokDate(record.receivedAt), bangkokDate(record.resolvedAt)) : new Set<IsoDate>();
  const after = caseFactsOf(record, source.history, holidays);
  const before = (await findStoredFacts(tx, caseId)) ?? { daily: {}, open: {} };
  const daily = factsDelta(before.daily, after.daily);
  const open = factsDelta(before.open, after.open);
  if (daily.length === 0 && open.length === 0) return;
  const monthly = monthlyDelta(daily);
  const holders = [...daily.map(([key]) => parseDailyKey(key).agencyId), ...open.map(([key]) => parseOpenKey(key).agencyId)];
  const paths = await agencyPaths(tx, [...new Set(holders)]);
  const pathOf = (agencyId: string) => paths.get(agencyId) ?? [];
  await addToCounters(tx, 'dashboard_daily', daily);
  await addToCounters(tx, 'dashboard_monthly', monthly);
  await addToScopeCounters(tx, 'dashboard_scope_daily', scopeDelta(daily, pathOf, 'day'));
  await addToScopeCounters(tx, 'dashboard_scope_monthly', scopeDelta(monthly, pathOf, 'month'));
  await addToOpen(tx, open);
  await addToScopeOpen(tx, scopeOpenDelta(open, pathOf));
  await storeFacts(tx, [{ caseId, facts: after }]);
}

/**
 * Counts the cases that count nowhere yet — after a migration emptied the rollups, or an
 * installation's cases from before they existed — a batch per transaction. Each batch holds the
 * counters for itself (live changes wait a moment) and takes only the cases no change holds now
 * (a case being changed is counted by that change, or by a later batch), so it never waits on a
 * live change that waits on it. Returns how many it counted.
 */
export async function backfillRollups(db: Database): Promise<number> {
  let done = 0;
  for (let ids = await casesWithoutFacts(db, BATCH); ids.length > 0; ids = await casesWithoutFacts(db, BATCH)) {
    const counted = await db.transaction(async (tx) => {
      await lockRollups(tx, 'exclusive');
      const free = await lockCasesSkippingLocked(tx, ids);
      for (const id of free) await syncCaseRollups(tx, id);
      return free.length;
    });
    // Every one of them held by a change: let those changes finish (they count their cases).
    if (counted === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    done += counted;
  }
  return done;
}

/**
 * Sums the scope counters from the per-holder ones when a migration asked for it, then counts
 * what is uncounted (backfillRollups) and records that the rollups are whole again.
 */
export async function recountRollupsIfNeeded(db: Database, force: boolean): Promise<number> {
  const state = await rollupState(db);
  if (!state.scopesDerived) {
    await db.transaction(async (tx) => {
      await lockRollups(tx, 'exclusive');
      // Another process may have done it while this one waited for the lock.
      if ((await rollupState(tx)).scopesDerived) return;
      await deriveScopeCounters(tx);
      await markScopesDerived(tx);
    });
  }
  if (!force && !state.recountNeeded) return 0;
  const counted = await backfillRollups(db);
  await markRollupsCounted(db);
  return counted;
}

/** Every case's contribution, recounted in batches; `each` sees each batch (a rebuild stores them). */
async function recount(db: Queryable, each?: (batch: Array<{ caseId: string; facts: CaseFacts }>) => Promise<void>): Promise<CaseFacts> {
  // The national calendar, whole: statistics span years.
  const holidays = await loadHolidays(db, '1900-01-01', addCalendarDays(bangkokDate(new Date()), 3650));
  const totals: CaseFacts = { daily: {}, open: {} };
  for (let ids = await caseIdsAfter(db, null, BATCH); ids.length > 0; ids = await caseIdsAfter(db, ids.at(-1) ?? null, BATCH)) {
    const batch = [...(await loadFactSources(db, ids))].map(([caseId, { record, history }]) => ({ caseId, facts: caseFactsOf(record, history, holidays) }));
    for (const { facts } of batch) addFacts(totals, facts);
    await each?.(batch);
  }
  return totals;
}

/**
 * Adds the contribution of many cases (their facts summed with addFacts) to every counter: daily,
 * monthly and open, in statements of bounded size. Returns how many counters it touched. A
 * rebuild uses it, and so does the benchmarks' case generator (the same counting, at scale).
 */
export async function addToRollups(tx: Queryable, totals: CaseFacts, pathOf: (agencyId: string) => readonly string[]): Promise<number> {
  const daily = factsDelta({}, totals.daily);
  const monthly = monthlyDelta(daily);
  const scopeDaily = scopeDelta(daily, pathOf, 'day');
  const scopeMonthly = scopeDelta(monthly, pathOf, 'month');
  const open = factsDelta({}, totals.open);
  const scopeOpen = scopeOpenDelta(open, pathOf);
  const writes: Array<[ReadonlyArray<readonly [string, number]>, (counts: ReadonlyArray<readonly [string, number]>) => Promise<void>]> = [
    [daily, (counts) => addToCounters(tx, 'dashboard_daily', counts)],
    [monthly, (counts) => addToCounters(tx, 'dashboard_monthly', counts)],
    [scopeDaily, (counts) => addToScopeCounters(tx, 'dashboard_scope_daily', counts)],
    [scopeMonthly, (counts) => addToScopeCounters(tx, 'dashboard_scope_monthly', counts)],
    [open, (counts) => addToOpen(tx, counts)],
    [scopeOpen, (counts) => addToScopeOpen(tx, counts)],
  ];
  const step = BATCH * 10;
  for (const [counts, write] of writes) for (let i = 0; i < counts.length; i += step) await write(counts.slice(i, i + step));
  return writes.reduce((sum, [counts]) => sum + counts.length, 0);
}

/** A counter whose stored count is not the recount's. */
export interface RollupDifference {
  table: 'dashboard_daily' | 'dashboard_monthly' | 'dashboard_scope_daily' | 'dashboard_scope_monthly' | 'dashboard_open' | 'dashboard_scope_open';
  key: string;
  expected: number;
  actual: number;
}

/** Every counter by key: the daily and open ones as a case's facts hold them, the monthly sums, and those of every scope. */
interface Counters extends CaseFacts {
  monthly: Record<string, number>;
  scopeDaily: Record<string, number>;
  scopeMonthly: Record<string, number>;
  scopeOpen: Record<string, number>;
}

/** The counters as stored, by key. */
async function storedRollups(tx: Queryable): Promise<Counters> {
  const stored = await readRollups(tx);
  const counters: Counters = { daily: {}, monthly: {}, scopeDaily: {}, scopeMonthly: {}, open: {}, scopeOpen: {} };
  for (const row of stored.daily) counters.daily[dailyKey(row)] = row.count;
  for (const row of stored.monthly) counters.monthly[dailyKey(row)] = row.count;
  for (const row of stored.scopeDaily) counters.scopeDaily[scopeKey(row)] = row.count;
  for (const row of stored.scopeMonthly) counters.scopeMonthly[scopeKey(row)] = row.count;
  for (const row of stored.open) counters.open[openKey(row)] = row.count;
  for (const row of stored.scopeOpen) counters.scopeOpen[scopeOpenKey(row)] = row.count;
  return counters;
}

/** The counters every case's facts add up to (`pathOf`: the agencies from the root down to a holder). */
function countersOf(totals: CaseFacts, pathOf: (agencyId: string) => readonly string[]): Counters {
  const daily = Object.entries(totals.daily);
  const monthly = monthlyDelta(daily);
  return {
    ...totals,
    monthly: Object.fromEntries(monthly),
    scopeDaily: Object.fromEntries(scopeDelta(daily, pathOf, 'day')),
    scopeMonthly: Object.fromEntries(scopeDelta(monthly, pathOf, 'month')),
    scopeOpen: Object.fromEntries(scopeOpenDelta(Object.entries(totals.open), pathOf)),
  };
}

function differences(expected: Counters, actual: Counters): RollupDifference[] {
  const compare = (table: RollupDifference['table'], want: Record<string, number>, have: Record<string, number>): RollupDifference[] =>
    factsDelta(want, have).map(([key, excess]) => ({ table, key, expected: want[key] ?? 0, actual: (want[key] ?? 0) + excess }));
  return [
    ...compare('dashboard_daily', expected.daily, actual.daily),
    ...compare('dashboard_monthly', expected.monthly, actual.monthly),
    ...compare('dashboard_scope_daily', expected.scopeDaily, actual.scopeDaily),
    ...compare('dashboard_scope_monthly', expected.scopeMonthly, actual.scopeMonthly),
    ...compare('dashboard_open', expected.open, actual.open),
    ...compare('dashboard_scope_open', expected.scopeOpen, actual.scopeOpen),
  ];
}

/**
 * Recounts every rollup from the cases and compares, in the caller's transaction (changes to
 * cases wait meanwhile); an empty list when they agree.
 */
export async function verifyRollups(tx: Queryable): Promise<RollupDifference[]> {
  await lockRollups(tx, 'share');
  const paths = await agencyPaths(tx, null);
  return differences(countersOf(await recount(tx), (id) => paths.get(id) ?? []), await storedRollups(tx));
}

/**
 * Rebuilds every rollup from the cases, in the caller's transaction (changes to cases wait
 * meanwhile); says how many counters were wrong before.
 */
export async function rebuildRollups(tx: Queryable): Promise<{ cases: number; counters: number; corrected: number }> {
  await lockRollups(tx, 'exclusive');
  const before = await storedRollups(tx);
  await clearRollups(tx);
  let cases = 0;
  const totals = await recount(tx, async (batch) => {
    cases += batch.length;
    await storeFacts(tx, batch);
  });
  const paths = await agencyPaths(tx, null);
  const pathOf = (id: string) => paths.get(id) ?? [];
  const counters = countersOf(totals, pathOf);
  const written = await addToRollups(tx, totals, pathOf);
  await markRollupsCounted(tx);
  return { cases, counters: written, corrected: differences(counters, before).length };
}
