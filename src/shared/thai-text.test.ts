import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_SEARCH_TERMS, MAX_SEARCH_TERM_LENGTH, normaliseText, searchTerms, toArabicDigits, tokenize, contentTokens, isStopWord } from './thai-text.ts';

/**
 * The tokenizer as first written: every regex pass on every text, `toLowerCase` on every
 * token. The fast paths must give exactly what it gives (search indexes and the classifier's
 * features are built from these tokens).
 */
const reference = {
  normalise(text: string): string {
    return text
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      .normalize('NFC')
      .replace(/[\u0E50-\u0E59]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0e50 + 0x30))
      .replace(/([^\p{Nd}\s])\1{2,}/gu, '$1')
      .replace(/\s+/g, ' ')
      .trim();
  },
  segmenter: new Intl.Segmenter('th', { granularity: 'word' }),
  tokenize(text: string): string[] {
    const tokens: string[] = [];
    for (const { segment, isWordLike } of reference.segmenter.segment(reference.normalise(text))) if (isWordLike) tokens.push(segment.toLowerCase());
    return tokens;
  },
  contentTokens(text: string): string[] {
    return reference.tokenize(text).filter((token) => !isStopWord(token));
  },
};

/**
 * Characters that exercise every step and fast path: Thai letters, vowels and tone marks (NFC
 * reorders some), Thai and Arabic digits, each kind of whitespace and zero-width character,
 * Latin with case and combining accents, emoji and their lone halves, punctuation.
 */
const TRICKY = [
  'ก', 'น', 'ถ', 'ไ', 'ฟ', 'า', 'ั', 'ิ', 'ุ', 'ู', '่', '้', 'ำ', 'ๆ', '๑', '๕', '1', '5',
  ' ', ' ', ' ', '\n', '\t', '\r', '\u00a0', '\u1680', '\u2003', '\u2028', '\u202f', '\u3000', '\u0085', '\u180e',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', 'a', 'A', 'Z', 'é', 'e', '\u0301', 'İ', 'Σ', 'ς',
  '😡', '\ud83d', '\ude21', '!', '.', ',',
];
const trickyText = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 40 });
const thaiWords = fc.array(fc.constantFrom('ถนน', 'ชำรุด', 'ไฟฟ้า', 'ดับ', 'น้ำ', 'ท่วม', 'ที่', 'และ', 'ไม่', 'มากกก', 'ค่าาา', 'LINE', '๑๒', ' ', '\n'), { maxLength: 12 }).map((w) => w.join(''));

describe('toArabicDigits', () => {
  it('maps every Thai digit and keeps the length', () => {
    expect(toArabicDigits('๐๑๒๓๔๕๖๗๘๙')).toBe('0123456789');
    expect(toArabicDigits('บ้านเลขที่ ๙๙/๑')).toBe('บ้านเลขที่ 99/1');
  });

  it('preserves string length for any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => toArabicDigits(s).length === s.length));
  });
});

describe('normaliseText', () => {
  it('converts Thai digits to Arabic digits', () => {
    expect(normaliseText('ซอย ๑๒ หมู่ ๓')).toBe('ซอย 12 หมู่ 3');
  });

  it('removes zero-width characters', () => {
    expect(normaliseText('ถนน\u200Bชำรุด\u200C\u200D\uFEFF\u2060')).toBe('ถนนชำรุด');
  });

  it('composes to NFC', () => {
    // "é" as e + combining acute becomes the single precomposed code point.
    expect(normaliseText('cafe\u0301')).toBe('caf\u00E9');
    // A zero-width space between the two would otherwise block composition.
    expect(normaliseText('cafe\u200B\u0301')).toBe('caf\u00E9');
  });

  it('collapses a non-digit character repeated three or more times', () => {
    expect(normaliseText('แย่มากกกก')).toBe('แย่มาก');
    expect(normaliseText('ช่วยด้วย!!!!')).toBe('ช่วยด้วย!');
    expect(normaliseText('ค่าาาา')).toBe('ค่า');
    expect(normaliseText('😡😡😡😡')).toBe('😡');
  });

  it('keeps doubled characters, which are ordinary spelling', () => {
    expect(normaliseText('คุณนนท์ good')).toBe('คุณนนท์ good');
  });

  it('never collapses digits', () => {
    expect(normaliseText('โทร 0888888888')).toBe('โทร 0888888888');
    expect(normaliseText('5555 ตลกมาก')).toBe('5555 ตลกมาก');
    expect(normaliseText('๕๕๕๕')).toBe('5555');
  });

  it('collapses whitespace runs and trims', () => {
    expect(normaliseText('  ไฟ \t\n ดับ   ทั้งซอย \n')).toBe('ไฟ ดับ ทั้งซอย');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => normaliseText(normaliseText(s)) === normaliseText(s)),
    );
  });
});

describe('normaliseText, exactly as every pass on every text', () => {
  it('on tricky, grapheme and arbitrary UTF-16 strings', () => {
    for (const strings of [trickyText, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })]) {
      fc.assert(fc.property(strings, (s) => normaliseText(s) === reference.normalise(s)), { numRuns: 2000 });
    }
  });

  it('around every UTF-16 code unit, alone, tripled and among Thai letters and spaces', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `ก${ch}น`, ` ${ch}${ch}${ch} `, `${ch}\ud83d${ch}`]) {
        if (normaliseText(text) !== reference.normalise(text)) throw new Error(`differs on ${JSON.stringify(text)}`);
      }
    }
  });

  it('on emoji repeated and reordered tone marks', () => {
    for (const text of ['😡😡', '😡😡😡', 'a😡😡😡b', '😡😡😀', '\ud83d\ud83d\ud83d', '\ude21\ude21\ude21', 'ก\u0E48\u0E38', 'ก\u0E38\u0E48', ' ก ', 'ก  น']) {
      expect(normaliseText(text)).toBe(reference.normalise(text));
    }
  });
});

describe('tokenize', () => {
  it('gives the same tokens as every pass on every text, and drops the same stop-words', () => {
    for (const strings of [trickyText, thaiWords]) {
      fc.assert(
        fc.property(strings, (s) => {
          expect(tokenize(s)).toEqual(reference.tokenize(s));
          expect(contentTokens(s)).toEqual(reference.contentTokens(s));
        }),
        { numRuns: 1000 },
      );
    }
  });

  it('relies on ASCII other than A–Z and the Thai block having no lower case', () => {
    for (let c = 0; c < 0x80; c++) {
      const ch = String.fromCharCode(c);
      expect(ch.toLowerCase()).toBe(c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : ch);
    }
    for (let c = 0x0e00; c <= 0x0e7f; c++) expect(String.fromCharCode(c).toLowerCase()).toBe(String.fromCharCode(c));
  });

  it('segments a Thai sentence into words', () => {
    const tokens = tokenize('ถนนชำรุดหน้าบ้าน');
    expect(tokens).toContain('ถนน');
    expect(tokens).toContain('ชำรุด');
    expect(tokens).toContain('บ้าน');
  });

  it('drops spaces and punctuation and keeps numbers', () => {
    const tokens = tokenize('ไฟฟ้าดับที่ซอย ๕, มา 3 วันแล้ว!!!');
    expect(tokens).toContain('ไฟฟ้า');
    expect(tokens).toContain('ซอย');
    expect(tokens).toContain('5');
    expect(tokens).toContain('3');
    expect(tokens.some((t) => /[\s,!]/.test(t))).toBe(false);
  });

  it('lower-cases Latin words', () => {
    expect(tokenize('ติดต่อ LINE Official')).toEqual(expect.arrayContaining(['line', 'official']));
  });

  it('ignores emoji', () => {
    const tokens = tokenize('น้ำท่วม 😡🙏 ช่วยด้วย');
    expect(tokens).toContain('น้ำ');
    expect(tokens).toContain('ท่วม');
    expect(tokens.some((t) => /\p{Extended_Pictographic}/u.test(t))).toBe(false);
  });

  it('matches despite emphatic repetition and zero-width characters', () => {
    expect(tokenize('ขยะะะะ\u200Bเหม็น')).toEqual(tokenize('ขยะเหม็น'));
  });

  it('returns nothing for empty or symbol-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  !!! ... 😡 ')).toEqual([]);
  });
});

describe('searchTerms', () => {
  it('keeps unique tokens in order of first appearance', () => {
    expect(searchTerms('ถนน ถนน ชำรุด ถนน')).toEqual(['ถนน', 'ชำรุด']);
  });

  it('treats case variants of a Latin word as one term', () => {
    expect(searchTerms('LINE line Line')).toEqual(['line']);
  });

  it('drops tokens longer than the limit', () => {
    // Alternating letters, since normaliseText would collapse a run of one letter.
    const long = 'ab'.repeat(MAX_SEARCH_TERM_LENGTH / 2) + 'a';
    const edge = 'cd'.repeat(MAX_SEARCH_TERM_LENGTH / 2);
    expect(searchTerms(`${long} ${edge} ok`)).toEqual([edge, 'ok']);
  });

  it('keeps at most the maximum number of terms', () => {
    const text = Array.from({ length: MAX_SEARCH_TERMS + 500 }, (_, i) => `w${i}`).join(' ');
    const terms = searchTerms(text);
    expect(terms).toHaveLength(MAX_SEARCH_TERMS);
    expect(terms[0]).toBe('w0');
    expect(terms.at(-1)).toBe(`w${MAX_SEARCH_TERMS - 1}`);
  });

  it('always gives distinct terms within the limits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const terms = searchTerms(s);
        return (
          new Set(terms).size === terms.length &&
          terms.length <= MAX_SEARCH_TERMS &&
          terms.every((t) => t.length > 0 && [...t].length <= MAX_SEARCH_TERM_LENGTH)
        );
      }),
    );
  });
});

describe('stop-words', () => {
  it('drops Thai and English stop-words from content tokens and search terms, keeping what the complaint is about', () => {
    const text = 'ถนนที่หน้าบ้านไม่มีไฟส่องสว่าง and the road is dark';
    const content = contentTokens(text);
    expect(content).toContain('ถนน');
    expect(content).toContain('road');
    expect(content).not.toContain('ที่');
    expect(content).not.toContain('the');
    expect(isStopWord('และ')).toBe(true);
    expect(isStopWord('น้ำท่วม')).toBe(false);
    expect(searchTerms(text)).toEqual([...new Set(content)]);
  });
});
