/**
 * Roles and what each may do (issue 13). The API declares the permission of every route
 * (server/api/permissions.ts); a role is the set of permissions it holds.
 *
 * - `public`          no sign-in (health, sign-in itself)
 * - `signed-in`       any signed-in user, even one who must still set a new password
 *                     (who am I, set my password, sign out)
 * - `read:aggregate`  KPIs, scorecards, forecasts, calendars, targets: every role
 * - `read:compliance` SLA and compliance reports: executive, planner, admin
 * - `read:rows`       row-level data (rejects with raw values, agent-level figures, case lists): planner, admin
 * - `write:plan`      forecast events, scenarios, staffing runs: planner, admin
 * - `write:data`      ingest, undo, case ingest: planner, admin
 * - `admin`           users, settings, targets, calendar, templates, audit: admin
 */
export type Permission = 'public' | 'signed-in' | 'read:aggregate' | 'read:compliance' | 'read:rows' | 'write:plan' | 'write:data' | 'admin';
export type Role = 'admin' | 'planner' | 'executive' | 'viewer';

export const ROLES: readonly Role[] = ['admin', 'planner', 'executive', 'viewer'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['public', 'signed-in', 'read:aggregate', 'read:compliance', 'read:rows', 'write:plan', 'write:data', 'admin'],
  planner: ['public', 'signed-in', 'read:aggregate', 'read:compliance', 'read:rows', 'write:plan', 'write:data'],
  executive: ['public', 'signed-in', 'read:aggregate', 'read:compliance'],
  viewer: ['public', 'signed-in', 'read:aggregate'],
};

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

export function roleMay(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
