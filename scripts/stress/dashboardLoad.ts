/**
 * The dashboard under load: `users` simulated users (one keep-alive connection each) load
 * the Scorecard page and the Intraday page over and over for `seconds`, each user with its
 * own filter (all channels, voice, chat, or one queue), against a running server. Every
 * response's latency is recorded, so the percentiles are exact over all requests (not
 * autocannon's histogram buckets, which have no p95).
 *
 * The requests are those the pages send (recorded from the built dashboard in Chromium):
 * dimensions, targets, metrics, the scorecard with and without the queue split, the
 * 13-week trend; the Intraday page's day and week by 30 minutes and the queue's forecast.
 * Before the measured run, a warm-up loads every filter's pages once (the first visitor of
 * a data version pays for the computation; its time is reported as `warmupMs`).
 */
import autocannon, { type Request, type Result } from 'autocannon';

export interface LoadOptions {
  url: string;
  users: number;
  seconds: number;
  /** Extra headers on every request (a session cookie once sign-in is required). */
  headers?: Record<string, string>;
}

export interface LoadResult {
  users: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The warm-up: one load of every filter's pages, one request at a time (cold caches), in ms. */
  warmupMs: number;
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The page loads of one user with filter `where` (`''` = all), in the order the pages send them. */
export function pageRequests(maxDate: string, where: string, queue: string): string[] {
  const to = addDays(maxDate, 1);
  const weekFrom = addDays(to, -7);
  const trendFrom = addDays(to, -91);
  const w = where ? `&where=${encodeURIComponent(where)}` : '';
  const q = encodeURIComponent(`queue=${queue},channel=voice`);
  return [
    '/api/dimensions',
    '/api/targets',
    '/api/metrics',
    `/api/scorecard?from=${weekFrom}&to=${to}${w}`,
    `/api/scorecard?from=${weekFrom}&group=queue&to=${to}${w}`,
    `/api/kpis?by=week&from=${trendFrom}&percentiles=false&to=${to}${w}`,
    '/api/forecast/queues',
    `/api/kpis?by=interval30&from=${maxDate}&percentiles=false&to=${to}&where=${q}`,
    `/api/kpis?by=interval30&from=${weekFrom}&percentiles=false&to=${to}&where=${q}`,
    `/api/forecast?channel=voice&granularity=interval30&horizon=48&queue=${encodeURIComponent(queue)}&start=${maxDate}`,
  ];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: the smallest value with at least p of the values at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export async function runDashboardLoad(o: LoadOptions): Promise<LoadResult> {
  const dims = (await (await fetch(`${o.url}/api/dimensions`, { headers: o.headers })).json()) as { maxDate: string; queue: string[] };
  const filters = ['', 'channel=voice', 'channel=chat', ...dims.queue.map((q) => `queue=${q}`)];
  const userPages = filters.map((f, i) => pageRequests(dims.maxDate, f, dims.queue[i % dims.queue.length]!));
  // Warm-up: each filter's pages once, as the first user of each would (computes and caches
  // the answers of this data version); reported apart from the measured run.
  const warmStart = performance.now();
  for (const pages of userPages) for (const path of pages) await (await fetch(o.url + path, { headers: o.headers })).arrayBuffer();
  const warmupMs = Math.round(performance.now() - warmStart);
  let nextUser = 0;
  // One template request per step of a page load; setupRequest fills in the user's path.
  const steps = userPages[0]!.length;
  const requests: Request[] = Array.from({ length: steps }, (_, step) => ({
    method: 'GET',
    setupRequest: (req, context) => {
      if (context.user === undefined) context.user = nextUser++ % userPages.length;
      return { ...req, path: userPages[context.user as number]![step]! };
    },
  }));
  const latencies: number[] = [];
  const instance = autocannon({ url: o.url, connections: o.users, duration: o.seconds, timeout: 30, headers: o.headers, requests });
  instance.on('response', (_client, _status, _bytes, ms) => {
    latencies.push(ms);
  });
  const result = await new Promise<Result>((resolve) => instance.on('done', resolve));
  latencies.sort((a, b) => a - b);
  return {
    users: o.users,
    seconds: o.seconds,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / o.seconds),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    warmupMs,
  };
}
