/**
 * Thai text utilities for matching and search: normalisation and word segmentation.
 *
 * Thai is written without spaces between words, so search cannot split on whitespace;
 * we use ICU's dictionary-based word breaker through `Intl.Segmenter` (built into Node,
 * no extra dependency) and index the resulting tokens.
 */

/** Thai digit zero (๐, U+0E50); Thai digits ๐–๙ are contiguous, like 0–9. */
import THAI_STOP_WORDS from 'stopwords-th/stopwords-th.json' with { type: 'json' };

const THAI_ZERO = 0x0e50;

const THAI_DIGIT = /[\u0E50-\u0E59]/g;

/** Zero-width space, non-joiner, joiner, word joiner and BOM: invisible, but break matching. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A non-digit code point repeated three or more times in a row. Digits are left alone
 * because their runs carry meaning: phone numbers (0888888888) and "555" (Thai laughter,
 * ha-ha-ha) would otherwise change. Whitespace is handled separately below.
 */
const REPEATED_NON_DIGIT = /([^\p{Nd}\s])\1{2,}/gu;

const WHITESPACE_RUN = /\s+/g;

/**
 * Replaces Thai digits ๐–๙ with Arabic digits 0–9, leaving everything else as is.
 * Each Thai digit is one UTF-16 code unit, like its Arabic counterpart, so string offsets
 * are preserved (redaction relies on this to map matches back onto the original text).
 */
export function toArabicDigits(text: string): string {
  return text.replace(THAI_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - THAI_ZERO + 0x30));
}

/**
 * Normalises free text for matching and search (not for display: it is lossy).
 *
 * - zero-width characters removed (pasted from web pages and chat apps);
 * - Unicode NFC, so text typed with precomposed or decomposed characters compares equal;
 * - Thai digits to Arabic digits;
 * - a non-digit character repeated 3+ times collapsed to one ("มากกกก" → "มาก", "!!!!" → "!"),
 *   because emphatic repetition is common in complaints and would defeat matching;
 *   digit runs are kept;
 * - whitespace runs collapsed to one space, then trimmed.
 */
export function normaliseText(text: string): string {
  // Most complaints need none of the steps but NFC and perhaps the whitespace one: a scan
  // of the text says so, and the other regex passes are skipped.
  const cleanup = cleanupNeeded(text);
  if (cleanup !== 'all' && text.normalize('NFC') === text) {
    return cleanup === 'whitespace' ? text.replace(WHITESPACE_RUN, ' ').trim() : text;
  }
  // Zero-width characters go before NFC: left in place they block composition of the
  // characters around them, so removing them later would leave un-normalised text.
  return toArabicDigits(text.replace(ZERO_WIDTH, '').normalize('NFC'))
    .replace(REPEATED_NON_DIGIT, '$1')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

/**
 * Which steps of {@link normaliseText} besides NFC may change a text: none, only the
 * whitespace one (collapse and trim), or perhaps any (zero-width characters, Thai digits,
 * repeated characters).
 */
type Cleanup = 'none' | 'whitespace' | 'all';

/**
 * A scan of the text for {@link normaliseText}. Conservative, so the fast paths are exact:
 * - `all` for a zero-width character, a Thai digit, or the same code unit three times in a row
 *   (a superset of what {@link REPEATED_NON_DIGIT} matches among characters of one code unit,
 *   lone surrogates included) or the same surrogate pair three times (an emoji);
 * - otherwise `whitespace` for any character {@link WHITESPACE_RUN} matches (`\s`: ASCII
 *   controls are all flagged, and the other Unicode spaces), a space at either end, or two
 *   spaces in a row.
 */
function cleanupNeeded(text: string): Cleanup {
  let cleanup: Cleanup = 'none';
  const last = text.length - 1;
  let previous = -1;
  let beforePrevious = -1;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === previous && c === beforePrevious) return 'all';
    if (c <= 0x20) {
      if (c !== 0x20 || i === 0 || i === last || previous === 0x20) cleanup = 'whitespace';
    } else if (c >= 0x80) {
      if ((c >= 0x0e50 && c <= 0x0e59) || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) return 'all';
      if (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) {
        cleanup = 'whitespace';
      } else if (c >= 0xdc00 && c <= 0xdfff && i >= 5 && c === text.charCodeAt(i - 2) && c === text.charCodeAt(i - 4)) {
        if (previous === text.charCodeAt(i - 3) && previous === text.charCodeAt(i - 5)) return 'all';
      }
    }
    beforePrevious = previous;
    previous = c;
  }
  return cleanup;
}

/**
 * One segmenter for the module: constructing one loads ICU break data, which is far
 * slower than segmenting a short text, and a segmenter is stateless between calls.
 */
const WORD_SEGMENTER = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * Splits text into words: normalises it, segments it with ICU's Thai word breaker and
 * keeps word-like segments (Thai and Latin words, numbers), lower-cased. Punctuation,
 * spaces and emoji are dropped.
 */
export function tokenize(text: string): string[] {
  return words(text, false);
}

/** Word-like segments of the normalised text, lower-cased; stop-words left out when `dropStopWords`. */
function words(text: string, dropStopWords: boolean): string[] {
  const tokens: string[] = [];
  for (const { segment, isWordLike } of WORD_SEGMENTER.segment(normaliseText(text))) {
    if (!isWordLike) continue;
    const token = lowerCase(segment);
    if (!dropStopWords || !STOP_WORDS.has(token)) tokens.push(token);
  }
  return tokens;
}

/**
 * `token.toLowerCase()`, without the call when no character of the token has a lower case
 * (ASCII other than A–Z, and the Thai block, which has no case): for a string that is not
 * Latin-1 the call is a runtime call that copies the string, and nearly every token is Thai.
 */
function lowerCase(token: string): string {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x80 && (c < 0x0e00 || c > 0x0e7f))) return token.toLowerCase();
  }
  return token;
}

/**
 * Thai stop-words (ที่, และ, ไม่, มี …) from the maintained `stopwords-th` list, plus the
 * commonest English ones: words that say nothing about what a complaint is about.
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  ...(THAI_STOP_WORDS as string[]),
  ...['a', 'an', 'and', 'are', 'at', 'be', 'by', 'for', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with'],
]);

/** Whether a token (as {@link tokenize} gives it) is a stop-word. */
export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

/** The tokens of a text without stop-words: what search, classification and duplicates weigh. */
export function contentTokens(text: string): string[] {
  return words(text, true);
}

/** Longest term kept, in code points; longer "words" are noise (hashes, URLs) that bloat the index. */
export const MAX_SEARCH_TERM_LENGTH = 64;

/** Most terms kept for one text, so a pasted novel cannot blow up the search index. */
export const MAX_SEARCH_TERMS = 2000;

/**
 * The distinct search terms of a text, in order of first appearance: the tokens of
 * {@link contentTokens} (stop-words dropped, at indexing and at query time alike), without those longer than {@link MAX_SEARCH_TERM_LENGTH} code points,
 * at most {@link MAX_SEARCH_TERMS} of them.
 */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const token of contentTokens(text)) {
    if (isLongerThan(token, MAX_SEARCH_TERM_LENGTH)) continue;
    terms.add(token);
    if (terms.size >= MAX_SEARCH_TERMS) break;
  }
  return [...terms];
}

/** Whether text has more than `max` code points (emoji and rare characters take two code units). */
function isLongerThan(text: string, max: number): boolean {
  // A string never has more code points than code units, so most tokens skip the spread.
  return text.length > max && [...text].length > max;
}
