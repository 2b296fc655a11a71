/**
 * Near-duplicate text: MinHash signatures of a complaint's words and locality-sensitive
 * hashing (LSH) bands to find candidates through an index. Pure; the same tokenizer as search
 * and the classifier ({@link contentTokens}).
 *
 * A text's shingles are its content words and pairs of neighbouring words. The signature holds,
 * for each of {@link SIGNATURE_SIZE} hash functions, the smallest hash of any shingle: the share
 * of positions where two signatures agree estimates the Jaccard similarity of their shingle
 * sets. The signature is cut into {@link BAND_COUNT} bands of {@link ROWS_PER_BAND} rows; two
 * texts that agree on a whole band become candidates (probability 1 − (1 − s³)²⁰: 0.93 at
 * s = 0.5, 0.42 at s = 0.3), and candidates are then kept or dropped on the estimate.
 */
import { contentTokens } from './thai-text.ts';

export const SIGNATURE_SIZE = 60;
export const BAND_COUNT = 20;
export const ROWS_PER_BAND = SIGNATURE_SIZE / BAND_COUNT;

/** Estimated Jaccard similarity from which two complaints count as possible duplicates. */
export const DUPLICATE_SIMILARITY = 0.5;

/** FNV-1a over UTF-16 code units, 32 bits. */
function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: spreads the bits of a 32-bit value. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One fixed seed per hash function, so signatures stored today compare with those of tomorrow. */
const SEEDS: readonly number[] = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix32(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)));

/** The distinct shingles of a text: its content words and pairs of neighbouring words. */
export function textShingles(text: string): string[] {
  const tokens = contentTokens(text);
  const shingles = new Set(tokens);
  for (let i = 1; i < tokens.length; i++) shingles.add(`${tokens[i - 1]} ${tokens[i]}`);
  return [...shingles];
}

/**
 * The MinHash signature of a text (signed 32-bit integers, to fit an SQL `integer[]`), or
 * undefined when the text has no content words to compare.
 */
export function minhashSignature(text: string): number[] | undefined {
  const shingles = textShingles(text);
  if (shingles.length === 0) return undefined;
  const signature = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    const h = hashString(shingle);
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const value = mix32(h ^ (SEEDS[i] as number));
      if (value < (signature[i] as number)) signature[i] = value;
    }
  }
  return signature.map((value) => value | 0);
}

/** Share of positions where two signatures agree: an estimate of Jaccard similarity (0–1). */
export function estimateSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * The LSH band keys of a signature within a scope (e.g. a province code): texts in the same
 * scope sharing a key are candidates. Keys are signed 32-bit integers for an `integer[]` index.
 */
export function lshBands(signature: readonly number[], scope: string): number[] {
  const scopeHash = hashString(scope);
  const bands: number[] = [];
  for (let band = 0; band < BAND_COUNT; band++) {
    let h = mix32(scopeHash ^ Math.imul(band + 1, 0x27d4eb2d));
    for (let row = 0; row < ROWS_PER_BAND; row++) h = mix32(h ^ ((signature[band * ROWS_PER_BAND + row] as number) >>> 0));
    bands.push(h | 0);
  }
  return bands;
}

export interface ClusterItem {
  id: string;
  /** Where it happened: only items in the same area are grouped (e.g. a district code). */
  area: string;
  at: Date;
  signature: readonly number[];
}

export interface ClusterOptions {
  /** Items further apart in time than this are not linked directly. */
  windowDays: number;
  /** Least estimated similarity for two items to be linked. */
  threshold: number;
}

/**
 * Groups similar items: two items are linked when they are in the same area, within the window
 * of each other and at least `threshold` similar; a cluster is a connected group (single
 * linkage), so a slow trickle of the same complaint over weeks stays one cluster. Returns the
 * groups of two or more, each in time order, largest first (ties: earliest first).
 */
export function clusterSimilar(items: readonly ClusterItem[], options: ClusterOptions): ClusterItem[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Candidates share a band within their area; only those are compared.
  const buckets = new Map<string, number[]>();
  items.forEach((item, i) => {
    for (const band of lshBands(item.signature, item.area)) {
      const key = `${item.area}\u0000${band}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
  });
  const windowMs = options.windowDays * 86_400_000;
  const compared = new Set<number>();
  for (const bucket of buckets.values()) {
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const a = bucket[x] as number;
        const b = bucket[y] as number;
        const pair = a * items.length + b;
        if (compared.has(pair)) continue;
        compared.add(pair);
        const first = items[a] as ClusterItem;
        const second = items[b] as ClusterItem;
        if (Math.abs(first.at.getTime() - second.at.getTime()) > windowMs) continue;
        if (estimateSimilarity(first.signature, second.signature) >= options.threshold) union(a, b);
      }
    }
  }

  const groups = new Map<number, ClusterItem[]>();
  items.forEach((item, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(item);
    else groups.set(root, [item]);
  });
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => group.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1)))
    .sort((a, b) => b.length - a.length || (a[0] as ClusterItem).at.getTime() - (b[0] as ClusterItem).at.getTime());
}
