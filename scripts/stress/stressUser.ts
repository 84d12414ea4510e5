/**
 * The stress runs sign in like any client (docs/security.md): a user made in the database
 * before the server starts (so no first-start admin is printed), then one sign-in through
 * the API for a session cookie. Reads need only the cookie; writes also send the CSRF token.
 */
import { addUser } from '../../server/auth/users.ts';
import { Database } from '../../server/db/database.ts';
import { userByName } from '../../server/db/queries/users.ts';

export const STRESS_PASSWORD = 'stress password of some length';

/** Creates user `name` with `role` in the database file (migrating it) unless present. */
export async function ensureStressUser(dbPath: string, name: string, role: 'admin' | 'planner' | 'executive' | 'viewer'): Promise<void> {
  const db = await Database.open(dbPath);
  try {
    if (!(await userByName(db, name))) await addUser(db, name, role, STRESS_PASSWORD, new Date());
  } finally {
    db.close();
  }
}

export interface Session {
  /** `Cookie` header value. */
  cookie: string;
  /** The CSRF token for state-changing requests (GET /api/auth/me). */
  csrf: string;
}

export async function signIn(url: string, name: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: STRESS_PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in as ${name} failed: HTTP ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const me = (await (await fetch(`${url}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken?: string };
  return { cookie, csrf: me.csrfToken ?? '' };
}
