/**
 * Sign-in and sessions over real HTTP with a test clock (no waiting): cookie attributes,
 * the session id stored hashed, CSRF on writes, idle timeout and absolute lifetime, the
 * lockout after 3 failures (by time and by an admin), the rate limit per address, and the
 * one-time password that must be replaced before anything else.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../server/auth/users.ts';
import { Database } from '../../server/db/database.ts';
import { serveForTest, type TestServer } from '../helpers/server.ts';
import { ensureTestUser, TEST_PASSWORD } from '../helpers/testUsers.ts';

let dir: string;
let db: Database;
let api: TestServer;
let now = new Date('2026-03-02T09:00:00Z');
const clock = () => now;
const minutes = (n: number) => {
  now = new Date(now.getTime() + n * 60_000);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-auth-'));
  db = await Database.open(join(dir, 'a.duckdb'));
  api = await serveForTest(db, { sessionLifetimeHours: 1 }, { clock });
});

afterAll(async () => {
  await api.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: any;
  setCookie: string | null;
}

async function send(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
  const res = await fetch(api.directUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, setCookie: res.headers.get('set-cookie') };
}

async function signIn(name: string, password: string): Promise<{ answer: Answer; cookie: string; csrf: string }> {
  const answer = await send('POST', '/api/auth/sign-in', {}, { name, password });
  return { answer, cookie: answer.setCookie?.split(';')[0] ?? '', csrf: answer.body?.csrfToken ?? '' };
}

describe('sign-in and the session', () => {
  it('sets an HttpOnly, SameSite=Strict cookie (no Secure over plain http) and keeps only the hash of the id', async () => {
    await ensureTestUser(db, 'planner');
    const { answer, cookie } = await signIn('test-planner', TEST_PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.setCookie).toMatch(/^staffcast_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(answer.body).toMatchObject({ signedIn: true, name: 'test-planner', role: 'planner', mustChangePassword: false, idleTimeoutSeconds: 900 });
    const id = cookie.split('=')[1]!;
    const rows = await db.query<{ h: string }>('SELECT id_hash AS h FROM sessions');
    expect(rows.map((r) => r.h)).toContain(createHash('sha256').update(id).digest('hex'));
    expect(rows.map((r) => r.h)).not.toContain(id);
    expect((await send('GET', '/api/auth/me', { cookie })).body).toMatchObject({ signedIn: true, name: 'test-planner' });
  });

  it('answers 401 without a session and { signedIn: false } from /api/auth/me', async () => {
    expect((await send('GET', '/api/kpis')).status).toBe(401);
    expect((await send('GET', '/api/auth/me')).body).toEqual({ signedIn: false, idleTimeoutSeconds: 900 });
  });

  it('wants the session CSRF token on a write: none or a wrong one is 403 naming csrf', async () => {
    const { cookie, csrf } = await signIn('test-planner', TEST_PASSWORD);
    const event = { name: 'Mailer', queue: 'q', start: '2026-04-01', end: '2026-04-02', lift: 1.2 };
    const none = await send('POST', '/api/forecast/events', { cookie }, event);
    expect(none).toMatchObject({ status: 403, body: { field: 'csrf' } });
    const wrong = await send('POST', '/api/forecast/events', { cookie, 'x-csrf-token': 'x'.repeat(43) }, event);
    expect(wrong).toMatchObject({ status: 403, body: { field: 'csrf' } });
    const right = await send('POST', '/api/forecast/events', { cookie, 'x-csrf-token': csrf }, event);
    expect(right.status).toBe(201);
  });

  it('ends a session after 15 minutes without a request, and after its lifetime however active', async () => {
    const { cookie } = await signIn('test-planner', TEST_PASSWORD);
    // Requests 14 minutes apart keep it open (each one moves the idle clock) …
    minutes(14);
    expect((await send('GET', '/api/auth/me', { cookie })).body.signedIn).toBe(true);
    minutes(14);
    expect((await send('GET', '/api/auth/me', { cookie })).body.signedIn).toBe(true);
    // … 15 minutes without one end it.
    minutes(15);
    expect((await send('GET', '/api/kpis', { cookie })).status).toBe(401);

    // Lifetime 1 hour (sessionLifetimeHours: 1): active every 14 minutes, it ends at 60.
    const second = await signIn('test-planner', TEST_PASSWORD);
    for (const _ of [14, 28, 42, 56]) {
      minutes(14);
      expect((await send('GET', '/api/auth/me', { cookie: second.cookie })).body.signedIn).toBe(true);
    }
    minutes(4); // 60 minutes after sign-in
    expect((await send('GET', '/api/auth/me', { cookie: second.cookie })).body.signedIn).toBe(false);
  });

  it('sign-out ends the session and clears the cookie', async () => {
    const { cookie, csrf } = await signIn('test-planner', TEST_PASSWORD);
    const out = await send('POST', '/api/auth/sign-out', { cookie, 'x-csrf-token': csrf });
    expect(out.status).toBe(204);
    expect(out.setCookie).toContain('Max-Age=0');
    expect((await send('GET', '/api/kpis', { cookie })).status).toBe(401);
  });
});

describe('lockout after 3 failed sign-ins', () => {
  it('locks for 30 minutes and says until when, then unlocks by itself; an admin can unlock at once', async () => {
    await ensureTestUser(db, 'viewer', 'locky');
    now = new Date('2026-03-02T12:00:00Z');
    expect((await signIn('locky', 'wrong password 1')).answer).toMatchObject({ status: 401, body: { error: 'wrong user name or password' } });
    expect((await signIn('locky', 'wrong password 2')).answer.status).toBe(401);
    const third = (await signIn('locky', 'wrong password 3')).answer;
    // Locked at 12:00 for 30 minutes: until 12:30 UTC.
    expect(third.status).toBe(403);
    expect(third.body.error).toBe('this account is locked after 3 failed sign-ins: it unlocks itself at 12:30 UTC (30 minutes after the last failure), or an administrator can unlock it now');
    // The right password does not get in while locked.
    expect((await signIn('locky', TEST_PASSWORD)).answer.status).toBe(403);
    minutes(30);
    expect((await signIn('locky', TEST_PASSWORD)).answer.status).toBe(200);

    // Locked again; the admin unlocks it through the API.
    for (const n of [1, 2, 3]) await signIn('locky', `wrong again ${n}`);
    expect((await signIn('locky', TEST_PASSWORD)).answer.status).toBe(403);
    // (The helper's own admin session has gone idle on the test clock: sign in again.)
    const admin = await signIn('test-admin', TEST_PASSWORD);
    const listed = (await send('GET', '/api/users', { cookie: admin.cookie })).body.users.find((u: { name: string }) => u.name === 'locky');
    expect(listed).toMatchObject({ failedSignIns: 3, lockedUntil: '2026-03-02T13:00:00.000Z' });
    expect((await send('POST', '/api/users/locky/unlock', { cookie: admin.cookie, 'x-csrf-token': admin.csrf })).status).toBe(204);
    expect((await signIn('locky', TEST_PASSWORD)).answer.status).toBe(200);
  });

  it('answers an unknown name exactly as a wrong password', async () => {
    expect((await signIn('nobody-here', 'whatever password')).answer).toMatchObject({ status: 401, body: { error: 'wrong user name or password', field: 'password' } });
  });
});

describe('concurrency', () => {
  it('counts parallel wrong passwords for one name one by one, and serves parallel requests of one session', async () => {
    minutes(10); // past the rate-limit window of the sign-ins above
    await ensureTestUser(db, 'viewer', 'rushed');
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => signIn('rushed', `wrong guess ${n}`)));
    // One after another: failures 1 and 2 answer 401, the 3rd locks (403), 4–6 meet the lock.
    expect(answers.map((a) => a.answer.status).sort()).toEqual([401, 401, 403, 403, 403, 403]);
    const [row] = await db.query<{ n: number }>("SELECT failed_sign_ins::INTEGER AS n FROM users WHERE name = 'rushed'");
    expect(row!.n).toBe(3);

    const { cookie } = await signIn('test-planner', TEST_PASSWORD);
    minutes(1); // past the 30 s between writes of the last-seen time: every request wants one
    const reads = await Promise.all(['/api/auth/me', '/api/dimensions', '/api/metrics', '/api/targets', '/api/forecast/events'].map((p) => send('GET', p, { cookie })));
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('rate limit per address', () => {
  it('refuses the 11th sign-in attempt from one address within 5 minutes with 429 and Retry-After', async () => {
    const other = await Database.open(join(dir, 'r.duckdb'));
    const server = await serveForTest(other, {}, { clock }); // signs in once: attempt 1
    try {
      const attempt = () => fetch(`${server.directUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', password: 'y' }) });
      for (let i = 2; i <= 10; i++) expect((await attempt()).status).toBe(401);
      const eleventh = await attempt();
      expect(eleventh.status).toBe(429);
      // All 10 attempts at the same test instant: the window frees 300 s later.
      expect(eleventh.headers.get('retry-after')).toBe('300');
      expect(await eleventh.json()).toMatchObject({ field: 'address' });
    } finally {
      await server.close();
      other.close();
    }
  });
});

describe('first start', () => {
  it('creates admin with a one-time password that only allows setting a new one', async () => {
    const fresh = await Database.open(join(dir, 'f.duckdb'));
    const password = await ensureFirstAdmin(fresh, now);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await ensureFirstAdmin(fresh, now)).toBeNull(); // users exist now
    const server = await serveForTest(fresh, {}, { clock, role: 'viewer' });
    try {
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(server.directUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const signed = await post('/api/auth/sign-in', { name: 'admin', password });
      const me = await signed.json();
      expect(me).toMatchObject({ name: 'admin', role: 'admin', mustChangePassword: true });
      const cookie = signed.headers.get('set-cookie')!.split(';')[0]!;
      const blocked = await fetch(`${server.directUrl}/api/users`, { headers: { cookie } });
      expect(blocked.status).toBe(403);
      expect(await blocked.json()).toMatchObject({ field: 'password' });
      const same = await post('/api/auth/password', { currentPassword: password, newPassword: password }, { cookie, 'x-csrf-token': me.csrfToken });
      expect(await same.json()).toMatchObject({ field: 'newPassword', error: 'invalid newPassword: must differ from the current password' });
      const changed = await post('/api/auth/password', { currentPassword: password, newPassword: 'a brand new passphrase' }, { cookie, 'x-csrf-token': me.csrfToken });
      expect(changed.status).toBe(200);
      expect(await changed.json()).toMatchObject({ mustChangePassword: false });
      // The session opened with the one-time password is over; the new one works.
      expect((await fetch(`${server.directUrl}/api/users`, { headers: { cookie } })).status).toBe(401);
      const newCookie = changed.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${server.directUrl}/api/users`, { headers: { cookie: newCookie } })).status).toBe(200);
    } finally {
      await server.close();
      fresh.close();
    }
  });
});

describe('behind a TLS proxy', () => {
  it('marks the cookie Secure', async () => {
    const other = await Database.open(join(dir, 's.duckdb'));
    const server = await serveForTest(other, { behindTlsProxy: true }, { clock });
    try {
      await ensureTestUser(other, 'viewer');
      const res = await fetch(`${server.directUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'test-viewer', password: TEST_PASSWORD }),
      });
      expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
    } finally {
      await server.close();
      other.close();
    }
  });
});
