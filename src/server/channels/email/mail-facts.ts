/**
 * What an e-mail says about itself, read from the parsed message (mailparser): whether a person
 * wrote it or a machine (an out-of-office reply, a bounce), which case it answers, and the text
 * to take in. Pure: no I/O.
 */
import type { ParsedMail } from 'mailparser';
import { normaliseTrackingCode } from '../../../shared/tracking-code.ts';
import { unstorableTextProblem } from '../../platform/validation.ts';

/** Why a message is not a person writing: it creates nothing. */
export type AutomaticReason = 'auto_submitted' | 'precedence' | 'delivery_report' | 'null_sender' | 'autoreply_header';

/** The value of a header as text (mailparser gives some as objects with a `value`). */
function headerText(mail: ParsedMail, name: string): string | undefined {
  const value: unknown = mail.headers.get(name);
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return undefined;
}

/** The raw lines of a header (mailparser keeps them), without the name. */
function rawHeaderValues(mail: ParsedMail, name: string): string[] {
  return mail.headerLines.filter((line) => line.key === name).map((line) => line.line.slice(line.line.indexOf(':') + 1).trim());
}

/**
 * Why the message was sent by a machine, or undefined when a person wrote it: Auto-Submitted
 * other than "no" (RFC 3834), Precedence bulk, junk or list, a delivery or read report
 * (multipart/report), an empty Return-Path (a bounce), or the auto-reply headers of common
 * mail programs. None of these creates a case, and none is answered (no mail loop).
 */
export function automaticReason(mail: ParsedMail): AutomaticReason | undefined {
  const autoSubmitted = headerText(mail, 'auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted.split(';')[0]?.trim() !== 'no') return 'auto_submitted';
  const precedence = headerText(mail, 'precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list'].includes(precedence)) return 'precedence';
  if (headerText(mail, 'content-type')?.trim().toLowerCase() === 'multipart/report') return 'delivery_report';
  if (rawHeaderValues(mail, 'return-path').some((value) => /^<\s*>$/.test(value))) return 'null_sender';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'autoreply_header';
  return undefined;
}

/** The sender's address (lower case) and display name, when the From header names one. */
export function senderOf(mail: ParsedMail): { address: string; name: string | undefined } | undefined {
  const first = mail.from?.value[0];
  const address = first?.address?.trim().toLowerCase();
  if (!address || !/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(address)) return undefined;
  const name = first?.name?.trim();
  return { address, name: name || undefined };
}

const TRACKING_CODE_IN_TEXT = /\bRT-\d{2}-[0-9A-Z]{6}\b/gi;

/** The tracking codes (เลขที่เรื่อง) named in a subject, normalised, in order. */
export function trackingCodesIn(subject: string | undefined): string[] {
  return [...(subject ?? '').matchAll(TRACKING_CODE_IN_TEXT)].map((match) => normaliseTrackingCode(match[0])).filter((code): code is string => Boolean(code));
}

/** The Message-IDs the message answers: In-Reply-To, then References from the newest back. */
export function answeredMessageIds(mail: ParsedMail): string[] {
  const references = typeof mail.references === 'string' ? mail.references.split(/\s+/) : (mail.references ?? []);
  const ids = [mail.inReplyTo ?? '', ...[...references].reverse()].map((id) => id.trim()).filter((id) => /^<[^<>\s]+>$/.test(id));
  return [...new Set(ids)];
}

/** The References of an answer to the message: its own References, then its Message-ID (at most 20, the newest kept). */
export function threadReferences(mail: ParsedMail): string[] {
  const references = typeof mail.references === 'string' ? mail.references.split(/\s+/) : (mail.references ?? []);
  const ids = [...references, mail.messageId ?? ''].map((id) => id.trim()).filter((id) => /^<[^<>\s]+>$/.test(id));
  return [...new Set(ids)].slice(-20);
}

/** A Message-ID as stored (hashed) and compared: angle brackets kept, the domain in lower case. */
export function normaliseMessageId(id: string): string {
  const at = id.lastIndexOf('@');
  return at < 0 ? id.trim() : `${id.slice(0, at).trim()}${id.slice(at).trim().toLowerCase()}`;
}

/**
 * The keyed hash a Message-ID is stored and looked up by: it may name the sender's machine, so
 * it is never kept in clear.
 */
export function messageIdHash(protector: { keyedHash(purpose: string, value: string): string }, id: string): string {
  return protector.keyedHash('email_message_id', normaliseMessageId(id));
}

/** Line ends made \n, control characters other than tab and line end dropped, blank runs shortened. */
function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The body as text: the text/plain part when there is one, else the HTML part converted to text
 * (mailparser does both). Empty when the message has neither.
 */
export function bodyText(mail: ParsedMail): string {
  return cleanText(mail.text ?? '');
}

/**
 * What a reply adds: the text above the quoted message. Mail programs quote with "> " lines
 * under a line such as "On … wrote:" (Gmail, Apple Mail) or "เมื่อ … เขียนว่า:" (Thai Gmail),
 * or under "-----Original Message-----" (Outlook).
 */
export function replyText(text: string): string {
  const lines = text.split('\n');
  const cut = lines.findIndex(
    (line, index) =>
      /^-{2,}\s*(Original Message|ข้อความต้นฉบับ)\s*-{2,}$/i.test(line.trim()) ||
      /^(On\b.*\bwrote:|เมื่อ.*เขียนว่า:?)$/.test(line.trim()) ||
      (line.startsWith('>') && lines.slice(index).every((rest) => rest.startsWith('>') || rest.trim() === '')),
  );
  return (cut < 0 ? text : lines.slice(0, cut).join('\n')).trim();
}

/** Why text cannot be taken in as it is (a lone surrogate, NUL), or null. */
export function textProblem(...texts: string[]): string | null {
  for (const text of texts) {
    const problem = unstorableTextProblem(text);
    if (problem) return `unstorable_text_${problem}`;
  }
  return null;
}

/** The longest description and message a case takes (the contract's limit for typed ones). */
export const MAX_TEXT = 5000;
/** The shortest description a case takes. */
const MIN_DESCRIPTION = 10;

const CUT_NOTE_TH = '\n\n[ข้อความยาวเกินกำหนด ตัดไว้เท่านี้ ฉบับเต็มอยู่ในกล่องจดหมายของหน่วยงาน]';
const NO_TEXT_TH = '(อีเมลไม่มีข้อความ โปรดดูไฟล์แนบ)';

/** `text` within MAX_TEXT, saying where it was cut (the whole message stays in the mailbox). */
export function withinLimit(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - CUT_NOTE_TH.length).trimEnd()}${CUT_NOTE_TH}`;
}

/**
 * The description of a new case: the body, or the subject when the body says too little, or a
 * note that only files came; undefined when there is nothing to take in.
 */
export function complaintDescription(subject: string, body: string, files: number): string | undefined {
  const text = body.length >= MIN_DESCRIPTION ? body : [subject, body].filter(Boolean).join('\n');
  if (text.length >= MIN_DESCRIPTION) return withinLimit(text);
  if (files > 0) return [text, NO_TEXT_TH].filter(Boolean).join('\n');
  return undefined;
}

/** The case's title: the subject without reply and forward prefixes, at most 200 characters. */
export function complaintTitle(subject: string | undefined): string | undefined {
  const title = cleanText(subject ?? '')
    .replace(/\s+/g, ' ')
    .replace(/^((re|fw|fwd|ตอบกลับ|ส่งต่อ)\s*:\s*)+/i, '')
    .trim();
  return title ? title.slice(0, 200) : undefined;
}
