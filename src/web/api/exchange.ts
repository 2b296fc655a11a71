/**
 * Typed calls of the exchange between systems (การแลกเปลี่ยนเรื่องระหว่างระบบ): the partner
 * registry and the message log for system administrators, and a case's exchange trail for
 * staff. Types come from the API contract (src/shared/api/exchange.ts).
 */
import type {
  CaseExchange,
  ExchangeMessageListQuerySchema,
  ExchangeMessageView,
  MESSAGE_STATES,
  NewPartner,
  Partner,
  PartnerChanges,
} from '../../shared/api/exchange.ts';
import type { ListQuery } from '../../shared/api/fields.ts';
import type { Page } from './admin.ts';
import { signedInRequest as apiRequest } from './session.tsx';

export type { CaseExchange, ExchangeMessageView, NewPartner, Partner, PartnerChanges };
export type ExchangeMessageQuery = ListQuery<typeof ExchangeMessageListQuerySchema>;
export type MessageState = (typeof MESSAGE_STATES)[number];

const partnerPath = (code: string) => `/api/v1/partners/${encodeURIComponent(code)}`;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ---- Partners (/api/v1/partners) ---------------------------------------------------------

export const listPartners = (params: { cursor?: string | undefined; limit?: number }, signal?: AbortSignal) => apiRequest<Page<Partner>>(`/api/v1/partners${query(params)}`, { signal });
/** One partner with its messages counted by direction and state. */
export const getPartner = (code: string, signal?: AbortSignal) => apiRequest<Partner>(partnerPath(code), { signal });
export const createPartner = (body: NewPartner) => apiRequest<Partner>('/api/v1/partners', { method: 'POST', body });
export const updatePartner = (code: string, body: PartnerChanges) => apiRequest<Partner>(partnerPath(code), { method: 'PATCH', body });
/** Removed (undefined: 204), or deactivated because messages name it (the partner, active false: 200). */
export const removePartner = (code: string) => apiRequest<Partner | undefined>(partnerPath(code), { method: 'DELETE' });

// ---- The message log (/api/v1/exchange/messages) -----------------------------------------

export const listExchangeMessages = (params: ExchangeMessageQuery, signal?: AbortSignal) =>
  apiRequest<Page<ExchangeMessageView>>(`/api/v1/exchange/messages${query({ ...params })}`, { signal });
/** ส่งอีกครั้ง: a dead or failed outbound message, queued again with a fresh run of attempts. */
export const retryExchangeMessage = (id: string) => apiRequest<ExchangeMessageView>(`/api/v1/exchange/messages/${encodeURIComponent(id)}/retry`, { method: 'POST', body: {} });

// ---- A case's trail (GET /api/v1/cases/{id}/exchange) ------------------------------------

export const fetchCaseExchange = (caseId: string, signal?: AbortSignal) => apiRequest<CaseExchange>(`/api/v1/cases/${encodeURIComponent(caseId)}/exchange`, { signal });
