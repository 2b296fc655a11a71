/**
 * Words that mark a complaint as belonging to a sensitive category whatever the classifier
 * says: the model learnt from city-service tickets and has never seen a drug or bribery
 * complaint, so these are never left to it. Finding one sends the case to a person. Pure.
 *
 * Terms are matched as whole words — the same word breaking as everywhere (`tokenize`: NFC,
 * which also puts a tone mark typed before its vowel in order, Thai digits, zero-width and
 * repeated characters normalised) — never as substrings: Thai has no spaces, and ค้ายา
 * (dealing drugs) is inside ค้ายาง (selling tyres), ยาบ้า inside ยาบ้าง ("some medicine"). A
 * term is found where consecutive words of the text spell it exactly, from the first letter of
 * one word to the last of another: so also when a space or a mark splits it (ยา บ้า, ข่ม-ขู่),
 * but never where it would end inside a word (ให้ยา บ้านอยู่ไกล: "gave medicine, the house is far").
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
  terms.map((term) => ({ categoryCode, term, spelling: tokenize(term).join('') })),
);

/** Whether some run of consecutive `tokens`, joined, is exactly `spelling`. */
function spelledByRun(tokens: readonly string[], spelling: string): boolean {
  if (spelling === '') return false;
  for (let start = 0; start < tokens.length; start++) {
    let joined = '';
    for (let end = start; end < tokens.length; end++) {
      joined += tokens[end];
      if (joined === spelling) return true;
      if (!spelling.startsWith(joined)) break;
    }
  }
  return false;
}

/** The sensitive terms in a text, each once, in the order of the list above. */
export function findSensitiveTerms(text: string): SensitiveMatch[] {
  const tokens = tokenize(text);
  const found = ENTRIES.filter((entry) => spelledByRun(tokens, entry.spelling));
  // A longer term found implies its parts (ขายยาบ้า ⊃ ยาบ้า): report the parts only once.
  return found
    .filter((match) => !found.some((other) => other !== match && other.term.includes(match.term) && other.categoryCode === match.categoryCode))
    .map(({ categoryCode, term }) => ({ categoryCode, term }));
}

/**
 * Why a case filed under no sensitive category was made sensitive at intake, in Thai for staff:
 * the terms found, and what follows (identity confidential, screening by a person).
 */
export function sensitiveByTermsNoteTh(matches: readonly SensitiveMatch[]): string {
  const terms = [...new Set(matches.map((match) => match.term))].join(', ');
  return `ข้อความมีถ้อยคำเกี่ยวกับเรื่องอ่อนไหว (${terms}) จึงถือเป็นเรื่องอ่อนไหว: ปกปิดตัวตนผู้ร้อง และให้เจ้าหน้าที่คัดกรองก่อนส่งต่อ`;
}
