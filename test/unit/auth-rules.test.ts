/**
 * Rules of the auth layer that need no server: the per-address rate limit, the cookie
 * parser, TLS for non-loopback hosts, deny-by-default route checking, and that nothing but
 * the retention purge deletes audit rows.
 */
import { Router } from 'express';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertEveryRouteDeclared, route } from '../../server/api/permissions.ts';
import { RateLimiter } from '../../server/auth/rateLimit.ts';
import { ROLE_PERMISSIONS } from '../../server/auth/roles.ts';
import { csrfTokenOf, sessionCookie, sessionIdFromCookies } from '../../server/auth/sessions.ts';
import { loadConfig } from '../../server/config.ts';
import { checkTransport } from '../../server/server.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('rate limit per address', () => {
  it('refuses after 3 failures in the window with the seconds to wait, lets others through, and forgets failures older than the window', () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const limiter = new RateLimiter(3, 60_000, () => new Date(t));
    for (const _ of [1, 2, 3]) {
      expect(limiter.wait('a')).toBeNull();
      limiter.fail('a');
    }
    t += 10_000;
    // The first failure (at 0 s) leaves the window at 60 s: 60 − 10 = 50 s to wait.
    expect(limiter.wait('a')).toBe(50);
    expect(limiter.wait('b')).toBeNull(); // another address is not affected
    t += 50_000;
    expect(limiter.wait('a')).toBeNull();
  });
});

describe('session cookie', () => {
  it('is HttpOnly and SameSite=Strict, Secure only over TLS, and only a well-formed id is read back', () => {
    const id = 'A'.repeat(43);
    expect(sessionCookie(id, false)).toBe(`staffcast_session=${id}; Path=/; HttpOnly; SameSite=Strict`);
    expect(sessionCookie(id, true)).toBe(`staffcast_session=${id}; Path=/; HttpOnly; SameSite=Strict; Secure`);
    expect(sessionIdFromCookies(`theme=dark; staffcast_session=${id}`)).toBe(id);
    expect(sessionIdFromCookies('staffcast_session=short')).toBeNull();
    expect(sessionIdFromCookies(undefined)).toBeNull();
    expect(csrfTokenOf(id)).not.toBe(csrfTokenOf('B'.repeat(43)));
  });
});

describe('roles', () => {
  it('gives row-level data and writes to planner and admin only, admin rights to admin only', () => {
    const holders = (p: string) =>
      Object.entries(ROLE_PERMISSIONS)
        .filter(([, ps]) => (ps as readonly string[]).includes(p))
        .map(([r]) => r);
    expect(holders('read:aggregate')).toEqual(['admin', 'planner', 'executive', 'viewer']);
    expect(holders('read:compliance')).toEqual(['admin', 'planner', 'executive']);
    expect(holders('read:rows')).toEqual(['admin', 'planner']);
    expect(holders('write:data')).toEqual(['admin', 'planner']);
    expect(holders('write:plan')).toEqual(['admin', 'planner']);
    expect(holders('admin')).toEqual(['admin']);
  });
});

describe('TLS for a host other than loopback', () => {
  const config = (o: Record<string, unknown>) => loadConfig({}, { dbPath: ':memory:', ...o });
  it('refuses 0.0.0.0 or a LAN address without --tls-cert/--tls-key or --behind-tls-proxy, and half a certificate', () => {
    expect(() => checkTransport(config({ host: '0.0.0.0' }))).toThrow(/refusing to serve on 0\.0\.0\.0 without TLS.*--tls-cert FILE --tls-key FILE.*--behind-tls-proxy/);
    expect(() => checkTransport(config({ host: '10.1.2.3' }))).toThrow(/without TLS/);
    expect(() => checkTransport(config({ host: '10.1.2.3', tlsCert: 'c.pem' }))).toThrow('invalid --tls-cert/--tls-key: give both the certificate and its key');
  });
  it('accepts loopback, a certificate and key, or a TLS proxy in front', () => {
    expect(() => checkTransport(config({ host: '127.0.0.1' }))).not.toThrow();
    expect(() => checkTransport(config({ host: '::1' }))).not.toThrow();
    expect(() => checkTransport(config({ host: '0.0.0.0', tlsCert: 'c.pem', tlsKey: 'k.pem' }))).not.toThrow();
    expect(() => checkTransport(config({ host: '0.0.0.0', behindTlsProxy: true }))).not.toThrow();
  });
});

describe('deny by default', () => {
  it('accepts a router whose routes are all declared, and names the route that is not', () => {
    const ok = Router();
    route(ok, 'get', '/fine', 'read:aggregate', (_req, res) => res.end());
    expect(() => assertEveryRouteDeclared(ok)).not.toThrow();
    const bad = Router();
    route(bad, 'get', '/fine', 'read:aggregate', (_req, res) => res.end());
    bad.post('/sneaky', (_req, res) => res.end());
    expect(() => assertEveryRouteDeclared(bad)).toThrow('route POST /api/sneaky has no declared permission');
    const outer = Router();
    const inner = Router();
    inner.get('/nested', (_req, res) => res.end());
    outer.use('/x', inner);
    expect(() => assertEveryRouteDeclared(outer)).toThrow('route GET /api/nested has no declared permission');
  });
});

describe('the audit trail is append-only', () => {
  function sources(dir: string): { file: string; text: string }[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return sources(path);
      return /\.tsx?$/.test(e.name) ? [{ file: relative(ROOT, path), text: readFileSync(path, 'utf8') }] : [];
    });
  }
  it('no code but the retention purge deletes audit rows, and none updates them', () => {
    const all = [...sources(join(ROOT, 'server')), ...sources(join(ROOT, 'web/src'))];
    const touching = all.filter((s) => /audit_log/.test(s.text)).map((s) => s.file);
    // database.ts names the table only in BOOKKEEPING_WRITE, the pattern that keeps audit writes out of the data version.
    expect(touching.sort()).toEqual(['server/db/database.ts', 'server/db/queries/audit.ts', 'server/db/schema.ts']);
    const db = all.find((s) => s.file === 'server/db/database.ts')!.text;
    expect(db.split('\n').filter((l) => l.includes('audit_log'))).toEqual([expect.stringMatching(/^const BOOKKEEPING_WRITE = \//)]);
    const queries = all.find((s) => s.file === 'server/db/queries/audit.ts')!.text;
    expect(queries.match(/DELETE FROM audit_log/g)).toHaveLength(1);
    expect(queries).toMatch(/export async function purgeAuditBefore[\s\S]*DELETE FROM audit_log/);
    expect(all.some((s) => /UPDATE\s+audit_log|TRUNCATE\s+(TABLE\s+)?audit_log|DROP\s+TABLE\s+(IF\s+EXISTS\s+)?audit_log/i.test(s.text))).toBe(false);
  });
});
