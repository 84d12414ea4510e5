/**
 * A signed-in client for tests that speak HTTP themselves (fetch, the CLI's `--server`, a
 * browser): a small proxy on its own loopback port that forwards every request to the
 * server unchanged, adding the session cookie and the CSRF header of one signed-in user
 * when the request carries none of its own. The server still checks both; the proxy only
 * holds them, as a browser would.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Credentials {
  cookie: string;
  csrfToken: string;
}

export interface SignedInProxy {
  url: string;
  close(): Promise<void>;
}

export async function signedInProxy(targetPort: number, credentials: Credentials): Promise<SignedInProxy> {
  const server = createServer((req, res) => {
    const headers = { ...req.headers };
    if (!headers.cookie) headers.cookie = credentials.cookie;
    if (!headers['x-csrf-token']) headers['x-csrf-token'] = credentials.csrfToken;
    const upstream = httpRequest({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    // A client that goes away mid-request (an aborted upload) goes away upstream too.
    req.on('close', () => {
      if (!req.complete) upstream.destroy();
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Signs in through the API; the cookie and CSRF token of the new session. */
export async function signInOver(baseUrl: string, name: string, password: string): Promise<Credentials> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (res.status !== 200) throw new Error(`test sign-in of ${name} failed: HTTP ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: setCookie.split(';')[0]!, csrfToken: body.csrfToken };
}
