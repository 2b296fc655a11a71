/**
 * The staff console's calls: the case list (filters, sort, keyset pages), saved filters, bulk
 * actions, the screening queue, a case with its triage, identity reveals, actions, intake and
 * the agency search. Types come from the API contract (src/shared/api).
 */
import type { Agency } from '../../shared/api/agencies.ts';
import type { ActionBody, ActionResult, BulkAction, BulkBody, BulkResponse, BulkResult } from '../../shared/api/case-actions.ts';
import type { CaseDetail, NewAccessKey } from '../../shared/api/cases.ts';
import type { Dashboard } from '../../shared/api/dashboard.ts';
import type { SavedFilter } from '../../shared/api/saved-filters.ts';
import type { CaseTriage, ClusterPage, PossibleDuplicate, ScreeningItem, ScreeningPage, Triage } from '../../shared/api/triage.ts';
import type { CaseAction } from '../../shared/case-model.ts';
import { signedInRequest } from './session.tsx';
import type { CaseList, Identity, Receipt, StaffIntake } from './types.ts';

export type { ActionBody, Dashboard, BulkAction, BulkBody, BulkResult, CaseTriage, PossibleDuplicate, SavedFilter, ScreeningItem, ScreeningPage, Triage };
export type CaseEvent = CaseDetail['timeline'][number];
export type CaseAttachment = CaseDetail['attachments'][number];
/** GET /api/v1/agencies items, as much of them as the console uses. */
export type AgencySummary = Pick<Agency, 'code' | 'parentCode' | 'nameTh' | 'nameEn' | 'active'>;

const staffRequest = signedInRequest;

const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** GET /api/v1/cases with the query string of the inbox (filters, sort, cursor, limit). */
export const listCases = (query: URLSearchParams, signal?: AbortSignal) => staffRequest<CaseList>(`/api/v1/cases?${query.toString()}`, { signal });

export const fetchCase = (id: string, signal?: AbortSignal) => staffRequest<CaseDetail>(casePath(id), { signal });
export const fetchTriage = (id: string, signal?: AbortSignal) => staffRequest<CaseTriage>(`${casePath(id)}/triage`, { signal });
/** เปิดดูข้อมูลผู้ร้อง: a POST, audited by the server every time. */
export const revealIdentity = (id: string) => staffRequest<Identity>(`${casePath(id)}/identity`, { method: 'POST' });
/** A case action: JSON, or multipart when a note, a reply or a request for information brings files. */
export const actOnCase = <A extends CaseAction>(id: string, action: A, body: ActionBody<A>, files: readonly File[] = []) =>
  staffRequest<ActionResult>(`${casePath(id)}/actions/${action}`, { method: 'POST', body, files });
/** ออกรหัสติดตามใหม่: the new key, shown once; the old one stops working. */
export const reissueAccessKey = (id: string, identityCheck: string) =>
  staffRequest<NewAccessKey>(`${casePath(id)}/access-key`, { method: 'POST', body: { identityCheck } });
/** The bytes of an attachment: the session cookie goes with an <img> or a link to it. */
export const attachmentUrl = (caseId: string, attachmentId: string) => `${casePath(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;

export const fetchScreening = (cursor: string | null, signal?: AbortSignal) =>
  staffRequest<ScreeningPage>(`/api/v1/screening?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });

export const listSavedFilters = (signal?: AbortSignal) => staffRequest<{ items: SavedFilter[] }>('/api/v1/saved-filters', { signal });
export const saveFilter = (name: string, query: Record<string, string>) => staffRequest<SavedFilter>('/api/v1/saved-filters', { method: 'POST', body: { name, query } });
export const deleteSavedFilter = (id: string) => staffRequest<void>(`/api/v1/saved-filters/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const bulkAct = (action: BulkAction, body: BulkBody) =>
  staffRequest<BulkResponse>(`/api/v1/cases/bulk/${action}`, { method: 'POST', body });

export const searchAgencies = (q: string, signal?: AbortSignal) =>
  staffRequest<{ items: AgencySummary[]; nextCursor: string | null }>(`/api/v1/agencies?limit=20&q=${encodeURIComponent(q)}`, { signal });

/** POST /api/v1/cases: JSON, or multipart when there are files. */
export const recordIntake = (body: StaffIntake, files: readonly File[]) => staffRequest<Receipt>('/api/v1/cases', { method: 'POST', body, files });

/** GET /api/v1/dashboard with the page's query string (see staff/dashboard/dashboard-query.ts). */
export const fetchDashboard = (search: string, signal?: AbortSignal) => staffRequest<Dashboard>(`/api/v1/dashboard?${search}`, { signal });
/** The same figures as CSV: a link (the session cookie goes with it). */
export const dashboardCsvUrl = (search: string) => `/api/v1/dashboard.csv?${search}`;
/** Clusters of similar complaints (hotspots) received from..to in the user's subtree, the largest first. */
export const fetchClusters = (search: string, signal?: AbortSignal) => staffRequest<ClusterPage>(`/api/v1/clusters?${search}`, { signal });
