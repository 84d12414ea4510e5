/**
 * Users, for admins (docs/security.md). Every change is in the audit trail (the request is
 * recorded by the permission check) and ends the sessions it makes stale.
 *
 * GET   /api/users                          → { users: UserView[] }
 * POST  /api/users { name, role, password? } → 201 { name, oneTimePassword? }: without a
 *                                             password, a one-time one the user must replace
 * PATCH /api/users/:name { role?, disabled? } → 204
 * POST  /api/users/:name/unlock             → 204
 * POST  /api/users/:name/reset-password     → { oneTimePassword }
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../auth/clock.ts';
import { oneTimePassword } from '../../auth/password.ts';
import { addUser, changeRole, disableUser, listUsers, resetPassword, unlock } from '../../auth/users.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../permissions.ts';

const AddBody = z.strictObject({ name: z.string().max(200), role: z.string().max(50), password: z.string().max(1024).optional() });
const PatchBody = z.strictObject({ role: z.string().max(50).optional(), disabled: z.boolean().optional() });

export function usersRouter(deps: AppDeps, clock: Clock): Router {
  const router = Router();

  route(router, 'get', '/users', 'admin', async (_req, res) => {
    res.json({ users: await listUsers(deps.db, clock()) });
  });

  route(router, 'post', '/users', 'admin', async (req, res) => {
    const body = AddBody.parse(req.body ?? {});
    const generated = body.password === undefined ? oneTimePassword() : null;
    await addUser(deps.db, body.name, body.role, generated ?? body.password, clock(), { mustChangePassword: generated !== null });
    res.status(201).json({ name: body.name, ...(generated ? { oneTimePassword: generated } : {}) });
  });

  route(router, 'patch', '/users/:name', 'admin', async (req, res) => {
    const body = PatchBody.parse(req.body ?? {});
    if (body.role !== undefined) await changeRole(deps.db, req.params.name, body.role, clock());
    if (body.disabled !== undefined) await disableUser(deps.db, req.params.name, body.disabled, clock());
    res.status(204).end();
  });

  route(router, 'post', '/users/:name/unlock', 'admin', async (req, res) => {
    await unlock(deps.db, req.params.name, clock());
    res.status(204).end();
  });

  route(router, 'post', '/users/:name/reset-password', 'admin', async (req, res) => {
    const password = await resetPassword(deps.db, req.params.name, undefined, clock());
    res.json({ oneTimePassword: password });
  });

  return router;
}
