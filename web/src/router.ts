/**
 * A tiny history router. The path picks the page; the query string holds the page's
 * filters, so any view can be bookmarked or shared. The server answers every non-API path
 * with the app shell, so deep links work after a reload.
 */
import { useCallback, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function notify(): void {
  for (const l of listeners) l();
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to `href` (path and query), adding a history entry unless `replace`. */
export function navigate(href: string, replace = false): void {
  if (href === snapshot()) return;
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  notify();
}

/** The current path and query parameters; re-renders when either changes. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const u = new URL(href, 'http://x');
  return { path: u.pathname, search: u.searchParams };
}

export type ParamPatch = Record<string, string | number | null | undefined>;

/**
 * The query parameters and a setter that merges a patch into them (null or '' removes a
 * key). Filter edits push history entries so Back undoes them; `replace` is for filling in
 * defaults without growing history.
 */
export function useSearchParams(): [URLSearchParams, (patch: ParamPatch, replace?: boolean) => void] {
  const { path, search } = useLocation();
  const set = useCallback(
    (patch: ParamPatch, replace = false) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      const q = next.toString();
      navigate(q ? `${window.location.pathname}?${q}` : window.location.pathname, replace);
    },
    // The setter reads the live URL; `path` only renews it per page.
    [path],
  );
  return [search, set];
}

/** Click handler for in-app links: plain clicks navigate without a page load. */
export function onLinkClick(e: React.MouseEvent<HTMLAnchorElement>): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(e.currentTarget.getAttribute('href') ?? '/');
}
