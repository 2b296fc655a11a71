/** zod building blocks for text from outside, and the check every request's text passes first. */

// The field builders are the API contract's (src/shared/api/fields.ts), used by the web app's forms too.
export { calendarDate, DATE_YEARS, dateOrInstant, instant, plainText, trimmedText } from '../../shared/api/fields.ts';

/** Why a string cannot be kept as it is, or null when it can. */
export type UnstorableTextProblem = 'lone_surrogate' | 'nul';

/**
 * A UTF-16 surrogate without its partner — JSON may carry one (`"\ud800"`), but it is no
 * character: PostgreSQL cannot store it, and a stand-in chosen on the way (U+FFFD) would make
 * what is stored differ from what was checked, hashed or shown — or NUL, which PostgreSQL text
 * cannot hold at all.
 */
export function unstorableTextProblem(text: string): UnstorableTextProblem | null {
  if (!text.isWellFormed()) return 'lone_surrogate';
  if (text.includes('\u0000')) return 'nul';
  return null;
}

export interface UnstorableText {
  /** Path from the root: object keys and array indexes. */
  path: string[];
  problem: UnstorableTextProblem;
}

interface Visit {
  value: unknown;
  key: string | null;
  parent: Visit | null;
}

/**
 * The first string (value or object key) in a parsed JSON-like value that cannot be stored,
 * walking without recursion, and without copying paths, so that a deeply nested body costs
 * time in proportion to its size and cannot exhaust the stack.
 */
export function findUnstorableText(root: unknown): UnstorableText | null {
  const pending: Visit[] = [{ value: root, key: null, parent: null }];
  while (pending.length > 0) {
    const visit = pending.pop() as Visit;
    const { value } = visit;
    if (typeof value === 'string') {
      const problem = unstorableTextProblem(value);
      if (problem) return { path: pathOf(visit), problem };
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) pending.push({ value: value[index], key: String(index), parent: visit });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index] as string;
        const child: Visit = { value: (value as Record<string, unknown>)[key], key, parent: visit };
        const problem = unstorableTextProblem(key);
        if (problem) return { path: pathOf(child), problem };
        pending.push(child);
      }
    }
  }
  return null;
}

function pathOf(visit: Visit): string[] {
  const path: string[] = [];
  for (let at: Visit | null = visit; at?.key != null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** Replaces what cannot be stored with U+FFFD: for text the system writes itself (the audit log). */
export function storableText(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

/** The English and Thai words of a refusal, field by field (see http.ts). */
export const UNSTORABLE_TEXT_MESSAGES: Record<UnstorableTextProblem, { message: string; messageTh: string }> = {
  lone_surrogate: {
    message: 'must be well-formed Unicode: it holds a lone UTF-16 surrogate (half of a character)',
    messageTh: 'ข้อความมีอักขระที่ไม่สมบูรณ์ (รหัสยูนิโคดขาดครึ่ง) กรุณาพิมพ์ใหม่หรือลบอักขระนั้นออก',
  },
  nul: {
    message: 'must not contain the NUL character (U+0000)',
    messageTh: 'ข้อความมีอักขระควบคุม NUL (U+0000) ที่ระบบรับไม่ได้ กรุณาลบออก',
  },
};
