/** Loading one thing from the API for a page: loading, ready or failed, and a way to load it again. */
import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { state: 'loading'; data?: undefined; error?: undefined; reload: () => void }
  | { state: 'ready'; data: T; error?: undefined; reload: () => void }
  | { state: 'failed'; data?: undefined; error: unknown; reload: () => void };

/**
 * Loads with `load` whenever `key` changes (and on reload); a stale answer never overwrites a
 * newer one. Keeps showing the previous data while a reload of the same key runs.
 */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ key: string; state: 'loading' | 'ready' | 'failed'; data?: T; error?: unknown }>({ key, state: 'loading' });
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.key === key && previous.state === 'ready' ? previous : { key, state: 'loading' }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ key, state: 'ready', data }),
      (error: unknown) => !controller.signal.aborted && setState({ key, state: 'failed', error }),
    );
    return () => controller.abort();
    // `load` is the caller's closure over `key`: the key decides when to load again.
  }, [key, generation]);
  if (state.key !== key || state.state === 'loading') return { state: 'loading', reload };
  if (state.state === 'failed') return { state: 'failed', error: state.error, reload };
  return { state: 'ready', data: state.data as T, reload };
}
