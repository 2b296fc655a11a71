/**
 * Words that mark a complaint as belonging to a sensitive category whatever the classifier
 * says: the model learnt from city-service tickets and has never seen a drug or bribery
 * complaint, so these are never left to it. Finding one sends the case to a person. Pure.
 *
 * Terms are matched as whole words — the same word breaking as everywhere (`tokenize`), a term
 * being a run of consecutive words — never as substrings: Thai has no spaces, and ค้ายา
 * (dealing drugs) is inside ค้ายาง (selling tyres), ยาบ้า inside ยาบ้าง ("some medicine").
 */
import { tokenize } from '../../shared/thai-text.ts';

/** Sensitive category code → terms (Thai). */
export const SENSITIVE_TERMS: Readonly<Record<string, readonly string[]>> = {
  // ยาเสพติด
  drugs: ['ยาเสพติด', 'ยาบ้า', 'ยาไอซ์', 'เฮโรอีน', 'โคเคน', 'ค้ายา', 'เสพยา', 'ขายยาบ้า', 'แหล่งมั่วสุม', 'คีตามีน'],
  // ทุจริต
  corruption: ['ทุจริต', 'สินบน', 'ติดสินบน', 'เรียกรับเงิน', 'ใต้โต๊ะ', 'คอร์รัปชัน', 'คอรัปชั่น', 'ฮั้ว', 'ส่วย', 'ยักยอก', 'ประพฤติมิชอบ'],
  // ข่มขู่คุกคาม
  'threat-to-safety': ['ข่มขู่', 'ขู่ฆ่า', 'ขู่ทำร้าย', 'ทำร้ายร่างกาย', 'ถูกทำร้าย', 'อาวุธปืน', 'ยิงปืน', 'ขู่จะ'],
  // ล่วงละเมิดทางเพศ
  'sexual-harassment': ['ล่วงละเมิดทางเพศ', 'คุกคามทางเพศ', 'ลวนลาม', 'อนาจาร', 'ข่มขืน', 'แอบถ่าย'],
};

export interface SensitiveMatch {
  categoryCode: string;
  term: string;
}

const ENTRIES = Object.entries(SENSITIVE_TERMS).flatMap(([categoryCode, terms]) =>
  terms.map((term) => ({ categoryCode, term, words: tokenize(term) })),
);

/** Whether `words` occur one after another somewhere in `tokens`. */
function containsRun(tokens: readonly string[], words: readonly string[]): boolean {
  if (words.length === 0) return false;
  for (let i = 0; i + words.length <= tokens.length; i++) {
    let j = 0;
    while (j < words.length && tokens[i + j] === words[j]) j++;
    if (j === words.length) return true;
  }
  return false;
}

/** The sensitive terms in a text, each once, in the order of the list above. */
export function findSensitiveTerms(text: string): SensitiveMatch[] {
  const tokens = tokenize(text);
  const found = ENTRIES.filter((entry) => containsRun(tokens, entry.words));
  // A longer term found implies its parts (ขายยาบ้า ⊃ ยาบ้า): report the parts only once.
  return found
    .filter((match) => !found.some((other) => other !== match && other.term.includes(match.term) && other.categoryCode === match.categoryCode))
    .map(({ categoryCode, term }) => ({ categoryCode, term }));
}
