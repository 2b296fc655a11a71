/**
 * Typed calls of the administration API: agencies (read), users, SLA policies, the holiday
 * calendar and routing rules. The response shapes mirror the routes' zod schemas (which the
 * route files keep private); the enums are taken from the shared model and the server's
 * exported types, as types only where they come from the server.
 */
import type { Role } from '../../shared/case-model.ts';
import type { RuleTarget } from '../../server/triage/queries.ts';
import { apiRequest } from './client.ts';

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

// ---- Agencies (GET /api/v1/agencies) ----------------------------------------------------

/** The agency kinds of the tree (migrations/0001_core.sql). */
export const AGENCY_KINDS = ['hub', 'ministry', 'department', 'province', 'district', 'local', 'state_enterprise', 'independent'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  code: string;
  parentCode: string | null;
  kind: string;
  nameTh: string;
  nameEn: string;
  areaCodes: string[];
  active: boolean;
  childCount: number;
}

export interface AgencyQuery {
  q?: string | undefined;
  parent?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export const listAgencies = (params: AgencyQuery, signal?: AbortSignal) => apiRequest<Page<Agency>>(`/api/v1/agencies${query({ ...params })}`, { signal });

/** One agency by its exact code (the API searches by fragment; the exact one is among the first). */
export async function findAgency(code: string, signal?: AbortSignal): Promise<Agency | undefined> {
  const page = await listAgencies({ q: code, limit: 500 }, signal);
  return page.items.find((agency) => agency.code === code);
}

// ---- Users (src/server/agencies/user-routes.ts) -----------------------------------------

export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  roleLabelTh: string;
  active: boolean;
  agency: { code: string; nameTh: string; nameEn: string };
  createdAt: string;
}

export interface UserQuery {
  q?: string | undefined;
  agencyCode?: string | undefined;
  role?: Role | undefined;
  active?: 'true' | 'false' | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export interface NewUser {
  username: string;
  displayName: string;
  email?: string | undefined;
  agencyCode: string;
  role: Role;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  /** null removes it. */
  email?: string | null;
  role?: Role;
  active?: boolean;
  password?: string;
}

/** The API's rules for a username: 3–64 of a–z, 0–9, dot, underscore or hyphen (lower-cased). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export const listUsers = (params: UserQuery, signal?: AbortSignal) => apiRequest<Page<UserAccount>>(`/api/v1/users${query({ ...params })}`, { signal });
export const createUser = (body: NewUser) => apiRequest<UserAccount>('/api/v1/users', { method: 'POST', body });
export const updateUser = (userId: string, body: UserChanges) => apiRequest<UserAccount>(`/api/v1/users/${id(userId)}`, { method: 'PATCH', body });

// ---- SLA policies (src/server/sla/policy-routes.ts) -------------------------------------

export interface SlaPolicyValues {
  targetBusinessDays: number;
  dueSoonBusinessDays: number;
  progressIntervalBusinessDays: number;
  statutoryBusinessDays: number | null;
  legalBasis: string | null;
  extensionLimitBusinessDays: number;
  cceoEscalationBusinessDays: number;
}

export interface SlaPolicy extends SlaPolicyValues {
  id: string;
  /** null: any category. */
  categoryCode: string | null;
  /** null: any agency. */
  agencyCode: string | null;
}

export type SlaPolicyBody = Omit<SlaPolicy, 'id'>;

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

export interface Holiday {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  name: string;
  /** null: the national calendar. */
  agencyCode: string | null;
}

export interface HolidayList {
  year: number;
  agencyCode: string | null;
  items: Holiday[];
}

export interface NewHoliday {
  date: string;
  name: string;
  /** A local day of this agency and those below it; national without. */
  agencyCode?: string | undefined;
}

/** The holiday name must contain Thai letters (HolidayNameSchema). */
export const THAI_LETTER = /[\u0E01-\u0E5B]/;

export const listHolidays = (params: { year: number; agencyCode?: string | undefined }, signal?: AbortSignal) =>
  apiRequest<HolidayList>(`/api/v1/holidays${query({ ...params })}`, { signal });
export const addHoliday = (body: NewHoliday) => apiRequest<Holiday>('/api/v1/holidays', { method: 'POST', body });
export const deleteHoliday = (holidayId: string) => apiRequest<void>(`/api/v1/holidays/${id(holidayId)}`, { method: 'DELETE' });

// ---- Routing rules (src/server/triage/routes.ts) ----------------------------------------

export const RULE_TARGET_VALUES: readonly RuleTarget[] = ['agency', 'province_office', 'district_office'];

export interface RoutingRule {
  id: string;
  categoryCode: string;
  areaCode: string | null;
  agencyCode: string;
  agencyNameTh: string;
  target: RuleTarget;
  automatic: boolean;
  note: string | null;
  updatedAt: string;
}

export interface RoutingRuleBody {
  categoryCode: string;
  /** A province (2 digits) or district (4 digits) code; null for everywhere. */
  areaCode: string | null;
  agencyCode: string;
  target: RuleTarget;
  automatic: boolean;
  note: string | null;
}

export interface RoutingRuleQuery {
  categoryCode?: string | undefined;
  areaCode?: string | undefined;
  agencyCode?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export const listRoutingRules = (params: RoutingRuleQuery, signal?: AbortSignal) =>
  apiRequest<Page<RoutingRule>>(`/api/v1/routing-rules${query({ ...params })}`, { signal });
export const createRoutingRule = (body: RoutingRuleBody) => apiRequest<RoutingRule>('/api/v1/routing-rules', { method: 'POST', body });
export const replaceRoutingRule = (ruleId: string, body: RoutingRuleBody) => apiRequest<RoutingRule>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'PUT', body });
export const deleteRoutingRule = (ruleId: string) => apiRequest<void>(`/api/v1/routing-rules/${id(ruleId)}`, { method: 'DELETE' });
