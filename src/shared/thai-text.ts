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
  // Zero-width characters go before NFC: left in place they block composition of the
  // characters around them, so removing them later would leave un-normalised text.
  return toArabicDigits(text.replace(ZERO_WIDTH, '').normalize('NFC'))
    .replace(REPEATED_NON_DIGIT, '$1')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
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
  const tokens: string[] = [];
  for (const { segment, isWordLike } of WORD_SEGMENTER.segment(normaliseText(text))) {
    if (isWordLike) tokens.push(segment.toLowerCase());
  }
  return tokens;
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
  return tokenize(text).filter((token) => !STOP_WORDS.has(token));
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
