/**
 * The staffing commands end to end through bin/staffcast.js: JSON as the issue specifies,
 * CSV plans, seeded simulation, and exit code 2 naming the flag. Four processes, run in
 * parallel (each pays tsx's start-up); the engine's cases are tested without a process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-staffing-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runCli(args, { TZ: 'UTC' });

writeFileSync(join(dir, 'arrivals.csv'), 'period,calls,aht\n2025-01-06T08:00:00-05:00,100,180\n2025-01-06T08:30:00-05:00,50,180\n');
writeFileSync(join(dir, 'scheduled.csv'), 'period,scheduled\n2025-01-06T08:00:00-05:00,13\n2025-01-06T08:30:00-05:00,9\n');

describe('staffcast erlang / plan / simulate', () => {
  it('simulate --compare agrees with Erlang C; a percentage is refused where a fraction belongs; plan prints its paid-FTE basis', async () => {
    const [pct, compare, plan] = await Promise.all([
      run(['erlang', '--calls', '100', '--aht', '180', '--service-level', '80']),
      run(['simulate', '--calls', '250', '--agents', '57', '--aht', '360', '--compare', '--json']),
      run(['plan', '--arrivals', join(dir, 'arrivals.csv'), '--scheduled', join(dir, 'scheduled.csv'), '--shrinkage', '0.3', '--operating-days-per-week', '5']),
    ]);
    // simulate --compare agrees with Erlang C by default: A = 250 × 360 / 1800 = 50 Erlangs on
    // 57 agents, SL(20 s) = 83.3%, inside the steady-state run's 99% CI (seed 1).
    expect(compare.code).toBe(0);
    const c = JSON.parse(compare.stdout);
    expect(c.formula.serviceLevel).toBeCloseTo(0.8329, 4);
    expect(c.simulated).toMatchObject({ start: 'steady', leadIntervals: 4, countedIntervals: 8 });
    expect(c.serviceLevel.low).toBeLessThanOrEqual(c.formula.serviceLevel);
    expect(c.serviceLevel.high).toBeGreaterThanOrEqual(c.formula.serviceLevel);
    expect(pct.code).toBe(2);
    expect(pct.stderr).toBe('staffcast: invalid --service-level: must be a fraction from 0 to 1; for 80% write 0.8\n');
    expect(plan.code).toBe(0);
    // 2025-01-06: 14 + 8 required agents × 0.5 h = 11 agent-h; scheduled (13 + 9) × 0.5 = 11;
    // gap (13 − 14) × 0.5 + (9 − 8) × 0.5 = 0 → "0.0". FTE-h 11 / 0.7 = 15.714…; one day at
    // 5 operating days a week = 0.2 weeks: paid FTE 15.714 / (40 × 0.2) = 1.96 → "2.0".
    const lines = plan.stdout.split('\n');
    expect(lines[0]).toMatch(/gap agent-h/);
    expect(lines[1]).toMatch(/^2025-01-06 +150\.0 +11\.0 +15\.7 +11\.0 +0\.0 /);
    expect(plan.stdout).toContain('paid FTE 2.0 = 15.7 FTE-h / (40 paid h per FTE per week × 0.20 weeks); weeks = 1 days with calls / 5 operating days a week');
  });

  it('all commands', async () => {
    const [erlang, bad, plan, sim] = await Promise.all([
      run(['erlang', '--calls', '100', '--interval-minutes', '30', '--aht', '180', '--answer-within', '20', '--service-level', '0.8', '--max-occupancy', '0.85', '--shrinkage', '0.3', '--json']),
      run(['erlang', '--calls', '-1', '--aht', '180']),
      run(['plan', '--arrivals', join(dir, 'arrivals.csv'), '--scheduled', join(dir, 'scheduled.csv'), '--format', 'csv']),
      run(['simulate', '--calls', '100', '--agents', '14', '--aht', '180', '--intervals', '4', '--replications', '5', '--seed', '3', '--json']),
    ]);

    // The JSON fields, in its order: 10 Erlangs → 14 agents → 20 after 30% shrinkage.
    expect(erlang.code).toBe(0);
    const j = JSON.parse(erlang.stdout);
    expect(Object.keys(j).slice(0, 11)).toEqual(['model', 'trafficErlangs', 'agents', 'serviceLevel', 'asa', 'probWait', 'probAbandon', 'occupancy', 'fte', 'scheduledAgents', 'meetsTargets']);
    expect(j).toMatchObject({ model: 'erlang-c', trafficErlangs: 10, agents: 14, probAbandon: null, scheduledAgents: 20, meetsTargets: true });

    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^staffcast: invalid --calls: /);
    expect(bad.stderr).not.toMatch(/at .*\.ts/); // no stack trace

    // Plan CSV: 100 calls → 14 required, 13 scheduled → gap −1; 50 calls → 8, 9 → +1.
    expect(plan.code).toBe(0);
    const rows = plan.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows[0]!.slice(0, 8)).toEqual(['period', 'calls', 'aht', 'trafficErlangs', 'requiredAgents', 'fte', 'scheduled', 'gap']);
    expect(rows.slice(1).map((r) => [r[4], r[6], r[7]])).toEqual([
      ['14', '13', '-1'],
      ['8', '9', '1'],
    ]);

    expect(sim.code).toBe(0);
    const s = JSON.parse(sim.stdout);
    expect(s.replications).toBe(5);
    expect(s.serviceLevel.low).toBeLessThan(s.serviceLevel.mean);
  }, 60_000);
});
