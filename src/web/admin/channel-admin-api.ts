/**
 * Typed calls of the agency's chat accounts (LINE official account, Facebook page) and of the
 * e-mails its mailbox kept for a person, for the administration pages. Types come from the API
 * contract (src/shared/api/chat-channels.ts, src/shared/api/email-intake.ts).
 */
import type { z } from 'zod';
import type { ChatAccountConnected, ChatAccountList, ChatAccountState, FacebookPageInputSchema, LineAccountInputSchema } from '../../shared/api/chat-channels.ts';
import type { HeldEmail, HeldEmailDealtWithSchema, HeldEmailListSchema } from '../../shared/api/email-intake.ts';
import { signedInRequest } from '../api/session.tsx';

export type { ChatAccountConnected, ChatAccountList, ChatAccountState, HeldEmail };
export type LineAccountInput = z.input<typeof LineAccountInputSchema>;
export type FacebookPageInput = z.input<typeof FacebookPageInputSchema>;
export type HeldEmailList = z.output<typeof HeldEmailListSchema>;

const agencyPath = (code: string) => `/api/v1/agencies/${encodeURIComponent(code)}`;

export const fetchChatAccounts = (code: string, signal?: AbortSignal) => signedInRequest<ChatAccountList>(`${agencyPath(code)}/chat-accounts`, { signal });
/** Connects the account, or replaces its credentials: LINE's channel secret and token, or the Meta app's secret, page token and verify token. */
export const connectChatAccount = (code: string, provider: ChatAccountState['provider'], body: LineAccountInput | FacebookPageInput) =>
  signedInRequest<ChatAccountConnected>(`${agencyPath(code)}/chat-accounts/${provider}`, { method: 'PUT', body });

/** One page of the e-mails kept, oldest first; `cursor` is the previous page's `nextCursor`. */
export const fetchHeldEmails = (code: string, cursor: string | undefined, signal?: AbortSignal) =>
  signedInRequest<HeldEmailList>(`${agencyPath(code)}/email/held${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
/** Where the browser downloads the message as received (the server audits it). */
export const heldEmailUrl = (code: string, id: string) => `${agencyPath(code)}/email/held/${encodeURIComponent(id)}`;
export const markHeldEmailDealtWith = (code: string, id: string) =>
  signedInRequest<z.output<typeof HeldEmailDealtWithSchema>>(`${heldEmailUrl(code, id)}/dealt-with`, { method: 'POST' });
