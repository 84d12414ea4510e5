/**
 * The one way the dashboard talks to the API: GET with query parameters, JSON in and out,
 * and errors turned into `ApiError` carrying the server's own message (`invalid from: …`)
 * and the field it names.
 *
 * GET answers are cached by URL for the life of the page (the data only changes on ingest
 * or a planner-event edit, which call `invalidate()`), and a request already in flight is
 * shared, so going back to a filter is instant and React's double effects cost nothing.
 *
 * Signed in: the session cookie (HttpOnly) goes with every request by itself; the CSRF
 * token of the session (from `GET /api/auth/me`, kept in memory here, never in storage)
 * goes in the `X-CSRF-Token` header of every state-changing request. A 401 answer tells
 * the listeners of `onUnauthorized` (the app shows the sign-in page).
 */

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

/** Keeps the CSRF token of the signed-in session (null when signed out) and forgets cached answers. */
export function setCsrfToken(token: string | null): void {
  if (token !== csrfToken) cache.clear();
  csrfToken = token;
}

/** The header every state-changing request carries (used by the upload too). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Tells the app the session is gone (a 401 answer). */
export function reportUnauthorized(): void {
  for (const l of unauthorizedListeners) l();
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>;

/** `/api/kpis?from=…` with empty parameters left out and a stable order. */
export function apiUrl(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (v === null || v === undefined || v === '') continue;
    q.set(key, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const cache = new Map<string, Promise<unknown>>();

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    if (res.status === 401) reportUnauthorized();
    const b = (body ?? {}) as { error?: string; field?: string };
    throw new ApiError(res.status, b.error ?? `request failed (${res.status} ${res.statusText})`, b.field);
  }
  return body as T;
}

/** GET `url` as JSON, cached; a failed answer is not kept, so a retry asks again. */
export function getJson<T>(url: string): Promise<T> {
  const hit = cache.get(url);
  if (hit) return hit as Promise<T>;
  const p = fetch(url, { headers: { accept: 'application/json' } }).then((r) => parse<T>(r));
  cache.set(url, p);
  p.catch(() => cache.delete(url));
  return p;
}

/** Sends a JSON body (POST/PUT/PATCH/DELETE) with the CSRF header; answers with the parsed JSON, or null for 204. */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' }), ...csrfHeaders() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return parse<T>(res);
}

let version = 0;
const listeners = new Set<() => void>();

/**
 * Forgets cached answers whose URL starts with one of `prefixes` (all when none given) and
 * tells every `useApi` to load again, so a page shows data that arrived since.
 */
export function invalidate(...prefixes: string[]): void {
  for (const key of [...cache.keys()]) {
    if (prefixes.length === 0 || prefixes.some((p) => key.startsWith(p))) cache.delete(key);
  }
  version += 1;
  for (const l of listeners) l();
}

/** For `useSyncExternalStore`: the number of invalidations so far. */
export function dataVersion(): number {
  return version;
}

export function onInvalidate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A message fit to show a user for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof TypeError) return 'cannot reach the Staffcast server';
  return e instanceof Error ? e.message : String(e);
}
