/**
 * The transport rules at start: https with a certificate (a self-signed one made here with
 * openssl) and a Secure cookie; a host other than loopback refused without TLS; the first
 * admin's one-time password shown once, to the console hook only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'staffcast-tls-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    { stdio: 'ignore' },
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function httpsPost(url: string, path: string, body: unknown): Promise<{ status: number; setCookie: string[] }> {
  const u = new URL(url);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path, method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json', 'content-length': String(text.length) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, setCookie: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe('serving', () => {
  it('serves https with --tls-cert/--tls-key, shows the first password once, and marks the cookie Secure', async () => {
    const shown: string[] = [];
    const config = loadConfig({}, { dbPath: join(dir, 't.duckdb'), keyFile: join(dir, 't.key'), port: 0, seedOnEmpty: false, tlsCert: join(dir, 'cert.pem'), tlsKey: join(dir, 'key.pem') });
    const server = await startServer({ config, staticDir: null, log: () => {}, showFirstPassword: (name, pw) => shown.push(`${name} ${pw}`) });
    try {
      expect(server.url.startsWith('https://127.0.0.1:')).toBe(true);
      expect(shown).toHaveLength(1);
      const [name, password] = shown[0]!.split(' ');
      const res = await httpsPost(server.url, '/api/auth/sign-in', { name, password });
      expect(res.status).toBe(200);
      expect(res.setCookie[0]).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await server.close();
    }
    // A second start: users exist, nothing is shown.
    const again = await startServer({ config, staticDir: null, log: () => {}, showFirstPassword: (n, pw) => shown.push(`${n} ${pw}`) });
    await again.close();
    expect(shown).toHaveLength(1);
  });

  it('refuses 0.0.0.0 without TLS before opening the database', async () => {
    const config = loadConfig({}, { dbPath: join(dir, 'never.duckdb'), keyFile: join(dir, 'n.key'), host: '0.0.0.0', port: 0, seedOnEmpty: false });
    await expect(startServer({ config, staticDir: null, log: () => {} })).rejects.toThrow(/^refusing to serve on 0\.0\.0\.0 without TLS/);
  });
});
