/**
 * Who may do what (issue 13). Every API route is declared with `route(router, method, path,
 * permission, handler)`, never `router.get(...)` directly, so the permission of each route is
 * written beside it and can be enumerated (`declaredRoutes`). Deny by default: `createApp`
 * refuses to start when a router holds a route that was not declared this way
 * (`assertEveryRouteDeclared`).
 *
 * Permissions (roles in server/auth/roles.ts, rules in docs/security.md):
 * - `public`          no sign-in (health, sign-in itself, who am I)
 * - `signed-in`       any signed-in user, even one who must still set a new password
 * - `read:aggregate`  KPIs, scorecards, forecasts, calendars, targets: every role
 * - `read:compliance` SLA and compliance reports: executive, planner, admin
 * - `read:rows`       row-level data (rejects with raw values, agent-level figures, case lists): planner, admin
 * - `write:plan`      forecasts events, scenarios, staffing runs: planner, admin
 * - `write:data`      ingest, undo, case ingest: planner, admin
 * - `admin`           users, settings, targets, calendar, templates, audit: admin
 *
 * `requirePermission` answers 401 without a session, 403 for a role without the permission,
 * 403 for a state-changing request without the session's CSRF token, and 403 until a user
 * with a one-time password has set a new one. It records every request to a non-public
 * route in the audit trail when the answer has gone (method, route, query filters, status).
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { RouteParameters } from 'express-serve-static-core';
import { outcomeOf } from '../auth/audit.ts';
import { requestAuth } from '../auth/middleware.ts';
import { type Permission, roleMay } from '../auth/roles.ts';
import { CSRF_HEADER, tokensMatch } from '../auth/sessions.ts';
import { HttpError } from './errors.ts';

export type { Permission, Role } from '../auth/roles.ts';
export { ROLE_PERMISSIONS } from '../auth/roles.ts';

export type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

export interface DeclaredRoute {
  method: Method;
  path: string;
  permission: Permission;
}

const declared = new WeakMap<Router, DeclaredRoute[]>();
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const GUARD = Symbol('staffcast.permissionGuard');

/** The routes declared on a router with `route()`, for the router-enumeration test. */
export function declaredRoutes(router: Router): DeclaredRoute[] {
  return declared.get(router) ?? [];
}

/** Requests not worth an audit row: who-am-I polls and public routes (sign-in records its own events). */
function audited(permission: Permission, method: string): boolean {
  return permission !== 'public' && !(permission === 'signed-in' && method === 'GET');
}

function auditOnClose(req: Request, res: Response, permission: Permission): void {
  const ctx = requestAuth(req);
  if (!ctx || !audited(permission, req.method)) return;
  const routePath = `${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? ''}`;
  res.once('close', () => {
    const status = res.statusCode;
    const query = Object.keys(req.query ?? {}).length ? JSON.stringify(req.query) : null;
    ctx.services.audit.record({
      at: ctx.services.clock(),
      actor: ctx.session?.user.name ?? null,
      role: ctx.session?.user.role ?? null,
      address: ctx.address,
      action: `${req.method} ${routePath}`,
      method: req.method,
      path: req.originalUrl.split('?')[0]!.slice(0, 500),
      filters: query && query.length > 4000 ? `${query.slice(0, 4000)}…` : query,
      status,
      outcome: outcomeOf(status),
      detail: res.writableFinished ? null : 'connection closed before the answer was complete',
    });
  });
}

/** The middleware that checks a permission (see the header). */
export function requirePermission(permission: Permission): RequestHandler {
  const guard = (req: Request, res: Response, next: NextFunction) => {
    auditOnClose(req, res, permission);
    if (permission === 'public') return next();
    const ctx = requestAuth(req);
    const session = ctx?.session;
    if (!session) return next(new HttpError(401, 'sign in first: this needs a signed-in user (POST /api/auth/sign-in)', 'session'));
    const role = session.user.role as Parameters<typeof roleMay>[0];
    if (!SAFE_METHODS.has(req.method) && !tokensMatch(req.get(CSRF_HEADER), session.csrfToken)) {
      return next(new HttpError(403, 'missing or wrong X-CSRF-Token header: send the token that GET /api/auth/me gives', 'csrf'));
    }
    if (session.user.mustChangePassword && permission !== 'signed-in') {
      return next(new HttpError(403, 'set a new password first (POST /api/auth/password): the one-time password only allows that', 'password'));
    }
    if (!roleMay(role, permission)) return next(new HttpError(403, `the ${role} role may not do this (it needs the ${permission} permission)`, 'role'));
    next();
  };
  (guard as unknown as Record<symbol, Permission>)[GUARD] = permission;
  return guard;
}

/** Declares a route with the permission it needs. */
export function route<P extends string>(router: Router, method: Method, path: P, permission: Permission, ...handlers: RequestHandler<RouteParameters<P>>[]): void {
  const list = declared.get(router) ?? [];
  list.push({ method, path, permission });
  declared.set(router, list);
  router[method](path, requirePermission(permission), ...(handlers as RequestHandler[]));
}

interface Layer {
  route?: { path: unknown; methods?: Record<string, boolean>; stack: { handle: unknown; method?: string }[] };
  handle?: { stack?: Layer[] };
}

/**
 * Deny by default: throws when `router` (or a router mounted in it) holds a route whose
 * first handler is not a permission guard, i.e. a route added with `router.get(...)`
 * instead of `route()`.
 */
export function assertEveryRouteDeclared(router: Router, where = '/api'): void {
  for (const layer of (router as unknown as { stack: Layer[] }).stack) {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods ?? {}).filter((m) => layer.route!.methods![m]);
      const first = layer.route.stack[0]?.handle as Record<symbol, unknown> | undefined;
      if (!first || first[GUARD] === undefined) {
        throw new Error(`route ${methods.join(',').toUpperCase() || '?'} ${where}${String(layer.route.path)} has no declared permission: declare it with route() (server/api/permissions.ts)`);
      }
    } else if (layer.handle?.stack) {
      assertEveryRouteDeclared(layer.handle as unknown as Router, where);
    }
  }
}
