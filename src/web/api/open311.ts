/**
 * Typed calls of the Open311 apps (แอปพลิเคชันภายนอก) for system administrators: register an app
 * (its api_key is answered once), list, revoke. Types come from the API contract (src/shared/api/open311.ts).
 */
import type { z } from 'zod';
import type { IssuedOpen311KeySchema, Open311App } from '../../shared/api/open311.ts';
import { signedInRequest as apiRequest } from './session.tsx';

export type { Open311App };
export type IssuedOpen311Key = z.output<typeof IssuedOpen311KeySchema>;

export const listOpen311Apps = (signal?: AbortSignal) => apiRequest<{ items: Open311App[] }>('/api/v1/open311/apps', { signal });
export const registerOpen311App = (name: string) => apiRequest<IssuedOpen311Key>('/api/v1/open311/apps', { method: 'POST', body: { name } });
export const revokeOpen311App = (name: string) => apiRequest<Open311App>(`/api/v1/open311/apps/${encodeURIComponent(name)}/revoke`, { method: 'POST' });
