/**
 * The body of POST requests as the specification sends it — form-encoded, with attributes as
 * `attribute[CODE]=value` (repeated, or `attribute[CODE][]=`, for several) — or as JSON, read
 * into one shape. Strict about text: a field that is not percent-encoded UTF-8 is refused, never
 * read with replacement characters. An empty field is as if it were not sent.
 */
import { open311Error } from './errors.ts';

export type Open311Fields = Record<string, unknown> & { attribute?: Record<string, string | string[]> };

const ATTRIBUTE_KEY = /^attribute\[([^\]]+)\](\[\])?$/;

/** Reads a form-encoded body; 400 naming the field whose text is not UTF-8. */
export function parseFormBody(text: string): Open311Fields {
  const pairs: Array<[string, string]> = [];
  for (const part of text.split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    const [rawKey, rawValue] = at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
    const key = strictDecode(rawKey, 'a field name');
    pairs.push([key, strictDecode(rawValue, key)]);
  }
  const fields: Record<string, unknown> = {};
  for (const [key, value] of pairs) {
    // A field sent twice keeps its first value (attributes aside, which may have several).
    if (!ATTRIBUTE_KEY.test(key) && !(key in fields)) fields[key] = value;
  }
  return withAttributes(fields, pairs);
}

/** A JSON body in the same shape: `attribute` as an object, or flat `attribute[CODE]` keys. */
export function normaliseJsonBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const fields: Record<string, unknown> = {};
  const pairs: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(body)) {
    if (ATTRIBUTE_KEY.test(key)) pairs.push([key, value]);
    else fields[key] = value;
  }
  return withAttributes(fields, pairs);
}

function withAttributes(fields: Record<string, unknown>, pairs: ReadonlyArray<readonly [string, unknown]>): Open311Fields {
  const attribute: Record<string, unknown> = fields['attribute'] !== null && typeof fields['attribute'] === 'object' ? { ...(fields['attribute'] as object) } : {};
  for (const [key, value] of pairs) {
    const match = ATTRIBUTE_KEY.exec(key);
    if (!match?.[1] || value === '') continue;
    const code = match[1];
    const before = attribute[code];
    attribute[code] = before === undefined ? (match[2] ? [value] : value) : [...(Array.isArray(before) ? before : [before]), value];
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== '' && value !== null && key !== 'attribute') result[key] = value;
  if (Object.keys(attribute).length) result['attribute'] = attribute;
  else if (fields['attribute'] !== undefined && (fields['attribute'] === null || typeof fields['attribute'] !== 'object')) result['attribute'] = fields['attribute'];
  return result as Open311Fields;
}

function strictDecode(text: string, field: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw open311Error(400, `${field}: not percent-encoded UTF-8`, `${field}: ข้อความไม่ได้เข้ารหัสเป็น UTF-8 ที่ถูกต้อง`);
  }
}
