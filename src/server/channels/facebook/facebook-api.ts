/**
 * Facebook Messenger for one page: the Meta app's secret (it signs the webhook), the page access
 * token (it sends), the verify token (Facebook repeats it when it checks the webhook), and the
 * Graph API's base URL — Facebook's own unless the page names another (tests name a local fake).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { secretsOf } from '../../chat/chat-accounts.ts';
import type { ChatAccountRow } from '../../chat/chat-queries.ts';
import type { AppContext } from '../../platform/context.ts';
import { payloadTooLarge } from '../../platform/errors.ts';

export const GRAPH_API_BASE = 'https://graph.facebook.com';
export const GRAPH_API_VERSION = 'v21.0';
/** A Send API call that hangs fails instead, so a webhook answers in time. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface FacebookSecrets {
  appSecret: string;
  pageToken: string;
  verifyToken: string;
}

export interface FacebookPage {
  secrets: FacebookSecrets;
  apiBase: string;
}

export function facebookPageOf(ctx: AppContext, account: ChatAccountRow): FacebookPage {
  return { secrets: secretsOf<FacebookSecrets>(ctx, account), apiBase: (account.apiBase ?? GRAPH_API_BASE).replace(/\/+$/, '') };
}

/** Whether X-Hub-Signature-256 ("sha256=" and the hex HMAC of the exact body with the app secret) is right. */
export function facebookSignatureValid(secrets: FacebookSecrets, rawBody: Buffer, header: string | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secrets.appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

async function graph(page: FacebookPage, path: string, init: RequestInit = {}): Promise<unknown> {
  const url = new URL(`${page.apiBase}/${GRAPH_API_VERSION}/${path}`);
  url.searchParams.set('access_token', page.secrets.pageToken);
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  // The Graph API's error says what went wrong without the message sent; the status is enough for the log.
  if (!response.ok) throw new Error(`Graph API ${path} answered ${response.status}`);
  return response.json();
}

/** The page the token belongs to. */
export async function fetchPageInfo(page: FacebookPage): Promise<{ id: string; name: string }> {
  const info = (await graph(page, 'me?fields=id,name')) as { id?: unknown; name?: unknown };
  if (typeof info.id !== 'string' || typeof info.name !== 'string') throw new Error('Graph API me: no page id or name');
  return { id: info.id, name: info.name };
}

/** Sends one message to a person through the Send API (a reply within the 24-hour window). */
export async function sendFacebookMessage(page: FacebookPage, recipientId: string, message: Record<string, unknown>): Promise<void> {
  await graph(page, 'me/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { id: recipientId }, messaging_type: 'RESPONSE', message }),
  });
}

/** The bytes of an attachment a person sent (its URL on Facebook's CDN), read up to `maxBytes`. */
export async function fetchFacebookAttachment(url: string, maxBytes: number): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!response.ok || !response.body) throw new Error(`attachment download answered ${response.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > maxBytes) throw payloadTooLarge([{ field: 'photo', message: `larger than ${maxBytes} bytes`, messageTh: `ไฟล์ใหญ่เกิน ${Math.round(maxBytes / 1024 / 1024)} MB` }]);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
