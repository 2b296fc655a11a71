/**
 * Typed calls of the administration API: agencies (read), users, SLA policies, the holiday
 * calendar and routing rules. Response and body types are derived from the routes' zod
 * schemas (imported as types only, so no server code reaches the browser); the query
 * parameters are the web's own, as the page builds them.
 */
import type { z } from 'zod';
import type { AgencySchema, AgencyWithAncestorsSchema } from '../../server/agencies/routes.ts';
import type { NewUserSchema, UserAccountSchema, UserChangesSchema } from '../../server/agencies/user-routes.ts';
import type { HolidaySchema, NewHolidaySchema } from '../../server/sla/holiday-routes.ts';
import type { PolicyBodySchema, PolicySchema } from '../../server/sla/policy-routes.ts';
import type { RuleTarget } from '../../server/triage/rule-queries.ts';
import type { RuleBodySchema, RuleSchema } from '../../server/triage/routes.ts';
import type { Role } from '../../shared/case-model.ts';
import { signedInRequest as apiRequest } from './session.tsx';

export type { Role, RuleTarget };

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

/** Where a list request starts (the cursor of the last page) and how much it takes. */
interface PageQuery {
  cursor?: string | undefined;
  limit?: number | undefined;
}

// ---- Agencies (GET /api/v1/agencies) ----------------------------------------------------

export type Agency = z.output<typeof AgencySchema>;
/** An agency with the agencies above it, root first. */
export type AgencyWithAncestors = z.output<typeof AgencyWithAncestorsSchema>;

export interface AgencyQuery extends PageQuery {
  q?: string | undefined;
  parent?: string | undefined;
}

export const listAgencies = (params: AgencyQuery, signal?: AbortSignal) => apiRequest<Page<Agency>>(`/api/v1/agencies${query({ ...params })}`, { signal });

/** One agency by its exact code, with its ancestors. */
export const getAgency = (code: string, signal?: AbortSignal) => apiRequest<AgencyWithAncestors>(`/api/v1/agencies/${id(code)}`, { signal });

// ---- Users (src/server/agencies/user-routes.ts) -----------------------------------------

export type UserAccount = z.output<typeof UserAccountSchema>;

export interface UserQuery extends PageQuery {
  q?: string | undefined;
  agencyCode?: string | undefined;
  role?: Role | undefined;
  active?: 'true' | 'false' | undefined;
}

export type NewUser = z.input<typeof NewUserSchema>;
/** Only what changes; an e-mail of null removes it. */
export type UserChanges = z.input<typeof UserChangesSchema>;

/** The API's rules for a username: 3–64 of a–z, 0–9, dot, underscore or hyphen (lower-cased). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export const listUsers = (params: UserQuery, signal?: AbortSignal) => apiRequest<Page<UserAccount>>(`/api/v1/users${query({ ...params })}`, { signal });
export const createUser = (body: NewUser) => apiRequest<UserAccount>('/api/v1/users', { method: 'POST', body });
export const updateUser = (userId: string, body: UserChanges) => apiRequest<UserAccount>(`/api/v1/users/${id(userId)}`, { method: 'PATCH', body });

// ---- SLA policies (src/server/sla/policy-routes.ts) -------------------------------------

/** A category code or agency code of null: any. */
export type SlaPolicy = z.output<typeof PolicySchema>;
export type SlaPolicyBody = z.input<typeof PolicyBodySchema>;

/** The bounds of each number in the API's schema. */
export const SLA_LIMITS = {
  targetBusinessDays: { min: 1, max: 365 },
  dueSoonBusinessDays: { min: 0, max: 60 },
  progressIntervalBusinessDays: { min: 1, max: 60 },
  statutoryBusinessDays: { min: 1, max: 730 },
  extensionLimitBusinessDays: { min: 0, max: 365 },
  cceoEscalationBusinessDays: { min: 0, max: 60 },
} as const;

export const listSlaPolicies = (signal?: AbortSignal) => apiRequest<{ items: SlaPolicy[] }>('/api/v1/sla-policies', { signal });
export const saveSlaPolicy = (body: SlaPolicyBody) => apiRequest<SlaPolicy>('/api/v1/sla-policies', { method: 'PUT', body });
export const deleteSlaPolicy = (policyId: string) => apiRequest<void>(`/api/v1/sla-policies/${id(policyId)}`, { method: 'DELETE' });

// ---- Holidays (src/server/sla/holiday-routes.ts) ----------------------------------------

/** A day off; an agency code of null: the national calendar. */
export type Holiday = z.output<typeof HolidaySchema>;
export type NewHoliday = z.input<typeof NewHolidaySchema>;

/** The holiday name must contain Thai letters (HolidayNameSchema). */
export const THAI_LETTER = /[\u0E01-\u0E5B]/;

export const listHolidays = (params: { year: number; agencyCode?: string | undefined }, signal?: AbortSignal) =>
  apiRequest<{ year: number; agencyCode: string | null; items: Holiday[] }>(`/api/v1/holidays${query({ ...params })}`, { signal });
export const addHoliday = (body: NewHoliday) => apiRequest<Holiday>('/api/v1/holidays', { method: 'POST', body });
export const deleteHoliday = (holidayId: string) => apiRequest<void>(`/api/v1/holidays/${id(holidayId)}`, { method: 'DELETE' });

// ---- Routing rules (src/server/triage/routes.ts) ----------------------------------------

export const RULE_TARGET_VALUES: readonly RuleTarget[] = ['agency', 'province_office', 'district_office'];

export type RoutingRule = z.output<typeof RuleSchema>;
/** The area is a province (2 digits) or district (4 digits) code; null for everywhere. */
export type RoutingRuleBody = z.input<typeof RuleBodySchema>;

export interface RoutingRuleQuery extends PageQuery {
  categoryCode?: string | undefined;
  areaCode?: string | undefined;
  agencyCode?: string | undefined;
}

export const listRoutingRules = (params: RoutingRuleQuery, signal?: AbortSignal) =>
  apiRequest<Page<RoutingRule>>(`/api/v1/routing-rules${query({ ...params })}`, { signal });
export const createRoutingRule = (body: RoutingRuleBody) => apiRequest<RoutingRule>('/api/v1/routing-rules', { method: 'POST', body });
export const replaceRoutingRule = (ruleId: string, body: RoutingRuleBody) => apiRequest<RoutingRule>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'PUT', body });
export const deleteRoutingRule = (ruleId: string) => apiRequest<void>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'DELETE' });
