import { useEffect, useState, useSyncExternalStore } from 'react';
import { dataVersion, errorMessage, getJson, onInvalidate } from './client.ts';

export type Loadable<T> =
  | { state: 'idle'; data: undefined; error: undefined }
  | { state: 'loading'; data: T | undefined; error: undefined }
  | { state: 'error'; data: undefined; error: string }
  | { state: 'ready'; data: T; error: undefined };

/**
 * Loads `url` (null: nothing to load yet) and follows it as it changes. While a new URL
 * loads, the previous data stays available as `data` so charts do not flash empty on a
 * filter change; an answer for a URL that is no longer wanted is dropped.
 */
export function useApi<T>(url: string | null): Loadable<T> {
  const [result, setResult] = useState<{ url: string | null; value: Loadable<T> }>({
    url: null,
    value: { state: 'idle', data: undefined, error: undefined },
  });

  const version = useSyncExternalStore(onInvalidate, dataVersion);

  useEffect(() => {
    if (url === null) {
      setResult({ url, value: { state: 'idle', data: undefined, error: undefined } });
      return;
    }
    let live = true;
    setResult((prev) => ({
      url,
      value: { state: 'loading', data: prev.value.state === 'ready' || prev.value.state === 'loading' ? prev.value.data : undefined, error: undefined },
    }));
    getJson<T>(url).then(
      (data) => live && setResult({ url, value: { state: 'ready', data, error: undefined } }),
      (e: unknown) => live && setResult({ url, value: { state: 'error', data: undefined, error: errorMessage(e) } }),
    );
    return () => {
      live = false;
    };
  }, [url, version]);

  // Until the effect has run for a new URL, report loading rather than the old URL's state.
  if (result.url !== url && url !== null) {
    const prev = result.value;
    return { state: 'loading', data: prev.state === 'ready' || prev.state === 'loading' ? prev.data : undefined, error: undefined };
  }
  return result.value;
}
