/**
 * Typed calls of an agency's channels (ช่องทางรับเรื่องร้องเรียน): read by anyone (the citizen
 * portal's contact page, staff intake), changed by administrators. Types come from the API
 * contract (src/shared/api/channels.ts).
 */
import type { AgencyChannel, AgencyChannelChanges, AgencyChannelList, AgencyChannelRemoval, NewAgencyChannel } from '../../shared/api/channels.ts';
import { apiRequest } from './client.ts';
import { signedInRequest } from './session.tsx';

export type { AgencyChannel, AgencyChannelChanges, AgencyChannelList, NewAgencyChannel };

const channelsPath = (code: string) => `/api/v1/agencies/${encodeURIComponent(code)}/channels`;

/** How to reach an agency: its active channels (with the inactive ones for its administrators, unless `activeOnly`). */
export const fetchAgencyChannels = (code: string, options: { activeOnly?: boolean; signal?: AbortSignal } = {}) =>
  apiRequest<AgencyChannelList>(`${channelsPath(code)}${options.activeOnly ? '?active=true' : ''}`, { signal: options.signal });

export const createAgencyChannel = (code: string, body: NewAgencyChannel) => signedInRequest<AgencyChannel>(channelsPath(code), { method: 'POST', body });
export const updateAgencyChannel = (code: string, id: string, body: AgencyChannelChanges) =>
  signedInRequest<AgencyChannel>(`${channelsPath(code)}/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const removeAgencyChannel = (code: string, id: string) =>
  signedInRequest<AgencyChannelRemoval>(`${channelsPath(code)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
