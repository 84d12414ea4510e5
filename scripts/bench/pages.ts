/**
 * Dashboard speed on the default ~1 M-contact sample: for each page, the time from
 * navigation to the last API answer the page asked for (when its data can be drawn), and
 * for a scorecard filter change, the time from the change to its last API answer. Headless
 * Debian Chromium against the built app (`npm run build:web` first); the database is built
 * once through the real ingest and kept in bench-data/.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config.ts';
import { Database } from '../../server/db/database.ts';
import { ingestFile } from '../../server/ingest/index.ts';
import { DEFAULT_STATIC_DIR, startServer } from '../../server/server.ts';
import { addUser } from '../../server/auth/users.ts';
import { userByName } from '../../server/db/queries/users.ts';
import { DEFAULT_SAMPLE_OPTIONS, writeSampleData } from '../../server/sample-data/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import type { Bench } from './harness.ts';

const PAGES = ['/scorecard', '/intraday', '/forecast', '/staffing', '/data'];

/** ms from navigation start to the end of the last /api/ response the page has received. */
function lastApiAnswer(page: Page, since = 0): Promise<number> {
  return page.evaluate((t0) => {
    const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/') && e.startTime >= t0);
    return Math.max(0, ...api.map((e) => (e as PerformanceResourceTiming).responseEnd)) - t0;
  }, since);
}

/** Waits until the page has API answers and no new one for 300 ms (a client-side change). */
async function settledApi(page: Page): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const n = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).length);
    if (n !== last) [last, stableSince] = [n, Date.now()];
    else if (n > 0 && Date.now() - stableSince >= 300) return;
    await page.waitForTimeout(25);
  }
}

async function sampleDatabase(workDir: string, hmacKey: Buffer): Promise<string> {
  const dbPath = join(workDir, 'pages-x1.duckdb');
  if (existsSync(dbPath)) return dbPath;
  const csv = join(workDir, 'ingest-sample-x1.csv'); // shared with the ingest bench
  if (!existsSync(csv)) await writeSampleData({ ...DEFAULT_SAMPLE_OPTIONS, scale: 1, out: csv });
  const db = await Database.open(`${dbPath}.tmp`);
  const r = await ingestFile(db, csv, { siteTimezone: DEFAULT_SAMPLE_OPTIONS.timezone, hmacKey, source: 'sample-data' });
  db.close();
  if (r.outcome !== 'committed') throw new Error(`bench ingest ${r.outcome}: ${r.message}`);
  renameSync(`${dbPath}.tmp`, dbPath);
  rmSync(`${dbPath}.tmp.wal`, { force: true });
  return dbPath;
}

export default async function pages(b: Bench): Promise<void> {
  if (!existsSync(join(DEFAULT_STATIC_DIR, 'index.html'))) throw new Error('build the dashboard first: npm run build:web');
  const hmacKey = Buffer.alloc(32, 5);
  const dbPath = await sampleDatabase(b.workDir, hmacKey);
  const config = loadConfig({}, { dbPath, port: 0, seedOnEmpty: false, hmacKey: hmacKey.toString('hex'), keyFile: `${dbPath}.key` });
  const server = await startServer({ config, log: () => {}, showFirstPassword: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    // Signed in as a bench admin (docs/security.md): the session cookie set in the browser.
    const password = 'bench password of some length';
    if (!(await userByName(server.db, 'bench'))) await addUser(server.db, 'bench', 'admin', password, new Date());
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password }) });
    if (!signIn.ok) throw new Error(`bench sign-in failed: HTTP ${signIn.status}`);
    const [name, value] = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!.split('=') as [string, string];
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    for (const path of PAGES) {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        if (i === 0) continue; // the first visit warms the server's caches and the browser's
        best = Math.min(best, await lastApiAnswer(page));
      }
      b.record(`page ${path}: data answered`, best, 'ms', 'navigation start → last API answer, best of 3');
    }
    // A filter change on the scorecard: pick each queue in turn.
    await page.goto(server.url + '/scorecard', { waitUntil: 'networkidle' });
    const queues = await page.locator('select[name="queue"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    let worst = 0;
    for (const q of queues) {
      // A fresh resource-timing buffer (it holds 250 entries), then the change.
      const t0 = await page.evaluate(() => {
        performance.clearResourceTimings();
        return performance.now();
      });
      await page.selectOption('select[name="queue"]', q);
      await settledApi(page);
      worst = Math.max(worst, await lastApiAnswer(page, t0));
    }
    b.record('scorecard filter change (queue): data answered', worst, 'ms', `worst of ${queues.length} queues`);
  } finally {
    await browser.close();
    await server.close();
  }
}
