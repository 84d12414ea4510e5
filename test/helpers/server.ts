/**
 * An Express app on an ephemeral port, for API tests against a real HTTP server, signed in.
 *
 * `serveForTest(db)` creates `test-admin` (or the given role) and signs in through the API;
 * `url` is a loopback proxy that adds that session's cookie and CSRF header to every request
 * (test/helpers/signedInProxy.ts), so tests that fetch `url` themselves, or point the CLI's
 * `--server` at it, act as that user. `as(role)` gives a client signed in with another role,
 * `anonymous` one that is not signed in (the server itself, `directUrl`).
 */
import type { AddressInfo } from 'node:net';
import { createApp, type StaffcastApp } from '../../server/api/app.ts';
import type { Clock } from '../../server/auth/clock.ts';
import type { Role } from '../../server/auth/roles.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { type SignedInProxy, signedInProxy, signInOver } from './signedInProxy.ts';
import { ensureTestUser, TEST_PASSWORD } from './testUsers.ts';

export interface TestClient {
  url: string;
  get(path: string): Promise<{ status: number; body: any }>;
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  put(path: string, body: unknown): Promise<{ status: number; body: any }>;
  del(path: string): Promise<{ status: number; body: any }>;
}

export interface TestServer extends TestClient {
  /** The server itself, without the signed-in proxy. */
  directUrl: string;
  app: StaffcastApp;
  /** A client signed in as `test-<role>` (created on first use). */
  as(role: Role): Promise<TestClient>;
  /** A client that is not signed in. */
  anonymous: TestClient;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** The role the main client signs in with (default admin). */
  role?: Role;
  clock?: Clock;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function read(res: Response) {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

function client(url: string): TestClient {
  return {
    url,
    get: async (path) => read(await fetch(url + path)),
    post: async (path, body) => read(await fetch(url + path, json('POST', body))),
    put: async (path, body) => read(await fetch(url + path, json('PUT', body))),
    del: async (path) => read(await fetch(url + path, { method: 'DELETE' })),
  };
}

export async function serveForTest(db: Database, config: Partial<Config> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const cfg = loadConfig({}, { dbPath: db.path, seedOnEmpty: false, ...config });
  const app = createApp({ db, config: cfg, hmacKey: Buffer.alloc(32, 7), clock: options.clock });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const directUrl = `http://127.0.0.1:${port}`;
  const proxies: SignedInProxy[] = [];
  const clients = new Map<Role, Promise<TestClient>>();
  const signIn = async (role: Role): Promise<TestClient> => {
    const name = await ensureTestUser(db, role);
    const proxy = await signedInProxy(port, await signInOver(directUrl, name, TEST_PASSWORD));
    proxies.push(proxy);
    return client(proxy.url);
  };
  // One sign-in per role: sign-in attempts are rate-limited per address.
  const signedIn = (role: Role): Promise<TestClient> => {
    if (!clients.has(role)) clients.set(role, signIn(role));
    return clients.get(role)!;
  };
  const main = await signedIn(options.role ?? 'admin');
  return {
    ...main,
    directUrl,
    app,
    as: signedIn,
    anonymous: client(directUrl),
    close: async () => {
      await Promise.all(proxies.map((p) => p.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.flushAudit();
    },
  };
}
