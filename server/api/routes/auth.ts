/**
 * Sign-in and the signed-in user's own session (docs/security.md).
 *
 * POST /api/auth/sign-in  { name, password } → 200 the `me` answer and the session cookie;
 *                         401 wrong name or password; 403 locked (the message says until
 *                         when) or disabled; 429 too many attempts from this address.
 * POST /api/auth/sign-out → 204, the session ended and the cookie cleared.
 * GET  /api/auth/me       → { signedIn: false } or { signedIn: true, name, role, permissions,
 *                         mustChangePassword, csrfToken, idleTimeoutSeconds, expiresAt }
 * POST /api/auth/password { currentPassword, newPassword } → the `me` answer with a new
 *                         session (every other session of the user ends).
 */
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { UserRow } from '../../db/queries/users.ts';
import { closeSession, csrfTokenOf, clearedSessionCookie, openSession, sessionCookie, signIn } from '../../auth/sessions.ts';
import { requestAuth, type RequestAuth } from '../../auth/middleware.ts';
import { verifyPassword } from '../../auth/password.ts';
import type { RateLimiter } from '../../auth/rateLimit.ts';
import { ROLE_PERMISSIONS, type Role } from '../../auth/roles.ts';
import { setOwnPassword } from '../../auth/users.ts';
import { deleteUserSessions } from '../../db/queries/sessions.ts';
import { userById } from '../../db/queries/users.ts';
import { badRequest, HttpError } from '../errors.ts';
import { route } from '../permissions.ts';

const SignInBody = z.strictObject({ name: z.string().min(1).max(200), password: z.string().min(1).max(1024) });
const PasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().max(1024) });

function ctxOf(req: Request): RequestAuth {
  const ctx = requestAuth(req);
  if (!ctx) throw new HttpError(401, 'sign in first', 'session');
  return ctx;
}

function me(ctx: RequestAuth, user: UserRow, csrfToken: string, expiresAt: Date) {
  return {
    signedIn: true as const,
    name: user.name,
    role: user.role as Role,
    permissions: ROLE_PERMISSIONS[user.role as Role] ?? [],
    mustChangePassword: user.mustChangePassword,
    csrfToken,
    idleTimeoutSeconds: ctx.services.settings.sessionIdleMinutes * 60,
    expiresAt: expiresAt.toISOString(),
  };
}

function tooMany(limiter: RateLimiter, res: Response, ctx: RequestAuth): void {
  const wait = limiter.hit(ctx.address ?? 'unknown');
  if (wait !== null) {
    res.setHeader('Retry-After', String(wait));
    throw new HttpError(429, `too many attempts from this address: wait ${wait} seconds`, 'address');
  }
}

export function authRouter(limiter: RateLimiter): Router {
  const router = Router();

  route(router, 'post', '/auth/sign-in', 'public', async (req, res) => {
    const ctx = ctxOf(req);
    tooMany(limiter, res, ctx);
    const parsed = SignInBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'body');
      throw badRequest(field, field === 'name' || field === 'password' ? 'expected a non-empty string' : 'unknown field');
    }
    const { name, password } = parsed.data;
    const { db, settings, clock, audit, secureCookies } = ctx.services;
    const now = clock();
    const result = await signIn(db, settings, now, name, password, ctx.address);
    const base = { at: now, address: ctx.address, method: 'POST', path: '/api/auth/sign-in' };
    if (!result.ok) {
      audit.record({
        ...base,
        actor: result.user?.name ?? null,
        role: result.user?.role ?? null,
        action: 'sign-in-failed',
        status: result.status,
        outcome: 'denied',
        detail: result.reason === 'unknown-user' ? 'unknown user name' : result.reason,
      });
      throw new HttpError(result.status, result.message, result.reason === 'locked' || result.reason === 'disabled' ? 'name' : 'password');
    }
    audit.record({
      ...base,
      actor: result.user.name,
      role: result.user.role,
      action: 'sign-in',
      status: 200,
      outcome: 'ok',
      detail: result.user.mustChangePassword ? 'must set a new password' : null,
    });
    res.setHeader('Set-Cookie', sessionCookie(result.sessionId, secureCookies));
    res.json(me(ctx, result.user, csrfTokenOf(result.sessionId), result.expiresAt));
  });

  route(router, 'post', '/auth/sign-out', 'signed-in', async (req, res) => {
    const ctx = ctxOf(req);
    await closeSession(ctx.services.db, ctx.session!.idHash);
    res.setHeader('Set-Cookie', clearedSessionCookie(ctx.services.secureCookies));
    res.status(204).end();
  });

  route(router, 'get', '/auth/me', 'public', (req, res) => {
    const ctx = ctxOf(req);
    const s = ctx.session;
    res.setHeader('Cache-Control', 'no-store');
    if (!s) {
      res.json({ signedIn: false, idleTimeoutSeconds: ctx.services.settings.sessionIdleMinutes * 60 });
      return;
    }
    res.json(me(ctx, s.user, s.csrfToken, s.expiresAt));
  });

  route(router, 'post', '/auth/password', 'signed-in', async (req, res) => {
    const ctx = ctxOf(req);
    tooMany(limiter, res, ctx);
    const body = PasswordBody.parse(req.body ?? {});
    const { db, settings, clock, secureCookies } = ctx.services;
    const user = ctx.session!.user;
    if (!(await verifyPassword(body.currentPassword, user.passwordHash))) throw badRequest('currentPassword', 'does not match your current password');
    if (body.newPassword === body.currentPassword) throw badRequest('newPassword', 'must differ from the current password');
    const now = clock();
    await setOwnPassword(db, user, body.newPassword, now);
    // A new session: the old one (opened with the old password) and any other end here.
    await deleteUserSessions(db, user.userId);
    const opened = await openSession(db, settings, now, user.userId, ctx.address);
    const fresh = (await userById(db, user.userId))!;
    res.setHeader('Set-Cookie', sessionCookie(opened.sessionId, secureCookies));
    res.json(me(ctx, fresh, csrfTokenOf(opened.sessionId), opened.expiresAt));
  });

  return router;
}
