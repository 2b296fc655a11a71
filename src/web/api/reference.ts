/** Reference data for forms: categories, the province → district → subdistrict lists, and the installation's settings. */
import { useEffect, useState } from 'react';
import type { UploadLimits } from '../citizen/complaint-form.ts';
import { apiRequest } from './client.ts';
import type { ProvinceOutline } from '../../shared/api/reference.ts';
import type { AdminArea, Category, PublicSettings } from './types.ts';

const cache = new Map<string, Promise<unknown>>();

/** `load()` once per page load under `key`; a failure is forgotten, so the next call tries again. */
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** GETs a list that does not change while the page is open, once per page load. */
const cachedList = <T>(path: string): Promise<T[]> => once(path, () => apiRequest<{ items: T[] }>(path).then((page) => page.items));

/** The settings once they have come, so that a form opened later has them at once. */
let loadedSettings: PublicSettings | undefined;

/** GET /api/v1/public/settings, once per page load. */
export const fetchPublicSettings = () =>
  once('settings', () =>
    apiRequest<PublicSettings>('/api/v1/public/settings').then((settings) => {
      loadedSettings = settings;
      return settings;
    }),
  );

const uploadLimitsOf = (settings: PublicSettings): UploadLimits => ({ maxFiles: settings.maxFiles, maxFileBytes: settings.maxFileBytes, mediaTypes: settings.attachmentMediaTypes });

/** The installation's public address (RONGTHUK_PUBLIC_URL), or this page's origin when none is set (or the settings cannot be read). */
export const fetchPublicBase = (): Promise<string> =>
  fetchPublicSettings().then(
    (settings) => settings.publicUrl ?? window.location.origin,
    () => window.location.origin,
  );

/** The limits the server sets on files (count, size, types); undefined until its settings have come, or if they cannot be read. */
export function useUploadLimits(): UploadLimits | undefined {
  const [limits, setLimits] = useState<UploadLimits | undefined>(() => (loadedSettings ? uploadLimitsOf(loadedSettings) : undefined));
  useEffect(() => {
    let current = true;
    fetchPublicSettings().then(
      (settings) => current && setLimits(uploadLimitsOf(settings)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return limits;
}

export const fetchCategories = () => cachedList<Category>('/api/v1/categories');
export const fetchProvinces = () => cachedList<AdminArea>('/api/v1/reference/provinces');
export const fetchDistricts = (provinceCode: string) => cachedList<AdminArea>(`/api/v1/reference/provinces/${encodeURIComponent(provinceCode)}/districts`);
/** Every province drawn as its districts, for the dashboard's map of Thailand (about 100 KB, once per page load). */
export const fetchProvinceOutlines = () => cachedList<ProvinceOutline>('/api/v1/reference/province-outlines');
export const fetchDistrictOutlines = (provinceCode: string) => cachedList<ProvinceOutline>(`/api/v1/reference/provinces/${encodeURIComponent(provinceCode)}/district-outlines`);
export const fetchSubdistricts = (districtCode: string) => cachedList<AdminArea>(`/api/v1/reference/districts/${encodeURIComponent(districtCode)}/subdistricts`);

/** A list loaded when `key` is set; empty while loading or when `key` is empty. */
export function useList<T>(key: string, load: (key: string) => Promise<T[]>): { items: T[]; failed: boolean } {
  const [state, setState] = useState<{ key: string; items: T[]; failed: boolean }>({ key: '', items: [], failed: false });
  useEffect(() => {
    if (!key) return;
    let current = true;
    load(key).then(
      (items) => current && setState({ key, items, failed: false }),
      () => current && setState({ key, items: [], failed: true }),
    );
    return () => {
      current = false;
    };
  }, [key, load]);
  return state.key === key ? { items: state.items, failed: state.failed } : { items: [], failed: false };
}
