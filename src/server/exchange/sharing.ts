/**
 * ข้อตกลงการเปิดเผยข้อมูล (the sharing agreement) applied to a case before it leaves for a
 * partner system — the minimum necessary (PDPA):
 * - identity: `none` sends nothing of who complains, `contact` their name and how to reach
 *   them, `full` everything we hold. A confidential, sensitive or anonymous case's identity
 *   never leaves unless the agreement is `full` and the person who handed it over confirmed it.
 * - free text: `redacted` takes personal data out; where no identity may go, the text is
 *   redacted whatever the agreement says, and the complainant's own name, phone, e-mail and ID
 *   are taken out wherever they were written, file names included.
 * Pure: the outbox (outbox.ts) reads the case and applies these.
 */
import type { ExchangeBody } from '../../shared/api/exchange-messages.ts';
import type { IDENTITY_SHARING, TEXT_SHARING } from '../../shared/api/exchange.ts';
import { REDACTION_PLACEHOLDERS, redactPersonalData } from '../../shared/redaction.ts';
import { toArabicDigits } from '../../shared/thai-text.ts';

export type IdentitySharing = (typeof IDENTITY_SHARING)[number];
export type TextSharing = (typeof TEXT_SHARING)[number];

export interface SharingAgreement {
  identity: IdentitySharing;
  textSharing: TextSharing;
  attachments: boolean;
}

export interface CaseSharingFacts {
  confidential: boolean;
  sensitive: boolean;
  anonymous: boolean;
  /** A person handing the case over confirmed that its identity may go (shareIdentity). */
  identityConfirmed: boolean;
}

export interface KnownIdentity {
  name?: string | undefined;
  nationalId?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
}

/** How much of the identity goes for this case: the agreement's level, or none. */
export function identityLevel(agreement: SharingAgreement, facts: CaseSharingFacts): IdentitySharing {
  if (facts.anonymous) return 'none';
  if ((facts.confidential || facts.sensitive) && !(agreement.identity === 'full' && facts.identityConfirmed)) return 'none';
  return agreement.identity;
}

/** The complainant as far as `level` allows; null when nothing of them goes. */
export function sharedComplainant(level: IdentitySharing, identity: KnownIdentity | null): ExchangeBody<'case.transfer'>['complainant'] {
  if (level === 'none' || !identity) return null;
  const contact = pick({ name: identity.name, phone: identity.phone, email: identity.email });
  const shared = level === 'full' ? { ...contact, ...pick({ nationalId: identity.nationalId, address: identity.address }) } : contact;
  return Object.keys(shared).length ? shared : null;
}

/** Free text as it may leave: redacted by the agreement, and always so (with the complainant's own details) where no identity goes. */
export function sharedText(text: string, level: IdentitySharing, agreement: SharingAgreement, identity: KnownIdentity | null): { text: string; redacted: boolean } {
  if (level !== 'none' && agreement.textSharing === 'full') return { text, redacted: false };
  const scrubbed = level === 'none' ? withoutIdentity(text, identity) : text;
  return { text: redactPersonalData(scrubbed), redacted: true };
}

/** A file's name as it may leave: where no identity goes, a neutral name with the same extension. */
export function sharedFileName(fileName: string, position: number, level: IdentitySharing): string {
  if (level !== 'none') return fileName;
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] ?? '';
  return `ไฟล์แนบ-${position}${extension.toLowerCase()}`;
}

/**
 * The text without the complainant's own name (whole, and each part of three letters or
 * more), phone, e-mail and national ID, however the digits were grouped or written.
 */
export function withoutIdentity(text: string, identity: KnownIdentity | null): string {
  if (!identity) return text;
  let result = text;
  const name = identity.name?.trim();
  if (name) {
    const parts = [name, ...name.split(/\s+/).filter((part) => [...part].length >= 3)].sort((a, b) => b.length - a.length);
    for (const part of parts) result = result.split(part).join(REDACTION_PLACEHOLDERS.person_name);
  }
  if (identity.email) result = replaceIgnoringCase(result, identity.email, REDACTION_PLACEHOLDERS.email);
  for (const [digits, placeholder] of [
    [identity.phone, REDACTION_PLACEHOLDERS.phone],
    [identity.nationalId, REDACTION_PLACEHOLDERS.national_id],
  ] as const) {
    if (digits) result = replaceDigits(result, toArabicDigits(digits).replace(/\D/g, ''), placeholder);
  }
  return result;
}

function replaceIgnoringCase(text: string, value: string, placeholder: string): string {
  const lower = text.toLowerCase();
  const needle = value.toLowerCase();
  let result = '';
  let cursor = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, cursor)) {
    result += text.slice(cursor, at) + placeholder;
    cursor = at + needle.length;
  }
  return result + text.slice(cursor);
}

/** Replaces `digits` written with any separators between them (spaces, dashes, dots) and in Thai or Arabic digits. */
function replaceDigits(text: string, digits: string, placeholder: string): string {
  if (digits.length < 6) return text;
  const folded = toArabicDigits(text);
  const pattern = new RegExp(digits.split('').join('[\\s.\\-\\u2010-\\u2013]*'), 'g');
  let result = '';
  let cursor = 0;
  for (const match of folded.matchAll(pattern)) {
    result += text.slice(cursor, match.index) + placeholder;
    cursor = match.index + match[0].length;
  }
  return result + text.slice(cursor);
}

function pick<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  const picked: { [K in keyof T]?: string } = {};
  for (const [key, value] of Object.entries(values)) if (value) picked[key as keyof T] = value;
  return picked;
}
