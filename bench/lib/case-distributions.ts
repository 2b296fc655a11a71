/**
 * How generated cases are spread (bench/lib/case-generator.ts), learnt once from the Traffy
 * Fondue Bangkok tickets (../shared/data/traffy, see its README) and cached as a small JSON file,
 * so that a run of ten million cases does not read the 22 MB file again. Without the file, fixed
 * fallback shares of the same shape (the run says which it used).
 *
 * Learnt: the category (the ticket's first tag that a Rongthuk category lists as an alias, as
 * the classifier's labels map; untagged tickets left out), the Bangkok district, the hour,
 * weekday and month of receipt, the outcome (เสร็จสิ้น finished, ไม่เกี่ยวข้อง irrelevant →
 * rejected, the rest still open when captured), the share rated and the ratings, and the share
 * reopened. Not in the file, so assumed: the channel mix and the time to resolve.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCsvTable } from '../../src/shared/csv.ts';
import { CATEGORY_SEED } from '../../src/server/seed/categories.ts';
import { BANGKOK_DISTRICT_CODES } from './complaints.ts';
import { bangkokDistrictsByName, DEFAULT_TRAFFY_FILE } from './duplicate-texts.ts';

/** Bumped whenever the shape or the learning changes: it keys the cache and generated databases. */
export const DISTRIBUTIONS_VERSION = 1;

/** Weights by key (they need not sum to 1). */
export type Weights = Array<[key: string, weight: number]>;

export interface CaseDistributions {
  version: number;
  /** Where the shares come from, for the report. */
  source: string;
  categories: Weights;
  districts: Weights;
  channels: Weights;
  /** Weights of the hour of receipt (Bangkok time), 0–23. */
  hours: number[];
  /** Weights of the ISO weekday, Monday first. */
  weekdays: number[];
  /** Weights of the month, January first. */
  months: number[];
  /** Shares of all cases: resolved (finished), rejected; the rest was still open when captured. */
  resolvedShare: number;
  rejectedShare: number;
  /** Calendar days from receipt to resolution: a log-normal with this median and 90th percentile (assumed). */
  resolveDaysMedian: number;
  resolveDaysP90: number;
  /** Of the resolved cases, the share rated, and the ratings 1–5. */
  ratedShare: number;
  ratings: number[];
  reopenedShare: number;
}

/** The channel mix, assumed (Traffy is LINE and web only): online first, then the hotline and counters. */
const CHANNEL_MIX: Weights = [
  ['line', 40],
  ['web', 20],
  ['mobile_app', 14],
  ['hotline', 12],
  ['counter', 6],
  ['facebook', 4],
  ['email', 2],
  ['post', 1],
  ['suggestion_box', 1],
];

const ASSUMED = { channels: CHANNEL_MIX, resolveDaysMedian: 6, resolveDaysP90: 40 } as const;

/** The fallback without the Traffy file: rough shares of the same kind. */
export const FALLBACK_DISTRIBUTIONS: CaseDistributions = {
  version: DISTRIBUTIONS_VERSION,
  source: 'built-in fallback shares (the Traffy file was not found)',
  categories: [
    ['road', 20],
    ['flood', 12],
    ['sidewalk', 10],
    ['lighting', 9],
    ['waste', 9],
    ['drainage', 8],
    ['obstruction', 8],
    ['safety', 7],
    ['traffic', 6],
    ['noise', 4],
    ['power-lines', 4],
    ['trees', 3],
  ],
  districts: BANGKOK_DISTRICT_CODES.map((code) => [code, 1]),
  hours: Array.from({ length: 24 }, (_, hour) => (hour >= 7 && hour <= 21 ? 4 : 1)),
  weekdays: [5, 5, 5, 5, 5, 3, 3],
  months: Array.from({ length: 12 }, () => 1),
  resolvedShare: 0.7,
  rejectedShare: 0.08,
  ratedShare: 0.3,
  ratings: [10, 5, 10, 20, 55],
  reopenedShare: 0.03,
  ...ASSUMED,
};

/** The cache of the learnt shares: a temporary directory unless `RONGTHUK_BENCH_CACHE` names another. */
export function distributionsCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.RONGTHUK_BENCH_CACHE ?? path.join(os.tmpdir(), 'rongthuk-bench-cache'), `case-distributions-v${DISTRIBUTIONS_VERSION}.json`);
}

/** The shares: from the cache, else learnt from `traffyFile` (and cached), else the fallback. */
export function loadCaseDistributions(traffyFile = DEFAULT_TRAFFY_FILE, cacheFile = distributionsCacheFile()): CaseDistributions {
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as CaseDistributions;
    if (cached.version === DISTRIBUTIONS_VERSION) return cached;
  }
  if (traffyFile === 'synthetic' || !existsSync(traffyFile)) return FALLBACK_DISTRIBUTIONS;
  const learnt = learnFromTraffy(traffyFile);
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, `${JSON.stringify(learnt)}\n`);
  return learnt;
}

/** Traffy tag (Thai) → Rongthuk category code, from the categories' aliases. */
function categoriesByTag(): Map<string, string> {
  const byTag = new Map<string, string>();
  for (const category of CATEGORY_SEED) for (const alias of category.aliases ?? []) byTag.set(alias, category.code);
  return byTag;
}

const FINISHED = 'เสร็จสิ้น';
const IRRELEVANT = 'ไม่เกี่ยวข้อง';

function count(tally: number[], at: number): void {
  tally[at] = (tally[at] ?? 0) + 1;
}

function learnFromTraffy(file: string): CaseDistributions {
  const {
    body,
    columns: [timeAt, typeAt, districtAt, stateAt, starAt, reopenAt],
  } = parseCsvTable(gunzipSync(readFileSync(file)).toString('utf8'), file, ['timestamp', 'type', 'district', 'state', 'star', 'count_reopen']);
  const byTag = categoriesByTag();
  const districtByName = bangkokDistrictsByName();
  const categories = new Map<string, number>();
  const districts = new Map<string, number>();
  const hours = Array.from({ length: 24 }, () => 0);
  const weekdays = Array.from({ length: 7 }, () => 0);
  const months = Array.from({ length: 12 }, () => 0);
  const ratings = [0, 0, 0, 0, 0];
  let finished = 0;
  let irrelevant = 0;
  let rated = 0;
  let reopened = 0;
  for (const { fields } of body) {
    const category = (fields[typeAt] ?? '')
      .split(',')
      .map((tag) => byTag.get(tag.trim()))
      .find(Boolean);
    if (category) categories.set(category, (categories.get(category) ?? 0) + 1);
    const district = districtByName.get((fields[districtAt] ?? '').trim());
    if (district) districts.set(district, (districts.get(district) ?? 0) + 1);
    const at = Date.parse((fields[timeAt] ?? '').replace(' ', 'T').replace(/\+00$/, 'Z'));
    if (Number.isFinite(at)) {
      // Bangkok time: UTC+7, no daylight saving.
      const local = new Date(at + 7 * 3_600_000);
      count(hours, local.getUTCHours());
      count(weekdays, (local.getUTCDay() + 6) % 7);
      count(months, local.getUTCMonth());
    }
    const state = (fields[stateAt] ?? '').trim();
    if (state === FINISHED) finished++;
    if (state === IRRELEVANT) irrelevant++;
    const star = Number(fields[starAt]);
    if (state === FINISHED && star >= 1 && star <= 5) {
      rated++;
      count(ratings, star - 1);
    }
    if (Number(fields[reopenAt]) > 0) reopened++;
  }
  // The file covers late May–December: a month with few tickets (none, or only its last days) gets the mean of the others.
  const total = months.reduce((sum, count) => sum + count, 0);
  const full = months.filter((count) => count > total / 60);
  const mean = full.reduce((sum, count) => sum + count, 0) / Math.max(1, full.length);
  return {
    version: DISTRIBUTIONS_VERSION,
    source: `Traffy Fondue Bangkok 2022 (${path.basename(file)}, ${body.length} tickets)`,
    categories: [...categories].sort(([a], [b]) => a.localeCompare(b)),
    districts: [...districts].sort(([a], [b]) => a.localeCompare(b)),
    hours,
    weekdays,
    months: months.map((count) => (count > total / 60 ? count : Math.round(mean))),
    resolvedShare: finished / body.length,
    rejectedShare: irrelevant / body.length,
    ratedShare: rated / Math.max(1, finished),
    ratings,
    reopenedShare: reopened / body.length,
    ...ASSUMED,
    channels: [...ASSUMED.channels],
  };
}
