/**
 * The stored cases and the look-ups of bench/duplicate-lookup. Case i is a pure function of i
 * (and the text source and benchmark day), so a database grown from 100,000 to 1,000,000 cases
 * holds the same first 100,000 as a fresh one, the embedded server holds what the throwaway
 * cluster holds, and the signatures computed for one database serve the next.
 *
 * Case i takes text i mod T of the corpus; its later copies (i ≥ T) drop one word or append
 * one, so a text recurs as a complaint centre sees it recur. 70 % are in Bangkok (province 10;
 * the text's own district, or another of the 50), 30 % in another province. Received over the
 * 365 days before the benchmark day; statuses by age (recent mostly open, older mostly closed,
 * some rejected or merged). 60 % have a complainant row (one per case, as intake stores it)
 * with a phone hash: most people complain once, some a few times, twenty very often.
 */
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../src/server/platform/database.ts';
import { loadAdminAreas } from '../../src/server/seed/admin-areas.ts';
import type { SimilarCaseQuery } from '../../src/server/triage/triage-case.ts';
import { FINAL_STATUSES, type CaseStatus } from '../../src/shared/case-model.ts';
import { redactPersonalData } from '../../src/shared/redaction.ts';
import { BAND_COUNT, SIGNATURE_SIZE, lshBands, minhashSignature, mix32 } from '../../src/shared/similarity.ts';
import { BANGKOK_DISTRICT_CODES, BANGKOK_PROVINCE_CODE } from './complaints.ts';
import type { SourceText, TextSource } from './duplicate-texts.ts';
import { round } from './stats.ts';

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 365;
const OTHER_PROVINCE_PERCENT = 30;
const COMPLAINANT_PERCENT = 60;
const FREQUENT_FILERS = 20;
const REGULAR_FILERS = 50_000;
/** Words people add when they file again (some are stop-words: the signature stays the same). */
const APPENDED_WORDS = ['ด่วน', 'ช่วยด้วย', 'อีกครั้ง', 'แจ้งซ้ำ', 'ยังไม่แก้ไข', 'ครับ', 'ค่ะ', 'เร่งด่วน', 'ตรวจสอบ', 'กรุณา', 'วันนี้', 'อันตราย', 'เดือดร้อน', 'นานแล้ว'];

/** Salts of the per-case choices: each choice draws its own hash of i. */
const Salt = { Place: 1, District: 2, Time: 3, Status: 4, Who: 5, Person: 6, Perturb: 7, Kind: 8, Pick: 9, QueryWho: 10, QueryPlace: 11 } as const;

/** A deterministic 32-bit hash of (i, salt). */
function hashOf(i: number, salt: number): number {
  return mix32(Math.imul(i + 1, 0x9e3779b1) ^ mix32(Math.imul(salt, 0x27d4eb2d) + (i >>> 30)));
}

function uuidOf(prefix: string, i: number): string {
  return `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface BenchComplainant {
  id: string;
  phoneHash: string;
  nationalIdHash: string | null;
  emailHash: string | null;
}

export interface BenchCase {
  index: number;
  id: string;
  text: string;
  provinceCode: string;
  districtCode: string;
  ageDays: number;
  receivedAt: Date;
  status: CaseStatus;
  resolvedAt: Date | null;
  closedAt: Date | null;
  complainant: BenchComplainant | null;
}

interface Province {
  code: string;
  districts: string[];
}

function otherProvinces(): Province[] {
  const byCode = new Map<string, string[]>();
  for (const area of loadAdminAreas()) {
    if (area.level === 'province' && area.code !== BANGKOK_PROVINCE_CODE) byCode.set(area.code, []);
  }
  for (const area of loadAdminAreas()) {
    if (area.level === 'district' && area.parentCode) byCode.get(area.parentCode)?.push(area.code);
  }
  return [...byCode].filter(([, districts]) => districts.length > 0).map(([code, districts]) => ({ code, districts }));
}

function pick<T>(items: readonly T[], h: number): T {
  const item = items[h % items.length];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Bangkok midnight of an ISO day. */
export function bangkokMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

function statusOf(ageDays: number, h: number): CaseStatus {
  const p = h % 100;
  if (ageDays <= 30) {
    if (p < 10) return 'received';
    if (p < 20) return 'screening';
    if (p < 35) return 'assigned';
    if (p < 70) return 'in_progress';
    if (p < 80) return 'awaiting_info';
    return p < 95 ? 'resolved' : 'closed';
  }
  if (p < 5) return 'in_progress';
  if (p < 15) return 'resolved';
  if (p < 90) return 'closed';
  return p < 96 ? 'rejected' : 'merged';
}

/** The text with one word (as ICU segments Thai) dropped, or one appended; `h` chooses. */
function perturb(text: string, words: Uint32Array, h: number): string {
  const count = words.length / 2;
  if (h % 2 === 0 && count >= 3) {
    const k = (h >>> 1) % count;
    return text.slice(0, words[2 * k]) + text.slice(words[2 * k + 1]);
  }
  return `${text} ${pick(APPENDED_WORDS, h >>> 1)}`;
}

const SEGMENTER = new Intl.Segmenter('th', { granularity: 'word' });

/** [start, end) of each word-like segment. */
function wordRanges(text: string): Uint32Array {
  const ranges: number[] = [];
  for (const { segment, index, isWordLike } of SEGMENTER.segment(text)) if (isWordLike) ranges.push(index, index + segment.length);
  return Uint32Array.from(ranges);
}

/** What intake stores for a text filed in a province: the signature of the redacted text and its bands. */
export function similarityOf(text: string, provinceCode: string): { signature: number[] | null; bands: number[] } {
  const signature = minhashSignature(redactPersonalData(text)) ?? null;
  return { signature, bands: signature ? lshBands(signature, provinceCode) : [] };
}

/** The cases (see the module comment), with their signatures kept once computed. */
export class CaseFactory {
  private readonly provinces = otherProvinces();
  private readonly words = new Map<number, Uint32Array>();
  private readonly signatures: Int32Array;
  private readonly bands: Int32Array;
  /** 0: not computed yet, 1: has a signature, 2: no content words. */
  private readonly known: Uint8Array;
  private readonly midnight: number;
  /** Seconds spent computing signatures and bands. */
  signatureSeconds = 0;

  constructor(
    private readonly source: TextSource,
    day: string,
    private readonly capacity: number,
  ) {
    if (source.corpus.length === 0) throw new Error('the text source has no texts');
    this.signatures = new Int32Array(capacity * SIGNATURE_SIZE);
    this.bands = new Int32Array(capacity * BAND_COUNT);
    this.known = new Uint8Array(capacity);
    this.midnight = bangkokMidnight(day).getTime();
  }

  private textOf(i: number): { base: SourceText; text: string } {
    const corpus = this.source.corpus;
    const at = i % corpus.length;
    const base = corpus[at] as SourceText;
    if (i < corpus.length) return { base, text: base.text };
    let words = this.words.get(at);
    if (!words) {
      words = wordRanges(base.text);
      this.words.set(at, words);
    }
    return { base, text: perturb(base.text, words, hashOf(i, Salt.Perturb)) };
  }

  /** Another province (30 %) or Bangkok: the text's own district for the first copy and half the others. */
  private placeOf(i: number, base: SourceText): { provinceCode: string; districtCode: string } {
    const h = hashOf(i, Salt.Place);
    const d = hashOf(i, Salt.District);
    if (h % 100 < OTHER_PROVINCE_PERCENT) {
      const province = pick(this.provinces, h >>> 7);
      return { provinceCode: province.code, districtCode: pick(province.districts, d) };
    }
    const own = base.districtCode && (i < this.source.corpus.length || d % 2 === 0) ? base.districtCode : null;
    return { provinceCode: BANGKOK_PROVINCE_CODE, districtCode: own ?? pick(BANGKOK_DISTRICT_CODES, d >>> 1) };
  }

  private complainantOf(i: number): BenchComplainant | null {
    if (hashOf(i, Salt.Who) % 100 >= COMPLAINANT_PERCENT) return null;
    const h = hashOf(i, Salt.Person);
    const p = h % 1000;
    const person = p < 20 ? `frequent-${(h >>> 10) % FREQUENT_FILERS}` : p < 200 ? `regular-${(h >>> 10) % REGULAR_FILERS}` : `once-${i}`;
    const q = (h >>> 16) % 100;
    return {
      id: uuidOf('c0a00000', i),
      phoneHash: sha256Hex(`phone:${person}`),
      nationalIdHash: q < 5 ? sha256Hex(`national-id:${person}`) : null,
      emailHash: q < 15 ? sha256Hex(`email:${person}`) : null,
    };
  }

  caseAt(i: number): BenchCase {
    const { base, text } = this.textOf(i);
    const ageDays = 1 + (hashOf(i, Salt.Time) % HISTORY_DAYS);
    // Office hours and a little either side: 07:00–19:00 Bangkok time.
    const receivedAt = new Date(this.midnight - ageDays * DAY_MS + (420 + ((hashOf(i, Salt.Time) >>> 9) % 720)) * 60_000);
    const status = statusOf(ageDays, hashOf(i, Salt.Status));
    const workDays = Math.min(ageDays - 0.5, 1 + ((hashOf(i, Salt.Status) >>> 8) % 20));
    const resolvedAt = status === 'resolved' || status === 'closed' ? new Date(receivedAt.getTime() + workDays * DAY_MS) : null;
    const closedAt = status === 'closed' ? resolvedAt : status === 'rejected' || status === 'merged' ? new Date(receivedAt.getTime() + DAY_MS / 2) : null;
    return {
      index: i,
      id: uuidOf('ca5e0000', i),
      text,
      ...this.placeOf(i, base),
      ageDays,
      receivedAt,
      status,
      resolvedAt,
      closedAt,
      complainant: this.complainantOf(i),
    };
  }

  /** Case i's signature and bands, computed once. */
  similarityAt(i: number, c: BenchCase = this.caseAt(i)): { signature: number[] | null; bands: number[] } {
    if (i < this.capacity && this.known[i] !== 0) {
      if (this.known[i] === 2) return { signature: null, bands: [] };
      return {
        signature: Array.from(this.signatures.subarray(i * SIGNATURE_SIZE, (i + 1) * SIGNATURE_SIZE)),
        bands: Array.from(this.bands.subarray(i * BAND_COUNT, (i + 1) * BAND_COUNT)),
      };
    }
    const started = performance.now();
    const computed = similarityOf(c.text, c.provinceCode);
    this.signatureSeconds += (performance.now() - started) / 1000;
    if (i < this.capacity) {
      this.known[i] = computed.signature ? 1 : 2;
      if (computed.signature) {
        this.signatures.set(computed.signature, i * SIGNATURE_SIZE);
        this.bands.set(computed.bands, i * BAND_COUNT);
      }
    }
    return computed;
  }

  /** New complaints for the look-ups; `first` offsets the draw (warm-up and measured sets differ). */
  lookups(first: number, count: number, cases: number, now: Date, windowDays: number): BenchLookup[] {
    return Array.from({ length: count }, (_, k) => this.lookupAt(first + k, cases, now, windowDays));
  }

  private lookupAt(q: number, cases: number, now: Date, windowDays: number): BenchLookup {
    const kindDraw = hashOf(q, Salt.Kind) % 100;
    let kind: LookupKind;
    let text: string;
    let place: { provinceCode: string; districtCode: string };
    let source: BenchCase | null = null;
    if (kindDraw < 40) {
      // A near-duplicate of a stored case: recent and unsettled (what intake links), or any.
      const recent = kindDraw < 30;
      kind = recent ? 'near-duplicate of a recent case' : 'near-duplicate of any case';
      for (let t = 0; !source; t++) {
        const candidate = this.caseAt(hashOf(q * 64 + t, Salt.Pick) % cases);
        const open = candidate.ageDays < windowDays && !FINAL_STATUSES.includes(candidate.status);
        if ((!recent || open) && this.similarityAt(candidate.index, candidate).signature) source = candidate;
      }
      text = perturb(source.text, wordRanges(source.text), hashOf(q, Salt.Perturb));
      place = { provinceCode: source.provinceCode, districtCode: source.districtCode };
    } else {
      kind = 'held-out text';
      const held = pick(this.source.heldOut.length ? this.source.heldOut : this.source.corpus, hashOf(q, Salt.Pick));
      text = held.text;
      const h = hashOf(q, Salt.QueryPlace);
      if (h % 100 < OTHER_PROVINCE_PERCENT) {
        const province = pick(this.provinces, h >>> 7);
        place = { provinceCode: province.code, districtCode: pick(province.districts, h >>> 3) };
      } else {
        place = { provinceCode: BANGKOK_PROVINCE_CODE, districtCode: held.districtCode ?? pick(BANGKOK_DISTRICT_CODES, h >>> 3) };
      }
    }
    // Half the new complaints come from someone who has complained before (any of their cases).
    let complainantId: string | null = null;
    if (hashOf(q, Salt.QueryWho) % 2 === 0) {
      for (let t = 0; !complainantId; t++) complainantId = this.complainantOf(hashOf(q * 64 + t, Salt.QueryWho) % cases)?.id ?? null;
    }
    const { signature, bands } = similarityOf(text, place.provinceCode);
    return {
      kind,
      sourceCaseId: source?.id ?? null,
      query: { caseId: randomUUID(), bands, signature, complainantId, districtCode: place.districtCode, now, windowDays },
    };
  }
}

export type LookupKind = 'near-duplicate of a recent case' | 'near-duplicate of any case' | 'held-out text';
export const LOOKUP_KINDS: readonly LookupKind[] = ['near-duplicate of a recent case', 'near-duplicate of any case', 'held-out text'];

export interface BenchLookup {
  kind: LookupKind;
  /** The stored case a near-duplicate was made from. */
  sourceCaseId: string | null;
  query: SimilarCaseQuery;
}

/**
 * One statement per chunk: the chunk's complainants (a data-modifying CTE: the cases' foreign
 * key is checked at the end of the statement) and its cases, from parallel arrays. Signatures
 * and bands travel as array literals ('{1,2,…}') cast per row.
 */
const INSERT_CHUNK_SQL = `
WITH p AS (
  INSERT INTO complainants (id, identity_ciphertext, phone_hash, national_id_hash, email_hash, created_at)
  SELECT id, 'bench-not-a-ciphertext', phone, national_id, email, at
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS p(id, phone, national_id, email, at)
)
INSERT INTO cases (id, tracking_code, access_key_hash, channel, status, description, province_code, district_code, complainant_id,
                   anonymous, receiving_agency_id, holder_agency_id, received_at, due_date, due_soon_from, progress_due_on,
                   resolved_at, closed_at, created_at, updated_at, text_signature, text_bands)
SELECT c.id, 'BENCH-' || c.n, 'bench-not-a-key', 'web', c.status, c.description, c.province, c.district, c.complainant,
       c.complainant IS NULL, $6, $6, c.at, (c.at AT TIME ZONE 'Asia/Bangkok')::date + 21, (c.at AT TIME ZONE 'Asia/Bangkok')::date + 16,
       (c.at AT TIME ZONE 'Asia/Bangkok')::date + 9, c.resolved, c.closed, c.at, c.at, c.signature::integer[], c.bands::integer[]
FROM unnest($7::uuid[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::uuid[], $14::timestamptz[],
            $15::timestamptz[], $16::timestamptz[], $17::text[], $18::text[])
     AS c(id, n, status, description, province, district, complainant, at, resolved, closed, signature, bands)`;

const literal = (values: readonly number[] | null): string | null => (values ? `{${values.join(',')}}` : null);

function chunkParameters(factory: CaseFactory, first: number, last: number, agencyId: string): unknown[] {
  const people: unknown[][] = Array.from({ length: 5 }, () => []);
  const columns: unknown[][] = Array.from({ length: 12 }, () => []);
  for (let i = first; i < last; i++) {
    const c = factory.caseAt(i);
    const { signature, bands } = factory.similarityAt(i, c);
    const at = c.receivedAt.toISOString();
    const person = c.complainant;
    if (person) [person.id, person.phoneHash, person.nationalIdHash, person.emailHash, at].forEach((value, column) => people[column]?.push(value));
    const row = [c.id, i, c.status, c.text, c.provinceCode, c.districtCode, person?.id ?? null, at, c.resolvedAt?.toISOString() ?? null, c.closedAt?.toISOString() ?? null];
    [...row, literal(signature), literal(bands) ?? '{}'].forEach((value, column) => columns[column]?.push(value));
  }
  return [...people, agencyId, ...columns];
}

/**
 * Inserts cases [from, to) in chunks; the next chunk is prepared while the server inserts the
 * last one.
 */
export async function populateCases(
  db: Database,
  factory: CaseFactory,
  { from, to, agencyId, chunk, signal, onProgress }: { from: number; to: number; agencyId: string; chunk: number; signal: AbortSignal; onProgress: (inserted: number) => void },
): Promise<{ seconds: number; signatureSeconds: number }> {
  const started = performance.now();
  const signaturesBefore = factory.signatureSeconds;
  let pending: Promise<unknown> | undefined;
  for (let first = from; first < to; first += chunk) {
    if (signal.aborted) throw new Error('interrupted while inserting cases');
    const last = Math.min(to, first + chunk);
    const parameters = chunkParameters(factory, first, last, agencyId);
    await pending;
    pending = db.query(INSERT_CHUNK_SQL, parameters).then(() => onProgress(last));
    // Awaited after the next chunk is prepared; a failure meanwhile must not count as unhandled.
    pending.catch(() => {});
  }
  await pending;
  return { seconds: round((performance.now() - started) / 1000, 1), signatureSeconds: round(factory.signatureSeconds - signaturesBefore, 1) };
}
