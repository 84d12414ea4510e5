/**
 * Sign-in and sessions (docs/security.md).
 *
 * - A session id is 32 random bytes (base64url) sent only in the cookie; the database keeps
 *   its SHA-256, so a copy of the database does not hold usable sessions.
 * - The CSRF token of a session is derived from its id (SHA-256 of a label and the id): the
 *   page reads it from `GET /api/auth/me` and sends it in `X-CSRF-Token`; another site can
 *   neither read the cookie nor that answer.
 * - A session ends after `sessionIdleMinutes` without a request and `sessionLifetimeHours`
 *   after sign-in, whichever comes first. The last-seen time is written at most every
 *   30 seconds, so the idle limit is kept to within 30 seconds.
 * - Three failed sign-ins in a row lock the account for `lockoutMinutes` (or until an admin
 *   unlocks it); a successful sign-in resets the count.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { deleteExpiredSessions, deleteSession, insertSession, touchSession } from '../db/queries/sessions.ts';
import { recordFailedSignIn, recordSignIn, unlockUser, userByName, userBySessionHash, type UserRow } from '../db/queries/users.ts';
import { dummyHash, verifyPassword } from './password.ts';

export const SESSION_COOKIE = 'staffcast_session';
export const CSRF_HEADER = 'x-csrf-token';
export const LOCKOUT_AFTER = 3;
const TOUCH_EVERY_MS = 30_000;

export type SessionSettings = Pick<Config, 'sessionIdleMinutes' | 'sessionLifetimeHours' | 'lockoutMinutes'>;

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export function csrfTokenOf(sessionId: string): string {
  return createHash('sha256').update(`staffcast-csrf\0${sessionId}`).digest('base64url');
}

/** Constant-time comparison of a sent token with the expected one. */
export function tokensMatch(sent: string | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type SignInResult =
  | { ok: true; user: UserRow; sessionId: string; expiresAt: Date }
  | { ok: false; status: number; message: string; reason: 'unknown-user' | 'wrong-password' | 'locked' | 'disabled'; user: UserRow | null };

const WRONG = 'wrong user name or password';

function lockedMessage(until: Date, minutes: number): string {
  return `this account is locked after ${LOCKOUT_AFTER} failed sign-ins: it unlocks itself at ${until.toISOString().slice(11, 16)} UTC (${minutes} minutes after the last failure), or an administrator can unlock it now`;
}

const signInQueue = new Map<string, Promise<unknown>>();

/**
 * Checks a name and password, applying the lockout; on success opens a session. Attempts
 * for one name run one after another, so parallel guesses are each counted (DuckDB would
 * refuse all but one of concurrent updates of the same user row).
 */
export function signIn(db: Database, settings: SessionSettings, now: Date, name: string, password: string, address: string | null): Promise<SignInResult> {
  const before = signInQueue.get(name) ?? Promise.resolve();
  const run = before.catch(() => {}).then(() => checkSignIn(db, settings, now, name, password, address));
  signInQueue.set(name, run);
  void run
    .finally(() => {
      if (signInQueue.get(name) === run) signInQueue.delete(name);
    })
    .catch(() => {});
  return run;
}

async function checkSignIn(db: Database, settings: SessionSettings, now: Date, name: string, password: string, address: string | null): Promise<SignInResult> {
  const user = name.length <= 64 ? await userByName(db, name) : null;
  if (!user) {
    await verifyPassword(password, await dummyHash()); // the same time as a real check
    return { ok: false, status: 401, message: WRONG, reason: 'unknown-user', user: null };
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    return { ok: false, status: 403, message: lockedMessage(user.lockedUntil, settings.lockoutMinutes), reason: 'locked', user };
  }
  // A lockout that has run out starts the count again.
  if (user.lockedUntil) await unlockUser(db, user.userId, now);
  if (!(await verifyPassword(password, user.passwordHash))) {
    const until = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
    const failures = await recordFailedSignIn(db, user.userId, LOCKOUT_AFTER, until);
    if (failures >= LOCKOUT_AFTER) return { ok: false, status: 403, message: lockedMessage(until, settings.lockoutMinutes), reason: 'locked', user };
    return { ok: false, status: 401, message: WRONG, reason: 'wrong-password', user };
  }
  if (user.disabled) return { ok: false, status: 403, message: 'this account is disabled: ask an administrator', reason: 'disabled', user };
  await recordSignIn(db, user.userId, now);
  const opened = await openSession(db, settings, now, user.userId, address);
  return { ok: true, user, ...opened };
}

export async function openSession(db: Database, settings: SessionSettings, now: Date, userId: number, address: string | null): Promise<{ sessionId: string; expiresAt: Date }> {
  const sessionId = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + settings.sessionLifetimeHours * 3_600_000);
  await insertSession(db, { idHash: hashSessionId(sessionId), userId, address, now, expiresAt });
  return { sessionId, expiresAt };
}

const lastTouch = new Map<string, number>();
type SessionRow = Awaited<ReturnType<typeof userBySessionHash>>;
const sessionRowsOf = new WeakMap<Database, Map<string, { version: number; found: SessionRow }>>();

export interface ActiveSession {
  user: UserRow;
  idHash: string;
  csrfToken: string;
  expiresAt: Date;
}

/** The session a cookie names, or null (unknown, idle too long, past its lifetime, user disabled). */
export async function activeSession(db: Database, settings: SessionSettings, now: Date, sessionId: string): Promise<ActiveSession | null> {
  const idHash = hashSessionId(sessionId);
  // The session's row is kept while no write to sessions or users has happened in this
  // process (the one writer of the database): one query per request was the dashboard's
  // main cost under load (docs/reliability.md). The version is read before the query, so a
  // write during it retires the row.
  const version = db.authVersion;
  let sessionRows = sessionRowsOf.get(db);
  if (!sessionRows) sessionRowsOf.set(db, (sessionRows = new Map()));
  const cached = sessionRows.get(idHash);
  let found: SessionRow;
  if (cached && cached.version === version) found = cached.found;
  else {
    found = await userBySessionHash(db, idHash);
    if (sessionRows.size >= 10_000) sessionRows.clear();
    sessionRows.set(idHash, { version, found });
  }
  if (!found) return null;
  const { lastSeenAt, expiresAt, ...user } = found;
  const idleMs = settings.sessionIdleMinutes * 60_000;
  const t = now.getTime();
  if (t >= expiresAt.getTime() || t - lastSeenAt.getTime() >= idleMs) {
    await deleteExpiredSessions(db, now, idleMs);
    return null;
  }
  if (user.disabled) {
    await deleteSession(db, idHash);
    return null;
  }
  if (t - lastSeenAt.getTime() >= TOUCH_EVERY_MS && t - (lastTouch.get(idHash) ?? 0) >= TOUCH_EVERY_MS) {
    // One touch per session and 30 s in this process: the dashboard sends several requests
    // at once, and concurrent updates of one row would conflict. A touch that loses such a
    // race anyway is dropped: another request has just moved the same time.
    lastTouch.set(idHash, t);
    if (lastTouch.size > 10_000) lastTouch.clear();
    await touchSession(db, idHash, now).catch(() => {});
  }
  return { user, idHash, csrfToken: csrfTokenOf(sessionId), expiresAt };
}

export async function closeSession(db: Database, idHash: string): Promise<void> {
  await deleteSession(db, idHash);
}

/** The Set-Cookie value for a session (a browser-session cookie: the server enforces expiry). */
export function sessionCookie(sessionId: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The session id from a Cookie header, or null. */
export function sessionIdFromCookies(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const v = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(v) ? v : null;
    }
  }
  return null;
}
