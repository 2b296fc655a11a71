/**
 * Words that mark a complaint as belonging to a sensitive category whatever the classifier
 * says: the model learnt from city-service tickets and has never seen a drug or bribery
 * complaint, so these are never left to it. Finding one sends the case to a person. Pure.
 */
import { normaliseText } from '../../shared/thai-text.ts';

/** Sensitive category code → terms (Thai, normalised; matched as substrings, as Thai has no spaces). */
export const SENSITIVE_TERMS: Readonly<Record<string, readonly string[]>> = {
  // ยาเสพติด
  drugs: ['ยาเสพติด', 'ยาบ้า', 'ยาไอซ์', 'ไอซ์', 'เฮโรอีน', 'โคเคน', 'ค้ายา', 'เสพยา', 'ขายยาบ้า', 'แหล่งมั่วสุม', 'คีตามีน'],
  // ทุจริต
  corruption: ['ทุจริต', 'สินบน', 'ติดสินบน', 'เรียกรับเงิน', 'เรียกเงิน', 'ใต้โต๊ะ', 'คอร์รัปชัน', 'คอรัปชั่น', 'ฮั้ว', 'ส่วย', 'ยักยอก', 'เงินทอน', 'ประพฤติมิชอบ'],
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
  terms.map((term) => ({ categoryCode, term: normaliseText(term) })),
);

/** The sensitive terms in a text, each once, in the order of the list above. */
export function findSensitiveTerms(text: string): SensitiveMatch[] {
  const normalised = normaliseText(text).toLowerCase();
  const found: SensitiveMatch[] = [];
  for (const entry of ENTRIES) {
    if (normalised.includes(entry.term)) found.push(entry);
  }
  // A longer term found implies its parts (ขายยาบ้า ⊃ ยาบ้า): report the parts only once.
  return found.filter((match) => !found.some((other) => other !== match && other.term.includes(match.term) && other.categoryCode === match.categoryCode));
}
