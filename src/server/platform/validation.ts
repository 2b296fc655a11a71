/** zod building blocks for text from outside. */
import { z } from 'zod';

// Control characters other than tab and line breaks have no place in a complaint, and NUL
// cannot be stored in PostgreSQL text at all.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Free text: trimmed, length-bounded, without control characters. */
export const trimmedText = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine((text) => !CONTROL_CHARACTERS.test(text), 'must not contain control characters');
export const plainText = (max: number) => z.string().max(max).refine((text) => !CONTROL_CHARACTERS.test(text), 'must not contain control characters');
