/**
 * Complaint texts for bench/duplicate-lookup: real ones when the Traffy Fondue Bangkok
 * complaints file is there (../shared/data/traffy, see its README), else a deterministic
 * synthetic set (bench/lib/complaints.ts: Thai templates × roads, soi numbers and landmarks).
 * Band collisions depend on how alike the texts are, so the real texts are preferred: they
 * repeat ("ไฟถนนดับ", "ป้ายกองโจร" hundreds of times) as a complaint centre's do.
 *
 * Every tenth text is held out: the look-ups send those as new complaints, so some are
 * unrelated to every stored case while others happen to resemble many.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { parseCsvTable } from '../../src/shared/csv.ts';
import { loadAdminAreas } from '../../src/server/seed/admin-areas.ts';
import { BANGKOK_PROVINCE_CODE, makeComplaint, seededRandom } from './complaints.ts';
import { round } from './stats.ts';

/** A complaint text and the Bangkok district it was filed in (null: not known). */
export interface SourceText {
  text: string;
  districtCode: string | null;
}

export interface TextSource {
  kind: 'traffy' | 'synthetic';
  /** What was read, for the report. */
  description: string;
  /** Texts the stored cases are made from. */
  corpus: SourceText[];
  /** Texts kept aside for the look-ups. */
  heldOut: SourceText[];
  readSeconds: number;
}

/** The Traffy file next to the repository (/work/shared/data when the repository is /work/main). */
export const DEFAULT_TRAFFY_FILE = fileURLToPath(new URL('../../../shared/data/traffy/bangkok-2022.csv.gz', import.meta.url));

const HOLD_OUT_EVERY = 10;
const SYNTHETIC_CORPUS = 60_000;
const SYNTHETIC_SEED = 2569;

/** Bangkok's districts by Thai name ("บางรัก", also "เขตบางรัก") → DOPA code ("1004"). */
export function bangkokDistrictsByName(): Map<string, string> {
  const byName = new Map<string, string>();
  for (const area of loadAdminAreas()) {
    if (area.level !== 'district' || area.parentCode !== BANGKOK_PROVINCE_CODE) continue;
    const name = area.nameTh.replace(/^เขต\s*/, '').trim();
    byName.set(name, area.code);
  }
  return byName;
}

function readTraffy(file: string): TextSource {
  const started = performance.now();
  const {
    body,
    columns: [commentAt, districtAt],
  } = parseCsvTable(gunzipSync(readFileSync(file)).toString('utf8'), file, ['comment', 'district']);
  const districts = bangkokDistrictsByName();
  const corpus: SourceText[] = [];
  const heldOut: SourceText[] = [];
  body.forEach((record, index) => {
    const text = (record.fields[commentAt] ?? '').trim();
    if (!text) return;
    const districtCode = districts.get((record.fields[districtAt] ?? '').trim()) ?? null;
    (index % HOLD_OUT_EVERY === 0 ? heldOut : corpus).push({ text, districtCode });
  });
  return {
    kind: 'traffy',
    description: `Traffy Fondue Bangkok complaints 2022 (${file}): ${corpus.length.toLocaleString('en')} texts for cases, ${heldOut.length.toLocaleString('en')} held out`,
    corpus,
    heldOut,
    readSeconds: round((performance.now() - started) / 1000, 1),
  };
}

function synthetic(): TextSource {
  const started = performance.now();
  const make = (count: number, seed: number): SourceText[] => {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => {
      const body = makeComplaint(random);
      return { text: [body.title, body.description, body.location.address].filter(Boolean).join(' '), districtCode: body.location.districtCode };
    });
  };
  const corpus = make(SYNTHETIC_CORPUS, SYNTHETIC_SEED);
  const heldOut = make(SYNTHETIC_CORPUS / HOLD_OUT_EVERY, SYNTHETIC_SEED + 1);
  return {
    kind: 'synthetic',
    description: `synthetic (bench/lib/complaints.ts templates × places, seed ${SYNTHETIC_SEED}): ${corpus.length.toLocaleString('en')} texts for cases, ${heldOut.length.toLocaleString('en')} held out`,
    corpus,
    heldOut,
    readSeconds: round((performance.now() - started) / 1000, 1),
  };
}

/** The Traffy texts in `file` when it exists (and `file` is not "synthetic"), else the synthetic set. */
export function loadTextSource(file: string): TextSource {
  if (file !== 'synthetic' && existsSync(file)) return readTraffy(file);
  return synthetic();
}
