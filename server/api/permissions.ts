/**
 * Who may do what (issue 13). Every API route is declared with `route(router, method, path,
 * permission, handler)`, never `router.get(...)` directly, so the permission of each route is
 * written beside it and can be enumerated (`declaredRoutes`). Enforcement (sign-in, roles) is
 * added by the auth middleware; until then `requirePermission` lets every request through.
 *
 * Permissions:
 * - `public`          no sign-in (health, sign-in itself)
 * - `read:aggregate`  KPIs, scorecards, forecasts, calendars, targets: every role
 * - `read:compliance` SLA and compliance reports: executive, planner, admin
 * - `read:rows`       row-level data (rejects with raw values, agent-level figures, case lists): planner, admin
 * - `write:plan`      forecasts events, scenarios, staffing runs: planner, admin
 * - `write:data`      ingest, undo, case ingest: planner, admin
 * - `admin`           users, settings, targets, calendar, templates, audit: admin
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { RouteParameters } from 'express-serve-static-core';

export type Permission = 'public' | 'read:aggregate' | 'read:compliance' | 'read:rows' | 'write:plan' | 'write:data' | 'admin';
export type Role = 'admin' | 'planner' | 'executive' | 'viewer';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['public', 'read:aggregate', 'read:compliance', 'read:rows', 'write:plan', 'write:data', 'admin'],
  planner: ['public', 'read:aggregate', 'read:compliance', 'read:rows', 'write:plan', 'write:data'],
  executive: ['public', 'read:aggregate', 'read:compliance'],
  viewer: ['public', 'read:aggregate'],
};

export type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

export interface DeclaredRoute {
  method: Method;
  path: string;
  permission: Permission;
}

const declared = new WeakMap<Router, DeclaredRoute[]>();

/** The routes declared on a router with `route()`, for the router-enumeration test. */
export function declaredRoutes(router: Router): DeclaredRoute[] {
  return declared.get(router) ?? [];
}

/** The middleware that checks a permission; replaced by the auth layer. */
export function requirePermission(_permission: Permission): RequestHandler {
  return (_req: Request, _res: Response, next: NextFunction) => next();
}

/** Declares a route with the permission it needs. */
export function route<P extends string>(router: Router, method: Method, path: P, permission: Permission, ...handlers: RequestHandler<RouteParameters<P>>[]): void {
  const list = declared.get(router) ?? [];
  list.push({ method, path, permission });
  declared.set(router, list);
  router[method](path, requirePermission(permission), ...(handlers as RequestHandler[]));
}
