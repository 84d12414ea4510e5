/**
 * `staffcast forecast` as a user runs it: from a database file, from a standalone CSV
 * series, with bad flags (exit 2), and against a database another process holds.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.ts';
import { Database } from '../../server/db/database.ts';
import { addDays, isoWeekday } from '../../server/wfm/timezone.ts';
import { DAY_TOTAL, loadForecastFixture, QUEUE } from './forecast-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'staffcast-forecast-cli-'));
const dbPath = join(dir, 'staffcast.duckdb');
const seriesPath = join(dir, 'series.csv');

const run = (args: string[]) => runCli(args, { STAFFCAST_TIMEZONE: 'America/Los_Angeles', STAFFCAST_DB: dbPath });

/** `kpis --format csv | forecast --series -`, through a shell pipe as a user types it. */
function pipeKpisToForecast(): Promise<{ code: number; stdout: string; stderr: string }> {
  const node = JSON.stringify(process.execPath);
  const bin = JSON.stringify(BIN);
  const cmd = `${node} ${bin} kpis --by day --where queue=${QUEUE},channel=voice --format csv | ${node} ${bin} forecast --series - --horizon 7 --json`;
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', cmd], { env: { ...process.env, STAFFCAST_TIMEZONE: 'America/Los_Angeles', STAFFCAST_DB: dbPath } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let results: Record<string, { code: number; stdout: string; stderr: string }>;

beforeAll(async () => {
  const db = await Database.open(dbPath);
  await loadForecastFixture(db);
  db.close();
  const rows = ['date,value'];
  for (let i = 0; i < 63; i++) {
    const d = addDays('2025-03-03', i);
    rows.push(`${d},${[0, 50, 40, 40, 30, 30, 0, 0][isoWeekday(d)]}`);
  }
  writeFileSync(seriesPath, rows.join('\n') + '\n');
  // The processes run side by side, each a Node running the compiled CLI.
  const [json, csv, series, badHorizon, badModel, pipe] = await Promise.all([
    run(['forecast', '--queue', QUEUE, '--channel', 'voice', '--horizon', '7', '--json']),
    run(['forecast', '--queue', QUEUE, '--channel', 'voice', '--horizon', '3', '--format', 'csv']),
    run(['forecast', '--series', seriesPath, '--horizon', '7', '--json']),
    run(['forecast', '--queue', QUEUE, '--horizon', 'abc']),
    run(['forecast', '--series', seriesPath, '--horizon', '7', '--model', 'prophet']),
    pipeKpisToForecast(),
  ]);
  results = { json, csv, series, badHorizon, badModel, pipe };
}, 120_000); // seven processes side by side on a shared 2-core machine

describe('staffcast forecast', () => {
  it('prints the API answer as JSON from the database', () => {
    const { code, stdout } = results.json!;
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.queue).toBe(QUEUE);
    expect(body.points).toHaveLength(7);
    expect(body.points[2].period).toBe('2025-09-29');
    expect(body.points[2].forecast).toBeCloseTo(DAY_TOTAL[1]!, 6);
  });

  it('prints CSV with --format csv', () => {
    const { code, stdout } = results.csv!;
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('period,forecast,lower80,upper80,lower95,upper95');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('2025-09-27,0,0,0,0,0'); // Saturday: closed
  });

  it('forecasts a standalone series with exactly the documented JSON keys', () => {
    const { code, stdout } = results.series!;
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(Object.keys(body)).toEqual(['model', 'granularity', 'horizon', 'points', 'backtest', 'candidates']);
    expect(body.granularity).toBe('day');
    // The series ends Sun 05-04 with closed (0) weekends, so H = 7 counts open days: Mon 05-05
    // … Fri 05-09, the closed weekend, Mon 05-12 and Tue 05-13 (9 points, each saying closed or not).
    expect(body.points.map((p: { forecast: number }) => Math.round(p.forecast * 1e6) / 1e6)).toEqual([50, 40, 40, 30, 30, 0, 0, 50, 40]);
    expect(body.points.map((p: { closed: boolean }) => p.closed)).toEqual([false, false, false, false, false, true, true, false, false]);
    expect(Object.keys(body.backtest)).toEqual(['wmape', 'mape', 'mase', 'bias', 'origins']);
  });

  it('forecasts the CSV that kpis prints, piped in (period column, offered as the value)', () => {
    const { code, stdout, stderr } = results.pipe!;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const body = JSON.parse(stdout);
    expect(body.granularity).toBe('day');
    // The voice history ends Friday 2025-09-26 (weekends closed, so kpis fills no day after
    // it): the forecast starts Saturday 09-27. Weekends 0; Monday 6·15 + 12 = 102 contacts,
    // Tuesday 5·15 + 10 = 85 (the fixture's day totals, DAY_TOTAL).
    // H = 7 open days (weekends closed): Mon 09-29 … Fri 10-03, Mon 10-06, Tue 10-07, with the weekends between.
    expect(body.points.map((p: { period: string }) => p.period)).toEqual([
      '2025-09-27',
      '2025-09-28',
      '2025-09-29',
      '2025-09-30',
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
    ]);
    expect(body.points[0].forecast).toBeCloseTo(0, 6);
    expect(body.points[2].forecast).toBeCloseTo(DAY_TOTAL[1]!, 6);
    expect(body.points[3].forecast).toBeCloseTo(DAY_TOTAL[2]!, 6);
  });

  it('exits 2 naming the flag for bad input, without a stack trace', () => {
    expect(results.badHorizon!.code).toBe(2);
    expect(results.badHorizon!.stderr).toBe('staffcast: invalid --horizon: "abc" is not a whole number\n');
    expect(results.badModel!.code).toBe(2);
    expect(results.badModel!.stderr).toMatch(/^staffcast: invalid --model: "prophet" \(one of auto, /);
  });

  it('says to go through the server when another process holds the database', async () => {
    const holder = await Database.open(dbPath);
    try {
      const { code, stderr } = await run(['forecast', '--queue', QUEUE, '--horizon', '7', '--json']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/in use by another process.*--server http:\/\/127\.0\.0\.1:PORT/);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
    }
  }, 30_000);
});
