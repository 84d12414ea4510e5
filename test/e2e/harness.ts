/**
 * Browser-test harness: the real server (server/server.ts) on an ephemeral port with a
 * small seeded temporary database, serving the built dashboard (web/dist, built by
 * `npm run build:web` before `vitest run`), driven by Debian's Chromium through
 * playwright-core. Every page opened through `open()` records console errors, uncaught
 * exceptions, failed requests and HTTP errors, so a test can demand a clean load.
 *
 * Signed in: the harness creates `test-admin` in the database and signs in through the API;
 * `url` is a loopback proxy that adds that session's cookie and CSRF header to requests
 * that carry none (test/helpers/signedInProxy.ts), so pages opened there, and `api()`, act
 * as an admin. `directUrl` is the server itself, where a browser is not signed in (the
 * sign-in tests use it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.ts';
import { type SignedInProxy, signedInProxy, signInOver } from '../helpers/signedInProxy.ts';
import { ensureTestUser, TEST_PASSWORD } from '../helpers/testUsers.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'web', 'dist');
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = CHROMIUM_PATH;
export { CHROMIUM_ARGS };

export interface TrackedPage {
  page: Page;
  /** Everything that went wrong since the page was opened, one line each. */
  problems: string[];
}

export interface E2eApp {
  /** The app as a signed-in admin (through the signing-in proxy). */
  url: string;
  /** The server itself: a browser there is not signed in. */
  directUrl: string;
  server: RunningServer;
  browser: Browser;
  open(path: string): Promise<TrackedPage>;
  /** A tracked page that has not loaded anything yet (to set its size or scripts first). */
  blank(): Promise<TrackedPage>;
  /** GET an API path from Node (not through the page), parsed as JSON. */
  api<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** The built app on an ephemeral port with a temporary database: 35 seeded days, or empty. */
export async function startE2e(options: { seed?: boolean } = {}): Promise<E2eApp> {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`the dashboard is not built: run \`npm run build:web\` first (no ${join(DIST, 'index.html')})`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (.ci/run installs it with apt-get)`);
  const dir = mkdtempSync(join(tmpdir(), 'staffcast-e2e-'));
  const config = loadConfig({}, { dbPath: join(dir, 'e2e.duckdb'), port: 0, sampleDays: 35, seedOnEmpty: options.seed ?? true, keyFile: join(dir, 'e2e.key') });
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let proxy: SignedInProxy | undefined;
  try {
    server = await startServer({ config, staticDir: DIST, log: () => {}, showFirstPassword: () => {} });
    const name = await ensureTestUser(server.db, 'admin');
    proxy = await signedInProxy(server.port, await signInOver(server.url, name, TEST_PASSWORD));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (e) {
    await browser?.close();
    await proxy?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const url = proxy.url;
  const b = browser;
  const s = server;
  const p = proxy;

  const blank = async (): Promise<TrackedPage> => {
    const page = await b.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
    return { page, problems };
  };

  return {
    url,
    blank,
    directUrl: s.url,
    server: s,
    browser: b,
    async open(path) {
      const tracked = await blank();
      await tracked.page.goto(url + path);
      return tracked;
    },
    async api<T>(path: string) {
      const res = await fetch(url + path);
      if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async close() {
      await b.close();
      await p.close();
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the app before a test file's tests and closes it after them; the object returned
 * stands for the running app (it forwards to it once started).
 */
export function e2eAppForFile(options: { seed?: boolean } = {}): E2eApp {
  let app: E2eApp | undefined;
  beforeAll(async () => {
    app = await startE2e(options);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });
  return new Proxy({} as E2eApp, {
    get(_, key) {
      if (!app) throw new Error('the e2e app is not started yet (use it inside a test)');
      return app[key as keyof E2eApp];
    },
  });
}

/** Waits until the page has no loading indicator left and the network is quiet. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelectorAll('[data-state="loading"], [aria-busy="true"]').length === 0, undefined, { timeout: 15_000 });
}
