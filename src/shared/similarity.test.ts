import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BAND_COUNT,
  DUPLICATE_SIMILARITY,
  SIGNATURE_SIZE,
  clusterSimilar,
  estimateSimilarity,
  lshBands,
  minhashSignature,
  textShingles,
  type ClusterItem,
} from './similarity.ts';

const POTHOLE = 'ถนนหน้าซอยสุขุมวิท 71 เป็นหลุมใหญ่ รถจักรยานยนต์ล้มหลายคัน ขอให้รีบซ่อมด่วน';
/** The same pothole, told by another resident: a few words changed or added. */
const POTHOLE_AGAIN = 'ถนนหน้าซอยสุขุมวิท 71 เป็นหลุมใหญ่ รถจักรยานยนต์ล้มหลายคัน ช่วยมาซ่อมด้วยครับ';
const DARK_SOI = 'ไฟฟ้าส่องสว่างดับทั้งซอยรามคำแหง 24 มาสองสัปดาห์แล้ว กลางคืนมืดมาก';
const DARK_SOI_AGAIN = 'ไฟฟ้าส่องสว่างดับทั้งซอยรามคำแหง 24 มาสามสัปดาห์แล้ว กลางคืนมืดและน่ากลัว';
const FLOODED_MARKET = 'น้ำท่วมขังหน้าตลาดบางกะปิทุกครั้งที่ฝนตก ท่อระบายน้ำอุดตัน';
const FLOODED_MARKET_AGAIN = 'น้ำท่วมขังหน้าตลาดบางกะปิทุกครั้งที่ฝนตกหนัก ท่อระบายน้ำอุดตันมีกลิ่นเหม็น';
const GARBAGE = 'ขยะไม่มีรถมาเก็บมาหนึ่งสัปดาห์แล้ว ส่งกลิ่นเหม็นทั้งหมู่บ้าน';
const GARBAGE_AGAIN = 'ขยะล้นถังหน้าหมู่บ้านไม่มีรถมาเก็บ ส่งกลิ่นเหม็นมาก';

function signatureOf(text: string): number[] {
  const signature = minhashSignature(text);
  if (!signature) throw new Error(`no signature for ${text}`);
  return signature;
}

function similarity(a: string, b: string): number {
  return estimateSimilarity(signatureOf(a), signatureOf(b));
}

/** The exact Jaccard similarity of two texts' shingle sets, which the signatures estimate. */
function jaccard(a: string, b: string): number {
  const left = new Set(textShingles(a));
  const right = new Set(textShingles(b));
  const shared = [...left].filter((shingle) => right.has(shingle)).length;
  return shared / (left.size + right.size - shared);
}

describe('minhashSignature', () => {
  it('gives SIGNATURE_SIZE signed 32-bit integers, the same every time', () => {
    const signature = signatureOf(POTHOLE);
    expect(signature).toHaveLength(SIGNATURE_SIZE);
    expect(SIGNATURE_SIZE).toBe(60);
    for (const value of signature) expect(Number.isInteger(value) && value === (value | 0)).toBe(true);
    expect(minhashSignature(POTHOLE)).toEqual(signature);
  });

  it('keeps a minimum hash at or above 2³¹ as a negative integer, to fit an SQL integer[]', () => {
    // One shingle, so each position holds that shingle's hash: about half are 2³¹ or more.
    const signature = signatureOf('ถนน');
    expect(signature.some((value) => value < 0)).toBe(true);
    for (const value of signature) expect(value === (value | 0)).toBe(true);
  });

  it('is undefined for text with no content words', () => {
    expect(minhashSignature('')).toBeUndefined();
    expect(minhashSignature('   \n ')).toBeUndefined();
    expect(minhashSignature('!!! ... ???')).toBeUndefined();
    // Stop-words only: ที่ และ ของ say nothing about what the complaint is about.
    expect(minhashSignature('และ ที่ ของ')).toBeUndefined();
  });

  it('reads through normalisation: Thai digits, zero-width spaces, emphatic repetition', () => {
    expect(minhashSignature('ถนนหน้าซอยสุขุมวิท ๗๑ เป็นหลุม\u200Bใหญ่มากกกก')).toEqual(minhashSignature('ถนนหน้าซอยสุขุมวิท 71 เป็นหลุมใหญ่มาก'));
  });
});

describe('estimateSimilarity', () => {
  it('is 1 for identical texts, whose bands are identical too', () => {
    expect(similarity(POTHOLE, POTHOLE)).toBe(1);
    expect(lshBands(signatureOf(POTHOLE), '10')).toEqual(lshBands(signatureOf(POTHOLE), '10'));
  });

  it('is high for the same complaint with a few words changed or added', () => {
    for (const [a, b] of [
      [POTHOLE, POTHOLE_AGAIN],
      [DARK_SOI, DARK_SOI_AGAIN],
      [FLOODED_MARKET, FLOODED_MARKET_AGAIN],
    ] as const) {
      expect(similarity(a, b), `${a} / ${b}`).toBeGreaterThanOrEqual(DUPLICATE_SIMILARITY);
    }
  });

  it('is low for unrelated complaints', () => {
    for (const [a, b] of [
      [POTHOLE, DARK_SOI],
      [POTHOLE, FLOODED_MARKET],
      [DARK_SOI, GARBAGE],
      [FLOODED_MARKET, GARBAGE],
    ] as const) {
      expect(similarity(a, b), `${a} / ${b}`).toBeLessThan(0.2);
    }
  });

  it('tracks the true Jaccard similarity of the shingles within 0.15', () => {
    const pairs = [
      [POTHOLE, POTHOLE_AGAIN],
      [DARK_SOI, DARK_SOI_AGAIN],
      [FLOODED_MARKET, FLOODED_MARKET_AGAIN],
      [GARBAGE, GARBAGE_AGAIN],
      [POTHOLE, DARK_SOI],
      [FLOODED_MARKET, GARBAGE],
    ] as const;
    for (const [a, b] of pairs) expect(Math.abs(similarity(a, b) - jaccard(a, b)), `${a} / ${b}`).toBeLessThanOrEqual(0.15);
  });

  it('is 0 for signatures it cannot compare', () => {
    expect(estimateSimilarity([], [])).toBe(0);
    expect(estimateSimilarity(signatureOf(POTHOLE), signatureOf(POTHOLE).slice(1))).toBe(0);
  });

  const words = ['ถนน', 'หลุม', 'ไฟฟ้า', 'ดับ', 'ซอย', 'น้ำ', 'ท่วม', 'ขยะ', 'ตลาด', 'กลิ่น', 'เหม็น', 'ท่อ', 'รถ', 'สะพาน', 'ทางเท้า', '71'];
  const complaint = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 15 }).map((picked) => picked.join(' '));

  it('is symmetric and between 0 and 1 (property)', () => {
    fc.assert(
      fc.property(complaint, complaint, (a, b) => {
        const s = similarity(a, b);
        return s === similarity(b, a) && s >= 0 && s <= 1;
      }),
    );
  });

  it('is 1 for a text compared with itself (property)', () => {
    fc.assert(fc.property(complaint, (a) => similarity(a, a) === 1));
  });
});

describe('lshBands', () => {
  it('gives BAND_COUNT signed 32-bit keys', () => {
    const bands = lshBands(signatureOf(DARK_SOI), '10');
    expect(bands).toHaveLength(BAND_COUNT);
    for (const key of bands) expect(key === (key | 0)).toBe(true);
  });

  it('differ for different scopes (province codes) of the same signature', () => {
    const signature = signatureOf(DARK_SOI);
    const bangkok = lshBands(signature, '10');
    const chiangMai = lshBands(signature, '50');
    expect(bangkok.filter((key) => chiangMai.includes(key))).toEqual([]);
  });

  it('share a key for near-duplicates in the same scope', () => {
    const first = lshBands(signatureOf(POTHOLE), '10');
    const second = lshBands(signatureOf(POTHOLE_AGAIN), '10');
    expect(first.some((key) => second.includes(key))).toBe(true);
  });
});

describe('clusterSimilar', () => {
  const DAY = 86_400_000;
  const start = new Date('2026-06-01T02:00:00Z').getTime();
  const item = (id: string, text: string, area: string, day: number): ClusterItem => ({ id, area, at: new Date(start + day * DAY), signature: signatureOf(text) });
  const options = { windowDays: 30, threshold: DUPLICATE_SIMILARITY };
  const ids = (groups: ClusterItem[][]): string[][] => groups.map((group) => group.map((member) => member.id));

  it('groups near-duplicates in the same area within the window, members in time order', () => {
    const items = [
      item('pothole-2', POTHOLE_AGAIN, '1039', 3),
      item('dark-1', DARK_SOI, '1039', 1),
      item('pothole-1', POTHOLE, '1039', 0),
      item('flood-1', FLOODED_MARKET, '1039', 2),
    ];
    expect(ids(clusterSimilar(items, options))).toEqual([['pothole-1', 'pothole-2']]);
  });

  it('does not join the same complaint in different areas', () => {
    const items = [item('watthana', POTHOLE, '1039', 0), item('khlong-toei', POTHOLE, '1033', 1), item('chiang-mai', POTHOLE_AGAIN, '5001', 2)];
    expect(clusterSimilar(items, options)).toEqual([]);
  });

  it('does not join items further apart than the window', () => {
    const items = [item('june', POTHOLE, '1039', 0), item('july', POTHOLE_AGAIN, '1039', 40)];
    expect(clusterSimilar(items, options)).toEqual([]);
    expect(ids(clusterSimilar(items, { ...options, windowDays: 45 }))).toEqual([['june', 'july']]);
  });

  it('joins them through a chain of items each within the window (single linkage)', () => {
    const items = [item('day-40', POTHOLE, '1039', 40), item('day-0', POTHOLE, '1039', 0), item('day-20', POTHOLE_AGAIN, '1039', 20)];
    expect(ids(clusterSimilar(items, options))).toEqual([['day-0', 'day-20', 'day-40']]);
  });

  it('returns only groups of two or more, largest first, ties earliest first', () => {
    const items = [
      item('garbage-1', GARBAGE, '1039', 9),
      item('flood-1', FLOODED_MARKET, '1006', 5),
      item('dark-1', DARK_SOI, '1006', 1),
      item('flood-2', FLOODED_MARKET_AGAIN, '1006', 6),
      item('dark-2', DARK_SOI_AGAIN, '1006', 2),
      item('flood-3', FLOODED_MARKET, '1006', 7),
      item('pothole-1', POTHOLE, '1039', 0),
      item('pothole-2', POTHOLE_AGAIN, '1039', 4),
    ];
    expect(ids(clusterSimilar(items, options))).toEqual([
      ['flood-1', 'flood-2', 'flood-3'],
      ['pothole-1', 'pothole-2'],
      ['dark-1', 'dark-2'],
    ]);
  });

  it('honours the threshold', () => {
    const items = [item('pothole-1', POTHOLE, '1039', 0), item('pothole-2', POTHOLE_AGAIN, '1039', 1)];
    const s = similarity(POTHOLE, POTHOLE_AGAIN);
    expect(clusterSimilar(items, { ...options, threshold: s })).toHaveLength(1);
    expect(clusterSimilar(items, { ...options, threshold: s + 0.01 })).toEqual([]);
  });

  it('returns nothing for no items or one', () => {
    expect(clusterSimilar([], options)).toEqual([]);
    expect(clusterSimilar([item('only', POTHOLE, '1039', 0)], options)).toEqual([]);
  });
});
