/** An Express app on an ephemeral port, for API tests against a real HTTP server. */
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/api/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';

export interface TestServer {
  url: string;
  get(path: string): Promise<{ status: number; body: any }>;
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  put(path: string, body: unknown): Promise<{ status: number; body: any }>;
  del(path: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export async function serveForTest(db: Database, config: Partial<Config> = {}): Promise<TestServer> {
  const cfg = loadConfig({}, { dbPath: db.path, seedOnEmpty: false, ...config });
  const app = createApp({ db, config: cfg, hmacKey: Buffer.alloc(32, 7) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const read = async (res: Response) => {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  };
  return {
    url,
    get: async (path) => read(await fetch(url + path)),
    post: async (path, body) => read(await fetch(url + path, json('POST', body))),
    put: async (path, body) => read(await fetch(url + path, json('PUT', body))),
    del: async (path) => read(await fetch(url + path, { method: 'DELETE' })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
