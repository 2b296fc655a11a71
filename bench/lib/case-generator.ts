/**
 * Generated cases for benchmarks, spread as the Traffy Bangkok tickets are (case-distributions.ts),
 * written set-wise (one `INSERT … SELECT FROM unnest(…)` per batch for cases, contacts and
 * events) into a database the app migrated and seeded. Each case is consistent as the app would
 * leave it: a status by its age and outcome, resolved_at / closed_at with it, a due date 15
 * business days (three calendar weeks) after receipt, its initial contact and sometimes a
 * follow-up, a rating for some resolved cases, and the events the dashboard counts (reopened,
 * extended, info_requested, rejected, merged).
 *
 * {@link fillRollups} then counts them into the dashboard's rollups with the app's own pure
 * `caseFactsOf` and counter statements, batch by batch, and sums the monthly and scope counters
 * from those set-wise (rebuildRollups does it all in one transaction, with every counter in
 * memory: too much for millions of cases).
 */
import { randomUUID } from 'node:crypto';
import { addCalendarDays, bangkokDate, type IsoDate } from '../../src/shared/business-days.ts';
import { z } from 'zod';
import { addFacts, caseFactsOf, factsDelta, type CaseFacts } from '../../src/server/dashboard/case-facts.ts';
import { addToCounters, addToOpen, deriveScopeCounters, loadFactSources, markRollupsCounted, storeFacts } from '../../src/server/dashboard/rollup-queries.ts';
import { queryRows } from '../../src/server/platform/rows.ts';
import type { Database, Queryable } from '../../src/server/platform/database.ts';
import { loadHolidays } from '../../src/server/sla/holiday-queries.ts';
import type { CaseDistributions, Weights } from './case-distributions.ts';
import { BANGKOK_PROVINCE_CODE, seededRandom } from './complaints.ts';

/** Who holds the generated cases: a Bangkok district's office, else the province's, else one agency. */
export interface CaseHolders {
  byDistrict: ReadonlyMap<string, string>;
  byProvince: ReadonlyMap<string, string>;
  fallback: string;
}

export interface GenerateOptions {
  count: number;
  distributions: CaseDistributions;
  holders: CaseHolders;
  /** Cases are received over the `years` years before `until` (the benchmark's today). */
  until: Date;
  years: number;
  /** Share of cases outside Bangkok, spread over the provinces of `holders.byProvince`. */
  otherProvincesShare: number;
  seed: number;
  /** Tracking codes are `<prefix><number>`: another prefix adds cases to a database that has some. */
  trackingPrefix?: string;
  batchSize?: number;
  onBatch?: (done: number) => void;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** 15 business days, about three calendar weeks: the default SLA. */
const DUE_AFTER_DAYS = 21;
const EXTENDED_SHARE = 0.06;
const PAUSED_SHARE = 0.05;
const MERGED_SHARE = 0.02;
const FOLLOW_UP_SHARE = 0.08;
/** Resolved cases are closed once the citizen's confirmation window has passed. */
const CLOSED_AFTER_DAYS = 10;

/** Draws keys by weight. */
function picker(weights: Weights, random: () => number): () => string {
  const keys = weights.map(([key]) => key);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of weights) cumulative.push((total += weight));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return keys[low] ?? keys[0] ?? '';
  };
}

const indexed = (weights: readonly number[]): Weights => weights.map((weight, index) => [String(index), weight]);

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Batch {
  cases: { id: string[]; tracking: string[]; channel: string[]; status: string[]; category: Array<string | null>; province: string[]; district: Array<string | null>; holder: string[]; receivedAt: string[]; due: string[]; resolvedAt: Array<string | null>; closedAt: Array<string | null>; mergedInto: Array<string | null>; satisfaction: Array<number | null>; slaState: string[] };
  contacts: { caseId: string[]; at: string[]; channel: string[]; kind: string[] };
  ratings: { caseId: string[]; at: string[]; rating: number[] };
  events: { caseId: string[]; seq: number[]; at: string[]; type: string[] };
}

const emptyBatch = (): Batch => ({
  cases: { id: [], tracking: [], channel: [], status: [], category: [], province: [], district: [], holder: [], receivedAt: [], due: [], resolvedAt: [], closedAt: [], mergedInto: [], satisfaction: [], slaState: [] },
  contacts: { caseId: [], at: [], channel: [], kind: [] },
  ratings: { caseId: [], at: [], rating: [] },
  events: { caseId: [], seq: [], at: [], type: [] },
});

/** Writes `count` generated cases; returns how many. Deterministic for a seed (ids aside). */
export async function generateCases(db: Queryable, options: GenerateOptions): Promise<number> {
  const { distributions: d, holders, until, count } = options;
  const random = seededRandom(options.seed);
  const pick = {
    category: picker(d.categories, random),
    district: picker(d.districts, random),
    channel: picker(d.channels, random),
    hour: picker(indexed(d.hours), random),
    rating: picker(indexed(d.ratings), random),
    province: picker([...holders.byProvince.keys()].filter((code) => code !== BANGKOK_PROVINCE_CODE).map((code) => [code, 1]), random),
  };
  // A day of the span, by the weight of its month and weekday.
  const untilMs = until.getTime();
  const spanDays = Math.round(options.years * 365);
  const dayWeights: Weights = [];
  for (let back = 0; back < spanDays; back++) {
    const day = new Date(untilMs - back * DAY_MS + 7 * HOUR_MS);
    dayWeights.push([String(back), (d.months[day.getUTCMonth()] ?? 1) * (d.weekdays[(day.getUTCDay() + 6) % 7] ?? 1)]);
  }
  const pickDaysBack = picker(dayWeights, random);
  const sigma = Math.log(d.resolveDaysP90 / d.resolveDaysMedian) / 1.2816;
  const batchSize = options.batchSize ?? 20_000;
  const prefix = options.trackingPrefix ?? 'G';
  const iso = (ms: number) => new Date(ms).toISOString();

  let done = 0;
  while (done < count) {
    const batch = emptyBatch();
    const size = Math.min(batchSize, count - done);
    for (let i = 0; i < size; i++) {
      const id = randomUUID();
      const c = batch.cases;
      const bangkok = random() >= options.otherProvincesShare || holders.byProvince.size === 0;
      const province = bangkok ? BANGKOK_PROVINCE_CODE : pick.province();
      const district = bangkok ? pick.district() : null;
      const holder = (district && holders.byDistrict.get(district)) ?? holders.byProvince.get(province) ?? holders.fallback;
      // Midnight Bangkok of the day, then the hour and a minute within it; never after `until`.
      const dayStart = Math.floor((untilMs + 7 * HOUR_MS) / DAY_MS) * DAY_MS - 7 * HOUR_MS - Number(pickDaysBack()) * DAY_MS;
      const received = Math.min(untilMs - 60_000, dayStart + Number(pick.hour()) * HOUR_MS + Math.floor(random() * HOUR_MS));
      const receivedOn = bangkokDate(new Date(received));
      const due = addCalendarDays(receivedOn, DUE_AFTER_DAYS);
      const channel = pick.channel();
      const outcome = random();
      const resolveAfter = Math.exp(Math.log(d.resolveDaysMedian) + sigma * normal(random)) * DAY_MS;
      const rejected = outcome < d.rejectedShare;
      const merged = !rejected && outcome < d.rejectedShare + MERGED_SHARE && c.id.length > 0;
      const settles = outcome < d.rejectedShare + MERGED_SHARE + d.resolvedShare + (1 - d.resolvedShare - d.rejectedShare) * 0.9;
      const settledAt = received + resolveAfter;
      const settled = settles && settledAt < untilMs;
      const events: Array<[type: string, at: number]> = [];
      let status: string;
      let resolvedAt: number | null = null;
      let closedAt: number | null = null;
      let satisfaction: number | null = null;
      const ageDays = (untilMs - received) / DAY_MS;
      if (settled && rejected) {
        status = 'rejected';
        closedAt = settledAt;
        events.push(['rejected', settledAt]);
      } else if (settled && merged) {
        status = 'merged';
        closedAt = settledAt;
        events.push(['merged', settledAt]);
      } else if (settled) {
        resolvedAt = settledAt;
        status = untilMs - settledAt > CLOSED_AFTER_DAYS * DAY_MS ? 'closed' : 'resolved';
        if (status === 'closed') closedAt = settledAt + CLOSED_AFTER_DAYS * DAY_MS;
        if (random() < d.ratedShare) {
          const ratedAt = Math.min(untilMs - 1000, settledAt + random() * 3 * DAY_MS);
          satisfaction = Number(pick.rating()) + 1;
          batch.ratings.caseId.push(id);
          batch.ratings.at.push(iso(ratedAt));
          batch.ratings.rating.push(satisfaction);
        }
        if (random() < d.reopenedShare) events.push(['reopened', received + resolveAfter * random()]);
      } else {
        status = ageDays < 0.5 ? (random() < 0.5 ? 'received' : 'screening') : (['assigned', 'in_progress', 'in_progress', 'awaiting_info'][Math.floor(random() * 4)] ?? 'in_progress');
      }
      const end = resolvedAt ?? closedAt ?? untilMs;
      if (random() < EXTENDED_SHARE) events.push(['extended', received + (end - received) * random()]);
      if (status === 'awaiting_info' || random() < PAUSED_SHARE) events.push(['info_requested', received + (end - received) * random()]);
      events.sort(([, a], [, b]) => a - b);
      events.forEach(([type, at], seq) => {
        batch.events.caseId.push(id);
        batch.events.seq.push(seq + 1);
        batch.events.at.push(iso(at));
        batch.events.type.push(type);
      });
      batch.contacts.caseId.push(id);
      batch.contacts.at.push(iso(received));
      batch.contacts.channel.push(channel);
      batch.contacts.kind.push('initial');
      if (random() < FOLLOW_UP_SHARE) {
        batch.contacts.caseId.push(id);
        batch.contacts.at.push(iso(received + (end - received) * random()));
        batch.contacts.channel.push(random() < 0.6 ? 'hotline' : channel);
        batch.contacts.kind.push('follow_up');
      }
      const resolvedOn = resolvedAt === null ? null : bangkokDate(new Date(resolvedAt));
      c.id.push(id);
      c.tracking.push(`${prefix}${done + i}`);
      c.channel.push(channel);
      c.status.push(status);
      c.category.push(random() < 0.03 ? null : pick.category());
      c.province.push(province);
      c.district.push(district);
      c.holder.push(holder);
      c.receivedAt.push(iso(received));
      c.due.push(due);
      c.resolvedAt.push(resolvedAt === null ? null : iso(resolvedAt));
      c.closedAt.push(closedAt === null ? null : iso(closedAt));
      c.mergedInto.push(status === 'merged' ? (c.id[Math.floor(random() * (c.id.length - 1))] ?? null) : null);
      c.satisfaction.push(satisfaction);
      c.slaState.push(resolvedOn ? (resolvedOn <= due ? 'met' : 'missed') : due < bangkokDate(until) ? 'overdue' : 'on_track');
    }
    await writeBatch(db, batch);
    done += size;
    options.onBatch?.(done);
  }
  return done;
}

async function writeBatch(db: Queryable, { cases: c, contacts, ratings, events }: Batch): Promise<void> {
  await db.query(
    `INSERT INTO cases (id, tracking_code, access_key_hash, channel, status, description, category_code, province_code, district_code,
                        receiving_agency_id, holder_agency_id, received_at, due_date, due_soon_from, progress_due_on, resolved_at, closed_at,
                        merged_into_case_id, satisfaction, sla_state, created_at, updated_at)
     SELECT id, tracking, 'generated', channel, status, 'เรื่องร้องเรียนที่สร้างขึ้นเพื่อทดสอบ', category, province, district,
            holder, holder, received, due, due - 3, due, resolved, closed, merged_into, satisfaction, sla_state, received, coalesce(closed, resolved, received)
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::timestamptz[], $10::date[],
                 $11::timestamptz[], $12::timestamptz[], $13::uuid[], $14::smallint[], $15::text[])
       AS g(id, tracking, channel, status, category, province, district, holder, received, due, resolved, closed, merged_into, satisfaction, sla_state)`,
    [c.id, c.tracking, c.channel, c.status, c.category, c.province, c.district, c.holder, c.receivedAt, c.due, c.resolvedAt, c.closedAt, c.mergedInto, c.satisfaction, c.slaState],
  );
  await db.query(`INSERT INTO case_contacts (case_id, at, channel, kind) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[])`, [
    contacts.caseId,
    contacts.at,
    contacts.channel,
    contacts.kind,
  ]);
  await db.query(`INSERT INTO case_feedback (case_id, at, rating, reopened) SELECT *, false FROM unnest($1::uuid[], $2::timestamptz[], $3::smallint[])`, [
    ratings.caseId,
    ratings.at,
    ratings.rating,
  ]);
  await db.query(`INSERT INTO case_events (case_id, seq, at, type, visibility) SELECT *, 'internal' FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[])`, [
    events.caseId,
    events.seq,
    events.at,
    events.type,
  ]);
}

/**
 * Counts every case into the dashboard's rollups, for a database whose rollups are empty (freshly
 * generated); `rongthuk rollups verify` checks it, and test/case-generator.test.ts does on both
 * engines. Each case's contribution is worked out by the app's `caseFactsOf` (the rules every
 * case change applies) and added to the per-holder daily and open counters with the app's
 * statements, `batchSize` cases a transaction in the order they were received (a batch's counters
 * are then a few days'); the monthly and scope counters, which the app keeps by the same sums
 * (case-facts.ts: monthlyDelta, scopeDelta, scopeOpenDelta), are then summed set-wise in SQL from
 * the per-holder ones — per case, they are a hundred rows or more.
 */
export async function fillRollups(db: Database, options: { batchSize?: number; onBatch?: (done: number) => void } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 20_000;
  const holidays = await loadHolidays(db, '1900-01-01', addCalendarDays(bangkokDate(new Date()), 3650));
  let done = 0;
  let after: { receivedAt: string; id: string } | null = null;
  for (;;) {
    const ids = await caseIdsInReceiptOrder(db, after, batchSize);
    if (ids.length === 0) break;
    after = ids.at(-1) ?? null;
    await db.transaction(async (tx) => {
      const totals: CaseFacts = { daily: {}, open: {} };
      const sources = await loadFactSources(
        tx,
        ids.map((row) => row.id),
      );
      const batch = [...sources].map(([caseId, { record, history }]) => ({ caseId, facts: caseFactsOf(record, history, holidays as ReadonlySet<IsoDate>) }));
      for (const { facts } of batch) addFacts(totals, facts);
      for (let i = 0; i < batch.length; i += 5000) await storeFacts(tx, batch.slice(i, i + 5000));
      const daily = factsDelta({}, totals.daily);
      const open = factsDelta({}, totals.open);
      for (let i = 0; i < daily.length; i += 10_000) await addToCounters(tx, 'dashboard_daily', daily.slice(i, i + 10_000));
      for (let i = 0; i < open.length; i += 10_000) await addToOpen(tx, open.slice(i, i + 10_000));
    });
    done += ids.length;
    options.onBatch?.(done);
  }
  await db.transaction(async (tx) => {
    await sumMonthlyAndScopeCounters(tx);
    // As a start after the migrations would (app.ts): the rollups count every case now.
    await markRollupsCounted(tx);
  });
  return done;
}

const ReceiptRow = z.object({ receivedAt: z.string(), id: z.string() });

/** The next `limit` cases after `after` in the order received. */
async function caseIdsInReceiptOrder(db: Queryable, after: { receivedAt: string; id: string } | null, limit: number): Promise<Array<z.output<typeof ReceiptRow>>> {
  return queryRows(
    db,
    ReceiptRow,
    `SELECT received_at::text AS received_at, id FROM cases
     WHERE $1::timestamptz IS NULL OR (received_at, id) > ($1::timestamptz, $2::uuid)
     ORDER BY received_at, id LIMIT $3`,
    [after?.receivedAt ?? null, after?.id ?? null, limit],
  );
}

/**
 * The monthly counters summed from the daily ones (monthlyDelta's rule), then the scope counters
 * from the per-holder ones as a start after migration 0026 does (rollup-queries.ts).
 */
export async function sumMonthlyAndScopeCounters(tx: Queryable): Promise<void> {
  await tx.query(`SET LOCAL work_mem = '1GB'`);
  await tx.query(
    `INSERT INTO dashboard_monthly (agency_id, month, metric, category_code, channel, province_code, district_code, bucket, count)
     SELECT agency_id, date_trunc('month', day)::date, metric, category_code, channel, province_code, district_code, bucket, sum(count)
     FROM dashboard_daily GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(count) <> 0`,
  );
  await deriveScopeCounters(tx);
}
