/**
 * Load (issue 13, Proof): 50 simulated dashboard users for 60 s on loopback against the
 * default sample (the database `npm start` seeds: 800 days, about a million contacts),
 * served by `staffcast serve` in its own process: 0 errors, 0 timeouts, 0 non-2xx, and a
 * p95 of at most 200 ms. The figures are printed and recorded in docs/reliability.md.
 *
 * The sample database is kept between runs in STAFFCAST_STRESS_DIR (default
 * /tmp/staffcast-stress); the first run seeds it (about a minute).
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDashboardLoad } from '../../scripts/stress/dashboardLoad.ts';
import { startServerProcess, type ServerProcess } from '../../scripts/stress/serverProcess.ts';
import { ensureStressUser, type Session, signIn } from '../../scripts/stress/stressUser.ts';

const DIR = process.env.STAFFCAST_STRESS_DIR ?? join(tmpdir(), 'staffcast-stress');
const USERS = Number(process.env.STAFFCAST_STRESS_USERS ?? 50);
const SECONDS = Number(process.env.STAFFCAST_STRESS_SECONDS ?? 60);

let server: ServerProcess;
let session: Session;

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  const db = join(DIR, 'sample.duckdb');
  // Dashboard users read aggregates: a viewer, signed in once (the cookie on every request).
  await ensureStressUser(db, 'stress-viewer', 'viewer');
  server = await startServerProcess({ db, keyFile: join(DIR, 'sample.key'), port: 0 });
  session = await signIn(server.url, 'stress-viewer');
});

afterAll(async () => {
  await server?.stop();
});

describe('dashboard under load', () => {
  it(`${USERS} users for ${SECONDS} s: no errors, p95 ≤ 200 ms`, async () => {
    const result = await runDashboardLoad({ url: server.url, users: USERS, seconds: SECONDS, headers: { cookie: session.cookie } });
    const machine = `${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`;
    console.log(`dashboard load: ${JSON.stringify(result)} (${machine})`);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.p95, `p95 ${result.p95.toFixed(1)} ms on ${machine}`).toBeLessThanOrEqual(200);
  });
});
