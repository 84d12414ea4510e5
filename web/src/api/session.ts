/**
 * The signed-in session as the dashboard sees it: who is signed in (`GET /api/auth/me`),
 * sign-in, sign-out, setting a new password, and the automatic logoff after the server's
 * idle timeout without keyboard or pointer activity (docs/security.md).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Permission, Role } from '../../../server/auth/roles.ts';
import { ApiError, csrfHeaders, onUnauthorized, sendJson, setCsrfToken } from './client.ts';

export interface Me {
  signedIn: true;
  name: string;
  role: Role;
  permissions: Permission[];
  mustChangePassword: boolean;
  csrfToken: string;
  idleTimeoutSeconds: number;
  expiresAt: string;
}

export type SessionState = { state: 'loading' } | { state: 'signed-out'; reason: string | null; idleTimeoutSeconds: number | null } | { state: 'signed-in'; me: Me };

async function fetchMe(): Promise<Me | { signedIn: false; idleTimeoutSeconds?: number }> {
  const res = await fetch('/api/auth/me', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new ApiError(res.status, `cannot read the session (${res.status})`);
  return res.json();
}

/** Ends the session on the server; the answer does not matter (it may have ended already). */
function postSignOut(): void {
  fetch('/api/auth/sign-out', { method: 'POST', headers: csrfHeaders() }).catch(() => {});
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function useSession() {
  const [session, setSession] = useState<SessionState>({ state: 'loading' });
  const lastActivity = useRef(Date.now());

  const signedOut = useCallback((reason: string | null, idle: number | null = null) => {
    setCsrfToken(null);
    setSession({ state: 'signed-out', reason, idleTimeoutSeconds: idle });
  }, []);

  const adopt = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    lastActivity.current = Date.now();
    setSession({ state: 'signed-in', me });
  }, []);

  useEffect(() => {
    fetchMe().then(
      (me) => (me.signedIn ? adopt(me) : signedOut(null, me.idleTimeoutSeconds ?? null)),
      () => signedOut('cannot reach the Staffcast server'),
    );
  }, [adopt, signedOut]);

  // Any 401 (the session ended on the server: idle, lifetime, disabled) returns to sign-in.
  useEffect(() => onUnauthorized(() => signedOut('Your session has ended: sign in again.')), [signedOut]);

  const me = session.state === 'signed-in' ? session.me : null;

  // Automatic logoff: no keyboard or pointer activity for the idle timeout.
  useEffect(() => {
    if (!me) return;
    const mark = () => {
      lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, mark, { passive: true });
    const limitMs = me.idleTimeoutSeconds * 1000;
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current < limitMs) return;
      const minutes = Math.round(me.idleTimeoutSeconds / 60);
      postSignOut();
      signedOut(`You were signed out after ${minutes} minutes without activity.`, me.idleTimeoutSeconds);
    }, 1000);
    return () => {
      window.clearInterval(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, mark);
    };
  }, [me, signedOut]);

  const signIn = useCallback(
    async (name: string, password: string) => {
      const res = await fetch('/api/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ name, password }) });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new ApiError(res.status, body.error ?? `sign-in failed (${res.status})`, body.field);
      adopt(body as Me);
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    postSignOut();
    signedOut('You are signed out.');
  }, [signedOut]);

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      adopt(await sendJson<Me>('POST', '/api/auth/password', { currentPassword, newPassword }));
    },
    [adopt],
  );

  return { session, signIn, signOut, changePassword };
}
