/**
 * The request's sign-in state: `authenticate` reads the session cookie once per API request
 * and keeps what it found (the user, the CSRF token, the audit writer) for the permission
 * check (server/api/permissions.ts) and the auth routes.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from '../db/database.ts';
import type { AuditWriter } from './auditWriter.ts';
import type { Clock } from './clock.ts';
import { type ActiveSession, activeSession, type SessionSettings, sessionIdFromCookies } from './sessions.ts';

export interface AuthServices {
  db: Database;
  settings: SessionSettings;
  clock: Clock;
  audit: AuditWriter;
  /** Send the cookie with `Secure` (served over TLS, directly or through a proxy). */
  secureCookies: boolean;
}

export interface RequestAuth {
  services: AuthServices;
  /** The signed-in session, or null. */
  session: ActiveSession | null;
  /** The client's address (the proxy's client when behind a trusted TLS proxy). */
  address: string | null;
}

const byRequest = new WeakMap<Request, RequestAuth>();

/** What `authenticate` found for this request; undefined when it did not run (refused then). */
export function requestAuth(req: Request): RequestAuth | undefined {
  return byRequest.get(req);
}

export function authenticate(services: AuthServices): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const id = sessionIdFromCookies(req.headers.cookie);
    const session = id ? await activeSession(services.db, services.settings, services.clock(), id) : null;
    byRequest.set(req, { services, session, address: req.ip ?? req.socket.remoteAddress ?? null });
    next();
  };
}
