/** Loading what a public page shows of one agency: loading, missing (no such agency), failed, or loaded. */
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { isAbort } from '../components/names.ts';

export type AgencyPageLoad<T> = { state: 'loading' } | { state: 'missing' } | { state: 'failed' } | { state: 'loaded'; data: T };

/** Loads with `load` whenever `code` changes; a 404 or 400 (no such agency code) reads as missing. */
export function useAgencyPage<T>(code: string, load: (code: string, signal: AbortSignal) => Promise<T>): AgencyPageLoad<T> {
  const [loaded, setLoaded] = useState<AgencyPageLoad<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    load(code, controller.signal).then(
      (data) => setLoaded({ state: 'loaded', data }),
      (problem: unknown) => {
        if (isAbort(problem)) return;
        setLoaded({ state: problem instanceof ApiError && (problem.status === 404 || problem.status === 400) ? 'missing' : 'failed' });
      },
    );
    return () => controller.abort();
    // `load` is a module function: the code decides when to load again.
  }, [code]);
  return loaded;
}
