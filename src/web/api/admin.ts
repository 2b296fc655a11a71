/**
 * Typed calls of the administration API: agencies (read), users, SLA policies, the holiday
 * calendar and routing rules. Types come from the API contract (src/shared/api).
 */
import type { Agency, AgencyQuery, AgencyWithAncestors } from '../../shared/api/agencies.ts';
import type { Holiday, HolidayList, NewHoliday, SlaPolicy, SlaPolicyBody } from '../../shared/api/sla.ts';
import type { RoutingRule, RoutingRuleBody, RoutingRuleQuery, RuleTarget } from '../../shared/api/triage.ts';
import type { NewUser, UserAccount, UserChanges, UserListQuery } from '../../shared/api/users.ts';
import type { Role } from '../../shared/case-model.ts';
import { signedInRequest as apiRequest } from './session.tsx';

export type { Agency, AgencyWithAncestors, Holiday, NewHoliday, NewUser, Role, RoutingRule, RoutingRuleBody, RoutingRuleQuery, RuleTarget, SlaPolicy, SlaPolicyBody, UserAccount, UserChanges, UserListQuery };

/** Where a list continues: the cursor the server gave, null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Builds `?a=1&b=2` from the defined, non-empty values. */
function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const id = (value: string) => encodeURIComponent(value);

// ---- Agencies (GET /api/v1/agencies) ----------------------------------------------------

export const listAgencies = (params: AgencyQuery, signal?: AbortSignal) => apiRequest<Page<Agency>>(`/api/v1/agencies${query({ ...params })}`, { signal });

/** One agency by its exact code, with its ancestors. */
export const getAgency = (code: string, signal?: AbortSignal) => apiRequest<AgencyWithAncestors>(`/api/v1/agencies/${id(code)}`, { signal });

// ---- Users (GET, POST /api/v1/users, PATCH /api/v1/users/{id}) --------------------------

export const listUsers = (params: UserListQuery, signal?: AbortSignal) => apiRequest<Page<UserAccount>>(`/api/v1/users${query({ ...params })}`, { signal });
export const createUser = (body: NewUser) => apiRequest<UserAccount>('/api/v1/users', { method: 'POST', body });
export const updateUser = (userId: string, body: UserChanges) => apiRequest<UserAccount>(`/api/v1/users/${id(userId)}`, { method: 'PATCH', body });

// ---- SLA policies (/api/v1/sla-policies) ------------------------------------------------

export const listSlaPolicies = (signal?: AbortSignal) => apiRequest<{ items: SlaPolicy[] }>('/api/v1/sla-policies', { signal });
export const saveSlaPolicy = (body: SlaPolicyBody) => apiRequest<SlaPolicy>('/api/v1/sla-policies', { method: 'PUT', body });
export const deleteSlaPolicy = (policyId: string) => apiRequest<void>(`/api/v1/sla-policies/${id(policyId)}`, { method: 'DELETE' });

// ---- Holidays (/api/v1/holidays) --------------------------------------------------------

export const listHolidays = (params: { year: number; agencyCode?: string | undefined }, signal?: AbortSignal) =>
  apiRequest<HolidayList>(`/api/v1/holidays${query({ ...params })}`, { signal });
export const addHoliday = (body: NewHoliday) => apiRequest<Holiday>('/api/v1/holidays', { method: 'POST', body });
export const deleteHoliday = (holidayId: string) => apiRequest<void>(`/api/v1/holidays/${id(holidayId)}`, { method: 'DELETE' });

// ---- Routing rules (/api/v1/routing-rules) ----------------------------------------------

export const listRoutingRules = (params: RoutingRuleQuery, signal?: AbortSignal) =>
  apiRequest<Page<RoutingRule>>(`/api/v1/routing-rules${query({ ...params })}`, { signal });
export const createRoutingRule = (body: RoutingRuleBody) => apiRequest<RoutingRule>('/api/v1/routing-rules', { method: 'POST', body });
export const replaceRoutingRule = (ruleId: string, body: RoutingRuleBody) => apiRequest<RoutingRule>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'PUT', body });
export const deleteRoutingRule = (ruleId: string) => apiRequest<void>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'DELETE' });
