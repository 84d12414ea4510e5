/**
 * The site guard: what a browser may ask of this server, checked before any route runs.
 *
 * - **Host** must name this site (the configured host, or loopback when bound to loopback):
 *   a page on `evil.example` whose DNS is rebound to 127.0.0.1 sends `Host: evil.example`
 *   and is refused with 421, so it can never read the API.
 * - **Cross-origin writes** are refused with 403: a state-changing request (anything but
 *   GET/HEAD/OPTIONS) whose `Origin` is not this site, or that the browser marks
 *   `Sec-Fetch-Site: cross-site`/`same-site`. A no-cors form post from another page carries
 *   its own Origin, so it cannot upload or replace contacts. Clients that are not browsers
 *   (the CLI, curl) send neither header and are not affected.
 * - **Headers** (helmet): the dashboard may not be framed (`frame-ancestors 'none'`,
 *   `X-Frame-Options: DENY`), loads scripts, styles and data only from this site with no
 *   inline script (CSP), and sends no referrer.
 *
 * Sign-in, roles and CSRF tokens are issue 13's; this closes the holes a browser opens today.
 */
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { HttpError } from './errors.ts';

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]', '::1'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host names a request may address: the configured one, and loopback when it is loopback. */
export function allowedHostnames(configuredHost: string): Set<string> {
  const host = configuredHost.toLowerCase();
  const names = new Set([host, host.includes(':') && !host.startsWith('[') ? `[${host}]` : host]);
  if (LOOPBACK.includes(host) || host === '0.0.0.0' || host === '::') for (const h of LOOPBACK) names.add(h);
  return names;
}

/** `example.com:3000` → `example.com`; `[::1]:3000` → `[::1]`. */
export function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/**
 * The Content-Security-Policy: everything from this site only, no inline or eval'd script
 * (the built index.html has none: test/unit/csp-inline.test.ts), no plugins, no <base>, forms
 * post here only, and no framing by anyone. Inline *styles* stay allowed: React and D3 set
 * element styles (an attribute in markup would need it; CSSOM writes do not).
 */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The response headers (helmet): the CSP above, `X-Frame-Options: DENY` for old browsers,
 * `Referrer-Policy: no-referrer`, nosniff, same-origin opener and resource policies, HSTS
 * (ignored by browsers over plain HTTP on loopback), no `X-Powered-By`.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

/** The reason a request is refused, or null when it may go on. */
export function refusalOf(req: { method: string; host: string | undefined; origin: string | undefined; fetchSite: string | undefined }, allowed: ReadonlySet<string>): HttpError | null {
  if (!req.host || !allowed.has(hostnameOf(req.host))) {
    return new HttpError(421, `this server answers for ${[...allowed][0]} only, not for the host this request named`, 'host');
  }
  if (SAFE_METHODS.has(req.method)) return null;
  if (req.origin !== undefined) {
    let originHost: string | null = null;
    try {
      originHost = new URL(req.origin).host.toLowerCase();
    } catch {
      originHost = null; // "null" (sandboxed pages, file://) and anything unparsable
    }
    if (originHost !== req.host.toLowerCase()) return new HttpError(403, 'a page of another site may not change data here', 'origin');
  }
  if (req.fetchSite === 'cross-site' || req.fetchSite === 'same-site') return new HttpError(403, 'a page of another site may not change data here', 'origin');
  return null;
}

export function siteGuard(configuredHost: string) {
  const allowed = allowedHostnames(configuredHost);
  const headers = securityHeaders();
  const guard = (req: Request, next: NextFunction): void => {
    const refused = refusalOf({ method: req.method, host: req.headers.host, origin: req.headers.origin, fetchSite: req.get('sec-fetch-site') }, allowed);
    next(refused ?? undefined);
  };
  // Headers first (on refusals too), then the checks.
  return (req: Request, res: Response, next: NextFunction): void => {
    headers(req, res, (err?: unknown) => (err ? next(err) : guard(req, next)));
  };
}
